"""Settings: language, UI size, theme, speech, drawing help. Changes apply at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QScrollBar,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kadr import i18n
from kadr.core.project import PLAY_MODES, Project
from kadr.i18n import LANGUAGES, tr
from kadr.settings import Settings
from kadr.ui.a11y import big_enough, button, describe, label_button, slider
from kadr.ui.confirm import give_picture
from kadr.ui.layout import fit_dialog, make_scrollable
from kadr.ui.theme import SCALES, theme_names

# which settings each control changes (a teacher's lock on any of them disables it)
SETTING_OF = {"language": ("language",), "scale": ("ui_scale",), "theme": ("theme",),
              "speech": ("speech_enabled",), "talking": ("talking_buttons",),
              "reader": ("uses_screen_reader",), "rate": ("speech_rate",),
              "volume": ("speech_volume",), "voice": ("voice",), "stabiliser": ("stabiliser",),
              "pen_step": ("pen_step",), "scan": ("switch_scan", "switches"),
              "scan_speed": ("scan_seconds",), "scan_pause": ("scan_pause",),
              "scan_speak": ("scan_speak",), "sweep": ("sweep_seconds",), "skip": ("allow_skip",),
              "click_move": ("click_move_click",), "dwell": ("dwell",),
              "dwell_seconds": ("dwell_seconds",), "ignore_marks": ("ignore_marks",),
              "motion": ("reduced_motion",), "easy_font": ("easy_font",),
              "spacing": ("text_spacing",)}


class SettingsDialog(QDialog):
    changed = Signal()
    onion_requested = Signal()  # the fine settings of "See other pictures"

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 voices: list[dict[str, object]] | None = None,
                 project: Project | None = None,
                 locked: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.locked = dict(locked or {})  # setting name -> the words its padlock shows
        self._locked_values = {n: getattr(settings, n) for n in self.locked
                               if hasattr(settings, n)}
        self.setWindowTitle(tr("Settings"))
        self.settings = settings
        self.project = project
        s = settings
        # the open film's own settings: how it repeats, and its other pictures
        self.play_mode: QComboBox | None = None
        self.onion_button = None
        if project is not None:
            self.play_mode = self._combo("set_play_mode", [(m, m) for m in PLAY_MODES],
                                         project.settings.play_mode)
            self.play_mode.currentIndexChanged.connect(self._play_mode_chosen)
            self.onion_button = button("set_onion", self, on_click=self.onion_requested.emit)
        self.language = self._combo("set_language", [(n, c) for c, n in LANGUAGES.items()],
                                    s.language or "en")
        self.scale = self._combo("set_ui_size", [(f"{round(x * 100)} %", x) for x in SCALES],
                                 s.ui_scale)
        self.theme = self._combo("set_theme", [(n, c) for c, n in theme_names().items()],
                                 s.theme or "standard")
        self.speech = self._check("set_speech", s.speech_enabled)
        self.talking = self._check("set_talking_buttons", s.talking_buttons)
        self.reader = self._check("set_screen_reader", s.uses_screen_reader)
        self.rate = slider("set_speech_rate", self, 80, 220, s.speech_rate, 10)
        self.volume = slider("set_speech_volume", self, 0, 100, round(s.speech_volume * 100), 10)
        # "" lets Kadr choose the voice of the learner's language
        self.voice = self._combo("set_voice", [("", "")] + [
            (str(v.get("name") or v.get("id")), str(v.get("id"))) for v in (voices or [])],
            s.voice)
        self.stabiliser = slider("set_stabiliser", self, 0, 10, s.stabiliser, 1)
        self.steady_row = self._ends(self.stabiliser, ("shaky", "steady"))
        # motor access: no dragging, clicking by resting, accidental taps (issue 17)
        self.click_move = self._check("set_click_move_click", s.click_move_click)
        self.dwell = self._combo("set_dwell", [("", "off"), ("", "controls"), ("", "paper")],
                                 s.dwell)
        self.dwell_seconds = slider("set_dwell_seconds", self, 5, 30,
                                    round(s.dwell_seconds * 10), 5)
        self.ignore_marks = slider("set_ignore_marks", self, 0, 40, s.ignore_marks, 4)
        # calm and clear
        self.motion = self._combo("set_reduced_motion", [("", ""), ("", "on"), ("", "off")],
                                  s.reduced_motion)
        self.easy_font = self._check("set_easy_font", s.easy_font)
        self.spacing = slider("set_text_spacing", self, 0, 3, s.text_spacing, 1)
        self.pen_step = QSpinBox(self)
        self.pen_step.setObjectName("set_pen_step")
        big_enough(self.pen_step)
        self.pen_step.setRange(1, 100)
        self.pen_step.setValue(s.pen_step)
        # switch scanning: off, one switch (automatic) or two (step and choose)
        mode = "off" if not s.switch_scan else ("two" if s.switches == 2 else "one")
        self.scan = self._combo("set_scan_mode", [("", "off"), ("", "one"), ("", "two")], mode)
        self.scan_speed = slider("set_scan_seconds", self, 5, 50, round(s.scan_seconds * 10), 5)
        self.scan_pause = slider("set_scan_pause", self, 0, 20, round(s.scan_pause * 10), 5)
        self.scan_speak = self._check("set_scan_speak", s.scan_speak)
        self.sweep = slider("set_sweep_seconds", self, 20, 200, round(s.sweep_seconds * 10), 10)
        self.skip = self._check("set_allow_skip", s.allow_skip)
        self.close_button = button("settings_close", self, on_click=self.accept)
        give_picture(self.close_button, "back")
        self.form = QFormLayout()
        self.labels: dict[QWidget, QLabel] = {}
        layout = QVBoxLayout(self)
        if self.onion_button is not None:
            layout.addWidget(self.onion_button)
        layout.addLayout(self.form)
        layout.addWidget(self.close_button)
        self.retranslate()
        self._labels_above_when_wide(layout)
        self.body_scroll = make_scrollable(self, "settingsScroll", below=(self.close_button,))
        for combo in (self.language, self.scale, self.theme, self.voice, self.scan, self.dwell,
                      self.motion):
            combo.currentIndexChanged.connect(self._apply)
        for box in (self.speech, self.talking, self.reader, self.skip, self.scan_speak,
                    self.click_move, self.easy_font):
            box.toggled.connect(self._apply)
        for w in (self.rate, self.volume, self.stabiliser, self.pen_step, self.scan_speed,
                  self.scan_pause, self.sweep, self.dwell_seconds, self.ignore_marks,
                  self.spacing):
            w.valueChanged.connect(self._apply)
        # a language chosen here changes this window's words at once, too
        i18n.add_listener(self._language_changed)
        self.finished.connect(lambda _result: i18n.remove_listener(self._language_changed))
        self.destroyed.connect(lambda *_: i18n.remove_listener(self._language_changed))

    def _labels_above_when_wide(self, layout: QVBoxLayout) -> None:
        """Each label above its control when label and control side by side are wider than
        the screen (UI size 200 % on a small screen): the window then scrolls only up and
        down, and no choice is squeezed until its words are cut."""
        margins = layout.contentsMargins()
        room = self.screen().availableGeometry().width() - margins.left() - margins.right()
        bar = QScrollBar(Qt.Orientation.Vertical).sizeHint().width()  # as the theme draws it
        if self.form.sizeHint().width() > room - bar:
            self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def _combo(self, name: str, items: Sequence[tuple[str, object]],
               current: object) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        big_enough(combo)
        for text, value in items:
            combo.addItem(text, value)
        for i in range(combo.count()):
            if combo.itemData(i) == current:
                combo.setCurrentIndex(i)
        return combo

    def _check(self, name: str, value: bool) -> QCheckBox:
        box = QCheckBox(self)
        box.setObjectName(name)
        big_enough(box)
        box.setChecked(value)
        return box

    def _ends(self, widget: QWidget, pictures: tuple[str, str]) -> QWidget:
        """``widget`` (a slider) with a picture and a word at each end, not numbers."""
        from PySide6.QtWidgets import QGridLayout

        from kadr.ui import icons

        row = QWidget(self)
        row.setObjectName(f"{widget.objectName()}Row")
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        self.end_words: dict[str, QLabel] = getattr(self, "end_words", {})
        for column, name in ((0, pictures[0]), (2, pictures[1])):
            picture = QLabel(row)
            picture.setObjectName(f"{widget.objectName()}_{name}")
            picture.setPixmap(icons.icon(name).pixmap(40, 40))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            word = QLabel(row)  # the words are set in retranslate
            word.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.end_words[name] = word
            grid.addWidget(picture, 0, column)
            grid.addWidget(word, 1, column)
        grid.addWidget(widget, 0, 1, 2, 1)
        grid.setColumnStretch(1, 1)
        return row

    def _play_mode_chosen(self) -> None:
        if self.project is not None and self.play_mode is not None:
            self.project.set_play_mode(self.play_mode.currentData())

    def retranslate(self) -> None:
        film_rows: list[tuple[QWidget, str, str]] = []
        if self.play_mode is not None:
            film_rows.append((self.play_mode, tr("How the film plays"),
                              tr("Again and again, once, or forwards and back")))
            for i, text in enumerate((tr("Play again and again"), tr("Play once"),
                                      tr("Play forwards and back"))):
                self.play_mode.setItemText(i, text)
        if self.onion_button is not None:
            label_button(self.onion_button, tr("Other pictures settings…"),
                         tr("Choose how many other pictures to see and their colours"))
        rows = film_rows + [
            (self.language, tr("Language"), tr("The language Kadr speaks and writes")),
            (self.scale, tr("Size of buttons and words"), tr("Make everything bigger")),
            (self.theme, tr("Colours"), tr("Standard, calm or high contrast colours")),
            (self.speech, tr("Kadr speaks"), tr("Kadr reads lessons and messages aloud")),
            (self.talking, tr("Talking buttons"),
             tr("Say a button's name when it gets focus or the mouse rests on it")),
            (self.reader, tr("I use a screen reader"),
             tr("Then Kadr leaves reading buttons to the screen reader")),
            (self.rate, tr("Speaking speed"), tr("How fast Kadr speaks")),
            (self.volume, tr("Loudness"), tr("How loud Kadr speaks")),
            (self.voice, tr("Voice"), tr("Whose voice Kadr speaks with")),
            (self.stabiliser, tr("Steady hand"),
             tr("Smooths shaky lines: from off (left) to very steady (right)")),
            (self.click_move, tr("Click to start and stop drawing"),
             tr("No dragging: click to put the pen down, move, click again to lift it")),
            (self.dwell, tr("Click by resting the pointer"),
             tr("Hold the pointer still on a button to press it")),
            (self.dwell_seconds, tr("Resting time"),
             tr("How long the pointer rests before it clicks, from half a second to 3 "
                "seconds")),
            (self.ignore_marks, tr("Ignore tiny marks"),
             tr("Taps and very short lines are not drawn. Off at the left")),
            (self.motion, tr("Movement on screen"),
             tr("Still: nothing moves or blinks by itself. Your film still plays")),
            (self.easy_font, tr("Letters easy to tell apart"),
             tr("A font where letters like I, l and 1 look different")),
            (self.spacing, tr("Space between letters, words and lines"),
             tr("More room between letters, words and lines, for easier reading")),
            (self.pen_step, tr("Keyboard pen step"), tr("How far one arrow key moves the pen")),
            (self.scan, tr("Switch scanning"),
             tr("One switch: Kadr moves by itself, Space or Enter chooses. Two switches: "
                "Space moves on, Enter chooses")),
            (self.scan_speed, tr("Scanning time"),
             tr("How long each button stays chosen, from half a second to 5 seconds")),
            (self.scan_pause, tr("Pause after a press"),
             tr("Presses right after a press are not taken, for up to 2 seconds")),
            (self.scan_speak, tr("Say each button"),
             tr("Kadr says what the scanning box is on")),
            (self.sweep, tr("Pointing line time"),
             tr("How many seconds a line takes to cross the paper when you draw by switch")),
            (self.skip, tr("Lessons can be skipped"),
             tr("For teachers: let learners skip lesson steps")),
        ]
        first = not self.labels
        held = self.held()
        for widget, label, desc in rows:
            words = held.get(widget, "")
            if words:  # the teacher's lock: a padlock, the words, and no way to change it
                desc = f"{words}. {desc}"
            describe(widget, label, desc)
            if isinstance(widget, QCheckBox):
                widget.setText(f"{label} — {words}" if words else label)
                if words:
                    from kadr.ui import icons

                    widget.setIcon(icons.icon("padlock"))
                if first:
                    self.form.addRow(widget)
                continue
            if first:
                self.labels[widget] = QLabel(self)
                self.labels[widget].setBuddy(widget)
                self.form.addRow(self.labels[widget],
                                 self.steady_row if widget is self.stabiliser else widget)
            if words:
                from kadr.ui.learner_settings import locked_label

                self.labels[widget].setText(locked_label(label, words))
            else:
                self.labels[widget].setText(label)
        self.setWindowTitle(tr("Settings"))
        scroll = getattr(self, "body_scroll", None)
        if scroll is not None:  # new words, new sizes
            fit_dialog(self, scroll)
        label_button(self.close_button, tr("Close"), tr("Go back"), "Esc")
        self.voice.setItemText(0, tr("Automatic"))
        for i, text in enumerate((tr("Off"), tr("One switch"), tr("Two switches"))):
            self.scan.setItemText(i, text)
        for i, text in enumerate((tr("Off"), tr("On buttons"), tr("On buttons and the paper"))):
            self.dwell.setItemText(i, text)
        for i, text in enumerate((tr("Like the computer"), tr("Still"), tr("Moving"))):
            self.motion.setItemText(i, text)
        self.end_words["shaky"].setText(tr("Off"))
        self.end_words["steady"].setText(tr("Very steady"))
        names = theme_names()
        for i in range(self.theme.count()):
            self.theme.setItemText(i, names[self.theme.itemData(i)])

    def held(self) -> dict[QWidget, str]:
        """The controls of locked settings, with their lock's words; each one disabled."""
        out: dict[QWidget, str] = {}
        for attr, names in SETTING_OF.items():
            words = next((self.locked[n] for n in names if n in self.locked), "")
            if words:
                widget: QWidget = getattr(self, attr)
                widget.setEnabled(False)
                out[widget] = words
        return out

    def _apply(self) -> None:
        s = self.settings
        s.language = self.language.currentData()
        s.ui_scale = float(self.scale.currentData())
        s.theme = self.theme.currentData()
        s.speech_enabled = self.speech.isChecked()
        s.talking_buttons = self.talking.isChecked()
        s.uses_screen_reader = self.reader.isChecked()
        s.speech_rate = self.rate.value()
        s.speech_volume = self.volume.value() / 100
        s.voice = self.voice.currentData() or ""
        s.stabiliser = self.stabiliser.value()
        s.click_move_click = self.click_move.isChecked()
        s.dwell = self.dwell.currentData()
        s.dwell_seconds = self.dwell_seconds.value() / 10
        s.ignore_marks = self.ignore_marks.value()
        s.reduced_motion = self.motion.currentData()
        s.easy_font = self.easy_font.isChecked()
        s.text_spacing = self.spacing.value()
        s.pen_step = self.pen_step.value()
        mode = self.scan.currentData()
        s.switch_scan = mode != "off"
        s.switches = 2 if mode == "two" else 1
        s.scan_seconds = self.scan_speed.value() / 10
        s.scan_pause = self.scan_pause.value() / 10
        s.scan_speak = self.scan_speak.isChecked()
        s.sweep_seconds = self.sweep.value() / 10
        s.allow_skip = self.skip.isChecked()
        for name in self.locked:  # never changed here, whatever a control says
            if hasattr(s, name) and name in self._locked_values:
                setattr(s, name, self._locked_values[name])
        self.changed.emit()

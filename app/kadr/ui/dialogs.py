"""Small dialogs: help (the list of keys, readable aloud), first-start language choice,
and onion-skin settings. Every control named, sized and reachable by keyboard.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kadr.core.onion import AFTER_TINT, BEFORE_TINT, OnionSettings
from kadr.i18n import LANGUAGES, tr
from kadr.ui.a11y import announce, big_enough, button, describe, label_button, slider
from kadr.ui.confirm import give_picture, ui_scale
from kadr.ui.layout import make_scrollable
from kadr.ui.wrapping import WrappedLabel


def shortcut_lines() -> list[tuple[str, str]]:
    """Every key Kadr understands, in words (shown in Help and read aloud)."""
    return [
        ("Space", tr("Play or stop the film")),
        ("Left / Right", tr("The picture before / the next picture")),
        ("Home / End", tr("The first / the last picture")),
        ("Ctrl+N", tr("Add a blank picture")),
        ("Ctrl+D", tr("Copy this picture")),
        ("Delete", tr("Delete this picture (in the pictures strip)")),
        ("+ / -", tr("Make this picture last longer / shorter (in the pictures strip)")),
        ("Ctrl+Left / Ctrl+Right", tr("Move this picture earlier / later (in the pictures strip)")),
        ("Ctrl+Z / Ctrl+Y", tr("Undo / Redo")),
        ("B E F L R C I", tr("Brush, Eraser, Fill, Line, Rectangle, Circle, Colour picker")),
        ("O", tr("See other pictures: on or off")),
        ("[ / ]", tr("Thinner / thicker line")),
        ("K", tr("Draw with keys: on or off")),
        (tr("Arrow keys"), tr("With Draw with keys: move the pen (Shift: big steps)")),
        ("Space", tr("With Draw with keys: put the pen down or lift it")),
        ("Enter", tr("With Draw with keys: a dot; for shapes, the first and second point")),
        ("W", tr("With Draw with keys: where is the pen?")),
        (tr("Arrow keys"), tr("In tools, sizes and colours: choose the next one")),
        ("Enter", tr("Press the chosen button")),
        ("Ctrl+= / Ctrl+- / Ctrl+0", tr("Bigger / smaller / whole picture")),
        (tr("Arrow keys"), tr("Zoomed in: move the view (on the drawing paper)")),
        ("F6", tr("Go to the next part of the window")),
        ("Ctrl+E", tr("Share your film")),
        ("F1", tr("This help")),
    ]


class HelpDialog(QDialog):
    read_aloud = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(tr("Help"))
        self.text = QTextBrowser(self)
        self.text.setObjectName("helpText")
        # a caret a screen reader can walk line by line with the arrow keys
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        lines = shortcut_lines()
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in lines)
        self.text.setHtml(f"<h2>{tr('Keys')}</h2><table cellpadding='6'>{rows}</table>")
        describe(self.text, tr("Keys"), tr("Every key Kadr understands"))
        self.speak = button("help_read", self, on_click=lambda: self.read_aloud.emit(
            ". ".join(f"{k}: {v}" for k, v in lines)))
        label_button(self.speak, tr("Read aloud"), tr("Hear the list of keys"))
        give_picture(self.speak, "say_again")
        # for teachers: Kadr's record of problems, to send to whoever looks after it
        self.copy_log = button("help_copy_log", self, on_click=self._copy_log)
        label_button(self.copy_log, tr("Copy the log"),
                     tr("For teachers: copy Kadr's record of problems to send to "
                        "whoever looks after Kadr"))
        self.status = WrappedLabel(self)
        self.status.setObjectName("helpStatus")
        close = button("help_close", self, on_click=self.accept)
        give_picture(close, "back")
        label_button(close, tr("Close"), tr("Go back to drawing"), "Esc")
        # one under another: long words at UI size 200 % are never cut
        row = QVBoxLayout()
        row.addWidget(self.speak)
        row.addWidget(self.copy_log)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        # at UI size 200 % its buttons with their pictures need more than 560 px
        self.resize(QSize(640, 560).expandedTo(self.sizeHint()))

    def _copy_log(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from kadr import log

        QGuiApplication.clipboard().setText(log.read_log())
        self.status.setText(tr("The log is copied. Paste it into an e-mail to whoever "
                               "looks after Kadr."))
        announce(self, self.status.text())


class LanguageDialog(QDialog):
    """Big buttons, each in its own language (no flags: a flag is a country)."""

    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageDialog")
        self.setWindowTitle("Kadr")
        self.chosen = suggested
        layout = QVBoxLayout(self)
        # asked first, so a blind child hears one voice from the start: with a screen
        # reader Kadr's own voice stays quiet and its messages go to the screen reader
        self.screen_reader = QCheckBox(self)
        self.screen_reader.setObjectName("first_screen_reader")
        big_enough(self.screen_reader)
        self.screen_reader.setText(tr("I use a screen reader"))
        describe(self.screen_reader, tr("I use a screen reader"),
                 tr("Then Kadr leaves reading buttons to the screen reader"))
        layout.addWidget(self.screen_reader)
        title = QLabel(tr("Choose your language"), self)
        title.setObjectName("languageTitle")
        layout.addWidget(title)
        english: QWidget | None = None
        for code, name in LANGUAGES.items():
            b = button(f"language_{code}", self, on_click=partial(self._choose, code))
            b.setText(name)
            describe(b, name, name)
            layout.addWidget(b)
            if code == suggested:
                b.setDefault(True)
                b.setFocus()
            if code == "en":
                english = b
        if english is not None:
            QWidget.setTabOrder(self.screen_reader, english)

    def _choose(self, code: str) -> None:
        self.chosen = code
        self.accept()


class OnionDialog(QDialog):
    """How many pictures before and after, how strong, which colours, outline, loop."""

    changed = Signal(object)

    def __init__(self, onion: OnionSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onionDialog")
        self.setWindowTitle(tr("Other pictures settings"))
        self.onion = onion
        form = QFormLayout()
        self.before = self._spin("onion_before", onion.before, tr("Pictures before"),
                                 tr("How many earlier pictures to see, 0 to 5"))
        self.after = self._spin("onion_after", onion.after, tr("Pictures after"),
                                tr("How many later pictures to see, 0 to 5"))
        self.strength = slider("onion_strength", self, 10, 90, round(onion.opacity * 100), 10)
        describe(self.strength, tr("How strong"), tr("How strongly the other pictures show"))
        self.outline = self._check("onion_outline", onion.outline, tr("Only outlines"),
                                   tr("Show only the edges of other pictures"))
        self.loop = self._check("onion_loop", onion.loop, tr("Loop"),
                                tr("The first picture shows under the last one"))
        self.playing = self._check("onion_playing", onion.during_playback,
                                   tr("Also while playing"),
                                   tr("Keep showing other pictures while the film plays"))
        self.before_tint = button("onion_before_colour", self,
                                  on_click=lambda: self._tint("before_tint"))
        self.after_tint = button("onion_after_colour", self,
                                 on_click=lambda: self._tint("after_tint"))
        label_button(self.before_tint, tr("Colour before"), tr("Colour of earlier pictures"))
        label_button(self.after_tint, tr("Colour after"), tr("Colour of later pictures"))
        reset = self.reset = button("onion_reset", self, on_click=self._reset)
        label_button(reset, tr("Blue and orange"), tr("Use the usual colours again"))
        self._show_tints()
        close = button("onion_close", self, on_click=self.accept)
        give_picture(close, "back")
        label_button(close, tr("Close"), tr("Go back to drawing"), "Esc")
        form.addRow(tr("Pictures before"), self.before)
        form.addRow(tr("Pictures after"), self.after)
        form.addRow(tr("How strong"), self.strength)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for w in (self.outline, self.loop, self.playing, self.before_tint, self.after_tint,
                  reset, close):
            layout.addWidget(w)
        for spin in (self.before, self.after):
            spin.valueChanged.connect(self._emit)
        self.strength.valueChanged.connect(self._emit)
        for w in (self.outline, self.loop, self.playing):
            w.toggled.connect(self._emit)
        self.body_scroll = make_scrollable(self, "onionScroll", below=(close,))

    def _spin(self, name: str, value: int, label: str, desc: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        big_enough(spin)
        spin.setRange(0, 5)
        spin.setValue(value)
        describe(spin, label, desc)
        return spin

    def _check(self, name: str, value: bool, label: str, desc: str) -> QCheckBox:
        box = QCheckBox(label, self)
        box.setObjectName(name)
        big_enough(box)
        box.setChecked(value)
        describe(box, label, desc)
        return box

    def _tint(self, field: str) -> None:
        """The big grid of named colours (no system colour chooser)."""
        from kadr.ui.colour_dialog import choose_colour

        title = tr("Colour before") if field == "before_tint" else tr("Colour after")
        colour = choose_colour(self, getattr(self.onion, field), title)
        if colour:
            self.use_tint(field, colour)

    def use_tint(self, field: str, colour: str) -> None:
        self.onion = self.onion.with_(**{field: colour})
        self._show_tints()
        self.changed.emit(self.onion)

    def _reset(self) -> None:
        self.onion = self.onion.with_(before_tint=BEFORE_TINT, after_tint=AFTER_TINT)
        self._show_tints()
        self.changed.emit(self.onion)

    def _show_tints(self) -> None:
        """Each colour button shows its colour as its picture, and the usual pair on the
        button that brings them back: a colour is seen, not read."""
        from kadr.ui.icons import colours, icon_size
        from kadr.ui.tools_panel import swatch_icon

        size = icon_size(ui_scale())
        ink = colours()[0]
        for b, colour, right in ((self.before_tint, self.onion.before_tint, None),
                                 (self.after_tint, self.onion.after_tint, None),
                                 (self.reset, BEFORE_TINT, AFTER_TINT)):
            b.setIcon(swatch_icon(colour, size.width(), False, ink, right))
            b.setIconSize(size)

    def _emit(self) -> None:
        self.onion = self.onion.with_(
            before=self.before.value(), after=self.after.value(),
            opacity=self.strength.value() / 100, outline=self.outline.isChecked(),
            loop=self.loop.isChecked(), during_playback=self.playing.isChecked())
        self.changed.emit(self.onion)

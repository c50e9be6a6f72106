"""The lesson panel (one step at a time), the lesson picker and the "my journey" view.

The panel shows the current step in big words with its picture, says it (through
``speak_requested``, which the studio connects to speech), and offers Say it again, Help
(the help ladder, ui/help_ladder.py), Back and Next. The studio calls ``check_now()`` after
every edit (debounced here) and ``notice()`` for events, and paints ``overlay`` (guides,
pulses, demonstrations, the faint picture to trace) over the canvas.

When a goal is not met after the child has drawn and paused, the check's reason (a
``Why``) is shown, announced and said once, and its guide or place pulses on the paper;
it is said again only when it changes or when the child asks with Help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kadr.core.project import Project
from kadr.i18n import tr, tr_speech
from kadr.lessons.engine import LessonRun, Outcome
from kadr.lessons.model import Lesson, Step
from kadr.lessons.progress import Progress
from kadr.lessons.symbols import render_svg, step_svg
from kadr.lessons.why import Why, why_words
from kadr.ui import icons
from kadr.ui.a11y import (
    PictureButton,
    announce,
    button,
    describe,
    label_button,
    picture_button,
)
from kadr.ui.help_ladder import HelpLadder, Rung, button_words
from kadr.ui.lesson_overlay import LessonOverlay
from kadr.ui.wrapping import WrappedLabel

# Keys (the studio may change them; descriptions say them in words).
SHORTCUTS = {"say": "F2", "hint": "F3", "back": "Alt+Left", "next": "Alt+Right"}
PICTURE_SIZE = 96
DEBOUNCE_MS = 1000  # praise after the child pauses, not in the middle of a face


def step_picture(lesson: Lesson, step: Step | None, size: int = PICTURE_SIZE) -> QPixmap:
    return QPixmap.fromImage(render_svg(step_svg(lesson, step), size))


class Translated(QWidget):
    """Re-translates itself when Qt says the language changed."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LessonPanel(Translated):
    """One lesson, one step at a time. Dock it beside the canvas."""

    speak_requested = Signal(str)  # words to say (kana readings in Japanese)
    # words the child asked to hear (Say it again): Kadr's voice reads them even for a
    # child whose screen reader reads everything else
    read_aloud = Signal(str)
    guides_changed = Signal(list)  # list[kadr.lessons.Guide] for the canvas overlay
    announced = Signal(str)  # every screen-reader announcement, also for logs and tests
    step_changed = Signal(int)  # 0-based index of the new current step
    lesson_finished = Signal(str)  # lesson id
    go_to_picture = Signal(int)  # the child chose to go to the picture a reason names (0-based)

    def __init__(self, parent: QWidget | None = None, progress: Progress | None = None,
                 allow_skip: bool = True, hint_after_seconds: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self.progress, self.allow_skip = progress, allow_skip
        self.run: LessonRun | None = None
        self._checking = False
        self._drawing = False
        self._acted = False  # the child drew on this step (no reasons before that)
        self._why: Why | None = None  # the latest reason the goal is not met
        self._said_why = ""  # the reason last said (not said again until it changes)
        self._hint_words: Callable[[], str] | None = None  # the hint area, in any language
        self._offered: int | None = None  # the picture (0-based) the Go button goes to
        self.overlay = LessonOverlay(self)  # the studio paints it over the canvas
        self.ladder = HelpLadder(self.overlay, self)
        self.title = self._label("lessonTitle", 1.3, bold=True)
        self.dots = self._label("lessonProgress", 1.3)
        self.stars = self._label("lessonStars", 1.1)
        self.picture = QLabel(self)
        self.picture.setObjectName("lessonPicture")
        self.picture.setFixedSize(PICTURE_SIZE, PICTURE_SIZE)
        self.instruction = self._label("lessonInstruction", 1.6, bold=True)
        self.feedback = self._label("lessonFeedback", 1.3)
        self.hint_label = self._label("lessonHint", 1.2)
        # the step, its praise and its hint are Tab stops: a blind child reaches and
        # re-reads them (Tab, or F6 to the lesson), the step first
        for label in (self.instruction, self.feedback, self.hint_label):
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # offered when a reason names another picture; the page never turns by itself
        self.go_button = button("lessonGoToPicture", self, on_click=self._go_to_offered)
        self.go_button.hide()
        # picture buttons in a grid of two columns: four words always fit the panel
        self.say_button = picture_button("lessonSayAgain", "say_again", self,
                                         on_click=self.say_again)
        self.hint_button = picture_button("lessonHintButton", "hint", self,
                                          on_click=self.show_hint)
        self.back_button = picture_button("lessonBack", "back", self, on_click=self.back)
        self.next_button = picture_button("lessonNext", "next", self, on_click=self.skip)
        for b in self.buttons():
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._layout()
        self.set_button_height(56)  # the studio sets its own size when it places the panel
        self._debounce = self._timer(self._check)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._hint_timer = self._timer(self._help_by_itself)
        self.set_hint_delay(hint_after_seconds)
        self.retranslate()

    def _label(self, name: str, scale: float, bold: bool = False) -> QLabel:
        label = WrappedLabel(self)  # Japanese lines break between words
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setPointSizeF(max(14.0, font.pointSizeF() * scale))
        font.setBold(bold)
        label.setFont(font)
        return label

    def _timer(self, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def buttons(self) -> list[PictureButton]:
        return [self.say_button, self.hint_button, self.back_button, self.next_button]

    def set_button_height(self, side: int) -> None:
        """Buttons as tall as the studio's (their width is the panel's half)."""
        for b in self.buttons():
            b.fix_size(None, side)
            b.setIconSize(QSize(round(side * 0.6), round(side * 0.6)))

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for n, widgets in enumerate([(self.title, self.stars), (self.picture, self.instruction)]):
            row = QHBoxLayout()
            for w in widgets:
                row.addWidget(w, 1 if w in (self.title, self.instruction) else 0)
            layout.addLayout(row)
            if n == 0:
                layout.addWidget(self.dots)
        layout.addWidget(self.feedback)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.go_button)
        layout.addStretch(1)  # new text grows into this space: the buttons stay put
        grid = self._grid = QGridLayout()
        for i, b in enumerate(self.buttons()):
            grid.addWidget(b, i // 2, i % 2)
        layout.addLayout(grid)
        chain: list[QWidget] = [self.hint_label, self.go_button, *self.buttons()]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

    # -- the studio's calls ------------------------------------------------------------
    def start(self, lesson: Lesson, project: Project, progress: Progress | None = None,
              allow_skip: bool | None = None, resume: bool = False) -> LessonRun:
        """Begin ``lesson`` on ``project`` (see Lesson.new_project() for a fresh one)."""
        if progress is not None:
            self.progress = progress
        if allow_skip is not None:
            self.allow_skip = allow_skip
        self.run = LessonRun(lesson, project, self.progress, allow_skip=self.allow_skip,
                             resume=resume)
        self.run.step_listeners.append(lambda _run: self._step_shown())
        self.feedback.clear()
        self._step_shown()
        return self.run

    def notice(self, event: str, **data: Any) -> None:
        """An event from the studio: onion_on, played, fps_changed, exported."""
        run = self.run
        if run is not None and not run.finished:
            self._judge(lambda: run.notice(event, **data))

    def check_now(self) -> None:
        """Check the goal once the child pauses (call after every edit; edits within a
        second of each other are merged)."""
        if self.run is not None and not self.run.finished and not self._drawing:
            self._debounce.start()

    def check_at_once(self) -> None:
        """A page turn: the child has finished that picture, check now."""
        if self.run is not None and not self.run.finished and not self._drawing:
            self._debounce.stop()
            QTimer.singleShot(0, self, self._check)

    def drawing(self, on: bool) -> None:
        """No check while the pen is down; the pause is counted from pen-up."""
        self._drawing = on
        if on:
            self._acted = True
            self._debounce.stop()
            self._hint_timer.stop()
        else:
            self.check_now()  # help by itself counts from that check (see _check)

    def set_allow_skip(self, allowed: bool) -> None:
        self.allow_skip = allowed
        if self.run is not None:
            self.run.allow_skip = allowed
        self._update_buttons()
        self.retranslate()

    def set_hint_delay(self, seconds: int) -> None:
        """Show the hint quietly after ``seconds`` on one step (0 = only on request)."""
        self.hint_after_seconds = max(0, int(seconds))
        self._restart_hint_timer()

    # -- buttons -----------------------------------------------------------------------
    def say_again(self) -> None:
        if self.run is not None:
            self.read_aloud.emit(self.run.repeat())

    def show_hint(self, spoken: bool = True, by_itself: bool = False) -> None:
        """Help (F3): the next rung of the help ladder, shown, announced and said. The
        child asking hears the reason again; help that comes by itself does not repeat
        a reason just said."""
        run = self.run
        if run is None or run.finished:
            return
        why = self._why
        said = why is not None and bool(why.words) and why_words(why)[0] == self._said_why
        rung = self.ladder.climb(run, why, say_why=not (by_itself and said))
        if rung is None:
            return
        if rung.number == 1 and why is not None and why.words and not by_itself:
            self._said_why = why_words(why)[0]  # said now: the next check does not again
        self._show_hint(self._rung_words(rung))
        self._offer(rung.picture)
        self._label_help_button()
        self._announce(rung.shown)
        if spoken:
            self.speak_requested.emit(rung.spoken)

    def _help_by_itself(self) -> None:
        """A teacher's hint_after_seconds: the first rung comes after a pause."""
        if self.ladder.rung == 0 and not self._drawing:
            self.show_hint(by_itself=True)

    def _rung_words(self, rung: Rung) -> Callable[[], str]:
        """The rung's words, asked again in the current language after a switch."""
        return lambda: rung.shown

    def _show_hint(self, words: Callable[[], str]) -> None:
        self._hint_words = words
        self.hint_label.setText(words())
        self.hint_label.show()

    def _offer(self, picture: int | None) -> None:
        """Offer going to ``picture`` (0-based) when the child is on another one."""
        if picture is None or picture == self.overlay.page_of():
            self._offered = None
            self.go_button.hide()
            return
        self._offered = picture
        self._label_go_button()
        self.go_button.show()
        # Tab goes from the words on show to it (the studio's reading order has no place
        # for a button that comes and goes)
        QWidget.setTabOrder(self.hint_label, self.go_button)

    def _go_to_offered(self) -> None:
        picture = self._offered
        self._offer(None)
        if picture is not None:
            self.go_to_picture.emit(picture)

    def back(self) -> None:
        if self.run is not None:
            self.feedback.clear()
            self.run.back()

    def skip(self) -> None:
        if self.run is not None and self.allow_skip and not self.run.finished:
            self.feedback.clear()
            self.run.skip()

    # -- what happens ------------------------------------------------------------------
    def _check(self) -> None:
        if self._offered is not None and self._offered == self.overlay.page_of():
            self._offer(None)  # the child went there
        if self.run is not None and not self.run.finished:
            self._judge(self.run.check)
            if not self._drawing:  # help by itself comes that long after this pause
                self._restart_hint_timer()

    def _judge(self, look: Callable[[], Outcome]) -> None:
        self._checking = True  # the outcome, not the step change, speaks for the new step
        try:
            outcome = look()
        finally:
            self._checking = False
        self._handle(outcome)

    def _handle(self, outcome: Outcome) -> None:
        """Warm words and a star for a met goal, then the next step (or the end)."""
        run = self.run
        if run is None:
            return
        if not outcome.met:
            if not outcome.finished:
                self._tell_why(outcome.why)
            return
        shown = [outcome.feedback, tr("You got a star!")]
        spoken = [outcome.say, tr_speech("You got a star!")]
        self.feedback.setText("\u2605 " + " ".join(shown))
        if outcome.finished:
            shown.append(tr("You finished the lesson!"))
            spoken.append(tr_speech("You finished the lesson!"))
            self.lesson_finished.emit(run.lesson.id)
        else:
            shown += [self.dots.accessibleName() + ".", run.instruction()]
            spoken.append(run.repeat())
            self._debounce.start()  # the next goal may be met already: then praise it too
        self._announce(" ".join(w for w in shown if w))
        self.speak_requested.emit(" ".join(w for w in spoken if w))

    def _tell_why(self, why: Why | None) -> None:
        """Say what is missing, once: only after the child drew on this step and paused,
        never while the pen is down, and again only when the words change."""
        self._why = why
        run = self.run
        step = run.current_step if run is not None else None
        if run is None or step is None or self._drawing or not self._acted:
            return
        lesson = run.lesson

        def words() -> str:  # in the language of the moment (a switch re-reads it)
            if why is not None and why.words:
                return why_words(why)[0]
            return lesson.text("hint", step.id)  # no reason given: never a silent "not yet"

        shown = words()
        spoken = why_words(why)[1] if why is not None and why.words else \
            lesson.text("hint", step.id, speech=True)
        if not shown or shown == self._said_why:
            return
        self._said_why = shown
        self._show_hint(words)
        self._offer(why.picture - 1 if why is not None and why.picture else None)
        if why is not None:
            self.ladder.point_at(run, why)
        self._announce(shown)
        self.speak_requested.emit(spoken)

    def _step_shown(self) -> None:
        run = self.run
        if run is None:
            return
        self.hint_label.clear()
        self.hint_label.hide()
        self._hint_words = None
        self._why, self._said_why, self._acted = None, "", False
        self._offer(None)
        self.ladder.reset()
        self._label_help_button()
        self._render_step()
        self.overlay.set_guides(run.guides())
        self.guides_changed.emit(run.guides())
        self.step_changed.emit(run.index)
        self._restart_hint_timer()
        if not run.finished and not self._checking:
            self._announce(f"{self.dots.accessibleName()}. {run.instruction()}")
            self.speak_requested.emit(run.repeat())

    def _render_step(self) -> None:
        run = self.run
        if run is None:
            self.title.setText(tr("Lessons"))
            return
        lesson, step = run.lesson, run.current_step
        self.title.setText(lesson.title())
        words = tr("Step {number} of {count}", number=run.step_number, count=run.step_count)
        filled = run.step_count if run.finished else run.index
        self.dots.setText("\u25cf " * filled + "\u25c9 " * (not run.finished)
                          + "\u25cb " * (run.step_count - filled - (not run.finished)))
        self.dots.setAccessibleName(words)
        self.dots.setToolTip(words)
        stars = self.progress.stars(lesson.id) if self.progress is not None else run.stars
        self.stars.setText(tr("Stars: {count}", count=stars))
        self.title.setToolTip(lesson.text("goal"))
        self.instruction.setText(tr("You finished the lesson!") if step is None
                                 else run.instruction())
        self.picture.setPixmap(step_picture(lesson, step))
        self._update_buttons()

    def _update_buttons(self) -> None:
        run = self.run
        active = run is not None and not run.finished
        self.say_button.setEnabled(run is not None)
        self.hint_button.setEnabled(active)
        self.back_button.setEnabled(run is not None and (run.finished or run.index > 0))
        self.next_button.setEnabled(active and self.allow_skip)

    def _restart_hint_timer(self) -> None:
        self._hint_timer.stop()
        if self.hint_after_seconds and self.run is not None and not self.run.finished:
            self._hint_timer.start(self.hint_after_seconds * 1000)

    def _announce(self, text: str) -> None:
        announce(self, text)
        self.announced.emit(text)

    # -- words -------------------------------------------------------------------------
    def retranslate(self) -> None:
        label_button(self.say_button, tr("Say it again"), tr("Hear this step again"),
                     SHORTCUTS["say"])
        label_button(self.back_button, tr("Back"), tr("Go back to the step before"),
                     SHORTCUTS["back"])
        next_help = (tr("Go to the next step") if self.allow_skip
                     else tr("Your teacher has switched off skipping."))
        label_button(self.next_button, tr("Next"), next_help, SHORTCUTS["next"])
        for b, key in ((self.say_button, "say"), (self.hint_button, "hint"),
                       (self.back_button, "back"), (self.next_button, "next")):
            b.setShortcut(SHORTCUTS[key])
        describe(self.picture, tr("Picture for this step"), tr("Picture for this step"))
        self._label_help_button()
        self._label_go_button()
        self._render_step()
        if self._hint_words is not None and not self.hint_label.isHidden():
            # the hint on show, in the new language (not counted as another hint)
            self.hint_label.setText(self._hint_words())

    def _label_help_button(self) -> None:
        """Help says what its next press does (and shows that rung's pictogram)."""
        word, description, picture = self.ladder.next_words()
        # Help's column is as wide as its longest word on any rung: no button moves
        # under the child's finger when the word changes
        widest = 0
        for rung in range(1, 5):
            self.hint_button.setText(button_words(rung, False)[0])
            widest = max(widest, self.hint_button.sizeHint().width())
        self._grid.setColumnMinimumWidth(1, widest)
        label_button(self.hint_button, word, description, SHORTCUTS["hint"])
        self.hint_button.setShortcut(SHORTCUTS["hint"])  # setText() clears a shortcut
        if self.hint_button.property("picture") != picture:
            self.hint_button.setProperty("picture", picture)
            self.hint_button.setIcon(icons.icon(picture))

    def _label_go_button(self) -> None:
        if self._offered is None:  # hidden until a reason names a picture
            label_button(self.go_button, tr("Go to the picture"),
                         tr("Show the picture the words name on the paper"))
            return
        number = self._offered + 1
        label_button(self.go_button, tr("Go to picture {number}", number=number),
                     tr("Show picture {number} on the paper", number=number))

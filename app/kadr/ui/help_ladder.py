"""The help ladder of a lesson step (errorless teaching, lessons-research.md rule 8).

Each press of Help gives the next rung, and each rung is shown, said and announced:

1. the hint in words, with the place to act on highlighted: the button the step names, or
   the guide or place on the paper (a gentle pulse);
2. "Show me": the lesson's example picture drawn on the paper before the child's eyes
   (a canvas demonstration, not a video); for a step about a button, the button named
   and highlighted again;
3. "Help me do it": a faint copy of the example picture on the paper to trace, until the
   step is met or the page turns; for a step about a button, the keyboard is put on it.

Rungs given are recorded (``Progress.hint_used`` once per rung) so a teacher sees how
much help a step needed and can fade it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from kadr.core.picture import const_array
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.i18n import tr, tr_speech
from kadr.lessons.demo import DemoPlan, plan_demo
from kadr.lessons.engine import LessonRun
from kadr.lessons.guide import Guide
from kadr.lessons.model import Lesson
from kadr.lessons.why import Why, why_words
from kadr.ui.lesson_overlay import LessonOverlay

TOP_RUNG = 3
CONTROL_PULSES = 3  # a named button's highlight goes off and on this many times
CONTROL_PULSE_MS = 700


Words = Callable[[], tuple[str, str]]  # (to show, to say) in the language of the moment


@dataclass(frozen=True)
class Rung:
    number: int  # 1, 2 or 3
    words: Words  # asked again after a language switch
    picture: int | None = None  # a picture (0-based) to offer going to, when not the page

    @property
    def shown(self) -> str:
        """Words for the hint area."""
        return self.words()[0]

    @property
    def spoken(self) -> str:
        """The same words for speech (kana in Japanese)."""
        return self.words()[1]


def button_words(next_rung: int, about_controls: bool) -> tuple[str, str, str]:
    """The Help button's word, description and pictogram for the press to come."""
    if next_rung == 2:
        return (tr("Show me"), tr("See which button to press") if about_controls
                else tr("Watch it being drawn on the paper"), "watch")
    if next_rung == 3:
        return (tr("Help me do it"), tr("Go to the button to press") if about_controls
                else tr("Get a faint picture on the paper to draw over"), "trace")
    if next_rung > TOP_RUNG:
        return tr("Hint"), tr("Hear the help again"), "hint"
    return tr("Hint"), tr("Hear a hint and see where to look"), "hint"


def pulse_controls(widgets: list[QWidget], still: bool) -> None:
    """Make the step's highlighted buttons blink gently a few times (or, with reduced
    motion, simply stay highlighted as they are)."""
    if still or not widgets:
        return
    flips = [0]

    def flip() -> None:
        flips[0] += 1
        on = flips[0] % 2 == 0 or flips[0] >= 2 * CONTROL_PULSES
        for w in widgets:
            w.setProperty("lessonTarget", on)
            w.style().unpolish(w)
            w.style().polish(w)
        if flips[0] < 2 * CONTROL_PULSES:
            QTimer.singleShot(CONTROL_PULSE_MS // 2, widgets[0], flip)

    flip()


class HelpLadder(QObject):
    """The rungs of help for the current step; the lesson panel asks it for the next."""

    def __init__(self, overlay: LessonOverlay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overlay = overlay
        self.rung = 0  # the highest rung given on the current step
        self.step_controls: Callable[[], list[QWidget]] = list  # set by the studio
        self._example: tuple[str, Project | None] | None = None  # (lesson id, film)
        self._pictures: dict[int, tuple[np.ndarray, DemoPlan]] = {}

    def reset(self) -> None:
        """A new step: the ladder starts again from the bottom; the canvas is cleared."""
        self.rung = 0
        self.overlay.clear_help()

    def about_controls(self) -> bool:
        return bool(self.step_controls())

    def next_words(self) -> tuple[str, str, str]:
        return button_words(self.rung + 1, self.about_controls())

    # -- climbing ----------------------------------------------------------------------
    def climb(self, run: LessonRun, why: Why | None, say_why: bool = True) -> Rung | None:
        """Give the next rung (the top one again once reached) and return its words. The
        first rung starts with the reason ``why`` unless ``say_why`` is False (it was
        just said); it still points where ``why`` points."""
        step = run.current_step
        if step is None:
            return None
        number = min(TOP_RUNG, self.rung + 1)
        first_time = number > self.rung
        self.rung = number
        if number == 1:
            run.hint()  # counted in run.hints_shown and in the learner's progress
        elif first_time:
            run.hints_shown += 1
            if run.progress is not None:
                run.progress.hint_used(run.lesson.id, step.id)
        controls = self.step_controls()
        if controls:
            return self._control_rung(run, why, number, controls, say_why)
        return self._canvas_rung(run, why, number, say_why)

    def _hint(self, run: LessonRun, why: Why | None, say_why: bool = True) -> Words:
        step = run.current_step
        assert step is not None
        lesson, step_id = run.lesson, step.id

        def words() -> tuple[str, str]:
            hint = lesson.text("hint", step_id)
            spoken = lesson.text("hint", step_id, speech=True)
            if why is not None and why.words and say_why:
                shown_why, said_why = why_words(why)
                return f"{shown_why} {hint}".strip(), f"{said_why} {spoken}".strip()
            return hint, spoken

        return words

    def point_at(self, run: LessonRun, why: Why | None) -> None:
        """Pulse the place or guide ``why`` names (or else the step's guides)."""
        guides: list[Guide] = []
        place = None
        if why is not None:
            if why.guide is not None and why.guide in run.lesson.guides:
                guides = [run.lesson.guides[why.guide]]
            place = why.place
        if not guides and place is None:
            guides = run.guides()  # no reason given: the step's own guides
        self.overlay.pulse(guides, place)

    def _control_rung(self, run: LessonRun, why: Why | None, number: int,
                      controls: list[QWidget], say_why: bool) -> Rung:
        still = self.overlay.reduced_motion
        pulse_controls(controls, still)
        self.point_at(run, why)
        control = controls[0]

        def name() -> str:
            return control.accessibleName() or control.objectName()

        if number == 1:
            return Rung(1, self._hint(run, why, say_why))
        if number == 2:
            return Rung(2, lambda: (tr("Press this button: {name}.", name=name()),
                                    tr_speech("Press this button: {name}.", name=name())))
        control.setFocus()  # Enter or Space presses it now
        return Rung(3, lambda: (tr("{name} is ready. Press Enter, or click it.", name=name()),
                                tr_speech("{name} is ready. Press Enter, or click it.",
                                          name=name())))

    def _canvas_rung(self, run: LessonRun, why: Why | None, number: int,
                     say_why: bool) -> Rung:
        page = self.overlay.page_of()
        target = why.picture - 1 if why is not None and why.picture else page
        if number == 1:
            self.point_at(run, why)
            return Rung(1, self._hint(run, why, say_why))
        picture = self.example_picture(run.lesson, target)
        if picture is None:  # no example to show: the hint and the highlight again
            self.point_at(run, why)
            return Rung(number, self._hint(run, why))
        pixels, plan = picture
        n = target + 1
        if number == 2:
            self.overlay.play_demo(pixels, plan, target)
            if target != page:
                return Rung(2, lambda: (
                    tr("Watch. This is picture {number} in the example film.", number=n),
                    tr_speech("Watch. This is picture {number} in the example film.",
                              number=n)), target)
            return Rung(2, lambda: (tr("Watch. This is how it can look."),
                                    tr_speech("Watch. This is how it can look.")))
        h, w = pixels.shape[:2]
        image = QImage(np.ascontiguousarray(pixels).data, w, h, w * 4,
                       QImage.Format.Format_ARGB32_Premultiplied).copy()
        self.overlay.show_trace(image, target)
        if target != page:
            return Rung(3, lambda: (
                tr("Go to picture {number}. A faint picture is there for you to draw over.",
                   number=n),
                tr_speech("Go to picture {number}. A faint picture is there for you to draw "
                          "over.", number=n)), target)
        return Rung(3, lambda: (tr("Draw over the faint picture. Follow its lines."),
                                tr_speech("Draw over the faint picture. Follow its lines.")))

    # -- the example film --------------------------------------------------------------
    def example_picture(self, lesson: Lesson, index: int) -> tuple[np.ndarray, DemoPlan] | None:
        """The example film's picture ``index`` (the last one for a later page) as pixels
        and the pen's way through it; None when there is no example or no ink."""
        if self._example is None or self._example[0] != lesson.id:
            try:
                film: Project | None = lesson.example_project()
            except Exception:  # noqa: BLE001 - a missing or broken example: no demonstration
                film = None
            self._example, self._pictures = (lesson.id, film), {}
        film = self._example[1]
        if film is None or not film.frames:
            return None
        index = max(0, min(index, len(film.frames) - 1))
        if index not in self._pictures:
            image = Renderer(film).drawing(index)  # alive while its pixels are copied
            pixels = const_array(image).copy()
            self._pictures[index] = (pixels, plan_demo(pixels))
        pixels, plan = self._pictures[index]
        return None if plan.empty else (pixels, plan)

"""Running a lesson: one step at a time, checks on demand, warm words when a goal is met.

A run started with ``resume`` (a lesson film opened again) begins at the learner's last
step; a finished lesson opens at its end, not at a step and not with the celebration again:
the child reopened the film to look at it or draw more, and steps the film already meets
would each be praised again at the first stroke. One started again after finishing goes
on at its step.

The engine never fails the child and never acts because time passed: ``check()`` only
looks, and advances when the current goal is met. The studio reports what happened with
``notice()`` (events: onion_on, played, fps_changed, exported) and asks for ``check()``
after edits. Plain Python with callbacks; the lesson panel wraps it for Qt.

When a goal is not met, ``Outcome.why`` is the reason of the first unmet check that gives
one (in goal order): words that say what is missing, the picture to go to, and a guide or
place to pulse. A reason with neither a guide nor a place gets the step's guide when the
step shows exactly one. ``not_yet(outcome)`` gives the words to show and say after the
child pauses: the reason, or the step's hint when no check gave one, so the child never
hears a silent "not yet".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kadr.core.project import Project
from kadr.i18n import tr_speech
from kadr.lessons.checks import run_check
from kadr.lessons.guide import Guide
from kadr.lessons.model import Lesson, Step
from kadr.lessons.progress import Progress
from kadr.lessons.registry import Event
from kadr.lessons.why import Why, why_words


@dataclass(frozen=True)
class Outcome:
    """What one ``check()`` found."""

    met: bool
    step_id: str  # the step that was checked
    feedback: str = ""  # praise to show (with a star) when met
    say: str = ""  # the same words to speak (kana reading in Japanese)
    star: bool = False
    finished: bool = False  # that was the last step
    missing: tuple[str, ...] = ()  # names of checks not met yet (for teachers and tests)
    why: Why | None = None  # the first reason an unmet check gives (see not_yet)


Listener = Callable[["LessonRun"], None]


class LessonRun:
    """One learner working through one lesson on one project."""

    def __init__(self, lesson: Lesson, project: Project, progress: Progress | None = None, *,
                 allow_skip: bool = True, resume: bool = False) -> None:
        self.lesson, self.project, self.progress = lesson, project, progress
        self.allow_skip = allow_skip
        self.index = 0
        self.finished = False
        self.stars = 0  # stars earned in this run
        self.events: list[Event] = []  # reported during the current step
        self.hints_shown = 0  # on the current step
        self.step_listeners: list[Listener] = []  # told when the current step changes
        if resume and progress is not None:
            last = progress.last_step(lesson.id)
            if any(s.id == last for s in lesson.steps):
                self.index = lesson.step_index(last)  # also a finished lesson started again
            elif progress.is_done(lesson.id):
                # a finished lesson reopened: at its end, with Back to its last step (not
                # at step 1, where steps the film already meets would be praised again)
                self.index, self.finished = len(lesson.steps) - 1, True
                if last:  # a step since taken out of the lesson: still finished
                    progress.step_reached(lesson.id, "")
        self._reached()

    # -- where we are ------------------------------------------------------------------
    @property
    def current_step(self) -> Step | None:
        return None if self.finished else self.lesson.steps[self.index]

    @property
    def step_number(self) -> int:
        """1-based number of the current step (the count when finished)."""
        return len(self.lesson.steps) if self.finished else self.index + 1

    @property
    def step_count(self) -> int:
        return len(self.lesson.steps)

    def instruction(self) -> str:
        step = self.current_step
        return "" if step is None else self.lesson.text("instruction", step.id)

    def repeat(self) -> str:
        """The current step's words to speak again (``say``, or the instruction)."""
        step = self.current_step
        if step is None:
            return tr_speech("You finished the lesson!")
        return self.lesson.text("say", step.id, speech=True)

    def hint(self) -> str:
        """The hint to show for the current step; remembered so adults can fade help."""
        step = self.current_step
        if step is None:
            return ""
        self.hints_shown += 1
        if self.progress is not None:
            self.progress.hint_used(self.lesson.id, step.id)
        return self.lesson.text("hint", step.id)

    def hint_speech(self) -> str:
        step = self.current_step
        return "" if step is None else self.lesson.text("hint", step.id, speech=True)

    def guides(self) -> list[Guide]:
        step = self.current_step
        return [] if step is None else self.lesson.step_guides(step)

    # -- what happens ------------------------------------------------------------------
    def notice(self, event: str, **data: Any) -> Outcome:
        """Record an event the studio saw, then check the current goal."""
        if not self.finished:
            self.events.append((event, dict(data)))
        return self.check()

    def check(self) -> Outcome:
        """Evaluate the current goal; when it is met, give a star and move on."""
        step = self.current_step
        if step is None:
            return Outcome(False, "", finished=True)
        missing: list[str] = []
        why: Why | None = None
        for goal in step.goals:
            verdict = run_check(goal.check, self._params(goal.params), self.project, self.events)
            if not verdict:
                missing.append(goal.check)
                if why is None and isinstance(verdict, Why):
                    why = verdict
        if missing:
            return Outcome(False, step.id, missing=tuple(missing), why=self._pointed(why, step))
        praise = self.lesson.text("praise", step.id)
        spoken = self.lesson.text("praise", step.id, speech=True)
        self.stars += 1
        if self.progress is not None:
            self.progress.step_met(self.lesson.id, step.id)
        last = self.index == len(self.lesson.steps) - 1
        self._advance()
        return Outcome(True, step.id, praise, spoken, star=True, finished=last)

    def _pointed(self, why: Why | None, step: Step) -> Why | None:
        """``why``, pointing at the step's one guide when it points nowhere itself."""
        if why is None or why.guide is not None or why.place is not None:
            return why
        shown = [g for g in step.guides if g in self.lesson.guides]
        return replace(why, guide=shown[0]) if len(shown) == 1 else why

    def why_words(self, outcome: Outcome) -> tuple[str, str] | None:
        """The reason of an unmet ``outcome`` to show and to say, or None if it has none."""
        return None if outcome.why is None else why_words(outcome.why)

    def not_yet(self, outcome: Outcome) -> tuple[str, str]:
        """What to show and say when ``outcome`` is not met and the child pauses: its
        reason, else the hint of its step ("" for a met outcome or a finished lesson).
        Not counted as asking for a hint (``hint()`` is)."""
        if outcome.met or not outcome.step_id:
            return "", ""
        said = self.why_words(outcome)
        if said is not None:
            return said
        return (self.lesson.text("hint", outcome.step_id),
                self.lesson.text("hint", outcome.step_id, speech=True))

    def _params(self, params: dict[str, Any]) -> dict[str, Any]:
        if "guide" in params and isinstance(params["guide"], str):
            return {**params, "guide": self.lesson.guides[params["guide"]]}
        return params

    # -- moving ------------------------------------------------------------------------
    def skip(self) -> bool:
        """Go on without meeting the goal (no star). False when the teacher locked it."""
        step = self.current_step
        if step is None or not self.allow_skip:
            return False
        if self.progress is not None:
            self.progress.step_skipped(self.lesson.id, step.id)
        self._advance()
        return True

    next = skip

    def back(self) -> bool:
        """Go to the step before (always allowed; nothing is taken away)."""
        if self.finished:
            self.finished = False
            self.index = len(self.lesson.steps) - 1
        elif self.index > 0:
            self.index -= 1
        else:
            return False
        self._reached()
        return True

    def restart(self) -> None:
        self.index, self.finished = 0, False
        self._reached()

    def _advance(self) -> None:
        if self.index >= len(self.lesson.steps) - 1:
            self.finished = True
            self.events, self.hints_shown = [], 0
            if self.progress is not None:
                self.progress.finish(self.lesson.id)
            self._tell()
            return
        self.index += 1
        self._reached()

    def _reached(self) -> None:
        self.events, self.hints_shown = [], 0
        step = self.current_step
        if self.progress is not None and step is not None:
            self.progress.step_reached(self.lesson.id, step.id)
        self._tell()

    def _tell(self) -> None:
        for fn in list(self.step_listeners):
            fn(self)

"""Where a lesson starts when its film is opened again: at the learner's last step, or, for
a finished lesson, at its end ("You finished the lesson!", with Back to its last step).

A finished lesson opens at its end, not at a step and not with the celebration again: the
child reopened their film to look at it or draw more, and steps their film already meets
would each be praised again at the first stroke; the celebration was for the moment they
finished. A lesson started again after it was finished goes on at its step.
"""

from __future__ import annotations

from kadr.core.project import Project
from kadr.lessons.engine import LessonRun
from kadr.lessons.model import Lesson
from kadr.ui.lesson_panel import LessonPanel


def start_run(panel: LessonPanel, lesson: Lesson, project: Project, resume: bool) -> LessonRun:
    """Start ``lesson`` on the panel: from step 1 for a new film, else where the learner was."""
    progress = panel.progress
    if not resume or progress is None or not progress.is_done(lesson.id):
        return panel.start(lesson, project, resume=resume)  # the engine resumes unfinished ones
    last = progress.last_step(lesson.id)
    run = _start_quietly(panel, lesson, project)
    if last and _has_step(lesson, last):
        run.index = lesson.step_index(last)  # started again after finishing: go on there
        progress.step_reached(lesson.id, last)
    else:
        run.index, run.finished = len(lesson.steps) - 1, True
        progress.step_reached(lesson.id, "")  # still finished: no step to carry on from
    for listener in list(run.step_listeners):  # the panel shows (and says) where it is
        listener(run)
    return run


def _start_quietly(panel: LessonPanel, lesson: Lesson, project: Project) -> LessonRun:
    """Start without saying step 1 (the engine begins a finished lesson there): the step
    the learner is really at is said once it is set."""
    panel._checking = True  # the panel's "an outcome speaks for the step" guard
    try:
        return panel.start(lesson, project)
    finally:
        panel._checking = False


def _has_step(lesson: Lesson, step_id: str) -> bool:
    return any(s.id == step_id for s in lesson.steps)

"""Guided lessons as data: folders under lessons/ read, checked and run by this package.

May import kadr.core and kadr.i18n only (never QtWidgets); the lesson panel is in kadr.ui.

The names below load on first use: importing one small module (progress, at start-up for
the learners) must not load the checks and scipy with them (0.5-0.9 s of start-up).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_WHERE = {
    "LessonRun": "engine", "Outcome": "engine", "Guide": "guide", "paint_guides": "guide",
    "load_lessons": "library", "shipped_lessons_dir": "library", "Lesson": "model",
    "Step": "model", "load_lesson": "model", "PackError": "pack", "import_pack": "pack",
    "LessonError": "problems", "Problem": "problems", "Progress": "progress",
    "TeacherSettings": "progress", "load_teacher_settings": "progress",
}

if TYPE_CHECKING:
    from kadr.lessons.engine import LessonRun, Outcome
    from kadr.lessons.guide import Guide, paint_guides
    from kadr.lessons.library import load_lessons, shipped_lessons_dir
    from kadr.lessons.model import Lesson, Step, load_lesson
    from kadr.lessons.pack import PackError, import_pack
    from kadr.lessons.problems import LessonError, Problem
    from kadr.lessons.progress import Progress, TeacherSettings, load_teacher_settings


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'kadr.lessons' has no attribute {name!r}")
    return getattr(import_module(f"kadr.lessons.{_WHERE[name]}"), name)


__all__ = [
    "Guide", "Lesson", "LessonError", "LessonRun", "Outcome", "PackError", "Problem",
    "Progress", "Step", "TeacherSettings", "import_pack", "load_lesson", "load_lessons",
    "load_teacher_settings", "paint_guides", "shipped_lessons_dir",
]

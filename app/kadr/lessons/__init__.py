"""Guided lessons as data: folders under lessons/ read, checked and run by this package.

May import kadr.core and kadr.i18n only (never QtWidgets); the lesson panel is in kadr.ui.
"""

from kadr.lessons.engine import LessonRun, Outcome
from kadr.lessons.guide import Guide, paint_guides
from kadr.lessons.library import load_lessons, shipped_lessons_dir
from kadr.lessons.model import Lesson, Step, load_lesson
from kadr.lessons.pack import PackError, import_pack
from kadr.lessons.problems import LessonError, Problem
from kadr.lessons.progress import Progress, TeacherSettings, load_teacher_settings

__all__ = [
    "Guide", "Lesson", "LessonError", "LessonRun", "Outcome", "PackError", "Problem",
    "Progress", "Step", "TeacherSettings", "import_pack", "load_lesson", "load_lessons",
    "load_teacher_settings", "paint_guides", "shipped_lessons_dir",
]

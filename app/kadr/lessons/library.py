"""Where lessons are and reading all of them."""

from __future__ import annotations

from pathlib import Path

from kadr.lessons.model import Lesson, parse_lesson
from kadr.lessons.problems import Problem, errors


def shipped_lessons_dir() -> Path:
    """The lessons that come with Kadr (kadr.data knows where: the package, a bundle or
    ``lessons/`` at the top of the source tree)."""
    from kadr.data import lessons_dir

    return lessons_dir()


def lesson_folders(root: Path) -> list[Path]:
    """Folders under ``root`` that hold a lesson.toml (``root`` itself if it is one)."""
    root = Path(root)
    if (root / "lesson.toml").is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")) and (p / "lesson.toml").is_file())


def load_lessons(root: Path | None = None) -> tuple[list[Lesson], list[Problem]]:
    """Every usable lesson under ``root`` (default: the shipped ones) in teaching order,
    and the problems of those that could not be used (they are left out, not fatal)."""
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    for folder in lesson_folders(root or shipped_lessons_dir()):
        lesson, found = parse_lesson(folder)
        if lesson is None or errors(found):
            problems += errors(found) or found
        else:
            lessons.append(lesson)
    lessons.sort(key=lambda x: (x.order, x.id))
    return lessons, problems

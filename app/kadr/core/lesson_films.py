"""A lesson's films in the library: the newest one to carry on, and a new one named after
the lesson ("A bouncing ball", then "A bouncing ball 2", ...), never over another film.

A film remembers its lesson in its own file (``Project.lesson``, the ``lesson`` key of the
meta table), so a copy, a renamed film or one brought on a USB stick still knows it.
"""

from __future__ import annotations

from pathlib import Path

from kadr.core.library import SUFFIX, Library, ProjectEntry, clean_title, safe_stem
from kadr.core.project import Project
from kadr.core.store import save_copy
from kadr.i18n import tr

MOST_NUMBERS = 1000  # "A bouncing ball 1000": past that the file name alone is made free


def films_for(library: Library, lesson_id: str) -> list[ProjectEntry]:
    """The films made for ``lesson_id`` that can be opened, newest first."""
    if not lesson_id:
        return []
    return [e for e in library.projects() if e.lesson == lesson_id and not e.broken]


def newest_film(library: Library, lesson_id: str) -> Path | None:
    films = films_for(library, lesson_id)
    return films[0].path if films else None


def free_title(library: Library, title: str) -> str:
    """``title``, or "title 2", "title 3"... : the first that no film in the library has
    (compared case-blind) and whose file name is free."""
    title = clean_title(title) or tr("My animation")
    taken = {e.title.casefold() for e in library.projects()}
    for n in range(1, MOST_NUMBERS + 1):
        name = title if n == 1 else tr("{title} {number}", title=title, number=n)
        stem = safe_stem(name)
        if name.casefold() not in taken and library.free_path(stem) == library.root / (stem + SUFFIX):
            return name
    return title


def new_lesson_film(library: Library, project: Project, lesson_id: str, title: str) -> Path:
    """Keep ``project`` as a new film for the lesson, named after it; returns its file.
    Raises OSError when the library cannot be written."""
    project.title = free_title(library, title)
    project.lesson = lesson_id
    library.root.mkdir(parents=True, exist_ok=True)
    path = library.free_path(safe_stem(project.title))
    save_copy(project, path)
    return path

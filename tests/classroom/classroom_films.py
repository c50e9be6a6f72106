"""Real films for the classroom tests (a module of its own: `conftest` is a name every test
folder has, so `from conftest import ...` finds another folder's in a whole-suite run)."""

from __future__ import annotations

from pathlib import Path


def make_film(folder: Path, title: str, pictures: int = 3) -> Path:
    """A real film of ``pictures`` drawings (a dot moving right) saved in ``folder``."""
    from helpers import film
    from kadr.core.library import safe_stem
    from kadr.core.store import save_copy

    project = film(pictures, 320, 240)
    project.title = title
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(title)}.kadr"
    save_copy(project, path)
    return path

"""Classroom tests: real learner folders, real .kadr films, real files in tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadr.classroom.learners import LearnerStore


@pytest.fixture
def store(tmp_path: Path) -> LearnerStore:
    return LearnerStore(tmp_path / "learners")


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


@pytest.fixture
def qt(qapp):  # type: ignore[no-untyped-def]
    """Films are drawn with Qt (offscreen)."""
    yield qapp

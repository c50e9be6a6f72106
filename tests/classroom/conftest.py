"""Classroom tests: real learner folders, real .kadr films, real files in tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadr.classroom.learners import LearnerStore


@pytest.fixture
def store(tmp_path: Path) -> LearnerStore:
    return LearnerStore(tmp_path / "learners")


@pytest.fixture
def qt(qapp):  # type: ignore[no-untyped-def]
    """Films are drawn with Qt (offscreen)."""
    yield qapp

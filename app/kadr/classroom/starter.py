""""Copy this starter film to every learner": a background or first pictures that each
child continues in a film of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kadr.classroom.learners import Learner, LearnerStore


@dataclass
class StarterResult:
    copied: dict[str, Path] = field(default_factory=dict)  # learner id -> their new film
    failed: dict[str, str] = field(default_factory=dict)  # learner id -> why, plain words


def copy_starter(film: Path, learners: list[Learner]) -> StarterResult:
    """A copy of ``film`` in each learner's films folder, under its own title (a free name
    beside films of the same title). One learner's full disk does not stop the others."""
    from kadr.core.library import Library, LibraryError
    from kadr.core.store import ProjectFileError, check_file

    check_file(film)  # a film Kadr cannot open goes to nobody: ProjectFileError
    result = StarterResult()
    for learner in learners:
        try:
            result.copied[learner.id] = Library(learner.films).import_file(film)
        except (LibraryError, ProjectFileError, OSError) as error:
            result.failed[learner.id] = str(error)
    return result


def copy_starter_to_everyone(store: LearnerStore, film: Path) -> StarterResult:
    return copy_starter(Path(film), store.learners())

"""An install from before learners becomes the first learner without losing films,
progress or settings."""

from __future__ import annotations

import json
from pathlib import Path

from kadr.classroom.effective import effective_settings, own_settings
from kadr.classroom.learners import LearnerStore, needs_chooser
from kadr.classroom.migration import MARKER, migrate_single_user
from kadr.core.library import Library
from kadr.lessons.progress import Progress


def old_install(tmp_path: Path) -> tuple[Path, Path]:
    config, library = tmp_path / "config", tmp_path / "data" / "library"
    (config / "learner").mkdir(parents=True)
    Progress(config / "learner").step_met("bounce", "squash")
    Progress(config / "learner").finish("bounce")
    (config / "learner" / "teacher.toml").write_text("[lessons]\nallow_skip = false\n",
                                                    encoding="utf-8")
    (config / "settings.json").write_text(json.dumps({
        "language": "ru", "ui_scale": 1.5, "talking_buttons": True, "stabiliser": 3,
        "library": "", "theme": "dark"}), encoding="utf-8")
    return config, library


def test_single_user_install_becomes_the_first_learner(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    """Films stay where they are and are the learner's; stars, the teacher's lesson file
    and the changed settings come along; the home skips the chooser."""
    from classroom_films import make_film

    config, library = old_install(tmp_path)
    film = make_film(library, "Bouncing ball", 2)
    store = LearnerStore(tmp_path / "data" / "learners")
    learner = migrate_single_user(store, config, library, name="Sam")
    assert learner is not None

    again = LearnerStore(tmp_path / "data" / "learners")
    [sam] = again.learners()
    assert sam.name == "Sam" and not needs_chooser(again)
    assert sam.films == library.resolve()
    assert [e.path for e in Library(sam.films).projects()] == [film.resolve()]
    progress = Progress(sam.progress_folder)
    assert progress.is_done("bounce") and progress.stars("bounce") == 1
    assert (sam.folder / "teacher.toml").read_text(encoding="utf-8").startswith("[lessons]")
    # only what differed from Kadr's defaults became the learner's own
    assert own_settings(sam) == {"language": "ru", "ui_scale": 1.5, "talking_buttons": True,
                                 "theme": "dark"}
    assert effective_settings(sam).ui_scale == 1.5
    # the old files are still there for an older Kadr
    assert (config / "settings.json").exists() and (config / "learner").is_dir()


def test_migration_happens_once(tmp_path: Path) -> None:
    """After it ran, removing the learner does not bring a second copy at the next start."""
    config, library = old_install(tmp_path)
    store = LearnerStore(tmp_path / "learners")
    first = migrate_single_user(store, config, library)
    assert first is not None and (store.root / MARKER).exists()
    store.remove(first)
    assert migrate_single_user(LearnerStore(store.root), config, library) is None
    assert store.learners() == []


def test_a_new_install_has_nothing_to_migrate(tmp_path: Path) -> None:
    store = LearnerStore(tmp_path / "learners")
    assert migrate_single_user(store, tmp_path / "config", tmp_path / "library") is None
    assert store.learners() == [] and needs_chooser(store)

"""Learners: each has their own folder, films, progress and settings; all of it is on
disk, so a new start (a new LearnerStore on the same folder) finds exactly the same."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kadr.classroom.avatars import AVATARS, avatar_path, next_free
from kadr.classroom.effective import own_settings, set_own
from kadr.classroom.learners import LearnerError, LearnerStore, needs_chooser
from kadr.lessons.progress import Progress


def test_learners_are_isolated_and_come_back_after_a_restart(tmp_path: Path) -> None:
    """Two learners' stars and settings never mix, and a re-opened store has them both."""
    store = LearnerStore(tmp_path / "learners")
    ana = store.add("Ana", "fox")
    ben = store.add("Ben", "owl")
    Progress(ana.progress_folder).step_met("bounce", "squash")
    set_own(ben, {"ui_scale": 1.5})
    (ana.films).mkdir(parents=True)
    (ana.films / "mine.kadr").write_bytes(b"x")

    again = LearnerStore(tmp_path / "learners")
    names = {learner.name: learner for learner in again.learners()}
    assert set(names) == {"Ana", "Ben"}
    assert names["Ana"].avatar == "fox" and names["Ben"].avatar == "owl"
    assert Progress(names["Ana"].progress_folder).stars("bounce") == 1
    assert Progress(names["Ben"].progress_folder).stars("bounce") == 0
    assert own_settings(names["Ben"]) == {"ui_scale": 1.5}
    assert own_settings(names["Ana"]) == {}
    assert [p.name for p in names["Ana"].films.iterdir()] == ["mine.kadr"]
    assert not names["Ben"].films.exists()


def test_rename_and_avatar_are_kept(store: LearnerStore) -> None:
    """A new name and picture are written at once."""
    learner = store.add("Ana", "cat")
    store.rename(learner, "  Anna   Maria ")
    store.set_avatar(learner, "robot")
    again = LearnerStore(store.root).get(learner.id)
    assert again is not None
    assert (again.name, again.avatar) == ("Anna Maria", "robot")


def test_names_must_be_there_and_differ(store: LearnerStore) -> None:
    """An empty name or one a learner has already (in any case) is refused in plain words."""
    store.add("Ana")
    with pytest.raises(LearnerError, match="type a name"):
        store.add("   ")
    with pytest.raises(LearnerError, match="already"):
        store.add("ANA")
    with pytest.raises(LearnerError):
        store.set_avatar(store.learners()[0], "dragon")


def test_removing_is_recoverable_with_everything(store: LearnerStore) -> None:
    """A removed learner disappears from the list, and restoring brings back their films,
    stars and settings, also after a restart."""
    ana = store.add("Ana", "frog")
    Progress(ana.progress_folder).finish("blink")
    set_own(ana, {"talking_buttons": True})
    ana.films.mkdir(parents=True)
    (ana.films / "walk.kadr").write_bytes(b"film")
    removed = store.remove(ana)
    assert store.learners() == []
    assert removed.place.is_dir() and not ana.folder.exists()

    again = LearnerStore(store.root)
    [waiting] = again.removed()
    assert waiting.learner.name == "Ana"
    back = again.restore(waiting)
    assert back.id == ana.id and back.avatar == "frog"
    assert Progress(back.progress_folder).is_done("blink")
    assert own_settings(back) == {"talking_buttons": True}
    assert (back.films / "walk.kadr").read_bytes() == b"film"
    assert again.removed() == []


def test_restoring_beside_a_new_learner_of_the_same_name(store: LearnerStore) -> None:
    """A restored learner whose name was given to someone new gets a numbered name."""
    removed = store.remove(store.add("Ana"))
    store.add("Ana")
    back = store.restore(removed)
    assert back.name == "Ana 2"


def test_films_kept_in_the_classroom_films_folder_move_with_removal(tmp_path: Path) -> None:
    """With a classroom films folder each learner's films are there under a readable name;
    removing and restoring moves them too."""
    store = LearnerStore(tmp_path / "learners", films_root=tmp_path / "share")
    ana = store.add("Ana")
    assert ana.films == tmp_path / "share" / f"Ana {ana.id}"
    ana.films.mkdir(parents=True)
    (ana.films / "a.kadr").write_bytes(b"a")
    removed = store.remove(ana)
    assert not ana.films.exists()
    assert any((tmp_path / "share" / ".removed").iterdir())
    back = LearnerStore(tmp_path / "learners", films_root=tmp_path / "share").restore(removed)
    assert (back.films / "a.kadr").read_bytes() == b"a"


def test_one_learner_at_home_skips_the_chooser(store: LearnerStore) -> None:
    """No learner or several: "Who is drawing?"; exactly one: straight in."""
    assert needs_chooser(store)
    only = store.add("Sam")
    assert not needs_chooser(store)
    store.add("Kim")
    assert needs_chooser(store)
    store.remove(only)
    assert not needs_chooser(store)


def test_a_damaged_profile_loses_one_learner_not_the_class(store: LearnerStore) -> None:
    """A profile that is not JSON is reported; the others are listed."""
    ana = store.add("Ana")
    store.add("Ben")
    (ana.folder / "profile.json").write_text("{not json", encoding="utf-8")
    assert [learner.name for learner in store.learners()] == ["Ben"]
    assert ana.folder.name in store.problems[0]


def test_last_active_and_shown_lessons_are_kept(store: LearnerStore) -> None:
    """The start screen's "last active" and the teacher's choice of lessons persist."""
    ana = store.add("Ana")
    store.touch(ana, now=1_700_000_000.0)
    store.set_shown(ana, lessons=["bounce"], tools=["brush", "eraser"])
    again = LearnerStore(store.root).get(ana.id)
    assert again is not None
    assert again.last_active == 1_700_000_000.0
    assert again.lessons_shown == ("bounce",) and again.tools_shown == ("brush", "eraser")


def test_avatars_are_our_own_valid_svgs() -> None:
    """Every avatar id has an SVG with the house outline (currentColor) and no text."""
    assert len(AVATARS) == 12
    for avatar in AVATARS:
        root = ET.parse(avatar_path(avatar)).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox") == "0 0 64 64" and root.get("stroke") == "currentColor"
        assert not root.findall(".//{http://www.w3.org/2000/svg}text")
    assert avatar_path("no-such") == avatar_path(AVATARS[0])
    assert next_free(["cat", "dog"]) == "fox"

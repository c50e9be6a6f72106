"""Effective settings: Kadr's defaults < classroom defaults < the learner's own < locks.
A lock is real: the learner's file cannot undo it and a learner's change is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kadr.classroom.classroom_file import load_classroom
from kadr.classroom.effective import (
    SettingLocked,
    TeacherLocks,
    effective_settings,
    own_settings,
    save_own_settings,
    set_own,
    visible_lessons,
    visible_tools,
)
from kadr.classroom.learners import LearnerStore
from kadr.classroom.teacher import TeacherMode


def classroom_with(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "kadr-classroom.toml"
    path.write_text(text, encoding="utf-8")
    classroom = load_classroom([path])
    assert classroom.problems == []
    return classroom


def test_the_layers(tmp_path: Path, store: LearnerStore) -> None:
    """Each layer wins over the one before it."""
    classroom = classroom_with(tmp_path, 'language = "ko"\n[defaults]\nui_scale = 1.5\n'
                                         'stabiliser = 6\n[locked]\nallow_skip = false\n')
    learner = store.add("Ana")
    set_own(learner, {"stabiliser": 2, "allow_skip": True}, teacher=True)  # before the lock
    s = effective_settings(learner, classroom)
    assert s.ui_scale == 1.5  # classroom default
    assert s.stabiliser == 2  # the learner's own over the default
    assert s.allow_skip is False  # the lock over the learner's own
    assert s.language == "ko"  # the class's language
    assert s.pen_step == 10  # Kadr's default


def test_a_locked_setting_in_the_learners_file_is_not_used(tmp_path: Path,
                                                          store: LearnerStore) -> None:
    """Even a settings file edited by hand to say otherwise gets the locked value."""
    classroom = classroom_with(tmp_path, "[locked]\nscan_seconds = 3.0\nlevel = \"simple\"\n")
    learner = store.add("Ana")
    learner.settings_path.write_text(json.dumps({"scan_seconds": 0.5, "level": "all"}),
                                     encoding="utf-8")
    s = effective_settings(learner, classroom)
    assert (s.scan_seconds, s.level) == (3.0, "simple")


def test_a_learner_cannot_change_a_locked_setting(tmp_path: Path, store: LearnerStore) -> None:
    """Saving settings that change a locked one is refused and nothing is written; the
    same save without that change goes through."""
    classroom = classroom_with(tmp_path, "[locked]\nallow_skip = false\n")
    learner = store.add("Ana")
    wanted = replace(effective_settings(learner, classroom), allow_skip=True, ui_scale=1.25)
    with pytest.raises(SettingLocked) as refused:
        save_own_settings(learner, wanted, classroom)
    assert refused.value.names == ["allow_skip"]
    assert own_settings(learner) == {}
    assert not learner.settings_path.exists()
    changed = save_own_settings(learner, replace(wanted, allow_skip=False), classroom)
    assert changed == ["ui_scale"]
    assert own_settings(learner) == {"ui_scale": 1.25}
    # teacher mode cannot lift the classroom file's lock either
    mode = TeacherMode(store, classroom, TeacherLocks(store.root))
    with pytest.raises(SettingLocked):
        mode.set_setting(learner, "allow_skip", True)
    with pytest.raises(SettingLocked):
        mode.unlock("allow_skip")


def test_only_changed_settings_are_kept_so_defaults_still_reach_the_learner(
        tmp_path: Path, store: LearnerStore) -> None:
    """Saving the whole settings object keeps only what changed: a classroom default set
    later still reaches this learner."""
    learner = store.add("Ana")
    s = effective_settings(learner)
    save_own_settings(learner, replace(s, talking_buttons=True))
    assert own_settings(learner) == {"talking_buttons": True}
    later = classroom_with(tmp_path, "[defaults]\nui_scale = 2.0\n")
    assert effective_settings(learner, later).ui_scale == 2.0


def test_teacher_locks_for_everyone_and_one_learner(tmp_path: Path, store: LearnerStore) -> None:
    """A teacher's lock holds after a restart; the learner's own lock wins over the one
    for everyone; unlocking gives the learner's own value back."""
    classroom = load_classroom([])
    ana, ben = store.add("Ana"), store.add("Ben")
    set_own(ana, {"stabiliser": 1})
    mode = TeacherMode(store, classroom, TeacherLocks(store.root))
    mode.lock("stabiliser", 5)
    mode.lock("stabiliser", 8, ana)
    locks = TeacherLocks(store.root)  # as after a restart
    assert effective_settings(ana, classroom, locks).stabiliser == 8
    assert effective_settings(ben, classroom, locks).stabiliser == 5
    with pytest.raises(SettingLocked):
        save_own_settings(ben, replace(effective_settings(ben, classroom, locks), stabiliser=2),
                          classroom, locks)
    assert mode.locked(ana) == {"stabiliser": "teacher"}
    mode.set_setting(ana, "stabiliser", 3)  # a teacher may change what the lock hides
    mode.unlock("stabiliser", ana)
    mode.unlock("stabiliser")
    assert effective_settings(ana, classroom, TeacherLocks(store.root)).stabiliser == 3
    with pytest.raises(ValueError):
        mode.lock("ui_scale", 9.0)


def test_lessons_and_tools_shown(tmp_path: Path, store: LearnerStore) -> None:
    """The classroom file limits what everyone sees; the teacher limits one learner more."""
    classroom = classroom_with(tmp_path, 'lessons = ["bounce", "blink", "walk"]\n'
                                         'tools = ["brush", "eraser"]\n')
    ana = store.add("Ana")
    every = ["blink", "bounce", "walk", "wave"]
    assert visible_lessons(ana, classroom, every) == ["blink", "bounce", "walk"]
    ana = store.set_shown(ana, lessons=["walk", "wave"], tools=None)
    assert visible_lessons(ana, classroom, every) == ["walk"]
    assert visible_tools(ana, classroom, ["brush", "fill", "eraser"]) == ["brush", "eraser"]
    assert visible_lessons(ana, None, every) == ["walk", "wave"]

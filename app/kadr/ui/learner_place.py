"""The classroom as the window sees it: the classroom file, the learners folder, the
teacher's PIN, and the settings, library and lessons of whoever is drawing.

No widgets here: the main window asks this object, so the single-user path (no learners:
``--library`` or ``$KADR_LIBRARY``) simply has none (docs/classroom.md).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from kadr.classroom.classroom_file import Classroom, load_classroom
from kadr.classroom.effective import (
    SettingLocked,
    TeacherLocks,
    effective_settings,
    locks_for,
    set_own,
    visible_lessons,
    visible_tools,
)
from kadr.classroom.learners import Learner, LearnerStore
from kadr.classroom.pin import TeacherPin
from kadr.classroom.places import LEARNERS, learners_root
from kadr.settings import Settings

NOBODY = ".nobody"  # an empty library shown behind "Who is drawing?" until someone is chosen
SHARE_COPIES = "share-copies"  # local working copies of films on a network share


@dataclass
class LearnerPlace:
    """Where this computer's learners are, and what the classroom file says about them.

    ``machine``: this computer account's own settings (language, size, colours for the
    start screen; a learner who never chose a language or colours keeps them)."""

    classroom: Classroom
    store: LearnerStore
    pin: TeacherPin
    machine: Settings
    work_root: Path  # local working copies of films kept on a network share

    @classmethod
    def open(cls, machine: Settings, classroom: Classroom | None = None,
             learners_folder: Path | None = None, work_root: Path | None = None
             ) -> LearnerPlace:
        """Read the classroom file (unless given) and open the learners folder. Raises
        LearnerError (plain words) when the folder cannot be used."""
        classroom = classroom if classroom is not None else load_classroom()
        machine = copy.copy(machine)  # the window's own object becomes the learner's
        root = learners_folder or learners_root(classroom.learners_folder)
        store = LearnerStore(root, classroom.films_folder)
        return cls(classroom, store, TeacherPin(store.root, classroom.pin_hash), machine,
                   work_root or root.parent / SHARE_COPIES)

    # -- settings ----------------------------------------------------------------------
    def locks(self) -> TeacherLocks:
        return TeacherLocks(self.store.root)  # read afresh: teacher mode may have changed it

    def settings_for(self, learner: Learner) -> Settings:
        settings = effective_settings(learner, self.classroom, self.locks())
        if not settings.language:
            settings.language = self.machine.language
        if not settings.theme:
            settings.theme = self.machine.theme
        return settings

    def locked(self, learner: Learner) -> dict[str, str]:
        """Setting name -> who locked it ("teacher" or "classroom")."""
        return {name: lock.by for name, lock in
                locks_for(learner, self.classroom, self.locks()).items()}

    def save(self, learner: Learner, settings: Settings, teacher: bool = False) -> list[str]:
        """Keep what differs from the learner's settings now as their own; a locked
        setting is never written (its value stays the locked one). The names written."""
        now = self.settings_for(learner)
        locked = self.locked(learner)
        changed = {f.name: getattr(settings, f.name) for f in fields(Settings)
                   if f.name != "library" and getattr(settings, f.name) != getattr(now, f.name)
                   and (f.name not in locked
                        or (teacher and locked[f.name] != "classroom"))}
        try:
            return set_own(learner, changed, self.classroom, self.locks(), teacher=teacher)
        except (SettingLocked, ValueError, OSError):
            return []

    def copy_into(self, settings: Settings, source: Settings) -> None:
        """Make ``settings`` (the object every screen holds) say what ``source`` says."""
        for f in fields(Settings):
            setattr(settings, f.name, getattr(source, f.name))

    def chooser_settings(self) -> Settings:
        """The start screen's settings: this computer's, in the classroom's language."""
        chosen = Settings(**{f.name: getattr(self.machine, f.name) for f in fields(Settings)})
        if self.classroom.language:
            chosen.language = self.classroom.language
        return chosen

    # -- what a learner sees -------------------------------------------------------------
    def lessons_folder(self) -> Path:
        """Where lesson packs go, for everyone: beside the learners folder the classroom
        file names, else in the data folder (where they were before learners)."""
        if self.classroom.learners_folder is not None or self.store.root.name != LEARNERS:
            return self.store.root / "lessons"
        return self.store.root.parent / "lessons"

    def lessons_shown(self, learner: Learner, ids: Iterable[str]) -> list[str]:
        return visible_lessons(learner, self.classroom, ids)

    def tools_shown(self, learner: Learner, names: Iterable[str]) -> list[str]:
        return visible_tools(learner, self.classroom, names)

    def nobody(self) -> Path:
        return self.store.root / NOBODY

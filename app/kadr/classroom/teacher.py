"""Teacher mode: what only a teacher may do, behind the PIN.

``enter_teacher_mode`` checks the PIN and gives a ``TeacherMode`` only when it is right;
the changes a child must not make (locks, any learner's settings, which lessons and tools
a learner sees, adding and removing learners) are its methods, so the UI cannot reach
them without passing the PIN. The classroom file's own locks are beyond teacher mode too:
they are changed in the file.
"""

from __future__ import annotations

from typing import Any

from kadr.classroom.classroom_file import Classroom, check_setting
from kadr.classroom.effective import (
    SettingLocked,
    TeacherLocks,
    effective_settings,
    locks_for,
    set_own,
)
from kadr.classroom.learners import Learner, LearnerStore, RemovedLearner
from kadr.classroom.pin import PinCheck, TeacherPin
from kadr.settings import Settings


class TeacherMode:
    """An open teacher mode over one learners folder."""

    def __init__(self, store: LearnerStore, classroom: Classroom, locks: TeacherLocks) -> None:
        self.store, self.classroom, self.locks = store, classroom, locks

    # -- learners ---------------------------------------------------------------------
    def add_learner(self, name: str, avatar: str) -> Learner:
        return self.store.add(name, avatar)

    def rename_learner(self, learner: Learner, name: str) -> Learner:
        return self.store.rename(learner, name)

    def set_avatar(self, learner: Learner, avatar: str) -> Learner:
        return self.store.set_avatar(learner, avatar)

    def remove_learner(self, learner: Learner) -> RemovedLearner:
        return self.store.remove(learner)

    def restore_learner(self, removed: RemovedLearner) -> Learner:
        return self.store.restore(removed)

    def set_shown(self, learner: Learner, lessons: list[str] | None,
                  tools: list[str] | None) -> Learner:
        """Which lessons and tools ``learner`` sees (None: all the classroom file allows)."""
        return self.store.set_shown(learner, lessons, tools)

    # -- settings and locks -----------------------------------------------------------
    def settings_of(self, learner: Learner) -> Settings:
        return effective_settings(learner, self.classroom, self.locks)

    def set_setting(self, learner: Learner, name: str, value: Any) -> None:
        """Change ``learner``'s own setting. Refused (SettingLocked) only for the
        classroom file's locks; ValueError for a value the setting cannot take."""
        set_own(learner, {name: value}, self.classroom, self.locks, teacher=True)

    def lock(self, name: str, value: Any, learner: Learner | None = None) -> None:
        """Lock setting ``name`` at ``value`` for one learner, or everyone (None)."""
        if name in self.classroom.locked:
            raise SettingLocked([name])
        checked, wrong = check_setting(name, value)
        if wrong:
            raise ValueError(f"{name}: {wrong}")
        table = self.locks.everyone if learner is None \
            else self.locks.learners.setdefault(learner.id, {})
        table[name] = checked
        self.locks.save()

    def unlock(self, name: str, learner: Learner | None = None) -> None:
        """Lift the teacher's lock (the classroom file's stay: SettingLocked)."""
        if name in self.classroom.locked:
            raise SettingLocked([name])
        table = self.locks.everyone if learner is None else self.locks.learners.get(learner.id, {})
        table.pop(name, None)
        self.locks.save()

    def locked(self, learner: Learner) -> dict[str, str]:
        """Setting name -> who locked it ("classroom" or "teacher") for ``learner``."""
        return {name: lock.by for name, lock in locks_for(learner, self.classroom,
                                                          self.locks).items()}


def enter_teacher_mode(pin: TeacherPin, typed: str, store: LearnerStore,
                       classroom: Classroom, now: float | None = None
                       ) -> tuple[PinCheck, TeacherMode | None]:
    """Check ``typed``; a TeacherMode only when it is the PIN. A PIN not set yet is set
    first (``pin.set_first``): then this answers NOT_SET."""
    result = pin.check(typed, now)
    if not result:
        return result, None
    return result, TeacherMode(store, classroom, TeacherLocks(store.root))

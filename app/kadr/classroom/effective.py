"""The settings a learner really gets, and who may change which.

Four layers, the later one wins::

    Kadr's defaults < the classroom file's [defaults] < the learner's own < locks

Locks are the teacher's (set in teacher mode, for everyone or one learner: the learner's
own lock wins) and, above all, the classroom file's ``[locked]``. A lock is real: whatever
the learner's settings file says, the effective value is the locked one, and a learner's
attempt to change a locked setting is refused (``SettingLocked``) with nothing written.

A learner's settings file keeps only what the learner (or a teacher for them) chose, so a
classroom default reaches every learner who has not chosen otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kadr import settings as app_settings
from kadr.classroom.classroom_file import Classroom, check_setting
from kadr.classroom.jsonfile import read_json, write_json
from kadr.classroom.learners import Learner
from kadr.i18n import tr

LOCKS_FILE = "teacher-locks.json"
SETTING_NAMES = tuple(f.name for f in fields(app_settings.Settings))


class SettingLocked(Exception):
    """A change to locked settings was refused; ``names`` are the locked ones."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(tr("A teacher has locked this setting."))
        self.names = names


@dataclass(frozen=True)
class Lock:
    value: Any
    by: str  # "classroom" (the classroom file: change it there) or "teacher"


class TeacherLocks:
    """The teacher's locks, in ``teacher-locks.json`` in the learners folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCKS_FILE
        data = read_json(self.path) or {}
        self.everyone = _valid_settings(data.get("everyone"))
        learners = data.get("learners")
        self.learners: dict[str, dict[str, Any]] = {
            str(k): _valid_settings(v) for k, v in learners.items()
        } if isinstance(learners, dict) else {}

    def for_learner(self, learner_id: str) -> dict[str, Any]:
        return {**self.everyone, **self.learners.get(learner_id, {})}

    def save(self) -> None:
        """Raises OSError when the disk refuses."""
        write_json(self.path, {"version": 1, "everyone": self.everyone,
                               "learners": {k: v for k, v in self.learners.items() if v}})


def _valid_settings(data: Any) -> dict[str, Any]:
    """The settings in ``data`` that are real settings with valid values."""
    if not isinstance(data, dict):
        return {}
    kept = {}
    for name, value in data.items():
        checked, wrong = check_setting(str(name), value)
        if not wrong:
            kept[str(name)] = checked
    return kept


def own_settings(learner: Learner) -> dict[str, Any]:
    """What the learner's own settings file sets (valid values only)."""
    return _valid_settings(read_json(learner.settings_path))


def locks_for(learner: Learner, classroom: Classroom | None = None,
              locks: TeacherLocks | None = None) -> dict[str, Lock]:
    """Every locked setting of ``learner``, with who locked it."""
    found = {name: Lock(value, "teacher")
             for name, value in (locks.for_learner(learner.id) if locks else {}).items()}
    if classroom is not None:
        found.update({name: Lock(value, "classroom") for name, value in classroom.locked.items()})
    return found


def effective_settings(learner: Learner, classroom: Classroom | None = None,
                       locks: TeacherLocks | None = None) -> app_settings.Settings:
    """The settings ``learner`` works with (see the module's words for the layers)."""
    chosen: dict[str, Any] = {}
    if classroom is not None:
        if classroom.language:  # the class's language is every learner's first language
            chosen["language"] = classroom.language
        chosen.update(classroom.defaults)
    chosen.update(own_settings(learner))
    chosen.update({name: lock.value for name, lock in locks_for(learner, classroom, locks).items()})
    return app_settings.Settings(**chosen)


def save_own_settings(learner: Learner, wanted: app_settings.Settings,
                      classroom: Classroom | None = None, locks: TeacherLocks | None = None,
                      *, teacher: bool = False) -> list[str]:
    """Keep the settings the learner changed (``wanted`` against their effective settings)
    in their own file; returns the names changed. A change to a locked setting raises
    SettingLocked and nothing is written; in teacher mode only the classroom file's locks
    refuse (a teacher may change what a lock hides: it shows when the lock is lifted)."""
    now = effective_settings(learner, classroom, locks)
    changed = [name for name in SETTING_NAMES if getattr(wanted, name) != getattr(now, name)]
    return set_own(learner, {name: getattr(wanted, name) for name in changed}, classroom, locks,
                   teacher=teacher)


def set_own(learner: Learner, values: dict[str, Any], classroom: Classroom | None = None,
            locks: TeacherLocks | None = None, *, teacher: bool = False) -> list[str]:
    """Set some of the learner's own settings (see ``save_own_settings``). A value that is
    not valid for its setting raises ValueError; returns the names written."""
    if not values:
        return []
    held = locks_for(learner, classroom, locks)
    refused = [name for name in values
               if name in held and (not teacher or held[name].by == "classroom")]
    if refused:
        raise SettingLocked(refused)
    checked = {}
    for name, value in values.items():
        kept, wrong = check_setting(name, value)
        if wrong:
            raise ValueError(f"{name}: {wrong}")
        checked[name] = kept
    own = own_settings(learner)
    own.update(checked)
    write_json(learner.settings_path, own)
    return list(checked)


def _visible(everything: Iterable[str], *limits: tuple[str, ...] | None) -> list[str]:
    shown = list(everything)
    for limit in limits:
        if limit is not None:
            shown = [item for item in shown if item in limit]
    return shown


def visible_lessons(learner: Learner, classroom: Classroom | None,
                    all_lessons: Iterable[str]) -> list[str]:
    """The lesson ids ``learner`` sees, in the order given: those the classroom file
    lists (all when it lists none) and the teacher chose for this learner."""
    return _visible(all_lessons, classroom.lessons if classroom else None, learner.lessons_shown)


def visible_tools(learner: Learner, classroom: Classroom | None,
                  all_tools: Iterable[str]) -> list[str]:
    """The tools ``learner`` sees (as ``visible_lessons``)."""
    return _visible(all_tools, classroom.tools if classroom else None, learner.tools_shown)

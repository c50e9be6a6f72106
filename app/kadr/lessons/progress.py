"""A learner's lesson progress (lessons done, stars, last step) and teacher settings.

Both live in a learner folder passed in by the studio, so each learner can have their own.
Progress is JSON written atomically (temporary file, then rename). A damaged file is put
aside (renamed ``*.damaged.json``, never deleted) and the learner starts fresh with a plain
message in ``problem``; nothing here raises on bad files.

Each lesson also keeps when it was first started (``started_at``) and first finished
(``finished_at``), and ``seconds``: the time spent in it, counting the gaps between the
learner's steps, stars and hints that are shorter than IDLE_SECONDS (a lesson left open
over lunch does not count as an hour). Files from before have none of these: 0.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

from kadr.i18n import tr

PROGRESS_FILE = "lessons-progress.json"
TEACHER_FILE = "teacher.toml"
VERSION = 1
IDLE_SECONDS = 300  # a longer pause between two steps is not counted as time in the lesson


def _fresh_lesson() -> dict[str, Any]:
    return {"done": False, "last_step": "", "met": [], "skipped": [], "hints": {}, "finished": 0}


class Progress:
    """Read once when made; every change is saved at once (small file, atomic)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / PROGRESS_FILE
        self.problem = ""  # plain words for the learner or teacher; "" when all is well
        self.data: dict[str, Any] = self._read()
        self.clock: Callable[[], float] = time.time  # when things happen (tests pass theirs)
        # told after every change (a star, a step, a finished lesson): the lessons screen
        # and "my journey" show it at once, not after a restart
        self.listeners: list[Callable[[], None]] = []

    def _read(self) -> dict[str, Any]:
        fresh: dict[str, Any] = {"version": VERSION, "lessons": {}}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return fresh
        except (OSError, UnicodeDecodeError):
            return self._damaged(fresh)
        try:
            data = json.loads(text)
            lessons = data["lessons"]
            if not isinstance(lessons, dict) or not isinstance(data.get("version"), int):
                raise ValueError("bad shape")
            for entry in lessons.values():
                if not isinstance(entry, dict) or not isinstance(entry.get("met", []), list):
                    raise ValueError("bad lesson entry")
        except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: deep JSON
            return self._damaged(fresh)
        for key, entry in lessons.items():
            lessons[key] = {**_fresh_lesson(), **entry}
        return {"version": VERSION, "lessons": lessons}

    def _damaged(self, fresh: dict[str, Any]) -> dict[str, Any]:
        self.problem = tr("Your lesson stars could not be read. They start again from zero.")
        try:
            self.path.replace(self.path.with_suffix(".damaged.json"))
        except OSError:
            pass
        return fresh

    # -- reading -----------------------------------------------------------------------
    def entry(self, lesson_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = dict(self.data["lessons"].get(lesson_id) or _fresh_lesson())
        return entry

    def is_done(self, lesson_id: str) -> bool:
        return bool(self.entry(lesson_id)["done"])

    def stars(self, lesson_id: str) -> int:
        """One star for every step the learner met (not skipped), kept across runs."""
        return len(self.entry(lesson_id)["met"])

    def last_step(self, lesson_id: str) -> str:
        return str(self.entry(lesson_id)["last_step"])

    def in_progress(self, lesson_id: str) -> bool:
        """Begun and not finished: never finished, or started again since (a finished
        lesson has no last step until it is started again)."""
        entry = self.entry(lesson_id)
        return bool(entry["last_step"]) or (lesson_id in self.data["lessons"]
                                            and not entry["done"])

    def done_lessons(self) -> list[str]:
        return [k for k, v in self.data["lessons"].items() if v.get("done")]

    def total_stars(self) -> int:
        return sum(len(v.get("met", [])) for v in self.data["lessons"].values())

    # -- changing ----------------------------------------------------------------------
    def _edit(self, lesson_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = self.data["lessons"].setdefault(lesson_id, _fresh_lesson())
        _stamp(entry, self.clock())
        return entry

    def step_reached(self, lesson_id: str, step_id: str) -> None:
        """Where the learner is now ("" for at the end of a finished lesson)."""
        self._edit(lesson_id)["last_step"] = step_id
        self.save()

    def step_met(self, lesson_id: str, step_id: str) -> None:
        e = self._edit(lesson_id)
        if step_id not in e["met"]:
            e["met"].append(step_id)
        self.save()

    def step_skipped(self, lesson_id: str, step_id: str) -> None:
        e = self._edit(lesson_id)
        if step_id not in e["skipped"]:
            e["skipped"].append(step_id)
        self.save()

    def hint_used(self, lesson_id: str, step_id: str) -> None:
        hints = self._edit(lesson_id)["hints"]
        hints[step_id] = int(hints.get(step_id, 0)) + 1
        self.save()

    def finish(self, lesson_id: str) -> None:
        e = self._edit(lesson_id)
        e["done"], e["last_step"] = True, ""
        e["finished_at"] = e.get("finished_at") or e["last_at"]  # stamped by _edit
        e["finished"] = int(e.get("finished", 0)) + 1
        self.save()

    def save(self) -> bool:
        """Write atomically; on failure keep going and say so in ``problem``."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(self.data, f, ensure_ascii=False, indent=1, sort_keys=True)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, self.path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            self.problem = tr("Your stars could not be saved. Ask a teacher for help.")
            self._tell()
            return False
        self._tell()
        return True

    def _tell(self) -> None:
        for listener in list(self.listeners):
            listener()


def _stamp(entry: dict[str, Any], now: float) -> None:
    """Note that the learner did something in this lesson at ``now``."""
    last = entry.get("last_at")
    last = last if isinstance(last, (int, float)) and not isinstance(last, bool) else 0
    seconds = entry.get("seconds")
    seconds = seconds if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) else 0
    if last and 0 <= now - last <= IDLE_SECONDS:
        seconds += now - last
    entry["seconds"], entry["last_at"] = round(seconds, 1), now
    entry["started_at"] = entry.get("started_at") or now


@dataclass(frozen=True)
class TeacherSettings:
    allow_skip: bool = True  # the Next button may skip a step
    hint_after_seconds: int = 0  # 0 = hints only on request (no timer)


def load_teacher_settings(folder: Path) -> TeacherSettings:
    """``teacher.toml`` in the learner folder:  [lessons] allow_skip = false, hint_after_seconds = 60.
    A missing or broken file gives the defaults."""
    try:
        with open(Path(folder) / TEACHER_FILE, "rb") as f:
            table = tomllib.load(f).get("lessons", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError,
            RecursionError):  # RecursionError: nested too deeply for the TOML reader
        return TeacherSettings()
    if not isinstance(table, dict):
        return TeacherSettings()
    skip = table.get("allow_skip", True)
    hint = table.get("hint_after_seconds", 0)
    return TeacherSettings(
        allow_skip=skip if isinstance(skip, bool) else True,
        hint_after_seconds=hint if isinstance(hint, int) and 0 <= hint <= 3600 else 0,
    )

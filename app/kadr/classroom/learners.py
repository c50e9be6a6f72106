"""Learners: who draws on this computer, each with their own films, progress and settings.

A learner is a folder under the learners folder (``places.learners_root``)::

    <learners folder>/
      a1b2c3d4/                 one learner (the folder's name is the learner's id)
        profile.json            name, avatar, when added, last active, what the teacher shows
        settings.json           the learner's own settings (only those set; see effective.py)
        lessons-progress.json   lesson progress (kadr.lessons.Progress(learner.folder))
        teacher.toml            lesson settings a teacher wrote by hand (optional)
        films/                  the learner's library (unless the classroom file keeps films
                                elsewhere: then <films folder>/<name id>/)
      .removed/                 removed learners, whole, until a teacher restores them

There is no index file: the folders are the truth, so a damaged profile loses one learner
(listed in ``problems``), never the class. Removing moves the learner (and films kept
elsewhere) into ``.removed``; nothing is deleted here.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kadr.classroom.avatars import DEFAULT, is_avatar
from kadr.classroom.jsonfile import read_json, write_json
from kadr.i18n import tr

PROFILE = "profile.json"
SETTINGS = "settings.json"
FILMS = "films"
REMOVED = ".removed"
MAX_NAME = 40  # characters: the name sits under a picture on the start screen
_ID = re.compile(r"^[0-9a-f]{8}$")
_STAMP = "%Y%m%d-%H%M%S"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*#%]')


class LearnerError(Exception):
    """A learner action that could not be done; ``str(error)`` is for the teacher."""


@dataclass(frozen=True)
class Learner:
    """One learner as their profile says. ``folder`` holds their progress and settings."""

    id: str
    name: str
    avatar: str
    folder: Path
    films: Path  # their library's folder
    created: float = 0.0
    last_active: float = 0.0  # when last chosen on the start screen (0: never)
    lessons_shown: tuple[str, ...] | None = None  # the teacher's choice; None: every lesson
    tools_shown: tuple[str, ...] | None = None  # None: every tool

    @property
    def settings_path(self) -> Path:
        return self.folder / SETTINGS

    @property
    def progress_folder(self) -> Path:
        """The folder kadr.lessons.Progress and load_teacher_settings take."""
        return self.folder


@dataclass(frozen=True)
class RemovedLearner:
    """A learner in ``.removed``, waiting to be restored."""

    learner: Learner
    removed: float  # seconds since the epoch
    place: Path  # their folder inside .removed


def clean_name(name: str) -> str:
    """A name as typed: one line, no control characters, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", str(name)[: MAX_NAME * 4])
    name = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in name)
    return " ".join(name.split())[:MAX_NAME].strip()


def folder_name(name: str, learner_id: str) -> str:
    """A readable, safe folder name for a learner's films kept elsewhere: "Name id"."""
    stem = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    return f"{stem} {learner_id}" if stem else learner_id


def _tuple(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else 0.0


class LearnerStore:
    """The learners in one folder. Every change is written at once; re-opening the store
    from disk (another start of Kadr) finds exactly what was there.

    ``films_root``: where the classroom file keeps films (None: in each learner's folder).
    """

    def __init__(self, root: Path, films_root: Path | None = None) -> None:
        self.root = Path(root)
        self.films_root = Path(films_root) if films_root is not None else None
        self.removed_root = self.root / REMOVED
        self.problems: list[str] = []  # plain words about profiles that could not be read
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LearnerError(tr("Kadr cannot keep learners in the folder {folder}. "
                                  "Ask the person who looks after the computers.",
                                  folder=str(self.root))) from error

    # -- reading --------------------------------------------------------------------
    def learners(self) -> list[Learner]:
        """Every learner, in name order (as a class list is read)."""
        self.problems = []
        found = []
        for folder in self._folders(self.root):
            learner = self._read(folder)
            if learner is not None:
                found.append(learner)
        return sorted(found, key=lambda one: (one.name.casefold(), one.id))

    def get(self, learner_id: str) -> Learner | None:
        if not _ID.match(learner_id):
            return None
        folder = self.root / learner_id
        return self._read(folder) if folder.is_dir() else None

    def removed(self) -> list[RemovedLearner]:
        """Removed learners, most recently removed first."""
        found = []
        for place in self._folders(self.removed_root, any_name=True):
            data = read_json(place / PROFILE) or {}
            learner_id = place.name.split(" ")[0]
            if not _ID.match(learner_id) or not data:
                continue
            learner = self._learner(learner_id, place, data)
            found.append(RemovedLearner(learner, _number(data.get("removed")), place))
        return sorted(found, key=lambda r: r.removed, reverse=True)

    def _folders(self, root: Path, any_name: bool = False) -> list[Path]:
        try:
            return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                    and (any_name or _ID.match(p.name))]
        except OSError:
            return []

    def _read(self, folder: Path) -> Learner | None:
        data = read_json(folder / PROFILE)
        if data is None or not isinstance(data.get("name"), str) or not clean_name(data["name"]):
            self.problems.append(tr("The learner in the folder {folder} could not be read. "
                                    "Their work is still there.", folder=str(folder)))
            return None
        return self._learner(folder.name, folder, data)

    def _learner(self, learner_id: str, folder: Path, data: dict[str, Any]) -> Learner:
        own_films = data.get("films")
        if isinstance(own_films, str) and own_films:  # kept where it was (migration)
            films = Path(own_films)
        elif self.films_root is not None:
            name = data.get("films_name")
            films = self.films_root / (name if isinstance(name, str) and name else learner_id)
        else:
            films = folder / FILMS
        avatar = data.get("avatar")
        return Learner(learner_id, clean_name(data["name"]) or learner_id,
                       avatar if is_avatar(avatar) else DEFAULT, folder, films,
                       _number(data.get("created")), _number(data.get("last_active")),
                       _tuple(data.get("lessons_shown")), _tuple(data.get("tools_shown")))

    # -- changing -------------------------------------------------------------------
    def add(self, name: str, avatar: str = DEFAULT, now: float | None = None) -> Learner:
        """A new learner with no films, progress or settings of their own yet."""
        name = self._free_name(name)
        if not is_avatar(avatar):
            avatar = DEFAULT
        learner_id = secrets.token_hex(4)
        while (self.root / learner_id).exists():
            learner_id = secrets.token_hex(4)
        folder = self.root / learner_id
        stamp = time.time() if now is None else now
        profile = {"version": 1, "name": name, "avatar": avatar, "created": stamp,
                   "last_active": 0, "films_name": folder_name(name, learner_id)}
        try:
            folder.mkdir(parents=True)
            write_json(folder / PROFILE, profile)
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise self._refused() from error
        return self._learner(learner_id, folder, profile)

    def rename(self, learner: Learner, name: str) -> Learner:
        name = self._free_name(name, learner.id)
        return self._change(learner, name=name)

    def set_avatar(self, learner: Learner, avatar: str) -> Learner:
        if not is_avatar(avatar):
            raise LearnerError(tr("Choose one of the pictures."))
        return self._change(learner, avatar=avatar)

    def set_shown(self, learner: Learner, lessons: list[str] | None = None,
                  tools: list[str] | None = None) -> Learner:
        """Which lessons and tools this learner sees (None: all of them). For teacher mode."""
        return self._change(learner, lessons_shown=None if lessons is None else list(lessons),
                            tools_shown=None if tools is None else list(tools))

    def keep_films_at(self, learner: Learner, films: Path) -> Learner:
        """Keep ``learner``'s films in ``films`` (a folder they had before learners existed:
        nothing is moved)."""
        return self._change(learner, films=str(Path(films).resolve()))

    def touch(self, learner: Learner, now: float | None = None) -> Learner:
        """Note that ``learner`` was chosen on the start screen just now."""
        return self._change(learner, last_active=time.time() if now is None else now)

    def _change(self, learner: Learner, **changes: Any) -> Learner:
        path = learner.folder / PROFILE
        data = read_json(path)
        if data is None:
            raise LearnerError(tr("This learner is not there any more."))
        data.update(changes)
        try:
            write_json(path, data)
        except OSError as error:
            raise self._refused() from error
        return self._learner(learner.id, learner.folder, data)

    def remove(self, learner: Learner, now: float | None = None) -> RemovedLearner:
        """Move the learner, with their films, progress and settings, into ``.removed``."""
        stamp = time.time() if now is None else now
        place = self.removed_root / f"{learner.id} {time.strftime(_STAMP, time.localtime(stamp))}"
        data = read_json(learner.folder / PROFILE) or {}
        try:
            self.removed_root.mkdir(exist_ok=True)
            films_elsewhere = self._films_elsewhere(learner)
            if films_elsewhere is not None and learner.films.exists():
                assert self.films_root is not None
                parked = self.films_root / REMOVED / f"{learner.films.name} {place.name}"
                parked.parent.mkdir(parents=True, exist_ok=True)
                os.replace(learner.films, parked)
                data["removed_films"] = str(parked)
            data["removed"] = stamp
            write_json(learner.folder / PROFILE, data)
            os.replace(learner.folder, place)
        except OSError as error:
            raise self._refused() from error
        return RemovedLearner(replace(learner, folder=place), stamp, place)

    def restore(self, removed: RemovedLearner) -> Learner:
        """Bring a removed learner back, with everything they had."""
        data = read_json(removed.place / PROFILE)
        if data is None:
            raise LearnerError(tr("This learner is not there any more."))
        learner_id = removed.learner.id
        if (self.root / learner_id).exists():
            raise LearnerError(tr("This learner is here already."))
        data["name"] = self._unique_name(str(data.get("name", "")) or learner_id)
        parked = data.pop("removed_films", None)
        data.pop("removed", None)
        try:
            if isinstance(parked, str) and Path(parked).exists() and self.films_root is not None:
                name = data.get("films_name")
                target = self.films_root / (name if isinstance(name, str) and name else learner_id)
                if not target.exists():
                    os.replace(parked, target)
            write_json(removed.place / PROFILE, data)
            os.replace(removed.place, self.root / learner_id)
        except OSError as error:
            raise self._refused() from error
        learner = self.get(learner_id)
        assert learner is not None
        return learner

    def _films_elsewhere(self, learner: Learner) -> Path | None:
        """The learner's films folder when it is in the classroom's films folder (it does
        not move with the learner's own folder); None otherwise."""
        if self.films_root is None or learner.films.parent != self.films_root:
            return None
        return learner.films

    def _free_name(self, name: str, own_id: str = "") -> str:
        name = clean_name(name)
        if not name:
            raise LearnerError(tr("Please type a name."))
        taken = {one.name.casefold() for one in self.learners() if one.id != own_id}
        if name.casefold() not in taken:
            return name
        raise LearnerError(tr("There is a learner called {name} already. "
                              "Choose another name.", name=name))

    def _unique_name(self, name: str) -> str:
        """``name``, or "name 2" and so on when someone has it now (a restored learner)."""
        taken = {one.name.casefold() for one in self.learners()}
        base, n = clean_name(name), 1
        while (candidate := base if n == 1 else f"{base[:MAX_NAME - 4]} {n}").casefold() in taken:
            n += 1
        return candidate

    def _refused(self) -> LearnerError:
        return LearnerError(tr("Kadr could not change the learners' folder. Nothing was "
                               "changed. Ask the person who looks after the computers."))


def needs_chooser(store: LearnerStore) -> bool:
    """Whether to show "Who is drawing?". One learner (a home) goes straight in; none
    (a first start) or several (a class) see the chooser, where a learner can be added."""
    return len(store.learners()) != 1

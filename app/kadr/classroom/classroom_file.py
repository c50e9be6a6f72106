"""The classroom file, ``kadr-classroom.toml``: what a teacher or IT sets for everyone.

Example (every key is optional)::

    language = "ru"                      # the start screen, teacher mode, new learners
    films_folder = "D:/Kadr films"       # one folder per learner inside
    learners_folder = "D:/Kadr learners" # profiles, progress, settings (default: data folder)
    export_folder = "D:/Kadr work/{learner}"  # where Share saves; {learner}: their name
    exports = ["gif", "mp4"]             # which exports learners may make (default: all)
    lessons = ["bounce", "blink"]        # which lessons learners see (default: all)
    tools = ["brush", "eraser", "fill"]  # which tools learners see (default: all)

    [defaults]                           # settings of new learners (they may change them)
    ui_scale = 1.5
    talking_buttons = true

    [locked]                             # settings nobody can change in Kadr
    allow_skip = false

    [teacher]
    pin = "scrypt$..."                   # from: python -m kadr.classroom pin-hash

Relative folders are taken from the file's own folder; ``~`` and environment variables
(``$HOME``, ``%USERNAME%``) are expanded. ``load_classroom`` never raises: a wrong value,
an unknown key or a line TOML cannot read is one ``Problem`` (file, line, key and what is
wrong, in plain words) and is left out; the rest is used.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kadr import settings as app_settings
from kadr.classroom.places import classroom_files
from kadr.classroom.toml_lines import key_lines, parse_leniently
from kadr.i18n import LANGUAGES, tr

EXPORT_FORMATS = ("gif", "mp4", "png", "sheet", "pclx")  # kadr.export.options.FORMATS
TOOL_NAMES = ("brush", "eraser", "fill", "line", "rectangle", "ellipse", "picker", "clear")
MAX_FILE = 1 << 20
FOLDER_KEYS = ("films_folder", "learners_folder", "export_folder")
LIST_KEYS = ("exports", "lessons", "tools")
# settings a classroom file cannot set in [defaults] or [locked], and why
NOT_SETTINGS = {"library": "films_folder"}
_LESSON_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_HASH = re.compile(r"^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$")


@dataclass(frozen=True)
class Problem:
    """One wrong thing in a classroom file; ``str()`` gives plain words with its place."""

    file: Path
    line: int  # from 1; 0 when it is about the whole file
    key: str  # dotted ("locked.allow_skip"); "" when about a line or the file
    what: str

    def __str__(self) -> str:
        if self.line and self.key:
            return tr("{file}, line {line}, {key}: {what}", file=str(self.file),
                      line=self.line, key=self.key, what=self.what)
        if self.line:
            return tr("{file}, line {line}: {what}", file=str(self.file), line=self.line,
                      what=self.what)
        return f"{self.file}: {self.what}"


@dataclass(frozen=True)
class Entry:
    """One thing a classroom file set, for teacher mode to show ("what the file set")."""

    key: str  # dotted
    value: Any
    file: Path
    line: int


@dataclass
class Classroom:
    """What the classroom files set. Empty (no file): Kadr as at home."""

    language: str | None = None
    films_folder: Path | None = None
    learners_folder: Path | None = None
    export_folder: str | None = None  # may hold {learner}
    exports: tuple[str, ...] | None = None  # None: every export
    lessons: tuple[str, ...] | None = None  # None: every lesson
    tools: tuple[str, ...] | None = None  # None: every tool
    defaults: dict[str, Any] = field(default_factory=dict)
    locked: dict[str, Any] = field(default_factory=dict)
    pin_hash: str | None = None
    files: list[Path] = field(default_factory=list)  # read, weakest first
    entries: dict[str, Entry] = field(default_factory=dict)  # dotted key -> what set it
    problems: list[Problem] = field(default_factory=list)

    def allows_export(self, fmt: str) -> bool:
        return self.exports is None or fmt in self.exports

    def export_folder_for(self, learner_name: str) -> Path | None:
        """Where Share saves for this learner; None: Kadr's usual folder."""
        if not self.export_folder:
            return None
        from kadr.classroom.learners import folder_name

        name = folder_name(learner_name, "").strip() or "learner"
        return Path(self.export_folder.replace("{learner}", name))

    def what_was_set(self) -> list[Entry]:
        """Everything the classroom files set, in file and line order (teacher mode)."""
        order = {path: n for n, path in enumerate(self.files)}
        return sorted(self.entries.values(), key=lambda e: (order.get(e.file, 0), e.line))


# -- checking one value ---------------------------------------------------------------
def _setting_rule(name: str) -> str:
    """What a setting may be, in plain words."""
    default = getattr(app_settings.Settings(), name)
    if isinstance(default, bool):
        return tr("must be true or false")
    if isinstance(default, (int, float)):
        low, high = app_settings.RANGES.get(name, (-math.inf, math.inf))
        if isinstance(default, int):
            return tr("must be a whole number from {low} to {high}", low=low, high=high)
        return tr("must be a number from {low} to {high}", low=low, high=high)
    if name in app_settings.CHOICES:
        return tr("must be one of: {choices}",
                  choices=", ".join(c for c in app_settings.CHOICES[name] if c))
    return tr("must be text")


def check_setting(name: str, value: Any) -> tuple[Any, str]:
    """(the value as the setting keeps it, "") or (None, what is wrong)."""
    names = {f.name for f in fields(app_settings.Settings)}
    if name in NOT_SETTINGS:
        return None, tr("set {other} instead", other=NOT_SETTINGS[name])
    if name not in names:
        return None, tr("Kadr has no such setting; it was ignored.")
    if not app_settings.valid(name, value):
        return None, _setting_rule(name)
    default = getattr(app_settings.Settings(), name)
    return (float(value) if isinstance(default, float) else value), ""


def _folder(value: Any, base: Path) -> tuple[Any, str]:
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        return None, tr("must be a folder, written as text in quotes")
    expanded = os.path.expanduser(os.path.expandvars(value.strip()))
    return str(Path(base, expanded)), ""  # a relative folder is beside the file


def _names(allowed: Sequence[str] | None) -> Callable[[Any, Path], tuple[Any, str]]:
    def check(value: Any, _base: Path) -> tuple[Any, str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, tr("must be a list of names in quotes, like [\"a\", \"b\"]")
        if allowed is None:
            wrong = [v for v in value if not _LESSON_ID.match(v)]
        else:
            wrong = [v for v in value if v not in allowed]
        if wrong:
            what = tr("must be a list of: {choices}", choices=", ".join(allowed)) \
                if allowed else tr("must be lesson names (letters, digits, - and _)")
            return None, what
        return tuple(dict.fromkeys(value)), ""
    return check


def _language(value: Any, _base: Path) -> tuple[Any, str]:
    if value in LANGUAGES:
        return value, ""
    return None, tr("must be one of: {choices}", choices=", ".join(LANGUAGES))


def _pin(value: Any, _base: Path) -> tuple[Any, str]:
    if isinstance(value, str) and _HASH.match(value):
        return value, ""
    return None, tr("must be a PIN made by 'python -m kadr.classroom pin-hash' "
                    "(a PIN itself is never written in the file)")


TOP: dict[str, Callable[[Any, Path], tuple[Any, str]]] = {
    "language": _language,
    "films_folder": _folder, "learners_folder": _folder, "export_folder": _folder,
    "exports": _names(EXPORT_FORMATS), "lessons": _names(None), "tools": _names(TOOL_NAMES),
}
TABLES = ("defaults", "locked", "teacher")


# -- reading one file and all of them --------------------------------------------------
def read_classroom_file(path: Path, into: Classroom) -> None:
    """Add what ``path`` sets to ``into`` (overriding what it set before) and its problems."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE + 1)
        if len(raw) > MAX_FILE:
            into.problems.append(Problem(path, 0, "", tr("The file is too big to be a "
                                                          "classroom file; it was not used.")))
            return
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        into.problems.append(Problem(path, 0, "", tr("The file is not UTF-8 text; "
                                                      "it was not used.")))
        return
    except OSError as error:
        into.problems.append(Problem(path, 0, "", tr("The file could not be read ({why}); "
                                                      "it was not used.", why=error.strerror)))
        return
    into.files.append(path)
    data, skipped = parse_leniently(text)
    lines = key_lines(text)
    for skip in skipped:
        what = tr("This is not correct TOML ({why}), so this line was left out.", why=skip.what)
        if skip.lines > 1:
            what = tr("This is not correct TOML ({why}), so this line and the {count} lines "
                      "under it were left out.", why=skip.what, count=skip.lines - 1)
        into.problems.append(Problem(path, skip.line, "", what))

    def problem(key: str, what: str) -> None:
        into.problems.append(Problem(path, lines.get(key, 0), key, what))

    def keep(key: str, value: Any) -> None:
        into.entries[key] = Entry(key, value, path, lines.get(key, 0))

    for key, value in data.items():
        if key in TOP:
            checked, wrong = TOP[key](value, path.parent)
            if wrong:
                problem(key, wrong)
                continue
            keep(key, checked)
            if key in FOLDER_KEYS and key != "export_folder":
                setattr(into, key, Path(checked))
            else:
                setattr(into, key, checked)
        elif key in TABLES:
            if not isinstance(value, dict):
                problem(key, tr("must be a table: a line [{key}] with settings under it",
                                key=key))
                continue
            _read_table(key, value, into, problem, keep)
        else:
            problem(key, tr("Kadr does not know this key; it was ignored."))


def _read_table(table: str, values: dict[str, Any], into: Classroom,
                problem: Callable[[str, str], None], keep: Callable[[str, Any], None]) -> None:
    for name, value in values.items():
        key = f"{table}.{name}"
        if table == "teacher":
            if name != "pin":
                problem(key, tr("Kadr does not know this key; it was ignored."))
                continue
            checked, wrong = _pin(value, Path())
            if wrong:
                problem(key, wrong)
                continue
            into.pin_hash = checked
            keep(key, "…")  # teacher mode says a PIN is set, never shows the hash
            continue
        checked, wrong = check_setting(name, value)
        if wrong:
            problem(key, wrong)
            continue
        getattr(into, table)[name] = checked
        keep(key, checked)


def load_classroom(paths: Sequence[Path] | None = None) -> Classroom:
    """What the classroom files in ``paths`` (default: ``places.classroom_files()``, the
    weakest first) set together. Missing files are no problem; nothing here raises."""
    classroom = Classroom()
    for path in classroom_files() if paths is None else paths:
        try:
            present = Path(path).is_file()
        except OSError:
            present = False
        if present:
            read_classroom_file(Path(path), classroom)
    return classroom

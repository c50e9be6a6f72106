"""Lesson packs: a teacher's folder of lessons, zipped, imported safely.

A pack is refused, with a plain message and nothing written outside the destination, when
it has paths that escape its folder (``../``, absolute paths, drive letters, backslashes),
symlinks or other special entries, encrypted entries, too many files, a file over 20 MB,
over 100 MB in all, a file that unpacks to more than 100 times its packed size (a zip
bomb), bad TOML, or lessons that fail ``kadr lessons check``. It is unpacked into a
temporary folder inside the destination, checked, then each lesson is moved into place
with a rename (so a lesson is either all there or not there).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from kadr.lessons.library import lesson_folders
from kadr.lessons.problems import errors

MAX_FILE = 20 * 1024 * 1024
MAX_TOTAL = 100 * 1024 * 1024
MAX_FILES = 500
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # smaller files are bounded by the limits above anyway
CHUNK = 64 * 1024


class PackError(Exception):
    """A pack that was refused; ``str(error)`` says why in plain words."""


def _check_entry(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise PackError(f"The pack was refused: '{name}' points outside the pack folder.")
    if any(part == ".." for part in PurePosixPath(name).parts):
        raise PackError(f"The pack was refused: '{name}' points outside the pack folder.")
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        kind = "a link" if stat.S_ISLNK(mode) else "a special file"
        raise PackError(f"The pack was refused: '{name}' is {kind}, not a normal file.")
    if info.flag_bits & 0x1:
        raise PackError(f"The pack was refused: '{name}' is locked with a password.")
    if info.file_size > MAX_FILE:
        raise PackError(f"The pack was refused: '{name}' is bigger than 20 MB.")
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
        raise PackError(f"The pack was refused: '{name}' would unpack to far more than its "
                        "size (this is how harmful 'zip bombs' work).")


def extract_safely(zip_path: Path, into: Path) -> None:
    """Unpack ``zip_path`` into the empty folder ``into``, or raise PackError."""
    into.mkdir(parents=True, exist_ok=True)
    into = Path(into).resolve()
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as e:
        raise PackError(f"The pack could not be opened: it is not a readable zip file ({e}).") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise PackError(f"The pack was refused: it has {len(infos)} files; "
                            f"the most allowed is {MAX_FILES}.")
        for info in infos:
            _check_entry(info)
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise PackError("The pack was refused: it unpacks to more than 100 MB.")
        written = 0
        for info in infos:
            target = (into / info.filename).resolve()
            if target != into and into not in target.parents:
                raise PackError(f"The pack was refused: '{info.filename}' points outside "
                                "the pack folder.")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            size = 0
            try:
                with zf.open(info) as src, open(target, "xb") as dst:
                    while chunk := src.read(CHUNK):
                        size += len(chunk)
                        written += len(chunk)
                        if size > info.file_size or written > MAX_TOTAL:
                            raise PackError(f"The pack was refused: '{info.filename}' is "
                                            "bigger than the pack says.")
                        dst.write(chunk)
            except FileExistsError:
                raise PackError(f"The pack was refused: '{info.filename}' is in it twice.") from None
            # zlib.error: damaged packed data; RuntimeError: a password; NotImplementedError:
            # a compression method zipfile does not know
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError,
                    NotImplementedError, ValueError) as e:
                raise PackError(f"The pack is damaged: '{info.filename}' cannot be read ({e}).") from None


def _lessons_in(folder: Path) -> list[Path]:
    found = lesson_folders(folder)
    if found:
        return found
    inner = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))]
    return lesson_folders(inner[0]) if len(inner) == 1 else []


def check_unpacked(folder: Path) -> list[Path]:
    """The lesson folders of an unpacked pack, after ``kadr lessons check``; or PackError."""
    from kadr.lessons.validate import validate_lesson

    lessons = _lessons_in(folder)
    if not lessons:
        raise PackError("The pack has no lessons in it: each lesson is a folder with a "
                        "lesson.toml file.")
    problems = [p for lesson in lessons for p in errors(validate_lesson(lesson))]
    if problems:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n(and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise PackError(f"The pack was refused because its lessons have problems:\n{shown}{more}")
    return lessons


def import_pack(zip_path: Path, dest_root: Path) -> list[str]:
    """Import the lessons in ``zip_path`` into ``dest_root``; returns their ids."""
    dest_root = Path(dest_root)
    dest_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".import-", dir=dest_root))
    try:
        extract_safely(Path(zip_path), work / "pack")
        ids: list[str] = []
        for folder in check_unpacked(work / "pack"):
            target = dest_root / folder.name
            old = work / f"old-{folder.name}"
            if target.exists():
                os.replace(target, old)
            try:
                os.replace(folder, target)
            except OSError:
                if old.exists():
                    os.replace(old, target)
                raise
            ids.append(folder.name)
        return ids
    finally:
        shutil.rmtree(work, ignore_errors=True)

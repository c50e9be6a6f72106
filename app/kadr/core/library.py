"""A learner's library: a folder of .kadr files, shown as the gallery. There is no Save button.

Every project is a SQLite file kept up to date by its ProjectStore, so the library only
lists, copies, renames and moves files. Copies go through SQLite's backup API, which reads
a consistent snapshot (including what still sits in the -wal file) even while the project is
open. Deleting moves a file into ``.bin`` inside the library, where it can be restored.
A file that fails its check is listed with the reason and never changed.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QStandardPaths

from kadr.core import film_values
from kadr.core.limits import MAX_TITLE
from kadr.core.project import Project, blank_project
from kadr.core.store import (
    ProjectFileError,
    ProjectStore,
    check_file,
    connect_read_only,
    damage_found,
    drop_undo,
    lesson_id,
    read_meta,
    save_copy,
    survey,
    thumbnail_in,
)
from kadr.i18n import tr

SUFFIX = ".kadr"
BIN = ".bin"
THUMBNAIL_WIDTH = 256
# SQLite keeps these next to a database; they belong to it and move with it.
SIDECARS = ("-wal", "-shm", "-journal")
_STAMP = "%Y%m%d-%H%M%S"
_BIN_NAME = re.compile(r"^(?P<stem>.*) ~(?P<stamp>\d{8}-\d{6})(?: \d+)?$")
# Not allowed in file names on Windows or macOS, or special in SQLite's file: URIs.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*#%]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_MAX_NAME_BYTES = 150  # leaves room for " ~stamp", " 12" and sidecar endings within 255
# hidden half-written exports (export/runner.py Staging: ".<name>.<8 hex>.part")
_STAGED = re.compile(r"^\..+\.[0-9a-f]{8}\.part$")
STALE_SECONDS = 24 * 3600  # a staged export this old was left by a crash


class LibraryError(Exception):
    """A library action that could not be done; ``str(error)`` is for the learner or teacher."""


@dataclass(frozen=True)
class ProjectEntry:
    """One project as the gallery shows it, read without loading the pictures."""

    path: Path
    title: str
    modified: float  # seconds since the epoch
    frames: int | None = None
    thumbnail: bytes | None = field(default=None, repr=False)  # PNG
    broken: str = ""  # plain words when the file cannot be opened
    deleted: float | None = None  # when it went into the bin
    note: str = ""  # plain words when it opens but part of it could not be read
    lesson: str = ""  # the id of the lesson it was made for ("" for none)


def default_root() -> Path:
    """$KADR_LIBRARY, else a "library" folder in the user's data folder for Kadr."""
    env = os.environ.get("KADR_LIBRARY")
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError:  # "~someone" who does not exist: taken as written
            return Path(env)
    return standard_root()


def standard_root() -> Path:
    """The "library" folder in the user's data folder for Kadr (whatever $KADR_LIBRARY says)."""
    if QCoreApplication.applicationName():
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    else:  # no application name yet: AppDataLocation would be the bare data folder
        base = str(Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.GenericDataLocation)) / "kadr")
    return Path(base) / "library"


def safe_stem(title: str) -> str:
    """A readable file name for ``title``: any script kept, unsafe characters removed."""
    # cut first: a 10 MB title must cost no more than a short one
    name = _UNSAFE.sub(" ", unicodedata.normalize("NFC", title[: MAX_TITLE * 2]))
    name = " ".join(name.split()).strip(" .")
    # at most _MAX_NAME_BYTES of UTF-8, never half a letter
    name = name.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore")
    name = name.rstrip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name += "_"
    return name or tr("My animation")


def _signature(path: Path) -> tuple[int, int, int, int]:
    """Size and time of the file and of its -wal, where recent edits may still sit."""
    st = path.stat()
    try:
        wal = path.with_name(path.name + "-wal").stat()
        wal_size, wal_mtime = wal.st_size, wal.st_mtime_ns
    except FileNotFoundError:
        wal_size = wal_mtime = 0
    # a read-only look at a WAL file leaves an empty -wal: that is not a change
    return st.st_size, st.st_mtime_ns, wal_size, wal_mtime if wal_size else 0


def _explain(error: BaseException) -> str:
    """Plain words for a failed file or database action."""
    text = str(error).lower()
    code = error.errno if isinstance(error, OSError) else None
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in text:
        return tr("The disk is full. Nothing was changed. Ask a grown-up to free some space.")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return tr("Kadr is not allowed to change this folder. Nothing was changed. "
                  "Ask a grown-up for help.")
    if code == errno.ENOENT:
        return tr("This project is not there any more.")
    if "locked" in text or "busy" in text:
        return tr("This project is open. Close it first, then try again.")
    return tr("Kadr could not do that. Nothing was changed.")


@contextmanager
def _plainly() -> Iterator[None]:
    """Turn file system and SQLite errors into a LibraryError with plain words."""
    try:
        yield
    except (ProjectFileError, LibraryError):
        raise
    except (OSError, sqlite3.Error) as error:
        raise LibraryError(_explain(error)) from None


def _move(src: Path, dest: Path) -> None:
    """Move a project file together with its SQLite side files (they hold unsaved pages)."""
    os.replace(src, dest)
    for end in SIDECARS:
        side = src.with_name(src.name + end)
        if side.exists():
            os.replace(side, dest.with_name(dest.name + end))


def clean_title(title: str) -> str:
    """A title as typed, on one line and no longer than MAX_TITLE characters."""
    return " ".join(title[: MAX_TITLE * 2].split())[:MAX_TITLE].strip()


def _read_title(path: Path) -> str:
    """The title in a checked file's meta table."""
    con = connect_read_only(path)
    try:
        meta = read_meta(con)
    finally:
        con.close()
    if meta.get("app") != "kadr":
        raise ProjectFileError(tr("This file is not a Kadr project."))
    return film_values.title(meta.get("title"))


def _verify(path: Path) -> None:
    """Read a fresh copy back in full before it takes its real name."""
    con = connect_read_only(path)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()
    if not ok:
        raise LibraryError(tr("Kadr could not do that. Nothing was changed."))


def _backup(src: Path, dest: Path, title: str | None = None) -> None:
    """Copy ``src`` to ``dest`` atomically through SQLite's backup API, as one plain file."""
    tmp = dest.with_name("." + dest.name + ".part")  # hidden, and not *.kadr, so never listed
    try:
        with _plainly():
            tmp.unlink(missing_ok=True)
            source = connect_read_only(src)  # also from a read-only USB stick
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                with target:
                    # a copy is a film of its own, with nothing to undo: a teacher's
                    # starter film cannot be undone back to blank, nor a shared film
                    # back to what was rubbed out
                    had_history = drop_undo(target)
                    if title is not None:
                        target.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (title,))
                # a copy is one self-contained file: no -wal to lose on the way
                target.execute("PRAGMA journal_mode=DELETE")
                if had_history:  # and what was undone does not linger in its free pages
                    target.execute("VACUUM")
            finally:
                target.close()
                source.close()
            _verify(tmp)
            for end in SIDECARS:  # a stale side file must never pair with the new copy
                dest.with_name(dest.name + end).unlink(missing_ok=True)
            os.replace(tmp, dest)
    except BaseException:
        for end in ("", *SIDECARS):
            with suppress(OSError):  # tidying up must not hide the first problem
                tmp.with_name(tmp.name + end).unlink(missing_ok=True)
        raise


def _summary(con: sqlite3.Connection) -> tuple[dict[str, Any], int, bytes | None, list[str]]:
    """What the gallery shows of a checked film: its meta, picture count, thumbnail, and
    notes on parts that will be left out (its values checked without unpacking pictures)."""
    found = survey(con)
    return found.meta, found.pictures, thumbnail_in(con), found.notes.items


class Library:
    """The projects in one folder, and its bin."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.bin = self.root / BIN
        self._cache: dict[Path, tuple[tuple[int, int, int, int], ProjectEntry]] = {}
        with _plainly():
            self.root.mkdir(parents=True, exist_ok=True)
            if not self.root.is_dir():  # a FIFO or a device: mkdir said nothing
                raise NotADirectoryError(errno.ENOTDIR, str(self.root))
            os.listdir(self.root)  # a folder Kadr cannot look into is no library either

    # -- reading ------------------------------------------------------------------------
    def projects(self) -> list[ProjectEntry]:
        """Every project, newest first. Broken files are included with their problem."""
        return self._list(self.root)

    def bin_entries(self) -> list[ProjectEntry]:
        """Projects in the bin, most recently deleted first."""
        if not self.bin.is_dir():
            return []
        entries = self._list(self.bin)
        return sorted(entries, key=lambda e: e.deleted or 0.0, reverse=True)

    def _list(self, folder: Path) -> list[ProjectEntry]:
        entries = []
        with _plainly():
            paths = [p for p in folder.iterdir()
                     if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file()]
        for path in paths:
            try:
                entries.append(self.entry(path))
            except OSError:  # removed while we looked
                continue
        seen = set(paths)
        for gone in [p for p in self._cache if p.parent == folder and p not in seen]:
            del self._cache[gone]
        return sorted(entries, key=lambda e: e.modified, reverse=True)

    def entry(self, path: Path) -> ProjectEntry:
        """What the gallery shows for one file; reads only (cached until the file changes)."""
        sig = _signature(path)
        hit = self._cache.get(path)
        # damage found by opening the film since it was listed makes the entry stale too
        if hit is not None and hit[0] == sig and all(
                n in hit[1].note for n in damage_found(path)):
            return hit[1]
        title, frames, thumb, broken, lesson = path.stem, None, None, "", ""
        notes: list[str] = []
        try:
            summary = check_file(path, _summary)
            assert summary is not None
            meta, frames, thumb, notes = summary
            title = film_values.title(meta.get("title")) or path.stem
            lesson = lesson_id(meta.get("lesson"))
        except ProjectFileError as error:
            broken = str(error)
        except sqlite3.DatabaseError:
            broken = tr("This project file is damaged. Kadr left it as it is. "
                        "Ask a teacher for help.")
        deleted = None
        if path.parent == self.bin:
            match = _BIN_NAME.match(path.stem)
            if match:
                title = title if not broken else match["stem"]
                deleted = time.mktime(time.strptime(match["stamp"], _STAMP))
        notes += [n for n in damage_found(path) if n not in notes]
        entry = ProjectEntry(path, title, max(sig[1], sig[3]) / 1e9, frames, thumb, broken,
                             deleted, "" if broken else " ".join(notes), lesson)
        self._cache[path] = (sig, entry)
        return entry

    # -- changing -----------------------------------------------------------------------
    def free_path(self, stem: str, folder: Path | None = None) -> Path:
        """``folder/stem.kadr``, or ``stem 2.kadr`` and so on if that name (or a side file
        of it) is taken. Compared case-blind, as on Windows and macOS."""
        folder = folder or self.root
        with _plainly():
            taken = {p.name.casefold() for p in folder.iterdir()}
        n = 1
        while True:
            name = stem + SUFFIX if n == 1 else f"{stem} {n}{SUFFIX}"
            if not any((name + end).casefold() in taken for end in ("", *SIDECARS, ".part")):
                return folder / name
            n += 1

    def create(self, title: str, width: int = 1280, height: int = 720) -> Path:
        """A new project with one empty picture."""
        title = clean_title(title) or tr("My animation")
        path = self.free_path(safe_stem(title))
        with _plainly():
            try:
                save_copy(blank_project(width, height, title), path)
            except BaseException:
                with suppress(OSError):
                    path.with_name(path.name + ".part").unlink(missing_ok=True)
                raise
        return path

    def duplicate(self, path: Path) -> Path:
        """A copy titled "X (copy)", taken safely even while X is open."""
        check_file(path)
        with _plainly():
            title = tr("{title} (copy)", title=_read_title(path) or path.stem)
        dest = self.free_path(safe_stem(title))
        _backup(path, dest, title)
        return dest

    def rename(self, path: Path, new_title: str) -> Path:
        """Change the title inside the file and the file's name; returns the new path."""
        new_title = clean_title(new_title)
        if not new_title:
            raise LibraryError(tr("Please type a name."))
        check_file(path)
        with _plainly():
            con = sqlite3.connect(path, timeout=0.5)
            try:
                # Leaving WAL mode needs the file to ourselves, so an open project fails here,
                # before anything changed; afterwards no -wal is left to lose in the move.
                con.execute("PRAGMA journal_mode=DELETE")
                with con:
                    con.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (new_title,))
            finally:
                con.close()
            stem = safe_stem(new_title)
            if stem.casefold() == path.stem.casefold():
                dest = path.with_name(stem + SUFFIX)
            else:
                dest = self.free_path(stem, path.parent)
            if dest != path:
                _move(path, dest)
        return dest

    def delete(self, path: Path) -> Path:
        """Move a project (even a broken one, unchanged) into the bin; returns its bin path."""
        with _plainly():
            self.bin.mkdir(exist_ok=True)
            dest = self.free_path(f"{path.stem} ~{time.strftime(_STAMP)}", self.bin)
            _move(path, dest)
        self._cache.pop(path, None)
        return dest

    def restore(self, bin_path: Path) -> Path:
        """Bring a project back from the bin under its old name (or a free one like it)."""
        match = _BIN_NAME.match(bin_path.stem)
        dest = self.free_path(match["stem"] if match else bin_path.stem)
        with _plainly():
            _move(bin_path, dest)
        self._cache.pop(bin_path, None)
        return dest

    def empty_bin(self) -> int:
        """Delete everything in the bin for good; returns how many projects went."""
        if not self.bin.is_dir():
            return 0
        count = 0
        with _plainly():
            for path in list(self.bin.iterdir()):
                if path.suffix == SUFFIX:
                    count += 1
                path.unlink()
                self._cache.pop(path, None)
        return count

    def import_file(self, src: Path) -> Path:
        """Copy a .kadr file into the library. A file Kadr cannot open raises
        ProjectFileError and nothing is written; the source is only read."""
        src = Path(src)
        check_file(src)
        with _plainly():
            title = _read_title(src)
        dest = self.free_path(safe_stem(title or src.stem))
        _backup(src, dest)
        return dest

    def remove_stale_parts(self, now: float | None = None) -> int:
        """Remove half-written exports a crash left in the library (see remove_stale_parts)."""
        return remove_stale_parts(self.root, now)

    def export_file(self, path: Path, dest: Path) -> Path:
        """Copy a project out of the library (a consistent copy even while it is open)."""
        check_file(path)
        dest = Path(dest)
        with _plainly():
            if dest.exists() and dest.samefile(path):  # its -wal would be thrown away
                raise LibraryError(tr("That is the project itself. Choose another name."))
        _backup(path, dest)
        return dest


def _remove_staged(path: Path) -> bool:
    """Remove one staged export: a file, or a folder of files (PNG frames); nothing else."""
    if path.is_symlink():
        return False
    if path.is_file():
        path.unlink()
        return True
    if not path.is_dir():
        return False
    inside = list(path.iterdir())
    if any(p.is_symlink() or not p.is_file() for p in inside):
        return False  # not what an export leaves: leave it alone
    for p in inside:
        p.unlink()
    path.rmdir()
    return True


def remove_stale_parts(folder: Path, now: float | None = None,
                       age: float = STALE_SECONDS) -> int:
    """Remove the hidden half-written exports (".<name>.<token>.part", made by
    export/runner.py) older than ``age`` seconds in ``folder``: an export that was still
    running when Kadr was killed. Only that exact pattern; returns how many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = [p for p in Path(folder).iterdir() if _STAGED.match(p.name)]
    except OSError:
        return 0  # no such folder (yet), or not ours to look into
    for path in candidates:
        try:
            if now - path.lstat().st_mtime > age and _remove_staged(path):
                removed += 1
        except OSError:
            continue  # in use or not ours: try again next start
    return removed


def thumbnail_png(project: Project, index: int = 0, width: int = THUMBNAIL_WIDTH) -> bytes:
    """Picture ``index`` as a small PNG, through the one renderer."""
    from kadr.core.render import Renderer

    image = Renderer(project).thumbnail(index, width)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


def update_thumbnail(store: ProjectStore, project: Project) -> bytes:
    """Render the first picture 256 px wide and queue it for the file's gallery picture."""
    png = thumbnail_png(project)
    store.write_thumbnail(png)
    return png

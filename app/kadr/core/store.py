"""The .kadr project file: a SQLite database (schema in docs/file-format.md).

Every edit becomes one small transaction, written by a background thread so the UI never
waits for the disk. A failed write (full or read-only disk) is kept and retried, and the
problem is reported in plain words; drawing goes on meanwhile. Opening a file never
changes it until it has been checked to be a Kadr project this version can read.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kadr.core import film_values as values
from kadr.core import limits
from kadr.core.film_parts import DRAWING_LAYERS, MAX_HOLD
from kadr.i18n import tr

if TYPE_CHECKING:  # Qt is loaded only by what needs it: a command-line export may not
    from PySide6.QtCore import QTimer

    from kadr.core.project import Frame, Project

T = TypeVar("T")

APPLICATION_ID = 0x4B414452  # "KADR" in the SQLite header
FORMAT_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
# the film's undo steps (core/undo_memory.py): made with the first step; older Kadr
# versions open the film without looking at it
UNDO_TABLE = ("CREATE TABLE IF NOT EXISTS undo_steps(n INTEGER PRIMARY KEY, "
              "step TEXT NOT NULL, tiles BLOB NOT NULL)")
UNDO_DONE = "undo_done"  # meta key: n of the last undo step done

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frames(id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
                                  hold INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tiles(frame_id INTEGER NOT NULL, layer TEXT NOT NULL,
                                 tx INTEGER NOT NULL, ty INTEGER NOT NULL, data BLOB NOT NULL,
                                 PRIMARY KEY(frame_id, layer, tx, ty)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS background(id INTEGER PRIMARY KEY CHECK(id = 1), paper TEXT NOT NULL,
                                      opacity REAL NOT NULL, png BLOB);
CREATE TABLE IF NOT EXISTS thumbnail(id INTEGER PRIMARY KEY CHECK(id = 1), png BLOB NOT NULL);
"""
# Migrations from an older format version: MIGRATIONS[v] upgrades v to v + 1.
MIGRATIONS: dict[int, str] = {}


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI; quoted, so '#' or '?' in a folder name cannot cut it short.
    ``immutable`` is for a file nobody can change: SQLite then needs no -shm file."""
    return Path(path).resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def cannot_write(path: Path) -> bool:
    """The film or its folder cannot be changed (a read-only disk, share or folder)."""
    path = Path(path)
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")  # a damaged byte in a title is no reason to fail


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads. A film left in WAL mode on a read-only disk cannot be
    read the usual way (SQLite wants a -shm file beside it), so there it is read as
    immutable: nobody can be writing it."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            con.close()
            raise
    except sqlite3.OperationalError:
        if not cannot_write(path):
            raise
        con = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    con.text_factory = _text
    return con


class ProjectFileError(Exception):
    """A project file that cannot be opened; ``str(error)`` is for the learner or teacher."""


def _damaged() -> ProjectFileError:
    return ProjectFileError(
        tr("This project file is damaged. Kadr left it as it is. Ask a teacher for help."))


def check_file(path: Path, read: Callable[[sqlite3.Connection], T] | None = None) -> T | None:
    """Raise ProjectFileError unless ``path`` is a Kadr project we can read. Reads only.
    ``read`` may read more through the same connection once the file checked out (the
    gallery: one connection per film instead of three)."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        raise ProjectFileError(tr("This project is not there any more.")) from None
    except OSError:
        raise ProjectFileError(tr("Kadr is not allowed to read this file.")) from None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise ProjectFileError(tr("This file is not a Kadr project."))
    app_id = int.from_bytes(head[68:72], "big")
    version = int.from_bytes(head[60:64], "big")
    if app_id != APPLICATION_ID:
        raise ProjectFileError(tr("This file is not a Kadr project."))
    if version > FORMAT_VERSION:
        raise ProjectFileError(
            tr("This project was made with a newer Kadr. Please update Kadr to open it.")
        )
    try:
        con = connect_read_only(path)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            con.execute("SELECT count(*) FROM frames").fetchone()
            result = read(con) if ok and read is not None else None
        finally:
            con.close()
    # a damaged schema can make SQLite's own message undecodable
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise _damaged()
    return result


def keeps_undo(con: sqlite3.Connection) -> bool:
    """Whether the film keeps undo steps (core/undo_memory.py)."""
    return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                       "AND name = 'undo_steps'").fetchone() is not None


def drop_undo(con: sqlite3.Connection) -> bool:
    """Take the film's undo steps out of it; True when it had some."""
    had = keeps_undo(con)
    con.execute("DROP TABLE IF EXISTS undo_steps")
    con.execute("DELETE FROM meta WHERE key = ?", (UNDO_DONE,))
    return had


def _settings_json(project: Project) -> str:
    s = project.settings
    return json.dumps({
        "fps": s.fps, "play_mode": s.play_mode, "visible": s.visible,
        "onion": s.onion.__dict__,
    })


def snapshot(project: Project) -> dict[str, Any]:
    """Everything the file holds, as plain immutable data (taken on the UI thread)."""
    project.settle()
    bg = project.background
    return {
        "meta": {"app": "kadr", "width": str(project.width), "height": str(project.height),
                 "title": project.title, "settings": _settings_json(project),
                 "lesson": project.lesson},
        "frames": [(f.id, i, f.hold) for i, f in enumerate(project.frames)],
        "tiles": [(f.id, layer, k[0], k[1], d) for f in project.frames
                  for layer, pic in f.pictures.items() for k, d in pic.tiles.items()],
        "background": (bg.paper, bg.opacity, bg.png),
    }


def _write_snapshot(con: sqlite3.Connection, snap: dict[str, Any]) -> None:
    """Make the file hold exactly ``snap`` (the schema too, if the file is new or empty)."""
    # small pages: a tile of 1-15 KB spilled into whole 4 KB overflow pages (46 % unused);
    # takes effect only on a new file, and every SQLite reads any page size
    con.execute("PRAGMA page_size = 1024")
    con.executescript(SCHEMA)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
    with con:
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", snap["meta"].items())
        con.execute("DELETE FROM frames")
        con.execute("DELETE FROM tiles")
        con.executemany("INSERT INTO frames VALUES (?, ?, ?)", snap["frames"])
        con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?, ?)", snap["tiles"])
        con.execute("INSERT OR REPLACE INTO background VALUES (1, ?, ?, ?)", snap["background"])


# -- reading a film: every value checked (core/film_values.py) ---------------------------
@dataclass
class Survey:
    """What a film holds, checked without unpacking its pictures."""

    meta: dict[str, Any]
    width: int
    height: int
    pictures: int
    notes: values.Notes


_META_KEYS = ("app", "width", "height", "title", "settings", "lesson")
# a lesson's id as lessons/README.md allows it; anything else is no lesson (an older Kadr
# wrote no lesson, and a damaged one must not stop the film opening)
_LESSON_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def lesson_id(value: Any) -> str:
    """The lesson a film was made for, from its meta table ("" for none or an odd value)."""
    return value if isinstance(value, str) and _LESSON_ID.fullmatch(value) else ""


# tiles that cannot be used, found without unpacking them (of pictures that exist)
_BAD_TILES = """SELECT count(*) FROM tiles WHERE frame_id IN (SELECT id FROM frames) AND (
    layer NOT IN ('drawing', 'front') OR typeof(tx) != 'integer' OR typeof(ty) != 'integer'
    OR tx < 0 OR ty < 0 OR tx * 256 >= :w OR ty * 256 >= :h
    OR typeof(data) != 'blob' OR length(data) NOT BETWEEN 1 AND :most)"""
_BAD_HOLDS = f"""SELECT count(*) FROM frames
    WHERE typeof(hold) != 'integer' OR hold NOT BETWEEN 1 AND {MAX_HOLD}"""


def read_meta(con: sqlite3.Connection) -> dict[str, Any]:
    """The meta values Kadr uses, each cut to a bounded length (a 10 MB title or a table of
    100,000 keys costs nothing)."""
    rows = con.execute(
        f"SELECT key, substr(value, 1, {limits.MAX_META_TEXT + 1}) FROM meta WHERE key IN "
        f"({', '.join('?' * len(_META_KEYS))})", _META_KEYS)
    return {key: value for key, value in rows}


def survey(con: sqlite3.Connection, tiles: bool = True) -> Survey:
    """Check a checked film's values without unpacking its pictures (the gallery's look
    at every film). Raises ProjectFileError when it cannot be opened at all: not Kadr's,
    an impossible canvas, or more than the memory budget. Parts that will be left out
    when it opens are in ``notes``; without ``tiles``, tiles that cannot belong are not
    looked for (``load`` checks each one as it reads it: the query cost 26 ms of its
    ~100 for 600 pictures)."""
    meta = read_meta(con)
    if meta.get("app") != "kadr":
        raise ProjectFileError(tr("This file is not a Kadr project."))
    width, height = values.canvas_side(meta.get("width")), values.canvas_side(meta.get("height"))
    if width is None or height is None:
        raise _damaged()
    pictures = int(con.execute("SELECT count(*) FROM frames").fetchone()[0])
    stored = int(con.execute("SELECT coalesce(sum(length(data)), 0) FROM tiles").fetchone()[0])
    stored += int(con.execute("SELECT coalesce(sum(length(png)), 0) FROM background")
                  .fetchone()[0])
    if (width > limits.MAX_SIDE or height > limits.MAX_SIDE or pictures > limits.MAX_PICTURES
            or not limits.fits(limits.film_bytes(width, height, pictures, stored))):
        raise ProjectFileError(values.too_big())
    notes = values.Notes()
    values.settings(meta.get("settings"), notes)
    params = {"w": width, "h": height, "most": limits.MAX_TILE_BYTES}
    if tiles and con.execute(_BAD_TILES, params).fetchone()[0]:
        notes.add(values.damaged_part())
    if con.execute(_BAD_HOLDS).fetchone()[0]:
        notes.add(values.odd_timing())
    return Survey(meta, width, height, pictures, notes)


def read_frames(con: sqlite3.Connection, notes: values.Notes) -> list[tuple[int, int]]:
    """(id, hold) of each picture, in order."""
    frames = []
    for fid, hold in con.execute("SELECT id, hold FROM frames ORDER BY position, id"):
        if not values.is_int(fid) or not 1 <= fid <= limits.MAX_ID:
            raise _damaged()  # ids name the pictures in the file: no safe guess exists
        frames.append((int(fid), values.hold(hold, notes)))
    return frames


def _read_frames(con: sqlite3.Connection, project: Project, notes: values.Notes) -> None:
    from kadr.core.project import Frame

    project.frames.extend(Frame(fid, hold) for fid, hold in read_frames(con, notes))


def read_tiles(con: sqlite3.Connection, ids: set[int], w: int, h: int,
               notes: values.Notes) -> dict[tuple[int, str], dict[tuple[int, int], bytes]]:
    """Each picture's tiles by (frame id, layer), still compressed: only their places and
    lengths are checked here (one out of place is left out, so the rest of its picture
    still shows). The reader unpacks each one checked (raster.tile_pixels) as it draws it,
    or ``load`` has a TileCheck do it."""
    found: list[tuple[tuple[int, str], tuple[int, int], bytes, tuple[int, int]]] = []
    for fid, layer, tx, ty, data in con.execute("SELECT frame_id, layer, tx, ty, data FROM tiles"):
        if fid not in ids:
            continue  # left over from a picture that is gone: never shown
        place = values.tile_place(layer, tx, ty, data, w, h)
        if place is None:
            notes.add(values.damaged_part())
        else:
            found.append(((fid, layer), (tx, ty), data, place))
    tiles: dict[tuple[int, str], dict[tuple[int, int], bytes]] = {}
    for picture, key, data, _place in found:
        tiles.setdefault(picture, {})[key] = data
    return tiles


def _read_tiles(con: sqlite3.Connection, project: Project,
                notes: values.Notes) -> list[tuple[bytes, int, int]]:
    """The pictures' tiles, still compressed and not yet unpacked (a TileCheck does that
    off the UI thread); returns (data, width, height) of each tile to check."""
    from kadr.core.picture import Picture
    from kadr.core.raster import tile_size

    w, h = project.width, project.height
    tiles = read_tiles(con, {f.id for f in project.frames}, w, h, notes)
    for frame in project.frames:
        for layer in DRAWING_LAYERS:
            frame.pictures[layer] = Picture(w, h, tiles.get((frame.id, layer)))
    return [(data, *tile_size(key, w, h)) for picture in tiles.values()
            for key, data in picture.items()]


def _read_background(con: sqlite3.Connection, project: Project, notes: values.Notes) -> None:
    row = con.execute("SELECT paper, opacity, png FROM background").fetchone()
    if not row:
        return
    bg = project.background
    bg.paper, bg.opacity = values.paper(row[0], notes), values.opacity(row[1], notes)
    if row[2] is None:
        return
    from PySide6.QtGui import QImage

    image = QImage.fromData(row[2]) if values.png_fits(row[2]) else QImage()
    if image.isNull():
        notes.add(values.damaged_part())
        return
    bg.png, bg.image = row[2], image


def _read(con: sqlite3.Connection,
          notes: values.Notes) -> tuple[Project, list[tuple[bytes, int, int]]]:
    from kadr.core.project import Project

    found = survey(con, tiles=False)
    for note in found.notes.items:
        notes.add(note)
    project = Project(found.width, found.height, values.title(found.meta.get("title")))
    project.lesson = lesson_id(found.meta.get("lesson"))
    project.settings = values.settings(found.meta.get("settings"), notes)
    _read_frames(con, project, notes)
    unchecked = _read_tiles(con, project, notes)
    _read_background(con, project, notes)
    return project, unchecked


def load(path: Path) -> Project:
    """Read a whole project (pictures stay compressed until shown). Every value is checked
    (core/film_values.py): a film that cannot be opened raises ProjectFileError in plain
    words; parts that could not be read are left out and said in ``load_notes(project)``;
    a film on a disk Kadr cannot change opens with ``is_read_only(project)``. Whether each
    tile unpacks is checked later, off this thread (core/tile_check.py): from
    ``start_tile_check(project)``, or ``load_notes``."""
    check_file(path)
    notes = values.Notes()
    try:
        stamp: tuple[int, int] | None = _stamp(path)
    except OSError:
        stamp = None
    try:
        con = connect_read_only(path)
        try:
            project, unchecked = _read(con, notes)
        finally:
            con.close()
    except (sqlite3.DatabaseError, ValueError, TypeError, OverflowError, MemoryError):
        raise _damaged() from None
    if not project.frames:
        project.frames.append(project.new_frame())
    project.reserve_ids(max(f.id for f in project.frames))
    read_only = cannot_write(path)
    if read_only:
        notes.add(values.read_only())
    setattr(project, "load_notes", notes.items)  # noqa: B010  (Project is not ours to declare)
    setattr(project, "read_only", read_only)  # noqa: B010
    from kadr.core.tile_check import TileCheck

    damage = values.damaged_part()  # said in the language of now, not the thread's
    known = damage in notes.items  # found without unpacking (a tile outside the picture)
    setattr(project, "tile_check", TileCheck(  # noqa: B010
        unchecked, lambda found: _remember(path, stamp, [damage] if found or known else [])))
    return project


def start_tile_check(project: Project) -> None:
    """Start checking the tiles of ``project`` on a background thread, if not yet (the
    studio does once it shows: a check beside the studio's start made it later)."""
    check = getattr(project, "tile_check", None)
    if check is not None:
        check.start()


def tiles_checked(project: Project) -> bool:
    """Whether every tile of ``project`` was checked, so ``load_notes`` answers at once."""
    check = getattr(project, "tile_check", None)
    return check is None or bool(check.done())


def load_notes(project: Project) -> list[str]:
    """Plain words on what could not be read when ``project`` was opened ([] for none).

    Checks its tiles if that has not been done and waits for it (~1 s of CPU for 600
    pictures at 1080p; the studio asks ``tiles_checked`` first and never waits), then
    leaves the damaged tiles out of the pictures: call it on the thread that owns
    ``project``."""
    check = getattr(project, "tile_check", None)
    if check is not None:
        check.wait()
        setattr(project, "tile_check", None)  # noqa: B010  (taken once)
        _leave_out(project, check.damaged, getattr(project, "load_notes", []))
    return list(getattr(project, "load_notes", []))


def _leave_out(project: Project, damaged: list[bytes], notes: list[str]) -> None:
    """Drop the tiles found damaged from every picture that still holds them (a picture
    copied meanwhile too), and add the note. Drawing left them out already, so no
    picture looks different: nothing is drawn again. Only the file's damaged bytes are
    let go; the file itself is not touched."""
    if not damaged:
        return
    bad = {id(data) for data in damaged}  # the very objects: ``damaged`` keeps them alive
    for frame in project.frames:
        for picture in frame.pictures.values():
            for key in [k for k, data in picture.tiles.items() if id(data) in bad]:
                del picture.tiles[key]
    note = values.damaged_part()
    if note not in notes:  # before "this film is on a disk Kadr cannot change", as found
        last = values.read_only()
        notes.insert(notes.index(last) if last in notes else len(notes), note)


def is_read_only(project: Project) -> bool:
    """Whether ``project`` was opened from a place where changes cannot be kept."""
    return bool(getattr(project, "read_only", False))


# damage that only unpacking the pictures finds, remembered for the gallery: path ->
# (size, time) of the file when it was opened, and the notes (forgotten once the file
# changes). Written by the tile check's thread: one dict operation at a time.
_found: dict[Path, tuple[tuple[int, int], list[str]]] = {}


def _stamp(path: Path) -> tuple[int, int]:
    st = Path(path).stat()
    return st.st_size, st.st_mtime_ns


def _remember(path: Path, stamp: tuple[int, int] | None, damage: list[str]) -> None:
    key = Path(path).resolve()
    if stamp is None:
        return
    if damage:
        _found[key] = (stamp, damage)
    else:
        _found.pop(key, None)


def damage_found(path: Path) -> list[str]:
    """Notes on damage found when this film was last opened (once its tiles were checked),
    while it is unchanged."""
    key = Path(path).resolve()
    hit = _found.get(key)
    if hit is None:
        return []
    try:
        same = _stamp(key) == hit[0]
    except OSError:
        same = False
    return list(hit[1]) if same else []


def save_copy(project: Project, path: Path) -> None:
    """Write the whole project to a new file, atomically (a temporary name, then rename)."""
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        _write_snapshot(con, snapshot(project))
    finally:
        con.close()
    tmp.replace(path)


def thumbnail_in(con: sqlite3.Connection) -> bytes | None:
    """The gallery picture kept in an open project file, if it has one."""
    try:
        row = con.execute("SELECT png FROM thumbnail").fetchone()
    except sqlite3.OperationalError:
        return None  # a file from before gallery pictures
    return bytes(row[0]) if row and isinstance(row[0], bytes) else None


def read_thumbnail(path: Path) -> bytes | None:
    try:
        con = connect_read_only(path)
        try:
            return thumbnail_in(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


PROBLEM_POLL_MS = 200  # how often the UI thread looks for a change of save problem
RETRY_SECONDS = 2.0  # a failed write is tried again this often
logger = logging.getLogger("kadr.store")


class ProjectStore:
    """Keeps one open project on disk: each edit is queued and written in its own transaction.

    The writer thread never dies: any error is reported as a save problem (once per change
    of problem, so speech is not interrupted after every stroke) and writing is tried
    again. It makes no Qt call: ``tell`` passes problems to the project on the UI thread."""

    def __init__(self, path: Path, on_problem: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.on_problem = on_problem
        self.problem = ""
        self._queue: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue()
        self._pending: list[tuple[str, tuple[Any, ...]]] = []
        self._rewrite_queued = False
        self._last_bug = ""  # the last unexpected error logged (logged once, not per retry)
        self._idle = threading.Event()
        self._idle.set()
        self._told = ""
        self._watcher: QTimer | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="kadr-store", daemon=True)
        self._thread.start()

    @classmethod
    def attach(cls, project: Project, path: Path, create: bool = False) -> ProjectStore:
        """Keep ``project`` in ``path`` from now on (``create`` writes it whole first)."""
        if create:
            save_copy(project, Path(path))
        store = cls(Path(path))
        store.tell(project)
        project.store = store
        return store

    # -- called from the UI thread -----------------------------------------------------
    def tell(self, project: Project) -> None:
        """Pass each change of save problem to ``project.save_problem``, on this thread: a
        timer here looks for it (a signal sent from the writer would be a Qt call there)."""
        from PySide6.QtCore import QTimer

        self._watcher = QTimer(project, interval=PROBLEM_POLL_MS)
        self._watcher.timeout.connect(lambda: self._tell(project))
        self._watcher.start()

    def _tell(self, project: Project) -> None:
        problem = self.problem
        if problem != self._told:
            self._told = problem
            project.save_problem.emit(problem)

    def _put(self, op: str, *args: Any) -> None:
        self._idle.clear()
        self._queue.put((op, args))

    def write_tiles(self, frame_id: int, layer: str, changes: dict[tuple[int, int], bytes | None]) -> None:
        self._put("tiles", frame_id, layer, changes)

    def write_frames(self, rows: list[tuple[int, int, int]]) -> None:
        self._put("frames", rows)

    def write_frame_content(self, frame: Frame) -> None:
        self._put("frame_content", frame.id,
                  {layer: dict(p.tiles) for layer, p in frame.pictures.items()})

    def delete_frame(self, frame_id: int) -> None:
        self._put("delete_frame", frame_id)

    def write_settings(self, project: Project) -> None:
        self._put("meta", {"settings": _settings_json(project), "title": project.title})

    def write_stamp(self, values: dict[str, str]) -> None:
        """Keep a checked result in the meta table (the flash check's stamp: not the
        learner's work, like the gallery picture). Any thread; nothing once closed or on a
        disk Kadr cannot change (a stamp is never worth a save problem)."""
        if not self._closed and not cannot_write(self.path):
            self._put("stamp", dict(values))

    def write_undo_step(self, n: int, step: str, tiles: bytes, after: int, oldest: int) -> None:
        """Keep undo step ``n`` (core/undo_memory.py); the steps after ``after`` (no longer
        redoable) and before ``oldest`` (beyond the stack's limit) go."""
        self._put("undo_step", n, step, tiles, after, oldest)

    def write_undo_done(self, n: int) -> None:
        """Undo step ``n`` is the last done now."""
        self._put("meta", {UNDO_DONE: str(n)})

    def forget_undo(self) -> None:
        """Keep no undo steps (history that no longer fits the film). Nothing on a disk
        Kadr cannot change: that history is never used either."""
        if not self._closed and not cannot_write(self.path):
            self._put("forget_undo")

    def write_background(self, bg: Any) -> None:
        self._put("background", bg.paper, bg.opacity, bg.png)

    def has_thumbnail(self) -> bool:
        """Whether the file already holds a gallery picture (read from disk)."""
        return read_thumbnail(self.path) is not None

    def write_thumbnail(self, png: bytes) -> None:
        self._put("thumbnail", png)

    def rewrite_all(self, project: Project) -> None:
        """After a failure, write the whole film again: the file may be gone or stale.

        Everything queued before it is then superseded and dropped."""
        if not self._rewrite_queued:
            self._rewrite_queued = True
            self._put("full", snapshot(project))

    def try_again(self) -> None:
        """Try what waits now, not at the next retry (then flush waits for that try)."""
        self._put("retry")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued has been tried. True when all of it is on disk."""
        self._idle.wait(timeout)
        return self._idle.is_set() and self.all_written()

    def all_written(self) -> bool:
        """Nothing waits to be written (after close: nothing was left unwritten)."""
        return not self._pending and self._queue.empty()

    def work_waiting(self) -> bool:
        """Some of the film waits to be written (the gallery's picture is not the film: a
        film on a read-only stick closes without a recovery copy when nothing changed)."""
        with self._queue.mutex:
            queued = [item for item in self._queue.queue if item is not None]
        return any(op not in ("thumbnail", "stamp") for op, _args in self._pending + queued)

    def close(self) -> bool:
        """Stop the writer after one last try of what waits. True when all of it is on
        disk; what is not stays unwritten here (FilmSession keeps a recovery copy)."""
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if not self._closed:
            self._closed = True
            self._queue.put(None)
        self._thread.join(timeout=10)
        return not self._thread.is_alive() and self.all_written()

    # -- the writer thread -------------------------------------------------------------
    def _run(self) -> None:
        con: sqlite3.Connection | None = None
        closing = False
        while not closing:
            try:
                item = self._queue.get(timeout=RETRY_SECONDS if self._pending else None)
            except queue.Empty:
                item = ("retry", ())
            if item is None:
                closing = True  # one last try of what is pending, then stop
            elif item[0] != "retry":
                self._pending.append(item)
            con = self._write_pending(con)
            if self._queue.empty():
                self._idle.set()
        self._disconnect(con)

    def _write_pending(self, con: sqlite3.Connection | None) -> sqlite3.Connection | None:
        """Write what waits, oldest first; on any error report it and keep it for the next
        try. Returns the connection to use next time (None after an error)."""
        if not self._pending and not self.problem:
            return con
        try:
            if con is None:
                con = sqlite3.connect(self.path, check_same_thread=False)
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
            fulls = [i for i, (op, _a) in enumerate(self._pending) if op == "full"]
            if fulls:  # a whole rewrite makes every earlier edit unnecessary
                del self._pending[: fulls[-1]]
            while self._pending:
                op, args = self._pending[0]
                with con:
                    getattr(self, "_do_" + op)(con, *args)
                self._pending.pop(0)
                if op == "full":
                    self._rewrite_queued = False
            self._report("")
            return con
        except (sqlite3.Error, OSError) as error:
            message = self._explain(error, self.path)
        except Exception as error:  # noqa: BLE001 - a bug must not stop the writer: every later edit would wait forever
            self._log_bug(error)
            message = tr("Kadr cannot keep your work right now. Keep drawing; Kadr will try again.")
        self._disconnect(con)
        self._report(message)
        return None

    @staticmethod
    def _disconnect(con: sqlite3.Connection | None) -> None:
        if con is not None:
            try:
                con.close()
            except Exception:  # noqa: BLE001 - a broken connection is dropped all the same
                logger.warning("Closing the film's connection failed", exc_info=True)

    def _log_bug(self, error: Exception) -> None:
        what = f"{type(error).__name__}: {error}"
        if what != self._last_bug:  # retried every few seconds: logged once
            self._last_bug = what
            logger.error("Writing %s failed unexpectedly", self.path, exc_info=error)

    def _report(self, message: str) -> None:
        """Tell of a change of problem only: the same problem again is no news."""
        if message == self.problem:
            return
        if message:
            logger.warning("Cannot write %s: %s", self.path, message)
        else:
            logger.info("Writing %s works again", self.path)
        self.problem = message
        if self.on_problem:
            try:
                self.on_problem(message)
            except Exception:  # noqa: BLE001 - a listener's error must not stop the writer
                logger.exception("A save-problem listener failed")

    @staticmethod
    def _explain(error: Exception, path: Path) -> str:
        text = str(error).lower()
        folder = path.parent
        if "unable to open" in text and (not folder.is_dir() or not os.access(folder, os.W_OK)):
            text = "readonly"  # the folder is gone or not writable
        if "full" in text or "no space" in text:
            return tr("The disk is full. Your work is NOT being kept. "
                      "Ask a grown-up to free some space.")
        if "readonly" in text or "read-only" in text or "permission" in text:
            return tr("Kadr cannot write to this folder. Your work is NOT being kept. "
                      "Ask a grown-up for help.")
        return tr("Kadr cannot keep your work right now. Keep drawing; Kadr will try again.")

    @staticmethod
    def _do_tiles(con: sqlite3.Connection, fid: int, layer: str,
                  changes: dict[tuple[int, int], bytes | None]) -> None:
        for (tx, ty), data in changes.items():
            if data is None:
                con.execute("DELETE FROM tiles WHERE frame_id=? AND layer=? AND tx=? AND ty=?",
                            (fid, layer, tx, ty))
            else:
                con.execute("INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?, ?)",
                            (fid, layer, tx, ty, data))

    @staticmethod
    def _do_frames(con: sqlite3.Connection, rows: list[tuple[int, int, int]]) -> None:
        con.execute("DELETE FROM frames")
        con.executemany("INSERT INTO frames VALUES (?, ?, ?)", rows)

    @staticmethod
    def _do_frame_content(con: sqlite3.Connection, fid: int,
                          layers: dict[str, dict[tuple[int, int], bytes]]) -> None:
        con.execute("DELETE FROM tiles WHERE frame_id=?", (fid,))
        for layer, tiles in layers.items():
            con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?, ?)",
                            [(fid, layer, k[0], k[1], d) for k, d in tiles.items()])

    @staticmethod
    def _do_delete_frame(con: sqlite3.Connection, fid: int) -> None:
        con.execute("DELETE FROM tiles WHERE frame_id=?", (fid,))
        con.execute("DELETE FROM frames WHERE id=?", (fid,))

    @staticmethod
    def _do_meta(con: sqlite3.Connection, values: dict[str, str]) -> None:
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    _do_stamp = _do_meta

    @staticmethod
    def _do_undo_step(con: sqlite3.Connection, n: int, step: str, tiles: bytes, after: int,
                      oldest: int) -> None:
        con.execute(UNDO_TABLE)
        con.execute("DELETE FROM undo_steps WHERE n > ? OR n < ?", (after, oldest))
        con.execute("INSERT OR REPLACE INTO undo_steps VALUES (?, ?, ?)", (n, step, tiles))
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (UNDO_DONE, str(n)))

    @staticmethod
    def _do_forget_undo(con: sqlite3.Connection) -> None:
        drop_undo(con)

    @staticmethod
    def _do_background(con: sqlite3.Connection, paper: str, opacity: float, png: bytes | None) -> None:
        con.execute("INSERT OR REPLACE INTO background VALUES (1, ?, ?, ?)", (paper, opacity, png))

    @staticmethod
    def _do_full(con: sqlite3.Connection, snap: dict[str, Any]) -> None:
        con.commit()  # _write_snapshot runs its own script and transaction
        _write_snapshot(con, snap)

    @staticmethod
    def _do_thumbnail(con: sqlite3.Connection, png: bytes) -> None:
        con.execute("INSERT OR REPLACE INTO thumbnail VALUES (1, ?)", (png,))

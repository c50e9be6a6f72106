"""The film's undo steps, kept in its own file: Undo works after Kadr is closed and opened
again (a picture cleared by mistake, then the window closed, is not gone for good).

``UndoKeeper`` writes each step of the project's undo stack as it is made, with the tiles
it puts back and puts again: a row of the table ``undo_steps`` (n, the step as JSON, its
tiles as one blob) and the meta key ``undo_done`` (n of the last step done). The steps a
new edit makes impossible to redo, and the oldest beyond the stack's limit, are deleted
in the same transaction. ``restore`` pushes them onto a just-read project's stack, already
done or undone as the film was read (commands.Step.skip).

The store writes in order, each write in its own transaction, and a step is written after
the edit it records, so a film killed between the two holds an edit its history lacks, or
a marker one step behind. Each step therefore keeps a fingerprint of the film's frames
(ids, holds, paper) before and after it, and the tiles of a drawing step are compared too:
a film that does not look as its last done step left it opens with no history, because
undoing from the wrong place could take away the wrong picture. History that does not
read back (a damaged or foreign table, too big for memory) is dropped the same way. It is
never the learner's work, so nothing is said; the log has it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtGui import QUndoCommand

from kadr.core import film_values as values
from kadr.core import limits
from kadr.core.commands import (
    BackgroundCommand,
    DeleteFrameCommand,
    HoldCommand,
    InsertFrameCommand,
    MacroStep,
    MoveFrameCommand,
    PixelsCommand,
    Step,
    TileChanges,
)
from kadr.core.film_parts import DRAWING_LAYERS, MAX_HOLD
from kadr.core.picture import Picture
from kadr.core.project import UNDO_LIMIT
from kadr.core.store import UNDO_DONE, connect_read_only, keeps_undo
from kadr.i18n import source_of, tr

if TYPE_CHECKING:
    from kadr.core.project import Frame, Project
    from kadr.core.store import ProjectStore

logger = logging.getLogger("kadr.undo_memory")

# history bigger than this is not read back (it would be held in memory beside the film)
MOST_BYTES = 64 * 1024 * 1024


class Unreadable(ValueError):
    """The kept history does not fit this film: it is dropped."""


def fingerprint(project: Project) -> str:
    """A short digest of what frame steps change: the frames in order with their holds,
    and the paper (a picture step is checked by its tiles instead)."""
    bg = project.background
    text = repr(([(f.id, f.hold) for f in project.frames],
                 bg.paper, round(bg.opacity, 4), len(bg.png or b"")))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


# -- a step as data ------------------------------------------------------------------------
class Blobs:
    """Tiles and pictures of one step, kept as one blob and indices into it."""

    def __init__(self, data: bytes = b"", sizes: list[int] | None = None) -> None:
        self.parts: list[bytes] = []
        if sizes is not None:
            at = 0
            for size in sizes:
                if not isinstance(size, int) or size < 0 or at + size > len(data):
                    raise Unreadable("blob sizes")
                self.parts.append(data[at:at + size])
                at += size

    def add(self, data: bytes) -> int:
        self.parts.append(data)
        return len(self.parts) - 1

    def get(self, index: Any) -> bytes:
        if not values.is_int(index) or not 0 <= index < len(self.parts):
            raise Unreadable("blob index")
        part: bytes = self.parts[index]
        return part

    def sizes(self) -> list[int]:
        return [len(p) for p in self.parts]

    def joined(self) -> bytes:
        return b"".join(self.parts)


def _tiles_out(changes: TileChanges, blobs: Blobs) -> list[list[int]]:
    return [[x, y, -1 if data is None else blobs.add(data)] for (x, y), data in changes.items()]


def _frame_out(frame: Frame, blobs: Blobs) -> dict[str, Any]:
    return {"id": frame.id, "hold": frame.hold,
            "layers": {layer: _tiles_out(dict(p.tiles), blobs)
                       for layer, p in frame.pictures.items()}}


def record(step: QUndoCommand, blobs: Blobs) -> dict[str, Any] | None:
    """``step`` as JSON-able data (its bytes added to ``blobs``); None while a stroke's
    tiles are still being packed."""
    label = source_of(step.text())  # in English: said in the language of the day it is read
    if isinstance(step, PixelsCommand):
        if step.after is None:
            return None
        return {"kind": "pixels", "label": label, "frame": step.frame_id, "layer": step.layer,
                "before": _tiles_out(step.before, blobs), "after": _tiles_out(step.after, blobs)}
    if isinstance(step, InsertFrameCommand):  # DeleteFrameCommand too
        kind = "delete" if isinstance(step, DeleteFrameCommand) else "insert"
        return {"kind": kind, "label": label, "index": step.index,
                "frame": _frame_out(step.frame, blobs)}
    if isinstance(step, MoveFrameCommand):
        return {"kind": "move", "label": label, "index": step.index, "to": step.to}
    if isinstance(step, HoldCommand):
        return {"kind": "hold", "label": label, "frame": step.frame_id, "old": step.old,
                "new": step.new}
    if isinstance(step, BackgroundCommand):
        def side(v: tuple[str, bytes | None, float]) -> list[Any]:
            return [v[0], -1 if v[1] is None else blobs.add(v[1]), v[2]]
        return {"kind": "background", "label": label, "old": side(step.old),
                "new": side(step.new)}  # type: ignore[arg-type]
    if isinstance(step, MacroStep):
        children: list[QUndoCommand] = list(step.steps)
    elif step.childCount():  # made by QUndoStack.beginMacro (adding a GIF's pictures)
        children = [step.child(i) for i in range(step.childCount())]
    else:
        raise TypeError(f"an undo step Kadr cannot keep: {type(step).__name__}")
    parts = [record(child, blobs) for child in children]
    if any(p is None for p in parts):
        return None
    return {"kind": "macro", "label": label, "steps": parts}


class Rebuilder:
    """Steps made again from their data, for one project: every frame a step names is one
    Frame object, shared by the project and the steps (as when they were made)."""

    def __init__(self, project: Project, rows: list[tuple[dict[str, Any], Blobs]],
                 done: int) -> None:
        self.project = project
        self.frames: dict[int, Frame] = {f.id: f for f in project.frames}
        self._absent(rows, done)

    def _absent(self, rows: list[tuple[dict[str, Any], Blobs]], done: int) -> None:
        """Frames the steps name that are not in the film now: one deleted by a step done
        is as it was deleted (its last such step); one added by a step undone, as it was
        added."""
        found: dict[int, tuple[dict[str, Any], Blobs]] = {}
        for k, (data, blobs) in enumerate(rows):
            for part in _flat(data):
                if part.get("kind") not in ("insert", "delete"):
                    continue
                frame = part.get("frame")
                if not isinstance(frame, dict):
                    continue
                fid = _count(frame.get("id"), 1, limits.MAX_ID)
                if fid is None or fid in self.frames:
                    continue
                deleted_done = part["kind"] == "delete" and k < done
                if deleted_done or fid not in found:
                    found[fid] = (frame, blobs)
        for fid, (frame, blobs) in found.items():
            self.frames[fid] = self._frame(frame, blobs)
        if self.frames:
            self.project.reserve_ids(max(self.frames))

    def _frame(self, data: dict[str, Any], blobs: Blobs) -> Frame:
        from kadr.core.project import Frame

        hold, layers = _count(data.get("hold"), 1, MAX_HOLD), data.get("layers")
        if hold is None or not isinstance(layers, dict):
            raise Unreadable("frame")
        frame = Frame(int(data["id"]), hold)
        w, h = self.project.width, self.project.height
        for layer in DRAWING_LAYERS:
            tiles = self._tiles(layers.get(layer, []), blobs, layer)
            if any(v is None for v in tiles.values()):
                raise Unreadable("an empty tile in a picture")
            frame.pictures[layer] = Picture(w, h, tiles)  # type: ignore[arg-type]
        return frame

    def _tiles(self, items: Any, blobs: Blobs, layer: str) -> TileChanges:
        if not isinstance(items, list):
            raise Unreadable("tiles")
        out: TileChanges = {}
        for item in items:
            if not isinstance(item, list) or len(item) != 3:
                raise Unreadable("tile")
            x, y, index = item
            data = None if index == -1 else blobs.get(index)
            check = data if data is not None else b"\0"
            if values.tile_place(layer, x, y, check, self.project.width,
                                 self.project.height) is None:
                raise Unreadable("tile place")
            out[(x, y)] = data
        return out

    def _frame_of(self, fid: Any) -> Frame:
        known = _count(fid, 1, limits.MAX_ID)
        frame = self.frames.get(known) if known is not None else None
        if frame is None:
            raise Unreadable("a step names a picture that is not there")
        return frame

    def _index(self, value: Any) -> int:
        index = _count(value, 0, limits.MAX_PICTURES)
        if index is None:
            raise Unreadable("index")
        return index

    def step(self, data: Any, blobs: Blobs) -> Step:
        if not isinstance(data, dict):
            raise Unreadable("step")
        kind, label = data.get("kind"), data.get("label")
        if not isinstance(label, str) or len(label) > 200:
            raise Unreadable("label")
        label = step_words(label)
        p = self.project
        if kind == "pixels":
            layer = data.get("layer")
            if layer not in DRAWING_LAYERS:
                raise Unreadable("layer")
            frame = self._frame_of(data.get("frame"))
            before = self._tiles(data.get("before"), blobs, layer)
            after = self._tiles(data.get("after"), blobs, layer)
            return PixelsCommand(p, frame.id, layer, before, after, label,
                                 frame.pictures[layer])
        if kind in ("insert", "delete"):
            frame_data = data.get("frame")
            frame = self._frame_of(frame_data.get("id") if isinstance(frame_data, dict) else None)
            index = self._index(data.get("index"))
            if kind == "insert":
                return InsertFrameCommand(p, index, frame, label)
            return DeleteFrameCommand(p, index, frame)
        if kind == "move":
            return MoveFrameCommand(p, self._index(data.get("index")),
                                    self._index(data.get("to")))
        if kind == "hold":
            frame = self._frame_of(data.get("frame"))
            old, new = _count(data.get("old"), 1, MAX_HOLD), _count(data.get("new"), 1, MAX_HOLD)
            if old is None or new is None:
                raise Unreadable("hold")
            return HoldCommand(p, frame.id, new, old)
        if kind == "background":
            step = BackgroundCommand(p, None, False, None)
            step.old, step.new = (self._background(data.get(k), blobs) for k in ("old", "new"))
            return step
        if kind == "macro":
            parts = data.get("steps")
            if not isinstance(parts, list) or not parts:
                raise Unreadable("macro")
            return MacroStep(label, [self.step(part, blobs) for part in parts])
        raise Unreadable("kind")

    def _background(self, value: Any, blobs: Blobs) -> tuple[str, bytes | None, float]:
        if not isinstance(value, list) or len(value) != 3:
            raise Unreadable("background")
        notes = values.Notes()
        paper, opacity = values.paper(value[0], notes), values.opacity(value[2], notes)
        png = None if value[1] == -1 else blobs.get(value[1])
        if notes.items or (png is not None and not values.png_fits(png)):
            raise Unreadable("background values")
        return paper, png, opacity


def step_words(source: str) -> str:
    """A kept step's English words in today's language (found for translation where the
    step is made: its tool, or commands.py)."""
    return tr(source)


def _count(value: Any, low: int, high: int) -> int | None:
    """``value`` when it is a whole number from ``low`` to ``high`` (a bool is not one)."""
    return value if values.is_int(value) and low <= value <= high else None


def _flat(data: Any) -> list[dict[str, Any]]:
    """A step and, for a macro, the steps inside it."""
    if not isinstance(data, dict):
        return []
    inner = data.get("steps") if data.get("kind") == "macro" else None
    return [data] + [p for part in (inner if isinstance(inner, list) else []) for p in _flat(part)]


# -- reading back --------------------------------------------------------------------------
def read(con: sqlite3.Connection) -> tuple[list[tuple[int, dict[str, Any], Blobs]], int]:
    """The kept steps (n, data, blobs), oldest first, and n of the last done; ([], 0) when
    the film keeps none. Raises Unreadable (or sqlite3's errors) when they do not read."""
    if not keeps_undo(con):
        return [], 0
    total = con.execute("SELECT coalesce(sum(length(step) + length(tiles)), 0) "
                        "FROM undo_steps").fetchone()[0]
    if not values.is_int(total) or total > MOST_BYTES:
        raise Unreadable("too big")
    row = con.execute("SELECT value FROM meta WHERE key=?", (UNDO_DONE,)).fetchone()
    done = values.whole(row[0]) if row else None
    steps = []
    for n, text, blob in con.execute("SELECT n, step, tiles FROM undo_steps ORDER BY n"):
        if not isinstance(text, str) or not isinstance(blob, bytes):
            raise Unreadable("row")
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("step"), dict):
            raise Unreadable("row data")
        steps.append((n, data, Blobs(blob, data.get("sizes"))))
    if not steps:
        return [], 0
    # only the steps since the last gap (a rewrite after a failed write loses earlier ones)
    first = len(steps) - 1
    while first > 0 and steps[first - 1][0] == steps[first][0] - 1:
        first -= 1
    steps = steps[first:]
    if len(steps) > UNDO_LIMIT:  # never written so: not Kadr's
        raise Unreadable("more steps than Undo keeps")
    if done is None or not steps[0][0] - 1 <= done <= steps[-1][0]:
        raise Unreadable("marker")
    return steps, done


def restore(project: Project, path: Path) -> list[tuple[Step, int]]:
    """Push the steps kept in ``path`` onto ``project``'s (empty) undo stack, as the film
    was left: returns each step with its n. Nothing when none fits the film."""
    try:
        con = connect_read_only(path)
        try:
            rows, done = read(con)
        finally:
            con.close()
        if not rows:
            return []
        return _push(project, rows, done)
    except Exception as error:  # noqa: BLE001 - whatever the history holds, the film opens
        logger.warning("The undo steps kept in %s are not used: %s", path, error,
                       exc_info=not isinstance(error, (Unreadable, sqlite3.Error, ValueError)))
        project.undo_stack.clear()
        return []


def _push(project: Project, rows: list[tuple[int, dict[str, Any], Blobs]],
          done: int) -> list[tuple[Step, int]]:
    done_count = done - rows[0][0] + 1  # how many of them are done
    builder = Rebuilder(project, [(d["step"], b) for _n, d, b in rows], done_count)
    steps = [builder.step(d["step"], b) for _n, d, b in rows]
    # the film must be as its last done step left it (or as the first found it)
    if done_count:
        expected, boundary, side = rows[done_count - 1][1].get("after"), steps[done_count - 1], "after"
    else:
        expected, boundary, side = rows[0][1].get("before"), steps[0], "before"
    if expected != fingerprint(project) or not _tiles_match(boundary, side):
        raise Unreadable("the film is not as its history left it")
    _walk(project, steps, done_count)
    stack = project.undo_stack
    for k, step in enumerate(steps):
        step.skip = ("redo",) if k < done_count else ("redo", "undo")
        stack.push(step)
    stack.setIndex(done_count)
    for step in steps:  # a step the stack never called (beyond its limit) is not skipped later
        step.skip = ()
    return list(zip(steps, [n for n, _d, _b in rows], strict=True))


def _walk(project: Project, steps: list[Step], done_count: int) -> None:
    """Take every step back to the first and forward to the last on the film's order of
    pictures (their ids alone): each must find the pictures it moves, takes out or
    changes where it says. Raises Unreadable when one does not (a hostile history whose
    last step fits the film)."""
    ids = [f.id for f in project.frames]

    def walk(step: Step, forward: bool) -> None:
        if isinstance(step, MacroStep):
            for part in step.steps if forward else reversed(step.steps):
                walk(part, forward)
        elif isinstance(step, InsertFrameCommand):  # DeleteFrameCommand too
            fid, at = step.frame.id, step.index
            if forward != isinstance(step, DeleteFrameCommand):  # it puts a picture in
                if fid in ids or not 0 <= at <= len(ids):
                    raise Unreadable("a picture put in where it cannot be")
                ids.insert(at, fid)
            else:
                if not 0 <= at < len(ids) or ids[at] != fid or len(ids) == 1:
                    raise Unreadable("a picture taken out that is not there")
                ids.pop(at)
        elif isinstance(step, MoveFrameCommand):
            a, b = (step.index, step.to) if forward else (step.to, step.index)
            if not (0 <= a < len(ids) and 0 <= b < len(ids)):
                raise Unreadable("a move out of the film")
            ids.insert(b, ids.pop(a))
        elif isinstance(step, (HoldCommand, PixelsCommand)) and step.frame_id not in ids:
            raise Unreadable("a change to a picture not in the film then")

    for step in reversed(steps[:done_count]):
        walk(step, forward=False)
    for step in steps:
        walk(step, forward=True)


def _tiles_match(step: Step, side: str) -> bool:
    """A drawing step's tiles are the picture's now (its ``after`` once done, its
    ``before`` when the film is from before it)."""
    if isinstance(step, MacroStep):  # its last part is the boundary (its first, before it)
        return _tiles_match(step.steps[-1] if side == "after" else step.steps[0], side)
    if not isinstance(step, PixelsCommand):
        return True
    changes = step.after if side == "after" else step.before
    return changes is not None and all(step.picture.tiles.get(k) == v for k, v in changes.items())


# -- writing as the learner works ----------------------------------------------------------
class UndoKeeper:
    """Writes each new step of ``project``'s undo stack, and where it stands, to ``store``.
    Everything here runs on the UI thread; the store's writer does the writing. Lifting
    the pen costs it a few stack lookups: the frames' fingerprint is made again only after
    a step that changed frames or paper."""

    def __init__(self, project: Project, store: ProjectStore,
                 kept: list[tuple[Step, int]] | None = None) -> None:
        self.project, self.store = project, store
        self.stack = project.undo_stack
        # the stack's steps with their n, in the stack's order (the references keep
        # PySide's wrappers, and so their identity, alive)
        self.kept: list[tuple[QUndoCommand, int]] = list(kept or [])
        self.index = self.stack.index()
        self.fingerprint = fingerprint(project)
        self._stale = False  # frames or paper changed since the fingerprint was made
        # steps made but not yet written, in order: (step, n, n before it, fingerprints);
        # (None, n, ...) says where Undo stands, written after them
        self.waiting: list[tuple[QUndoCommand | None, int, int, str, str]] = []
        # steps made before the keeper came (none, from FilmSession): not kept at all
        self.failed = len(self.kept) != self.stack.count()
        self.done = self._done_n(self.index) if not self.failed else 0
        self.stack.indexChanged.connect(self._changed)
        # a stroke's tiles come back from packing as the picture changes
        project.picture_changed.connect(self._picture_changed)
        project.frames_changed.connect(self._frames_changed)
        project.background_changed.connect(self._frames_changed)

    def _done_n(self, index: int) -> int:
        """n of the last step done when the stack stands at ``index``."""
        if index > 0:
            return self.kept[index - 1][1]
        return self.kept[0][1] - 1 if self.kept else 0  # no steps: the first is n = 1

    def stop(self) -> None:
        """The film is closing: its stack empties as it goes, which is no undoing."""
        if not self.failed:
            self.failed = True
            with contextlib.suppress(RuntimeError, TypeError):  # gone already
                self.stack.indexChanged.disconnect(self._changed)
                self.project.picture_changed.disconnect(self._picture_changed)
                self.project.frames_changed.disconnect(self._frames_changed)
                self.project.background_changed.disconnect(self._frames_changed)

    def _guarded(self, work: Callable[[], None]) -> None:
        if self.failed or not shiboken6.isValid(self.stack):
            return
        try:
            work()
        except Exception:  # noqa: BLE001 - keeping the history must never stop drawing
            self.failed = True
            logger.exception("Kadr stopped keeping the undo steps of this film")
            self.store.forget_undo()  # a history that may not fit the film is not kept

    def _changed(self, _index: int) -> None:
        self._guarded(self._sync)

    def _picture_changed(self, *_args: object) -> None:
        if self.waiting:
            self._guarded(self._write_waiting)

    def _frames_changed(self) -> None:
        self._stale = True

    def _sync(self) -> None:
        stack = self.stack
        before, index = self.fingerprint, stack.index()
        if self._stale:  # a step changed frames or paper: the one digest that costs
            self.fingerprint, self._stale = fingerprint(self.project), False
        new = None
        if index > 0 and (index > len(self.kept)
                          or stack.command(index - 1) is not self.kept[index - 1][0]):
            new = stack.command(index - 1)  # a push; the steps after it are gone
            gone = self.kept[self.index:]  # the redo branch
            kept = self.kept[:self.index]
            room = stack.count() - 1  # the oldest beyond the stack's limit go too
            self.kept = kept[len(kept) - room:] if room < len(kept) else kept
            gone_ids = {id(s) for s, _n in gone}
            # a step undone and replaced before it was written is gone (Qt deleted it)
            self.waiting = [w for w in self.waiting if id(w[0]) not in gone_ids]
            n = self.done + 1  # the numbers of the gone steps are free: no gaps
            self.kept.append((new, n))
            self.waiting.append((new, n, self.done, before, self.fingerprint))
            self.done = n
        self.index = index
        if len(self.kept) != stack.count():
            raise RuntimeError("the keeper lost track of the undo stack")
        if new is None:  # undo or redo
            self.done = self._done_n(index)
            if not self.waiting:
                self.store.write_undo_done(self.done)
            else:  # written with the waiting steps, in order
                self.waiting.append((None, self.done, 0, "", ""))
        self._write_waiting()

    def _write_waiting(self) -> None:
        while self.waiting:
            step, n, before_n, before_fp, after_fp = self.waiting[0]
            if step is None:
                self.store.write_undo_done(n)
                self.waiting.pop(0)
                continue
            blobs = Blobs()
            data = record(step, blobs)
            if data is None:
                return  # still being packed: written when its tiles come back
            text = json.dumps({"step": data, "sizes": blobs.sizes(), "before": before_fp,
                               "after": after_fp}, separators=(",", ":"))
            oldest = self.kept[0][1]  # a step is waiting, so the stack holds one
            self.store.write_undo_step(n, text, blobs.joined(), before_n, oldest)
            self.waiting.pop(0)

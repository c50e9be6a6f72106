"""Packs (compresses) the tiles of finished strokes on a worker thread.

Lifting the pen then costs the UI thread only a copy of the touched tiles; zlib runs beside
it and the result comes back through a queued signal. Anything that needs the tiles now
(undo, a new stroke on top, saving a copy, exporting) calls Project.settle() first.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QImage

from kadr.core.picture import TileKey, as_array, pack_tile, tile_rect

if TYPE_CHECKING:
    from kadr.core.commands import PixelsCommand

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-pack")


def _pack_all(region: QImage, origin: QPoint, keys: list[TileKey],
              size: tuple[int, int]) -> dict[TileKey, bytes | None]:
    """Cut ``region`` (a copy of the canvas from ``origin``) into tiles and compress them."""
    pixels = as_array(region)
    out: dict[TileKey, bytes | None] = {}
    for key in keys:
        r = tile_rect(key, *size).translated(-origin)
        tile = pixels[r.top():r.bottom() + 1, r.left():r.right() + 1]
        out[key] = pack_tile(tile.tobytes()) if tile.any() else None
    return out


class TilePacker(QObject):
    _done = Signal(object)  # emitted on the worker thread, delivered on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[tuple[PixelsCommand, Future[Any]]] = []
        self._done.connect(self._deliver)

    def pack(self, command: PixelsCommand, region: QImage, origin: QPoint, keys: list[TileKey],
             size: tuple[int, int]) -> None:
        future = _pool.submit(_pack_all, region, origin, keys, size)
        self._jobs.append((command, future))
        future.add_done_callback(lambda _f: self._emit_done(command))

    def _emit_done(self, command: PixelsCommand) -> None:
        try:
            self._done.emit(command)
        except RuntimeError:
            pass  # the film was closed meanwhile (settle() had delivered what mattered)

    def busy(self) -> bool:
        return bool(self._jobs)

    def _deliver(self, command: object) -> None:
        for i, (cmd, future) in enumerate(self._jobs):
            if cmd is command:
                del self._jobs[i]
                cmd.packed(future.result())
                return  # already delivered by finish_all() otherwise

    def finish_all(self) -> None:
        """Wait for every job, oldest first, and deliver them now."""
        while self._jobs:
            command, future = self._jobs.pop(0)
            command.packed(future.result())

"""Packs (compresses) the tiles of finished strokes on a worker thread.

Lifting the pen costs the UI thread almost nothing: the worker copies the touched area out
of the live picture, then compresses it beside the UI, and the result comes back through a
timer on the UI thread. Until that copy is made nothing may paint into the picture, so anything
about to paint calls ``wait_copied()`` (Project.image_to_edit does); anything that needs
the tiles now (undo, saving a copy, exporting) calls Project.settle().
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QImage

from kadr.core.picture import TILE, TileKey, const_array, pack_tile
from kadr.core.raster import tile_size

if TYPE_CHECKING:
    from kadr.core.commands import PixelsCommand

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-pack")
COLLECT_MS = 2  # how often finished jobs are looked for while any are waiting


def _copy_and_pack(pixels: np.ndarray, keys: list[TileKey], size: tuple[int, int],
                   copied: threading.Event) -> dict[TileKey, bytes | None]:
    """Copy tiles ``keys`` out of ``pixels`` (a view of the live picture, made on the UI
    thread: this worker calls no Qt), then compress them."""
    raw: dict[TileKey, bytes] = {}
    try:
        for key in keys:  # the UI paints into the picture again only after this
            x, y = key[0] * TILE, key[1] * TILE
            w, h = tile_size(key, *size)
            raw[key] = pixels[y:y + h, x:x + w].tobytes()
    finally:
        copied.set()
    return {key: pack_tile(data) if data.count(0) != len(data) else None
            for key, data in raw.items()}


@dataclass
class _Job:
    command: PixelsCommand
    image: QImage
    area: QRect
    keys: list[TileKey]
    size: tuple[int, int]
    copied: threading.Event = field(default_factory=threading.Event)
    future: Future[Any] | None = None


class TilePacker(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[_Job] = []
        # finished jobs are collected on this thread by a short timer, oldest first (no
        # signal from the worker: the film may be closed by the time it finishes)
        self._collector = QTimer(self, interval=COLLECT_MS)
        self._collector.timeout.connect(self._deliver_finished)

    def pack(self, command: PixelsCommand, image: QImage, area: QRect, keys: list[TileKey],
             size: tuple[int, int]) -> None:
        """Pack the tiles ``keys`` of ``image`` (their union is ``area``) on the worker.

        The job starts once the UI is idle again: a worker started at once competes with
        the rest of the pen-up handling for the interpreter (+0.5-1 ms, measured)."""
        self._jobs.append(_Job(command, image, area, keys, size))
        if sum(job.future is None for job in self._jobs) == 1:
            QTimer.singleShot(0, self, self._start_waiting)

    def _start_waiting(self) -> None:
        for job in self._jobs:
            if job.future is None:
                job.future = _pool.submit(_copy_and_pack, const_array(job.image), job.keys,
                                          job.size, job.copied)
        if self._jobs:
            self._collector.start()

    def wait_copied(self) -> None:
        """Return once every job has copied its pixels (call before painting again)."""
        self._start_waiting()
        for job in self._jobs:
            job.copied.wait()

    def busy(self) -> bool:
        return bool(self._jobs)

    def _deliver_finished(self) -> None:
        while self._jobs and self._jobs[0].future is not None and self._jobs[0].future.done():
            job = self._jobs.pop(0)
            assert job.future is not None
            job.command.packed(job.future.result())
        if not self._jobs:
            self._collector.stop()

    def finish_all(self) -> None:
        """Wait for every job, oldest first, and deliver them now."""
        self._start_waiting()
        while self._jobs:
            job = self._jobs.pop(0)
            assert job.future is not None
            job.command.packed(job.future.result())
        self._collector.stop()

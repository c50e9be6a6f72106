"""Packs (compresses) the tiles of finished strokes on a worker thread.

Lifting the pen costs the UI thread almost nothing: the worker copies the touched area out
of the live picture, then compresses it beside the UI, and the result comes back through a
timer on the UI thread. Until that copy is made nothing may paint into the picture, so anything
about to paint calls ``wait_copied()`` (Project.image_to_edit does); anything that needs
the tiles now (undo, saving a copy, exporting) calls Project.settle().

A job is never dropped: when the worker fails (or cannot be started, as when Python is
shutting down), the same packing is done on the UI thread, and the error is logged.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QImage

from kadr.core.picture import TileKey, const_array, pack_tile
from kadr.core.raster import TILE, tile_size

if TYPE_CHECKING:
    from kadr.core.commands import PixelsCommand

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-pack")
COLLECT_MS = 2  # how often finished jobs are looked for while any are waiting
logger = logging.getLogger("kadr.packer")
Raw = dict[TileKey, bytes]
Packed = dict[TileKey, bytes | None]


def _copy(pixels: np.ndarray, keys: list[TileKey], size: tuple[int, int]) -> Raw:
    """The raw bytes of tiles ``keys`` of ``pixels`` (a view of the live picture)."""
    raw: Raw = {}
    for key in keys:
        x, y = key[0] * TILE, key[1] * TILE
        w, h = tile_size(key, *size)
        raw[key] = pixels[y:y + h, x:x + w].tobytes()
    return raw


def _pack(raw: Raw) -> Packed:
    return {key: pack_tile(data) if data.count(0) != len(data) else None
            for key, data in raw.items()}


@dataclass
class _Job:
    command: PixelsCommand
    image: QImage
    area: QRect
    keys: list[TileKey]
    size: tuple[int, int]
    pixels: np.ndarray | None = None  # a view of ``image``, made on the UI thread
    raw: Raw | None = None  # the copied tiles, once copied (by the worker or the UI)
    copied: threading.Event = field(default_factory=threading.Event)
    future: Future[Any] | None = None


def _copy_and_pack(job: _Job) -> Packed:
    """On the worker: copy the tiles (the UI paints into the picture again only after
    this), then compress them. Calls no Qt: ``job.pixels`` is a numpy view."""
    try:
        assert job.pixels is not None
        job.raw = _copy(job.pixels, job.keys, job.size)
    finally:
        job.copied.set()
    return _pack(job.raw)


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
                job.pixels = const_array(job.image)
                try:
                    job.future = _pool.submit(_copy_and_pack, job)
                except RuntimeError:  # the pool is shut down (Python is exiting)
                    job.future = self._done_here(job)
        if self._jobs:
            self._collector.start()

    def _done_here(self, job: _Job) -> Future[Any]:
        """Pack ``job`` on this thread, as a finished future."""
        future: Future[Any] = Future()
        future.set_result(self._pack_here(job))
        return future

    def _pack_here(self, job: _Job) -> Packed:
        """The worker's packing, done on the UI thread (after a worker failure)."""
        if job.raw is None:
            job.raw = _copy(const_array(job.image), job.keys, job.size)
        job.copied.set()
        return _pack(job.raw)

    def wait_copied(self) -> None:
        """Return once every job has copied its pixels (call before painting again)."""
        self._start_waiting()
        for job in self._jobs:
            job.copied.wait()
            if job.raw is None:  # the worker failed to copy: copy here, before painting
                job.raw = _copy(const_array(job.image), job.keys, job.size)

    def busy(self) -> bool:
        return bool(self._jobs)

    def _result(self, job: _Job) -> Packed:
        """The job's tiles; a worker error is logged and the packing done here instead."""
        assert job.future is not None
        try:
            packed: Packed = job.future.result()
            return packed
        except Exception:  # noqa: BLE001 - never lose the stroke: pack it on this thread
            logger.exception("Packing a stroke on the worker failed; packing it here")
            return self._pack_here(job)

    def _deliver(self, job: _Job) -> None:
        """Deliver the oldest job; it leaves the list only once delivered."""
        after = self._result(job)
        self._jobs.remove(job)
        job.command.packed(after)

    def _deliver_finished(self) -> None:
        while self._jobs and self._jobs[0].future is not None and self._jobs[0].future.done():
            self._deliver(self._jobs[0])
        if not self._jobs:
            self._collector.stop()

    def finish_all(self) -> None:
        """Wait for every job, oldest first, and deliver them now."""
        self._start_waiting()
        while self._jobs:
            self._deliver(self._jobs[0])
        self._collector.stop()

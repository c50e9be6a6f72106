"""Playback: a timer that walks the film (holds included) in loop, once or ping-pong order.

Each tick shows a picture that is already made and, once it is painted, has the next one
made on a worker thread (at the canvas's size when it can), so it is ready before it is due.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from kadr.core import raster
from kadr.core.picture import Picture
from kadr.core.project import DRAWING_LAYERS, Project
from kadr.core.render import Renderer, to_qimage
from kadr.core.timing import playback

logger = logging.getLogger("kadr.player")
# decoding (zlib, numpy) releases the GIL, so the next picture is made beside the UI; the
# worker makes plain arrays and never calls Qt (core/raster.py says why)
_decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-decode")


class Player(QObject):
    frame = Signal(int)  # picture index to show
    started = Signal()
    stopped = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self._order: Iterator[int] | None = None
        self._next: int | None = None
        self.current = 0
        self.shown: list[int] = []  # the order of pictures shown, for checks and tests
        # jobs on the decoding thread, collected by the next tick on this thread (no
        # signal from the worker: the player may be gone by the time it finishes)
        self._jobs: list[tuple[tuple[object, ...], Callable[[QImage], None],
                               Future[np.ndarray]]] = []
        # set by the studio: where display-size pictures go, and the canvas's paper size
        # when it is shown smaller than 1:1 (None otherwise)
        self.renderer: Renderer | None = None
        self.frame_size: Callable[[], tuple[int, int] | None] = lambda: None

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def play(self, start: int | None = None) -> None:
        if self.is_playing() or not self.project.frames:
            return
        holds = [f.hold for f in self.project.frames]
        first = self.current if start is None else start
        if self.project.settings.play_mode == "once" and first >= len(holds) - 1:
            first = 0  # playing "once" from the end starts again from the start
        self._order = playback(holds, self.project.settings.play_mode, first)
        self._next = next(self._order, None)
        self.shown = []
        self.timer.start(round(1000 / self.project.settings.fps))
        self.started.emit()
        self._tick()

    def stop(self) -> None:
        if self.is_playing():
            self.timer.stop()
            self._order = None
            self.stopped.emit()

    def toggle(self) -> None:
        self.stop() if self.is_playing() else self.play()

    def set_fps(self, fps: int) -> None:
        self.project.set_fps(fps)
        if self.is_playing():
            self.timer.setInterval(round(1000 / self.project.settings.fps))

    def step(self, direction: int) -> int:
        """One picture forward or back (wrapping), while stopped."""
        self.stop()
        if self.project.frames:
            self.current = (self.current + direction) % len(self.project.frames)
            self.frame.emit(self.current)
        return self.current

    def _tick(self) -> None:
        index = self._next
        if index is None or self._order is None:
            self.stop()
            return
        if self.timer.interval() != round(1000 / self.project.settings.fps):
            self.timer.setInterval(round(1000 / self.project.settings.fps))
        self._collect()
        self.current = index
        self.shown.append(index)
        self.frame.emit(index)
        self._next = next(self._order, None)
        if self._next is not None and self._next != index:
            # start decoding once this picture is painted: on 2 cores a decode running
            # beside the paint made a third of the frames late (measured)
            QTimer.singleShot(0, self, self._decode_ahead)

    def _decode_ahead(self) -> None:
        """Make the next picture ready off the UI thread, before it is due: drawn at the
        canvas's size when it shows the paper smaller (then painting it is one blit), else
        decoded at full size."""
        if self._next is None or not self.is_playing():
            return
        size = self.frame_size() if self.renderer is not None else None
        if self.renderer is not None and size is not None:
            key = self.renderer.playback_key(self._next, size)
            if not self._making(key) and not self.renderer.has_playback_frame(key):
                self._start(key, self.renderer.picture_job(self._next, size, smooth=False),
                            partial(self._keep_drawn, key))
            return
        for layer in DRAWING_LAYERS:
            pic = self.project.frames[self._next].pictures[layer]
            if not pic.is_empty() and not self.project.cache.has(pic) \
                    and not self._making(pic.key):
                self._start(pic.key, partial(raster.decoded, dict(pic.tiles), pic.width,
                                             pic.height),
                            partial(self._keep_decoded, pic, pic.version))

    def _making(self, key: tuple[object, ...]) -> bool:
        return any(k == key for k, _keep, _job in self._jobs)

    def _start(self, key: tuple[object, ...], make: Callable[[], np.ndarray],
               keep: Callable[[QImage], None]) -> None:
        self._jobs.append((key, keep, _decoder.submit(make)))

    def _collect(self) -> None:
        """Keep what the decoding thread has finished (on this thread)."""
        waiting = []
        for key, keep, job in self._jobs:
            if not job.done():
                waiting.append((key, keep, job))
            elif job.exception() is None:
                keep(to_qimage(job.result()))
            else:  # the picture is made on the UI thread when it is due instead
                logger.error("Making a picture ahead failed", exc_info=job.exception())
        self._jobs = waiting

    def _keep_drawn(self, key: tuple[object, ...], image: QImage) -> None:
        if self.renderer is not None:
            self.renderer.keep_playback_frame(key, image)

    def _keep_decoded(self, picture: Picture, version: int, image: QImage) -> None:
        """A picture decoded ahead arrives: keep it if it is still the same picture."""
        if picture.version == version and not self.project.cache.has(picture):
            self.project.cache.put(picture, image)

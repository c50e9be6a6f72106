"""Playback: a timer that walks the film (holds included) in loop, once or ping-pong order.

Each tick shows a picture that is already decoded and decodes the next one, so the image
is ready before it is due.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from kadr.core.picture import Picture
from kadr.core.project import DRAWING_LAYERS, Project
from kadr.core.timing import playback

PRESETS = {"slow": 4, "normal": 8, "fast": 12}
# decoding (zlib and QPainter) releases the GIL, so the next picture is made beside the UI
_decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-decode")


class Player(QObject):
    frame = Signal(int)  # picture index to show
    started = Signal()
    stopped = Signal()
    _decoded = Signal(object)  # from the decoding thread, delivered on the UI thread

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
        self._decoding: set[tuple[int, int]] = set()
        self._decoded.connect(self._keep_decoded)

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
        self.current = index
        self.shown.append(index)
        self.frame.emit(index)
        self._next = next(self._order, None)
        if self._next is not None and self._next != index:
            # start decoding once this picture is painted: on 2 cores a decode running
            # beside the paint made a third of the frames late (measured)
            QTimer.singleShot(0, self, self._decode_ahead)

    def _decode_ahead(self) -> None:
        """Decode the next picture off the UI thread, so it is ready when it is due."""
        if self._next is None or not self.is_playing():
            return
        for layer in DRAWING_LAYERS:
            pic = self.project.frames[self._next].pictures[layer]
            if not pic.is_empty() and not self.project.cache.has(pic) \
                    and pic.key not in self._decoding:
                self._decoding.add(pic.key)
                _decoder.submit(self._decode, pic, pic.version)

    def _decode(self, picture: Picture, version: int) -> None:
        """On the decoding thread; the image is handed back through a queued signal."""
        image = picture.decode()
        try:
            self._decoded.emit((picture, version, image))
        except RuntimeError:
            pass  # the player was closed meanwhile

    def _keep_decoded(self, item: tuple[Picture, int, QImage]) -> None:
        """A picture decoded ahead arrives: keep it if it is still the same picture."""
        picture, version, image = item
        self._decoding.discard((picture.uid, version))
        if picture.version == version and not self.project.cache.has(picture):
            self.project.cache.put(picture, image)

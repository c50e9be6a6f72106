"""What a lesson draws over the canvas, never into the film: its guides, a gentle pulse on
a guide or a place ("look here"), a demonstration that draws the example's picture, and a
faint copy of that picture to trace.

The canvas calls ``paint`` after the picture (``Canvas.overlays``); exports and checks use
the Renderer, which knows nothing of this, so none of it is ever exported or judged.
Movement is slow (one swell in 1.6 s, far from the three flashes a second of WCAG 2.3.1);
with reduced motion (ui/motion.py) a pulse is a still, thicker highlight.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from kadr.core.picture import FORMAT
from kadr.lessons.demo import DemoPlan
from kadr.lessons.guide import GUIDE_COLOUR, Guide, paint_guides, paint_highlight, paint_place
from kadr.ui import motion

PULSE_SECONDS = 4.8  # three slow swells, then the usual dashed guide again
PULSE_PERIOD = 1.6
DEMO_SECONDS = 2.2  # the pen draws the whole example picture in this time
DEMO_HOLD = 3.0  # then the finished picture stays this long
TRACE_OPACITY = 0.25  # "Help me do it": the example's picture, faint, to draw over
VEIL = QColor(255, 255, 255, 150)  # paper over the child's picture while a demo draws
TICK_MS = 40

Point = tuple[float, float]


def prefers_still() -> bool:
    """Reduced motion (ui/motion.py): the overlay then never moves by itself."""
    return motion.reduced()


@dataclass
class _Demo:
    pixels: np.ndarray  # (h, w, 4) premultiplied BGRA of the example's picture
    plan: DemoPlan
    page: int
    started: float
    shown: QImage = field(default_factory=QImage)
    shown_progress: float = -1.0


@dataclass
class _Trace:
    image: QImage
    page: int
    # given for another picture: the page the child was on then (it waits there until
    # the child goes to its picture); None once the child is on its picture
    waiting_on: int | None = None


class LessonOverlay(QObject):
    """Paints the lesson's layer over the canvas; ``changed`` asks the canvas to repaint."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guides: list[Guide] = []  # the step's guides (the canvas's words read them)
        self.page_of: Callable[[], int] = lambda: 0  # the picture the canvas shows
        self.reduced_motion = prefers_still()
        motion.notice().changed.connect(self._motion_changed)  # a setting or the system
        self.pulse_guides: list[Guide] = []
        self.pulse_place: Point | None = None
        self._pulse_started: float | None = None
        self._demo: _Demo | None = None
        self._trace: _Trace | None = None
        self._clock = QElapsedTimer()
        self._clock.start()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._advance)

    # -- what to show ------------------------------------------------------------------
    def set_guides(self, guides: Sequence[Guide]) -> None:
        self.guides[:] = list(guides)  # the same list: the canvas's description reads it
        self.changed.emit()

    def pulse(self, guides: Sequence[Guide] = (), place: Point | None = None) -> bool:
        """Pulse ``guides`` and/or a ``place`` for a few seconds. False: nothing to pulse."""
        self.pulse_guides, self.pulse_place = list(guides), place
        if not self.pulse_guides and place is None:
            self._pulse_started = None
            return False
        self._pulse_started = self._now()
        self._start_ticking()
        self.changed.emit()
        return True

    def play_demo(self, pixels: np.ndarray, plan: DemoPlan, page: int) -> None:
        """Draw ``pixels`` (the example's picture) along ``plan``'s pen path, over ``page``."""
        self._demo = _Demo(pixels, plan, page, self._now())
        self._start_ticking()
        self.changed.emit()

    def show_trace(self, image: QImage, page: int) -> None:
        """A faint copy of ``image`` on ``page`` until the step is met or the page turns
        (given for another picture, it waits for the child to go there)."""
        here = self.page_of()
        self._trace = _Trace(image, page, None if page == here else here)
        self._demo = None  # the next rung of help replaces the demonstration
        self.changed.emit()

    def clear_help(self) -> None:
        """The step changed: no pulse, demonstration or faint picture is left."""
        had = self.pulsing or self._demo is not None or self._trace is not None
        self._pulse_started, self._demo, self._trace = None, None, None
        self.pulse_guides, self.pulse_place = [], None
        self._tick.stop()
        if had:
            self.changed.emit()

    # -- state (the panel and tests read it) -------------------------------------------
    @property
    def pulsing(self) -> bool:
        return self._pulse_started is not None

    def pulse_strength(self) -> float:
        """0..1: how bold the highlight is now (1 for a still highlight)."""
        if self._pulse_started is None:
            return 0.0
        if self.reduced_motion:
            return 1.0
        t = self._now() - self._pulse_started
        return 0.5 - 0.5 * math.cos(2 * math.pi * t / PULSE_PERIOD)

    @property
    def demo_playing(self) -> bool:
        return self._demo is not None

    def demo_progress(self) -> float:
        """0..1: how much of the example's picture the demonstration has drawn."""
        if self._demo is None:
            return 0.0
        return min(1.0, (self._now() - self._demo.started) / DEMO_SECONDS)

    @property
    def trace_page(self) -> int | None:
        """The picture the faint copy is on (None: none)."""
        self._follow_page()
        return None if self._trace is None else self._trace.page

    def tracing_shown(self) -> bool:
        return self.trace_page is not None and self.trace_page == self.page_of()

    def _follow_page(self) -> None:
        """The faint copy goes when the child turns away from its picture (or, while it
        waits for the child, to a third one)."""
        trace = self._trace
        if trace is None:
            return
        page = self.page_of()
        if page == trace.page:
            trace.waiting_on = None
        elif page != trace.waiting_on:
            self._trace = None

    def _motion_changed(self, reduced: bool) -> None:
        self.reduced_motion = reduced
        self.changed.emit()

    # -- time --------------------------------------------------------------------------
    def _now(self) -> float:
        return self._clock.elapsed() / 1000.0

    def _start_ticking(self) -> None:
        if not self._tick.isActive():
            self._tick.start()

    def _advance(self) -> None:
        now, moved = self._now(), False
        if self._pulse_started is not None:
            if now - self._pulse_started >= PULSE_SECONDS:
                self._pulse_started, self.pulse_guides, self.pulse_place = None, [], None
            moved = True  # a still highlight repaints only when it ends (cheap anyway)
        if self._demo is not None:
            if now - self._demo.started >= DEMO_SECONDS + DEMO_HOLD:
                self._demo = None
            moved = True
        if self._pulse_started is None and self._demo is None:
            self._tick.stop()
        if moved:
            self.changed.emit()

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, width: int, height: int) -> None:
        """Canvas coordinates, over the picture."""
        self._follow_page()
        trace = self._trace
        if trace is not None and trace.page == self.page_of():
            painter.save()
            painter.setOpacity(TRACE_OPACITY)
            painter.drawImage(QRectF(0, 0, width, height), trace.image)
            painter.restore()
        paint_guides(painter, self.guides, width, height)
        if self._pulse_started is not None:
            strength = self.pulse_strength()
            paint_highlight(painter, self.pulse_guides, width, height, strength)
            if self.pulse_place is not None:
                paint_place(painter, self.pulse_place, width, height, strength)
        if self._demo is not None:
            self._paint_demo(painter, self._demo, width, height)

    def _paint_demo(self, painter: QPainter, demo: _Demo, width: int, height: int) -> None:
        progress = self.demo_progress()
        if demo.shown_progress != progress:
            shown = demo.pixels * demo.plan.revealed(progress)[..., None]
            shown = np.ascontiguousarray(shown, dtype=np.uint8)
            h, w = shown.shape[:2]
            demo.shown = QImage(shown.data, w, h, w * 4, FORMAT).copy()
            demo.shown_progress = progress
        painter.save()
        painter.fillRect(QRectF(0, 0, width, height), VEIL)
        target = QRectF(0, 0, width, height)
        painter.drawImage(target, demo.shown)
        pen = demo.plan.pen_at(progress) if progress < 1.0 else None
        if pen is not None:  # the pen's tip, so it looks drawn, not faded in
            h, w = demo.pixels.shape[:2]
            tip = QPointF(pen[0] * width / w, pen[1] * height / h)
            r = max(6.0, 0.012 * math.hypot(width, height))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(QColor(GUIDE_COLOUR))
            painter.setPen(QPen(QColor("#ffffff"), 3))
            painter.drawEllipse(tip, r, r)
        painter.restore()

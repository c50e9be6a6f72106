"""Marks on a picture: brush and eraser strokes with a stabiliser, shapes, clearing.

Every input method (mouse, pen tablet, touch, keyboard pen, switch) arrives as PenEvents in
canvas coordinates, so every tool works with every input.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

BRUSH_PRESETS = (4, 10, 24, 48, 96)  # the five big size buttons
MIN_SIZE, MAX_SIZE = 1, 200
SHAPES = ("line", "rectangle", "ellipse")


@dataclass(frozen=True)
class PenEvent:
    x: float
    y: float
    pressure: float = 1.0  # 0..1; mouse and keyboard give 1

    def point(self) -> QPointF:
        return QPointF(self.x, self.y)


def make_painter(image: QImage, erase: bool = False) -> QPainter:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if erase:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
    return painter


def round_pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, max(0.5, width), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    return pen


def bounds(a: QPointF, b: QPointF, width: float) -> QRect:
    pad = width / 2 + 2
    return QRectF(a, b).normalized().adjusted(-pad, -pad, pad, pad).toAlignedRect()


class Stroke:
    """A brush or eraser stroke being drawn into ``image``.

    The stabiliser (0 off .. 10 strong) follows the pen with a lag, which smooths tremor;
    lifting the pen draws the rest of the way, so the line ends where the pen did.
    """

    def __init__(self, image: QImage, color: QColor, size: float, erase: bool = False,
                 stabiliser: int = 3) -> None:
        self.image = image
        self.color = QColor(color)
        self.size = max(MIN_SIZE, min(MAX_SIZE, size))
        self.erase = erase
        self.follow = 1.0 / (1.0 + max(0, min(10, stabiliser)))
        self.painter = make_painter(image, erase)
        self.last: QPointF | None = None
        self.target: QPointF | None = None
        self.pressure = 1.0
        self.dirty = QRect()
        # every segment drawn, so the stroke can be drawn again on a fresh picture
        self.segments: list[tuple[QPointF, QPointF, float]] = []

    def _width(self, pressure: float) -> float:
        return max(1.0, self.size * (0.25 + 0.75 * max(0.0, min(1.0, pressure))))

    def _segment(self, a: QPointF, b: QPointF, pressure: float) -> QRect:
        width = self._width(pressure)
        self.segments.append((a, b, width))
        _draw_segment(self.painter, self.color, a, b, width)
        area = bounds(a, b, width)
        self.dirty = self.dirty.united(area)
        return area

    def press(self, event: PenEvent) -> QRect:
        self.last = self.target = event.point()
        self.pressure = event.pressure
        return self._segment(self.last, self.last, event.pressure)

    def move(self, event: PenEvent) -> QRect:
        if self.last is None:
            return self.press(event)
        self.target = event.point()
        self.pressure = event.pressure
        nxt = self.last + (self.target - self.last) * self.follow
        area = self._segment(self.last, nxt, event.pressure)
        self.last = nxt
        return area

    def release(self, event: PenEvent | None = None) -> QRect:
        area = QRect()
        if self.last is not None:
            end = event.point() if event is not None else self.target
            if end is not None and end != self.last:
                area = self._segment(self.last, end, self.pressure)
        self.painter.end()
        return area

    def replay(self, image: QImage) -> None:
        """Draw the whole stroke again on ``image`` (after release: the picture it was
        drawn on was replaced meanwhile, e.g. undone under it)."""
        painter = make_painter(image, self.erase)
        for a, b, width in self.segments:
            _draw_segment(painter, self.color, a, b, width)
        painter.end()
        self.image = image


def _draw_segment(painter: QPainter, color: QColor, a: QPointF, b: QPointF,
                  width: float) -> None:
    painter.setPen(round_pen(color, width))
    if a == b:
        painter.drawPoint(a)
    else:
        painter.drawLine(a, b)


def draw_shape(painter: QPainter, kind: str, a: QPointF, b: QPointF, color: QColor,
               size: float) -> QRect:
    """Draw a line, rectangle or ellipse outline from ``a`` to ``b``; returns the area."""
    painter.setPen(round_pen(color, size))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind == "line":
        painter.drawLine(a, b)
    elif kind == "rectangle":
        painter.drawRect(QRectF(a, b).normalized())
    else:
        painter.drawEllipse(QRectF(a, b).normalized())
    return bounds(a, b, size)


def shape_on(image: QImage, kind: str, a: QPointF, b: QPointF, color: QColor, size: float,
             erase: bool = False) -> QRect:
    painter = make_painter(image, erase)
    area = draw_shape(painter, kind, a, b, color, size)
    painter.end()
    return area


def clear(image: QImage) -> QRect:
    image.fill(0)
    return image.rect()

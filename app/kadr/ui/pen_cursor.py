"""The pointer over the paper: a ring as big as the brush, in its colour, so the child sees
what a stroke will cover before drawing (Tux Paint does the same)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen, QPixmap

MAX_CURSOR = 256  # window systems refuse (or crop) bigger pointer pictures


def ring_cursor(tool: str, size: float, colour: str, scale: float) -> QCursor:
    """A ring of the brush's width on screen (``size`` paper px x ``scale``), a white and a
    dark edge so it shows on any picture, and a dot at the tip."""
    if tool in ("fill", "picker"):
        return QCursor(Qt.CursorShape.CrossCursor)
    diameter = max(8.0, min(size * scale, MAX_CURSOR - 8.0))
    side = int(diameter) + 8
    pix = QPixmap(side, side)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = QPointF(side / 2, side / 2)
    radius = diameter / 2
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor("#ffffff"), 4))
    painter.drawEllipse(centre, radius, radius)
    ink = QColor("#ffffff" if tool == "eraser" else colour)
    painter.setPen(QPen(QColor("#1a1a1a"), 2 if tool == "eraser" else 1))
    painter.drawEllipse(centre, radius + 1.5, radius + 1.5)
    painter.setPen(QPen(ink, 2))
    painter.drawEllipse(centre, radius - 1, radius - 1)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1a1a1a"))
    painter.drawEllipse(centre, 1.5, 1.5)
    painter.end()
    return QCursor(pix, side // 2, side // 2)

"""Tracing guides and motion paths, described as data and painted over the canvas.

Coordinates are parts of the canvas: x 0..1 from the left, y 0..1 from the top. A circle's
radius is a part of the canvas's shorter side; an ellipse's size is [part of the width,
part of the height]. Guides are drawn only by ``paint_guides`` for the canvas overlay;
exports use the Renderer, which knows nothing of guides, so guides are never exported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

SHAPES = ("circle", "ellipse", "line", "path", "dots", "rect")
GUIDE_COLOUR = "#6a3d9a"  # purple: 8:1 on white paper, distinct from the blue/orange ghosts

Point = tuple[float, float]


@dataclass(frozen=True)
class Guide:
    id: str
    shape: str
    points: tuple[Point, ...] = ()  # centre (circle/ellipse/rect), ends (line), path, dots
    radius: float = 0.0
    size: Point = (0.0, 0.0)
    closed: bool = False

    def scaled(self, width: int, height: int) -> list[QPointF]:
        return [QPointF(x * width, y * height) for x, y in self.points]


def _point(value: Any) -> Point | None:
    if (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
            and all(-0.5 <= v <= 1.5 for v in value)):
        return (float(value[0]), float(value[1]))
    return None


def parse_guide(table: dict[str, Any]) -> tuple[Guide | None, list[tuple[str, str]]]:
    """A Guide from a ``[[guides]]`` table, or None and a list of (field, problem)."""
    bad: list[tuple[str, str]] = []
    gid, shape = table.get("id"), table.get("shape")
    if not isinstance(gid, str) or not gid:
        bad.append(("id", "every guide needs an id, like id = \"face\""))
    if shape not in SHAPES:
        bad.append(("shape", "shape must be one of: " + ", ".join(SHAPES)))
        return None, bad
    known = {"id", "shape", "center", "radius", "size", "from", "to", "points", "closed"}
    for key in table:
        if key not in known:
            bad.append((key, f"guides have no field '{key}'"))
    points: list[Point] = []
    radius, size = 0.0, (0.0, 0.0)
    if shape in ("circle", "ellipse", "rect"):
        c = _point(table.get("center"))
        if c is None:
            bad.append(("center", "center must be [x, y] with numbers from 0 to 1"))
        else:
            points = [c]
        if shape == "circle":
            r = table.get("radius")
            if not isinstance(r, (int, float)) or not 0 < r <= 1:
                bad.append(("radius", "radius must be a number between 0 and 1"))
            else:
                radius = float(r)
        else:
            s = _point(table.get("size"))
            if s is None or s[0] <= 0 or s[1] <= 0:
                bad.append(("size", "size must be [width, height] with numbers from 0 to 1"))
            else:
                size = s
    elif shape == "line":
        a, b = _point(table.get("from")), _point(table.get("to"))
        if a is None or b is None:
            bad.append(("from", "a line needs from = [x, y] and to = [x, y]"))
        else:
            points = [a, b]
    else:  # path, dots
        raw = table.get("points")
        pts = [_point(p) for p in raw] if isinstance(raw, list) else [None]
        if not pts or any(p is None for p in pts) or (shape == "path" and len(pts) < 2):
            bad.append(("points", "points must be a list like [[0.1, 0.5], [0.3, 0.4]]"))
        else:
            points = [p for p in pts if p is not None]
    closed = bool(table.get("closed", False))
    if bad:
        return None, bad
    return Guide(str(gid), str(shape), tuple(points), radius, size, closed), []


def _dot_radius(width: int, height: int) -> float:
    return max(4.0, 0.008 * float(np.hypot(width, height)))


def guide_path(guide: Guide, width: int, height: int) -> QPainterPath:
    """The guide's outline in canvas pixels (dots become small circles)."""
    path = QPainterPath()
    pts = guide.scaled(width, height)
    if guide.shape == "circle":
        r = guide.radius * min(width, height)
        path.addEllipse(pts[0], r, r)
    elif guide.shape in ("ellipse", "rect"):
        w, h = guide.size[0] * width, guide.size[1] * height
        rect = QRectF(pts[0].x() - w / 2, pts[0].y() - h / 2, w, h)
        path.addEllipse(rect) if guide.shape == "ellipse" else path.addRect(rect)
    elif guide.shape == "dots":
        r = _dot_radius(width, height)
        for p in pts:
            path.addEllipse(p, r, r)
    else:
        path.moveTo(pts[0])
        for p in pts[1:]:
            path.lineTo(p)
        if guide.closed:
            path.closeSubpath()
    return path


def paint_guides(painter: QPainter, guides: Iterable[Guide], width: int, height: int) -> None:
    """Draw ``guides`` as dashed purple lines and dots, in canvas coordinates."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(2.0, 0.004 * float(np.hypot(width, height)))
    pen = QPen(QColor(GUIDE_COLOUR), line, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    for guide in guides:
        path = guide_path(guide, width, height)
        if guide.shape == "dots":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(GUIDE_COLOUR)))
        else:
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.restore()


HALO_ALPHA = 90  # the soft band around a highlighted guide or place (of 255)


def _highlight_pens(width: int, height: int, strength: float) -> tuple[QPen, QPen, QPen]:
    """A soft purple band, a white casing and a solid purple line; ``strength`` (0..1)
    makes them wider: the pulse swings it, a still highlight keeps it at 1."""
    line = max(2.0, 0.004 * float(np.hypot(width, height)))
    s = min(1.0, max(0.0, strength))
    halo = QColor(GUIDE_COLOUR)
    halo.setAlpha(HALO_ALPHA)
    caps = (Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    core = line * (1.5 + 1.0 * s)
    return (QPen(halo, line * (4.0 + 4.0 * s), *caps),
            QPen(QColor("#ffffff"), core + 4.0, *caps),  # readable over dark ink too
            QPen(QColor(GUIDE_COLOUR), core, *caps))


def paint_highlight(painter: QPainter, guides: Iterable[Guide], width: int, height: int,
                    strength: float) -> None:
    """Draw ``guides`` as a bold solid line in a soft band: "look here"."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for guide in guides:
        path = guide_path(guide, width, height)
        for pen in _highlight_pens(width, height, strength):
            painter.setPen(pen)
            painter.drawPath(path)
    painter.restore()


def paint_place(painter: QPainter, place: Point, width: int, height: int,
                strength: float) -> None:
    """A ring round a place on the paper (x, y as parts of width and height), with a dot
    in its middle: "draw here"."""
    centre = QPointF(place[0] * width, place[1] * height)
    radius = 0.05 * float(np.hypot(width, height)) * (1.0 + 0.25 * min(1.0, max(0.0, strength)))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pens = _highlight_pens(width, height, strength)
    for pen in pens:
        painter.setPen(pen)
        painter.drawEllipse(centre, radius, radius)
    dot = max(_dot_radius(width, height), pens[2].widthF())  # the spot itself
    painter.setPen(QPen(QColor("#ffffff"), 2.0))
    painter.setBrush(QBrush(QColor(GUIDE_COLOUR)))
    painter.drawEllipse(centre, dot, dot)
    painter.restore()


def guide_mask(guide: Guide, width: int, height: int, filled: bool) -> np.ndarray:
    """Pixels of the guide's outline (or of the area inside it, when ``filled``)."""
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    path = guide_path(guide, width, height)
    painter.setPen(QPen(QColor(255, 255, 255), 3.0))
    closed = guide.shape in ("circle", "ellipse", "rect", "dots") or guide.closed
    painter.setBrush(QBrush(QColor(255, 255, 255)) if filled and closed else Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    ptr = image.constBits()
    arr = np.frombuffer(ptr, np.uint8).reshape(height, image.bytesPerLine())[:, :width]
    return arr > 127

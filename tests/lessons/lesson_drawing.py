"""Helpers that draw on a project the way the studio does (paint, then commit)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from kadr.core.project import Project, blank_project
from kadr.lessons.registry import REGISTRY, resolve_params


def project(frames: int = 1, width: int = 640, height: int = 480) -> Project:
    p = blank_project(width, height)
    for _ in range(frames - 1):
        p.frames.append(p.new_frame())
    return p


def _paint(p: Project, index: int, layer: str, draw) -> None:
    image = p.image_to_edit(index, layer)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter)
    painter.end()
    p.commit_pixels(index, layer, image, image.rect(), "test")


def ellipse(p: Project, index: int, cx: float, cy: float, rx: float, ry: float | None = None,
            colour: str = "#e6194b", layer: str = "drawing", filled: bool = True) -> None:
    ry = rx if ry is None else ry

    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(QColor("#000000"), 6))
        painter.setBrush(QBrush(QColor(colour)) if filled else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(cx - rx, cy - ry, 2 * rx, 2 * ry))

    _paint(p, index, layer, draw)


def lines(p: Project, index: int, points: list[tuple[float, float]], colour: str = "#000000",
          width: float = 10, layer: str = "drawing") -> None:
    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(QColor(colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for a, b in zip(points, points[1:]):
            painter.drawLine(QPointF(*a), QPointF(*b))

    _paint(p, index, layer, draw)


def rounded(p: Project, index: int, corner: float, half: float = 100,
            centre: tuple[float, float] = (320, 240)) -> None:
    """A filled square with round corners (corner = half: a circle)."""
    inner = half - corner
    pts = []
    for k in range(4):
        mid = math.radians(90 * k + 45)
        ox = centre[0] + math.copysign(inner, math.cos(mid))
        oy = centre[1] + math.copysign(inner, math.sin(mid))
        for j in range(10):
            a = math.radians(90 * k + 10 * j)
            pts.append(QPointF(ox + corner * math.cos(a), oy + corner * math.sin(a)))

    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(QColor("#000000"), 6))
        painter.setBrush(QBrush(QColor("#bfef45")))
        painter.drawPolygon(pts)

    _paint(p, index, "drawing", draw)


def check(name: str, p: Project, events=(), guides=None, **params) -> bool:
    """Run one registered check with ``params`` (defaults filled, parameters validated)."""
    guides = guides or {}
    resolved, problems = resolve_params(name, params, set(guides))
    assert not problems, problems
    if "guide" in resolved:
        resolved["guide"] = guides[resolved["guide"]]
    return bool(REGISTRY[name].fn(p, list(events), resolved))

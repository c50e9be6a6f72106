"""Small animations for the export tests (a unique module name: every test folder has a
conftest.py, so helpers must not be imported from one)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from kadr.core.fill import fill
from kadr.core.paint import shape_on
from kadr.core.project import Project, blank_project

COLOURS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6")


def draw(project: Project, index: int, kind: str, a: tuple[float, float],
         b: tuple[float, float], color: str, size: float = 6, layer: str = "drawing",
         fill_color: str | None = None) -> None:
    """Draw a shape (optionally filled flat inside) as one committed step."""
    image = project.image_to_edit(index, layer)
    rect = shape_on(image, kind, QPointF(*a), QPointF(*b), QColor(color), size)
    if fill_color is not None:
        centre = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        rect = rect.united(fill(image, int(centre[0]), int(centre[1]), QColor(fill_color)))
    project.commit_pixels(index, layer, image, rect, "test")


def make_film(holds: list[int], fps: int = 12, size: tuple[int, int] = (640, 480),
              front: bool = True, blank: int | None = None) -> Project:
    """A ball crossing the canvas: one picture per hold, filled flat, a mark on 'front'."""
    w, h = size
    project = blank_project(w, h)
    for i, hold in enumerate(holds):
        if i:
            project.add_frame(i - 1)
        project.set_hold(i, hold)
        if i == blank:
            continue  # an empty picture (tests blank keyframes)
        x = 20 + i * (w - 140) / max(1, len(holds) - 1)
        draw(project, i, "ellipse", (x, h * 0.3), (x + 100, h * 0.3 + 100), "#000000", 6,
             fill_color=COLOURS[i % len(COLOURS)])
        if front and i % 2 == 0:
            draw(project, i, "line", (10, h - 20 - i * 5), (w - 10, h - 40), "#4363d8", 10,
                 layer="front")
    project.set_fps(fps)
    return project


def rgb(image) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Our renderer's picture as an (h, w, 3) int array."""
    from kadr.export.frames import to_array

    return to_array(image, alpha=False).astype(int)

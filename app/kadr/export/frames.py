"""Rendered pictures for exporters, always through the core Renderer (one renderer).

Exporters get one rendered image per *drawing* and repeat it for its hold themselves
(GIF: one frame with a longer delay; MP4/PNG: the same pixels written again), so a
held drawing is rendered once.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kadr.core.picture import ImageCache
from kadr.core.project import Background, Frame, Project
from kadr.core.render import Renderer
from kadr.core.timing import exposures


def snapshot(project: Project, fps: int | None = None) -> Project:
    """An independent copy for a worker thread: the learner may keep drawing meanwhile.

    Cheap: tiles are immutable bytes shared with the original; only the dicts are copied.
    """
    project.settle()  # strokes still being packed belong in the copy
    copy = Project(project.width, project.height, project.title)
    copy.cache = ImageCache(max_items=2)  # exports and checks walk the pictures once
    for frame in project.frames:
        copy.frames.append(Frame(frame.id, frame.hold,
                                 {k: p.copy() for k, p in frame.pictures.items()}))
    bg = project.background
    copy.background = Background(bg.paper, QImage(bg.image) if bg.image is not None else None,
                                 bg.png, bg.opacity, bg.version)
    copy.settings.fps = int(fps or project.settings.fps)
    copy.settings.play_mode = project.settings.play_mode
    copy.settings.visible = dict(project.settings.visible)
    return copy


def holds(project: Project) -> list[int]:
    return [max(1, f.hold) for f in project.frames]


def film(project: Project) -> list[int]:
    """The drawing shown at each frame of the film (holds written out)."""
    return exposures(holds(project))


def output_size(project: Project, scale: float) -> tuple[int, int]:
    return max(1, round(project.width * scale)), max(1, round(project.height * scale))


def to_array(image: QImage, alpha: bool) -> np.ndarray:
    """(h, w, 4) straight-alpha RGBA or (h, w, 3) RGB bytes of a Qt image (a copy)."""
    fmt = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    image = image.convertToFormat(fmt)
    w, h, ch = image.width(), image.height(), 4 if alpha else 3
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    out: np.ndarray = raw[:, : w * ch].reshape(h, w, ch).copy()
    return out


class Pictures:
    """Renders drawing ``i`` of a project at an export scale, with or without paper."""

    def __init__(self, project: Project, scale: float = 1.0, transparent: bool = False) -> None:
        self.project = project
        self.renderer = Renderer(project)
        self.scale = scale
        self.transparent = transparent
        self.size = output_size(project, scale)

    def __len__(self) -> int:
        return len(self.project.frames)

    def image(self, index: int) -> QImage:
        image = self.renderer.compose(index, paper=not self.transparent)
        if self.scale != 1.0:
            # smooth both ways: 200 % stays soft-edged like the canvas at that zoom
            image = image.scaled(self.size[0], self.size[1],
                                 Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image

    def array(self, index: int) -> np.ndarray:
        return to_array(self.image(index), self.transparent)

    def __iter__(self) -> Iterator[np.ndarray]:
        for i in range(len(self)):
            yield self.array(i)

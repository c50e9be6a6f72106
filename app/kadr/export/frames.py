"""Rendered pictures for exporters, always through the core Renderer (one renderer).

Exporters get one rendered image per *drawing* and repeat it for its hold themselves
(GIF: one frame with a longer delay; MP4/PNG: the same pixels written again), so a
held drawing is rendered once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kadr.core.picture import FORMAT, ImageCache
from kadr.core.project import DRAWING_LAYERS, Background, Frame, Project
from kadr.core.render import Renderer
from kadr.core.timing import exposures

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage


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


def pil_rgb(image: QImage) -> PILImage:
    """An opaque ARGB32 image as a Pillow RGB image (a copy, no conversion in Qt)."""
    from PIL import Image

    raw = "BGRX" if sys.byteorder == "little" else "XRGB"  # 0xAARRGGBB words in memory
    return Image.frombytes("RGB", (image.width(), image.height()), image.constBits(), "raw", raw)


def words(image: QImage) -> np.ndarray:
    """A copy of an ARGB32 image's pixels as (h, w) 0xAARRGGBB words."""
    view = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
    out: np.ndarray = view[:, : image.width()].copy()
    return out


class Pictures:
    """Renders drawing ``i`` of a project at an export scale, with or without paper."""

    def __init__(self, project: Project, scale: float = 1.0, transparent: bool = False) -> None:
        self.project = project
        self.renderer = Renderer(project)
        self.scale = scale
        self.transparent = transparent
        self.size = output_size(project, scale)
        self._canvas: QImage | None = None  # the same memory for every picture

    def __len__(self) -> int:
        return len(self.project.frames)

    def image(self, index: int) -> QImage:
        """Premultiplied ARGB32 (opaque unless ``transparent``), valid until the next call:
        its memory is reused for the next picture (fresh memory costs page faults)."""
        if self._canvas is None:
            self._canvas = QImage(self.project.width, self.project.height, FORMAT)
        image = self.renderer.compose(index, paper=not self.transparent, into=self._canvas)
        if self.scale != 1.0:
            # smooth both ways: 200 % stays soft-edged like the canvas at that zoom
            image = image.scaled(self.size[0], self.size[1],
                                 Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image

    def array(self, index: int) -> np.ndarray:
        """A copy: (h, w, 3) RGB, or (h, w, 4) straight-alpha RGBA when transparent."""
        return to_array(self.image(index), self.transparent)

    def pil(self, index: int) -> PILImage:
        """A Pillow image (a copy): RGB, or RGBA when transparent."""
        from PIL import Image

        if self.transparent:
            return Image.fromarray(self.array(index), "RGBA")
        return pil_rgb(self.image(index))

    def __iter__(self) -> Iterator[np.ndarray]:
        for i in range(len(self)):
            yield self.array(i)


_warm = False


def warm_up() -> None:
    """Run every Qt call an export makes once, on the UI thread, before the first export
    thread starts. PySide makes its enum and type wrappers on first use, and two threads
    doing that at once crash the process (core/raster.py). Exports still paint with Qt on
    their own thread, into images only that thread holds; after this, nothing is new."""
    global _warm
    if _warm:
        return
    import tempfile
    from pathlib import Path

    from kadr.core.picture import Picture
    from kadr.export.options import ExportOptions, Steps
    from kadr.export.pclx import export_pclx

    tiny = Project(16, 8, "warm")
    ink = QImage(16, 8, FORMAT)
    ink.fill(0xFF204080)
    tiles = {k: v for k, v in Picture(16, 8).diff(ink, ink.rect())[1].items() if v}
    tiny.frames.append(Frame(1, 1, {layer: Picture(16, 8, tiles) for layer in DRAWING_LAYERS}))
    traced = QImage(16, 8, FORMAT)
    traced.fill(0x80FF0000)
    tiny.background = Background("#eeeeee", traced, None, 0.5, 1)
    for scale in (1.0, 0.5):
        for transparent in (False, True):
            pics = Pictures(tiny, scale, transparent)
            image = pics.image(0)
            pics.array(0)
            pics.pil(0)
            words(image)
            bytes(image.constBits())
    with tempfile.TemporaryDirectory() as folder:
        export_pclx(tiny, Path(folder) / "warm.pclx", ExportOptions(format="pclx"), Steps())
    _warm = True

"""The one compositor. The canvas, thumbnails, exports and lesson checks all call it, so
what the child sees and what is exported and checked can never disagree.

Order, bottom to top: paper, background picture (dimmable), onion ghosts, drawing, front.
Tinted ghosts are cached by (picture version, tint), so turning pages never re-tints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kadr.core import raster
from kadr.core.onion import OnionSettings, ghost_plan
from kadr.core.picture import FORMAT, ImageCache, Picture, as_array, draw_tiles, new_image
from kadr.core.project import DRAWING_LAYERS, Project

T = TypeVar("T")


class Renderer:
    def __init__(self, project: Project, ghost_cache: int = 12, thumb_cache: int = 256,
                 small_ghost_cache: int = 48) -> None:
        self.project = project
        self._ghosts: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self._ghost_max = ghost_cache
        self._thumbs: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        # ghosts at the canvas's display size: ~1 MB each instead of 8, and drawn 1:1
        self._small: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self._small_max = small_ghost_cache
        self._thumb_max = thumb_cache
        self._frames: OrderedDict[tuple[object, ...], QImage] = OrderedDict()
        self._underlays: OrderedDict[tuple[object, ...], np.ndarray] = OrderedDict()

    # -- pieces ----------------------------------------------------------------------
    def drawing(self, index: int, layers: tuple[str, ...] = DRAWING_LAYERS) -> QImage:
        """The drawing layers of one picture, without paper (transparent elsewhere)."""
        p = self.project
        frame = p.frames[index]
        shown = [layer for layer in layers
                 if p.settings.visible.get(layer, True) and not frame.pictures[layer].is_empty()]
        if len(shown) == 1:
            return p.image(index, shown[0])
        out = new_image(p.width, p.height)
        painter = QPainter(out)
        for layer in shown:
            painter.drawImage(0, 0, p.image(index, layer))
        painter.end()
        return out

    def ghost(self, index: int, tint: str, outline: bool) -> QImage:
        frame = self.project.frames[index]
        key = (tuple(frame.pictures[layer].key for layer in DRAWING_LAYERS), tint, outline)
        hit = self._ghosts.get(key)
        if hit is not None:
            self._ghosts.move_to_end(key)
            return hit
        return _remember(self._ghosts, key, _tinted(self.drawing(index).copy(), tint, outline),
                         self._ghost_max)

    def small_ghost(self, index: int, tint: str, outline: bool, scale: float) -> QImage:
        """A tinted ghost already at display size (for the canvas when it shows the paper
        smaller than 1:1); cached by picture version, tint and scale."""
        p = self.project
        frame = p.frames[index]
        key = (tuple(frame.pictures[layer].key for layer in DRAWING_LAYERS), tint, outline,
               round(scale, 4))
        hit = self._small.get(key)
        if hit is not None:
            self._small.move_to_end(key)
            return hit
        w, h = max(1, round(p.width * scale)), max(1, round(p.height * scale))
        image = QImage(w, h, FORMAT)
        image.fill(0)
        painter = QPainter(image)
        # not smoothed, like the picture itself on the canvas (and 4x quicker: 0.4 ms)
        painter.drawImage(QRect(0, 0, w, h), self.drawing(index))
        painter.end()
        return _remember(self._small, key, _tinted(image, tint, outline), self._small_max)

    # -- whole pictures --------------------------------------------------------------
    def paint(self, painter: QPainter, index: int, onion: OnionSettings | None = None,
              playing: bool = False, paper: bool = True, clip: QRect | None = None,
              ghost_scale: float | None = None, from_tiles: bool = False) -> None:
        """Paint picture ``index`` (in canvas coordinates) with whatever ``painter`` targets.

        ``ghost_scale`` is the display scale when the painter shrinks the paper: ghosts are
        then drawn from display-size copies. ``from_tiles`` draws layers that are not
        decoded yet straight from their tiles, leaving the decoded-picture cache alone."""
        p = self.project
        area = clip if clip is not None else QRect(0, 0, p.width, p.height)
        plan = ghost_plan(onion, index, len(p.frames), playing) if onion is not None else []
        small = ghost_scale is not None and ghost_scale < 1.0 and painter.transform().isScaling()
        dest = painter.transform().mapRect(QRectF(0, 0, p.width, p.height))
        if playing and small and paper and not plan:
            frame = self._frames.get(self.playback_key(
                index, (round(dest.width()), round(dest.height()))))
            if frame is not None:  # drawn ahead at display size: one 1:1 blit (~0.2 ms)
                painter.save()
                painter.resetTransform()
                painter.drawImage(dest.topLeft().toPoint(), frame)
                painter.restore()
                return
        _underlay(painter, p, area if paper else None)
        if onion is not None:
            if small and plan:
                # display-size ghosts drawn 1:1 on the device: a scaled blit with opacity
                # cost ~0.8 ms a ghost, this ~0.1 ms (measured)
                scale = dest.width() / p.width
                painter.save()
                painter.resetTransform()
                for g in plan:
                    painter.setOpacity(g.opacity)
                    painter.drawImage(dest.topLeft().toPoint(),
                                      self.small_ghost(g.index, g.tint, onion.outline, scale))
                painter.restore()
            else:
                for g in plan:
                    painter.setOpacity(g.opacity)
                    painter.drawImage(area.topLeft(),
                                      self.ghost(g.index, g.tint, onion.outline), area)
                painter.setOpacity(1.0)
        for layer in DRAWING_LAYERS:
            picture = p.frames[index].pictures[layer]
            if not p.settings.visible.get(layer, True) or picture.is_empty():
                continue
            if from_tiles and not p.cache.has(picture):
                draw_tiles(painter, picture)
            else:
                painter.drawImage(area.topLeft(), p.image(index, layer), area)

    def compose(self, index: int, onion: OnionSettings | None = None, playing: bool = False,
                paper: bool = True, into: QImage | None = None) -> QImage:
        """The picture as a new image (or drawn over ``into``), the size of the canvas.

        Layers not already decoded are drawn tile by tile: exports and checks walk the
        whole film once, so decoding each layer into a full-size image first (and into
        the canvas's cache) would only cost time (2-3x, measured). Exports pass the same
        ``into`` for every picture: fresh memory costs page faults (half the time at
        640x480, measured)."""
        p = self.project
        image = into if into is not None else QImage(p.width, p.height, FORMAT)
        image.fill(p.paper_color() if paper else QColor(0, 0, 0, 0))
        painter = QPainter(image)
        self.paint(painter, index, onion, playing, paper=False, from_tiles=True)
        painter.end()
        return image

    def _key(self, index: int, width: int, height: int) -> tuple[object, ...]:
        p = self.project
        frame = p.frames[index]
        return (tuple(pic.key for pic in frame.pictures.values()), p.background.version,
                p.background.paper, width, height, tuple(sorted(p.settings.visible.items())))

    def shown(self, index: int) -> list[Picture]:
        """The drawing layers of picture ``index`` that are shown, bottom to top."""
        p = self.project
        return [p.frames[index].pictures[layer] for layer in DRAWING_LAYERS
                if p.settings.visible.get(layer, True)]

    def _thumb_size(self, width: int) -> tuple[int, int]:
        p = self.project
        return width, max(1, round(width * p.height / p.width))

    def has_thumbnail(self, index: int, width: int = 160) -> bool:
        return self.thumbnail_key(index, width) in self._thumbs

    def thumbnail_key(self, index: int, width: int) -> tuple[object, ...]:
        return self._key(index, *self._thumb_size(width))

    def keep_thumbnail(self, key: tuple[object, ...], image: QImage) -> None:
        """A thumbnail drawn elsewhere (the strip draws them on a worker thread)."""
        _remember(self._thumbs, key, image, self._thumb_max)

    def thumbnail_job(self, index: int, width: int) -> Callable[[], np.ndarray]:
        """A function that draws thumbnail ``index`` on a worker thread from plain data (a
        snapshot of the tiles and the paper as an array): it makes no Qt call. The UI
        thread turns its result into an image with ``to_qimage``."""
        return self.picture_job(index, self._thumb_size(width), smooth=True)

    def picture_job(self, index: int, size: tuple[int, int],
                    smooth: bool) -> Callable[[], np.ndarray]:
        """Picture ``index`` at ``size`` with paper, made by a worker without Qt."""
        p = self.project
        layers = [dict(pic.tiles) for pic in self.shown(index)]
        under = self.underlay_array(*size)
        width, height = p.width, p.height
        return lambda: raster.picture_on(under, layers, width, height, smooth)

    def underlay_array(self, width: int, height: int) -> np.ndarray:
        """Paper and the picture to trace at ``width`` x ``height``, as premultiplied BGRA
        bytes for workers (drawn here, on the UI thread, and cached)."""
        p = self.project
        bg = p.background
        key = (bg.version, bg.paper, bg.opacity, p.settings.visible.get("background", True),
               width, height)
        hit = self._underlays.get(key)
        if hit is None:
            image = QImage(width, height, FORMAT)
            painter = QPainter(image)
            painter.scale(width / p.width, height / p.height)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            _underlay(painter, p, QRect(0, 0, p.width, p.height))
            painter.end()
            hit = as_array(image).copy()
            _remember(self._underlays, key, hit, 4)
        return hit
    def thumbnail(self, index: int, width: int = 160) -> QImage:
        """A small picture, drawn tile by tile at its small size: no full-size image is
        made, and the decoded-picture cache is left to the canvas."""
        key = self.thumbnail_key(index, width)
        hit = self._thumbs.get(key)
        if hit is not None:
            return hit
        image = draw_scaled(self.project, self.shown(index), *self._thumb_size(width),
                            smooth=True, decoded=self.project.cache)
        self.keep_thumbnail(key, image)
        return image

    # -- display-size pictures for playback (drawn ahead on the player's worker) --------
    def playback_key(self, index: int, size: tuple[int, int]) -> tuple[object, ...]:
        return self._key(index, *size)

    def has_playback_frame(self, key: tuple[object, ...]) -> bool:
        return key in self._frames

    def keep_playback_frame(self, key: tuple[object, ...], image: QImage) -> None:
        _remember(self._frames, key, image, 4)


def to_qimage(pixels: np.ndarray) -> QImage:
    """An image over a worker's premultiplied BGRA array (no copy; the image keeps the
    array alive). Call on the UI thread."""
    pixels = np.ascontiguousarray(pixels)
    height, width = pixels.shape[:2]
    return QImage(pixels.data, width, height, width * 4, FORMAT)


def draw_scaled(project: Project, pictures: list[Picture], width: int, height: int,
                smooth: bool, decoded: ImageCache | None = None) -> QImage:
    """Paper, background and ``pictures`` drawn at ``width`` x ``height`` straight from the
    tiles (or from ``decoded`` pictures), on the UI thread."""
    p = project
    image = QImage(width, height, FORMAT)
    painter = QPainter(image)
    if smooth:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(width / p.width, height / p.height)
    _underlay(painter, p, QRect(0, 0, p.width, p.height))
    for picture in pictures:
        if decoded is not None and decoded.has(picture):
            painter.drawImage(0, 0, decoded.image(picture))
        else:
            draw_tiles(painter, picture)
    painter.end()
    return image


def _underlay(painter: QPainter, project: Project, paper: QRect | None) -> None:
    """The paper (in ``paper``, if given) and the dimmable picture to trace, if shown."""
    if paper is not None:
        painter.fillRect(paper, project.paper_color())
    bg = project.background
    if bg.image is not None and project.settings.visible.get("background", True):
        painter.setOpacity(bg.opacity)
        painter.drawImage(QRect(0, 0, project.width, project.height), bg.image)
        painter.setOpacity(1.0)


def _remember(cache: OrderedDict[tuple[object, ...], T], key: tuple[object, ...],
              image: T, limit: int) -> T:
    """Keep ``image`` in a least-recently-used ``cache`` of at most ``limit`` entries."""
    cache[key] = image
    while len(cache) > limit:
        cache.popitem(last=False)
    return image


def _tinted(image: QImage, tint: str, outline: bool) -> QImage:
    """``image``'s ink in one colour (only its edge in outline mode), in place."""
    if outline:
        _keep_outline(image)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(tint))
    painter.end()
    return image


def _keep_outline(image: QImage) -> None:
    """Keep only the edge of the ink, for the outline-only onion mode."""
    arr = as_array(image)
    alpha = arr[:, :, 3]
    solid = alpha > 32
    inner = solid.copy()
    inner[1:, :] &= solid[:-1, :]
    inner[:-1, :] &= solid[1:, :]
    inner[:, 1:] &= solid[:, :-1]
    inner[:, :-1] &= solid[:, 1:]
    # widen the edge to about 3 px so it stays visible
    for _ in range(2):
        shrunk = inner.copy()
        shrunk[1:, :] &= inner[:-1, :]
        shrunk[:-1, :] &= inner[1:, :]
        shrunk[:, 1:] &= inner[:, :-1]
        shrunk[:, :-1] &= inner[:, 1:]
        inner = shrunk
    arr[inner] = np.uint8(0)

"""Rendered pictures for exporters, made from plain data: no Qt call on the export thread.

``prepare(project)`` runs on the calling (UI) thread. It settles strokes still being
packed, copies the tiles (cheap: they are immutable bytes), draws the paper and the
picture to trace with Qt exactly as ``Renderer.compose`` does, and reads Qt's own
unpremultiply table. The result, a ``Film``, holds only numbers, bytes and arrays: the
learner may keep drawing meanwhile, and the export thread composites with numpy
(core/raster.py), so PySide never makes its lazy wrappers on two threads at once.

``Pictures`` lays each picture's tiles over that underlay in one reused array (only the
tiles that changed since the last picture are put back), which gives the same pixels as
the Renderer, bit for bit, at 100 %; other sizes are scaled smoothly with Pillow (within
1-2 levels of Qt's smooth scaling). Exporters get one picture per *drawing* and repeat it
for its hold themselves.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from kadr.core import raster
from kadr.core.film_parts import DRAWING_LAYERS
from kadr.core.timing import exposures

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from PySide6.QtGui import QImage

    from kadr.core.project import Project

TileKey = tuple[int, int]
In = TypeVar("In")
Out = TypeVar("Out")


def ordered_map(work: Callable[[In], Out], items: Iterable[In],
                ahead: int = 4) -> Generator[Out, None, None]:
    """``work`` on each item on a few threads (numpy and zlib let them run side by side),
    results in order, at most ``ahead`` in flight (memory stays flat). ``work`` must make
    no Qt call. Stopping early (an exception, a cancel) drops what is still waiting."""
    workers = max(1, min(4, os.cpu_count() or 1))
    if workers == 1:
        yield from map(work, items)
        return
    pool = ThreadPoolExecutor(workers, thread_name_prefix="kadr-export-pool")
    pending: deque[Future[Out]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class Film:
    """Everything an export reads of a film, as plain data any thread may use."""

    width: int
    height: int
    title: str
    fps: int
    play_mode: str
    visible: dict[str, bool]
    holds: list[int]
    pictures: list[dict[str, raster.Tiles]]  # per picture: layer -> tiles
    paper: str  # "#rrggbb"
    paper_rgb: tuple[int, int, int]
    underlay: np.ndarray  # paper + tracing, premultiplied BGRA (h, w, 4)
    tracing: np.ndarray | None  # tracing alone (see-through exports); None: not shown
    unpremultiply: np.ndarray  # (256 alpha, 256 value) -> straight value, Qt's own
    # (picture, tile) found damaged while drawing (left out): a film read for the command
    # line checks its tiles as they are drawn, not all once more before (film_file.py)
    left_out: set[tuple[int, TileKey]] = field(default_factory=set, compare=False)

    def shown(self, index: int) -> list[raster.Tiles]:
        """The shown drawing layers of picture ``index`` that have ink, bottom first."""
        layers = self.pictures[index]
        return [layers[name] for name in DRAWING_LAYERS
                if self.visible.get(name, True) and layers.get(name)]

    def with_fps(self, fps: int | None) -> Film:
        return self if not fps or fps == self.fps else replace(self, fps=int(fps))

    @property
    def background_shown(self) -> bool:
        return self.tracing is not None


_unpremultiply: np.ndarray | None = None


def unpremultiply_table() -> np.ndarray:
    """Qt's premultiplied -> straight conversion of every (alpha, value) pair, read from
    Qt itself once (its SIMD paths round differently from any one formula). UI thread."""
    global _unpremultiply
    if _unpremultiply is None:
        from PySide6.QtGui import QImage

        from kadr.core.picture import FORMAT

        alpha, value = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
        value = np.minimum(value, alpha)
        pixels = np.empty((256, 256, 4), np.uint8)
        pixels[:, :, 0] = pixels[:, :, 1] = pixels[:, :, 2] = value
        pixels[:, :, 3] = alpha
        data = pixels.tobytes()
        image = QImage(data, 256, 256, 1024, FORMAT)
        straight = image.convertToFormat(QImage.Format.Format_RGBA8888)
        got = np.frombuffer(straight.constBits(), np.uint8).reshape(256, 256, 4)[:, :, 0]
        table = got.copy()
        table[255] = np.arange(256)  # opaque: as it is (values above alpha never occur)
        _unpremultiply = table
    return _unpremultiply


def prepare(project: Project, fps: int | None = None) -> Film:
    """What an export needs of ``project``, made on the calling (UI) thread."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from kadr.core.picture import FORMAT, as_array
    from kadr.core.render import _underlay  # the very function compose paints with

    project.settle()  # strokes still being packed belong in the export
    w, h = project.width, project.height
    paper = project.paper_color()
    image = QImage(w, h, FORMAT)
    image.fill(paper)
    painter = QPainter(image)
    _underlay(painter, project, None)
    painter.end()
    underlay = as_array(image).copy()
    bg = project.background
    tracing = None
    if bg.image is not None and project.settings.visible.get("background", True):
        image = QImage(w, h, FORMAT)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        _underlay(painter, project, None)
        painter.end()
        tracing = as_array(image).copy()
    return Film(
        width=w, height=h, title=project.title,
        fps=int(fps or project.settings.fps), play_mode=project.settings.play_mode,
        visible=dict(project.settings.visible), holds=holds(project),
        pictures=[{name: dict(pic.tiles) for name, pic in frame.pictures.items()}
                  for frame in project.frames],
        paper=paper.name(), paper_rgb=(paper.red(), paper.green(), paper.blue()),
        underlay=underlay, tracing=tracing, unpremultiply=unpremultiply_table())


def as_film(source: Project | Film, fps: int | None = None) -> Film:
    return source.with_fps(fps) if isinstance(source, Film) else prepare(source, fps)


def holds(project: Project | Film) -> list[int]:
    if isinstance(project, Film):
        return list(project.holds)
    return [max(1, f.hold) for f in project.frames]


def film(project: Project | Film) -> list[int]:
    """The drawing shown at each frame of the film (holds written out)."""
    return exposures(holds(project))


def output_size(project: Project | Film, scale: float) -> tuple[int, int]:
    return max(1, round(project.width * scale)), max(1, round(project.height * scale))


def to_array(image: QImage, alpha: bool) -> np.ndarray:
    """(h, w, 4) straight-alpha RGBA or (h, w, 3) RGB bytes of a Qt image (a copy; Qt
    calls: UI thread only)."""
    from PySide6.QtGui import QImage

    fmt = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    image = image.convertToFormat(fmt)
    w, h, ch = image.width(), image.height(), 4 if alpha else 3
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    out: np.ndarray = raw[:, : w * ch].reshape(h, w, ch).copy()
    return out


def straight_rgba(pixels: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Premultiplied BGRA -> straight RGBA (a new array), exactly as Qt converts. Only
    the partly see-through pixels (edges of ink) need the table; the rest are swapped."""
    out: np.ndarray = np.ascontiguousarray(pixels[:, :, [2, 1, 0, 3]])
    flat = out.reshape(-1, 4)
    alpha = flat[:, 3]
    partial = np.flatnonzero((alpha != 255) & (alpha != 0))
    if partial.size:
        edge = flat[partial]
        a = edge[:, 3:4]
        edge[:, :3] = table[a, edge[:, :3]]
        flat[partial] = edge
    return out


def rgb_of(pixels: np.ndarray) -> np.ndarray:
    """Opaque premultiplied BGRA -> RGB (a new contiguous array)."""
    out: np.ndarray = np.ascontiguousarray(pixels[:, :, 2::-1])
    return out


def words(pixels: np.ndarray) -> np.ndarray:
    """(h, w) 0xAARRGGBB words of BGRA bytes (a view when the rows are contiguous)."""
    if sys.byteorder != "little":  # pragma: no cover - Kadr's platforms are little-endian
        b, g, r, a = (pixels[:, :, k].astype(np.uint32) for k in range(4))
        return (a << 24) | (r << 16) | (g << 8) | b
    out: np.ndarray = np.ascontiguousarray(pixels).view(np.uint32)[:, :, 0]
    return out


class Pictures:
    """Picture ``i`` of a film at an export scale, with or without paper, from its tiles.

    One canvas is reused: ``bgra(i)`` puts back the underlay only where the last picture
    had ink, then lays this picture's tiles on it (Qt's source-over, bit for bit). After
    each call ``drawn`` and ``restored`` say which tiles changed, so exporters can redo
    only those parts (at 100 %)."""

    def __init__(self, source: Project | Film, scale: float = 1.0,
                 transparent: bool = False,
                 seen: Callable[[int, np.ndarray], None] | None = None) -> None:
        self.film = as_film(source)
        self.scale = scale
        self.transparent = transparent
        # shown each picture on its paper as it is drawn (Steps.seen); not see-through ones
        self.seen = None if transparent else seen
        self.size = output_size(self.film, scale)
        f = self.film
        self.base: np.ndarray
        if not transparent:
            self.base = f.underlay
        elif f.tracing is not None:
            self.base = f.tracing
        else:
            self.base = np.zeros((f.height, f.width, 4), np.uint8)
        self.canvas: np.ndarray = self.base.copy()
        self.drawn: set[TileKey] = set()  # tiles where the canvas differs from the base
        self.restored: set[TileKey] = set()  # put back by the last call, not drawn again
        # (tile, rows, cols) the last call laid ink on: see ``ink_pixels``
        self._inked: list[tuple[TileKey, np.ndarray, np.ndarray]] = []
        self.index = -1

    def __len__(self) -> int:
        return len(self.film.pictures)

    def region(self, key: TileKey) -> tuple[slice, slice]:
        w, h = raster.tile_size(key, self.film.width, self.film.height)
        x, y = key[0] * raster.TILE, key[1] * raster.TILE
        return slice(y, y + h), slice(x, x + w)

    def bgra(self, index: int) -> np.ndarray:
        """Premultiplied BGRA at full size, valid until the next call (the same memory)."""
        if index == self.index:
            self.restored = set()
            return self.canvas
        f, canvas, base = self.film, self.canvas, self.base
        for key in self.drawn:
            r = self.region(key)
            canvas[r] = base[r]
        drawn: set[TileKey] = set()
        inked: list[tuple[TileKey, np.ndarray, np.ndarray]] = []
        for tiles in f.shown(index):
            for key, data in tiles.items():
                w, h = raster.tile_size(key, f.width, f.height)
                try:
                    pixels = raster.tile_pixels(data, w, h)
                except raster.DamagedTile:
                    f.left_out.add((index, key))
                    continue  # left out, as the Renderer leaves it out
                rows, cols = raster.over(pixels, canvas[self.region(key)])
                if rows.size:
                    inked.append((key, rows, cols))
                drawn.add(key)
        self.restored = self.drawn - drawn
        self.drawn = drawn
        self._inked = inked
        self.index = index
        if self.seen is not None:
            self.seen(index, canvas)
        return canvas

    def ink_count(self) -> int:
        """How many pixels (some may count twice) the last ``bgra`` call laid ink on."""
        return sum(rows.size for _key, rows, _cols in self._inked)

    def ink_pixels(self) -> np.ndarray:
        """Flat indices (row * width + column) of the full-size canvas's pixels that the
        last ``bgra`` call laid ink on: every other pixel is the base's (some may repeat)."""
        width = self.film.width
        parts = [(rows + key[1] * raster.TILE) * width + (cols + key[0] * raster.TILE)
                 for key, rows, cols in self._inked]
        return np.concatenate(parts) if parts else np.empty(0, np.intp)

    def frame(self, index: int) -> np.ndarray:
        """Premultiplied BGRA at the export size (full size: the reused canvas)."""
        full = self.bgra(index)
        if self.scale == 1.0:
            return full
        return raster.scaled(full, self.size[0], self.size[1], smooth=True)

    def array(self, index: int) -> np.ndarray:
        """A copy: (h, w, 3) RGB, or (h, w, 4) straight-alpha RGBA when transparent."""
        pixels = self.frame(index)
        if self.transparent:
            return straight_rgba(pixels, self.film.unpremultiply)
        return rgb_of(pixels)

    def pil(self, index: int) -> PILImage:
        """A Pillow image (a copy): RGB, or RGBA when transparent."""
        from PIL import Image

        return Image.fromarray(self.array(index), "RGBA" if self.transparent else "RGB")

    def __iter__(self) -> Iterator[np.ndarray]:
        for i in range(len(self)):
            yield self.array(i)

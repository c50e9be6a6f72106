"""One layer's picture in one frame, kept as compressed tiles.

Children's drawings cover 1-3 % of the canvas, so a picture is a dict of zlib-compressed
256x256 tiles holding only the tiles that have ink. Tiles are also the unit of undo and of
writing to disk: a stroke changes a few tiles, and only those are stored again.
"""

from __future__ import annotations

import itertools
import sys
import zlib
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from kadr.core.raster import TILE, tile_size  # one tile geometry, also for workers
from kadr.core.tile_check import unpacked

FORMAT = QImage.Format.Format_ARGB32_Premultiplied
TileKey = tuple[int, int]
Tiles = dict[TileKey, bytes]

_uids = itertools.count(1)


def new_image(width: int, height: int) -> QImage:
    image = QImage(width, height, FORMAT)
    image.fill(0)
    return image


def _pixels(image: QImage, memory: object) -> np.ndarray:
    arr = np.frombuffer(memory, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    view: np.ndarray = arr[:, : image.width()]
    return view


def as_array(image: QImage) -> np.ndarray:
    """A writable (h, w, 4) view of an ARGB32 image (byte order B, G, R, A)."""
    return _pixels(image, image.bits())


def const_array(image: QImage) -> np.ndarray:
    """A read-only (h, w, 4) view of an ARGB32 image that never copies it (``bits()``
    would, when the image is shared). Valid while ``image`` is alive and unpainted."""
    return _pixels(image, image.constBits())


def tile_rect(key: TileKey, width: int, height: int) -> QRect:
    return QRect(key[0] * TILE, key[1] * TILE, *tile_size(key, width, height))


def tiles_touching(rect: QRect, width: int, height: int) -> list[TileKey]:
    r = rect.intersected(QRect(0, 0, width, height))
    if r.isEmpty():
        return []
    return [
        (tx, ty)
        for ty in range(r.top() // TILE, r.bottom() // TILE + 1)
        for tx in range(r.left() // TILE, r.right() // TILE + 1)
    ]


def encode_tile(image: QImage, rect: QRect) -> bytes | None:
    """Compressed pixels of ``rect`` in ``image``, or None when the area is fully clear."""
    part = image.copy(rect)
    raw = bytes(part.constBits())
    if raw.count(0) == len(raw):
        return None
    return zlib.compress(raw, 1)


def pack_tile(raw: bytes) -> bytes:
    """Compress raw tile pixels. Safe on any thread (zlib releases the GIL, so packing
    runs beside the UI); on the worker a stronger level is affordable: 37 % smaller."""
    return zlib.compress(raw, 6)


def unpack_tile(data: bytes, width: int, height: int) -> bytes | None:
    """The raw pixels of a ``width`` x ``height`` tile, or None when its bytes are damaged:
    not zlib, or not exactly the pixels its place needs (a short buffer handed to QImage
    would draw freed memory). A film's tiles may not have been checked yet when they are
    drawn (core/tile_check.py), so a "zlib bomb" is stopped here too. This is on the way
    to the screen: zlib-ng unpacks when installed (~4x quicker)."""
    return unpacked(data, width, height)


def draw_tiles(painter: QPainter, picture: Picture) -> None:
    """Draw a picture's tiles straight from their compressed bytes (no full-size image).
    A damaged tile is left out: a short buffer handed to QImage would draw freed memory."""
    for key, data in picture.tiles.items():
        rect = tile_rect(key, picture.width, picture.height)
        raw = unpack_tile(data, rect.width(), rect.height())
        if raw is None:
            continue
        # ``raw`` is kept alive while Qt reads it, so no copy is needed
        painter.drawImage(rect.topLeft(),
                          QImage(raw, rect.width(), rect.height(), rect.width() * 4, FORMAT))


class Picture:
    """Pixels of one drawing layer in one frame (sparse, compressed)."""

    __slots__ = ("uid", "width", "height", "tiles", "version", "pending")

    def __init__(self, width: int, height: int, tiles: Tiles | None = None) -> None:
        self.uid = next(_uids)
        self.width = width
        self.height = height
        self.tiles: Tiles = dict(tiles or {})
        self.version = 0
        self.pending = 0  # strokes painted in the image whose tiles are still being packed

    @property
    def key(self) -> tuple[int, int]:
        """Identifies these exact pixels, for caches."""
        return (self.uid, self.version)

    def is_empty(self) -> bool:
        return not self.tiles and not self.pending

    def copy(self) -> Picture:
        return Picture(self.width, self.height, self.tiles)

    def decode(self, into: QImage | None = None) -> QImage:
        """The pixels as an image: a new one, or ``into`` (same size) cleared and reused."""
        if into is not None:
            into.fill(0)
            image = into
        else:
            image = new_image(self.width, self.height)
        if self.tiles:
            painter = QPainter(image)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            draw_tiles(painter, self)
            painter.end()
        return image

    def diff(self, image: QImage, rect: QRect) -> tuple[dict[TileKey, bytes | None], ...]:
        """(before, after) tiles where ``image`` differs from this picture inside ``rect``."""
        before: dict[TileKey, bytes | None] = {}
        after: dict[TileKey, bytes | None] = {}
        for key in tiles_touching(rect, self.width, self.height):
            new = encode_tile(image, tile_rect(key, self.width, self.height))
            old = self.tiles.get(key)
            if new != old:
                before[key], after[key] = old, new
        return before, after

    def apply(self, changes: dict[TileKey, bytes | None]) -> None:
        for key, data in changes.items():
            if data is None:
                self.tiles.pop(key, None)
            else:
                self.tiles[key] = data
        self.version += 1

    def ink_bytes(self) -> int:
        return sum(len(v) for v in self.tiles.values())


class ImageCache:
    """A bounded LRU of decoded pictures, so memory stays flat however long the film is:
    at most ``max_items`` pictures and ``max_bytes`` of pixels (12 at 1080p, 78 at 640x480)."""

    def __init__(self, max_items: int = 96, max_bytes: int = 100_000_000) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._items: OrderedDict[int, tuple[int, QImage]] = OrderedDict()
        self._bytes = 0  # pixels held, kept as a running sum (put is on the pen-up path)
        self._spares: list[QImage] = []  # evicted images nobody holds, reused by decode

    def image(self, picture: Picture) -> QImage:
        hit = self._items.get(picture.uid)
        if hit is not None and hit[0] == picture.version:
            self._items.move_to_end(picture.uid)
            return hit[1]
        image = picture.decode(into=self._spare_for(picture))
        self.put(picture, image)
        return image

    def put(self, picture: Picture, image: QImage) -> None:
        self.forget(picture)
        self._items[picture.uid] = (picture.version, image)
        self._bytes += image.sizeInBytes()
        while len(self._items) > 1 and (len(self._items) > self.max_items
                                        or self._bytes > self.max_bytes):
            _uid, (_v, old) = self._items.popitem(last=False)
            self._bytes -= old.sizeInBytes()
            # held by nobody else (no stroke, undo step or packing job): keep its memory
            # for the next decode; fresh 8 MB cost 5-6 ms of page faults in the studio
            if sys.getrefcount(old) <= 2 and len(self._spares) < 2:
                self._spares.append(old)

    def _spare_for(self, picture: Picture) -> QImage | None:
        for i in range(len(self._spares)):
            spare = self._spares[i]
            if spare.width() == picture.width and spare.height() == picture.height \
                    and sys.getrefcount(spare) <= 3:  # the list, ``spare``, the call
                return self._spares.pop(i)
        return None

    def has(self, picture: Picture) -> bool:
        hit = self._items.get(picture.uid)
        return hit is not None and hit[0] == picture.version

    def forget(self, picture: Picture) -> None:
        old = self._items.pop(picture.uid, None)
        if old is not None:
            self._bytes -= old[1].sizeInBytes()

    def clear(self) -> None:
        self._items.clear()
        self._spares.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

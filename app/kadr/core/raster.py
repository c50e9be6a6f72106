"""Pictures for worker threads, made from plain data only: tile bytes, numpy and Pillow.

No Qt or PySide call may run off the UI thread: PySide creates its enum wrappers lazily,
and a worker doing that while the UI paints crashed the studio in half of the starts on a
busy 2-core machine (docs/reliability.md). So thumbnails, pictures drawn ahead for
playback and decoded pictures are made here as arrays of premultiplied BGRA bytes (the
byte order of Qt's ARGB32_Premultiplied on little-endian machines); the UI thread wraps
them with ``to_qimage`` and draws them through the one compositor, core.render.

What goes under the ink (paper and the picture to trace) is drawn by core.render on the UI
thread and handed over as an array, so paper and tracing look the same everywhere.
"""

from __future__ import annotations

import sys
import zlib

import numpy as np

from kadr.core.tile_check import unpacked

try:  # zlib-ng's level 2 packs ink ~4x quicker than zlib's level 1, and smaller
    from zlib_ng import zlib_ng as deflating

    PACK_LEVEL = 2
except ImportError:  # the standard library's
    deflating = zlib  # type: ignore[misc]
    PACK_LEVEL = 1

TILE = 256
Tiles = dict[tuple[int, int], bytes]


class DamagedTile(ValueError):
    """A tile's bytes do not unpack to the pixels its place needs."""


def tile_size(key: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    """(width, height) of tile ``key`` in a picture of ``width`` x ``height``."""
    x, y = key[0] * TILE, key[1] * TILE
    return min(TILE, width - x), min(TILE, height - y)


def tile_pixels(data: bytes, w: int, h: int) -> np.ndarray:
    """The (h, w, 4) pixels of one compressed tile, checked: a damaged or short tile raises
    DamagedTile instead of handing freed or foreign memory to a painter. Unpacked as the
    studio unpacks (tile_check.unpacked: zlib-ng when installed, a bomb bounded), so an
    export leaves out exactly the tiles the studio leaves out."""
    raw = unpacked(data, w, h)
    if raw is None:
        raise DamagedTile(f"tile does not unpack to {w} x {h} pixels")
    return np.frombuffer(raw, np.uint8).reshape(h, w, 4)


def over(top: np.ndarray, bottom: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Premultiplied source-over of ``top`` onto ``bottom`` (same shape), in place: Qt's
    ``dst = src + BYTE_MUL(dst, 255 - src_alpha)`` to the bit. Only the pixels with some
    ink are computed (children's tiles are mostly clear: ~10x quicker than every pixel),
    as 0xAARRGGBB words with two channels per multiply, as Qt does. Returns the (rows,
    cols) it changed, so a caller can redo only those pixels (export/yuv.py)."""
    if sys.byteorder != "little":  # pragma: no cover - the byte-wise way, same result
        alpha = top[:, :, 3:4].astype(np.uint16)
        under = bottom.astype(np.uint16) * (255 - alpha)
        bottom[:] = top + ((under + 128 + (under >> 8)) >> 8).astype(np.uint8)
        return np.nonzero(top[:, :, 3])
    words = np.ascontiguousarray(top).view(np.uint32).reshape(-1)
    where = np.flatnonzero(words >= 0x01000000)
    rows, cols = np.divmod(where, top.shape[1])
    if not where.size:
        return rows, cols
    src = words[where]
    target = bottom.view(np.uint32)[:, :, 0]
    dst = target[rows, cols]
    inv = 255 - (src >> 24)
    low = (dst & 0xFF00FF) * inv
    low = ((low + ((low >> 8) & 0xFF00FF) + 0x800080) >> 8) & 0xFF00FF
    high = ((dst >> 8) & 0xFF00FF) * inv
    high = (high + ((high >> 8) & 0xFF00FF) + 0x800080) & 0xFF00FF00
    target[rows, cols] = src + (high | low)
    return rows, cols


def ink(layers: list[Tiles], width: int, height: int) -> np.ndarray:
    """The drawing layers (bottom first) of one picture, transparent where there is no ink.
    A damaged tile is left out, as picture.draw_tiles leaves it out on the UI thread (a
    film's tiles are checked in the background after it opens: core/tile_check.py)."""
    out = np.zeros((height, width, 4), np.uint8)
    for n, tiles in enumerate(layers):
        for key, data in tiles.items():
            w, h = tile_size(key, width, height)
            try:
                pixels = tile_pixels(data, w, h)
            except DamagedTile:
                continue
            x, y = key[0] * TILE, key[1] * TILE
            if n == 0:
                out[y:y + h, x:x + w] = pixels
            else:
                over(pixels, out[y:y + h, x:x + w])
    return out


def scaled(pixels: np.ndarray, width: int, height: int, smooth: bool) -> np.ndarray:
    """``pixels`` (premultiplied) at ``width`` x ``height``: area-averaged when ``smooth``,
    else the nearest pixel (as the canvas shows a picture drawn smaller)."""
    h, w = pixels.shape[:2]
    if (w, h) == (width, height):
        return pixels
    if not smooth:
        ys = (np.arange(height) * h) // height
        xs = (np.arange(width) * w) // width
        nearest: np.ndarray = pixels[ys[:, None], xs[None, :]]
        return nearest
    # Pillow's "RGBa" is premultiplied, so edges of ink do not darken; byte order does
    # not matter to a resize as long as alpha is last. Smaller: the area average (within
    # 1 level of Qt's smooth scaling at 50 %); larger: bilinear (within 2 levels at 200 %)
    from PIL import Image  # here: a command-line MP4 at 100 % needs no Pillow at all

    image = Image.frombuffer("RGBa", (w, h), np.ascontiguousarray(pixels), "raw", "RGBa", 0, 1)
    larger = width > w and height > h
    method = Image.Resampling.BILINEAR if larger else Image.Resampling.BOX
    small = image.resize((width, height), method)
    out: np.ndarray = np.asarray(small).reshape(height, width, 4).copy()
    return out


def picture_on(underlay: np.ndarray, layers: list[Tiles], width: int, height: int,
               smooth: bool) -> np.ndarray:
    """Ink of ``layers`` (a ``width`` x ``height`` picture) drawn over ``underlay`` (paper
    and tracing already at the size wanted), as a new array."""
    out_h, out_w = underlay.shape[:2]
    result: np.ndarray = underlay.copy()
    if any(layers):
        over(scaled(ink(layers, width, height), out_w, out_h, smooth), result)
    return result


def decoded(tiles: Tiles, width: int, height: int) -> np.ndarray:
    """One layer at full size, transparent where it has no ink."""
    return ink([tiles], width, height)



def premultiplied_ink(pixels: np.ndarray, table: np.ndarray,
                      rgba: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Where straight BGRA ``pixels`` (h, w, 4) have ink, and its colours premultiplied
    exactly as Qt makes them (ARGB32_Premultiplied), as ``(indices, words)``: flat pixel
    indices and 0xAARRGGBB words; every other pixel is clear (Qt makes it all zero).
    ``table[alpha, value]`` is Qt's own result for each pair, read from Qt on the UI
    thread: its SIMD paths round differently from other formulas (Pillow's differs in 24
    of the 65,536 pairs). Only ink is touched: a child's key is mostly clear. ``rgba``:
    the pixels are RGBA (as PNG stores them); only the ink's red and blue are swapped."""
    words = np.ascontiguousarray(pixels).view("<u4").reshape(-1)
    where = np.flatnonzero(words >= 0x01000000)
    ink = words[where]
    if rgba:
        ink = (ink & 0xFF00FF00) | ((ink >> 16) & 0xFF) | ((ink & 0xFF) << 16)
    partial = np.flatnonzero(ink < 0xFF000000)
    if partial.size:
        part = ink[partial]
        base = (part >> 24) << 8
        flat = np.asarray(table, np.uint32).reshape(-1)  # no copy when it is uint32 already
        ink[partial] = ((part & 0xFF000000) | (flat[base | ((part >> 16) & 0xFF)] << 16)
                        | (flat[base | ((part >> 8) & 0xFF)] << 8) | flat[base | (part & 0xFF)])
    return where, ink



_CLEAR_GAP = 4  # clear rows shorter than this are packed with the ink around them
_clear_blocks: dict[int, bytes] = {}


def _clear_block(size: int) -> bytes:
    """Raw deflate of ``size`` zero bytes, ending on a byte boundary and referring to
    nothing before it, so it can sit anywhere in a stream. Made once per size."""
    block = _clear_blocks.get(size)
    if block is None:
        pack = zlib.compressobj(1, zlib.DEFLATED, -15)
        block = pack.compress(bytes(size)) + pack.flush(zlib.Z_FULL_FLUSH)
        if len(_clear_blocks) < 1024:  # a few sizes recur (whole rows of a tile)
            _clear_blocks[size] = block
    return block


def pack_rows(tile: np.ndarray, inked: np.ndarray) -> bytes:
    """A tile's pixels (h, w, 4) as zlib bytes, like ``zlib.compress(tile, 1)`` but only
    the rows with ink (``inked``: h booleans, False only where a row is all zero) go
    through deflate; runs of clear rows are ready-made blocks. A line across a tile packs
    ~3x quicker, to the same size; any zlib reader unpacks the same pixels."""
    row = tile.shape[1] * 4
    data = memoryview(np.ascontiguousarray(tile)).cast("B")
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    runs: list[list[int]] = []
    for start, end in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        if runs and start - runs[-1][1] < _CLEAR_GAP:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    out = [b"\x78\x01"]  # zlib header: deflate, 32 KB window, fastest
    pack = deflating.compressobj(PACK_LEVEL, zlib.DEFLATED, -15)
    check, done = 1, 0  # Adler-32 of what the blocks so far unpack to
    for start, end in [*runs, [len(tile), len(tile)]]:
        if start > done:
            size = (start - done) * row
            out.append(_clear_block(size))
            low = check & 0xFFFF  # zeros leave the low sum, add it to the high sum each
            check = ((((check >> 16) + size * low) % 65521) << 16) | low
        if end > start:
            ink = data[start * row:end * row]
            out.append(pack.compress(ink))
            out.append(pack.flush(zlib.Z_FULL_FLUSH))  # the next run refers to nothing here
            check = deflating.adler32(ink, check)
        done = end
    out += [pack.flush(), check.to_bytes(4, "big")]
    return b"".join(out)

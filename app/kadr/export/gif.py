"""Animated GIF, written frame by frame as it is made: memory does not grow with the film.

Why one shared palette built by us: Pillow's default per-frame quantising is slow and its
default dithering sprinkles noise over flat cartoon colours. We keep the colours that
cover much of the film exactly (flat fills and lines stay clean), fill the remaining
slots with a median-cut palette of everything else, and map each pixel to its nearest
entry without dither unless the learner asks for it (a colour in the palette always maps
to itself). A picture with colours the palette lacks gets its own palette.

How it streams: Pillow's multi-frame writer keeps every frame until the end (2.8 GB for
600 pictures at 1080p), so we write the GIF blocks ourselves (header, NETSCAPE loop,
then per picture a graphic control block and the image) and let Pillow LZW-encode one
frame at a time. Only what changed since the last picture is mapped (the tiles with ink,
at 100 %), and a frame holds only the rectangle that changed (the rest stays from the
frame before); a picture identical to the one before lengthens that frame instead.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np
from PIL import GifImagePlugin, Image

from kadr.core.timing import gif_delays_ms
from kadr.export.frames import Film, Pictures, TileKey, as_film, words
from kadr.export.options import ExportOptions, Steps

if TYPE_CHECKING:
    from kadr.core.project import Project

SAMPLE_PIXELS = 400_000  # pixels looked at to choose the palette (speed vs. care)
SAMPLE_PICTURES = 64  # pictures looked at for it; long films are sampled evenly
FLAT_SHARE = 0.001  # a colour covering 0.1 % of the samples is kept exactly
MAX_FLAT = 128
EXACT_COLOURS = 16  # with dither, at most this many flat colours are mapped exactly
MISSED_SHARE = 0.001  # a picture with more of its pixels this far off the palette ...
MISSED_DISTANCE = 40  # ... gets its own palette (a colour only it uses)
TRANSPARENT_INDEX = 255
_UNKNOWN = 0xFFFF
_FAR = 0x100
_CHUNK = 4096  # colours matched against the palette at once (4096 x 256 distances)


def _samples(pixels: np.ndarray, stride: int, table: np.ndarray | None) -> np.ndarray:
    """Every ``stride``-th pixel of a premultiplied BGRA picture as (n, 3) RGB; with an
    unpremultiply ``table`` (see-through) only the pixels that will be opaque."""
    sub = pixels[::stride, ::stride]
    if table is not None:
        keep = sub[sub[:, :, 3] >= 128]
        rgb = np.stack([table[keep[:, 3], keep[:, 2 - k]] for k in range(3)], axis=-1)
    else:
        rgb = sub[:, :, 2::-1].reshape(-1, 3)
    return rgb if len(rgb) else np.zeros((1, 3), np.uint8)


def build_palette(samples: np.ndarray, colors: int = 256) -> tuple[bytes, int]:
    """An RGB palette of at most ``colors`` entries for the sampled (n, 3) pixels, and how
    many of its first entries are flat colours (each covering 0.1 % of the samples)."""
    image = Image.fromarray(np.ascontiguousarray(samples, np.uint8).reshape(1, -1, 3), "RGB")
    counts = [(n, bytes(c)) for n, c in image.getcolors(maxcolors=len(samples) + 1) or []
              if isinstance(c, tuple)]
    counts.sort(reverse=True)
    min_count = FLAT_SHARE * len(samples)
    flat = [c for n, c in counts[:MAX_FLAT] if n >= min_count]
    if len(counts) <= colors:  # few colours: every one exact
        return b"".join(c for _, c in counts), len(flat)
    quantized = image.quantize(colors - len(flat), method=Image.Quantize.MEDIANCUT)
    rest = bytes(quantized.getpalette() or [])
    known = set(flat)  # median cut finds the flat colours again: keep each once
    extra = [c for c in (rest[i:i + 3] for i in range(0, len(rest), 3)) if c not in known]
    return b"".join(flat + extra)[: 3 * colors], len(flat)


def sampled_pictures(n: int) -> list[int]:
    """Which of ``n`` pictures the palette is chosen from: all, or 64 evenly spaced."""
    m = min(n, SAMPLE_PICTURES)
    return sorted({round(k * (n - 1) / max(1, m - 1)) for k in range(m)})


def _nearest(colours: np.ndarray, palette: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For 0xRRGGBB ``colours``: the nearest ``palette`` entry (squared RGB distance; a
    colour in the palette finds itself) and whether it is more than MISSED_DISTANCE off."""
    index = np.empty(len(colours), np.uint8)
    far = np.empty(len(colours), bool)
    for start in range(0, len(colours), _CHUNK):
        c = colours[start:start + _CHUNK]
        rgb = np.stack([(c >> 16) & 255, (c >> 8) & 255, c & 255], axis=-1).astype(np.int32)
        diff = rgb[:, None, :] - palette[None, :, :]
        best = (diff * diff).sum(axis=2).argmin(axis=1)
        index[start:start + _CHUNK] = best
        far[start:start + _CHUNK] = np.abs(rgb - palette[best]).max(axis=1) > MISSED_DISTANCE
    return index, far


def _table(palette_bytes: bytes) -> np.ndarray:
    return np.frombuffer(palette_bytes, np.uint8).reshape(-1, 3).astype(np.int32)


class ColourMap:
    """Nearest palette entries of 24-bit colours, each worked out once (a 32 MB table)."""

    def __init__(self, palette_bytes: bytes) -> None:
        self.palette = _table(palette_bytes)
        self.lut = np.full(1 << 24, _UNKNOWN, np.uint16)

    def map(self, rgb24: np.ndarray) -> tuple[np.ndarray, int]:
        """(palette indices, how many pixels are far from every entry) of 0xRRGGBB words."""
        got = self.lut[rgb24]
        unknown = got == _UNKNOWN
        if unknown.any():
            new = np.unique(rgb24[unknown])
            index, far = _nearest(new, self.palette)
            self.lut[new] = index.astype(np.uint16) | np.where(far, _FAR, 0).astype(np.uint16)
            got = self.lut[rgb24]
        far_count = int(np.count_nonzero(got & _FAR))
        return got.astype(np.uint8), far_count  # the low byte: the index


def _one_off_indices(rgb24: np.ndarray, palette_bytes: bytes) -> np.ndarray:
    """Nearest indices for one picture with its own palette (rare: no table kept)."""
    colours, inverse = np.unique(rgb24, return_inverse=True)
    index, _far = _nearest(colours, _table(palette_bytes))
    out: np.ndarray = index[inverse.reshape(rgb24.shape)]
    return out


class GifWriter:
    """GIF89a blocks written as frames come. A frame waits until the next one is known,
    so an identical next picture can lengthen it instead of repeating it."""

    def __init__(self, fp: BinaryIO, size: tuple[int, int], palette: bytes,
                 loop: int | None) -> None:
        self.fp = fp
        w, h = size
        table = palette + bytes(768 - len(palette))
        # global colour table of 256 entries, colour resolution 8 bits, background 0
        fp.write(b"GIF89a" + struct.pack("<HHBBB", w, h, 0xF7, 0, 0) + table)
        if loop is not None:  # NETSCAPE2.0: 0 = for ever, N = N more times
            fp.write(b"!\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\x00")
        self._pending: tuple[list[bytes], int, int, int | None] | None = None
        self.frames = 0

    def frame(self, indices: np.ndarray, offset: tuple[int, int], delay_ms: int,
              disposal: int, transparency: int | None = None,
              palette: bytes | None = None) -> None:
        """One frame of palette ``indices`` at ``offset`` (with its own ``palette``)."""
        if palette is None:
            image = Image.fromarray(np.ascontiguousarray(indices), "L")
            params: dict[str, object] = {}
        else:
            image = Image.fromarray(np.ascontiguousarray(indices), "P")
            image.putpalette(palette + bytes(768 - len(palette)))
            params = {"include_color_table": True}
        # no duration/disposal/transparency here: we write the control block ourselves
        blocks = GifImagePlugin.getdata(image, offset, **params)
        self._flush()
        self._pending = (blocks, delay_ms, disposal, transparency)

    def hold(self, delay_ms: int) -> None:
        """The picture did not change: show the last frame ``delay_ms`` longer."""
        assert self._pending is not None
        blocks, delay, disposal, transparency = self._pending
        self._pending = (blocks, delay + delay_ms, disposal, transparency)

    def _flush(self) -> None:
        if self._pending is None:
            return
        blocks, delay, disposal, transparency = self._pending
        flags = (disposal << 2) | (1 if transparency is not None else 0)
        self.fp.write(b"!\xf9\x04" + struct.pack("<BHB", flags, delay // 10, transparency or 0)
                      + b"\x00")
        for block in blocks:
            self.fp.write(block)
        self._pending = None
        self.frames += 1

    def close(self) -> None:
        self._flush()
        self.fp.write(b";")


def _box(changed: np.ndarray, top: int, left: int,
         box: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
    """``box`` (x0, y0, x1, y1) grown by the True pixels of ``changed`` at (top, left)."""
    rows = np.flatnonzero(changed.any(axis=1))
    if not len(rows):
        return box
    cols = np.flatnonzero(changed.any(axis=0))
    x0, y0 = left + int(cols[0]), top + int(rows[0])
    x1, y1 = left + int(cols[-1]) + 1, top + int(rows[-1]) + 1
    if box is None:
        return x0, y0, x1, y1
    return min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)


class _Mapper:
    """Palette indices of each picture, kept for the whole frame and redone only where
    something changed; also tracks the rectangle that differs from the last frame."""

    def __init__(self, pics: Pictures, palette_bytes: bytes, dither: bool,
                 flat: int) -> None:
        self.pics = pics
        self.colours = ColourMap(palette_bytes)
        self.palette_bytes = palette_bytes
        self.table = pics.film.unpremultiply if pics.transparent else None
        # 100 % without dither: only the tiles that changed are mapped again
        self.by_tiles = pics.scale == 1.0 and not dither
        self.dither = dither
        if dither:
            self.palette_image = Image.new("P", (1, 1))
            self.palette_image.putpalette(palette_bytes)
            self.fixes = _exact_fixes(palette_bytes, flat, self.palette_image)
        self.base: np.ndarray | None = None
        self.shown: np.ndarray | None = None  # indices of the frame as last written

    def _rgb24(self, pixels: np.ndarray) -> np.ndarray:
        if self.table is None:
            out: np.ndarray = words(pixels) & 0xFFFFFF
            return out
        t, a = self.table, pixels[:, :, 3]
        r, g, b = (t[a, pixels[:, :, k]].astype(np.uint32) for k in (2, 1, 0))
        out = (r << 16) | (g << 8) | b
        return out

    def _map(self, pixels: np.ndarray) -> tuple[np.ndarray, int]:
        indices, far = self.colours.map(self._rgb24(pixels))
        if self.table is not None:
            indices[pixels[:, :, 3] < 128] = TRANSPARENT_INDEX  # on/off only in GIF
        return indices, far

    def _dithered(self, pixels: np.ndarray) -> np.ndarray:
        rgb = Image.fromarray(self._straight_rgb(pixels), "RGB")
        indices = np.array(rgb.quantize(palette=self.palette_image,
                                        dither=Image.Dither.FLOYDSTEINBERG))
        if self.table is None:
            pixel_words = words(pixels)
            for k, colour in self.fixes:  # flat colours exactly (Pillow is 2-7 levels off)
                indices[pixel_words == colour] = k
        else:
            indices[pixels[:, :, 3] < 128] = TRANSPARENT_INDEX
        return indices

    def _straight_rgb(self, pixels: np.ndarray) -> np.ndarray:
        if self.table is None:
            out: np.ndarray = np.ascontiguousarray(pixels[:, :, 2::-1])
            return out
        t, a = self.table, pixels[:, :, 3]
        return np.stack([t[a, pixels[:, :, k]] for k in (2, 1, 0)], axis=-1)

    def picture(self, index: int) -> tuple[np.ndarray, int, tuple[int, int, int, int] | None]:
        """(the whole frame's indices, pixels far from the palette, the rectangle that
        changed since the last frame written or None). The indices are kept: copy them
        to change them."""
        pics = self.pics
        if not self.by_tiles:
            pixels = pics.frame(index)
            if self.dither:
                indices = self._dithered(pixels)
                far = self._map(pixels)[1]
            else:
                indices, far = self._map(pixels)
            box = None if self.shown is None else _box(indices != self.shown, 0, 0, None)
            self.shown = indices
            return indices, far, box
        canvas = pics.bgra(index)
        if self.base is None:  # the underlay's indices, once
            self.base = self._map(pics.base)[0]
            self.shown = self.base.copy()
        assert self.shown is not None
        shown, box, far = self.shown, None, 0
        changes: list[tuple[TileKey, np.ndarray]] = [
            (key, self.base[pics.region(key)]) for key in pics.restored]
        for key in pics.drawn:
            mapped, off = self._map(canvas[pics.region(key)])
            changes.append((key, mapped))
            far += off
        for key, new in changes:
            r = pics.region(key)
            box = _box(shown[r] != new, r[0].start, r[1].start, box)
            shown[r] = new
        return shown, far, box


def _exact_fixes(palette: bytes, flat: int,
                 palette_image: Image.Image) -> list[tuple[int, np.uint32]]:
    """The flat colours (the first ``flat`` entries) that Pillow's dithering quantizer
    would map to another entry: it looks colours up by 4x4x4 cells."""
    top = palette[: 3 * min(EXACT_COLOURS, flat)]
    if not top:
        return []
    probe = Image.frombytes("RGB", (len(top) // 3, 1), top)
    got = np.array(probe.quantize(palette=palette_image, dither=Image.Dither.NONE))[0]
    wrong = [int(k) for k in np.flatnonzero(got != np.arange(len(got)))]
    return [(k, np.uint32(0xFF000000 | top[3 * k] << 16 | top[3 * k + 1] << 8 | top[3 * k + 2]))
            for k in wrong]


def _own_palette(pics: Pictures, index: int, colors: int) -> tuple[np.ndarray, bytes]:
    """Indices and palette for a picture with colours the film's palette lacks."""
    pixels = pics.frame(index)
    table = pics.film.unpremultiply if pics.transparent else None
    palette, _flat = build_palette(_samples(pixels, 1, table), colors)
    if table is None:
        rgb24 = words(pixels) & 0xFFFFFF
    else:
        a = pixels[:, :, 3]
        r, g, b = (table[a, pixels[:, :, k]].astype(np.uint32) for k in (2, 1, 0))
        rgb24 = (r << 16) | (g << 8) | b
    indices = _one_off_indices(rgb24, palette)
    if table is not None:
        indices[pixels[:, :, 3] < 128] = TRANSPARENT_INDEX
    return indices, palette


def export_gif(project: Project | Film, path: Path, options: ExportOptions,
               steps: Steps) -> None:
    """Two passes: choose one palette from (up to 64 evenly spaced) pictures, then render,
    map and write each picture once, straight to the file."""
    film = as_film(project)
    pics = Pictures(film, options.scale, options.transparent, steps.seen)
    n = len(pics)
    sampled = sampled_pictures(n)
    steps.start(len(sampled) + n + 1)
    w, h = pics.size
    stride = max(1, math.ceil(math.sqrt(len(sampled) * w * h / SAMPLE_PIXELS)))
    table = film.unpremultiply if options.transparent else None
    samples = []
    for i in sampled:  # pass 1: choose the palette
        samples.append(_samples(pics.frame(i), stride, table))
        steps.tick()
    colors = 255 if options.transparent else 256  # the last slot means "see-through"
    palette, flat = build_palette(np.concatenate(samples), colors)
    del samples
    mapper = _Mapper(pics, palette, options.dither, flat)
    delays = gif_delays_ms(film.holds, film.fps)
    chosen = set(sampled)
    # loop: 0 = for ever (NETSCAPE block), 1 = play once (no block), N = play N times
    loop = 0 if options.loop == 0 else (options.loop - 1 if options.loop > 1 else None)
    # see-through: clear each frame before the next, or old drawings show through
    disposal = 2 if options.transparent else 1
    transparency = TRANSPARENT_INDEX if options.transparent else None
    limit = MISSED_SHARE * w * h
    whole_next = True  # the first frame, and any after a frame with its own palette
    with open(path, "wb") as fp:
        writer = GifWriter(fp, (w, h), palette, loop)
        for i in range(n):  # pass 2: map every picture onto it and write it
            indices, far, box = mapper.picture(i)
            if far > limit and i not in chosen:  # a colour the sample missed
                own, own_palette = _own_palette(pics, i, colors)
                writer.frame(own, (0, 0), delays[i], disposal, transparency, own_palette)
                whole_next = True
            elif whole_next or options.transparent:
                writer.frame(indices, (0, 0), delays[i], disposal, transparency)
                whole_next = False
            elif box is None:
                writer.hold(delays[i])  # the same picture again: a longer frame
            else:
                x0, y0, x1, y1 = box
                writer.frame(indices[y0:y1, x0:x1], (x0, y0), delays[i], disposal)
            steps.tick()
        writer.close()
    steps.tick()

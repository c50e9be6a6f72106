"""Pictures as YUV 4:2:0 for ffmpeg, converted only where there is ink.

Handed BGRA, ffmpeg converts every pixel of every picture to the YUV that H.264 stores
(~0.9 ms a 640x480 picture, ~6 ms at 1080p: a third of a short MP4's work). A child's
picture is mostly paper, so the underlay is converted once and each picture converts
only the pixels ink was laid on, and the 2x2 blocks that share their colour (4:2:0).
The numbers are those of ffmpeg's conversion, which the MP4 says it used: BT.601
("smpte170m"), limited range (16-235), each 2x2 block's colour averaged.
"""

from __future__ import annotations

import numpy as np

from kadr.export.frames import words

# BT.601 limited range in 16-bit fixed point: Y = 16 + 219/255 (0.299 R + 0.587 G +
# 0.114 B), U and V = 128 + 224/255 of the colour differences (the common 8-bit integer
# formula, 66/129/25 >> 8, is off by one for pure red)
_Y = (16829, 33039, 6416)
_U = (-9714, -19070, 28784)
_V = (28784, -24103, -4681)


def luma(px: np.ndarray) -> np.ndarray:
    """Y (16-235) of 0xAARRGGBB words (opaque)."""
    r, g, b = (px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF
    y = (_Y[0] * r + _Y[1] * g + _Y[2] * b + 32768) >> 16
    out: np.ndarray = (y + 16).astype(np.uint8)
    return out


def chroma(p00: np.ndarray, p01: np.ndarray, p10: np.ndarray,
           p11: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """U and V (16-240) of 2x2 blocks of 0xAARRGGBB words, from the block's mean colour."""
    # red and blue sum in the word's two 16-bit halves at once (4 x 255 fits), green alone
    rb = (p00 & 0xFF00FF) + (p01 & 0xFF00FF) + (p10 & 0xFF00FF) + (p11 & 0xFF00FF)
    g = (((p00 >> 8) & 0xFF) + ((p01 >> 8) & 0xFF) + ((p10 >> 8) & 0xFF)
         + ((p11 >> 8) & 0xFF)).astype(np.int32)
    r, b = (rb >> 16).astype(np.int32), (rb & 0xFFFF).astype(np.int32)
    # sums of four: two more bits to shift away
    u = ((_U[0] * r + _U[1] * g + _U[2] * b + (1 << 17)) >> 18) + 128
    v = ((_V[0] * r + _V[1] * g + _V[2] * b + (1 << 17)) >> 18) + 128
    return u.astype(np.uint8), v.astype(np.uint8)


def planes(px: np.ndarray, out: np.ndarray) -> None:
    """yuv420p of (h, w) 0xAARRGGBB words (even size), every pixel, into ``out``: the Y
    plane, then U, then V."""
    h, w = px.shape
    n, q = w * h, (w // 2) * (h // 2)
    out[:n] = luma(px).ravel()
    u, v = chroma(px[0::2, 0::2], px[0::2, 1::2], px[1::2, 0::2], px[1::2, 1::2])
    out[n:n + q], out[n + q:] = u.ravel(), v.ravel()


class Yuv420:
    """One film's pictures as yuv420p bytes (the Y plane, then U, then V) in one reused
    buffer. ``underlay``: what is under the ink (opaque premultiplied BGRA, even size)."""

    def __init__(self, underlay: np.ndarray) -> None:
        h, w = underlay.shape[:2]
        if h % 2 or w % 2:
            raise ValueError("4:2:0 needs an even width and height")
        self.width, self.height = w, h
        under = words(underlay)
        n, q = w * h, (w // 2) * (h // 2)
        self.base = np.empty(n + 2 * q, np.uint8)
        if (under == under[0, 0]).all():  # plain paper: one colour to convert
            one = under[:1, :1]
            self.base[:n] = luma(one)[0, 0]
            u1, v1 = chroma(one, one, one, one)
            self.base[n:n + q], self.base[n + q:] = u1[0, 0], v1[0, 0]
        else:
            planes(under, self.base)
        self.buffer = self.base.copy()
        self.y, self.u, self.v = self.buffer[:n], self.buffer[n:n + q], self.buffer[n + q:]
        self.base_y, self.base_u, self.base_v = self.base[:n], self.base[n:n + q], self.base[n + q:]
        self._blocks_used = np.zeros(q, bool)
        # what the last picture changed (None: everything, it was converted whole)
        self._last_pixels: np.ndarray | None = np.empty(0, np.intp)
        self._last_blocks: np.ndarray | None = np.empty(0, np.intp)

    def picture(self, canvas: np.ndarray, ink: np.ndarray | None) -> memoryview:
        """yuv420p of ``canvas`` (BGRA, the underlay's size) whose pixels differ from the
        underlay only at the flat indices ``ink`` (None: anywhere, every pixel is
        converted: quicker once ink covers a sixth of the picture, see ``dense``); valid
        until the next call."""
        if ink is None:
            return self._whole(canvas)
        w = self.width
        last_p, last_b = self._last_pixels, self._last_blocks
        if last_p is None or last_b is None:  # the last picture was converted whole
            self.buffer[:] = self.base
        else:  # the last picture's ink, back to the underlay
            self.y[last_p] = self.base_y[last_p]
            self.u[last_b] = self.base_u[last_b]
            self.v[last_b] = self.base_v[last_b]
        px = words(canvas).ravel()
        if ink.size:
            self.y[ink] = luma(px[ink])
            rows, cols = np.divmod(ink, w)
            used = self._blocks_used
            used[(rows >> 1) * (w >> 1) + (cols >> 1)] = True
            blocks = np.flatnonzero(used)
            used[blocks] = False
            by, bx = np.divmod(blocks, w >> 1)
            p00 = by * (2 * w) + bx * 2
            self.u[blocks], self.v[blocks] = chroma(px[p00], px[p00 + 1], px[p00 + w],
                                                    px[p00 + w + 1])
        else:
            blocks = np.empty(0, np.intp)
        self._last_pixels, self._last_blocks = ink, blocks
        return memoryview(self.buffer)

    def dense(self, ink_count: int) -> bool:
        """Whether a picture with this much ink is quicker converted whole (picking out
        each inked pixel costs ~6x as much as converting a pixel in a run)."""
        return bool(ink_count * 6 > self.width * self.height)

    def _whole(self, canvas: np.ndarray) -> memoryview:
        planes(words(canvas), self.buffer)
        self._last_pixels = self._last_blocks = None
        return memoryview(self.buffer)

"""A keyframe PNG decoded only where it can hold ink.

A child's key is mostly clear, and Pencil2D's (Qt's, libpng's) PNGs are slow to inflate
with the standard zlib: long runs of zeros copied a byte at a time. Here the scanlines
are inflated with zlib-ng when it is installed (several times quicker; the standard
zlib otherwise), then only the parts that can hold ink go to Pillow, which undoes the
PNG filters: each a rectangle of rows and columns, re-wrapped as zlib "stored" blocks
that Pillow inflates at copying speed.

Why a rectangle decodes alone to the same pixels: every PNG filter predicts a byte from
the bytes to its left and above, which a new PNG takes as zero. Rows whose filtered bytes
are all zero are clear when their filter is None or Sub, or when the row above is clear
(Up, Average and Paeth of zeros give zero); a band of the other rows starts below a clear
row. Left of the first column whose filtered bytes are not all zero, every row of a band
is clear too (each byte predicted from zeros). To the right, a column one pixel past the
last non-zero filtered byte is decoded as well: when it comes out clear in every row of
the band, so is everything right of it; when not, the band is decoded to the key's right
edge. tests/export/test_png_bands.py checks it against Pillow decoding whole keys.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

try:  # several times quicker at inflating Pencil2D's keys (docs: issue 19)
    from zlib_ng import zlib_ng as inflating
except ImportError:  # the standard library's: the same bytes, only slower
    import zlib as inflating  # type: ignore[no-redef]

# a key with more of its 512-byte blocks not all zero than this share is decoded whole
# (no saving to be had, and the bookkeeping below grows with them)
DENSE = 0.25
MERGE = 4  # runs of rows at most this many clear rows apart are decoded as one
STORED = 65535  # the most one deflate "stored" block holds
STEP = 1 << 18  # scanlines are inflated this many bytes at a time
Part = tuple[np.ndarray, int, int]  # straight RGBA pixels (h, w, 4), their (x, y) in the key


def scanlines(idat: bytes, width: int, height: int) -> bytearray | None:
    """The filtered scanlines of an 8-bit RGBA PNG: exactly ``height`` rows of a filter
    byte and ``width * 4`` bytes. None when the stream is damaged, short, long or has
    anything after it (then Pillow decides on the whole PNG, as before). Inflated in
    steps into one buffer of the picture's size: never more than a step past the picture,
    whatever the stream claims, and no growing pieces for the memory to fragment into."""
    expected = height * (width * 4 + 1)
    out = bytearray(expected)
    view = memoryview(out)
    unpack = inflating.decompressobj()
    done, rest = 0, idat
    try:
        while not unpack.eof:
            piece = unpack.decompress(rest, STEP)
            if done + len(piece) > expected:
                return None  # longer than the picture
            view[done:done + len(piece)] = piece
            done += len(piece)
            stuck = not piece and len(unpack.unconsumed_tail) == len(rest)
            rest = unpack.unconsumed_tail
            if stuck or (not piece and not rest):
                break  # the stream ended before its end mark
    except Exception:  # noqa: BLE001 - the library's zlib.error: a damaged stream
        return None
    ok = done == expected and unpack.eof and not unpack.unused_data
    return out if ok else None


def _stored(rows: np.ndarray) -> bytes:
    """``rows`` (filtered scanlines, C order) as a zlib stream of stored blocks."""
    data = memoryview(np.ascontiguousarray(rows)).cast("B")
    out: list[bytes | memoryview] = [b"\x78\x01"]
    for start in range(0, len(data), STORED):
        piece = data[start:start + STORED]
        last = start + STORED >= len(data)
        size = len(piece)
        out += [bytes((last,)) + size.to_bytes(2, "little") + (size ^ 0xFFFF).to_bytes(2, "little"),
                piece]
    out.append(inflating.adler32(data).to_bytes(4, "big"))
    return b"".join(out)


def _unfiltered(rows: np.ndarray) -> np.ndarray:
    """Filtered scanlines (h, 1 + w * 4), the first row below a clear one, as straight
    RGBA pixels (h, w, 4). Rows filtered None or Up only (Kadr's own writer's) are sums
    down the columns, restarted at each None row: numpy does them. Any other filter needs
    the pixel to the left first: Pillow undoes those."""
    h, w = rows.shape[0], (rows.shape[1] - 1) // 4
    filters = rows[:, 0]
    if not np.any((filters != 0) & (filters != 2)):
        pixels = np.empty((h, w * 4), np.uint8)
        data = rows[:, 1:]
        up = (filters == 2).tolist()
        pixels[0] = data[0]  # the row above the first is clear
        for r in range(1, h):  # row by row: numpy's cumsum down columns is 20x slower
            if up[r]:
                np.add(pixels[r - 1], data[r], out=pixels[r])
            else:
                pixels[r] = data[r]
        return pixels.reshape(h, w, 4)
    image = Image.frombytes("RGBA", (w, h), _stored(rows), "zip", "RGBA")
    return np.frombuffer(image.tobytes(), np.uint8).reshape(h, w, 4)


def _spans(raw: bytearray, stride: int, height: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Per row, the first and last pixel whose filtered bytes are not all zero (first >
    last for a row of zeros), found from the non-zero 8-byte words only; None when too
    many words are (a dense key: decoded whole)."""
    words = np.frombuffer(raw, "<u8", count=len(raw) // 8)
    # blocks of 64 words first (numpy ORs them 5x quicker than it finds non-zero words)
    whole = words.size // 64 * 64
    blocks = words[:whole].reshape(-1, 64)
    hot_blocks = np.flatnonzero(np.bitwise_or.reduce(blocks, axis=1))  # type: ignore[call-overload]
    # each row's filter byte may make one block hot by itself
    filtered = int(np.count_nonzero(np.frombuffer(raw, np.uint8)[::stride]))
    if hot_blocks.size - filtered > DENSE * blocks.shape[0]:
        return None
    inner = np.flatnonzero(blocks[hot_blocks] != 0)
    hot = np.concatenate((hot_blocks[inner // 64] * 64 + inner % 64,
                          whole + np.flatnonzero(words[whole:] != 0)))
    values = words[hot]
    start = hot * 8
    # a filter byte inside the word is no pixel: masked out (stride >= 9: one at most)
    filter_at = (start + 7) // stride * stride
    inside = filter_at >= start
    values[inside] &= ~(np.uint64(0xFF) << ((filter_at[inside] - start[inside]) * 8)
                        .astype(np.uint64))
    keep = values != 0
    values, start = values[keep], start[keep]
    tail_at = words.size * 8  # the last few bytes, when the length is no multiple of 8
    tail = np.frombuffer(raw, np.uint8, offset=tail_at)
    tail_pos = tail_at + np.flatnonzero(tail)
    tail_pos = tail_pos[tail_pos % stride != 0]
    nonzero = values.view(np.uint8).reshape(-1, 8) != 0  # little-endian: byte k at k * 8
    first = np.concatenate((start + nonzero.argmax(axis=1), tail_pos))
    last = np.concatenate((start + 7 - nonzero[:, ::-1].argmax(axis=1), tail_pos))
    low = np.full(height, stride, np.int64)
    high = np.full(height, -1, np.int64)
    if first.size:
        # the words are in order, so each row's first word holds its first byte and its
        # last word its last; a word across two rows counts in both: up to its end in the
        # first, from the start of the second (a few columns' slack on the safe side)
        row_a, row_b = first // stride, last // stride
        runs = np.flatnonzero(np.diff(row_a)) + 1
        firsts, lasts = np.concatenate(([0], runs)), np.concatenate((runs, [row_a.size])) - 1
        rows = row_a[firsts]
        low[rows] = first[firsts] - rows * stride
        ends = np.where(row_b[lasts] == rows, last[lasts] - rows * stride, stride - 1)
        high[rows] = ends
        across = np.flatnonzero(row_b != row_a)
        below = row_b[across]
        low[below] = 1
        high[below] = np.maximum(high[below], last[across] - below * stride)
    return (low - 1) // 4, (high - 1) // 4


def _bands(filters: np.ndarray, first: np.ndarray, last: np.ndarray) -> list[tuple[int, int]]:
    """The runs of rows that may not be clear, as (start, end); runs only a few clear rows
    apart are one (each run costs Pillow a call, worth a few rows' decoding)."""
    height = filters.size
    hot = last >= first
    # a row decides for itself when it has non-zero bytes (not clear) or its filter is
    # None or Sub (clear); otherwise it is as clear as the row above
    decides = hot | (filters <= 1)
    decider = np.maximum.accumulate(np.where(decides, np.arange(height), -1))
    clear = np.where(decider >= 0, ~hot[np.maximum(decider, 0)], True)
    edges = np.flatnonzero(np.diff(np.concatenate(([1], clear.astype(np.int8), [1]))))
    runs: list[tuple[int, int]] = []
    for top, bottom in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True):
        if runs and top - runs[-1][1] <= MERGE:
            top = runs.pop()[0]
        runs.append((top, bottom))
    return runs


def ink_parts(idat: bytes, width: int, height: int) -> list[Part] | None:
    """The straight RGBA pixels of every part of an 8-bit RGBA, non-interlaced PNG
    (``idat``: its IDAT data joined) that can hold ink, each with its place in the key;
    all else is clear. [] for a clear key; None when the stream or a filter byte is
    damaged (Pillow then decides on the whole PNG, as before)."""
    raw = scanlines(idat, width, height)
    if raw is None:
        return None
    stride = width * 4 + 1
    lines = np.frombuffer(raw, np.uint8).reshape(height, stride)
    filters = lines[:, 0]
    if int(filters.max(axis=0)) > 4:
        return None
    try:
        # rows all None or Up, some Up (Kadr's own writer): numpy undoes them whole more
        # quickly than the parts are found and copied out
        simple = not np.any((filters != 0) & (filters != 2)) and bool(np.any(filters == 2))
        spans = None if simple or stride < 9 else _spans(raw, stride, height)
        if spans is None:
            return [(_unfiltered(lines), 0, 0)]
        return [_band(lines, top, bottom, spans) for top, bottom in _bands(filters, *spans)]
    except Exception:  # noqa: BLE001 - anything unforeseen: Pillow decides on the whole
        return None


def _band(lines: np.ndarray, top: int, bottom: int,
          spans: tuple[np.ndarray, np.ndarray]) -> Part:
    """One run of rows, cut left of its first non-zero byte and one pixel right of its
    last (or at the key's edge when ink goes on there), unfiltered."""
    first, last = spans[0][top:bottom], spans[1][top:bottom]
    width = (lines.shape[1] - 1) // 4
    inked = last >= first
    left = int(first[inked].min())
    right = min(width, int(last[inked].max()) + 2)  # one clear column
    rows = np.empty((bottom - top, 1 + (right - left) * 4), np.uint8)
    rows[:, 0] = lines[top:bottom, 0]
    rows[:, 1:] = lines[top:bottom, 1 + left * 4:1 + right * 4]
    pixels = _unfiltered(rows)
    if right < width and pixels[:, -1].any():  # ink goes on to the right: all of it
        rows = np.concatenate((lines[top:bottom, :1], lines[top:bottom, 1 + left * 4:]), axis=1)
        pixels = _unfiltered(rows)
    return pixels, left, top

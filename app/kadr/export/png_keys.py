"""Pencil2D keyframe PNGs decoded on worker threads, with Pillow and numpy only.

Importing a long film is mostly PNG decoding; Qt may only decode on the UI thread (no
PySide call may run off it: core/raster.py), Pillow decodes anywhere and lets other
threads run meanwhile. Only the plain case is decoded here: an 8-bit RGBA PNG, not
interlaced, whose chunks are all whole and carry nothing that changes pixels. Anything
else (or anything Pillow complains about) is left to Qt on the UI thread, which decides
as it always did, so a picture never differs with the path it took. A plain key is
decoded only where it can hold ink (png_bands.py); a stream that would not inflate
cleanly goes to Pillow whole, which decides as before.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
from PIL import Image, PngImagePlugin  # noqa: F401 - its reader registered here, not on a pool thread

from kadr.export import png_bands

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# chunks that change no pixel; any other (tRNS, gAMA, colour profiles, PLTE, ...) -> Qt
HARMLESS = {b"pHYs", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def plain_rgba(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a well-formed 8-bit RGBA PNG that is not interlaced, every chunk's
    checksum right, IDATs together and IEND at the very end; None for anything else."""
    found = layout(data)
    return None if found is None else found[0]


def layout(data: bytes) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """A plain PNG's (``plain_rgba``) size and where its IDAT chunks' data lie, as (start,
    end) offsets in ``data``; None for anything else."""
    if not data.startswith(SIGNATURE):
        return None
    view = memoryview(data)
    pos, size, idat = 8, None, 0  # idat: 0 none yet, 1 in the run of IDATs, 2 past it
    pieces: list[tuple[int, int]] = []
    while pos + 12 <= len(data):
        length = int.from_bytes(view[pos:pos + 4], "big")
        end = pos + 12 + length
        if end > len(data):
            return None
        kind = bytes(view[pos + 4:pos + 8])
        if zlib.crc32(view[pos + 4:end - 4]) != int.from_bytes(view[end - 4:end], "big"):
            return None
        if kind == b"IHDR":
            head = bytes(view[pos + 8:end - 4])
            if size or length != 13 or head[8:] != b"\x08\x06\x00\x00\x00":
                return None  # twice, or not 8-bit RGBA, standard, not interlaced
            size = int.from_bytes(head[0:4], "big"), int.from_bytes(head[4:8], "big")
        elif size is None:
            return None  # IHDR must come first
        elif kind == b"IEND":
            ok = end == len(data) and not length and idat and min(size) > 0
            return (size, pieces) if ok else None
        elif kind == b"IDAT":
            if idat == 2:
                return None  # IDATs must follow one another
            idat = 1
            pieces.append((pos + 8, end - 4))
        elif kind in HARMLESS:
            idat = 2 if idat else 0
        else:
            return None
        pos = end
    return None


def key_parts(data: bytes) -> list[png_bands.Part] | None:
    """A plain keyframe PNG's pixels as straight RGBA parts (pixels, x, y) that hold all
    its ink (png_bands.py; [] for a clear key); None when it is not plain or Pillow
    cannot read it (then Qt decides on the UI thread)."""
    found = layout(data)
    if found is None:
        return None
    (width, height), pieces = found
    view = memoryview(data)
    parts = png_bands.ink_parts(b"".join(view[a:b] for a, b in pieces), width, height)
    if parts is not None:
        return parts
    pixels = _straight(data, "RGBA")  # a stream that would not inflate cleanly: as before
    return None if pixels is None else [(pixels, 0, 0)]


def straight_bgra(data: bytes) -> np.ndarray | None:
    """A plain keyframe PNG's pixels as straight (not premultiplied) BGRA, (h, w, 4)
    read-only; None when it is not plain (``plain_rgba``) or Pillow cannot read it."""
    return _straight(data, "BGRA")  # the copy out of Pillow swaps R and B


def _straight(data: bytes, order: str) -> np.ndarray | None:
    size = plain_rgba(data)
    if size is None:
        return None
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.load()
            if image.mode != "RGBA" or image.size != size:
                return None
            raw = image.tobytes("raw", order)
    except Exception:  # noqa: BLE001 - any complaint: Qt decides, as before
        return None
    return np.frombuffer(raw, np.uint8).reshape(size[1], size[0], 4)

"""Pencil2D keyframe PNGs decoded on worker threads, with Pillow and numpy only.

Importing a long film is mostly PNG decoding; Qt may only decode on the UI thread (no
PySide call may run off it: core/raster.py), Pillow decodes anywhere and lets other
threads run meanwhile. Only the plain case is decoded here: an 8-bit RGBA PNG, not
interlaced, whose chunks are all whole and carry nothing that changes pixels. Anything
else (or anything Pillow complains about) is left to Qt on the UI thread, which decides
as it always did, so a picture never differs with the path it took.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
from PIL import Image, PngImagePlugin  # noqa: F401 - its reader registered here, not on a pool thread

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# chunks that change no pixel; any other (tRNS, gAMA, colour profiles, PLTE, ...) -> Qt
HARMLESS = {b"pHYs", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def plain_rgba(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a well-formed 8-bit RGBA PNG that is not interlaced, every chunk's
    checksum right, IDATs together and IEND at the very end; None for anything else."""
    if not data.startswith(SIGNATURE):
        return None
    view = memoryview(data)
    pos, size, idat = 8, None, 0  # idat: 0 none yet, 1 in the run of IDATs, 2 past it
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
            return size if ok else None
        elif kind == b"IDAT":
            if idat == 2:
                return None  # IDATs must follow one another
            idat = 1
        elif kind in HARMLESS:
            idat = 2 if idat else 0
        else:
            return None
        pos = end
    return None


def straight_bgra(data: bytes) -> np.ndarray | None:
    """A plain keyframe PNG's pixels as straight (not premultiplied) BGRA, (h, w, 4)
    read-only; None when it is not plain (``plain_rgba``) or Pillow cannot read it."""
    size = plain_rgba(data)
    if size is None:
        return None
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            image.load()
            if image.mode != "RGBA" or image.size != size:
                return None
            raw = image.tobytes("raw", "BGRA")  # the copy out of Pillow swaps R and B
    except Exception:  # noqa: BLE001 - any complaint: Qt decides, as before
        return None
    return np.frombuffer(raw, np.uint8).reshape(size[1], size[0], 4)

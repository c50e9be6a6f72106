"""How big a film or an import may be, in one place.

Every size read from a file (a .kadr, a GIF, a .pclx) is checked against these before
memory is allocated, so a small hostile file cannot make Kadr take the computer's memory
or hours of time (docs/reliability.md, "Hostile files").
"""

from __future__ import annotations

MEMORY_BUDGET = 1 << 30  # 1 GB: the most one film or one import may need
MAX_SIDE = 4096  # canvas width or height (lessons and .pclx files use the same)
MAX_PICTURES = 5000  # pictures in one film: 10 minutes at 8 a second
MIN_FPS, MAX_FPS = 1, 30  # as Project.set_fps allows
MAX_TITLE = 200  # characters; longer titles are cut
MAX_META_TEXT = 64 * 1024  # one meta value (the settings JSON is ~300 bytes)
TILE = 256
# zlib's worst case for one 256x256 tile is a few bytes more than the raw 262,144
MAX_TILE_BYTES = TILE * TILE * 4 + 1024
MAX_ID = 1 << 53  # frame ids: far from SQLite's 64-bit limit, so new ids always fit
# full-size pictures alive at once in the studio or an export: the canvas, the decoded
# pictures cache, onion ghosts, an export's frame and its scaled copy
WORKING_PICTURES = 8
PICTURE_OVERHEAD = 2048  # bytes of Python objects per picture (a Frame, two Pictures)


def picture_bytes(width: int, height: int) -> int:
    """Bytes of one full-size decoded picture (4 bytes a pixel)."""
    return width * height * 4


def film_bytes(width: int, height: int, pictures: int, stored: int) -> int:
    """What opening a film needs: its compressed tiles, its pictures' objects and the
    full-size pictures made while it is shown or exported."""
    return stored + pictures * PICTURE_OVERHEAD + WORKING_PICTURES * picture_bytes(width, height)


def fits(nbytes: int) -> bool:
    return 0 <= nbytes <= MEMORY_BUDGET

"""Damaged tiles of an opened film, found off the UI thread.

``store.load`` reads a film's tiles still compressed and checks only their places and
lengths. Unpacking every one of them to check it costs about a second of CPU for a
600-picture film at 1080p (2 GB of pixels; ~0.25 s with zlib-ng, used when installed),
which once made the studio start 1.2 s late (issue 7). So a ``TileCheck`` unpacks each
tile once on a background thread (no Qt), started when the film's owner asks: the
studio once it shows, so the check never slows its start (``store.start_tile_check``),
or ``store.load_notes``. Until it ends, a damaged tile is only left out wherever it is
drawn (every drawing path checks what it unpacks: picture.unpack_tile, raster.ink, the
exports). When it ends, the owner takes the result on its own thread (``load_notes``):
the damaged tiles leave the pictures and the damage is said, as it was when the check
ran inside ``load``.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Callable
from types import ModuleType
from typing import cast

from kadr.core.limits import MAX_TILE_BYTES

logger = logging.getLogger("kadr.tile_check")

inflating: ModuleType | None
try:  # zlib-ng, when installed, unpacks a child's tile ~4x quicker than the standard zlib
    from zlib_ng import zlib_ng as _zlib_ng

    inflating = _zlib_ng
    # its stub calls ``error`` an instance; it is the class zlib-ng raises
    _ERRORS: tuple[type[Exception], ...] = (zlib.error, cast(type[Exception], _zlib_ng.error))
except ImportError:
    inflating = None
    _ERRORS = (zlib.error,)

# deflate turns one byte into at most 1032: bytes this short cannot unpack to more than
# 32 tiles' worth (8 MB), so the standard zlib may unpack them in one go, into one buffer
# (with a limit on the output it took 2.5x as long)
_INFLATION = 1032
_AT_ONCE = 32


def unpacked(data: bytes, width: int, height: int) -> bytes | None:
    """The raw pixels of a ``width`` x ``height`` tile, or None when its bytes are
    damaged: not zlib, or not exactly the pixels its place needs. Long bytes never unpack
    past one tile's worth, so a "zlib bomb" costs no memory. The quickest way there is:
    zlib-ng when installed, else zlib (in one go for short bytes: nearly every tile)."""
    expected = width * height * 4
    if width <= 0 or height <= 0 or len(data) > MAX_TILE_BYTES:
        return None
    try:
        if inflating is None and len(data) * _INFLATION <= expected * _AT_ONCE:
            raw = zlib.decompress(data, 15, expected)
        else:
            unpack = (inflating or zlib).decompressobj()
            raw = unpack.decompress(data, expected + 1)  # never more than one tile's worth
            if not unpack.eof:
                return None  # cut short, or longer than its place
    except _ERRORS:
        return None
    return raw if len(raw) == expected else None


class TileCheck:
    """Unpacks each ``(data, width, height)`` once on its own thread, from ``start``;
    ``damaged`` then holds the bytes (the very objects given) that do not unpack to their
    place's pixels. ``when_done(found_damage)`` is called on that thread when it ends: it
    must make no Qt call."""

    def __init__(self, tiles: list[tuple[bytes, int, int]],
                 when_done: Callable[[bool], None] | None = None) -> None:
        self.damaged: list[bytes] = []
        self._tiles = tiles
        self._when_done = when_done
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin checking (once; on the thread that owns the film)."""
        if self._thread is None:
            # a daemon thread: quitting right after opening a long film does not wait
            self._thread = threading.Thread(target=self._run, name="kadr-tile-check",
                                            daemon=True)
            self._thread.start()

    def done(self) -> bool:
        return self._done.is_set()

    def wait(self) -> None:
        """Check every tile (started now if it was not) and wait until that has ended."""
        self.start()
        self._done.wait()

    def _run(self) -> None:
        damaged: list[bytes] = []
        try:
            # one thread: the other core stays the UI's (and the strip's thumbnails')
            damaged = [data for data, w, h in self._tiles if unpacked(data, w, h) is None]
        except Exception:  # noqa: BLE001 - a bug here must not leave load_notes waiting
            logger.exception("Checking a film's tiles failed")
        self.damaged = damaged
        self._tiles = []  # the pictures keep the bytes; this need not
        try:
            if self._when_done is not None:
                self._when_done(bool(damaged))
        except Exception:  # noqa: BLE001 - the gallery's memory of damage is not worth a hang
            logger.exception("Remembering a film's damaged tiles failed")
        finally:
            self._done.set()

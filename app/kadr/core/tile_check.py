"""Damaged tiles of an opened film, found off the UI thread.

``store.load`` reads a film's tiles still compressed and checks only their places and
lengths. Unpacking every one of them to check it costs about a second of CPU for a
600-picture film at 1080p (2 GB of pixels), which once made the studio start 1.2 s
late (issue 7). So a ``TileCheck`` unpacks each tile once on a background thread, right
after the film opened: plain zlib, no Qt. Until it ends, a damaged tile is only left out
wherever it is drawn (every drawing path checks what it unpacks: picture.unpack_tile,
raster.ink, the exports). When it ends, the film's owner takes the result on its own
thread (``store.load_notes``): the damaged tiles leave the pictures and the damage is
said, as it was when the check ran inside ``load``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kadr.core.raster import tile_unpacks

logger = logging.getLogger("kadr.tile_check")


class TileCheck:
    """Unpacks each ``(data, width, height)`` once on its own thread; ``damaged`` holds
    the bytes (the very objects given) that do not unpack to their place's pixels.
    ``when_done(found_damage)`` is called on that thread when it ends: it must make no
    Qt call."""

    def __init__(self, tiles: list[tuple[bytes, int, int]],
                 when_done: Callable[[bool], None] | None = None) -> None:
        self.damaged: list[bytes] = []
        self._tiles = tiles
        self._when_done = when_done
        self._done = threading.Event()
        # a daemon thread: quitting right after opening a long film does not wait for it
        self._thread = threading.Thread(target=self._run, name="kadr-tile-check", daemon=True)
        self._thread.start()

    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every tile was checked; True once it has."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        damaged: list[bytes] = []
        try:
            # one thread: the other core is the UI's while the studio is being built
            damaged = [data for data, w, h in self._tiles if not tile_unpacks(data, w, h)]
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

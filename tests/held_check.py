"""Holding a film's tile check (core/tile_check.py) until a test lets it go, so a test
sees the film exactly as it is between opening and the end of the check, whatever the
machine's speed. The real check runs; only its start waits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kadr.core import film_values, tile_check


class HeldCheck:
    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: set[str] = set()  # the threads that unpacked tiles to check them

    def release(self) -> None:
        self.gate.set()


@contextmanager
def held_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCheck]:
    held = HeldCheck()
    real = tile_check.tile_unpacks

    def waiting(data: bytes, width: int, height: int) -> bool:
        held.threads.add(threading.current_thread().name)
        if not held.gate.wait(30):
            raise TimeoutError("the test never let the tile check go")
        return real(data, width, height)

    # every name tiles are checked through: a check run while opening would wait here
    monkeypatch.setattr(tile_check, "tile_unpacks", waiting)
    monkeypatch.setattr(film_values, "tile_unpacks", waiting)
    try:
        yield held
    finally:
        held.release()  # a failing test must not leave a check thread waiting

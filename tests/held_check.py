"""Holding a film's tile check (core/tile_check.py) until a test lets it go, so a test
sees the film exactly as it is between opening and the end of the check, whatever the
machine's speed. The real check runs; only its start waits."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from kadr.core import tile_check


class HeldCheck:
    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: set[str] = set()  # the threads that unpacked tiles to check them

    def release(self) -> None:
        self.gate.set()

    def holding(self, real: Callable[[bytes, int, int], Any]) -> Callable[[bytes, int, int], Any]:
        def waiting(data: bytes, width: int, height: int) -> Any:
            self.threads.add(threading.current_thread().name)
            if not self.gate.wait(30):
                raise TimeoutError("the test never let the tile check go")
            return real(data, width, height)

        return waiting


@contextmanager
def held_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldCheck]:
    held = HeldCheck()
    # the one way tiles are checked: a check run while opening would wait here
    # (drawing unpacks through picture.unpack_tile and raster: never held)
    monkeypatch.setattr(tile_check, "unpacked", held.holding(tile_check.unpacked))
    try:
        yield held
    finally:
        held.release()  # a failing test must not leave a check thread waiting

"""Time for switch scanning: ``now()`` and repeating beats, in one replaceable object.

The scanner and the switch pen ask their ``Clock`` for the time (the pause after a press)
and for beats (the automatic scan, a sweeping line, a walk). Tests give a clock they move
by hand, so no test waits for real seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class Beating(Protocol):
    def start(self, first: float, every: float) -> None: ...
    def stop(self) -> None: ...
    def is_active(self) -> bool: ...


class Beat(QObject):
    """Calls ``fn`` ``first`` seconds after ``start``, then every ``every`` seconds."""

    def __init__(self, fn: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.every = 1.0
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._fire)

    def start(self, first: float, every: float) -> None:
        self.every = every
        self.timer.start(round(1000 * first))

    def stop(self) -> None:
        self.timer.stop()

    def is_active(self) -> bool:
        return self.timer.isActive()

    def _fire(self) -> None:
        self.timer.start(round(1000 * self.every))  # first: what fn does (stop) wins
        self.fn()


class Clock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()

    def beat(self, fn: Callable[[], object], parent: QObject | None = None) -> Beating:
        return Beat(fn, parent)

"""Helpers for the speech tests (a module name of its own: "conftest" is ambiguous)."""

from __future__ import annotations

import functools
import time
import wave

import numpy as np

LONG = (  # about 13 s at 130 words a minute: long enough to be interrupted
    "Once upon a time a little fox drew a picture of the moon, and then another one, "
    "and when she turned the pages quickly the moon began to move across the sky."
)
MEDIUM = "Once upon a time a little fox drew a picture of the moon."  # about 5 s


class Recorder:
    """Every signal of a SpeechService, with the time it came."""

    NAMES = ("caption", "started", "finished", "unavailable", "busy_changed")

    def __init__(self, service) -> None:
        self.events: list[tuple[str, object, float]] = []
        for name in self.NAMES:
            getattr(service, name).connect(functools.partial(self._add, name))
        service.no_voice.connect(lambda lang, _msg: self._add("no_voice", lang))

    def _add(self, name: str, value: object) -> None:
        self.events.append((name, value, time.monotonic()))

    def values(self, name: str) -> list[object]:
        return [v for n, v, _ in self.events if n == name]

    def first_time(self, name: str, value: object, after: float = 0.0) -> float | None:
        return next((t for n, v, t in self.events if n == name and v == value and t >= after), None)


def read_wav(path) -> tuple[np.ndarray, float]:
    """(samples as float, seconds) of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
        return samples, w.getnframes() / w.getframerate()

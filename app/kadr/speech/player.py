"""Where rendered speech goes: the sound card ("audio") or nowhere, in real time ("null").

The null sink waits as long as the sound would have played, so captions, queue order and
interrupts behave the same on machines without a sound card (CI, servers). If the audio
player is missing or fails (no ALSA device), the player falls back to null by itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable

SINKS = ("audio", "null")
POLL = 0.02  # seconds between checks for a stop request; a stop also wakes the wait at once


def wav_seconds(path: str) -> float:
    """The duration of a WAV file, 0.0 when it is missing or unreadable."""
    try:
        with wave.open(path, "rb") as w:
            return w.getnframes() / float(w.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


def player_command(path: str) -> list[str] | None:
    """A command that plays ``path`` and can be killed to stop, or None if there is none."""
    if sys.platform == "darwin":
        candidates = [["afplay", path]]
    else:
        candidates = [["aplay", "-q", path], ["paplay", path], ["pw-play", path]]
    for cmd in candidates:
        exe = shutil.which(cmd[0])
        if exe:
            return [exe, *cmd[1:]]
    return None


def _wait_until(deadline: float, should_stop: Callable[[], bool], wake: threading.Event) -> bool:
    """Sleep until ``deadline``; False if stopped first."""
    while (left := deadline - time.monotonic()) > 0:
        if should_stop():
            return False
        if wake.wait(min(left, POLL)):
            wake.clear()
    return not should_stop()


class Player:
    def __init__(self, sink: str = "audio") -> None:
        self.sink = sink if sink in SINKS else "audio"

    def play(
        self, path: str, seconds: float, should_stop: Callable[[], bool], wake: threading.Event
    ) -> bool:
        """Play ``path``; True if it played to the end, False if stopped."""
        start = time.monotonic()
        if self.sink == "audio":
            result = self._play_audio(path, seconds, should_stop, wake)
            if result is not None:
                return result
            self.sink = "null"  # no player or no sound device: keep the timing anyway
        return _wait_until(start + seconds, should_stop, wake)

    def _play_audio(
        self, path: str, seconds: float, should_stop: Callable[[], bool], wake: threading.Event
    ) -> bool | None:
        if sys.platform == "win32":
            return _play_winsound(path, seconds, should_stop, wake)
        cmd = player_command(path)
        if cmd is None:
            return None
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        except OSError:
            return None
        while proc.poll() is None:
            if should_stop():
                proc.kill()
                proc.wait()
                return False
            if wake.wait(POLL):
                wake.clear()
        return True if proc.returncode == 0 else None


def _play_winsound(
    path: str, seconds: float, should_stop: Callable[[], bool], wake: threading.Event
) -> bool | None:
    import winsound  # Windows only  # type: ignore[import-not-found,unused-ignore]

    try:
        winsound.PlaySound(path, winsound.SND_FILENAME | winsound.SND_ASYNC)  # type: ignore[attr-defined,unused-ignore]
    except RuntimeError:
        return None
    done = _wait_until(time.monotonic() + seconds, should_stop, wake)
    if not done:
        winsound.PlaySound(None, 0)  # type: ignore[attr-defined,unused-ignore]
    return done

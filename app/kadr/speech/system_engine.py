"""The system's own speech engine through pyttsx3: espeak-ng on Linux, SAPI5 on Windows,
the Mac's voices on macOS. Used only inside the speech worker process."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

from kadr.speech.player import wav_seconds

RENDER_TIMEOUT = 15.0  # seconds; rendering a long sentence takes well under one
DRIVERS = {"win32": "sapi5", "darwin": "nsss"}  # pyttsx3's choice; espeak elsewhere


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Engine:
    """One pyttsx3 engine. Every render is one save_to_file + runAndWait with the
    properties set again, because queued saves keep only the last file."""

    def __init__(self) -> None:
        import pyttsx3  # here, so a missing pyttsx3 is reported like a missing espeak-ng

        self._engine = pyttsx3.init()
        # which engine speaks: "espeak", "sapi5", "nsss" or "avspeech" (older pyttsx3 has
        # no driver_name; its choice was the platform's)
        self.driver = str(getattr(self._engine, "driver_name", None)
                          or DRIVERS.get(sys.platform, "espeak"))
        self._written = threading.Event()
        # With espeak-ng, runAndWait() returns before the WAV is written (synthesis runs on
        # espeak's own thread); this notification comes after the file is complete.
        self._engine.connect("finished-utterance", lambda **_: self._written.set())
        self.voices = [
            {
                "id": _text(v.id),
                "name": _text(v.name),
                "languages": [_text(x).strip("\x00 ") for x in (v.languages or [])],
            }
            for v in self._engine.getProperty("voices")
        ]

    def render(self, text: str, path: str, voice: str, rate: int, volume: float) -> bool:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)  # a stale file must not pass for a fresh one
        self._written.clear()
        self._engine.setProperty("voice", voice)
        self._engine.setProperty("rate", int(rate))
        self._engine.setProperty("volume", max(0.0, min(1.0, float(volume))))
        # espeak queues parameter changes; runAndWait() cancels whatever is still queued
        _wait_for_espeak_idle()
        self._engine.save_to_file(_with_rate(text, int(rate)), path)
        self._engine.runAndWait()
        if not self._written.wait(RENDER_TIMEOUT):
            return False
        _wait_for_espeak_idle()  # its thread may still be leaving the callback
        return wav_seconds(path) > 0


def _with_rate(text: str, rate: int) -> str:
    """For espeak, the speed is also written into the text as an embedded command
    (Ctrl-A, the words per minute, "S"): under load a rate set through pyttsx3 was sometimes
    lost, so a slow voice came out at the default speed; the embedded one always holds."""
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # another driver (SAPI5, NSSS): its rate property works
        return text
    return f"\x01{rate}S{text}" if _espeak.dll is not None else text


def _wait_for_espeak_idle(timeout: float = 2.0) -> None:
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # another driver (SAPI5, NSSS): nothing to wait for
        return
    deadline = time.monotonic() + timeout
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.002)

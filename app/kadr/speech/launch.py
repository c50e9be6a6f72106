"""Starting the speech worker, one-shot rendering to a file, and the self-check."""

from __future__ import annotations

import array
import logging
import math
import os
import subprocess
import sys
import tempfile
import wave
from pathlib import Path
from typing import Any

from kadr.i18n import LANGUAGES, tr
from kadr.speech.player import wav_seconds
from kadr.speech.voices import DEFAULT_RATE, speech_language

log = logging.getLogger(__name__)
APP_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the kadr package


def unavailable_message() -> str:
    return tr("Speech is not available. Kadr will show words on the screen instead.")


def no_voice_message(lang: str) -> str:
    return tr(
        "There is no voice for {language} on this computer. "
        "Kadr will show the words on the screen instead.",
        language=LANGUAGES.get(lang, lang),
    )


def worker_command(*args: str) -> list[str]:
    """How to start the worker; a frozen build must route --speech-worker to worker.main."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--speech-worker", *args]
    return [sys.executable, "-m", "kadr.speech.worker", *args]


def worker_env(overrides: dict[str, Any] | None = None) -> dict[str, str]:
    """The worker's environment: ours, kadr importable, then ``overrides`` (None unsets)."""
    env = dict(os.environ)
    paths = [str(APP_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def render_to_file(
    text: str,
    path: str | os.PathLike[str],
    *,
    lang: str | None = "en",
    rate: int = DEFAULT_RATE,
    volume: float = 1.0,
    voice: str | None = None,
    env: dict[str, Any] | None = None,
    timeout: float = 20.0,
) -> bool:
    """Render ``text`` to a WAV at ``path`` in a fresh worker process; False on any failure.

    A fresh process per file, because one pyttsx3 engine rewrites earlier files."""
    args = [
        "--save",
        os.fspath(path),
        "--lang",
        speech_language(lang),
        "--rate",
        str(int(rate)),
        "--volume",
        str(float(volume)),
    ]
    if voice:
        args += ["--voice", voice]
    try:
        result = subprocess.run(
            worker_command(*args),
            input=str(text).encode("utf-8"),
            env=worker_env(env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("speech: rendering to %s failed: %r", path, exc)
        return False
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip()[-300:]
        log.warning("speech: worker exit code %s: %s", result.returncode, tail)
        return False
    return wav_seconds(os.fspath(path)) > 0


def wav_rms(path: str | os.PathLike[str]) -> float:
    """Root mean square of a 16-bit WAV's samples (0 = silence), 0.0 if unreadable."""
    try:
        with wave.open(os.fspath(path), "rb") as w:
            if w.getsampwidth() != 2:
                return 0.0
            samples = array.array("h", w.readframes(w.getnframes()))
    except (OSError, EOFError, wave.Error):
        return 0.0
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def self_check(env: dict[str, Any] | None = None) -> tuple[bool, str]:
    """Render a short sentence once; (ok, one plain line) for ``kadr --self-check``."""
    with tempfile.TemporaryDirectory(prefix="kadr-speech-check-") as folder:
        path = os.path.join(folder, "check.wav")
        ok = render_to_file("Kadr can talk.", path, env=env) and wav_rms(path) > 100
    if ok:
        return True, tr("Speech works: Kadr can read words aloud.")
    return False, unavailable_message()

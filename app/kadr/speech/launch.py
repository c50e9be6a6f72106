"""Starting the speech worker, one-shot rendering to a file, and the self-check."""

from __future__ import annotations

import array
import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kadr.i18n import LANGUAGES, tr
from kadr.speech import bundled
from kadr.speech.player import wav_seconds
from kadr.speech.voices import DEFAULT_RATE, speech_language

log = logging.getLogger(__name__)
APP_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the kadr package


def unavailable_message() -> str:
    return tr("Speech is not available. Kadr will show words on the screen instead.")


def no_voice_message(lang: str) -> str:
    """What a teacher reads when a language cannot speak: what happens, and what to do."""
    said = tr(
        "There is no voice for {language} on this computer. "
        "Kadr will show the words on the screen instead.",
        language=LANGUAGES.get(lang, lang),
    )
    return f"{said} {what_to_do()}"


def what_to_do(platform: str | None = None, carries_voices: bool | None = None) -> str:
    """The one thing that gives a language its voice on this kind of computer."""
    platform = platform or sys.platform
    if carries_voices is None:
        carries_voices = bundled.installed()
    if platform == "win32" or carries_voices:
        # Kadr brings eSpeak NG here: a language without a voice means it is missing or broken
        return tr("To give Kadr its voices, install Kadr again: it brings its own voice "
                  "for every language, and here that voice is missing or cannot start.")
    if platform == "darwin":
        return tr("To give Kadr a voice, add one for the language in System Settings > "
                  "Accessibility > Spoken Content > System voice > Manage Voices.")
    return tr("To give Kadr a voice, ask whoever looks after this computer to install the "
              "espeak-ng package.")


def engine_words(engine: str) -> str:
    """The engine a worker named ("bundled", or the system driver's name), in plain words."""
    if engine == bundled.ENGINE:
        return tr("eSpeak NG (comes with Kadr)")
    if engine == "sapi5":
        return tr("Windows voices")
    if engine in ("nsss", "avspeech"):
        return tr("Mac voices")
    return tr("eSpeak NG (installed on this computer)")


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


@dataclass(frozen=True)
class Rendered:
    """What one render to a file gave: whether a WAV with sound came out, and who spoke."""

    ok: bool
    engine: str = ""  # "bundled", or the system driver: "espeak", "sapi5", "nsss", "avspeech"
    voice: str = ""


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
    return render(text, path, lang=lang, rate=rate, volume=volume, voice=voice, env=env,
                  timeout=timeout).ok


def render(
    text: str,
    path: str | os.PathLike[str],
    *,
    lang: str | None = "en",
    rate: int = DEFAULT_RATE,
    volume: float = 1.0,
    voice: str | None = None,
    env: dict[str, Any] | None = None,
    timeout: float = 20.0,
) -> Rendered:
    """render_to_file, telling which engine and voice spoke."""
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
            capture_output=True,
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("speech: rendering to %s failed: %r", path, exc)
        return Rendered(False)
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip()[-300:]
        log.warning("speech: worker exit code %s: %s", result.returncode, tail)
        return Rendered(False)
    saved = _saved_event(result.stdout)
    return Rendered(wav_seconds(os.fspath(path)) > 0, str(saved.get("engine", "")),
                    str(saved.get("voice", "")))


def _saved_event(stdout: bytes) -> dict[str, Any]:
    for line in stdout.decode("utf-8", "replace").splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if isinstance(msg, dict) and msg.get("event") == "saved":
            return msg
    return {}


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

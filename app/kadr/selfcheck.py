"""`kadr --self-check`: one line per part, and a non-zero exit when a required part is missing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from kadr.i18n import tr

# a line of every script Kadr must show: Kazakh letters, Hangul, kana
SCRIPTS = {"Cyrillic": "әғқңөұүһі Жж", "Hangul": "가나다", "Kana": "あいうカナ"}


def check_qt() -> tuple[bool, str]:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["kadr"])
    assert isinstance(app, QGuiApplication), "the screen check needs a QGuiApplication"
    app.setApplicationName("kadr")
    from kadr import fonts

    fonts.install()
    return True, tr("Qt {version} on the '{platform}' screen",
                    version=__import__("PySide6").__version__, platform=app.platformName())


def check_ffmpeg() -> tuple[bool, str]:
    from kadr.export import ExportError, ExportOptions
    from kadr.export.mp4 import ffmpeg_exe  # the same lookup the video export uses

    try:
        exe = ffmpeg_exe(ExportOptions())
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=20)
        first = out.stdout.splitlines()[0] if out.stdout else ""
        return out.returncode == 0, first or tr("ffmpeg did not answer")
    except (ExportError, OSError, subprocess.SubprocessError):
        return False, tr("ffmpeg is missing, so videos cannot be made.")


# A short sentence per language, in the script each voice reads (Japanese: kana only,
# as espeak-ng reads it); each is rendered by the speech worker, as the studio would.
SPOKEN = {
    "en": "Kadr can talk.",
    "ru": "Кадр умеет говорить.",
    "kk": "Кадр сөйлей алады.",
    "ko": "카드르가 말해요.",
    "ja": "かどるは はなせます。",
}


def speaking_languages(env: dict[str, str] | None = None) -> dict[str, str]:
    """For each of Kadr's languages, the engine that speaks it on this computer ("bundled",
    or the system's: "espeak", "sapi5", "nsss", "avspeech"), "" when none does: a sentence
    rendered to sound, not silence, as the studio would. The renders run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    from kadr.speech.launch import render, wav_rms

    def engine(lang: str) -> str:
        with tempfile.TemporaryDirectory(prefix="kadr-voice-check-") as folder:
            path = os.path.join(folder, f"{lang}.wav")
            done = render(SPOKEN[lang], path, lang=lang, env=env)
            return (done.engine or "?") if done.ok and wav_rms(path) > 100 else ""

    with ThreadPoolExecutor(max_workers=len(SPOKEN)) as pool:
        return dict(zip(SPOKEN, pool.map(engine, SPOKEN)))


def speech_lines(found: dict[str, str]) -> list[tuple[bool, str]]:
    """The Speech lines of --self-check: per language, which engine speaks it, or that none
    does and what to do; one line with what to do when nothing speaks at all."""
    from kadr.i18n import LANGUAGES
    from kadr.speech.launch import engine_words, no_voice_message, unavailable_message, what_to_do

    if not any(found.values()):
        return [(False, f"{unavailable_message()} {what_to_do()}")]
    return [
        (True, tr("{language} is spoken by {engine}", language=LANGUAGES.get(lang, lang),
                  engine=engine_words(engine))) if engine else (False, no_voice_message(lang))
        for lang, engine in found.items()
    ]


def check_speech() -> tuple[bool, str]:
    from kadr.speech import self_check

    return self_check()


def check_fonts() -> tuple[bool, str]:
    from PySide6.QtGui import QFont, QFontMetrics

    from kadr.fonts import FAMILIES

    missing = []
    for name, sample in SCRIPTS.items():
        # Qt falls back along our family list, so a script is covered when one family has it
        ok = any(all(QFontMetrics(QFont(family)).inFontUcs4(ord(ch))  # inFont(str) misreads
                     for ch in sample if not ch.isspace())
                 for family in FAMILIES)
        if not ok:
            missing.append(name)
    if missing:
        return False, tr("No font for: {scripts}", scripts=", ".join(missing))
    return True, tr("Fonts for Latin, Cyrillic (with Kazakh letters), Hangul and kana")


def check_library(root: Path | None = None) -> tuple[bool, str]:
    from kadr.core.library import default_root

    root = root or default_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".write-test-"):
            pass
        return True, tr("Films are kept in {path}", path=str(root))
    except OSError:
        return False, tr("Kadr cannot write to {path}", path=str(root))


def _plain_stdout() -> None:
    """A pipe (CI, a log file) gets UTF-8: the language names are Қазақша, 한국어, 日本語, and
    Windows would otherwise encode them in its ANSI code page and stop with an error."""
    out = sys.stdout
    if out is not None and not out.isatty() and isinstance(out, io.TextIOWrapper):
        out.reconfigure(encoding="utf-8", errors="replace")


def run() -> int:
    _plain_stdout()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) else "")
    if not os.environ["QT_QPA_PLATFORM"]:
        del os.environ["QT_QPA_PLATFORM"]
    parts = [  # (label, check, required); a check may give several lines
        (tr("Qt"), check_qt, True),
        (tr("Video maker (ffmpeg)"), check_ffmpeg, True),
        (tr("Speech"), lambda: speech_lines(speaking_languages()), False),
        (tr("Fonts"), check_fonts, False),
        (tr("Library folder"), check_library, True),
    ]
    failed = False
    for label, check, required in parts:
        try:
            found = check()
        except Exception as error:  # noqa: BLE001
            found = (False, str(error))
        for ok, line in found if isinstance(found, list) else [found]:
            mark = "ok" if ok else ("MISSING" if required else "warning")
            print(f"{mark:8} {label}: {line}", flush=True)
            failed |= required and not ok
    return 1 if failed else 0

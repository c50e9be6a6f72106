"""Choosing a voice for a language from what the engine offers (no engine needed here)."""

from __future__ import annotations

from typing import Any

DEFAULT_RATE = 130  # words per minute; espeak's 175 is too fast for young learners

# Best voice ids first (espeak-ng 1.51 names, lower-case as pyttsx3 reports them).
PREFERRED: dict[str, tuple[str, ...]] = {
    "en": ("gmw/en-us", "gmw/en"),
    "ru": ("zle/ru",),
    "kk": ("trk/kk",),
    "ko": ("ko",),
    "ja": ("jpx/ja",),
}
# SAPI5 and macOS voices rarely carry usable language codes, but their names say it.
NAMES = {"en": "english", "ru": "russian", "kk": "kazakh", "ko": "korean", "ja": "japanese"}


def speech_language(code: str | None) -> str:
    """The base language of a code: 'en-US' -> 'en'; the test locale speaks English."""
    base = (code or "en").replace("_", "-").split("-")[0].lower()
    return "en" if base in ("", "pseudo") else base


def _matches(tag: str, lang: str) -> bool:
    tag = tag.replace("_", "-").lower()
    return tag == lang or tag.startswith(lang + "-")


def pick_voice(voices: list[dict[str, Any]], lang: str | None) -> str | None:
    """The id of the best voice for ``lang``, or None when there is none."""
    lang = speech_language(lang)
    by_id = {str(v.get("id", "")).lower(): str(v.get("id")) for v in voices}
    for wanted in PREFERRED.get(lang, ()):
        if wanted in by_id:
            return by_id[wanted]
    for v in voices:
        if any(_matches(str(tag), lang) for tag in v.get("languages") or ()):
            return str(v["id"])
    for v in voices:
        if _matches(str(v.get("id", "")).rsplit("/", 1)[-1], lang):
            return str(v["id"])
    name = NAMES.get(lang)
    for v in voices:
        if name and name in str(v.get("name", "")).lower():
            return str(v["id"])
    return None

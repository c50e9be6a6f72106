"""One translation mechanism for every user-visible string.

Source strings are plain English in the code, wrapped in ``tr()``. Catalogues are JSON files
in ``kadr/locale/<code>.json`` mapping the English text to its translation; Japanese also has
``ja.speech.json`` with kana readings, because espeak-ng reads kanji as "Chinese letter".
A missing entry falls back to English. Placeholders use ``{name}`` and are filled after
translation, so a translation may reorder them.

Listeners (widgets, the speech service) are told when the language changes, so the whole
app switches without a restart.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).with_name("locale")

# Each language's own name, shown on the language buttons (no flags: a flag is a country).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Русский",
    "kk": "Қазақша",
    "ko": "한국어",
    "ja": "日本語",
}
PSEUDO = "pseudo"  # a test locale: every string 40 % longer and accented

_state: dict[str, Any] = {"lang": "en", "catalogue": {}, "speech": {}}
_listeners: list[Callable[[str], None]] = []


def load_catalogue(code: str) -> dict[str, str]:
    """The translations for one language (empty for English or a missing file)."""
    path = LOCALE_DIR / f"{code}.json"
    if code == "en" or not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, str) and v and not k.startswith("@")}


def pseudo(text: str) -> str:
    """English made about 40 % longer, with accents, keeping {placeholders} intact."""
    accents = str.maketrans("aeiouAEIOUcnyCNY", "áéîõüÅÉÎÕÜçñýÇÑÝ")
    out, depth = [], 0
    for ch in text:
        if ch == "{":
            depth += 1
        if depth:
            out.append(ch)
        else:
            out.append(ch.translate(accents))
        if ch == "}":
            depth -= 1
    body = "".join(out)
    pad = "~" * max(1, round(len(text) * 0.4))
    return f"[{body}{pad}]"


def set_language(code: str) -> None:
    """Switch every string to ``code`` and tell the listeners."""
    if code not in LANGUAGES and code != PSEUDO:
        code = "en"
    _state["lang"] = code
    _state["catalogue"] = {} if code == PSEUDO else load_catalogue(code)
    speech_path = LOCALE_DIR / f"{code}.speech.json"
    _state["speech"] = (
        json.loads(speech_path.read_text(encoding="utf-8")) if speech_path.exists() else {}
    )
    _state["speech_patterns"] = None
    _state["sources"] = None
    for listener in list(_listeners):
        listener(code)


def language() -> str:
    return str(_state["lang"])


def add_listener(fn: Callable[[str], None]) -> None:
    _listeners.append(fn)


def remove_listener(fn: Callable[[str], None]) -> None:
    if fn in _listeners:
        _listeners.remove(fn)


def tr(text: str, **values: object) -> str:
    """The translation of ``text`` in the current language, with ``values`` filled in."""
    if _state["lang"] == PSEUDO:
        out = pseudo(text)
    else:
        out = _state["catalogue"].get(text, text)
    return out.format(**values) if values else out


def source_of(shown: str) -> str:
    """The English words that ``shown`` translates in the current language (``shown``
    itself when it translates none): kept so they can be said in a later language."""
    sources = _state.get("sources")
    if sources is None:
        sources = _state["sources"] = {v: k for k, v in _state["catalogue"].items()}
    return str(sources.get(shown, shown))


def tr_speech(text: str, **values: object) -> str:
    """What to say aloud for ``text``: the kana reading in Japanese, else the translation."""
    reading = _state["speech"].get(text)
    if reading:
        return str(reading.format(**values) if values else reading)
    return tr(text, **values)


def spoken_form(shown: str) -> str:
    """What to pronounce for an on-screen string: in Japanese its kana reading.

    Works on filled-in strings too: each translated template with a reading becomes a
    pattern, and the values it matched are put into the reading.
    """
    speech = _state["speech"]
    if not speech:
        return shown
    patterns = _state.get("speech_patterns")
    if patterns is None:
        patterns = []
        for source, reading in speech.items():
            template = tr(source)
            parts = re.split(r"\{(\w+)\}", template)
            regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                            for i, p in enumerate(parts))
            patterns.append((re.compile(f"^{regex}$", re.S), reading))
        _state["speech_patterns"] = patterns
    out = []
    for sentence in shown.split("\n"):
        for pattern, reading in patterns:
            match = pattern.match(sentence)
            if match:
                try:
                    sentence = reading.format(**match.groupdict())
                except (KeyError, IndexError, ValueError):
                    pass
                break
        out.append(sentence)
    return "\n".join(out)


def system_language(locale_name: str) -> str:
    """Our language code for a system locale name such as 'ru_RU' or 'ja-JP'."""
    code = locale_name.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def is_cyrillic(ch: str) -> bool:
    return "CYRILLIC" in unicodedata.name(ch, "")

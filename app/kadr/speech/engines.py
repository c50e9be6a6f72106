"""The speech worker's engines: the system's own voices first, then the eSpeak NG that Kadr
carries for each of Kadr's languages the system cannot speak (Kazakh on Windows).

The system comes first everywhere: Windows' and the Mac's voices sound more natural, and on
Linux the system espeak-ng is the distribution's, kept up to date by it and set up by the
person who looks after the computer. The bundled library only fills the gaps, so a computer
that speaks everything today keeps speaking exactly as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kadr.speech import bundled
from kadr.speech.system_engine import Engine
from kadr.speech.voices import NAMES, pick_voice

BUNDLED = bundled.ENGINE
BUNDLED_ID = "bundled:"  # bundled voice ids start with it: they never clash with the system's
# Languages the system engine is taken not to speak, comma-separated, or "all": the one way
# to meet, on a machine that has them, the situation of a computer without those voices
# (Windows has no Kazakh voice). Tests and IT use it; nothing else is faked.
SYSTEM_LACKS = "KADR_SPEECH_SYSTEM_LACKS"


def lacked_languages() -> set[str]:
    return {x.strip().lower() for x in os.environ.get(SYSTEM_LACKS, "").split(",") if x.strip()}


def without_languages(voices: list[dict[str, Any]], langs: set[str]) -> list[dict[str, Any]]:
    """``voices`` less every voice Kadr would choose for one of ``langs``."""
    voices = list(voices)
    for lang in langs:
        while (found := pick_voice(voices, lang)) is not None:
            voices = [v for v in voices if v["id"] != found]
    return voices


class Engines:
    """What speaks in this worker. Raises RuntimeError when nothing can."""

    def __init__(self) -> None:
        lacks = lacked_languages()
        self.system: Engine | None = None
        self.problems: list[str] = []
        if "all" not in lacks:
            try:
                self.system = Engine()
            except Exception as exc:  # ImportError, RuntimeError("could not initialize espeak")
                self.problems.append(f"system: {exc!r}")
        self._system_voices = without_languages(self.system.voices, lacks) if self.system else []
        # Loaded after the system engine: on Linux both are libespeak-ng.so.1, and pyttsx3
        # finds its library by that name, which must not be ours.
        missing = [lang for lang in NAMES if pick_voice(self._system_voices, lang) is None]
        self.bundled: bundled.BundledEspeak | None = None
        self._bundled_voices: list[dict[str, Any]] = []
        paths = bundled.find() if missing else None
        if paths:
            try:
                self.bundled = bundled.BundledEspeak(*paths)
            except (OSError, RuntimeError, AttributeError) as exc:  # AttributeError: no symbol
                self.problems.append(f"bundled: {exc!r}")
        if self.bundled is not None:
            everything = self.bundled.voices()
            for lang in missing:
                if (found := pick_voice(everything, lang)) is not None:
                    voice = next(v for v in everything if v["id"] == found)
                    self._bundled_voices.append({
                        **voice, "id": BUNDLED_ID + found, "name": f"{voice['name']} (eSpeak NG)"
                    })
        if self.system is None and self.bundled is None:
            raise RuntimeError("; ".join(self.problems) or "no speech engine")
        self.voices = [{**v, "engine": self.system_name} for v in self._system_voices]
        self.voices += [{**v, "engine": BUNDLED} for v in self._bundled_voices]

    @property
    def system_name(self) -> str:
        return self.system.driver if self.system is not None else ""

    def choose(self, lang: str | None, wanted: str | None = None) -> tuple[str, str] | None:
        """(engine, voice id) for ``lang``: the ``wanted`` voice when this worker has it, else
        the system's best voice, else the bundled one; None when nothing speaks ``lang``."""
        for voice in self.voices:
            if wanted and voice["id"] == wanted:
                return str(voice["engine"]), wanted
        if (found := pick_voice(self._system_voices, lang)) is not None:
            return self.system_name, found
        if (found := pick_voice(self._bundled_voices, lang)) is not None:
            return BUNDLED, found
        return None

    def render(
        self,
        choice: tuple[str, str],
        text: str,
        path: str,
        rate: int,
        volume: float,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> bool:
        engine, voice = choice
        if engine == BUNDLED and self.bundled is not None:
            return self.bundled.render(
                text, path, voice.removeprefix(BUNDLED_ID), rate, volume, should_stop
            )
        if self.system is None:
            return False
        return self.system.render(text, path, voice, rate, volume)

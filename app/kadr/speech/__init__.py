"""Speech for the whole studio: one SpeechService, served by a worker process.

``SpeechService`` is imported lazily, so the worker process never loads Qt.
"""

from __future__ import annotations

from typing import Any

from kadr.speech.launch import render_to_file, self_check
from kadr.speech.voices import DEFAULT_RATE, pick_voice

__all__ = ["DEFAULT_RATE", "SpeechService", "pick_voice", "render_to_file", "self_check"]


def __getattr__(name: str) -> Any:
    if name == "SpeechService":
        from kadr.speech.service import SpeechService

        return SpeechService
    raise AttributeError(name)

"""What a film is made of, without Qt: layer names, limits and playback settings.

core/project.py builds the editable film from these; a command-line export reads a film
file with them alone (no PySide6 to load: the export starts ~0.1 s sooner).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kadr.core.onion import OnionSettings

DRAWING_LAYERS = ("drawing", "front")  # bottom to top, above the background
MAX_HOLD = 12
PLAY_MODES = ("loop", "once", "pingpong")


@dataclass
class Settings:
    fps: int = 8
    play_mode: str = "loop"
    onion: OnionSettings = field(default_factory=OnionSettings)
    visible: dict[str, bool] = field(
        default_factory=lambda: {"background": True, "drawing": True, "front": True}
    )

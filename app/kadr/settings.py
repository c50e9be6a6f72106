"""The learner's and the teacher's choices, kept in one small JSON file.

Written atomically (temporary name, then rename); a damaged file means defaults, never a
crash, and so does any odd value in it (each one is checked for its type and range).
The folder can be moved with KADR_CONFIG (tests and classroom set-ups use it).
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from kadr import APP_NAME
from kadr.i18n import LANGUAGES, PSEUDO


@dataclass
class Settings:
    language: str = ""  # empty: not chosen yet, ask on first start
    ui_scale: float = 1.0
    theme: str = ""  # empty: follow the OS contrast preference on first start
    talking_buttons: bool = False
    uses_screen_reader: bool = False  # then Kadr does not speak focus itself
    speech_enabled: bool = True
    speech_rate: int = 130
    speech_volume: float = 1.0
    voice: str = ""
    keyboard_pen: bool = False
    switch_scan: bool = False  # switch scanning (ui/scanning.py) on or off
    switches: int = 1  # 1: automatic scanning, the switch chooses; 2: one steps, one chooses
    scan_seconds: float = 1.5  # how long each item stays highlighted (one switch)
    scan_pause: float = 0.0  # seconds after an accepted press when presses are not taken
    scan_speak: bool = True  # say each highlighted item
    sweep_seconds: float = 8.0  # a pointing line's time across the paper (switch drawing)
    pen_step: int = 10
    stabiliser: int = 3  # "Steady hand": 0 off .. 10 very smooth
    # motor access (issue 17): no dragging, clicking by resting, accidental taps
    click_move_click: bool = False  # a click starts a stroke, the next click ends it
    dwell: str = "off"  # resting the pointer clicks: "off", "controls", or "paper" too
    dwell_seconds: float = 1.2  # how long the pointer rests before it clicks
    ignore_marks: int = 0  # strokes shorter than this (paper px) are not drawn; 0: off
    # calm and clear
    reduced_motion: str = ""  # "": follow the system; "on": nothing moves by itself; "off"
    easy_font: bool = False  # letters easy to tell apart (Atkinson Hyperlegible)
    text_spacing: int = 0  # more room between letters, words and lines: 0 (usual) .. 3
    allow_skip: bool = True  # a teacher can turn lesson skipping off
    level: str = "simple"  # "simple" (few tools, for new learners and lessons) or "all"
    library: str = ""  # empty: the default library folder


def config_dir() -> Path:
    """Where Kadr keeps its settings: $KADR_CONFIG, else the folder Qt's AppConfigLocation
    names for the application "kadr" on this OS, worked out here without Qt: the command
    line must not pay Qt's start-up for it, and before the studio named its application
    Qt answered with the bare config folder (the command line read another settings file)."""
    env = os.environ.get("KADR_CONFIG")
    if env:
        return Path(env)
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Preferences" / APP_NAME
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".config") / APP_NAME


def settings_path() -> Path:
    return config_dir() / "settings.json"


MAX_FILE = 1 << 20  # bytes; a settings file is ~500
MAX_TEXT = 4096  # characters in a text setting (a folder path is the longest)
# the range of each number; other fields only need their default's type
RANGES: dict[str, tuple[float, float]] = {
    "ui_scale": (1.0, 2.0), "speech_rate": (80, 220), "speech_volume": (0.0, 1.0),
    "scan_seconds": (0.5, 5.0), "switches": (1, 2), "scan_pause": (0.0, 2.0),
    "sweep_seconds": (2.0, 20.0), "pen_step": (1, 100), "stabiliser": (0, 10),
    "dwell_seconds": (0.5, 3.0), "ignore_marks": (0, 40), "text_spacing": (0, 3),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "language": ("", *LANGUAGES, PSEUDO),  # "": not chosen yet (asked on first start)
    "level": ("simple", "all"),
    "dwell": ("off", "controls", "paper"),
    "reduced_motion": ("", "on", "off"),
}


def _number(value: Any, kind: type) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) if kind is int else math.isfinite(value)


def valid(name: str, value: Any) -> bool:
    """Whether ``value`` may be the setting ``name`` (its type, range or choices)."""
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        low, high = RANGES.get(name, (-math.inf, math.inf))
        return _number(value, type(default)) and low <= value <= high
    if isinstance(value, str) and len(value) <= MAX_TEXT and "\0" not in value:
        return value in CHOICES[name] if name in CHOICES else True
    return False


def _read(path: Path) -> Any:
    """The JSON in ``path``, or None: missing, not a plain file (a FIFO would wait for
    ever), too big, not JSON, or nested too deeply for Python."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as f:
            text = f.read(MAX_FILE + 1)
        if len(text) > MAX_FILE:
            return None
        return json.loads(text.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings. Every value is checked: one of the wrong type or out of range
    (by hand, or from an older Kadr) falls back to its default, so Kadr always starts."""
    try:
        data = _read(path or settings_path())
    except (OSError, ValueError):  # KADR_CONFIG or the home folder is unusable
        data = None
    settings = Settings()
    if not isinstance(data, dict):
        return settings
    for f in fields(Settings):
        value: Any = data.get(f.name)
        if f.name in data and valid(f.name, value):
            default = getattr(settings, f.name)
            setattr(settings, f.name, float(value) if isinstance(default, float) else value)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Keep the settings; False when the disk refuses (the app goes on with them in memory)."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(asdict(settings), indent=1, ensure_ascii=False), "utf-8")
        tmp.replace(path)
        return True
    except OSError:
        return False

"""The learner's and the teacher's choices, kept in one small JSON file.

Written atomically (temporary name, then rename); a damaged file means defaults, never a
crash. The folder can be moved with KADR_CONFIG (tests and classroom set-ups use it).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path


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
    switch_scan: bool = False  # one-switch automatic scanning
    scan_seconds: float = 1.5
    pen_step: int = 10
    stabiliser: int = 3
    allow_skip: bool = True  # a teacher can turn lesson skipping off
    library: str = ""  # empty: the default library folder


def config_dir() -> Path:
    env = os.environ.get("KADR_CONFIG")
    if env:
        return Path(env)
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config" / "kadr")


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
    try:
        return Settings(**values)
    except TypeError:
        return Settings()


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

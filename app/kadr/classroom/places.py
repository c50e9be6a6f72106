"""Where the classroom's files are: the classroom file's two places, the learners folder.

The classroom file ``kadr-classroom.toml`` is looked for in two places, and both are read
when both exist; where they say different things, the later one in this list wins:

1. beside the installation (the folder with Kadr's program, e.g. a portable copy on a USB
   stick or ``C:\\Program Files\\Kadr``); ``$KADR_CLASSROOM`` names another file for this
   place (to try a file before deploying it);
2. the system configuration folder, for an IT department that manages many computers:
   Linux ``/etc/kadr/``, Windows ``%PROGRAMDATA%\\Kadr\\``, macOS
   ``/Library/Application Support/Kadr/``.

The system folder wins because only an administrator can write there, while a copy of
Kadr beside its program may sit on a stick anyone can change.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CLASSROOM_FILE = "kadr-classroom.toml"
LEARNERS = "learners"


def install_dir() -> Path:
    """The folder Kadr runs from: beside the program of a bundle (PyInstaller), else the
    folder that holds the ``kadr`` package (the source tree's ``app/`` or site-packages)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def system_config_dir(platform: str = sys.platform) -> Path:
    """The machine-wide configuration folder for Kadr on ``platform``."""
    if platform == "win32":
        return Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData") / "Kadr"
    if platform == "darwin":
        return Path("/Library/Application Support/Kadr")
    return Path("/etc/kadr")


def classroom_files(platform: str = sys.platform) -> list[Path]:
    """Where a classroom file may be, the weakest first (see the module's words)."""
    beside = os.environ.get("KADR_CLASSROOM")
    first = Path(beside) if beside else install_dir() / CLASSROOM_FILE
    return [first, system_config_dir(platform) / CLASSROOM_FILE]


def data_dir() -> Path:
    """Kadr's data folder for this computer account (the folder that holds "library")."""
    from kadr.core.library import standard_root  # Qt's standard paths, only when asked

    return standard_root().parent


def learners_root(chosen: Path | None = None) -> Path:
    """The learners folder: the classroom file's ``learners_folder``, else "learners" in
    the data folder."""
    return Path(chosen) if chosen is not None else data_dir() / LEARNERS

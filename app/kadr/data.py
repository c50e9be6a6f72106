"""Where Kadr's shipped data is: lessons, the example film, icons, translations.

One place knows every layout Kadr runs from:

- an installed wheel: the build copies ``lessons/`` and ``assets/examples/`` of the source
  tree into the package as ``kadr/shipped/lessons`` and ``kadr/shipped/examples`` (setup.py);
- a PyInstaller bundle (Windows/Linux folder, macOS .app): the spec puts them in the same
  place inside the bundle, found through importlib.resources like any package data;
- the source tree (``make run``, an editable install): the folders at the top of the tree.

Lessons a teacher adds are not here: they live in the user's data folder, next to the
library (see kadr.ui.main_window).
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_TREE = PACKAGE.parents[1]  # app/kadr -> the checkout, when run from one


def _package_dir() -> Path:
    """The kadr package folder on disk (importlib.resources; a frozen app's too)."""
    try:
        found = files("kadr")
        if isinstance(found, Path):
            return found
        return Path(str(found))
    except (ModuleNotFoundError, TypeError):
        return PACKAGE


def _shipped(inside: str, in_source: str) -> Path:
    """``kadr/shipped/<inside>`` when the package carries it, else ``<in_source>`` in the
    source tree; the packaged path is returned when neither exists (messages name it)."""
    candidates = [_package_dir() / "shipped" / inside, PACKAGE / "shipped" / inside]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "kadr" / "shipped" / inside)
    candidates.append(SOURCE_TREE / in_source)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def lessons_dir() -> Path:
    """The lessons that come with Kadr (one folder per lesson, and the teachers' README)."""
    return _shipped("lessons", "lessons")


def examples_dir() -> Path:
    """The example films (bouncing-ball.kadr)."""
    return _shipped("examples", "assets/examples")


def icons_dir() -> Path:
    """The pictograms on Kadr's buttons (package data in every layout)."""
    return _package_dir() / "assets" / "icons"


def app_icon() -> Path:
    """Kadr's own logo as SVG (the window icon; installers make .png/.ico/.icns from it)."""
    return _package_dir() / "assets" / "kadr.svg"


def locale_dir() -> Path:
    """The translations (one JSON file per language)."""
    return _package_dir() / "locale"

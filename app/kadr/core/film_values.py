"""Every value read from a .kadr file, checked before it is used.

A file may come from anywhere (a USB stick, a damaged disk, someone testing Kadr), so no
value in it is trusted: each one is checked for its type and range here. What cannot be
used is replaced by Kadr's usual value and said in plain words (``Notes``), so a film with
one bad value still opens; only a film whose size itself is impossible or too big for
the memory budget (core/limits.py) is refused.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import fields
from typing import Any, TypeGuard

from kadr.core import limits
from kadr.core.film_parts import DRAWING_LAYERS, MAX_HOLD, PLAY_MODES, Settings
from kadr.core.onion import MAX_GHOSTS, OnionSettings
from kadr.i18n import tr

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_DIGITS = re.compile(r"^[0-9]{1,9}$")
VISIBLE = ("background", *DRAWING_LAYERS)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def damaged_part() -> str:
    return tr("Part of a picture in this film could not be read, so it was left out.")


def odd_settings() -> str:
    return tr("Some of this film's settings could not be read, so Kadr used the usual ones.")


def odd_timing() -> str:
    return tr("How long some pictures last could not be read, so they last 1 frame.")


def read_only() -> str:
    return tr("This film is on a disk Kadr cannot change. You can watch it and export it, "
              "but changes will not be kept. To change it, bring a copy into your films.")


def too_big() -> str:
    return tr("This film is too big for Kadr to open on this computer.")


class Notes:
    """Plain words on what could not be read, each said once, in the order found."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def whole(value: Any) -> int | None:
    """A whole number stored as a number or as digits (the meta table holds text)."""
    if is_int(value):
        return int(value)
    if isinstance(value, str) and _DIGITS.match(value):
        return int(value)
    return None


def canvas_side(value: Any) -> int | None:
    """A canvas width or height: None when it is not a positive whole number."""
    side = whole(value)
    return side if side is not None and side >= 1 else None


def title(value: Any) -> str:
    """The film's title as text, cut to limits.MAX_TITLE characters."""
    return value[: limits.MAX_TITLE] if isinstance(value, str) else ""


def hold(value: Any, notes: Notes) -> int:
    """How many frames a picture lasts: 1..MAX_HOLD (out of range is brought into it)."""
    if not is_int(value):
        notes.add(odd_timing())
        return 1
    if not 1 <= value <= MAX_HOLD:
        notes.add(odd_timing())
    return max(1, min(MAX_HOLD, int(value)))


def json_object(text: Any) -> dict[str, Any] | None:
    """A JSON object from ``text``, or None (not text, not JSON, or nested too deeply)."""
    if not isinstance(text, str) or len(text) > limits.MAX_META_TEXT:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _number(value: Any, low: float, high: float) -> bool:
    return (is_int(value) or isinstance(value, float)) and math.isfinite(value) \
        and low <= value <= high


def _onion_value(name: str, value: Any) -> bool:
    default = getattr(OnionSettings(), name)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if name in ("before", "after"):
        return is_int(value) and 0 <= value <= MAX_GHOSTS
    if name == "opacity":
        return _number(value, 0.0, 1.0)
    return isinstance(value, str) and bool(_COLOUR.match(value))  # the tints


def onion(data: Any, notes: Notes) -> OnionSettings:
    if not isinstance(data, dict):
        notes.add(odd_settings())
        return OnionSettings()
    good: dict[str, Any] = {}
    for f in fields(OnionSettings):
        if f.name not in data:
            continue  # an older file: the usual value
        if _onion_value(f.name, data[f.name]):
            good[f.name] = float(data[f.name]) if f.name == "opacity" else data[f.name]
        else:
            notes.add(odd_settings())
    return OnionSettings(**good)


def settings(text: Any, notes: Notes) -> Settings:
    """The film's playback settings from its settings JSON; unknown keys are ignored."""
    s = Settings()
    if text is None:
        return s  # a file without settings: the usual ones
    data = json_object(text)
    if data is None:
        notes.add(odd_settings())
        return s
    fps = data.get("fps", s.fps)
    if is_int(fps) and limits.MIN_FPS <= fps <= limits.MAX_FPS:
        s.fps = int(fps)
    else:
        notes.add(odd_settings())
    mode = data.get("play_mode", s.play_mode)
    if mode in PLAY_MODES:
        s.play_mode = str(mode)
    else:
        notes.add(odd_settings())
    visible = data.get("visible", {})
    if not isinstance(visible, dict):
        visible = {}
        notes.add(odd_settings())
    for layer in VISIBLE:
        shown = visible.get(layer, True)
        s.visible[layer] = shown if isinstance(shown, bool) else True
        if not isinstance(shown, bool):
            notes.add(odd_settings())
    if "onion" in data:
        s.onion = onion(data["onion"], notes)
    return s


def tile_place(layer: Any, tx: Any, ty: Any, data: Any, width: int,
               height: int) -> tuple[int, int] | None:
    """The (width, height) of a tile's place when the tile can belong there: a known
    layer, a place inside the canvas, and bytes no longer than a real tile's. Whether the
    bytes unpack to that place's pixels is checked by ``tile_check``."""
    if layer not in DRAWING_LAYERS or not is_int(tx) or not is_int(ty):
        return None
    x, y = tx * limits.TILE, ty * limits.TILE
    if not (0 <= x < width and 0 <= y < height):
        return None
    if not isinstance(data, bytes) or not 0 < len(data) <= limits.MAX_TILE_BYTES:
        return None
    return min(limits.TILE, width - x), min(limits.TILE, height - y)


def paper(value: Any, notes: Notes) -> str:
    if isinstance(value, str) and _COLOUR.match(value):
        return value
    notes.add(odd_settings())
    return "#ffffff"


def opacity(value: Any, notes: Notes) -> float:
    if _number(value, 0.0, 1.0):
        return float(value)
    notes.add(odd_settings())
    return 1.0


def png_fits(data: Any) -> bool:
    """A PNG whose header says it is no bigger than Kadr's largest canvas (read before
    decoding, so a small file cannot ask for gigabytes)."""
    if not isinstance(data, bytes) or len(data) < 24 or not data.startswith(PNG_MAGIC):
        return False
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 1 <= w <= limits.MAX_SIDE and 1 <= h <= limits.MAX_SIDE

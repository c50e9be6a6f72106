"""The fixed set of avatar pictures a learner can have (our own SVGs in assets/avatars/).

A profile stores only the id, so a picture can be redrawn without touching any profile,
and an unknown id (from a newer Kadr, or typed by hand) shows as the first avatar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeGuard

from kadr.data import icons_dir

AVATARS: tuple[str, ...] = ("cat", "dog", "fox", "owl", "bear", "rabbit", "frog", "fish",
                            "turtle", "robot", "rocket", "sun")
DEFAULT = AVATARS[0]
AVATAR_DIR = icons_dir().parent / "avatars"  # package data in every layout, as the icons


def is_avatar(avatar: object) -> TypeGuard[str]:
    return isinstance(avatar, str) and avatar in AVATARS


def avatar_path(avatar: str) -> Path:
    """The SVG file for ``avatar`` (the default picture for an unknown id)."""
    return AVATAR_DIR / f"{avatar if is_avatar(avatar) else DEFAULT}.svg"


def avatar_svg(avatar: str, ink: str = "#222222") -> str:
    """The SVG text with its outline in ``ink`` (for pages outside the studio's themes)."""
    return avatar_path(avatar).read_text(encoding="utf-8").replace("currentColor", ink)


def next_free(taken: list[str]) -> str:
    """The first avatar nobody has yet (the least used one when all are taken)."""
    return min(AVATARS, key=lambda a: (taken.count(a), AVATARS.index(a)))

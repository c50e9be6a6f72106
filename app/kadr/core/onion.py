"""Onion skin: deciding which neighbouring pictures to show and how strongly.

Deciding lives here; painting lives in render.py (the compositor draws what it is told).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

BEFORE_TINT = "#1f6fd1"  # blue: colour-blind-safe pair with orange
AFTER_TINT = "#e07000"
MAX_GHOSTS = 5


@dataclass(frozen=True)
class OnionSettings:
    enabled: bool = False
    before: int = 1
    after: int = 1
    opacity: float = 0.45  # the nearest ghost; farther ones fade
    before_tint: str = BEFORE_TINT
    after_tint: str = AFTER_TINT
    outline: bool = False
    loop: bool = False  # the first picture shows under the last one, and back
    during_playback: bool = False

    def with_(self, **changes: object) -> OnionSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Ghost:
    index: int  # which picture
    side: str  # "before" or "after"
    distance: int
    opacity: float
    tint: str


def ghost_plan(settings: OnionSettings, current: int, count: int, playing: bool = False) -> list[Ghost]:
    """The ghosts to paint under picture ``current`` of ``count``, farthest first."""
    if not settings.enabled or count < 2 or (playing and not settings.during_playback):
        return []
    ghosts: list[Ghost] = []
    seen = {current}
    for side, n, sign, tint in (
        ("before", settings.before, -1, settings.before_tint),
        ("after", settings.after, 1, settings.after_tint),
    ):
        for d in range(1, min(n, MAX_GHOSTS) + 1):
            index = current + sign * d
            if settings.loop:
                index %= count
            if not 0 <= index < count or index in seen:
                continue
            seen.add(index)
            opacity = settings.opacity * (1.0 - (d - 1) / (MAX_GHOSTS + 1))
            ghosts.append(Ghost(index, side, d, round(opacity, 3), tint))
    ghosts.sort(key=lambda g: -g.distance)
    return ghosts

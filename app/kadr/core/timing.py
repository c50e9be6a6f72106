"""Time: which picture shows at each frame of the film, and in which order playback goes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def exposures(holds: Sequence[int]) -> list[int]:
    """Picture index for every frame of the film: holds [1, 2, 1] give [0, 1, 1, 2]."""
    out: list[int] = []
    for index, hold in enumerate(holds):
        out.extend([index] * max(1, hold))
    return out


def playback(holds: Sequence[int], mode: str = "loop", start: int = 0) -> Iterator[int]:
    """Picture indices, one per tick, from picture ``start``; 'once' ends, others go on."""
    film = exposures(holds)
    if not film:
        return
    first = film.index(start) if start in film else 0
    if mode == "pingpong" and len(holds) > 1:
        # forwards, then backwards without repeating the two ends
        back = exposures(holds[-2:0:-1])
        cycle = film + [len(holds) - 2 - i for i in back]
        i = first
        while True:
            yield cycle[i % len(cycle)]
            i += 1
    elif mode == "once":
        yield from film[first:]
    else:
        i = first
        while True:
            yield film[i % len(film)]
            i += 1


def gif_delays_ms(holds: Sequence[int], fps: int) -> list[int]:
    """Per-picture delays in whole centiseconds (x10 ms), carrying rounding so the total is exact."""
    out: list[int] = []
    carry = 0.0
    for hold in holds:
        exact = hold * 100.0 / fps + carry
        cs = max(2, round(exact))  # browsers treat < 2 cs as 10 cs
        carry = exact - cs
        out.append(cs * 10)
    return out

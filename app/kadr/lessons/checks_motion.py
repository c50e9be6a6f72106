"""Checks about change between pictures: moving, spacing, growing, squash, loops, morphs.

Distances are parts of the canvas: steps of the centre are parts of the diagonal; ``dx``
values are parts of the width and ``dy`` values parts of the height (y grows downwards,
so "up" is a negative dy).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

import numpy as np

from kadr.core.project import Project
from kadr.lessons.features import (
    Ink,
    diagonal,
    filled_similarity,
    ink,
    similarity,
    squareness,
    turn_between,
)
from kadr.lessons.frames import index, misses_allowed, sequence
from kadr.lessons.registry import DIRECTIONS, LAYER, MISSES, Event, Param, check, fraction, frame

P = dict[str, Any]
OPT = fraction(None, -10.0, 10.0)
SEQ: dict[str, Any] = {"first": frame(1), "last": frame("last"), "frames": Param("frames", None),
                       "layer": LAYER}
SAME = 0.92  # similarity at which two pictures count as copies
SAME_SHAPE = 0.975  # filled similarity at which two shapes count as copies
MEASURES = ("area", "height", "width", "size")


def _inks(project: Project, p: P) -> list[Ink] | None:
    span = sequence(project, p)
    if span is None or len(span) < 2:
        return None
    inks = [ink(project, i, p["layer"]) for i in span]
    return inks if all(k.present for k in inks) else None


def _sign(direction: str, dx: float, dy: float, total: tuple[float, float]) -> float:
    """The move's component along ``direction`` (positive = the right way)."""
    if direction == "left":
        return -dx
    if direction == "right":
        return dx
    if direction == "up":
        return -dy
    if direction == "down":
        return dy
    if direction == "horizontal":
        return dx if total[0] >= 0 else -dx
    if direction == "vertical":
        return dy if total[1] >= 0 else -dy
    return 1.0


@check("drawing_moved", "The centre of the drawing moves between neighbouring pictures by "
       "min_step..max_step (parts of the diagonal), optionally one way (left, right, up, down, "
       "horizontal = one sideways direction, vertical), with dx/dy limits per step and a "
       "min_total distance overall.",
       **SEQ, min_step=fraction(0.02, 0.0, 2.0), max_step=fraction(0.25, 0.0, 2.0),
       direction=Param("choice", "any", DIRECTIONS), min_dx=OPT, max_dx=OPT, min_dy=OPT,
       max_dy=OPT, min_total=OPT, back_tolerance=fraction(0.03, 0.0, 1.0), allow_misses=MISSES)
def drawing_moved(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    w, h, d = project.width, project.height, diagonal(project)
    total = ((inks[-1].cx - inks[0].cx) / w, (inks[-1].cy - inks[0].cy) / h)
    direction, misses = p["direction"], 0
    for a, b in zip(inks, inks[1:]):
        dx, dy = (b.cx - a.cx) / w, (b.cy - a.cy) / h
        step = float(np.hypot(b.cx - a.cx, b.cy - a.cy)) / d
        along = _sign(direction, dx, dy, total)
        if direction != "any" and along < -p["back_tolerance"]:
            return False  # a big step the wrong way
        ok = p["min_step"] <= step <= p["max_step"] and along > 0
        for key, value, low in (("min_dx", dx, True), ("max_dx", dx, False),
                                ("min_dy", dy, True), ("max_dy", dy, False)):
            limit = p[key]
            if limit is not None and (value < limit if low else value > limit):
                ok = False
        misses += not ok
    if misses > misses_allowed(p, len(inks) - 1):
        return False
    if p["min_total"] is not None:
        if direction in ("left", "right", "horizontal"):
            moved = abs(total[0])
        elif direction in ("up", "down", "vertical"):
            moved = abs(total[1])
        else:
            moved = float(np.hypot(inks[-1].cx - inks[0].cx, inks[-1].cy - inks[0].cy)) / d
        return bool(moved >= p["min_total"])
    return True


@check("stays_in_place", "The drawing's centre stays within max_range_x (part of the width) "
       "and max_range_y (part of the height) over the pictures.",
       **SEQ, max_range_x=fraction(0.1, 0.0, 1.0), max_range_y=fraction(1.0, 0.0, 1.0))
def stays_in_place(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    xs, ys = [k.cx for k in inks], [k.cy for k in inks]
    return bool((max(xs) - min(xs)) <= p["max_range_x"] * project.width
                and (max(ys) - min(ys)) <= p["max_range_y"] * project.height)


def _measure(k: Ink, what: str) -> float:
    if what == "height":
        return float(k.height)
    if what == "width":
        return float(k.width)
    if what == "size":
        return k.size
    return float(k.width * k.height)  # bounding-box area


@check("same_size", "Every picture's drawing is about as big as the first one "
       "(size ratio min_ratio..max_ratio).",
       **SEQ, measure=Param("choice", "size", MEASURES), min_ratio=fraction(0.75, 0.0, 100.0),
       max_ratio=fraction(1.33, 0.0, 100.0), allow_misses=MISSES)
def same_size(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    ref = max(_measure(inks[0], p["measure"]), 1e-6)
    bad = sum(not p["min_ratio"] <= _measure(k, p["measure"]) / ref <= p["max_ratio"]
              for k in inks[1:])
    return bad <= misses_allowed(p, len(inks) - 1)


@check("size_changes", "The drawing grows (or shrinks) from the first to the last picture by "
       "min_ratio or more; measure is the bounding-box area, height, width or size. With "
       "min_step_ratio, each picture must also be at least that part of the one before.",
       **SEQ, mode=Param("choice", "grows", ("grows", "shrinks")),
       measure=Param("choice", "area", MEASURES), min_ratio=fraction(1.4, 0.0, 100.0),
       min_step_ratio=fraction(None, 0.0, 100.0), allow_misses=MISSES)
def size_changes(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    m = [max(_measure(k, p["measure"]), 1e-6) for k in inks]
    if p["mode"] == "shrinks":
        m = [1.0 / v for v in m]  # shrinking is growing of the inverse
    if m[-1] / m[0] < p["min_ratio"]:
        return False
    if p["min_step_ratio"] is not None:
        bad = sum(b < p["min_step_ratio"] * a for a, b in zip(m, m[1:]))
        return bool(bad <= misses_allowed(p, len(m) - 1))
    return True


@check("shape_aspect", "Squash and stretch: the drawing in frame is wider (squashed) or "
       "taller (stretched) than in ref by ratio, and keeps about the same amount "
       "(hull area ratio min_volume..max_volume).",
       frame=frame(), ref=frame(1), mode=Param("choice", choices=("squashed", "stretched")),
       ratio=fraction(1.2, 1.0, 10.0), min_aspect=fraction(None, 0.0, 10.0),
       min_volume=fraction(0.6, 0.0, 100.0), max_volume=fraction(1.6, 0.0, 100.0), layer=LAYER)
def shape_aspect(project: Project, events: Sequence[Event], p: P) -> bool:
    i, r = index(project, p["frame"]), index(project, p["ref"])
    if i is None or r is None:
        return False
    k, ref = ink(project, i, p["layer"]), ink(project, r, p["layer"])
    if not k.present or not ref.present:
        return False
    if p["mode"] == "squashed":
        shaped = k.aspect >= p["ratio"] * ref.aspect
    else:
        shaped = k.aspect <= ref.aspect / p["ratio"]
    if p["min_aspect"] is not None and k.aspect < p["min_aspect"]:
        return False
    volume = k.hull_area / max(ref.hull_area, 1e-6)
    return bool(shaped and p["min_volume"] <= volume <= p["max_volume"])


@check("similarity", "Overlap of two pictures' drawings (1 = the same, 0 = nothing shared) "
       "lies in min..max.",
       frame=frame(), to=frame(), min=fraction(0.0, 0.0, 1.0), max=fraction(1.0, 0.0, 1.0),
       layer=LAYER)
def similarity_check(project: Project, events: Sequence[Event], p: P) -> bool:
    i, j = index(project, p["frame"]), index(project, p["to"])
    if i is None or j is None:
        return False
    a, b = ink(project, i, p["layer"]), ink(project, j, p["layer"])
    return a.present and b.present and p["min"] <= similarity(a, b) <= p["max"]


@check("neighbours_similar", "Each pair of neighbouring pictures overlaps by min..max (e.g. a "
       "star turned a little: 0.3..0.9); loop = true also compares the last with the first.",
       **SEQ, min=fraction(0.0, 0.0, 1.0), max=fraction(1.0, 0.0, 1.0),
       loop=Param("bool", False), allow_misses=MISSES)
def neighbours_similar(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    pairs = list(zip(inks, inks[1:])) + ([(inks[-1], inks[0])] if p["loop"] else [])
    bad = sum(not p["min"] <= similarity(a, b) <= p["max"] for a, b in pairs)
    return bad <= misses_allowed(p, len(pairs))


def _steps(inks: list[Ink], axis: str) -> list[float]:
    out = []
    for a, b in zip(inks, inks[1:]):
        dx, dy = b.cx - a.cx, b.cy - a.cy
        out.append(abs(dx) if axis == "x" else abs(dy) if axis == "y" else float(np.hypot(dx, dy)))
    return out


def _rises(s: list[float], tolerance: float, max_growth: float) -> bool:
    """Every step at least ``tolerance`` x the one before (no stop on the way) and none more
    than ``max_growth`` x the one before (no crawl and then one jump)."""
    return all(b >= tolerance * a and b <= max_growth * max(a, 1e-6) for a, b in zip(s, s[1:]))


@check("spacing", "Spacing of the centres, judged on every step: speeds_up (each step about "
       "as big as the one before or bigger, none growing more than max_growth times, the last "
       "factor x the first), slows_down (the same backwards), slow_in_out (growing to the "
       "middle, then shrinking; end steps x factor <= middle steps), or even (largest step <= "
       "max_spread x smallest). tolerance: how much smaller a step may be than the one before "
       "while speeding up. axis: both, x or y.",
       **SEQ, pattern=Param("choice", choices=("speeds_up", "slows_down", "slow_in_out", "even")),
       factor=fraction(1.3, 1.0, 100.0), max_spread=fraction(2.0, 1.0, 100.0),
       tolerance=fraction(0.7, 0.0, 1.0), max_growth=fraction(8.0, 1.0, 100.0),
       axis=Param("choice", "both", ("both", "x", "y")))
def spacing(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    s = _steps(inks, p["axis"])
    pattern, f, tol, grow = p["pattern"], p["factor"], p["tolerance"], p["max_growth"]
    if pattern == "speeds_up":
        return bool(s[-1] >= f * s[0] and _rises(s, tol, grow))
    if pattern == "slows_down":
        return bool(s[0] >= f * s[-1] and _rises(s[::-1], tol, grow))
    if pattern == "slow_in_out":
        if len(s) < 3:
            return False
        if (s[0] + s[-1]) / 2 * f > sum(s[1:-1]) / len(s[1:-1]):
            return False
        peak = max(range(len(s)), key=lambda n: s[n])
        return bool(_rises(s[:peak + 1], tol, grow) and _rises(s[peak:][::-1], tol, grow))
    small, big = min(s), max(s)
    spread = float(np.std(s) / np.mean(s)) if np.mean(s) > 0 else 1.0
    return (small > 0 and big <= p["max_spread"] * small) or spread <= 0.35


@check("turns", "The drawing turns round its middle between neighbouring pictures: each "
       "turn is min_angle..max_angle degrees, all the same way round, and the shapes match "
       "once turned (outlines are filled in first, sizes do not matter). loop = true also "
       "turns the last picture into the first.",
       **SEQ, min_angle=fraction(4.0, 0.0, 180.0), max_angle=fraction(28.0, 0.0, 180.0),
       loop=Param("bool", False), allow_misses=MISSES)
def turns(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None:
        return False
    pairs = list(zip(inks, inks[1:])) + ([(inks[-1], inks[0])] if p["loop"] else [])
    angles, bad = [], 0
    for a, b in pairs:
        angle, unturned, turned = turn_between(a, b)
        ok = (p["min_angle"] <= abs(angle) <= p["max_angle"] and turned <= 0.12
              and turned <= 0.75 * unturned)
        bad += not ok
        if ok:
            angles.append(angle)
    if bad > misses_allowed(p, len(pairs)):
        return False
    return bool(angles) and (all(x > 0 for x in angles) or all(x < 0 for x in angles))


@check("loop_closes", "The loop joins up: the last picture leads back to the first like the "
       "other neighbours do (overlap within margin of theirs, centre jump at most max_jump x "
       "their median step) and is not just a copy of the first.",
       **SEQ, margin=fraction(0.2, 0.0, 1.0), max_jump=fraction(2.0, 0.0, 100.0),
       allow_repeat=Param("bool", False))
def loop_closes(project: Project, events: Sequence[Event], p: P) -> bool:
    inks = _inks(project, p)
    if inks is None or len(inks) < 3:
        return False
    sims = [similarity(a, b) for a, b in zip(inks, inks[1:])]
    seam = similarity(inks[-1], inks[0])
    if seam >= SAME and not p["allow_repeat"]:
        return False
    jump = _steps([inks[-1], inks[0]], "both")[0]
    limit = max(p["max_jump"] * median(_steps(inks, "both")), 0.02 * diagonal(project))
    return bool(seam >= median(sims) - p["margin"] and jump <= limit)


@check("in_between", "Picture frame is in between pictures a and b: it overlaps each of them "
       "more than they overlap each other (outlines filled in; within margin), is no copy "
       "of either, its shape (how much of its "
       "box it fills) lies between theirs, its size lies between theirs (size_margin), and "
       "its centre is within max_shift (part of the diagonal) of theirs.",
       frame=frame(), a=frame(), b=frame(), size_margin=fraction(0.15, 0.0, 10.0),
       margin=fraction(0.04, 0.0, 1.0),
       max_shift=fraction(0.1, 0.0, 2.0), layer=LAYER)
def in_between(project: Project, events: Sequence[Event], p: P) -> bool:
    ids = [index(project, p[k]) for k in ("frame", "a", "b")]
    if any(i is None for i in ids):
        return False
    k, a, b = (ink(project, i, p["layer"]) for i in ids if i is not None)
    if not (k.present and a.present and b.present):
        return False
    ends = filled_similarity(a, b)
    if ends >= 0.99:
        return False  # the key pictures are the same: nothing to be in between
    to_a, to_b = filled_similarity(k, a), filled_similarity(k, b)
    if not (to_a > ends - p["margin"] and to_b > ends - p["margin"]):
        return False
    if max(to_a, to_b) >= SAME_SHAPE and ends <= SAME:
        return False  # a copy of one end (of two clearly different ends) is not in between
    lo_sq, hi_sq = sorted((squareness(a), squareness(b)))
    if not lo_sq - 0.03 <= squareness(k) <= hi_sq + 0.03:
        return False
    lo, hi = sorted((a.size, b.size))
    if not lo * (1 - p["size_margin"]) <= k.size <= hi * (1 + p["size_margin"]):
        return False
    limit = p["max_shift"] * diagonal(project)
    return all(float(np.hypot(k.cx - e.cx, k.cy - e.cy)) <= limit for e in (a, b))

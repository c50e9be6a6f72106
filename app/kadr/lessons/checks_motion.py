"""Checks about change between pictures: moving, spacing, growing, squash, loops, morphs.

Distances are parts of the canvas: steps of the centre are parts of the diagonal; ``dx``
values are parts of the width and ``dy`` values parts of the height (y grows downwards,
so "up" is a negative dy).

Each returns True, or a Why naming the first picture (or step: the move into a picture)
that misses the goal and what to do there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from statistics import median
from typing import Any

import numpy as np

from kadr.core.project import Project
from kadr.lessons.features import (
    Ink,
    diagonal,
    filled_similarity,
    similarity,
    squareness,
    turn_between,
)
from kadr.lessons.frames import index, misses_allowed
from kadr.lessons.reasons import centre, inks_at, missing, moved, span_inks
from kadr.lessons.registry import DIRECTIONS, LAYER, MISSES, Event, Param, check, fraction, frame
from kadr.lessons.why import Verdict, Why, met_or, place

P = dict[str, Any]
OPT = fraction(None, -10.0, 10.0)
SEQ: dict[str, Any] = {"first": frame(1), "last": frame("last"), "frames": Param("frames", None),
                       "layer": LAYER}
SAME = 0.92  # similarity at which two pictures count as copies
SAME_SHAPE = 0.975  # filled similarity at which two shapes count as copies
MEASURES = ("area", "height", "width", "size")


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


def _way(direction: str, total: tuple[float, float]) -> tuple[float, float]:
    """The way ``direction`` points, as (dx, dy) of length 1 ((0, 0) for "any")."""
    return {"left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0),
            "horizontal": (1.0 if total[0] >= 0 else -1.0, 0.0),
            "vertical": (0.0, 1.0 if total[1] >= 0 else -1.0)}.get(direction, (0.0, 0.0))


def _step_why(project: Project, p: P, a: Ink, b: Ink, picture: int,
              total: tuple[float, float]) -> Why | None:
    """What is wrong with the move from drawing ``a`` to drawing ``b`` (in ``picture``)."""
    w, h, d = project.width, project.height, diagonal(project)
    dx, dy = (b.cx - a.cx) / w, (b.cy - a.cy) / h
    step = float(np.hypot(b.cx - a.cx, b.cy - a.cy)) / d
    direction = p["direction"]
    way = _way(direction, total)
    if step > p["max_step"]:  # a jump: bring it back towards the picture before
        back = p["max_step"] / step * 0.9
        return Why("Make the step smaller in picture {picture}.", picture,
                   place((a.cx + (b.cx - a.cx) * back) / w, (a.cy + (b.cy - a.cy) * back) / h))
    if step < p["min_step"] or _sign(direction, dx, dy, total) <= 0:
        if direction == "any":
            return Why("Move the drawing a little in picture {picture}.", picture)
        return moved(way[0], way[1], picture)
    for key, value, low, axis in (("min_dx", dx, True, 0), ("max_dx", dx, False, 0),
                                  ("min_dy", dy, True, 1), ("max_dy", dy, False, 1)):
        limit = p[key]
        if limit is not None and (value < limit if low else value > limit):
            need = limit - value + (0.02 if low else -0.02)  # a little inside the limit
            sx, sy = (need, 0.0) if axis == 0 else (0.0, need)
            return moved(sx, sy, picture, place(b.cx / w + sx, b.cy / h + sy))
    return None


@check("drawing_moved", "The centre of the drawing moves between neighbouring pictures by "
       "min_step..max_step (parts of the diagonal), optionally one way (left, right, up, down, "
       "horizontal = one sideways direction, vertical), with dx/dy limits per step and a "
       "min_total distance overall.",
       **SEQ, min_step=fraction(0.02, 0.0, 2.0), max_step=fraction(0.25, 0.0, 2.0),
       direction=Param("choice", "any", DIRECTIONS), min_dx=OPT, max_dx=OPT, min_dy=OPT,
       max_dy=OPT, min_total=OPT, back_tolerance=fraction(0.03, 0.0, 1.0), allow_misses=MISSES)
def drawing_moved(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    w, h, d = project.width, project.height, diagonal(project)
    total = ((inks[-1].cx - inks[0].cx) / w, (inks[-1].cy - inks[0].cy) / h)
    direction = p["direction"]
    way = _way(direction, total)
    bad: list[Why] = []
    for n, (a, b) in enumerate(zip(inks, inks[1:]), 1):
        dx, dy = (b.cx - a.cx) / w, (b.cy - a.cy) / h
        if direction != "any" and _sign(direction, dx, dy, total) < -p["back_tolerance"]:
            return moved(way[0], way[1], span[n] + 1)  # a big step the wrong way
        why = _step_why(project, p, a, b, span[n] + 1, total)
        if why is not None:
            bad.append(why)
    if len(bad) > misses_allowed(p, len(inks) - 1):
        return bad[0]
    if p["min_total"] is None:
        return True
    if direction in ("left", "right", "horizontal"):
        went = abs(total[0])
    elif direction in ("up", "down", "vertical"):
        went = abs(total[1])
    else:
        went = float(np.hypot(inks[-1].cx - inks[0].cx, inks[-1].cy - inks[0].cy)) / d
    if went >= p["min_total"]:
        return True
    last = span[-1] + 1
    if direction == "any":
        return Why("Move the drawing further in picture {picture}.", last)
    short = p["min_total"] - went + 0.02
    return moved(way[0] * short, way[1] * short, last,
                 place(inks[-1].cx / w + way[0] * short, inks[-1].cy / h + way[1] * short))


@check("stays_in_place", "The drawing's centre stays within max_range_x (part of the width) "
       "and max_range_y (part of the height) over the pictures.",
       **SEQ, max_range_x=fraction(0.1, 0.0, 1.0), max_range_y=fraction(1.0, 0.0, 1.0))
def stays_in_place(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    xs, ys = [k.cx for k in inks], [k.cy for k in inks]
    rx, ry = p["max_range_x"] * project.width, p["max_range_y"] * project.height
    if (max(xs) - min(xs)) <= rx and (max(ys) - min(ys)) <= ry:
        return True
    # the first picture that strayed from where the first one is (else the farthest)
    away = [max(abs(x - xs[0]) / max(rx, 1e-6), abs(y - ys[0]) / max(ry, 1e-6))
            for x, y in zip(xs, ys)]
    n = next((n for n, a in enumerate(away) if a > 1), int(np.argmax(away)))
    return Why("Put the drawing in the same place in picture {picture}.", span[n] + 1,
               centre(project, inks[0]))


def _measure(k: Ink, what: str) -> float:
    if what == "height":
        return float(k.height)
    if what == "width":
        return float(k.width)
    if what == "size":
        return k.size
    return float(k.width * k.height)  # bounding-box area


def _resize(project: Project, k: Ink, picture: int, grow: bool, measure: str = "size") -> Why:
    """Make drawing ``k`` bigger (or smaller) by ``measure``: taller, wider, flatter..."""
    at = centre(project, k)
    if measure == "height":
        if grow:
            return Why("Make the drawing taller in picture {picture}.", picture, at)
        return Why("Make the drawing flatter in picture {picture}.", picture, at)
    if measure == "width" and grow:
        return Why("Make the drawing wider in picture {picture}.", picture, at)
    if grow:
        return Why("Make the drawing bigger in picture {picture}.", picture, at)
    return Why("Make the drawing smaller in picture {picture}.", picture, at)


@check("same_size", "Every picture's drawing is about as big as the first one "
       "(size ratio min_ratio..max_ratio).",
       **SEQ, measure=Param("choice", "size", MEASURES), min_ratio=fraction(0.75, 0.0, 100.0),
       max_ratio=fraction(1.33, 0.0, 100.0), allow_misses=MISSES)
def same_size(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    ref = max(_measure(inks[0], p["measure"]), 1e-6)
    ratios = [_measure(k, p["measure"]) / ref for k in inks]
    bad = [n for n in range(1, len(inks)) if not p["min_ratio"] <= ratios[n] <= p["max_ratio"]]
    if len(bad) <= misses_allowed(p, len(inks) - 1):
        return True
    n = bad[0]
    return _resize(project, inks[n], span[n] + 1, ratios[n] < p["min_ratio"], p["measure"])


@check("size_changes", "The drawing grows (or shrinks) from the first to the last picture by "
       "min_ratio or more; measure is the bounding-box area, height, width or size. With "
       "min_step_ratio, each picture must also be at least that part of the one before.",
       **SEQ, mode=Param("choice", "grows", ("grows", "shrinks")),
       measure=Param("choice", "area", MEASURES), min_ratio=fraction(1.4, 0.0, 100.0),
       min_step_ratio=fraction(None, 0.0, 100.0), allow_misses=MISSES)
def size_changes(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    m = [max(_measure(k, p["measure"]), 1e-6) for k in inks]
    if p["mode"] == "shrinks":
        m = [1.0 / v for v in m]  # shrinking is growing of the inverse
    limit = 1.0 if p["min_step_ratio"] is None else p["min_step_ratio"]
    steps = [n for n in range(1, len(m)) if m[n] < limit * m[n - 1]]  # went the wrong way

    def why(n: int) -> Why:
        return _resize(project, inks[n], span[n] + 1, p["mode"] == "grows", p["measure"])

    if m[-1] / m[0] < p["min_ratio"]:
        return why(steps[0] if steps else len(m) - 1)
    if p["min_step_ratio"] is not None and len(steps) > misses_allowed(p, len(m) - 1):
        return why(steps[0])
    return True


@check("shape_aspect", "Squash and stretch: the drawing in frame is wider (squashed) or "
       "taller (stretched) than in ref by ratio, and keeps about the same amount "
       "(hull area ratio min_volume..max_volume).",
       frame=frame(), ref=frame(1), mode=Param("choice", choices=("squashed", "stretched")),
       ratio=fraction(1.2, 1.0, 10.0), min_aspect=fraction(None, 0.0, 10.0),
       min_volume=fraction(0.6, 0.0, 100.0), max_volume=fraction(1.6, 0.0, 100.0), layer=LAYER)
def shape_aspect(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = inks_at(project, p, ("frame", "ref"))
    if not isinstance(found, list):
        return found
    k, ref = found
    picture = int(index(project, p["frame"]) or 0) + 1
    if p["mode"] == "squashed":
        shaped = k.aspect >= p["ratio"] * ref.aspect
    else:
        shaped = k.aspect <= ref.aspect / p["ratio"]
    if not shaped or (p["min_aspect"] is not None and k.aspect < p["min_aspect"]):
        return _resize(project, k, picture, p["mode"] == "stretched", "height")
    volume = k.hull_area / max(ref.hull_area, 1e-6)
    return met_or(p["min_volume"] <= volume <= p["max_volume"],
                  _resize(project, k, picture, volume < p["min_volume"]))


def _change(n: int, value: float, low: float) -> Why:
    """Two drawings overlap by ``value``, outside low..high: change picture ``n`` more
    (a copy) or less (another drawing)."""
    if value < low:
        return Why("Change the drawing less in picture {picture}.", n)
    return Why("Change the drawing more in picture {picture}.", n)


@check("similarity", "Overlap of two pictures' drawings (1 = the same, 0 = nothing shared) "
       "lies in min..max.",
       frame=frame(), to=frame(), min=fraction(0.0, 0.0, 1.0), max=fraction(1.0, 0.0, 1.0),
       layer=LAYER)
def similarity_check(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = inks_at(project, p, ("frame", "to"))
    if not isinstance(found, list):
        return found
    value = similarity(*found)
    picture = int(index(project, p["frame"]) or 0) + 1
    return met_or(p["min"] <= value <= p["max"], _change(picture, value, p["min"]))


def _neighbours(project: Project, p: P) -> list[tuple[int, Ink, Ink]] | Verdict:
    """Neighbouring drawings (a, b) of a sequence with the picture to change (b's, or the
    last one for the pair that leads from the last picture back to the first when ``loop``
    is on); or why the sequence cannot be read yet."""
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    pairs = [(span[n + 1] + 1, a, b) for n, (a, b) in enumerate(zip(inks, inks[1:]))]
    return pairs + ([(span[-1] + 1, inks[-1], inks[0])] if p["loop"] else [])


@check("neighbours_similar", "Each pair of neighbouring pictures overlaps by min..max (e.g. a "
       "star turned a little: 0.3..0.9); loop = true also compares the last with the first.",
       **SEQ, min=fraction(0.0, 0.0, 1.0), max=fraction(1.0, 0.0, 1.0),
       loop=Param("bool", False), allow_misses=MISSES)
def neighbours_similar(project: Project, events: Sequence[Event], p: P) -> Verdict:
    pairs = _neighbours(project, p)
    if not isinstance(pairs, list):
        return pairs
    bad = [_change(n, v, p["min"]) for n, a, b in pairs
           if not p["min"] <= (v := similarity(a, b)) <= p["max"]]
    return True if len(bad) <= misses_allowed(p, len(pairs)) else bad[0]


def _steps(inks: list[Ink], axis: str) -> list[float]:
    out = []
    for a, b in zip(inks, inks[1:]):
        dx, dy = b.cx - a.cx, b.cy - a.cy
        out.append(abs(dx) if axis == "x" else abs(dy) if axis == "y" else float(np.hypot(dx, dy)))
    return out


def _first_stall(s: list[float], tolerance: float, max_growth: float) -> int | None:
    """The first step that is not at least ``tolerance`` x the one before (a stop on the
    way) or is more than ``max_growth`` x it (a crawl and then a jump); None if none."""
    for n, (a, b) in enumerate(zip(s, s[1:]), 1):
        if not (b >= tolerance * a and b <= max_growth * max(a, 1e-6)):
            return n
    return None


def _step(span: list[int], n: int, bigger: bool) -> Why:
    """Make step ``n`` (the move into picture span[n + 1]) bigger or smaller."""
    if bigger:
        return Why("Make the step bigger in picture {picture}.", span[n + 1] + 1)
    return Why("Make the step smaller in picture {picture}.", span[n + 1] + 1)


def _speeds_up(s: list[float], span: list[int], p: P, falls: bool) -> Verdict:
    """Steps that grow (``s`` may run backwards for slowing down, with ``span`` too)."""
    f, tol, grow = p["factor"], p["tolerance"], p["max_growth"]
    if s[-1] < f * s[0]:  # the end is not fast enough
        if falls:
            return Why("Make the steps bigger near the floor.", span[-1] + 1)
        return _step(span, len(s) - 1, True)
    stall = _first_stall(s, tol, grow)
    if stall is None:
        return True
    return _step(span, stall, s[stall] < tol * s[stall - 1])


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
def spacing(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    s = _steps(inks, p["axis"])
    pattern = p["pattern"]
    dy, dx = inks[-1].cy - inks[0].cy, inks[-1].cx - inks[0].cx
    falls, rises = dy > abs(dx), -dy > abs(dx)  # mostly down (to the floor) or up
    if pattern == "speeds_up":
        return _speeds_up(s, span, p, falls)
    if pattern == "slows_down":
        if rises and s[0] < p["factor"] * s[-1]:
            return Why("Make the steps smaller near the top.", span[-1] + 1)
        # read backwards, slowing down is speeding up: step n of the reversed steps is the
        # move into picture [span[0], span[-1], ..., span[1]][n + 1], as _step names it
        return _speeds_up(s[::-1], [span[0], *span[:0:-1]], p, False)
    if pattern == "slow_in_out":
        return _slow_in_out(project, s, span, p)
    return _even(project, s, span, inks, p)


def _slow_in_out(project: Project, s: list[float], span: list[int], p: P) -> Verdict:
    if len(s) < 3:  # a start, a middle and an end need 4 pictures
        return missing(project, p, span[0] + 4)
    tol, grow = p["tolerance"], p["max_growth"]
    if (s[0] + s[-1]) / 2 * p["factor"] > sum(s[1:-1]) / len(s[1:-1]):
        return _step(span, 0 if s[0] >= s[-1] else len(s) - 1, False)  # an end too fast
    peak = max(range(len(s)), key=lambda n: s[n])
    stall = _first_stall(s[:peak + 1], tol, grow)
    if stall is not None:
        return _step(span, stall, s[stall] < tol * s[stall - 1])
    back = s[peak:][::-1]
    stall = _first_stall(back, tol, grow)
    if stall is None:
        return True
    n = len(s) - 1 - stall  # the same step, counted from the start
    return _step(span, n, s[n] < tol * s[n + 1])


def _even(project: Project, s: list[float], span: list[int], inks: list[Ink], p: P) -> Verdict:
    small, big = min(s), max(s)
    spread = float(np.std(s) / np.mean(s)) if np.mean(s) > 0 else 1.0
    if (small > 0 and big <= p["max_spread"] * small) or spread <= 0.35:
        return True
    mid = median(s)
    n = max(range(len(s)), key=lambda k: abs(s[k] - mid))  # the step least like the others
    # where the picture goes with even steps from the first to the last picture
    t = (n + 1) / len(s)
    a, b, k = inks[0], inks[-1], inks[n + 1]
    x = a.cx + (b.cx - a.cx) * t if p["axis"] != "y" else k.cx
    y = a.cy + (b.cy - a.cy) * t if p["axis"] != "x" else k.cy
    return replace(_step(span, n, s[n] < mid), place=place(x / project.width, y / project.height))


def _turn_why(picture: int, angle: float, unturned: float, turned: float, p: P) -> Why | None:
    if abs(angle) < p["min_angle"]:
        return Why("Turn the drawing more in picture {picture}.", picture)
    if abs(angle) > p["max_angle"]:
        return Why("Turn the drawing less in picture {picture}.", picture)
    if not (turned <= 0.12 and turned <= 0.75 * unturned):  # the shapes do not match
        return Why("Keep the same shape in picture {picture}.", picture)
    return None


@check("turns", "The drawing turns round its middle between neighbouring pictures: each "
       "turn is min_angle..max_angle degrees, all the same way round, and the shapes match "
       "once turned (outlines are filled in first, sizes do not matter). loop = true also "
       "turns the last picture into the first.",
       **SEQ, min_angle=fraction(4.0, 0.0, 180.0), max_angle=fraction(28.0, 0.0, 180.0),
       loop=Param("bool", False), allow_misses=MISSES)
def turns(project: Project, events: Sequence[Event], p: P) -> Verdict:
    pairs = _neighbours(project, p)
    if not isinstance(pairs, list):
        return pairs
    angles: list[tuple[int, float]] = []
    bad: list[Why] = []
    for n, a, b in pairs:
        angle, unturned, turned = turn_between(a, b)
        why = _turn_why(n, angle, unturned, turned, p)
        if why is None:
            angles.append((n, angle))
        else:
            bad.append(why)
    if len(bad) > misses_allowed(p, len(pairs)):
        return bad[0]
    if not angles:
        return bad[0] if bad else False
    ways = [x > 0 for _, x in angles]
    if all(ways) or not any(ways):
        return True
    usual = sum(ways) * 2 >= len(ways)  # the way most pictures turn
    odd = next(n for (n, _), way in zip(angles, ways) if way != usual)
    return Why("Turn the drawing the same way in picture {picture}.", odd)


@check("loop_closes", "The loop joins up: the last picture leads back to the first like the "
       "other neighbours do (overlap within margin of theirs, centre jump at most max_jump x "
       "their median step) and is not just a copy of the first.",
       **SEQ, margin=fraction(0.2, 0.0, 1.0), max_jump=fraction(2.0, 0.0, 100.0),
       allow_repeat=Param("bool", False))
def loop_closes(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = span_inks(project, p, least=3)
    if not isinstance(found, tuple):
        return found
    span, inks = found
    last = span[-1] + 1
    sims = [similarity(a, b) for a, b in zip(inks, inks[1:])]
    seam = similarity(inks[-1], inks[0])
    if seam >= SAME and not p["allow_repeat"]:
        return Why("Change the drawing more in picture {picture}.", last)  # a copy of the first
    jump = _steps([inks[-1], inks[0]], "both")[0]
    limit = max(p["max_jump"] * median(_steps(inks, "both")), 0.02 * diagonal(project))
    return met_or(seam >= median(sims) - p["margin"] and jump <= limit,
                  Why("Make picture {picture} close to the first picture.", last,
                      centre(project, inks[0])))


@check("in_between", "Picture frame is in between pictures a and b: it overlaps each of them "
       "more than they overlap each other (outlines filled in; within margin), is no copy "
       "of either, its shape (how much of its "
       "box it fills) lies between theirs, its size lies between theirs (size_margin), and "
       "its centre is within max_shift (part of the diagonal) of theirs.",
       frame=frame(), a=frame(), b=frame(), size_margin=fraction(0.15, 0.0, 10.0),
       margin=fraction(0.04, 0.0, 1.0),
       max_shift=fraction(0.1, 0.0, 2.0), layer=LAYER)
def in_between(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = inks_at(project, p, ("frame", "a", "b"))
    if not isinstance(found, list):
        return found
    k, a, b = found
    picture = int(index(project, p["frame"]) or 0) + 1
    w, h = project.width, project.height
    middle = place((a.cx + b.cx) / 2 / w, (a.cy + b.cy) / 2 / h)
    mix = Why("Make picture {picture} a mix of the two shapes.", picture, middle)
    ends = filled_similarity(a, b)
    if ends >= 0.99:  # the key pictures are the same: nothing to be in between
        return Why("Change the drawing more in picture {picture}.",
                   int(index(project, p["b"]) or 0) + 1)
    to_a, to_b = filled_similarity(k, a), filled_similarity(k, b)
    if not (to_a > ends - p["margin"] and to_b > ends - p["margin"]):
        return mix
    if max(to_a, to_b) >= SAME_SHAPE and ends <= SAME:
        return mix  # a copy of one end (of two clearly different ends) is not in between
    lo_sq, hi_sq = sorted((squareness(a), squareness(b)))
    if not lo_sq - 0.03 <= squareness(k) <= hi_sq + 0.03:
        return mix
    lo, hi = sorted((a.size, b.size))
    if not lo * (1 - p["size_margin"]) <= k.size <= hi * (1 + p["size_margin"]):
        return _resize(project, k, picture, k.size < lo)
    limit = p["max_shift"] * diagonal(project)
    return met_or(all(float(np.hypot(k.cx - e.cx, k.cy - e.cy)) <= limit for e in (a, b)),
                  Why("Put the drawing in the same place in picture {picture}.", picture, middle))

"""The path a drawing travels over the pictures: an arc, as a thrown or kicked ball flies.

The centres of the main shape (features.ink) must go across the paper one way, rise to a
top that is inside the film (not its first or last picture) and fall again, on a curved
path: the top well away from the straight line between the first and last centres, and
each side bent outwards too (two straight lines meeting in a point is the mistake arcs
are taught against). Optionally the steps next to the top are smaller than the steps at
the ends (slow at the top, as in the bounce). Every "not yet" is a ``Why`` that names the
picture to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import median
from typing import Any

import numpy as np

from kadr.core.project import Project
from kadr.lessons.features import Ink, diagonal, ink
from kadr.lessons.frames import misses_allowed, sequence
from kadr.lessons.registry import LAYER, MISSES, Event, Param, check, fraction, frame
from kadr.lessons.why import Verdict, Why

P = dict[str, Any]
Pt = tuple[float, float]
Spot = Callable[[int], tuple[int, Pt]]  # a picture of the span -> its number and place


def _centre(k: Ink, project: Project) -> Pt:
    """The centre as parts of the paper (for a Why's place to pulse)."""
    return (k.cx / project.width, k.cy / project.height)


def _above(q: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """How far ``q`` is above the straight line through a and b (negative: below), measured
    square to the line, whichever way the line runs (y grows downwards)."""
    d = b - a
    length = float(np.hypot(*d))
    if length == 0.0:
        return 0.0
    below = float(d[0] * (q[1] - a[1]) - d[1] * (q[0] - a[0])) / length
    return -below if d[0] >= 0 else below


def _bulge(points: np.ndarray) -> float:
    """How far the inner points stand out above the line joining the first and the last
    point, as a part of that line's length."""
    a, b = points[0], points[-1]
    length = float(np.hypot(*(b - a)))
    if length == 0.0 or len(points) < 3:
        return 0.0
    return max(_above(q, a, b) for q in points[1:-1]) / length


@check("arc_path", "The centres of the drawing fly across the paper one way on a curve. "
       'part = "arc": they rise to a top and fall again; the top is at least top_from_ends '
       "pictures from either end and min_rise (part of the height) above both ends, and its "
       "distance from the straight line between the first and last centres is at least "
       'min_bend x that line\'s length. part = "rise" (or "fall"): they only go up to the '
       "last picture (or down from the first), by min_rise. Always: horizontal travel of "
       "min_travel (part of the width), each side bent outwards by min_side_bend x its own "
       "straight line (not two straight lines), no step longer than max_jump x the median "
       "step, and with slow_top the steps next to the top x slow_top are no bigger than the "
       "steps far from it (0 = not checked). back_tolerance: how far (part of the width, or "
       "of the height for up and down) a centre may wobble the wrong way.",
       first=frame(1), last=frame("last"), frames=Param("frames", None), layer=LAYER,
       part=Param("choice", "arc", ("arc", "rise", "fall")),
       direction=Param("choice", "horizontal", ("horizontal", "left", "right")),
       min_travel=fraction(0.4, 0.0, 1.0), min_rise=fraction(0.15, 0.0, 1.0),
       min_bend=fraction(0.2, 0.0, 10.0), min_side_bend=fraction(0.04, 0.0, 10.0),
       top_from_ends=Param("int", 2, low=1, high=100), slow_top=fraction(1.3, 0.0, 10.0),
       max_jump=fraction(3.0, 1.0, 100.0), min_step=fraction(0.01, 0.0, 1.0),
       back_tolerance=fraction(0.03, 0.0, 1.0), allow_misses=MISSES)
def arc_path(project: Project, events: Sequence[Event], p: P) -> Verdict:
    span = sequence(project, p)
    least = 5 if p["part"] == "arc" else 3
    if span is None or len(span) < least:
        return False
    inks = [ink(project, i, p["layer"]) for i in span]
    for i, k in zip(span, inks):
        if not k.present:
            return Why("Draw something in picture {picture}.", picture=i + 1)
    pts = np.array([(k.cx, k.cy) for k in inks])
    number = [i + 1 for i in span]  # picture numbers, as the child counts

    def spot(at: int) -> tuple[int, Pt]:
        """The picture number and the place of the ``at``-th picture of the span, for a Why
        that points there."""
        return number[at], _centre(inks[at], project)

    reason = _across(project, pts, p, spot)
    if reason is None:  # a Why is falsy: test for None, not truth
        reason = _shape(project, pts, p, spot)
    return True if reason is None else reason


def _across(project: Project, pts: np.ndarray, p: P, spot: Spot) -> Why | None:
    """The reason the centres do not go across one way in even-ish steps, or None."""
    w, d, n = project.width, diagonal(project), len(pts)
    travel = (pts[-1, 0] - pts[0, 0]) / w
    way = {"left": -1.0, "right": 1.0}.get(p["direction"], 1.0 if travel >= 0 else -1.0)
    if way * travel < p["min_travel"]:
        return Why("Move the drawing further across in picture {picture}.", *spot(n - 1))
    steps = np.hypot(*(pts[1:] - pts[:-1]).T) / d
    misses = []
    for s in range(n - 1):
        along = way * (pts[s + 1, 0] - pts[s, 0]) / w
        if along < -p["back_tolerance"]:
            return Why("Move the drawing on, not back, in picture {picture}.", *spot(s + 1))
        if along <= 0 or steps[s] < p["min_step"]:
            misses.append(s + 1)  # a stop, or a tiny step
    if len(misses) > misses_allowed(p, n - 1):
        return Why("Move the drawing on a little in picture {picture}.", *spot(misses[0]))
    typical = max(median(float(x) for x in steps), p["min_step"])
    for s in range(n - 1):
        if steps[s] > p["max_jump"] * typical:  # teleporting
            return Why("Make a smaller step in picture {picture}.", *spot(s + 1))
    return None


def _shape(project: Project, pts: np.ndarray, p: P, spot: Spot) -> Why | None:
    """The reason the centres do not rise and fall on a curve, or None."""
    h, n, part = project.height, len(pts), p["part"]
    ys = pts[:, 1]  # y grows downwards: the top is the smallest y
    wobble = p["back_tolerance"] * h
    if part == "arc":
        top = int(np.argmin(ys))
        ends = min(p["top_from_ends"], n // 2)
        rise = min(ys[0], ys[-1]) - ys[top]
        if not ends <= top <= n - 1 - ends or rise < p["min_rise"] * h:
            return Why("Make the drawing higher in the middle pictures.", *spot(n // 2))
    else:
        top = n - 1 if part == "rise" else 0
        rise = max(ys) - ys[top]
        if ys[top] > min(ys) + wobble or rise < p["min_rise"] * h:
            return Why("Make the drawing higher in picture {picture}.", *spot(top))
    for s in range(n - 1):
        dy = ys[s + 1] - ys[s]
        if (s < top and dy > wobble) or (s >= top and dy < -wobble):
            return Why("Make the path go up, then down, at picture {picture}.", *spot(s + 1))
    if part == "arc":
        chord = float(np.hypot(*(pts[-1] - pts[0])))
        if _above(pts[top], pts[0], pts[-1]) < p["min_bend"] * chord:
            return Why("Make the drawing higher in the middle pictures.", *spot(top))
    for start, stop in ((0, top + 1), (top, n)):
        if stop - start >= 3 and _bulge(pts[start:stop]) < p["min_side_bend"]:
            middle = (start + stop - 1) // 2
            return Why("Make the path round at picture {picture}, not pointed.", *spot(middle))
    if p["slow_top"] > 0:
        steps = np.hypot(*(pts[1:] - pts[:-1]).T)
        near = [steps[s] for s in (top - 1, top) if 0 <= s < n - 1]
        far = [steps[s] for s in (0, n - 2) if s not in (top - 1, top)] or [max(steps)]
        if np.mean(near) * p["slow_top"] > np.mean(far):
            return Why("Make the steps smaller near the top.", *spot(top))
    return None

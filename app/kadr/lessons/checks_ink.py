"""Checks about what is drawn and where: presence, size, position, floor, guides, colours.

Each returns True, or a Why naming the first picture that misses the goal and what to do
there (reasons.py gives the ones for pictures not made or not drawn yet).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import ndimage

from kadr.core.picture import as_array
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.lessons.features import (
    Ink,
    colour_mask,
    diagonal,
    filled,
    ink,
    layers_of,
    squareness,
    thick,
)
from kadr.lessons.frames import index, sequence
from kadr.lessons.guide import Guide, guide_mask
from kadr.lessons.reasons import centre, drawn, empty, inks_at, missing, moved
from kadr.lessons.registry import LAYER, LAYERS, Event, Param, check, fraction, frame
from kadr.lessons.why import Verdict, Why, met_or, place

P = dict[str, Any]
POINTS = ("centre", "top", "bottom", "left", "right", "tip")
OPT = fraction(None, 0.0, 10.0)  # an optional part of the canvas


def _span(project: Project, p: P) -> list[int] | Verdict:
    """The pictures first..last (last defaults to first), or why they are not there."""
    q = dict(p)
    if q.get("last") is None:
        q["last"] = q.get("first", 1)
    span = sequence(project, q)
    return missing(project, q) if span is None else span


def _drawn_span(project: Project, p: P) -> list[tuple[int, Ink]] | Verdict:
    """(picture, ink) for each of pictures first..last, or why one is missing or empty."""
    span = _span(project, p)
    if not isinstance(span, list):
        return span
    out = []
    for i in span:
        k = drawn(project, i, p["layer"])
        if isinstance(k, Why):
            return k
        out.append((i, k))
    return out


@check("frames_have_drawing", "Pictures first..last each have a drawing.",
       first=frame(1), last=frame(None), layer=LAYER, allow_misses=Param("int", 0, low=0))
def frames_have_drawing(project: Project, events: Sequence[Event], p: P) -> Verdict:
    span = _span(project, p)
    if not isinstance(span, list):
        return span
    blank = [i for i in span if not ink(project, i, p["layer"]).present]
    if len(blank) <= p["allow_misses"]:
        return True
    return empty(blank[0], p["layer"])


def ink_of(project: Project, p: P) -> tuple[int, Ink] | Verdict:
    """The picture (0-based) the check names and its drawn ink on the check's layer, or
    why there is none."""
    found = inks_at(project, p, ("frame",))
    if not isinstance(found, list):
        return found
    i = index(project, p["frame"])
    assert i is not None
    return i, found[0]


def _size_why(project: Project, k: Ink, p: P, picture: int) -> Why | None:
    """What to change about the size of drawing ``k``, or None when it fits the limits."""
    # the shape first: a round "closed mouth" needs flattening more than shrinking
    values = {"aspect": k.aspect, "height": k.height / project.height,
              "width": k.width / project.width}
    at = centre(project, k)
    for name, value in values.items():
        lo, hi = p[f"min_{name}"], p[f"max_{name}"]
        if name == "aspect":  # too tall for its width, or too flat
            if lo is not None and value < lo:
                return Why("Make the drawing flatter in picture {picture}.", picture, at)
            if hi is not None and value > hi:
                return Why("Make the drawing taller in picture {picture}.", picture, at)
        elif lo is not None and value < lo:
            return Why("Make the drawing bigger in picture {picture}.", picture, at)
        elif hi is not None and value > hi:
            return Why("Make the drawing smaller in picture {picture}.", picture, at)
    return None


@check("ink_size", "The drawing in a picture (or in each of pictures frame..last) is at "
       "least / at most this big (height is a part of the canvas height, width of the width).",
       frame=frame(), last=frame(None), layer=LAYER, min_height=OPT, max_height=OPT,
       min_width=OPT, max_width=OPT, min_aspect=OPT, max_aspect=OPT)
def ink_size(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = _drawn_span(project, {**p, "first": p["frame"]})
    if not isinstance(found, list):
        return found
    for i, k in found:
        why = _size_why(project, k, p, i + 1)
        if why is not None:
            return why
    return True


def point_of(k: Ink, which: str, pivot: tuple[float, float] = (0.5, 0.5)) -> tuple[float, float]:
    """A named point of the drawing in pixels: centre, top, bottom, left, right, or tip
    (the ink farthest from ``pivot``, given in pixels)."""
    if which == "top":
        return k.cx, float(k.box[1])
    if which == "bottom":
        return k.cx, float(k.box[3])
    if which == "left":
        return float(k.box[0]), k.cy
    if which == "right":
        return float(k.box[2]), k.cy
    if which == "tip":
        ys, xs = np.nonzero(k.mask)
        d = (xs - pivot[0]) ** 2 + (ys - pivot[1]) ** 2
        j = int(d.argmax())
        return float(xs[j]), float(ys[j])
    return k.cx, k.cy


def _into(value: float, lo: float | None, hi: float | None) -> float:
    """``value`` moved into lo..hi, a little inside (0 when it is in already)."""
    low = 0.0 if lo is None else lo
    high = max(low, 1.0 if hi is None else hi)
    inset = min(0.03, (high - low) / 4)
    if lo is not None and value < lo:
        return low + inset - value
    if hi is not None and value > hi:
        return high - inset - value
    return 0.0


def gap_to(mask: np.ndarray, x: float, y: float) -> float:
    """The distance in pixels from (x, y) to the nearest ink of ``mask``."""
    ys, xs = np.nonzero(mask)
    return float(np.sqrt(((xs - x) ** 2 + (ys - y) ** 2).min()))


@check("ink_position", "A point of the drawing (centre, top, bottom, left, right, or tip: the "
       "part farthest from pivot) lies inside min_x..max_x, min_y..max_y (parts of the canvas); "
       "with max_pivot_gap, the drawing also starts within that part of the diagonal of pivot.",
       frame=frame(), layer=LAYER, point=Param("choice", "centre", POINTS),
       pivot=Param("point", [0.5, 0.5]), min_x=OPT, max_x=OPT, min_y=OPT, max_y=OPT,
       max_pivot_gap=OPT)
def ink_position(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, k = found
    picture = i + 1
    pivot = (p["pivot"][0] * project.width, p["pivot"][1] * project.height)
    # the drawing starts at the pivot (an arm at the shoulder)
    if p["max_pivot_gap"] is not None and gap_to(k.mask, *pivot) > p["max_pivot_gap"] * diagonal(
            project):
        return Why("Start the drawing at the marked spot in picture {picture}.", picture, place(*p["pivot"]))
    x, y = point_of(k, p["point"], pivot)
    x, y = x / project.width, y / project.height
    dx, dy = _into(x, p["min_x"], p["max_x"]), _into(y, p["min_y"], p["max_y"])
    return met_or(dx == 0 and dy == 0, moved(dx, dy, picture, place(x + dx, y + dy)))


@check("on_floor", "The bottom of the drawing is within tolerance of the floor line "
       "(floor and tolerance are parts of the canvas height).",
       first=frame(1), last=frame(None), floor=fraction(low=0.0, high=1.0),
       tolerance=fraction(0.04, 0.0, 1.0), layer=LAYER, allow_misses=Param("int", 0, low=0))
def on_floor(project: Project, events: Sequence[Event], p: P) -> Verdict:
    span = _span(project, p)
    if not isinstance(span, list):
        return span
    floor, tol = p["floor"] * project.height, p["tolerance"] * project.height
    bad: list[Why] = []
    for i in span:
        k = drawn(project, i, p["layer"])
        if isinstance(k, Why):
            bad.append(k)
        elif abs(k.box[3] - floor) > tol:  # down (or up) until the bottom touches the floor
            dy = (floor - k.box[3]) / project.height
            bad.append(moved(0.0, dy, i + 1, place(k.cx / project.width,
                                                    k.cy / project.height + dy)))
    return True if len(bad) <= p["allow_misses"] else bad[0]


@check("off_floor", "The bottom of the drawing is at least min_gap above the floor line.",
       frame=frame(), floor=fraction(low=0.0, high=1.0), min_gap=fraction(0.08, 0.0, 1.0),
       layer=LAYER)
def off_floor(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, k = found
    picture = i + 1
    gap = p["floor"] * project.height - k.box[3]
    # the centre where the bottom would be high enough, a little higher still
    high = (p["floor"] - p["min_gap"] - 0.03) * project.height - k.height / 2
    there = place(k.cx / project.width, high / project.height)
    return met_or(gap >= p["min_gap"] * project.height,
                  Why("Make the drawing higher in picture {picture}.", picture, there))


@lru_cache(maxsize=16)
def _distance_to(guide: Guide, width: int, height: int, filled: bool) -> np.ndarray:
    """Distance in pixels from every pixel to the guide's outline (or its inside)."""
    return np.asarray(ndimage.distance_transform_edt(~guide_mask(guide, width, height, filled)))


@check("inside_guide", "Most ink (min_share) lies inside the guide shape, or within "
       "tolerance (a part of the canvas diagonal) of it.",
       first=frame(1), last=frame(None), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_share=fraction(0.9, 0.0, 1.0), layer=LAYER)
def inside_guide(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = _drawn_span(project, p)
    if not isinstance(found, list):
        return found
    dist = _distance_to(p["guide"], project.width, project.height, True)
    tol = p["tolerance"] * diagonal(project)
    for i, k in found:
        if np.count_nonzero(dist[k.mask] <= tol) < p["min_share"] * k.area:
            return Why("Draw inside the dotted shape in picture {picture}.", i + 1,
                       guide=p["guide"].id)
    return True


@check("traces_guide", "The drawing follows the guide's line: min_share of the ink is near "
       "the line and min_cover of the line has ink near it (within tolerance).",
       first=frame(1), last=frame(None), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_share=fraction(0.7, 0.0, 1.0), min_cover=fraction(0.5, 0.0, 1.0), layer=LAYER)
def traces_guide(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = _drawn_span(project, p)
    if not isinstance(found, list):
        return found
    w, h = project.width, project.height
    to_line = _distance_to(p["guide"], w, h, False)
    line = guide_mask(p["guide"], w, h, False)
    tol = p["tolerance"] * diagonal(project)
    for i, k in found:
        if np.count_nonzero(to_line[k.mask] <= tol) < p["min_share"] * k.area:
            return Why("Draw on the dotted line in picture {picture}.", i + 1, guide=p["guide"].id)
        to_ink = ndimage.distance_transform_edt(~k.mask)
        if np.count_nonzero(to_ink[line] <= tol) < p["min_cover"] * np.count_nonzero(line):
            return Why("Draw along the whole dotted line in picture {picture}.", i + 1, guide=p["guide"].id)
    return True


@check("feet_spread", "Width of the bottom quarter of the drawing divided by its height "
       "(legs apart: about 0.35 or more; legs together: about 0.25 or less).",
       frame=frame(), min=OPT, max=OPT, layer=LAYER)
def feet_spread(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, k = found
    picture = i + 1
    if k.height < 4:
        return Why("Make the drawing bigger in picture {picture}.", picture, centre(project, k))
    top = k.box[3] - max(1, k.height // 4)
    cols = np.flatnonzero(k.mask[top:k.box[3]].any(axis=0))
    spread = (cols[-1] - cols[0] + 1) / k.height if cols.size else 0.0
    if p["min"] is not None and spread < p["min"]:
        return Why("Put the legs wide apart in picture {picture}.", picture, centre(project, k))
    return met_or(p["max"] is None or spread <= p["max"],
                  Why("Put the legs close together in picture {picture}.", picture, centre(project, k)))


@check("colour_side", "The part drawn in one colour has its point (bottom, top or centre) on "
       "the left or right of the whole drawing's centre (e.g. the red foot is in front).",
       frame=frame(), colour=Param("colour"), side=Param("choice", choices=("left", "right")),
       point=Param("choice", "bottom", ("bottom", "top", "centre")),
       tolerance=Param("int", 60, low=1, high=255), layer=LAYER)
def colour_side(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, whole = found
    part = colour_mask(project, i, p["colour"], p["layer"], p["tolerance"]) & whole.mask
    if np.count_nonzero(part) < 20:
        return Why("Use {colour} in picture {picture}.", i + 1, centre(project, whole), colour=p["colour"])
    ys, xs = np.nonzero(part)
    if p["point"] == "bottom":
        x, y = float(xs[ys >= ys.max() - 2].mean()), float(ys.max())
    elif p["point"] == "top":
        x, y = float(xs[ys <= ys.min() + 2].mean()), float(ys.min())
    else:
        x, y = float(xs.mean()), float(ys.mean())
    ok = x > whole.cx if p["side"] == "right" else x < whole.cx
    there = place((2 * whole.cx - x) / project.width, y / project.height)  # the other side
    if ok:
        return True
    if p["side"] == "right":
        return Why("Move the {colour} part to the right in picture {picture}.", i + 1, there,
                   colour=p["colour"])
    return Why("Move the {colour} part to the left in picture {picture}.", i + 1, there,
               colour=p["colour"])


def _behind(tips: list[tuple[float, float]], follow: list[tuple[float, float]]) -> list[bool]:
    """For each picture: does the follower sit behind the tip, against the way it moved?"""
    out = []
    for n in range(len(tips)):
        mx, my = tips[n][0] - tips[n - 1][0], tips[n][1] - tips[n - 1][1]  # loops round
        fx, fy = follow[n][0] - tips[n][0], follow[n][1] - tips[n][1]
        moved_by, away = np.hypot(mx, my), np.hypot(fx, fy)
        # behind: against the hand's movement, not just a little to one side of it
        out.append(bool(moved_by > 0 and away > 0
                        and (mx * fx + my * fy) < -0.3 * moved_by * away))
    return out


@check("trails_behind", "Follow-through: on the follow layer, the drawing sits behind the tip "
       "of the lead layer's drawing (opposite to the way the tip moved) in min_count pictures; "
       "with max_gap it starts within that part of the diagonal of the tip, and with max_size "
       "it is no bigger than that (its box's diagonal).",
       first=frame(1), last=frame("last"), lead_layer=Param("choice", "drawing", LAYERS[1:]),
       follow_layer=Param("choice", "front", LAYERS[1:]), pivot=Param("point", [0.5, 0.5]),
       min_count=Param("int", 3, low=1), max_gap=fraction(None, 0.0, 2.0),
       max_size=fraction(None, 0.0, 2.0))
def trails_behind(project: Project, events: Sequence[Event], p: P) -> Verdict:
    span = sequence(project, p)
    if span is None or len(span) < 2:
        return missing(project, p, (span or [0])[0] + 2)
    w, h, d = project.width, project.height, diagonal(project)
    pivot = (p["pivot"][0] * w, p["pivot"][1] * h)
    tips, follow = [], []
    for i in span:
        lead, tail = drawn(project, i, p["lead_layer"]), drawn(project, i, p["follow_layer"])
        if isinstance(lead, Why):
            return lead
        if isinstance(tail, Why):
            return tail
        tip = point_of(lead, "tip", pivot)
        tips.append(tip)
        follow.append((tail.cx, tail.cy))
        if p["max_size"] is not None and np.hypot(tail.width, tail.height) > p["max_size"] * d:
            # not a flag: it covers the picture
            return Why("Make the drawing smaller in picture {picture}.", i + 1,
                       centre(project, tail))
        if p["max_gap"] is not None and gap_to(tail.mask, *tip) > p["max_gap"] * d:
            # the flag is held: it starts at the hand
            return Why("Make the new part touch the drawing in picture {picture}.", i + 1,
                       place(tip[0] / w, tip[1] / h))
    behind = _behind(tips, follow)
    if sum(behind) >= p["min_count"]:
        return True
    if all(behind):  # every picture is right, there are just not enough of them
        return missing(project, p, span[0] + p["min_count"])
    n = behind.index(False)
    (tx, ty), (px, py) = tips[n], tips[n - 1]
    step = max(float(np.hypot(tx - px, ty - py)), 1.0)
    reach = 0.08 * d  # a flag's length behind the tip, against the way it moved
    return Why("Put the drawing on the other side in picture {picture}.", span[n] + 1,
               place((tx - (tx - px) / step * reach) / w, (ty - (ty - py) / step * reach) / h))


def _image(project: Project, index: int, layer: str) -> np.ndarray:
    """Un-premultiplied RGB (float) of one picture's drawing."""
    arr = as_array(Renderer(project).drawing(index, layers_of(layer))).astype(np.float32)
    alpha = arr[:, :, 3]
    return np.asarray(arr[:, :, 2::-1] * (255.0 / np.maximum(alpha, 1.0))[:, :, None])


@check("has_details", "The drawing has parts inside its outline (eyes and a mouth in a "
       "face), not only an outline or one coloured-in shape: edges inside the middle of the "
       "shape are at least min_edges x its size.",
       frame=frame(), min_edges=fraction(0.5, 0.0, 100.0), layer=LAYER)
def has_details(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, k = found
    shape = filled(k)
    size = float(np.sqrt(np.count_nonzero(shape)))
    inner = ndimage.distance_transform_edt(shape) > 0.12 * size
    rgb = _image(project, i, p["layer"])
    m = k.mask
    edge = np.zeros_like(m)
    for axis in (0, 1):
        a = [slice(None), slice(None)]
        b = [slice(None), slice(None)]
        a[axis], b[axis] = slice(1, None), slice(None, -1)
        ta, tb = tuple(a), tuple(b)
        differs = (m[ta] != m[tb]) | (m[ta] & m[tb] & (np.abs(rgb[ta] - rgb[tb]).max(axis=2) > 60))
        edge[ta] |= differs
    return met_or(bool(np.count_nonzero(edge & inner) >= p["min_edges"] * size),
                  Why("Draw more inside the drawing in picture {picture}.", i + 1, centre(project, k)))


def _before_after(project: Project, p: P) -> tuple[int, Ink, Ink] | Verdict:
    """Picture ``frame`` (0-based) and the drawn inks of ``frame`` and of ``to``, the
    picture it changes."""
    inks = inks_at(project, p, ("frame", "to"))
    if not isinstance(inks, list):
        return inks
    i = index(project, p["frame"])
    assert i is not None
    return i, inks[0], inks[1]


@check("redrawn_inside", "Picture frame is picture to with a part rubbed out and drawn again "
       "inside the guide (e.g. closed eyes): ink removed and ink added (or drawn over in "
       "another colour) (parts of the canvas), "
       "the new ink spanning min_spread of the guide's width, at most max_height high, and "
       "nothing changed outside the guide (within tolerance).",
       frame=frame(), to=frame(), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_removed=fraction(0.0003, 0.0, 1.0), min_added=fraction(0.0003, 0.0, 1.0),
       min_spread=fraction(0.45, 0.0, 1.0), max_height=OPT, max_outside=fraction(0.15, 0.0, 1.0),
       layer=LAYER)
def redrawn_inside(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = _before_after(project, p)
    if not isinstance(found, tuple):
        return found
    i, new, old = found
    j = index(project, p["to"])
    assert j is not None
    guide = p["guide"]
    picture, shape = i + 1, guide.id
    removed = old.mask & ~thick(new)
    both = old.mask & new.mask  # drawn over in another colour counts as new ink too
    recoloured = both & (np.abs(_image(project, i, p["layer"]) - _image(project, j, p["layer"]))
                         .max(axis=2) > 80)
    added = new.mask & (~thick(old) | recoloured)
    canvas = project.width * project.height
    if np.count_nonzero(removed) < p["min_removed"] * canvas:
        return Why("Rub out inside the dotted shape in picture {picture}.", picture, guide=shape)
    if np.count_nonzero(added) < p["min_added"] * canvas:
        return Why("Draw again inside the dotted shape in picture {picture}.", picture,
                   guide=shape)
    dist = _distance_to(guide, project.width, project.height, True)
    tol = p["tolerance"] * diagonal(project)
    changed = removed | added
    if np.count_nonzero(changed & (dist > tol)) > p["max_outside"] * np.count_nonzero(changed):
        return Why("Change only inside the dotted shape in picture {picture}.", picture,
                   guide=shape)
    cols = np.flatnonzero(guide_mask(guide, project.width, project.height, True).any(axis=0))
    width = float(cols[-1] - cols[0] + 1) if cols.size else float(project.width)
    xs = np.flatnonzero(added.any(axis=0))
    if xs[-1] - xs[0] + 1 < p["min_spread"] * width:
        return Why("Change all of the dotted shape in picture {picture}.", picture, guide=shape)
    ys = np.flatnonzero(added.any(axis=1))
    flat = p["max_height"] is None or (ys[-1] - ys[0] + 1) <= p["max_height"] * project.height
    return met_or(flat, Why("Draw flat lines in the dotted shape in picture {picture}.", picture,
                            guide=shape))


@check("added_ink", "Picture frame is picture to with something added: new ink of at least "
       "min_area (part of the canvas), touching the old drawing (within max_gap, a part of "
       "the diagonal), and for where = top its middle in the top part of the whole drawing.",
       frame=frame(), to=frame(), min_area=fraction(0.002, 0.0, 1.0),
       where=Param("choice", "any", ("any", "top")), part=fraction(0.4, 0.0, 1.0),
       max_gap=fraction(0.05, 0.0, 2.0), layer=LAYER)
def added_ink(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = _before_after(project, p)
    if not isinstance(found, tuple):
        return found
    i, new, old = found
    w, h = project.width, project.height
    top = place(old.cx / w, old.box[1] / h)  # where an added top part goes
    there = top if p["where"] == "top" else centre(project, old)
    added = new.mask & ~thick(old)
    if np.count_nonzero(added) < p["min_area"] * w * h:
        return Why("Add something to the drawing in picture {picture}.", i + 1, there)
    ys, xs = np.nonzero(added)
    x0, y0, x1, y1 = old.box
    gap = np.hypot(np.maximum(0, np.maximum(x0 - xs, xs - x1)),
                   np.maximum(0, np.maximum(y0 - ys, ys - y1))).min()
    if gap > p["max_gap"] * diagonal(project):
        return Why("Make the new part touch the drawing in picture {picture}.", i + 1, there)
    if p["where"] == "top":
        return met_or(bool(ys.mean() <= new.box[1] + p["part"] * new.height),
                      Why("Put the new part on top in picture {picture}.", i + 1, top))
    return True


@check("shape_is", "The drawing (its outline filled in) is a circle or a square: how much "
       "of its box it covers (a circle about 0.78, a square 0.9 or more, a triangle 0.5) and "
       "its width about equal to its height.",
       frame=frame(), shape=Param("choice", choices=("circle", "square")),
       min_aspect=fraction(0.75, 0.0, 10.0), max_aspect=fraction(1.33, 0.0, 10.0),
       layer=LAYER)
def shape_is(project: Project, events: Sequence[Event], p: P) -> Verdict:
    found = ink_of(project, p)
    if not isinstance(found, tuple):
        return found
    i, k = found
    picture = i + 1
    at = centre(project, k)
    why = (Why("Draw a circle in picture {picture}.", picture, at) if p["shape"] == "circle"
           else Why("Draw a square in picture {picture}.", picture, at))
    if not p["min_aspect"] <= k.aspect <= p["max_aspect"]:
        return why
    fill = squareness(k)
    return met_or(bool(0.68 <= fill <= 0.86) if p["shape"] == "circle" else bool(fill >= 0.88),
                  why)

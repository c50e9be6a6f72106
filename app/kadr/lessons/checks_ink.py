"""Checks about what is drawn and where: presence, size, position, floor, guides, colours."""

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
from kadr.lessons.registry import LAYER, LAYERS, Event, Param, check, fraction, frame

P = dict[str, Any]
POINTS = ("centre", "top", "bottom", "left", "right", "tip")
OPT = fraction(None, 0.0, 10.0)  # an optional part of the canvas


def _span(project: Project, p: P) -> list[int] | None:
    q = dict(p)
    if q.get("last") is None:
        q["last"] = q.get("first", 1)
    return sequence(project, q)


@check("frames_have_drawing", "Pictures first..last each have a drawing.",
       first=frame(1), last=frame(None), layer=LAYER, allow_misses=Param("int", 0, low=0))
def frames_have_drawing(project: Project, events: Sequence[Event], p: P) -> bool:
    span = _span(project, p)
    if span is None:
        return False
    empty = sum(not ink(project, i, p["layer"]).present for i in span)
    return bool(empty <= p["allow_misses"])


def ink_of(project: Project, p: P) -> Ink | None:
    """The ink of the picture and layer the check names, or None when there is none."""
    i = index(project, p["frame"])
    if i is None:
        return None
    k = ink(project, i, p["layer"])
    return k if k.present else None


@check("ink_size", "The drawing in a picture (or in each of pictures frame..last) is at "
       "least / at most this big (height is a part of the canvas height, width of the width).",
       frame=frame(), last=frame(None), layer=LAYER, min_height=OPT, max_height=OPT,
       min_width=OPT, max_width=OPT, min_aspect=OPT, max_aspect=OPT)
def ink_size(project: Project, events: Sequence[Event], p: P) -> bool:
    span = _span(project, {**p, "first": p["frame"]})
    if span is None:
        return False
    for i in span:
        k = ink(project, i, p["layer"])
        if not k.present:
            return False
        values = {"height": k.height / project.height, "width": k.width / project.width,
                  "aspect": k.aspect}
        for name, value in values.items():
            lo, hi = p[f"min_{name}"], p[f"max_{name}"]
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
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


@check("ink_position", "A point of the drawing (centre, top, bottom, left, right, or tip: the "
       "part farthest from pivot) lies inside min_x..max_x, min_y..max_y (parts of the canvas); "
       "with max_pivot_gap, the drawing also starts within that part of the diagonal of pivot.",
       frame=frame(), layer=LAYER, point=Param("choice", "centre", POINTS),
       pivot=Param("point", [0.5, 0.5]), min_x=OPT, max_x=OPT, min_y=OPT, max_y=OPT,
       max_pivot_gap=OPT)
def ink_position(project: Project, events: Sequence[Event], p: P) -> bool:
    k = ink_of(project, p)
    if k is None:
        return False
    pivot = (p["pivot"][0] * project.width, p["pivot"][1] * project.height)
    if p["max_pivot_gap"] is not None:  # the drawing starts at the pivot (an arm at the shoulder)
        ys, xs = np.nonzero(k.mask)
        gap = float(np.sqrt(((xs - pivot[0]) ** 2 + (ys - pivot[1]) ** 2).min()))
        if gap > p["max_pivot_gap"] * diagonal(project):
            return False
    x, y = point_of(k, p["point"], pivot)
    x, y = x / project.width, y / project.height
    lo_x, hi_x = p["min_x"], p["max_x"]
    lo_y, hi_y = p["min_y"], p["max_y"]
    return not ((lo_x is not None and x < lo_x) or (hi_x is not None and x > hi_x)
                or (lo_y is not None and y < lo_y) or (hi_y is not None and y > hi_y))


@check("on_floor", "The bottom of the drawing is within tolerance of the floor line "
       "(floor and tolerance are parts of the canvas height).",
       first=frame(1), last=frame(None), floor=fraction(low=0.0, high=1.0),
       tolerance=fraction(0.04, 0.0, 1.0), layer=LAYER, allow_misses=Param("int", 0, low=0))
def on_floor(project: Project, events: Sequence[Event], p: P) -> bool:
    span = _span(project, p)
    if span is None:
        return False
    floor, tol = p["floor"] * project.height, p["tolerance"] * project.height
    bad = 0
    for i in span:
        k = ink(project, i, p["layer"])
        bad += not (k.present and abs(k.box[3] - floor) <= tol)
    return bool(bad <= p["allow_misses"])


@check("off_floor", "The bottom of the drawing is at least min_gap above the floor line.",
       frame=frame(), floor=fraction(low=0.0, high=1.0), min_gap=fraction(0.08, 0.0, 1.0),
       layer=LAYER)
def off_floor(project: Project, events: Sequence[Event], p: P) -> bool:
    i = index(project, p["frame"])
    if i is None:
        return False
    k = ink(project, i, p["layer"])
    return k.present and (p["floor"] * project.height - k.box[3]) >= p["min_gap"] * project.height


@lru_cache(maxsize=16)
def _distance_to(guide: Guide, width: int, height: int, filled: bool) -> np.ndarray:
    """Distance in pixels from every pixel to the guide's outline (or its inside)."""
    return np.asarray(ndimage.distance_transform_edt(~guide_mask(guide, width, height, filled)))


@check("inside_guide", "Most ink (min_share) lies inside the guide shape, or within "
       "tolerance (a part of the canvas diagonal) of it.",
       first=frame(1), last=frame(None), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_share=fraction(0.9, 0.0, 1.0), layer=LAYER)
def inside_guide(project: Project, events: Sequence[Event], p: P) -> bool:
    span = _span(project, p)
    if span is None:
        return False
    dist = _distance_to(p["guide"], project.width, project.height, True)
    tol = p["tolerance"] * diagonal(project)
    for i in span:
        k = ink(project, i, p["layer"])
        if not k.present or np.count_nonzero(dist[k.mask] <= tol) < p["min_share"] * k.area:
            return False
    return True


@check("traces_guide", "The drawing follows the guide's line: min_share of the ink is near "
       "the line and min_cover of the line has ink near it (within tolerance).",
       first=frame(1), last=frame(None), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_share=fraction(0.7, 0.0, 1.0), min_cover=fraction(0.5, 0.0, 1.0), layer=LAYER)
def traces_guide(project: Project, events: Sequence[Event], p: P) -> bool:
    span = _span(project, p)
    if span is None:
        return False
    w, h = project.width, project.height
    to_line = _distance_to(p["guide"], w, h, False)
    line = guide_mask(p["guide"], w, h, False)
    tol = p["tolerance"] * diagonal(project)
    for i in span:
        k = ink(project, i, p["layer"])
        if not k.present:
            return False
        if np.count_nonzero(to_line[k.mask] <= tol) < p["min_share"] * k.area:
            return False
        to_ink = ndimage.distance_transform_edt(~k.mask)
        if np.count_nonzero(to_ink[line] <= tol) < p["min_cover"] * np.count_nonzero(line):
            return False
    return True


@check("feet_spread", "Width of the bottom quarter of the drawing divided by its height "
       "(legs apart: about 0.35 or more; legs together: about 0.25 or less).",
       frame=frame(), min=OPT, max=OPT, layer=LAYER)
def feet_spread(project: Project, events: Sequence[Event], p: P) -> bool:
    i = index(project, p["frame"])
    if i is None:
        return False
    k = ink(project, i, p["layer"])
    if not k.present or k.height < 4:
        return False
    top = k.box[3] - max(1, k.height // 4)
    cols = np.flatnonzero(k.mask[top:k.box[3]].any(axis=0))
    spread = (cols[-1] - cols[0] + 1) / k.height if cols.size else 0.0
    return not ((p["min"] is not None and spread < p["min"])
                or (p["max"] is not None and spread > p["max"]))


@check("colour_side", "The part drawn in one colour has its point (bottom, top or centre) on "
       "the left or right of the whole drawing's centre (e.g. the red foot is in front).",
       frame=frame(), colour=Param("colour"), side=Param("choice", choices=("left", "right")),
       point=Param("choice", "bottom", ("bottom", "top", "centre")),
       tolerance=Param("int", 60, low=1, high=255), layer=LAYER)
def colour_side(project: Project, events: Sequence[Event], p: P) -> bool:
    i = index(project, p["frame"])
    if i is None:
        return False
    whole = ink(project, i, p["layer"])
    part = colour_mask(project, i, p["colour"], p["layer"], p["tolerance"]) & whole.mask
    if not whole.present or np.count_nonzero(part) < 20:
        return False
    ys, xs = np.nonzero(part)
    if p["point"] == "bottom":
        x = float(xs[ys >= ys.max() - 2].mean())
    elif p["point"] == "top":
        x = float(xs[ys <= ys.min() + 2].mean())
    else:
        x = float(xs.mean())
    return x > whole.cx if p["side"] == "right" else x < whole.cx


@check("trails_behind", "Follow-through: on the follow layer, the drawing sits behind the tip "
       "of the lead layer's drawing (opposite to the way the tip moved) in min_count pictures; "
       "with max_gap it starts within that part of the diagonal of the tip, and with max_size "
       "it is no bigger than that (its box's diagonal).",
       first=frame(1), last=frame("last"), lead_layer=Param("choice", "drawing", LAYERS[1:]),
       follow_layer=Param("choice", "front", LAYERS[1:]), pivot=Param("point", [0.5, 0.5]),
       min_count=Param("int", 3, low=1), max_gap=fraction(None, 0.0, 2.0),
       max_size=fraction(None, 0.0, 2.0))
def trails_behind(project: Project, events: Sequence[Event], p: P) -> bool:
    span = sequence(project, p)
    if span is None or len(span) < 2:
        return False
    pivot = (p["pivot"][0] * project.width, p["pivot"][1] * project.height)
    tips, follow = [], []
    for i in span:
        lead, tail = ink(project, i, p["lead_layer"]), ink(project, i, p["follow_layer"])
        if not lead.present or not tail.present:
            return False
        tip = point_of(lead, "tip", pivot)
        tips.append(tip)
        follow.append((tail.cx, tail.cy))
        d = diagonal(project)
        if p["max_size"] is not None and np.hypot(tail.width, tail.height) > p["max_size"] * d:
            return False  # not a flag: it covers the picture
        if p["max_gap"] is not None:  # the flag is held: it starts at the hand
            ys, xs = np.nonzero(tail.mask)
            if np.sqrt(((xs - tip[0]) ** 2 + (ys - tip[1]) ** 2).min()) > p["max_gap"] * d:
                return False
    good = 0
    for n in range(len(span)):
        mx, my = tips[n][0] - tips[n - 1][0], tips[n][1] - tips[n - 1][1]  # loops round
        fx, fy = follow[n][0] - tips[n][0], follow[n][1] - tips[n][1]
        moved, away = np.hypot(mx, my), np.hypot(fx, fy)
        # behind: against the hand's movement, not just a little to one side of it
        good += moved > 0 and away > 0 and (mx * fx + my * fy) < -0.3 * moved * away
    return bool(good >= p["min_count"])


def _image(project: Project, index: int, layer: str) -> np.ndarray:
    """Un-premultiplied RGB (float) of one picture's drawing."""
    arr = as_array(Renderer(project).drawing(index, layers_of(layer))).astype(np.float32)
    alpha = arr[:, :, 3]
    return np.asarray(arr[:, :, 2::-1] * (255.0 / np.maximum(alpha, 1.0))[:, :, None])


@check("has_details", "The drawing has parts inside its outline (eyes and a mouth in a "
       "face), not only an outline or one coloured-in shape: edges inside the middle of the "
       "shape are at least min_edges x its size.",
       frame=frame(), min_edges=fraction(0.5, 0.0, 100.0), layer=LAYER)
def has_details(project: Project, events: Sequence[Event], p: P) -> bool:
    k = ink_of(project, p)
    if k is None:
        return False
    i = index(project, p["frame"])
    assert i is not None
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
    return bool(np.count_nonzero(edge & inner) >= p["min_edges"] * size)


@check("redrawn_inside", "Picture frame is picture to with a part rubbed out and drawn again "
       "inside the guide (e.g. closed eyes): ink removed and ink added (or drawn over in "
       "another colour) (parts of the canvas), "
       "the new ink spanning min_spread of the guide's width, at most max_height high, and "
       "nothing changed outside the guide (within tolerance).",
       frame=frame(), to=frame(), guide=Param("guide"), tolerance=fraction(0.03, 0.0, 1.0),
       min_removed=fraction(0.0003, 0.0, 1.0), min_added=fraction(0.0003, 0.0, 1.0),
       min_spread=fraction(0.45, 0.0, 1.0), max_height=OPT, max_outside=fraction(0.15, 0.0, 1.0),
       layer=LAYER)
def redrawn_inside(project: Project, events: Sequence[Event], p: P) -> bool:
    i, j = index(project, p["frame"]), index(project, p["to"])
    if i is None or j is None:
        return False
    new, old = ink(project, i, p["layer"]), ink(project, j, p["layer"])
    if not new.present or not old.present:
        return False
    removed = old.mask & ~thick(new)
    both = old.mask & new.mask  # drawn over in another colour counts as new ink too
    recoloured = both & (np.abs(_image(project, i, p["layer"]) - _image(project, j, p["layer"]))
                         .max(axis=2) > 80)
    added = new.mask & (~thick(old) | recoloured)
    canvas = project.width * project.height
    n_removed, n_added = np.count_nonzero(removed), np.count_nonzero(added)
    if n_removed < p["min_removed"] * canvas or n_added < p["min_added"] * canvas:
        return False
    guide = p["guide"]
    dist = _distance_to(guide, project.width, project.height, True)
    tol = p["tolerance"] * diagonal(project)
    changed = removed | added
    if np.count_nonzero(changed & (dist > tol)) > p["max_outside"] * np.count_nonzero(changed):
        return False
    cols = np.flatnonzero(guide_mask(guide, project.width, project.height, True).any(axis=0))
    width = float(cols[-1] - cols[0] + 1) if cols.size else float(project.width)
    xs = np.flatnonzero(added.any(axis=0))
    if xs[-1] - xs[0] + 1 < p["min_spread"] * width:
        return False
    ys = np.flatnonzero(added.any(axis=1))
    return p["max_height"] is None or (ys[-1] - ys[0] + 1) <= p["max_height"] * project.height


@check("added_ink", "Picture frame is picture to with something added: new ink of at least "
       "min_area (part of the canvas), touching the old drawing (within max_gap, a part of "
       "the diagonal), and for where = top its middle in the top part of the whole drawing.",
       frame=frame(), to=frame(), min_area=fraction(0.002, 0.0, 1.0),
       where=Param("choice", "any", ("any", "top")), part=fraction(0.4, 0.0, 1.0),
       max_gap=fraction(0.05, 0.0, 2.0), layer=LAYER)
def added_ink(project: Project, events: Sequence[Event], p: P) -> bool:
    i, j = index(project, p["frame"]), index(project, p["to"])
    if i is None or j is None:
        return False
    new, old = ink(project, i, p["layer"]), ink(project, j, p["layer"])
    if not new.present or not old.present:
        return False
    added = new.mask & ~thick(old)
    if np.count_nonzero(added) < p["min_area"] * project.width * project.height:
        return False
    ys, xs = np.nonzero(added)
    x0, y0, x1, y1 = old.box
    gap = np.hypot(np.maximum(0, np.maximum(x0 - xs, xs - x1)),
                   np.maximum(0, np.maximum(y0 - ys, ys - y1))).min()
    if gap > p["max_gap"] * diagonal(project):
        return False
    if p["where"] == "top":
        return bool(ys.mean() <= new.box[1] + p["part"] * new.height)
    return True


@check("shape_is", "The drawing (its outline filled in) is a circle or a square: how much "
       "of its box it covers (a circle about 0.78, a square 0.9 or more, a triangle 0.5) and "
       "its width about equal to its height.",
       frame=frame(), shape=Param("choice", choices=("circle", "square")),
       min_aspect=fraction(0.75, 0.0, 10.0), max_aspect=fraction(1.33, 0.0, 10.0),
       layer=LAYER)
def shape_is(project: Project, events: Sequence[Event], p: P) -> bool:
    k = ink_of(project, p)
    if k is None or not p["min_aspect"] <= k.aspect <= p["max_aspect"]:
        return False
    fill = squareness(k)
    return bool(0.68 <= fill <= 0.86) if p["shape"] == "circle" else bool(fill >= 0.88)

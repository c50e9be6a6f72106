"""Checks about what is drawn and where: presence, size, position, floor, guides, colours."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import ndimage

from kadr.core.project import Project
from kadr.lessons.features import Ink, colour_mask, diagonal, ink
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


@check("ink_size", "The drawing in a picture is at least / at most this big "
       "(height is a part of the canvas height, width of the width).",
       frame=frame(), layer=LAYER, min_height=OPT, max_height=OPT, min_width=OPT,
       max_width=OPT, min_aspect=OPT, max_aspect=OPT)
def ink_size(project: Project, events: Sequence[Event], p: P) -> bool:
    k = ink_of(project, p)
    if k is None:
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
       "part farthest from pivot) lies inside min_x..max_x, min_y..max_y (parts of the canvas).",
       frame=frame(), layer=LAYER, point=Param("choice", "centre", POINTS),
       pivot=Param("point", [0.5, 0.5]), min_x=OPT, max_x=OPT, min_y=OPT, max_y=OPT)
def ink_position(project: Project, events: Sequence[Event], p: P) -> bool:
    k = ink_of(project, p)
    if k is None:
        return False
    pivot = (p["pivot"][0] * project.width, p["pivot"][1] * project.height)
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
       "of the lead layer's drawing (opposite to the way the tip moved) in min_count pictures.",
       first=frame(1), last=frame("last"), lead_layer=Param("choice", "drawing", LAYERS[1:]),
       follow_layer=Param("choice", "front", LAYERS[1:]), pivot=Param("point", [0.5, 0.5]),
       min_count=Param("int", 3, low=1))
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
        tips.append(point_of(lead, "tip", pivot))
        follow.append((tail.cx, tail.cy))
    good = 0
    for n in range(len(span)):
        mx, my = tips[n][0] - tips[n - 1][0], tips[n][1] - tips[n - 1][1]  # loops round
        fx, fy = follow[n][0] - tips[n][0], follow[n][1] - tips[n][1]
        good += (mx * fx + my * fy) < 0
    return bool(good >= p["min_count"])

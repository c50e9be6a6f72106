"""The inks a check measures, or the first reason it cannot measure them yet.

Shared by checks_ink.py and checks_motion.py. Each helper gives the measured ink(s) of the
pictures a check names, or the ``Why`` that stops the check first: a picture the film does
not have yet ("Make 5 pictures.") or the first picture with nothing drawn ("Draw something
in picture 3.").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kadr.core.project import Project
from kadr.lessons.features import Ink, ink
from kadr.lessons.frames import index, sequence
from kadr.lessons.why import Point, Verdict, Why, place

P = dict[str, Any]
PICTURE_KEYS = ("frame", "first", "last", "to", "ref", "a", "b")


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def missing(project: Project, p: P, least: int = 0) -> Verdict:
    """"Make N pictures." when the check names a picture the film has not got (or needs
    ``least`` pictures); plain False when the parameters themselves make no sense."""
    wanted = [n for key in PICTURE_KEYS if (n := _number(p.get(key))) is not None]
    listed = p.get("frames")
    if isinstance(listed, list):
        wanted += [n for v in listed if (n := _number(v)) is not None]
    count = max([least, *wanted])
    return Why("Make {count} pictures.", count=count) if count > len(project.frames) else False


def empty(i: int, layer: str) -> Why:
    """Nothing drawn in picture ``i`` (0-based) on ``layer``."""
    if layer == "front":
        return Why("Draw something in front in picture {picture}.", i + 1)
    return Why("Draw something in picture {picture}.", i + 1)


def drawn(project: Project, i: int, layer: str) -> Ink | Why:
    """The ink of picture ``i``, or the Why that asks for a drawing there."""
    k = ink(project, i, layer)
    return k if k.present else empty(i, layer)


def inks_at(project: Project, p: P, keys: Sequence[str], layer: str | None = None
            ) -> list[Ink] | Verdict:
    """The drawn inks of the pictures named by ``keys`` (e.g. "frame", "to"), in order."""
    ids = [index(project, p[k]) for k in keys]
    out: list[Ink] = []
    for i in ids:
        if i is None:
            return missing(project, p)
        k = drawn(project, i, layer or p["layer"])
        if isinstance(k, Why):
            return k
        out.append(k)
    return out


def span_inks(project: Project, p: P, least: int = 2) -> tuple[list[int], list[Ink]] | Verdict:
    """The pictures of a sequence check (``first``..``last`` or ``frames``) and their drawn
    inks, at least ``least`` of them."""
    span = sequence(project, p)
    if span is None:
        return missing(project, p)
    if len(span) < least:
        return missing(project, p, span[0] + least if span else least)
    inks = []
    for i in span:
        k = drawn(project, i, p["layer"])
        if isinstance(k, Why):
            return k
        inks.append(k)
    return span, inks


def centre(project: Project, k: Ink) -> Point:
    """Where the drawing is, as a place on the paper."""
    return place(k.cx / project.width, k.cy / project.height)


def moved(dx: float, dy: float, picture: int, where: Point | None = None) -> Why:
    """The Why for "move the drawing by (dx, dy)" (parts of the canvas; y grows downwards):
    the bigger of the two, in the words the lessons use (lower, higher, left, right)."""
    if abs(dy) >= abs(dx):
        if dy > 0:
            return Why("Make the drawing lower in picture {picture}.", picture, where)
        return Why("Make the drawing higher in picture {picture}.", picture, where)
    if dx > 0:
        return Why("Move the drawing to the right in picture {picture}.", picture, where)
    return Why("Move the drawing to the left in picture {picture}.", picture, where)

"""A judged corpus of children's films for every shipped lesson, made in code.

Every film is drawn through Kadr's own tools (brush, eraser, fill bucket, copy and add
picture, "stay longer"), with a seeded random hand: wobbly lines, uneven spacing, outline
or coloured-in shapes, extra ground lines and stray dashes. For each lesson:

* ``good``: films an animation teacher would accept; each must finish the lesson.
* ``wrong``: films she would reject, each for one step (``Film.target``): not moving,
  constant speed, teleporting, wrong shape, wrong place, praise too early.
* ``junk``: seeded scribbles across the paper, empty pictures and one giant filled
  rectangle, judged against every step that looks at the drawing.

Nothing is random between runs: the same seed gives the same film.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from kadr.core.paint import PenEvent
from kadr.core.project import Project, blank_project
from kadr.core.tools import ToolSession, ToolState, clear_picture
from kadr.lessons.library import shipped_lessons_dir
from kadr.lessons.model import Lesson, load_lesson

W, H = 640, 480
FLOOR = 408.0  # 0.85 of the height
BLACK, RED, BLUE, GREEN = "#000000", "#e6194b", "#4363d8", "#3cb44b"
YELLOW, ORANGE, BROWN, LIME, SKIN = "#ffe119", "#f58231", "#8b4513", "#bfef45", "#ffd8b1"
Pt = tuple[float, float]


@dataclass
class Film:
    name: str
    project: Project
    target: str = ""  # the step a wrong film is wrong for


@cache
def lesson(lesson_id: str) -> Lesson:
    return load_lesson(shipped_lessons_dir() / lesson_id)


class Hand:
    """A child's hand on one project: every mark goes through a ToolSession."""

    def __init__(self, project: Project, seed: int, wobble: float = 2.0) -> None:
        self.p = project
        self.rng = random.Random(seed)
        self.wobble = wobble

    def j(self, amount: float) -> float:
        """A random nudge of at most ``amount``."""
        return self.rng.uniform(-amount, amount)

    def _session(self, index: int, tool: str, colour: str, size: int, layer: str,
                 points: Sequence[Pt]) -> None:
        state = ToolState(tool=tool, color=colour, size=size, stabiliser=0, layer=layer)
        session = ToolSession(self.p, index, state)
        session.press(PenEvent(*points[0]))
        for pt in points[1:]:
            session.move(PenEvent(*pt))
        session.release(PenEvent(*points[-1]))

    def shaky(self, points: Sequence[Pt], amount: float | None = None) -> list[Pt]:
        a = self.wobble if amount is None else amount
        out: list[Pt] = []
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            n = max(1, int(math.hypot(x1 - x0, y1 - y0) // 12))
            for k in range(n):
                t = k / n
                out.append((x0 + (x1 - x0) * t + self.j(a), y0 + (y1 - y0) * t + self.j(a)))
        out.append((points[-1][0] + self.j(a), points[-1][1] + self.j(a)))
        return out

    def stroke(self, index: int, points: Sequence[Pt], colour: str = BLACK, size: int = 8,
               layer: str = "drawing", shake: bool = True) -> None:
        pts = self.shaky(points) if shake else list(points)
        self._session(index, "brush", colour, size, layer, pts)

    def erase(self, index: int, points: Sequence[Pt], size: int = 40,
              layer: str = "drawing") -> None:
        self._session(index, "eraser", BLACK, size, layer, list(points))

    def fill(self, index: int, x: float, y: float, colour: str, layer: str = "drawing") -> None:
        self._session(index, "fill", colour, 10, layer, [(x, y), (x, y)])

    def ring(self, index: int, cx: float, cy: float, rx: float, ry: float | None = None,
             colour: str = BLACK, size: int = 6, fill: str = "", layer: str = "drawing",
             turn: float = 0.0) -> None:
        """A hand-drawn closed loop (an ellipse), coloured in with the bucket if ``fill``."""
        ry = rx if ry is None else ry
        start = self.rng.uniform(0, 2 * math.pi)
        n = max(16, int(2 * math.pi * max(rx, ry) / 10))
        a = min(self.wobble, 0.08 * min(rx, ry))
        pts = []
        for k in range(n + 1):
            t = start + 2 * math.pi * k / n
            x, y = rx * math.cos(t), ry * math.sin(t)
            c, s = math.cos(turn), math.sin(turn)
            pts.append((cx + x * c - y * s + self.j(a), cy + x * s + y * c + self.j(a)))
        pts.append(pts[1])  # close it well: the bucket must not leak
        self._session(index, "brush", colour, size, layer, pts)
        if fill:
            self.fill(index, cx, cy, fill, layer)

    def polygon(self, index: int, points: Sequence[Pt], colour: str = BLACK, size: int = 6,
                fill: str = "", layer: str = "drawing") -> None:
        pts = list(points) + [points[0], points[1]]
        self.stroke(index, pts, colour, size, layer)
        if fill:
            cx = sum(x for x, _ in points) / len(points)
            cy = sum(y for _, y in points) / len(points)
            self.fill(index, cx, cy, fill, layer)

    def ground(self, index: int, y: float = FLOOR + 4, layer: str = "drawing") -> None:
        """A line along the floor, as children often draw in every picture."""
        x0, x1 = 30 + self.j(20), 610 + self.j(20)
        self.stroke(index, [(x0, y + self.j(3)), (x1, y + self.j(3))], BROWN, 6, layer)

    def dash(self, index: int, where: Pt | None = None, layer: str = "drawing") -> None:
        """A small stray mark far from everything."""
        x, y = where or (self.rng.choice((40.0, 600.0)), self.rng.uniform(30, 80))
        self.stroke(index, [(x, y), (x + 14 + self.j(4), y + self.j(5))], BLACK, 6, layer)


def new(frames: int = 1, fps: int = 8) -> Project:
    p = blank_project(W, H)
    p.settings.fps = fps
    for _ in range(frames - 1):
        p.frames.append(p.new_frame())
    return p


def rng_for(*parts: object) -> random.Random:
    return random.Random(repr(parts))


def star_points(cx: float, cy: float, outer: float, inner: float, turn: float,
                arms: int = 5) -> list[Pt]:
    pts = []
    for k in range(2 * arms):
        r = outer if k % 2 == 0 else inner
        a = math.radians(-90 + turn) + k * math.pi / arms
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def rounded_points(cx: float, cy: float, half: float, corner: float) -> list[Pt]:
    """A square with round corners (corner = half: a circle; 0: a square)."""
    inner = half - corner
    pts: list[Pt] = []
    for k in range(4):
        mid = math.radians(90 * k + 45)
        ox = cx + math.copysign(inner, math.cos(mid))
        oy = cy + math.copysign(inner, math.sin(mid))
        for j in range(10):
            a = math.radians(90 * k + 10 * j)
            pts.append((ox + corner * math.cos(a), oy + corner * math.sin(a)))
    return pts


# -- blink -------------------------------------------------------------------------------
def blink_film(seed: int, *, r: float | None = None, centre: Pt | None = None,
               skin: bool | None = None, eyes: bool = True, mouth: bool = True,
               copy: bool = True, close: str = "both", hold: int | None = None) -> Project:
    """close: both (rub out, draw lines), erase_one, one_line, none, circles, away, mouth."""
    p = new(1, 8)
    h = Hand(p, seed, wobble=2.5)
    r = r or h.rng.uniform(105, 140)
    cx, cy = centre or (320 + h.j(18), 216 + h.j(15))
    skin = h.rng.random() < 0.5 if skin is None else skin
    h.ring(0, cx, cy, r, r * h.rng.uniform(0.95, 1.08), BLACK, 8, SKIN if skin else "")
    er = h.rng.uniform(9, 15)
    ex = [cx - r * h.rng.uniform(0.3, 0.4), cx + r * h.rng.uniform(0.3, 0.4)]
    ey = cy - r * h.rng.uniform(0.2, 0.3)
    if eyes:
        for x in ex:
            h.ring(0, x, ey + h.j(3), er, er, BLACK, 5, BLUE)
    my = cy + r * 0.45
    if mouth:
        w = r * h.rng.uniform(0.35, 0.5)
        h.stroke(0, [(cx - w + 2 * w * t / 6, my + 14 * math.sin(math.pi * t / 6))
                     for t in range(7)], BLACK, 7)
    p.set_hold(0, hold if hold is not None else h.rng.choice((4, 5, 6)))
    if not copy:
        return p
    i = p.add_frame(0, duplicate=True)
    if close in ("both", "erase_one", "one_line"):
        for n, x in enumerate(ex):
            if close == "erase_one" and n:
                break
            h.erase(i, [(x - er, ey), (x + er, ey + h.j(3))], size=int(2.6 * er) + 6)
    if close in ("both", "circles"):
        for x in ex:
            if close == "circles":
                h.ring(i, x, ey, er * 1.8, er * 1.8, BLACK, 6)
            else:
                h.stroke(i, [(x - er - 6, ey), (x, ey + 3), (x + er + 6, ey)], BLACK, 6)
    if close == "one_line":
        h.stroke(i, [(ex[0] - er - 6, ey), (ex[0] + er + 6, ey)], BLACK, 6)
    if close == "away":
        clear_picture(p, i)
        h.ring(i, 120, 120, 60, 60, BLACK, 8)
    if close == "mouth":
        h.erase(i, [(cx - 40, my), (cx + 40, my)], size=40)
        h.stroke(i, [(cx - 30, my + 40), (cx + 30, my + 40)], BLACK, 6)
    return p


def blink_good() -> list[Film]:
    out = [Film(f"blink-good-{n}", blink_film(100 + n)) for n in range(10)]
    out.append(Film("blink-good-no-mouth", blink_film(120, mouth=False)))
    return out


def blink_wrong() -> list[Film]:
    return [
        Film("blink-outline-circle", blink_film(200, skin=False, eyes=False, mouth=False,
                                                copy=False), "face"),
        Film("blink-filled-circle", blink_film(201, skin=True, eyes=False, mouth=False,
                                               copy=False), "face"),
        Film("blink-tiny-face", blink_film(202, r=45, copy=False), "face"),
        Film("blink-face-in-corner", blink_film(203, centre=(150, 140), copy=False), "face"),
        Film("blink-one-eye-rubbed", blink_film(204, close="erase_one"), "closed"),
        Film("blink-nothing-changed", blink_film(205, close="none"), "closed"),
        Film("blink-one-eye-closed", blink_film(206, close="one_line"), "closed"),
        Film("blink-other-drawing", blink_film(207, close="away"), "closed"),
        Film("blink-bigger-open-eyes", blink_film(208, close="circles"), "closed"),
        Film("blink-mouth-changed", blink_film(209, close="mouth"), "closed"),
        Film("blink-no-hold", blink_film(210, hold=1), "longer"),
    ]


# -- flower ------------------------------------------------------------------------------
def flower_film(seed: int, *, heights: Sequence[float] | None = None,
                xs: Sequence[float] | None = None, bottom: float | None = None,
                flower: str = "top", ground: bool | None = None, stray: bool | None = None,
                petals_filled: bool | None = None) -> Project:
    """flower: top, none, bottom, away."""
    p = new(1, 6)
    h = Hand(p, seed, wobble=1.5)
    if heights is None:
        h1 = h.rng.uniform(30, 55)
        heights = [h1]
        for _ in range(4):
            heights.append(heights[-1] * h.rng.uniform(1.15, 1.4))
    base = 320 + h.j(40)
    xs = xs or [base + h.j(6) for _ in heights]
    bottom = FLOOR - 2 + h.j(3) if bottom is None else bottom
    ground = h.rng.random() < 0.3 if ground is None else ground
    stray = h.rng.random() < 0.25 if stray is None else stray
    for n, (ht, x) in enumerate(zip(heights, xs)):
        i = n if n == 0 else p.add_frame(n - 1)
        h.stroke(i, [(x, bottom), (x + h.j(4), bottom - ht / 2), (x + h.j(4), bottom - ht)],
                 GREEN, 9)
        if ht > 60:
            y = bottom - ht * 0.45
            h.stroke(i, [(x, y), (x + 16, y - 10), (x + 24, y - 20)], GREEN, 7)
        if ground:
            h.ground(i)
        if stray and n == 2:
            h.dash(i)
    i = p.add_frame(len(heights) - 1, duplicate=True)
    top = (xs[-1], bottom - heights[-1])
    filled = h.rng.random() < 0.6 if petals_filled is None else petals_filled
    if flower != "none":
        fx, fy = {"top": (top[0], top[1] - 18), "bottom": (top[0] + 60, bottom - 20),
                  "away": (90.0, 90.0)}[flower]
        for k in range(5):
            a = k * 2 * math.pi / 5 + h.j(0.2)
            h.ring(i, fx + 24 * math.cos(a), fy + 20 * math.sin(a), 14, 14, RED, 5,
                   RED if filled else "")
        h.ring(i, fx, fy, 10, 10, BLACK, 4, YELLOW if filled else "")
    p.set_hold(i, 6)
    return p


def flower_good() -> list[Film]:
    out = [Film(f"flower-good-{n}", flower_film(300 + n)) for n in range(9)]
    out.append(Film("flower-good-ground", flower_film(310, ground=True, stray=True)))
    out.append(Film("flower-good-uneven", flower_film(311, heights=[35, 44, 70, 80, 120])))
    return out


def flower_wrong() -> list[Film]:
    return [
        Film("flower-floating", flower_film(400, bottom=300), "shoot"),
        Film("flower-tall-shoot", flower_film(401, heights=[200, 210, 220, 230, 240]), "shoot"),
        Film("flower-not-taller", flower_film(402, heights=[50, 50, 80, 110, 140]), "taller"),
        Film("flower-moved-sideways", flower_film(403, xs=[300, 450, 450, 450, 450]), "taller"),
        Film("flower-shrinks", flower_film(404, heights=[40, 45, 38, 30, 25]), "five"),
        Film("flower-barely-grows", flower_film(405, heights=[40, 43, 45, 47, 50]), "five"),
        Film("flower-jumps-about", flower_film(406, xs=[320, 322, 520, 120, 320]), "five"),
        Film("flower-on-the-ground", flower_film(407, flower="bottom"), "flower"),
        Film("flower-no-flower", flower_film(408, flower="none"), "flower"),
        Film("flower-far-away", flower_film(409, flower="away"), "flower"),
        Film("flower-crawls-then-shoots", flower_film(410, heights=[40, 42, 44, 46, 160]),
             "five"),
    ]


# -- roll --------------------------------------------------------------------------------
def roll_film(seed: int, *, xs: Sequence[float] | None = None,
              ys: Sequence[float] | None = None, rs: Sequence[float] | None = None,
              count: int | None = None, ground: bool | None = None, stray: bool | None = None,
              filled: bool | None = None, fps: int = 12) -> Project:
    p = new(1, 8)
    h = Hand(p, seed, wobble=2.0)
    count = count or h.rng.choice((6, 7, 8))
    if xs is None:
        x0, x1 = h.rng.uniform(60, 110), h.rng.uniform(500, 580)
        step = (x1 - x0) / (count - 1)
        xs = [x0] + [x0 + step * k + h.j(0.15 * step) for k in range(1, count - 1)] + [x1]
    r0 = h.rng.uniform(24, 34)
    rs = rs or [r0 + h.j(2) for _ in xs]
    ys = ys or [FLOOR - r - 3 + h.j(4) for r in rs]
    ground = h.rng.random() < 0.3 if ground is None else ground
    stray = h.rng.random() < 0.2 if stray is None else stray
    filled = h.rng.random() < 0.6 if filled is None else filled
    for n, (x, y, r) in enumerate(zip(xs, ys, rs)):
        i = n if n == 0 else p.add_frame(n - 1)
        h.ring(i, x, y, r, r, BLACK, 6, ORANGE if filled else "")
        a = n * math.pi / 4
        h.stroke(i, [(x - 0.8 * r * math.cos(a), y - 0.8 * r * math.sin(a)),
                     (x + 0.8 * r * math.cos(a), y + 0.8 * r * math.sin(a))], BLACK, 5)
        if ground:
            h.ground(i)
        if stray and n == 3:
            h.dash(i)
    p.settings.fps = fps
    return p


def roll_good() -> list[Film]:
    out = [Film(f"roll-good-{n}", roll_film(500 + n)) for n in range(9)]
    out.append(Film("roll-good-ground", roll_film(510, ground=True, stray=True)))
    out.append(Film("roll-good-uneven", roll_film(511, xs=[80, 150, 240, 310, 390, 470, 545])))
    return out


def _even(x0: float, x1: float, n: int) -> list[float]:
    return [x0 + (x1 - x0) * k / (n - 1) for k in range(n)]


def roll_wrong() -> list[Film]:
    return [
        Film("roll-in-the-air", roll_film(600, ys=[200] * 7, xs=_even(80, 540, 7)), "ball"),
        Film("roll-starts-right", roll_film(601, xs=_even(540, 80, 7)), "ball"),
        Film("roll-not-moving", roll_film(602, xs=[90] * 7), "move"),
        Film("roll-teleports", roll_film(603, xs=[80, 420, 450, 480, 510, 540, 560]), "move"),
        Film("roll-speeds-up", roll_film(604, xs=[80, 90, 110, 150, 230, 390, 560]), "even"),
        Film("roll-stops-halfway", roll_film(605, xs=_even(80, 330, 7)), "across"),
        Film("roll-there-and-back", roll_film(606, xs=[80, 200, 320, 440, 320, 200, 80]),
             "across"),
        Film("roll-grows", roll_film(607, xs=_even(90, 540, 7),
                                     rs=[20, 26, 34, 42, 50, 58, 66]), "across"),
        Film("roll-flies-up", roll_film(608, xs=_even(80, 540, 7),
                                        ys=[377, 330, 280, 230, 180, 130, 80]), "across"),
        Film("roll-stops-twice", roll_film(609, xs=[80, 180, 180, 280, 380, 380, 480, 560]),
             "even"),
        Film("roll-four-pictures", roll_film(610, xs=_even(80, 540, 4)), "across"),
    ]


# -- bounce ------------------------------------------------------------------------------
BOUNCE = (1.0, 0.94, 0.75, 0.44, 0.0, 0.44, 0.75, 0.94)


def bounce_film(seed: int, *, heights: Sequence[float] | None = None,
                xs: Sequence[float] | None = None, ground: bool | None = None,
                stray: bool | None = None, filled: bool | None = None,
                noise: float = 0.035) -> Project:
    p = new(8, 12)
    h = Hand(p, seed, wobble=2.0)
    r = h.rng.uniform(22, 32)
    top = h.rng.uniform(80, 110)
    floor_y = FLOOR - r - 3 + h.j(3)
    if heights is None:
        heights = [b if b in (0.0, 1.0) else b + h.j(noise) for b in BOUNCE]
    x0 = 320 + h.j(40)
    xs = xs or [x0 + h.j(6) for _ in heights]
    ground = h.rng.random() < 0.3 if ground is None else ground
    stray = h.rng.random() < 0.2 if stray is None else stray
    filled = h.rng.random() < 0.6 if filled is None else filled
    for i in (0, 4, 1, 2, 3, 5, 6, 7):  # key pictures first, as the lesson asks
        y = floor_y - heights[i] * (floor_y - top)
        h.ring(i, xs[i], y, r, r, BLACK, 6, RED if filled else "")
        if ground:
            h.ground(i)
        if stray and i == 2:
            h.dash(i)
    return p


def bounce_good() -> list[Film]:
    out = [Film(f"bounce-good-{n}", bounce_film(700 + n)) for n in range(9)]
    out.append(Film("bounce-good-ground", bounce_film(710, ground=True, stray=True)))
    out.append(Film("bounce-good-uneven", bounce_film(
        711, heights=(1.0, 0.97, 0.8, 0.5, 0.0, 0.38, 0.72, 0.9))))
    return out


def bounce_wrong() -> list[Film]:
    even = (1.0, 0.75, 0.5, 0.25, 0.0, 0.25, 0.5, 0.75)
    return [
        Film("bounce-starts-low", bounce_film(800, heights=(0.35, 0.3, 0.22, 0.12, 0.0, 0.12,
                                                            0.22, 0.3)), "top"),
        Film("bounce-key-in-the-air", bounce_film(801, heights=(1.0, 0.97, 0.9, 0.75, 0.5,
                                                                0.75, 0.9, 0.97)), "floor"),
        Film("bounce-key-far-aside", bounce_film(802, xs=[320, 360, 400, 450, 520, 450, 400,
                                                          360]), "floor"),
        Film("bounce-constant-fall", bounce_film(803, heights=(1.0, 0.75, 0.5, 0.25, 0.0, 0.44,
                                                               0.75, 0.94)), "down"),
        Film("bounce-slows-falling", bounce_film(804, heights=(1.0, 0.56, 0.25, 0.06, 0.0, 0.44,
                                                               0.75, 0.94)), "down"),
        Film("bounce-stops-mid-air", bounce_film(805, heights=(1.0, 0.94, 0.6, 0.6, 0.0, 0.44,
                                                               0.75, 0.94)), "down"),
        Film("bounce-teleports", bounce_film(806, heights=(1.0, 1.0, 0.98, 0.96, 0.0, 0.44,
                                                           0.75, 0.94)), "down"),
        Film("bounce-constant-rise", bounce_film(807, heights=even[:5] + (0.25, 0.5, 0.75)),
             "up"),
        Film("bounce-speeds-up-rising", bounce_film(808, heights=(1.0, 0.94, 0.75, 0.44, 0.0,
                                                                  0.06, 0.25, 0.56)), "up"),
        Film("bounce-stays-down", bounce_film(809, heights=(1.0, 0.94, 0.75, 0.44, 0.0, 0.05,
                                                            0.1, 0.15)), "up"),
        Film("bounce-sideways-fall", bounce_film(810, xs=[120, 140, 200, 300, 440, 400, 380,
                                                          370]), "down"),
    ]


# -- squash ------------------------------------------------------------------------------
def squash_film(seed: int, *, squash: tuple[float, float, float, float] | None = None,
                down: tuple[float, float, float, float] | None = None,
                up: tuple[float, float, float, float] | None = None,
                filled: bool | None = None, ground: bool | None = None) -> Project:
    """Each shape is (x, y, rx, ry); None draws a good one."""
    p = lesson("squash").new_project()
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    ground = h.rng.random() < 0.25 if ground is None else ground
    if squash is None:
        rx, ry = h.rng.uniform(37, 46), h.rng.uniform(17, 22)
        squash = (320 + h.j(8), FLOOR - ry - 3 + h.j(3), rx, ry)
    if down is None:
        down = (320 + h.j(8), 252 + h.j(12), h.rng.uniform(17, 22), h.rng.uniform(34, 40))
    if up is None:
        up = (320 + h.j(8), 252 + h.j(12), h.rng.uniform(17, 22), h.rng.uniform(34, 40))
    for i, (x, y, rx, ry) in ((4, squash), (3, down), (5, up)):
        clear_picture(p, i)
        h.ring(i, x, y, rx, ry, BLACK, 6, RED if filled else "")
        if ground:
            h.ground(i)
    return p


def squash_good() -> list[Film]:
    out = [Film(f"squash-good-{n}", squash_film(900 + n)) for n in range(9)]
    out.append(Film("squash-good-outline", squash_film(910, filled=False, ground=True)))
    out.append(Film("squash-good-soft", squash_film(911, squash=(322, 388, 50, 17))))
    return out


def squash_wrong() -> list[Film]:
    return [
        Film("squash-still-round", squash_film(1000, squash=(320, 377, 28, 28)), "squash"),
        Film("squash-far-too-big", squash_film(1001, squash=(320, 365, 100, 40)), "squash"),
        Film("squash-in-the-air", squash_film(1002, squash=(320, 250, 42, 20)), "squash"),
        Film("squash-far-aside", squash_film(1003, squash=(540, 385, 42, 20)), "squash"),
        Film("squash-stretch-is-wide", squash_film(1004, down=(320, 252, 38, 20)),
             "stretch_down"),
        Film("squash-stretch-is-a-line", squash_film(1005, down=(320, 252, 4, 40)),
             "stretch_down"),
        Film("squash-stretch-in-corner", squash_film(1006, down=(90, 90, 19, 37)),
             "stretch_down"),
        Film("squash-stretch-huge", squash_film(1007, down=(320, 230, 45, 95)), "stretch_down"),
        Film("squash-up-still-round", squash_film(1008, up=(320, 252, 28, 28)), "stretch_up"),
        Film("squash-up-on-the-floor", squash_film(1009, up=(320, 370, 19, 37)), "stretch_up"),
    ]


# -- frog --------------------------------------------------------------------------------
def _frog(h: Hand, i: int, x: float, bottom: float, rx: float, ry: float, filled: bool) -> None:
    cy = bottom - ry
    h.ring(i, x, cy, rx, ry, BLACK, 6, GREEN if filled else "")
    for dx in (-0.45 * rx, 0.45 * rx):
        h.ring(i, x + dx, cy - ry + 4, 10, 10, BLACK, 5)


def frog_film(seed: int, *, poses: dict[int, tuple[float, float, float, float]] | None = None,
              hold: int = 3, filled: bool | None = None, ground: bool | None = None) -> Project:
    """poses: picture number -> (x, bottom, rx, ry) replacing the good pose."""
    p = new(1, 12)
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    ground = h.rng.random() < 0.25 if ground is None else ground
    x0, rx, ry = 200 + h.j(25), h.rng.uniform(52, 66), h.rng.uniform(30, 38)
    fl = FLOOR - 3
    good = {
        1: (x0, fl + h.j(3), rx, ry),
        2: (x0 + h.j(8), fl + h.j(3), rx * h.rng.uniform(1.12, 1.3), ry * h.rng.uniform(0.6, 0.8)),
        3: (x0 + 40 + h.j(10), fl - h.rng.uniform(5, 25), rx * 0.55, ry * h.rng.uniform(1.5, 1.8)),
        4: (x0 + 120 + h.j(20), h.rng.uniform(200, 270), rx * 0.85, ry),
        5: (x0 + 240 + h.j(30), fl + h.j(3), rx * 1.1, ry * 0.8),
    }
    good.update(poses or {})
    _frog(h, 0, *good[1], filled)
    if ground:
        h.ground(0)
    p.set_hold(0, 6)
    i = p.add_frame(0, duplicate=True)
    clear_picture(p, i)
    _frog(h, i, *good[2], filled)
    if ground:
        h.ground(i)
    p.set_hold(i, hold)
    for n in (3, 4, 5):
        i = p.add_frame(i)
        _frog(h, i, *good[n], filled)
        if ground:
            h.ground(i)
    return p


def frog_good() -> list[Film]:
    out = [Film(f"frog-good-{n}", frog_film(1100 + n)) for n in range(9)]
    out.append(Film("frog-good-ground", frog_film(1110, ground=True, filled=False)))
    out.append(Film("frog-good-straight-up", frog_film(1111, poses={
        3: (205, 390, 32, 60), 4: (210, 220, 52, 34), 5: (215, 405, 62, 30)})))
    return out


def frog_wrong() -> list[Film]:
    return [
        Film("frog-sits-in-the-air", frog_film(1200, poses={1: (200, 300, 60, 35)}), "sit"),
        Film("frog-crouch-taller", frog_film(1201, poses={2: (200, 405, 55, 50)}), "crouch"),
        Film("frog-crouch-far-away", frog_film(1202, poses={2: (520, 405, 70, 25)}), "crouch"),
        Film("frog-crouch-no-change", frog_film(1203, poses={2: (200, 405, 60, 35)}), "crouch"),
        Film("frog-crouch-floating", frog_film(1204, poses={2: (200, 330, 70, 24)}), "crouch"),
        Film("frog-push-same-shape", frog_film(1205, poses={3: (240, 395, 60, 35)}), "push"),
        Film("frog-push-flat-down", frog_film(1206, poses={3: (240, 406, 75, 22)}), "push"),
        Film("frog-air-barely-up", frog_film(1207, poses={4: (320, 385, 50, 35)}), "air"),
        Film("frog-air-on-ground", frog_film(1208, poses={4: (320, 406, 50, 35)}), "air"),
        Film("frog-lands-in-the-air", frog_film(1209, poses={5: (440, 300, 66, 28)}), "land"),
        Film("frog-no-hold", frog_film(1210, hold=1), "ready"),
    ]


# -- leaf --------------------------------------------------------------------------------
EASE = (0.0, 0.15, 0.5, 0.85, 1.0)


def leaf_film(seed: int, *, keys: Sequence[Pt] | None = None,
              swings: Sequence[Sequence[float]] | None = None,
              drops: Sequence[Sequence[float]] | None = None, filled: bool | None = None,
              ground: bool | None = None, stray: bool | None = None) -> Project:
    p = new(13, 8)
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    ground = h.rng.random() < 0.25 if ground is None else ground
    stray = h.rng.random() < 0.2 if stray is None else stray
    keys = keys or [(130 + h.j(20), 80 + h.j(12)), (500 + h.j(25), 170 + h.j(15)),
                    (140 + h.j(25), 260 + h.j(15)), (470 + h.j(30), FLOOR - 17 + h.j(2))]
    swings = swings or [[e if e in (0.0, 1.0) else e + h.j(0.05) for e in EASE]
                        for _ in range(3)]
    drops = drops or [[0.0, 0.25 + h.j(0.05), 0.5 + h.j(0.05), 0.75 + h.j(0.05), 1.0]
                      for _ in range(3)]
    for number in range(1, 14):
        s, part = divmod(number - 1, 4)
        if s == 3:
            s, part = 2, 4
        (x0, y0), (x1, y1) = keys[s], keys[s + 1]
        x = x0 + (x1 - x0) * swings[s][part]
        y = y0 + (y1 - y0) * drops[s][part]
        i = number - 1
        h.ring(i, x, y, 27, 12, BLACK, 5, ORANGE if filled else "")
        h.stroke(i, [(x + 25, y), (x + 36, y - 6)], BROWN, 5)
        if ground:
            h.ground(i)
        if stray and number == 7:
            h.dash(i, (600.0, 420.0))
    p.set_hold(12, 8)
    return p


def leaf_good() -> list[Film]:
    out = [Film(f"leaf-good-{n}", leaf_film(1300 + n)) for n in range(9)]
    out.append(Film("leaf-good-ground", leaf_film(1310, ground=True, stray=True)))
    out.append(Film("leaf-good-uneven", leaf_film(1311, swings=[
        (0.0, 0.2, 0.45, 0.9, 1.0), (0.0, 0.1, 0.55, 0.8, 1.0), (0.0, 0.12, 0.4, 0.88, 1.0)])))
    return out


def leaf_wrong() -> list[Film]:
    even = (0.0, 0.25, 0.5, 0.75, 1.0)
    crawl = (0.0, 0.05, 0.1, 0.15, 1.0)
    good = (EASE, EASE, EASE)
    return [
        Film("leaf-starts-low", leaf_film(1400, keys=[(130, 300), (500, 330), (140, 360),
                                                      (470, 391)]), "top"),
        Film("leaf-key-5-left", leaf_film(1401, keys=[(130, 80), (200, 170), (140, 260),
                                                      (470, 391)]), "right"),
        Film("leaf-key-5-higher", leaf_film(1402, keys=[(130, 120), (500, 60), (140, 260),
                                                        (470, 391)]), "right"),
        Film("leaf-key-9-right", leaf_film(1403, keys=[(130, 80), (500, 170), (450, 260),
                                                       (470, 391)]), "left"),
        Film("leaf-lands-in-the-air", leaf_film(1404, keys=[(130, 80), (500, 170), (140, 260),
                                                            (470, 320)]), "ground"),
        Film("leaf-swing-even", leaf_film(1405, swings=(even, EASE, EASE)), "swing"),
        Film("leaf-swing-crawl-jump", leaf_film(1406, swings=(crawl, EASE, EASE)), "swing"),
        Film("leaf-swing-back-forth", leaf_film(1407, swings=((0.0, 0.5, 0.1, 0.9, 1.0), EASE,
                                                              EASE)), "swing"),
        Film("leaf-rest-even", leaf_film(1408, swings=(EASE, even, even)), "rest"),
        Film("leaf-rest-rises", leaf_film(1409, swings=good, drops=(
            (0, .25, .5, .75, 1), (0, -1.0, -1.5, -1.0, 1), (0, .25, .5, .75, 1))), "rest"),
        Film("leaf-rest-jumps", leaf_film(1410, swings=(EASE, (0.0, 0.02, 0.04, 0.1, 1.0),
                                                        EASE)), "rest"),
    ]


# -- star --------------------------------------------------------------------------------
def star_film(seed: int, *, count: int | None = None, turns: Sequence[float] | None = None,
              sizes: Sequence[float] | None = None, centres: Sequence[Pt] | None = None,
              filled: bool | None = None) -> Project:
    p = new(1, 12)
    h = Hand(p, seed, wobble=1.5)
    count = count or h.rng.choice((6, 6, 7, 8))
    filled = h.rng.random() < 0.6 if filled is None else filled
    sign = h.rng.choice((-1, 1))
    step = 72.0 / count
    turns = turns or [sign * (step * k + h.j(1.5)) for k in range(count)]
    big = h.rng.uniform(95, 115)
    sizes = sizes or [big * (1 + h.j(0.04)) for _ in turns]
    cx, cy = 320 + h.j(12), 240 + h.j(12)
    centres = centres or [(cx + h.j(3), cy + h.j(3)) for _ in turns]
    inner = h.rng.uniform(0.4, 0.5)
    for n, (t, s, (x, y)) in enumerate(zip(turns, sizes, centres)):
        i = n if n == 0 else p.add_frame(n - 1)
        h.polygon(i, star_points(x, y, s, s * inner, t), BLACK, 7, YELLOW if filled else "")
    return p


def star_good() -> list[Film]:
    out = [Film(f"star-good-{n}", star_film(1500 + n)) for n in range(9)]
    out.append(Film("star-good-outline", star_film(1510, filled=False, count=6)))
    out.append(Film("star-good-uneven", star_film(1511, turns=[0, 10, 25, 36, 47, 61])))
    return out


def star_wrong() -> list[Film]:
    six = [0.0] * 6
    return [
        Film("star-in-the-corner", star_film(1600, centres=[(130, 110)] * 6), "star"),
        Film("star-pulses", star_film(1601, turns=six, sizes=[90, 110, 90, 110, 90, 110]),
             "turn"),
        Film("star-slides", star_film(1602, turns=six, centres=[(220 + 40 * k, 240)
                                                                for k in range(6)]), "turn"),
        Film("star-no-turn", star_film(1603, turns=six), "turn"),
        Film("star-turns-too-much", star_film(1604, turns=[0, 34, 68, 102, 136, 170]), "turn"),
        Film("star-half-size", star_film(1605, turns=[0, 12, 24, 36, 48, 60],
                                         sizes=[110, 55, 55, 55, 55, 55]), "turn"),
        Film("star-only-four", star_film(1606, count=4, turns=[0, 12, 24, 36]), "six"),
        Film("star-then-pulses", star_film(1607, turns=[0, 12, 12, 12, 12, 12],
                                           sizes=[105, 105, 120, 90, 120, 90]), "six"),
        Film("star-then-slides", star_film(1608, turns=[0, 12, 24, 36, 48, 60],
                                           centres=[(320, 240), (322, 240), (360, 240),
                                                    (400, 240), (440, 240), (480, 240)]), "six"),
        Film("star-then-stops", star_film(1609, turns=[0, 12, 12, 12, 12, 12]), "six"),
        Film("star-back-and-forth", star_film(1610, turns=[0, 12, 0, 12, 0, 12]), "six"),
        Film("star-last-repeats-first", star_film(1611, turns=[0, 12, 24, 36, 48, 0]), "play"),
    ]


# -- morph -------------------------------------------------------------------------------
def morph_film(seed: int, *, corners: Sequence[float | str] | None = None,
               places: dict[int, Pt] | None = None, holds: tuple[int, int] = (4, 4),
               filled: bool | None = None) -> Project:
    """corners: per picture a corner radius (100 = circle, 0 = square) or a shape name."""
    p = new(7, 8)
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    half = h.rng.uniform(88, 110)
    corners = corners or [half * (1 - k / 6) + (0 if k in (0, 6) else h.j(5)) for k in range(7)]
    cx, cy = 320 + h.j(15), 240 + h.j(15)
    for i, c in enumerate(corners):
        x, y = (places or {}).get(i + 1, (cx + h.j(4), cy + h.j(4)))
        if c == "triangle":
            pts = [(x, y - half), (x + half, y + half * 0.8), (x - half, y + half * 0.8)]
        elif c == "wide":
            pts = [(x - 1.6 * half, y - 0.6 * half), (x + 1.6 * half, y - 0.6 * half),
                   (x + 1.6 * half, y + 0.6 * half), (x - 1.6 * half, y + 0.6 * half)]
        elif c == "line":
            h.stroke(i, [(x - half, y + h.j(20)), (x + half, y + h.j(20))], BLACK, 8)
            continue
        else:
            pts = rounded_points(x, y, half, min(half, float(c)))
        h.polygon(i, pts, BLACK, 7, LIME if filled else "")
    p.set_hold(0, holds[0])
    p.set_hold(6, holds[1])
    return p


def morph_good() -> list[Film]:
    out = [Film(f"morph-good-{n}", morph_film(1700 + n)) for n in range(9)]
    out.append(Film("morph-good-outline", morph_film(1710, filled=False)))
    out.append(Film("morph-good-uneven", morph_film(1711, corners=[100, 88, 70, 52, 30, 14, 0])))
    return out


def morph_wrong() -> list[Film]:
    ramp = [100, 84, 67, 50, 33, 17, 0]
    return [
        Film("morph-starts-triangle", morph_film(1800, corners=["triangle"] + ramp[1:]),
             "circle"),
        Film("morph-starts-line", morph_film(1801, corners=["line"] + ramp[1:]), "circle"),
        Film("morph-ends-triangle", morph_film(1802, corners=ramp[:6] + ["triangle"]), "square"),
        Film("morph-ends-circle", morph_film(1803, corners=ramp[:6] + [100]), "square"),
        Film("morph-square-elsewhere", morph_film(1804, corners=ramp, places={7: (140, 130)}),
             "square"),
        Film("morph-ends-long-box", morph_film(1805, corners=ramp[:6] + ["wide"]), "square"),
        Film("morph-middle-is-circle", morph_film(1806, corners=[100, 100, 100, 100, 33, 17, 0]),
             "middle"),
        Film("morph-middle-is-square", morph_film(1807, corners=[100, 84, 67, 0, 0, 0, 0]),
             "middle"),
        Film("morph-first-half-backwards", morph_film(1808, corners=[100, 60, 90, 50, 33, 17, 0]),
             "first_half"),
        Film("morph-second-half-circle", morph_film(1809, corners=[100, 84, 67, 50, 100, 100, 0]),
             "second_half"),
        Film("morph-no-holds", morph_film(1810, holds=(1, 1)), "longer"),
    ]


# -- mouth -------------------------------------------------------------------------------
def mouth_film(seed: int, *, shapes: dict[int, tuple[str, float, float, float, float]]
               | None = None, holds: Sequence[int] | None = None,
               filled: bool | None = None) -> Project:
    """shapes: picture -> (kind, x, y, w, h): kind "line" (w wide, h deep) or "oval"."""
    p = lesson("mouth").new_project()
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    mx, my = 320 + h.j(15), 322 + h.j(10)
    lw, depth = h.rng.uniform(50, 70), h.rng.uniform(0, 30)
    good = {1: ("line", mx, my, lw, depth),
            2: ("oval", mx + h.j(5), my + 5, h.rng.uniform(55, 75), h.rng.uniform(40, 55)),
            3: ("oval", mx + h.j(5), my + 5, h.rng.uniform(28, 38), h.rng.uniform(30, 40)),
            4: ("line", mx + h.j(5), my + h.j(4), lw, depth)}
    good.update(shapes or {})
    holds = holds or [h.rng.choice((2, 3, 4)) for _ in range(4)]
    for n in range(1, 5):
        i = 0 if n == 1 else p.add_frame(n - 2)
        kind, x, y, a, b = good[n]
        if kind == "line":
            h.stroke(i, [(x - a + 2 * a * t / 8, y + b * math.sin(math.pi * t / 8))
                         for t in range(9)], "#800000", 12)
        else:
            h.ring(i, x, y, a, b, "#800000", 8, "#800000" if filled else "")
        p.set_hold(i, holds[n - 1])
    return p


def mouth_good() -> list[Film]:
    out = [Film(f"mouth-good-{n}", mouth_film(1900 + n)) for n in range(9)]
    out.append(Film("mouth-good-smile", mouth_film(1910, shapes={
        1: ("line", 320, 318, 60, 34), 4: ("line", 322, 318, 58, 34)})))
    out.append(Film("mouth-good-outline", mouth_film(1911, filled=False)))
    return out


def mouth_wrong() -> list[Film]:
    return [
        Film("mouth-on-the-forehead", mouth_film(2000, shapes={1: ("line", 320, 110, 60, 5)}),
             "closed"),
        Film("mouth-closed-is-a-circle", mouth_film(2001, shapes={1: ("oval", 320, 325, 45, 45)}),
             "closed"),
        Film("mouth-open-is-flat", mouth_film(2002, shapes={2: ("line", 320, 322, 70, 8)}),
             "open"),
        Film("mouth-open-on-the-forehead", mouth_film(2003, shapes={
            2: ("oval", 320, 110, 65, 48)}), "open"),
        Film("mouth-round-is-flat", mouth_film(2004, shapes={3: ("oval", 320, 327, 70, 16)}),
             "round"),
        Film("mouth-round-is-the-open", mouth_film(2005, shapes={
            2: ("oval", 320, 327, 65, 48), 3: ("oval", 320, 327, 65, 48)}), "round"),
        Film("mouth-round-off-the-face", mouth_film(2006, shapes={
            3: ("oval", 560, 420, 32, 34)}), "round"),
        Film("mouth-still-open", mouth_film(2007, shapes={4: ("oval", 320, 327, 60, 45)}),
             "closed_again"),
        Film("mouth-closed-on-the-chin", mouth_film(2008, shapes={
            4: ("line", 320, 450, 60, 5)}), "closed_again"),
        Film("mouth-no-holds", mouth_film(2009, holds=(1, 1, 1, 1)), "holds"),
        Film("mouth-open-tiny", mouth_film(2010, shapes={2: ("oval", 320, 327, 18, 14)}),
             "open"),
    ]


# -- wave --------------------------------------------------------------------------------
SHOULDER = (346.0, 206.0)
HANDS = {1: (252.0, 108.0), 2: (354.0, 70.0), 3: (444.0, 110.0), 4: (356.0, 72.0)}


def wave_film(seed: int, *, hands: dict[int, Pt] | None = None,
              flags: str = "trail", missing_flags: Sequence[int] = (),
              filled: bool | None = None) -> Project:
    """flags: trail, lead, far, huge, fixed."""
    p = lesson("wave").new_project()
    h = Hand(p, seed, wobble=1.5)
    filled = h.rng.random() < 0.6 if filled is None else filled
    tips = {n: (x + h.j(14), y + h.j(12)) for n, (x, y) in HANDS.items()}
    tips.update(hands or {})
    for n in range(1, 5):
        hx, hy = tips[n]
        ex, ey = (SHOULDER[0] + hx) / 2 + h.j(10), (SHOULDER[1] + hy) / 2 + h.j(10)
        h.stroke(n - 1, [SHOULDER, (ex, ey), (hx, hy)], BROWN, 12)
    size = h.rng.uniform(45, 70)
    for n in range(1, 5):
        if n in missing_flags:
            continue
        hx, hy = tips[n]
        px, _ = tips[n - 1 if n > 1 else 4]
        side = 1 if hx < px else -1  # against the movement
        if flags == "lead":
            side = -side
        if flags == "far":
            hx, hy = 80.0, 420.0
        if flags == "fixed":
            hx, hy, side = 300.0, 40.0, 1
        s = size * (4.0 if flags == "huge" else 1.0)
        tri = [(hx, hy), (hx + side * s, hy - 0.2 * s + h.j(5)), (hx + side * s * 0.85, hy + 0.5 * s)]
        h.polygon(n - 1, tri, BLACK, 5, RED if filled else "", layer="front")
    return p


def wave_good() -> list[Film]:
    out = [Film(f"wave-good-{n}", wave_film(2100 + n)) for n in range(10)]
    out.append(Film("wave-good-one-flag-late", wave_film(2110, missing_flags=())))
    return out


def wave_wrong() -> list[Film]:
    return [
        Film("wave-first-arm-right", wave_film(2200, hands={1: (440, 110)}), "left"),
        Film("wave-first-arm-down", wave_film(2201, hands={1: (250, 300)}), "left"),
        Film("wave-arm-too-short", wave_film(2202, hands={1: (330, 190)}), "left"),
        Film("wave-up-is-left", wave_film(2203, hands={2: (250, 110)}), "up"),
        Film("wave-right-is-up", wave_film(2204, hands={3: (356, 72)}), "right"),
        Film("wave-up-again-is-right", wave_film(2205, hands={4: (444, 110)}), "up_again"),
        Film("wave-flag-leads", wave_film(2206, flags="lead"), "flag"),
        Film("wave-flag-far-away", wave_film(2207, flags="far"), "flag"),
        Film("wave-flag-huge", wave_film(2208, flags="huge"), "flag"),
        Film("wave-two-flags", wave_film(2209, missing_flags=(2, 4)), "flag"),
        Film("wave-flag-does-not-move", wave_film(2210, flags="fixed"), "flag"),
    ]


# -- walk --------------------------------------------------------------------------------
def _walker(h: Hand, i: int, x: float, spread: float, front: str, back: str, bob: float,
            body: bool = True, ground: bool = False) -> None:
    hip = 290 + h.j(5) - bob
    head = 130 - bob + h.j(4)
    if body:
        h.ring(i, x + h.j(3), head, 24, 24, BLACK, 7)
        h.stroke(i, [(x, head + 24), (x, hip)], BLACK, 9)
        h.stroke(i, [(x, head + 60), (x - 30, head + 110)], BLACK, 7)
        h.stroke(i, [(x, head + 60), (x + 30, head + 110)], BLACK, 7)
    knee = 345 - bob / 2
    h.stroke(i, [(x, hip), (x - spread * 0.45, knee), (x - spread + h.j(3), 400)], back, 9)
    h.stroke(i, [(x, hip), (x + spread * 0.45, knee), (x + spread + h.j(3), 400)], front, 9)
    if ground:
        h.ground(i)


def walk_film(seed: int, *, spreads: Sequence[float] | None = None,
              fronts: Sequence[str] | None = None, xs: Sequence[float] | None = None,
              body: Sequence[bool] = (True,) * 4, ground: bool | None = None) -> Project:
    p = new(4, 6)
    h = Hand(p, seed, wobble=1.5)
    ground = h.rng.random() < 0.3 if ground is None else ground
    wide, close = h.rng.uniform(50, 68), h.rng.uniform(4, 10)
    spreads = spreads or [wide + h.j(4), close, wide + h.j(4), close]
    fronts = fronts or [RED, RED, BLUE, BLUE]
    x0 = 320 + h.j(20)
    xs = xs or [x0 + h.j(5) for _ in range(4)]
    for i in range(4):
        back = BLUE if fronts[i] == RED else RED
        bob = 0 if spreads[i] > 30 else h.rng.uniform(4, 10)
        _walker(h, i, xs[i], spreads[i], fronts[i], back, bob, body[i], ground)
    return p


def walk_good() -> list[Film]:
    out = [Film(f"walk-good-{n}", walk_film(2300 + n)) for n in range(9)]
    out.append(Film("walk-good-ground", walk_film(2310, ground=True)))
    out.append(Film("walk-good-small-steps", walk_film(2311, spreads=[44, 6, 46, 8])))
    return out


def walk_wrong() -> list[Film]:
    return [
        Film("walk-legs-only", walk_film(2400, body=(False, True, True, True)), "apart"),
        Film("walk-first-legs-together", walk_film(2401, spreads=[8, 8, 60, 8]), "apart"),
        Film("walk-red-behind", walk_film(2402, fronts=[BLUE, RED, BLUE, BLUE]), "red"),
        Film("walk-no-red", walk_film(2403, fronts=[BLACK, BLACK, BLACK, BLACK]), "red"),
        Film("walk-passing-apart", walk_film(2404, spreads=[60, 60, 60, 8]), "together"),
        Film("walk-passing-moved", walk_film(2405, xs=[320, 480, 320, 320]), "together"),
        Film("walk-passing-legs-only", walk_film(2406, body=(True, False, True, True)),
             "together"),
        Film("walk-red-front-again", walk_film(2407, fronts=[RED, RED, RED, RED]), "blue"),
        Film("walk-third-together", walk_film(2408, spreads=[60, 8, 8, 8]), "blue"),
        Film("walk-last-apart", walk_film(2409, spreads=[60, 8, 60, 60]), "together_again"),
        Film("walk-walks-away", walk_film(2410, xs=[200, 205, 300, 420]), "play"),
    ]


GOOD: dict[str, Callable[[], list[Film]]] = {
    "blink": blink_good, "flower": flower_good, "roll": roll_good, "bounce": bounce_good,
    "squash": squash_good, "frog": frog_good, "leaf": leaf_good, "star": star_good,
    "morph": morph_good, "mouth": mouth_good, "wave": wave_good, "walk": walk_good,
}
WRONG: dict[str, Callable[[], list[Film]]] = {
    "blink": blink_wrong, "flower": flower_wrong, "roll": roll_wrong, "bounce": bounce_wrong,
    "squash": squash_wrong, "frog": frog_wrong, "leaf": leaf_wrong, "star": star_wrong,
    "morph": morph_wrong, "mouth": mouth_wrong, "wave": wave_wrong, "walk": walk_wrong,
}


# -- junk --------------------------------------------------------------------------------
def _frames_needed(lesson_id: str) -> int:
    return {"blink": 2, "flower": 6, "roll": 8, "bounce": 8, "squash": 8, "frog": 5,
            "leaf": 13, "star": 6, "morph": 7, "mouth": 4, "wave": 4, "walk": 4}[lesson_id]


def junk(lesson_id: str, scribbles: int = 6) -> list[Film]:
    """Scribbles across the paper, empty pictures and a giant filled rectangle."""
    n = _frames_needed(lesson_id)
    layers = ("drawing", "front") if lesson_id == "wave" else ("drawing",)
    out = []
    for s in range(scribbles):
        p = new(n, 8)
        h = Hand(p, 5000 + 31 * s + len(lesson_id), wobble=0)
        for i in range(n):
            for layer in layers:
                for _ in range(h.rng.choice((1, 2, 3))):
                    pts = [(h.rng.uniform(0, W), h.rng.uniform(0, H))
                           for _ in range(h.rng.randint(4, 14))]
                    colour = h.rng.choice((BLACK, RED, BLUE, GREEN, ORANGE))
                    h.stroke(i, pts, colour, h.rng.choice((6, 10, 16)), layer, shake=False)
            p.set_hold(i, h.rng.choice((1, 2, 4)))
        out.append(Film(f"{lesson_id}-scribble-{s}", p))
    out.append(Film(f"{lesson_id}-empty", new(n, 8)))
    p = new(n, 8)
    h = Hand(p, 7000, wobble=0)
    for i in range(n):
        for layer in layers:
            h.polygon(i, [(20, 20), (620, 20), (620, 460), (20, 460)], BLACK, 8, BLUE, layer)
        p.set_hold(i, 4)
    out.append(Film(f"{lesson_id}-rectangle", p))
    return out

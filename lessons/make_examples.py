"""Make every lesson's example animation (example.kadr) and start file (start.kadr).

Run from the repository root:  python lessons/make_examples.py [lesson-id ...]

The drawings are made through the core the way a child makes them: pen strokes, the
ellipse and line tools, the fill bucket, the eraser, "add picture", "copy picture" and
"stay longer", on a 640 x 480 canvas. Nothing is random, so running it twice gives the
same files byte for byte (tests/lessons checks this). Commit the .kadr files it writes.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "app"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

from kadr.core.paint import PenEvent  # noqa: E402
from kadr.core.project import Project, blank_project  # noqa: E402
from kadr.core.store import save_copy  # noqa: E402
from kadr.core.tools import ToolSession, ToolState, clear_picture  # noqa: E402

W, H = 640, 480
FLOOR = 408  # 0.85 of the height: the ground line in the lessons' guides
BLACK, RED, BLUE, GREEN = "#000000", "#e6194b", "#4363d8", "#3cb44b"
YELLOW, ORANGE, BROWN, LIME = "#ffe119", "#f58231", "#8b4513", "#bfef45"
Pt = tuple[float, float]


class Child:
    """Draws on a project through ToolSessions, one press-move-release at a time."""

    def __init__(self, project: Project) -> None:
        self.p = project
        self.state = ToolState(stabiliser=1)
        self.index = 0

    def go(self, number: int) -> None:
        """Go to picture ``number`` (1-based), as tapping it in the picture strip."""
        self.index = number - 1

    def add_picture(self) -> None:
        self.index = self.p.add_frame(self.index)

    def copy_picture(self) -> None:
        self.index = self.p.add_frame(self.index, duplicate=True)

    def stay(self, hold: int) -> None:
        self.p.set_hold(self.index, hold)

    def use(self, tool: str, colour: str = BLACK, size: int = 10, layer: str = "drawing") -> None:
        self.state.tool, self.state.color, self.state.size = tool, colour, size
        self.state.layer = layer

    def _drag(self, points: Sequence[Pt]) -> None:
        session = ToolSession(self.p, self.index, self.state)
        session.press(PenEvent(*points[0]))
        for a, b in zip(points, points[1:]):
            steps = max(1, int(math.hypot(b[0] - a[0], b[1] - a[1]) // 3))
            for k in range(1, steps + 1):
                t = k / steps
                session.move(PenEvent(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
        session.release(PenEvent(*points[-1]))

    def stroke(self, points: Sequence[Pt], colour: str = BLACK, size: int = 10,
               layer: str = "drawing") -> None:
        self.use("brush", colour, size, layer)
        self._drag(points)

    def erase(self, points: Sequence[Pt], size: int = 40, layer: str = "drawing") -> None:
        self.use("eraser", BLACK, size, layer)
        self._drag(points)

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: str = BLACK,
                size: int = 6, fill: str = "", layer: str = "drawing") -> None:
        self.use("ellipse", colour, size, layer)
        self._drag([(cx - rx, cy - ry), (cx + rx, cy + ry)])
        if fill:
            self.fill(cx, cy, fill, layer)

    def fill(self, x: float, y: float, colour: str, layer: str = "drawing") -> None:
        self.use("fill", colour, 10, layer)
        session = ToolSession(self.p, self.index, self.state)
        session.press(PenEvent(x, y))
        session.release(PenEvent(x, y))

    def clear(self) -> None:
        clear_picture(self.p, self.index)


def wobble(points: Sequence[Pt], amount: float = 2.0, seed: int = 0) -> list[Pt]:
    """A hand-drawn look without randomness: a small, fixed sideways wave."""
    return [(x + amount * math.sin(1.7 * i + seed), y + amount * math.cos(2.3 * i + seed))
            for i, (x, y) in enumerate(points)]


def new(fps: int, frames: int = 1) -> tuple[Project, Child]:
    project = blank_project(W, H)
    project.settings.fps = fps
    for _ in range(frames - 1):
        project.frames.append(project.new_frame())
    return project, Child(project)


def background(draw: Callable[[QPainter], None]) -> bytes:
    """A fixed picture under every frame (given by the lesson, not drawn by the child)."""
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#7f7f7f"), 8))
    draw(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


# -- the lessons ------------------------------------------------------------------------
def blink() -> dict[str, Project]:
    p, c = new(8)
    c.ellipse(320, 216, 130, 130, size=10)
    for x in (272, 368):
        c.ellipse(x, 180, 16, 16, size=6, fill=BLUE)
    c.stroke(wobble([(260 + 20 * i, 268 + 14 * math.sin(i * math.pi / 6)) for i in range(7)], 1))
    c.stay(4)
    c.copy_picture()
    for x in (272, 368):
        c.erase([(x - 8, 172), (x + 8, 188)], size=44)
    c.stroke([(250, 182), (294, 184)], size=8)
    c.stroke([(346, 184), (390, 182)], size=8)
    return {"example": p}


def _shoot(c: Child, height: float, seed: int) -> None:
    top = FLOOR - height
    c.stroke(wobble([(320, FLOOR - 4), (322, FLOOR - height / 2), (318, top)], 1.5, seed),
             GREEN, 10)
    if height > 60:
        y = FLOOR - height * 0.45
        c.stroke([(320, y), (340, y - 12), (350, y - 24)], GREEN, 8)


def flower() -> dict[str, Project]:
    p, c = new(6)
    heights = (40, 65, 95, 130, 170)
    for n, h in enumerate(heights):
        if n:
            c.add_picture()
        _shoot(c, h, n)
    c.copy_picture()
    cy = FLOOR - heights[-1] - 22
    for k in range(5):
        a = k * 2 * math.pi / 5
        c.ellipse(318 + 26 * math.cos(a), cy + 22 * math.sin(a), 16, 16, RED, 5, fill=RED)
    c.ellipse(318, cy, 12, 12, BLACK, 4, fill=YELLOW)
    c.stay(6)
    return {"example": p}


def roll() -> dict[str, Project]:
    p, c = new(12)
    for n in range(8):
        if n:
            c.add_picture()
        x = 70 + n * 500 / 7
        c.ellipse(x, FLOOR - 33, 30, 30, BLACK, 6, fill=ORANGE)
        a = n * math.pi / 4
        c.stroke([(x - 26 * math.cos(a), FLOOR - 33 - 26 * math.sin(a)),
                  (x + 26 * math.cos(a), FLOOR - 33 + 26 * math.sin(a))], BLACK, 6)
    return {"example": p}


BOUNCE = (1.0, 0.94, 0.75, 0.44, 0.0, 0.44, 0.75, 0.94)  # height above the floor, part of drop
TOP_Y, FLOOR_Y = 90.0, 380.0  # ball centre at the top and on the floor (radius 28)


def _bounce(key_first: bool = True) -> tuple[Project, Child]:
    p, c = new(12, 8)
    order = (1, 5, 2, 3, 4, 6, 7, 8) if key_first else range(1, 9)  # key pictures first
    for number in order:
        c.go(number)
        y = FLOOR_Y - BOUNCE[number - 1] * (FLOOR_Y - TOP_Y)
        c.ellipse(320, y, 28, 28, BLACK, 6, fill=RED)
    return p, c


def bounce() -> dict[str, Project]:
    return {"example": _bounce()[0]}


ARC_X = [0.12 + 0.095 * k for k in range(9)]  # even steps across (parts of the width)
ARC_TOP = 96.0  # the ball's centre at the top of the curve (0.2 of the height)


def arc() -> dict[str, Project]:
    """A ball kicked from the left: up in a curve, slow at the top, down on the right."""
    p, c = new(12, 9)
    ground = FLOOR - 28 - 3
    for number in (1, 5, 9, 2, 3, 4, 6, 7, 8):  # key pictures first, as the lesson asks
        c.go(number)
        height = 1 - ((number - 5) / 4) ** 2  # a parabola: small steps near the top
        c.ellipse(ARC_X[number - 1] * W, ground - height * (ground - ARC_TOP), 28, 28, BLACK, 6,
                  fill=RED)
    return {"example": p}


def squash() -> dict[str, Project]:
    start = _bounce()[0]
    p, c = _bounce()
    for number, (rx, ry, y) in ((5, (40, 20, FLOOR_Y + 8)), (4, (22, 36, 252.4)),
                                (6, (22, 36, 252.4))):
        c.go(number)
        c.clear()
        c.ellipse(320, y, rx, ry, BLACK, 6, fill=RED)
    return {"example": p, "start": start}


def _frog(c: Child, x: float, bottom: float, rx: float, ry: float) -> None:
    cy = bottom - ry
    c.ellipse(x, cy, rx, ry, BLACK, 6, fill=GREEN)
    for dx in (-0.45 * rx, 0.45 * rx):
        c.ellipse(x + dx, cy - ry + 4, 11, 11, BLACK, 5, fill="#ffffff")


def frog() -> dict[str, Project]:
    p, c = new(12)
    _frog(c, 200, FLOOR - 3, 60, 35)
    c.stay(6)
    c.copy_picture()
    c.clear()
    _frog(c, 200, FLOOR - 3, 72, 25)  # lower and wider: getting ready
    c.stay(3)
    for x, bottom, rx, ry, hold in ((240, FLOOR - 12, 30, 58, 1), (320, 240, 50, 35, 3),
                                    (440, FLOOR - 3, 68, 27, 2), (460, FLOOR - 3, 60, 35, 6)):
        c.add_picture()
        _frog(c, x, bottom, rx, ry)
        c.stay(hold)
    return {"example": p}


def _leaf(c: Child, x: float, y: float, tilt: float) -> None:
    c.ellipse(x, y, 28, 13, BLACK, 5, fill=ORANGE)
    c.stroke([(x + 26, y), (x + 38, y - 6 * tilt)], BROWN, 5)


def leaf() -> dict[str, Project]:
    p, c = new(8, 13)
    keys = ((130, 80), (500, 170), (140, 260), (470, FLOOR - 16))
    ease = (0.0, 0.15, 0.5, 0.85, 1.0)
    order = [1, 5, 9, 13, 2, 3, 4, 6, 7, 8, 10, 11, 12]  # key pictures, then in-betweens
    for number in order:
        swing, part = divmod(number - 1, 4)
        if swing == 3:
            swing, part = 2, 4
        (x0, y0), (x1, y1) = keys[swing], keys[swing + 1]
        c.go(number)
        _leaf(c, x0 + (x1 - x0) * ease[part], y0 + (y1 - y0) * part / 4, 1 - 2 * (swing % 2))
    c.go(13)
    c.stay(8)
    return {"example": p}


def _star(c: Child, turn: float) -> None:
    pts = []
    for k in range(11):
        r = 110 if k % 2 == 0 else 45
        a = math.radians(-90 + turn + k * 36)
        pts.append((320 + r * math.cos(a), 240 + r * math.sin(a)))
    c.stroke(pts, BLACK, 8)
    c.fill(320, 240, YELLOW)


def star() -> dict[str, Project]:
    p, c = new(12)
    for n in range(6):
        if n:
            c.add_picture()
        _star(c, 12 * n)
    return {"example": p}


def _rounded(c: Child, corner: float, half: float = 100) -> None:
    """A square with round corners (corner = half: a circle; corner = 0: a square)."""
    inner = half - corner
    pts: list[Pt] = []
    for k in range(4):
        mid = math.radians(90 * k + 45)
        ox = 320 + math.copysign(inner, math.cos(mid))
        oy = 240 + math.copysign(inner, math.sin(mid))
        for j in range(10):
            a = math.radians(90 * k + 10 * j)
            pts.append((ox + corner * math.cos(a), oy + corner * math.sin(a)))
    pts.append(pts[0])
    c.stroke(pts, BLACK, 8)
    c.fill(320, 240, LIME)


def morph() -> dict[str, Project]:
    p, c = new(8, 7)
    for number in (1, 7, 4, 2, 3, 5, 6):  # key pictures, the middle, then the rest
        c.go(number)
        _rounded(c, 100 * (1 - (number - 1) / 6))
    for number in (1, 7):
        c.go(number)
        c.stay(4)
    return {"example": p}


def _face(painter: QPainter) -> None:
    painter.drawEllipse(QPointF(320, 230), 190, 210)
    for x in (250, 390):
        painter.drawEllipse(QPointF(x, 170), 18, 18)
    painter.drawLine(QPointF(320, 190), QPointF(310, 250))


def mouth() -> dict[str, Project]:
    start, _ = new(12)
    start.set_background(png=background(_face))
    p, c = new(12)
    p.set_background(png=background(_face))
    closed = [(250 + 20 * i, 320 + 6 * math.sin(i * math.pi / 7)) for i in range(8)]
    c.stroke(closed, "#800000", 12)
    c.stay(3)
    c.add_picture()
    c.ellipse(320, 325, 70, 50, "#800000", 8, fill="#800000")
    c.stay(3)
    c.add_picture()
    c.ellipse(320, 325, 40, 40, "#800000", 8, fill="#800000")
    c.stay(4)
    c.add_picture()
    c.stroke(closed, "#800000", 12)
    c.stay(4)
    return {"example": p, "start": start}


SHOULDER = (346.0, 206.0)  # the waving arm's shoulder: [0.54, 0.43] in the lesson


def _body(painter: QPainter) -> None:
    painter.drawEllipse(QPointF(320, 150), 34, 34)
    painter.drawLine(QPointF(320, 184), QPointF(320, 320))
    painter.drawLine(QPointF(320, 206), QPointF(346, 206))
    painter.drawLine(QPointF(320, 216), QPointF(280, 290))
    painter.drawLine(QPointF(320, 320), QPointF(290, FLOOR))
    painter.drawLine(QPointF(320, 320), QPointF(350, FLOOR))


def wave() -> dict[str, Project]:
    start, _ = new(6, 4)
    start.set_background(png=background(_body))
    p, c = new(6, 4)
    p.set_background(png=background(_body))
    arms = (((300, 160), (252, 108)), ((352, 140), (354, 70)), ((402, 165), (444, 110)),
            ((348, 140), (356, 72)))
    # the flag trails behind the hand: on the right while the arm moves left, and back
    flags = (((252, 108), (314, 94), (302, 138)), ((354, 70), (292, 60), (300, 104)),
             ((444, 110), (382, 98), (390, 140)), ((356, 72), (418, 62), (410, 106)))
    for number, (elbow, hand) in enumerate(arms, 1):
        c.go(number)
        c.stroke([SHOULDER, elbow, hand], BROWN, 12)
    for number, tri in enumerate(flags, 1):
        c.go(number)
        c.stroke(list(tri) + [tri[0]], BLACK, 5, layer="front")
        c.fill(sum(x for x, _ in tri) / 3, sum(y for _, y in tri) / 3, RED, layer="front")
    return {"example": p, "start": start}


WIDE = {"back": [(320, 290), (300, 345), (262, 400)], "front": [(320, 290), (350, 345), (380, 400)]}
TOGETHER = {"back": [(320, 282), (312, 340), (316, 398)], "front": [(320, 282), (332, 340), (326, 398)]}


def _walker(c: Child, legs: dict[str, list[Pt]], front: str, back: str, bob: float) -> None:
    hip = legs["back"][0][1]
    c.ellipse(320, 130 - bob, 25, 25, BLACK, 8)
    c.stroke([(320, 155 - bob), (320, hip)], BLACK, 10)
    c.stroke([(320, 190 - bob), (290, 240 - bob)], BLACK, 8)
    c.stroke([(320, 190 - bob), (350, 240 - bob)], BLACK, 8)
    c.stroke(legs["back"], back, 10)
    c.stroke(legs["front"], front, 10)


def walk() -> dict[str, Project]:
    p, c = new(6, 4)
    for number, legs, front, back, bob in ((1, WIDE, RED, BLUE, 0), (2, TOGETHER, RED, BLUE, 8),
                                           (3, WIDE, BLUE, RED, 0), (4, TOGETHER, BLUE, RED, 8)):
        c.go(number)
        _walker(c, legs, front, back, bob)
    return {"example": p}


MAKERS: dict[str, Callable[[], dict[str, Project]]] = {
    "blink": blink, "flower": flower, "roll": roll, "bounce": bounce, "arc": arc,
    "squash": squash, "frog": frog, "leaf": leaf, "star": star, "morph": morph,
    "mouth": mouth, "wave": wave, "walk": walk,
}


def make(lesson_id: str, folder: Path = HERE) -> list[Path]:
    """Write the example (and start) files of one lesson; returns the paths written."""
    written = []
    for name, project in MAKERS[lesson_id]().items():
        path = folder / lesson_id / f"{name}.kadr"
        path.parent.mkdir(parents=True, exist_ok=True)
        save_copy(project, path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (QPainter needs it)
    for lesson_id in argv or list(MAKERS):
        for path in make(lesson_id):
            print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

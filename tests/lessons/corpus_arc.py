"""The judged corpus of the arc lesson: a ball kicked from the left flies in a curve.

Drawn like corpus.py's films, through Kadr's own tools with its seeded Hand: wobbly
circles, outline or coloured in, uneven but eased spacing, a ground line or a stray dash
now and then. ``arc_good`` are films a teacher would accept; ``arc_wrong`` films she
would reject, each for one step (``Film.target``); ``arc_junk`` the shared junk
(scribbles, empty pictures, a filled rectangle) with a ninth picture.

Run as a script to write the films ``kadr lessons check`` judges in lessons/arc/tests/.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from corpus import BLACK, BLUE, FLOOR, RED, YELLOW, Film, Hand, W, junk, new

from kadr.core.project import Project

COUNT = 9
EVEN_X = [0.12 + 0.095 * k for k in range(COUNT)]  # parts of the width, as the lesson's dots
CURVE = [1 - ((k - 4) / 4) ** 2 for k in range(COUNT)]  # height, part of the rise: a parabola


def arc_film(seed: int, *, heights: Sequence[float] | None = None,
             xs: Sequence[float] | None = None, top: float | None = None,
             ground: bool | None = None, stray: bool | None = None,
             filled: bool | None = None, noise: float = 0.04,
             x_noise: float = 0.012) -> Project:
    """heights: per picture, part of the rise (0 = on the ground, 1 = the top);
    xs: per picture, part of the width. None draws a good film with a child's unevenness."""
    p = new(COUNT, 12)
    h = Hand(p, seed, wobble=2.0)
    r = h.rng.uniform(22, 32)
    top = h.rng.uniform(80, 125) if top is None else top
    floor_y = FLOOR - r - 3 + h.j(3)
    if heights is None:
        heights = [c if c in (0.0, 1.0) else c + h.j(noise) for c in CURVE]
    if xs is None:
        step = 0.095 + h.j(0.01)
        start = 0.12 + h.j(0.04)
        xs = [start + step * k + (0 if k in (0, 4, 8) else h.j(x_noise)) for k in range(COUNT)]
    ground = h.rng.random() < 0.3 if ground is None else ground
    stray = h.rng.random() < 0.2 if stray is None else stray
    filled = h.rng.random() < 0.6 if filled is None else filled
    colour = h.rng.choice((RED, BLUE, YELLOW))
    for i in (0, 4, 8, 1, 2, 3, 5, 6, 7):  # key pictures first, as the lesson asks
        y = floor_y - heights[i] * (floor_y - top)
        h.ring(i, xs[i] * W, y, r, r, BLACK, 6, colour if filled else "")
        if ground:
            h.ground(i)
        if stray and i == 6:
            h.dash(i)
    return p


def _even_path(n: int = COUNT) -> tuple[list[float], list[float]]:
    """Pictures evenly spaced along the curve itself (no slowing at the top)."""
    import math

    fine = [k / 400 for k in range(401)]
    pts = [(0.12 + 0.76 * t, 1 - (2 * t - 1) ** 2) for t in fine]
    # lengths in pixels: x over the width, height over a rise of about 280 px
    lengths = [0.0]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        lengths.append(lengths[-1] + math.hypot((x1 - x0) * W, (y1 - y0) * 280))
    xs, hs = [], []
    for k in range(n):
        want = lengths[-1] * k / (n - 1)
        j = min(range(len(lengths)), key=lambda m: abs(lengths[m] - want))
        xs.append(pts[j][0])
        hs.append(pts[j][1])
    return xs, hs


def arc_good() -> list[Film]:
    out = [Film(f"arc-good-{n}", arc_film(3100 + n)) for n in range(9)]
    out.append(Film("arc-good-ground-and-dash", arc_film(3110, ground=True, stray=True)))
    out.append(Film("arc-good-outline", arc_film(3111, filled=False)))
    out.append(Film("arc-good-uneven", arc_film(
        3112, heights=(0.0, 0.5, 0.72, 0.95, 1.0, 0.9, 0.78, 0.4, 0.0),
        xs=(0.1, 0.2, 0.32, 0.4, 0.5, 0.58, 0.7, 0.79, 0.87))))
    out.append(Film("arc-good-wobbly", arc_film(3116, noise=0.07, x_noise=0.02)))
    out.append(Film("arc-good-low-curve", arc_film(3113, top=160)))
    out.append(Film("arc-good-top-off-centre", arc_film(
        3114, heights=(0.0, 0.5, 0.82, 1.0, 0.97, 0.85, 0.62, 0.36, 0.0))))
    out.append(Film("arc-good-short-throw", arc_film(
        3115, xs=[0.2 + 0.075 * k for k in range(COUNT)])))
    return out


def arc_wrong() -> list[Film]:
    even_x, even_h = _even_path()
    # two straight lines meeting in a point, with steps getting smaller near the top
    ease = (0.0, 0.35, 0.65, 0.88, 1.0, 0.88, 0.65, 0.35, 0.0)
    vee_x = [0.12 + 0.38 * t if k <= 4 else 0.88 - 0.38 * t for k, t in enumerate(ease)]
    vee_even = (0.0, 0.25, 0.5, 0.75, 1.0, 0.75, 0.5, 0.25, 0.0)
    return [
        Film("arc-starts-in-the-air", arc_film(3200, heights=[0.5 + 0.5 * c for c in CURVE]),
             "start"),
        Film("arc-straight-up-and-down", arc_film(3201, xs=[0.5] * COUNT), "start"),
        Film("arc-flat-across-the-middle", arc_film(3202, heights=[0.6] * COUNT), "start"),
        Film("arc-rolls-along-the-ground", arc_film(3203, heights=[0.0] * COUNT), "top"),
        Film("arc-top-far-aside", arc_film(3204, xs=[0.12, 0.17, 0.22, 0.26, 0.3, 0.45, 0.6,
                                                     0.75, 0.88]), "top"),
        Film("arc-lands-in-the-air", arc_film(3205, heights=CURVE[:8] + [0.45]), "end"),
        Film("arc-lands-on-the-left", arc_film(3206, xs=EVEN_X[:5] + [0.45, 0.4, 0.35, 0.3]),
             "end"),
        Film("arc-rolls-then-jumps-up", arc_film(3207, heights=(0.0, 0.0, 0.02, 0.0, 1.0, 0.94,
                                                                0.75, 0.44, 0.0)), "up"),
        Film("arc-goes-up-then-across", arc_film(3208, xs=[0.12, 0.12, 0.13, 0.12] + EVEN_X[4:]),
             "up"),
        Film("arc-not-moving", arc_film(3209, heights=(0.0, 0.0, 0.0, 0.0, 1.0, 0.94, 0.75,
                                                       0.44, 0.0),
                                        xs=[0.12] * 4 + EVEN_X[4:]), "up"),
        Film("arc-back-and-forth-up", arc_film(3210, xs=(0.12, 0.3, 0.2, 0.4, 0.5, 0.595, 0.69,
                                                         0.785, 0.88)), "up"),
        Film("arc-zigzag-up", arc_film(3211, heights=(0.0, 0.6, 0.35, 0.9, 1.0, 0.94, 0.75,
                                                      0.44, 0.0)), "up"),
        Film("arc-flies-flat-at-the-top", arc_film(3212, heights=(0.0, 1.0, 1.0, 1.0, 1.0, 1.0,
                                                                  1.0, 1.0, 0.0)), "up"),
        Film("arc-teleports-to-the-top", arc_film(3213, heights=(0.0, 0.05, 0.1, 0.15, 1.0, 0.94,
                                                                 0.75, 0.44, 0.0)), "up"),
        Film("arc-back-and-forth-down", arc_film(3214, xs=EVEN_X[:5] + [0.7, 0.6, 0.8, 0.88]),
             "down"),
        Film("arc-goes-up-again", arc_film(3215, heights=CURVE[:6] + [0.4, 0.7, 0.0]), "down"),
        Film("arc-pointed-roof", arc_film(3216, heights=ease, xs=vee_x), "up"),
        Film("arc-pointed-roof-even", arc_film(3217, heights=vee_even), "up"),
        Film("arc-straight-down", arc_film(3221, heights=CURVE[:5] + list(ease[5:]),
                                           xs=EVEN_X[:5] + vee_x[5:]), "down"),
        Film("arc-even-steps-along-the-curve", arc_film(3218, heights=even_h, xs=even_x),
             "up"),
        Film("arc-even-steps-coming-down", arc_film(3222, heights=CURVE[:5] + even_h[5:],
                                                    xs=EVEN_X[:5] + even_x[5:]), "down"),
        Film("arc-top-at-picture-2", arc_film(3219, heights=(0.0, 1.05, 1.03, 1.01, 1.0, 0.85,
                                                             0.6, 0.32, 0.0)), "up"),
        Film("arc-teleports-across", arc_film(3220, xs=[0.12, 0.14, 0.16, 0.18, 0.5, 0.82, 0.84,
                                                        0.86, 0.88]), "up"),
    ]


def arc_junk() -> list[Film]:
    """The shared junk (made for the bounce's 8 pictures) with a ninth picture: a copy of
    the eighth, as a child pressing Copy picture would make."""
    out = []
    for film in junk("bounce"):
        film.project.add_frame(7, duplicate=True)
        out.append(Film(film.name.replace("bounce", "arc", 1), film.project))
    return out


def ship(folder: Path) -> list[Path]:
    """Write a few films from the corpus into ``folder``/tests/accept and tests/reject, the
    way a teacher proves a lesson's checks (reject films name their step: step--name)."""
    from kadr.core.store import save_copy

    accept = {"wobbly": "arc-good-0", "outline": "arc-good-outline",
              "ground-and-dash": "arc-good-ground-and-dash", "uneven": "arc-good-uneven"}
    reject = {"up--rolls-then-jumps": "arc-rolls-then-jumps-up",
              "up--pointed-roof": "arc-pointed-roof",
              "down--straight-down": "arc-straight-down",
              "down--even-steps": "arc-even-steps-coming-down",
              "top--rolls-along-the-ground": "arc-rolls-along-the-ground",
              "straight-up-and-down": "arc-straight-up-and-down"}
    films = {f.name: f for f in arc_good() + arc_wrong()}
    written = []
    for kind, chosen in (("accept", accept), ("reject", reject)):
        (folder / "tests" / kind).mkdir(parents=True, exist_ok=True)
        for file_name, film in chosen.items():
            path = folder / "tests" / kind / f"{file_name}.kadr"
            save_copy(films[film].project, path)
            written.append(path)
    return written


if __name__ == "__main__":
    # python tests/lessons/corpus_arc.py  (from the repository root)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["kadr"])  # noqa: F841
    root = Path(__file__).resolve().parents[2]
    for written_path in ship(root / "lessons" / "arc"):
        print(f"wrote {written_path.relative_to(root)}")
    sys.exit(0)

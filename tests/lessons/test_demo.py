"""The pen path a demonstration draws an example picture along (no Qt)."""

from __future__ import annotations

import numpy as np

from kadr.lessons.demo import plan_demo


def ball(h: int = 240, w: int = 320) -> np.ndarray:
    """A red ball with a black outline and a black line beside it, as premultiplied BGRA."""
    yy, xx = np.mgrid[:h, :w]
    r = np.hypot(xx - 100, yy - 120)
    out = np.zeros((h, w, 4), np.uint8)
    out[r <= 40] = (75, 25, 230, 255)  # red inside
    out[(r > 36) & (r <= 40)] = (0, 0, 0, 255)  # black outline
    out[100:104, 200:300] = (0, 0, 0, 255)  # a line
    return out


def test_every_ink_pixel_gets_a_time_and_nothing_else_does():
    pixels = ball()
    plan = plan_demo(pixels)
    ink = pixels[..., 3] > 16
    assert np.isfinite(plan.times[ink]).all() and np.isinf(plan.times[~ink]).all()
    assert plan.times[ink].min() == 0.0 and plan.times[ink].max() < 1.0
    assert plan.revealed(1.0).sum() == ink.sum()
    assert 0 < plan.revealed(0.5).sum() < ink.sum()


def test_lines_first_along_a_path_then_the_colouring_in():
    """The outline and the line come before the inside, and the pen mostly moves to a
    neighbouring place (a path, not a sweep of the whole picture)."""
    pixels = ball()
    plan = plan_demo(pixels)
    lines = (pixels[..., 3] == 255) & (pixels[..., 2] == 0)  # the outline and the line
    yy, xx = np.mgrid[:240, :320]
    core = (pixels[..., 2] == 230) & (np.hypot(xx - 100, yy - 120) < 26)  # whole cells
    assert plan.times[lines].max() <= plan.times[core].min()
    steps = np.hypot(*np.diff(plan.path, axis=0).T)
    assert np.median(steps) <= 8.5  # one cell (6 px) or a diagonal one
    assert (steps > 30).sum() <= 3  # a few pen lifts: to the line, to the colouring in
    x, y = plan.pen_at(0.0)
    assert y < 90  # a child starts a ball at its top


def test_an_empty_picture_has_nothing_to_draw():
    plan = plan_demo(np.zeros((50, 60, 4), np.uint8))
    assert plan.empty and plan.pen_at(0.5) is None and not plan.revealed(1.0).any()

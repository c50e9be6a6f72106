"""The order in which a demonstration "draws" an example picture (no Qt).

An example film keeps pictures as pixels, not strokes, so a demonstration cannot replay
the author's pen. It invents a pen path instead: the ink is cut into small cells, the
outline cells (dark ink and the ink's edge) are visited first by always moving to the
nearest cell not drawn yet (so the pen runs along lines and round a ball), then the
cells inside are coloured in, row after row, back and forth. Each ink pixel gets the time,
0..1, at which the pen reaches it; a demonstration shows the pixels whose time has come.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_CELLS = 2500  # the walk is quadratic in cells: a few tens of milliseconds at most
INK_ALPHA = 16  # fainter pixels are antialiasing, not ink
DARK = 110  # ink darker than this (0..255) is a line, drawn before the colouring in


@dataclass(frozen=True)
class DemoPlan:
    """When the pen reaches each pixel of one picture."""

    times: np.ndarray  # (h, w) float32: 0..1 for ink, inf elsewhere
    path: np.ndarray  # (n, 2) float32: the pen's places in pixels (x, y), in order

    @property
    def empty(self) -> bool:
        return len(self.path) == 0

    def revealed(self, progress: float) -> np.ndarray:
        """The ink drawn by ``progress`` (0..1): a bool (h, w) mask."""
        return self.times <= progress

    def pen_at(self, progress: float) -> tuple[float, float] | None:
        """Where the pen is at ``progress``; None for an empty picture."""
        if self.empty:
            return None
        i = min(len(self.path) - 1, max(0, int(progress * len(self.path))))
        x, y = self.path[i]
        return float(x), float(y)


def _cell_size(mask: np.ndarray) -> int:
    """The smallest cell (from 6 px) that keeps the walk under MAX_CELLS cells."""
    size = 6
    while True:
        h, w = mask.shape
        hh, ww = -(-h // size), -(-w // size)
        padded = np.zeros((hh * size, ww * size), bool)
        padded[:h, :w] = mask
        cells = padded.reshape(hh, size, ww, size).any(axis=(1, 3))
        if int(cells.sum()) <= MAX_CELLS:
            return size
        size += 2


def _walk(points: np.ndarray, start: np.ndarray) -> list[int]:
    """Indices of ``points`` in the order a pen visits them: always the nearest one left."""
    left = np.ones(len(points), bool)
    order: list[int] = []
    here = start.astype(np.float64)
    pts = points.astype(np.float64)
    for _ in range(len(points)):
        d = ((pts - here) ** 2).sum(axis=1)
        d[~left] = np.inf
        i = int(np.argmin(d))
        order.append(i)
        left[i] = False
        here = pts[i]
    return order


def plan_demo(bgra: np.ndarray) -> DemoPlan:
    """A DemoPlan for a picture as premultiplied (h, w, 4) B, G, R, A bytes."""
    alpha = bgra[..., 3]
    mask = alpha > INK_ALPHA
    h, w = mask.shape
    times = np.full((h, w), np.inf, np.float32)
    if not mask.any():
        return DemoPlan(times, np.zeros((0, 2), np.float32))
    size = _cell_size(mask)
    # a line is dark ink or the edge of the ink (a pixel with an empty neighbour)
    grey = bgra[..., :3].astype(np.uint16).sum(axis=2) // 3
    edge = mask & ~(np.roll(mask, 1, 0) & np.roll(mask, -1, 0)
                    & np.roll(mask, 1, 1) & np.roll(mask, -1, 1))
    line = mask & ((grey < DARK) | edge)
    ys, xs = np.nonzero(mask)
    cy, cx = ys // size, xs // size
    ncols = -(-w // size)
    cell_id = cy * ncols + cx
    ids, inverse = np.unique(cell_id, return_inverse=True)
    is_line = np.zeros(len(ids), bool)
    np.logical_or.at(is_line, inverse, line[ys, xs])
    centres = np.stack([(ids % ncols) * size + size / 2, (ids // ncols) * size + size / 2],
                       axis=1).astype(np.float32)
    lines, fills = np.nonzero(is_line)[0], np.nonzero(~is_line)[0]
    order: list[int] = []
    if len(lines):
        # start where a child would: the top of the drawing, leftmost there
        first = lines[np.lexsort((centres[lines, 0], centres[lines, 1]))[0]]
        order += [int(lines[i]) for i in _walk(centres[lines], centres[first])]
    if len(fills):
        rows = centres[fills, 1]
        xs_f = centres[fills, 0]
        flip = np.where((rows // size).astype(int) % 2 == 1, -xs_f, xs_f)  # back and forth
        order += [int(fills[i]) for i in np.lexsort((flip, rows))]
    rank = np.empty(len(ids), np.float32)
    rank[np.array(order)] = np.arange(len(order), dtype=np.float32) / max(1, len(order))
    times[ys, xs] = rank[inverse]
    return DemoPlan(times, centres[np.array(order)])

"""Measurements of a child's drawing, read from the core Renderer's pixels.

Built for messy drawings (lessons-research.md, section 4.1): ink is alpha >= 0.25 minus
tiny specks; outline and filled drawings measure alike through the convex hull; overlap
("similarity") uses masks thickened by 0.4 % of the diagonal so shaky lines still match.
Results are cached by the pictures' (uid, version), so checking after every edit is cheap.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from kadr.core.picture import as_array
from kadr.core.project import DRAWING_LAYERS, Project
from kadr.core.render import Renderer

ALPHA_MIN = 64  # 0.25 of 255
SPECK = 0.0002  # pieces smaller than this part of the canvas are ignored
PRESENT = 0.0005  # "something was drawn": thick ink covers this part of the canvas
THICK = 0.004  # thickening radius, part of the diagonal
_CACHE_MAX = 48
FLOOR_LINE_WIDTH = 0.4  # a ground line spans this part of the width or more
FLOOR_LINE_THICK = 0.04  # and is at most this part of the height thick
FLOOR_LINE_GAP = 0.05  # pieces of a ground line this part of the width apart are one line
SMALL, FAR = 0.5, 0.05  # a stray mark: under SMALL of the main drawing, FAR (diagonal) away


def _pack(mask: np.ndarray) -> np.ndarray:
    return np.packbits(mask, axis=None)


def _unpack(packed: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    bits = np.unpackbits(packed, count=shape[0] * shape[1])
    return np.asarray(bits.reshape(shape).view(bool))


@dataclass
class Ink:
    """What one picture's ink looks like, in canvas pixels. Masks are kept packed (one bit
    a pixel), so the cache stays small even for 1920 x 1080 films."""

    shape: tuple[int, int]  # (height, width) of the canvas
    packed: np.ndarray = field(repr=False)  # the ink mask, np.packbits
    area: int = 0
    present: bool = False
    hull_area: float = 0.0
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # left, top, right, bottom (exclusive)
    cx: float = 0.0
    cy: float = 0.0
    _thick: np.ndarray | None = field(default=None, repr=False)  # packed too
    _filled: np.ndarray | None = field(default=None, repr=False)  # packed too

    @property
    def mask(self) -> np.ndarray:
        """The ink pixels, bool (h, w)."""
        return _unpack(self.packed, self.shape)

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    @property
    def size(self) -> float:
        return float(np.sqrt(self.hull_area))

    @property
    def aspect(self) -> float:
        return self.width / max(1, self.height)


_cache: OrderedDict[tuple[object, ...], Ink] = OrderedDict()


def layers_of(layer: str) -> tuple[str, ...]:
    return DRAWING_LAYERS if layer == "all" else (layer,)


def diagonal(project: Project) -> float:
    return float(np.hypot(project.width, project.height))


def ink(project: Project, index: int, layer: str = "all") -> Ink:
    """The measured ink of picture ``index`` (0-based) on ``layer`` ("all" = every layer)."""
    layers = layers_of(layer)
    frame = project.frames[index]
    key = (project.width, project.height, layers,
           tuple(frame.pictures[n].key for n in layers),
           tuple(project.settings.visible.get(n, True) for n in layers))
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    image = Renderer(project).drawing(index, layers)
    alpha = as_array(image)[:, :, 3] >= ALPHA_MIN
    result = measure(main_shape(_drop_specks(alpha.copy(), project.width * project.height)))
    _cache[key] = result
    while len(_cache) > _CACHE_MAX:
        _cache.popitem(last=False)
    return result


def _drop_specks(mask: np.ndarray, canvas: int) -> np.ndarray:
    if not mask.any():
        return mask
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), bool))
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    small = sizes < max(2, SPECK * canvas)
    small[0] = False
    if small.any():
        mask[small[labels]] = False
    return mask


def main_shape(mask: np.ndarray) -> np.ndarray:
    """The drawing the child is making, without lines along the floor and without small
    marks far from it (a ground line or one stray dash must not move the centre)."""
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return mask
    h, w = mask.shape
    pad = 2 + round(THICK * float(np.hypot(w, h)))
    view = mask[max(0, rows[0] - pad):rows[-1] + pad + 1, max(0, cols[0] - pad):cols[-1] + pad + 1]
    top = max(0, rows[0] - pad)
    _drop_far_marks(_drop_floor_lines(view, (h, w), top), float(np.hypot(w, h)))
    return mask


def vertical_runs(mask: np.ndarray) -> np.ndarray:
    """For every ink pixel, the length of the unbroken ink run in its column."""
    cols = np.zeros((mask.shape[1], mask.shape[0] + 1), bool)
    cols[:, :-1] = mask.T
    flat = cols.ravel()
    starts = flat & ~np.concatenate(([False], flat[:-1]))
    ids = np.cumsum(starts) * flat
    lengths = np.bincount(ids)
    lengths[0] = 0
    return np.asarray(lengths[ids].reshape(cols.shape)[:, :-1].T)


def _drop_floor_lines(mask: np.ndarray, canvas: tuple[int, int], top: int) -> np.ndarray:
    """Remove long, thin, nearly level lines in the lower half (the ground a child draws),
    even where the drawing stands on them; what stands on the line is kept. ``mask`` is a
    crop of a canvas of size ``canvas`` starting at row ``top``."""
    h, w = canvas
    cols = np.flatnonzero(mask.any(axis=0))
    if cols.size == 0 or cols[-1] - cols[0] < FLOOR_LINE_WIDTH * w:
        return mask
    thin = mask & (vertical_runs(mask) <= FLOOR_LINE_THICK * h)
    # what stands on the line splits it: join pieces across short gaps
    joined = ndimage.maximum_filter1d(thin.view(np.uint8), 2 * round(FLOOR_LINE_GAP * w) + 1,
                                      axis=1) > 0
    labels, count = ndimage.label(joined, structure=np.ones((3, 3), bool))
    labels[~thin] = 0
    if count == 0:
        return mask
    for n, box in enumerate(ndimage.find_objects(labels), 1):
        if box is None or box[1].stop - box[1].start < FLOOR_LINE_WIDTH * w:
            continue
        ys, xs = np.nonzero(labels[box] == n)
        ys, xs = ys + box[0].start, xs + box[1].start
        line = _level_line(xs, ys + top, h)
        if line is None:
            continue
        slope, offset, half = line
        near = np.abs(ys + top - (slope * xs + offset)) <= half + 2
        mask[ys[near], xs[near]] = False
    return mask


def _level_line(xs: np.ndarray, ys: np.ndarray, height: int) -> tuple[float, float, float] | None:
    """(slope, offset, half thickness) of a level line through the pixels, fitted on the
    columns that hold only the line; None when the pixels are not such a line."""
    order = np.argsort(xs, kind="stable")
    xs, ys = xs[order], ys[order]
    cols, first, counts = np.unique(xs, return_index=True, return_counts=True)
    top = np.minimum.reduceat(ys, first)
    bottom = np.maximum.reduceat(ys, first)
    span = bottom - top + 1
    pure = (span == counts) & (span <= np.median(span) * 1.5 + 1)
    if np.count_nonzero(pure) < 0.5 * cols.size:
        return None
    mid = (top + bottom) / 2.0
    slope, offset = np.polyfit(cols[pure], mid[pure], 1)
    thick_px = float(np.median(span[pure]))
    centre_y = slope * cols.mean() + offset
    if abs(slope) > 0.15 or thick_px > FLOOR_LINE_THICK * height or centre_y < 0.5 * height:
        return None
    return float(slope), float(offset), thick_px / 2.0


def _drop_far_marks(mask: np.ndarray, diag: float) -> np.ndarray:
    """Remove marks much smaller than the main drawing and far from it."""
    if not mask.any():
        return mask
    r = max(1, round(THICK * diag))
    joined = ndimage.maximum_filter(mask.view(np.uint8), size=2 * r + 1) > 0
    labels, count = ndimage.label(joined, structure=np.ones((3, 3), bool))
    if count < 2:
        return mask
    sizes = np.bincount(labels[mask], minlength=count + 1)
    main = int(np.argmax(sizes))
    boxes = ndimage.find_objects(labels)
    mb = boxes[main - 1]
    assert mb is not None
    gap = FAR * diag
    for n, box in enumerate(boxes, 1):
        if n == main or box is None or sizes[n] >= SMALL * sizes[main]:
            continue
        dx = max(mb[1].start - box[1].stop, box[1].start - mb[1].stop, 0)
        dy = max(mb[0].start - box[0].stop, box[0].start - mb[0].stop, 0)
        if np.hypot(dx, dy) > gap:
            mask[box][labels[box] == n] = False
    return mask


def measure(mask: np.ndarray) -> Ink:
    """Area, bounding box, convex hull area and hull centre of a boolean ink mask."""
    out = Ink(shape=(mask.shape[0], mask.shape[1]), packed=_pack(mask))
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return out
    h, w = mask.shape
    out.area = int(mask.sum())
    sub = mask[rows]
    left = sub.argmax(axis=1)
    right = w - sub[:, ::-1].argmax(axis=1)  # exclusive
    out.box = (int(np.min(left)), int(rows[0]), int(np.max(right)), int(rows[-1]) + 1)
    pts = np.concatenate([
        np.stack([left, rows], 1), np.stack([left, rows + 1], 1),
        np.stack([right, rows], 1), np.stack([right, rows + 1], 1),
    ]).astype(np.float64)
    hull = convex_hull(pts)
    area, cx, cy = _polygon(hull)
    if area <= 0:
        ys, xs = np.nonzero(mask)
        area, cx, cy = float(out.area), float(xs.mean()) + 0.5, float(ys.mean()) + 0.5
    out.hull_area, out.cx, out.cy = area, cx, cy
    out.present = np.count_nonzero(thick(out, mask)) >= PRESENT * w * h
    return out


def convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain; ``points`` is (n, 2); returns the hull counter-clockwise."""
    pts = np.unique(points, axis=0)
    if len(pts) < 3:
        return pts

    def half(seq: np.ndarray) -> list[np.ndarray]:
        chain: list[np.ndarray] = []
        for p in seq:
            while len(chain) >= 2:
                a, b = chain[-2], chain[-1]
                if (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) > 0:
                    break
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(pts), half(pts[::-1])
    return np.array(lower[:-1] + upper[:-1])


def _polygon(p: np.ndarray) -> tuple[float, float, float]:
    """(area, centroid x, centroid y) of a simple polygon."""
    if len(p) < 3:
        return 0.0, 0.0, 0.0
    x, y = p[:, 0], p[:, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    a = cross.sum() / 2.0
    if abs(a) < 1e-9:
        return 0.0, 0.0, 0.0
    cx = ((x + x1) * cross).sum() / (6.0 * a)
    cy = ((y + y1) * cross).sum() / (6.0 * a)
    return float(abs(a)), float(cx), float(cy)


def thick(item: Ink, mask: np.ndarray | None = None) -> np.ndarray:
    """The ink mask grown by 0.4 % of the canvas diagonal (joins gappy strokes)."""
    if item._thick is not None:
        return _unpack(item._thick, item.shape)
    h, w = item.shape
    r = max(1, round(THICK * float(np.hypot(w, h))))
    out = np.zeros((h, w), bool)
    if item.area:
        mask = item.mask if mask is None else mask
        x0, y0 = max(0, item.box[0] - r), max(0, item.box[1] - r)
        x1, y1 = min(w, item.box[2] + r), min(h, item.box[3] + r)
        out[y0:y1, x0:x1] = ndimage.binary_dilation(
            mask[y0:y1, x0:x1], np.ones((2 * r + 1, 2 * r + 1), bool))
    item._thick = _pack(out)
    return out


def similarity(a: Ink, b: Ink) -> float:
    """Overlap of the thick masks: 1 = the same drawing, 0 = nothing in common."""
    if not a.present and not b.present:
        return 1.0
    if not a.present or not b.present:
        return 0.0
    ta, tb = thick(a), thick(b)
    union = np.count_nonzero(ta | tb)
    return float(np.count_nonzero(ta & tb)) / float(union) if union else 1.0


def filled(item: Ink) -> np.ndarray:
    """The thick ink with its holes filled: an outline and a coloured-in shape alike."""
    if item._filled is not None:
        return _unpack(item._filled, item.shape)
    out = np.zeros(item.shape, bool)
    if item.area:
        t = thick(item)
        h, w = item.shape
        x0, y0 = max(0, item.box[0] - 8), max(0, item.box[1] - 8)
        x1, y1 = min(w, item.box[2] + 8), min(h, item.box[3] + 8)
        out[y0:y1, x0:x1] = ndimage.binary_fill_holes(t[y0:y1, x0:x1])
    item._filled = _pack(out)
    return out


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    union = np.count_nonzero(a | b)
    return float(np.count_nonzero(a & b)) / float(union) if union else 1.0


def filled_similarity(a: Ink, b: Ink) -> float:
    """Overlap of the filled shapes (outlines compare like coloured-in drawings)."""
    if not a.present or not b.present:
        return float(a.present == b.present)
    return overlap(filled(a), filled(b))


def squareness(item: Ink) -> float:
    """How much of its bounding box the filled shape covers: a square about 0.9 or more,
    a circle about 0.78, a triangle about 0.5."""
    if not item.present:
        return 0.0
    f = filled(item)
    rows, cols = np.flatnonzero(f.any(axis=1)), np.flatnonzero(f.any(axis=0))
    box = (rows[-1] - rows[0] + 1) * (cols[-1] - cols[0] + 1)
    return float(np.count_nonzero(f)) / float(box)


def signature(item: Ink, bins: int = 180) -> np.ndarray:
    """The filled shape's outline as a distance from its centre for every direction
    (2 degrees a bin), divided by the mean distance: a size-free fingerprint to turn."""
    f = filled(item)
    ys, xs = np.nonzero(f)
    cx, cy = xs.mean(), ys.mean()
    angle = np.arctan2(ys - cy, xs - cx)
    radius = np.hypot(xs - cx, ys - cy)
    which = ((angle + np.pi) / (2 * np.pi) * bins).astype(int) % bins
    out = np.zeros(bins)
    np.maximum.at(out, which, radius)
    mean = out.mean()
    return out / mean if mean > 0 else out


def turn_between(a: Ink, b: Ink) -> tuple[float, float, float]:
    """How far picture b is turned from picture a, in degrees (the smallest turn that
    makes them match), with how badly they match unturned and turned (0 = exactly)."""
    sa, sb = signature(a), signature(b)
    n = sa.size
    diffs = np.array([np.abs(sa - np.roll(sb, -k)).mean() for k in range(n)])
    best = float(diffs.min())
    near = np.flatnonzero(diffs <= best + max(0.01, 0.1 * (float(diffs[0]) - best)))
    shifts = np.where(near > n // 2, near - n, near)
    k = int(shifts[np.argmin(np.abs(shifts))])
    return k * 360.0 / n, float(diffs[0]), float(diffs[k % n])


def colour_mask(project: Project, index: int, colour: str, layer: str = "all",
                tolerance: int = 60) -> np.ndarray:
    """Ink pixels whose colour is within ``tolerance`` (RGB distance) of ``colour``."""
    image = Renderer(project).drawing(index, layers_of(layer))
    arr = as_array(image).astype(np.float32)
    alpha = arr[:, :, 3]
    solid = alpha >= 128
    rgb = arr[:, :, 2::-1] * (255.0 / np.maximum(alpha, 1.0))[:, :, None]  # un-premultiply
    target = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], np.float32)
    near = np.sqrt(((rgb - target) ** 2).sum(axis=2)) <= tolerance
    return np.asarray(solid & near)


def clear_cache() -> None:
    _cache.clear()

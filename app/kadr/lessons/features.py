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
    result = measure(_drop_specks(alpha.copy(), project.width * project.height))
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

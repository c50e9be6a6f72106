"""The fill bucket: fills the closed shape under a point, even through small gaps.

Children's outlines rarely close exactly. Lines are thickened by ``gap`` pixels before the
flood fill (so a gap of up to about twice that holds the paint in), then the filled area
grows back under the lines. Paint goes behind the existing lines, so edges stay crisp.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from kadr.core.picture import as_array


def _grow(mask: np.ndarray, radius: int) -> np.ndarray:
    """Dilate a boolean mask by a square of ``radius`` (separable: rows, then columns)."""
    if radius <= 0:
        return mask
    out = mask.copy()
    for _ in range(radius):
        out[1:, :] |= mask[:-1, :]
        out[:-1, :] |= mask[1:, :]
        mask = out.copy()
    for _ in range(radius):
        out[:, 1:] |= mask[:, :-1]
        out[:, :-1] |= mask[:, 1:]
        mask = out.copy()
    grown: np.ndarray = out
    return grown


def fill_region(reference: QImage, x: int, y: int, tolerance: int = 32, gap: int = 3) -> np.ndarray:
    """Boolean mask of the area a fill at (x, y) covers, judged on ``reference``."""
    ref = as_array(reference)
    seed = ref[y, x].astype(np.int16)
    lines = np.abs(ref.astype(np.int16) - seed).max(axis=2) > tolerance
    barrier = _grow(lines, gap)
    if barrier[y, x]:  # clicked right beside a line: fill without gap closing
        barrier, gap = lines, 0
    # connected areas of non-line pixels; scipy labels them in C (Pillow's floodfill is
    # Python). Imported here: loading scipy costs ~0.5 s, which start-up should not pay.
    from scipy import ndimage

    labels, _count = ndimage.label(~barrier)
    region = labels == labels[y, x]
    # grow back to the lines, and one pixel under their soft (antialiased) edge
    mask: np.ndarray = _grow(region, gap + 1) & (~lines | _grow(region, 1))
    return mask


def fill(image: QImage, x: int, y: int, color: QColor, tolerance: int = 32, gap: int = 3,
         reference: QImage | None = None) -> QRect:
    """Fill into ``image`` behind what is there; returns the changed area."""
    if not (0 <= x < image.width() and 0 <= y < image.height()):
        return QRect()
    region = fill_region(reference if reference is not None else image, x, y, tolerance, gap)
    if not region.any():
        return QRect()
    dst = as_array(image)
    c = QColor(color)
    a = c.alpha() / 255.0
    paint = np.array([c.blue() * a, c.green() * a, c.red() * a, c.alpha()], np.float32)
    under = dst[region].astype(np.float32)
    keep = 1.0 - under[:, 3:4] / 255.0  # paint shows only where the picture is not opaque
    dst[region] = np.clip(under + paint * keep, 0, 255).astype(np.uint8)
    ys, xs = np.nonzero(region)
    return QRect(int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1),
                 int(ys.max() - ys.min() + 1))

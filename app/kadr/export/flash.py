"""WCAG 2.3.1 "three flashes" check, run before preview and export.

A flash is a pair of opposing changes in relative luminance of at least 0.10 where the
darker state is below 0.80, over at least 25 % of a 10-degree field of view (341 x 256
px at 1024 x 768, scaled here to the canvas). More than three flashes in any one second
fails. Children's animations break this easily (black/white pictures at 12 fps do), so
the learner is warned and offered a speed that is safe.

How: each picture becomes a small grid of relative luminance (48 cells across). Each
cell follows its luminance over the film and records a change once it has moved 0.10
from its last turning point (slow fades make one change, not many). A 10-degree window
at a given place "changes" in a frame when 25 % of its cells change the same way; its
flashes are the direction reversals of those changes. The worst window and second count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.core.timing import exposures
from kadr.export.frames import holds, to_array
from kadr.i18n import tr

GRID = 48  # cells across
FIELD = (341 / 1024, 256 / 768)  # a 10-degree field as a share of the screen
AREA = 0.25
STEP = 0.10
DARK = 0.80
MAX_CHANGES = 6  # three flashes = six opposing changes


@dataclass
class FlashResult:
    flashes_per_second: float  # the worst second, at the checked speed
    safe: bool
    safe_fps: int  # the fastest speed (<= the checked one) that passes
    fps: int
    worst_frame: int  # film frame where the worst second starts

    def message(self) -> str:
        if self.safe:
            return tr("No dangerous flashing found.")
        return tr("This animation flashes {n} times a second, which can cause seizures. "
                  "Try {fps} pictures a second or fewer, or change the pictures.",
                  n=round(self.flashes_per_second, 1), fps=self.safe_fps)


def _linear_lut() -> np.ndarray:
    c = np.arange(256) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4).astype(np.float32)


LUT = _linear_lut()


def grid_size(width: int, height: int) -> tuple[int, int]:
    return GRID, max(3, round(GRID * height / width))


def luminance_grid(image: QImage | np.ndarray, grid: tuple[int, int]) -> np.ndarray:
    """Mean relative luminance of each grid cell (a (rows, cols) float array)."""
    if isinstance(image, np.ndarray):
        arr = np.ascontiguousarray(image[:, :, :3])
        image = QImage(arr.data, arr.shape[1], arr.shape[0], arr.shape[1] * 3,
                       QImage.Format.Format_RGB888).copy()
    gw, gh = grid
    small = image.scaled(gw * 4, gh * 4, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)
    rgb = to_array(small, alpha=False)
    lum = 0.2126 * LUT[rgb[:, :, 0]] + 0.7152 * LUT[rgb[:, :, 1]] + 0.0722 * LUT[rgb[:, :, 2]]
    cells: np.ndarray = lum.reshape(gh, 4, gw, 4).mean(axis=(1, 3))
    return cells


def _window_share(mask: np.ndarray, win: tuple[int, int]) -> np.ndarray:
    """Share of cells set in every (rows, cols)-sized window position."""
    wh, ww = win
    s = np.pad(mask.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    sums = s[wh:, ww:] - s[:-wh, ww:] - s[wh:, :-ww] + s[:-wh, :-ww]
    return sums / float(wh * ww)


def window_changes(grids: Sequence[np.ndarray], film: Sequence[int],
                   pause: Callable[[], object] | None = None) -> np.ndarray:
    """(frames, windows) array: 1 where a window reversed its luminance direction.
    ``pause`` is called at every step; a background check waits in it while the UI is busy."""
    gh, gw = grids[0].shape
    win = (max(1, round(gh * FIELD[1])), max(1, round(gw * FIELD[0])))
    ext = grids[film[0]].astype(np.float32).copy()  # each cell's last turning point
    way = np.zeros(ext.shape, np.int8)  # its last change: +1 lighter, -1 darker, 0 none
    n_win = (gh - win[0] + 1) * (gw - win[1] + 1)
    last = np.zeros(n_win, np.int8)  # each window's last counted change
    out = np.zeros((len(film), n_win), np.int8)
    for t in range(1, len(film)):
        if pause is not None:
            pause()
        if film[t] == film[t - 1]:
            continue  # a held picture changes nothing
        v = grids[film[t]]
        darker = np.minimum(v, ext) < DARK
        down = (way >= 0) & (v <= ext - STEP) & darker
        up = (way <= 0) & (v >= ext + STEP) & darker
        grow = ((way > 0) & (v > ext)) | ((way < 0) & (v < ext))  # still on the same swing
        ext = np.where(down | up | grow, v, ext)
        way = np.where(down, -1, np.where(up, 1, way)).astype(np.int8)
        share_up = _window_share(up, win).ravel()
        share_down = _window_share(down, win).ravel()
        now = np.where(share_up >= AREA, 1, 0) - np.where(share_down >= AREA, 1, 0)
        now = np.where((share_up >= AREA) & (share_down >= AREA),
                       np.where(share_up >= share_down, 1, -1), now).astype(np.int8)
        turned = (now != 0) & (now != last)
        out[t] = turned
        last = np.where(now != 0, now, last).astype(np.int8)
    return out


def _worst(changes: np.ndarray, frames: int) -> tuple[int, int]:
    """Most changes any window makes within ``frames`` film frames, and where it starts."""
    cs = np.concatenate([np.zeros((1, changes.shape[1]), np.int32),
                         changes.cumsum(0, dtype=np.int32)])
    frames = min(frames, len(changes))
    counts = (cs[frames:] - cs[:-frames]).max(axis=1)
    t = int(counts.argmax())
    return int(counts[t]), t


def check_grids(grids: Sequence[np.ndarray], picture_holds: Sequence[int], fps: int,
                loop: bool = True, pause: Callable[[], object] | None = None) -> FlashResult:
    film = exposures(picture_holds)
    length = len(film)
    if loop:  # a looping film also flashes across the end -> start seam
        film = film * (2 + fps // max(1, length))
    changes = window_changes(grids, film, pause)
    count, start = _worst(changes, fps)
    safe_fps = fps
    while safe_fps > 1 and _worst(changes, safe_fps)[0] > MAX_CHANGES:
        safe_fps -= 1
        if pause is not None:
            pause()
    return FlashResult(count / 2, count <= MAX_CHANGES, safe_fps, fps, start % max(1, length))


def check_frames(frames: Sequence[QImage | np.ndarray], fps: int,
                 picture_holds: Sequence[int] | None = None, loop: bool = True) -> FlashResult:
    """Check rendered pictures (RGB arrays or QImages) shown for ``picture_holds`` each."""
    first = frames[0]
    w, h = (first.shape[1], first.shape[0]) if isinstance(first, np.ndarray) else \
        (first.width(), first.height())
    grid = grid_size(w, h)
    grids = [luminance_grid(f, grid) for f in frames]
    return check_grids(grids, picture_holds or [1] * len(frames), fps, loop)


def picture_key(project: Project, index: int) -> tuple[object, ...]:
    """What a picture's grid depends on: its tiles (bytes cache their hash, so this is
    cheap), the background and the layers shown. Copies of a film share the key."""
    frame = project.frames[index]
    bg = project.background
    tiles = tuple((layer, tuple(sorted((k, hash(d)) for k, d in pic.tiles.items())))
                  for layer, pic in sorted(frame.pictures.items()))
    return (tiles, bg.paper, bg.opacity, hash(bg.png) if bg.png else 0,
            tuple(sorted(project.settings.visible.items())), project.width, project.height)


def project_grids(project: Project, cache: dict[tuple[object, ...], np.ndarray] | None = None,
                  pause: Callable[[], object] | None = None) -> list[np.ndarray]:
    """Every picture's luminance grid. Pictures are drawn small, tile by tile (no full-size
    image); with a ``cache`` a re-check after one stroke draws one picture, not all."""
    grid = grid_size(project.width, project.height)
    renderer = Renderer(project)
    grids = []
    for i in range(len(project.frames)):
        if pause is not None:
            pause()
        key = picture_key(project, i) if cache is not None else None
        found = cache.get(key) if cache is not None else None
        if found is None:
            found = luminance_grid(renderer.thumbnail(i, grid[0] * 4), grid)
            if cache is not None:
                if len(cache) > 4000:
                    cache.clear()
                cache[key] = found
        grids.append(found)
    return grids


def check_project(project: Project, fps: int | None = None,
                  cache: dict[tuple[object, ...], np.ndarray] | None = None,
                  pause: Callable[[], object] | None = None) -> FlashResult:
    """Check the project (drawn through the core Renderer) at ``fps`` (or its own).
    ``pause`` is called between steps (see window_changes)."""
    return check_grids(project_grids(project, cache, pause), holds(project),
                       fps or project.settings.fps, loop=project.settings.play_mode != "once",
                       pause=pause)

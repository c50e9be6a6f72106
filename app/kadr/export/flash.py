"""WCAG 2.3.1 "three flashes" check, run before preview and export.

A general flash is a pair of opposing changes in relative luminance of at least 0.10
where the darker state is below 0.80; a red flash is a pair of opposing transitions to or
from a saturated red (R / (R + G + B) >= 0.8) more than 0.2 apart in CIE 1976 (u', v')
(WCAG 2.2's working definition). Either counts over at least 25 % of a 10-degree field of
view (341 x 256 px at 1024 x 768, scaled here to the canvas). More than three of either
in any one second fails. Children's animations break this easily (black/white or
red/green pictures at 12 fps do), so the learner is warned and offered a safe speed.

How: each picture becomes a small grid of mean colours (48 cells across). Each cell
follows its luminance (and its colour) over the film and records a change once it has
moved far enough from its last turning point (slow fades make one change, not many). A
10-degree window at a given place "changes" in a frame when 25 % of its cells change the
same way; its flashes are the direction reversals of those changes. The worst window
and second count.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from kadr.core import raster
from kadr.core.film_parts import DRAWING_LAYERS
from kadr.core.timing import exposures
from kadr.export.frames import Film, holds, to_array
from kadr.i18n import tr

if TYPE_CHECKING:  # Qt only for a Project; a command-line export of plain data has none
    from PySide6.QtGui import QImage

    from kadr.core.project import Project

GRID = 48  # cells across
FIELD = (341 / 1024, 256 / 768)  # a 10-degree field as a share of the screen
AREA = 0.25
STEP = 0.10
DARK = 0.80
MAX_CHANGES = 6  # three flashes = six opposing changes
RED_STEP = 0.2  # a red transition: this far apart in (u', v') ...
SATURATED = 0.8  # ... to or from a colour with R / (R + G + B) at least this


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


def colour_grid(image: QImage | np.ndarray, grid: tuple[int, int],
                bgra: bool = False) -> np.ndarray:
    """Mean linear RGB of each grid cell: a (rows, cols, 3) float array. ``image`` is a Qt
    image (UI thread only), an RGB array, or with ``bgra`` an opaque BGRA array (workers)."""
    gw, gh = grid
    if not isinstance(image, np.ndarray):  # a QImage
        image = to_array(image, alpha=False)
        bgra = False
    h, w = image.shape[:2]
    if bgra:  # Pillow reads the bytes as they are: no reordered copy first
        rgb = Image.frombuffer("RGB", (w, h), np.ascontiguousarray(image), "raw", "BGRX", 0, 1)
    else:
        rgb = Image.fromarray(np.ascontiguousarray(image[:, :, :3]), "RGB")
    small = np.asarray(rgb.resize((gw * 4, gh * 4), Image.Resampling.BOX))
    linear = LUT[small]
    # the mean of each 4 x 4 block: rows first over whole lines (contiguous: quick)
    rows = linear.reshape(gh, 4, gw * 4 * 3).sum(axis=1)
    cells: np.ndarray = rows.reshape(gh, gw, 4, 3).sum(axis=2) / np.float32(16)
    return cells


def luminance(cells: np.ndarray) -> np.ndarray:
    """Relative luminance of (..., 3) linear RGB."""
    out: np.ndarray = cells @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    return out


def chromaticity(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """CIE 1976 (u', v') of linear RGB cells, and their redness R / (R + G + B) on the
    encoded (sRGB) values; black counts as the white point and not red."""
    xyz = cells @ np.array([[0.4124, 0.2126, 0.0193], [0.3576, 0.7152, 0.1192],
                            [0.1805, 0.0722, 0.9505]], np.float32)
    d = xyz[..., 0] + 15 * xyz[..., 1] + 3 * xyz[..., 2]
    dark = d < 1e-6
    d = np.where(dark, 1.0, d)
    uv = np.stack([np.where(dark, 0.1978, 4 * xyz[..., 0] / d),
                   np.where(dark, 0.4683, 9 * xyz[..., 1] / d)], axis=-1)
    encoded = np.where(cells <= 0.0031308, cells * 12.92,
                       1.055 * np.power(np.maximum(cells, 0.0031308), 1 / 2.4) - 0.055)
    total = encoded.sum(axis=-1)
    redness = np.where(total > 1e-6, encoded[..., 0] / np.maximum(total, 1e-6), 0.0)
    return uv, redness


Swings = Iterator["tuple[np.ndarray, np.ndarray] | None"]


def window_changes(swings: Swings, frames: int, shape: tuple[int, int],
                   pause: Callable[[], object] | None = None) -> np.ndarray:
    """(frames, windows) array: 1 where a 10-degree window reversed direction, from each
    film frame's cells that swung up or down (None: nothing changed). ``pause`` is
    called at every step; a background check waits in it while the UI is busy."""
    gh, gw = shape
    win = (max(1, round(gh * FIELD[1])), max(1, round(gw * FIELD[0])))
    n_win = (gh - win[0] + 1) * (gw - win[1] + 1)
    out = np.zeros((frames, n_win), np.int8)
    moved: list[int] = []  # film frames where some cell swung
    ups: list[np.ndarray] = []
    downs: list[np.ndarray] = []
    for t, swing in enumerate(swings, start=1):
        if pause is not None:
            pause()
        if swing is not None:
            moved.append(t)
            ups.append(swing[0])
            downs.append(swing[1])
    if not moved:
        return out
    # every frame's window shares at once (the per-frame loop was most of a check's time)
    share_up = _window_shares(np.stack(ups), win)
    share_down = _window_shares(np.stack(downs), win)
    up, down = share_up >= AREA, share_down >= AREA
    now = up.astype(np.int8) - down.astype(np.int8)
    both = up & down
    now[both] = np.where(share_up[both] >= share_down[both], 1, -1)
    last = np.zeros(n_win, np.int8)  # each window's last counted change
    for k, t in enumerate(moved):
        step = now[k]
        out[t] = (step != 0) & (step != last)
        last = np.where(step != 0, step, last)
    return out


def _window_shares(masks: np.ndarray, win: tuple[int, int]) -> np.ndarray:
    """(frames, windows): the share of cells set in every window position of each mask."""
    wh, ww = win
    n = masks.shape[0]
    s = np.zeros((n, masks.shape[1] + 1, masks.shape[2] + 1), np.int32)
    s[:, 1:, 1:] = masks.astype(np.int32).cumsum(1).cumsum(2)
    sums = s[:, wh:, ww:] - s[:, :-wh, ww:] - s[:, wh:, :-ww] + s[:, :-wh, :-ww]
    return np.asarray(sums.reshape(n, -1) / float(wh * ww), dtype=np.float64)


def luminance_swings(lum: Sequence[np.ndarray], film: Sequence[int]) -> Swings:
    """Cells that moved 0.10 in relative luminance from their last turning point, the
    darker state below 0.80 (a general flash is two opposing ones)."""
    ext = lum[film[0]].astype(np.float32).copy()  # each cell's last turning point
    way = np.zeros(ext.shape, np.int8)  # its last change: +1 lighter, -1 darker, 0 none
    for t in range(1, len(film)):
        if film[t] == film[t - 1]:
            yield None  # a held picture changes nothing
            continue
        v = lum[film[t]]
        darker = np.minimum(v, ext) < DARK
        down = (way >= 0) & (v <= ext - STEP) & darker
        up = (way <= 0) & (v >= ext + STEP) & darker
        grow = ((way > 0) & (v > ext)) | ((way < 0) & (v < ext))  # still on the same swing
        ext = np.where(down | up | grow, v, ext)
        way = np.where(down, -1, np.where(up, 1, way)).astype(np.int8)
        yield up, down


def red_swings(chroma: Sequence[tuple[np.ndarray, np.ndarray]], film: Sequence[int]) -> Swings:
    """Cells whose colour (``chroma``: each picture's chromaticity()) moved more than 0.2
    in (u', v') from their last turning point, to or from a saturated red
    (R / (R + G + B) >= 0.8): "up" towards red, "down" away (a red flash is two opposing
    ones; WCAG 2.2's working definition)."""
    uv, red = zip(*chroma, strict=True)
    ext_uv, ext_red = uv[film[0]].copy(), red[film[0]].copy()
    way = np.zeros(ext_red.shape, np.int8)
    for t in range(1, len(film)):
        if film[t] == film[t - 1]:
            yield None
            continue
        now_uv, now_red = uv[film[t]], red[film[t]]
        far = np.hypot(*(now_uv - ext_uv).transpose(2, 0, 1)) > RED_STEP
        saturated = (now_red >= SATURATED) | (ext_red >= SATURATED)
        redder = now_red > ext_red
        up = far & saturated & redder & (way <= 0)
        down = far & saturated & ~redder & (way >= 0)
        grow = ((way > 0) & redder) | ((way < 0) & ~redder)  # still on the same swing
        keep = up | down | grow
        ext_uv = np.where(keep[..., None], now_uv, ext_uv)
        ext_red = np.where(keep, now_red, ext_red)
        way = np.where(down, -1, np.where(up, 1, way)).astype(np.int8)
        yield up, down


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
    """Check pictures given as colour grids (colour_grid), shown for ``picture_holds``."""
    film = exposures(picture_holds)
    length = len(film)
    if loop:  # a looping film also flashes across the end -> start seam
        film = film * (2 + fps // max(1, length))
    shape = grids[0].shape[:2]
    general = window_changes(luminance_swings([luminance(g) for g in grids], film),
                             len(film), shape, pause)
    chroma = [chromaticity(g) for g in grids]
    red = (window_changes(red_swings(chroma, film), len(film), shape, pause)
           if any((redness >= SATURATED).any() for _uv, redness in chroma)
           else np.zeros_like(general))  # no saturated red anywhere: no red flash

    def worst(frames: int) -> tuple[int, int]:
        return max(_worst(general, frames), _worst(red, frames))

    count, start = worst(fps)
    safe_fps = fps
    while safe_fps > 1 and worst(safe_fps)[0] > MAX_CHANGES:
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
    grids = [colour_grid(f, grid) for f in frames]
    return check_grids(grids, picture_holds or [1] * len(frames), fps, loop)


@dataclass(frozen=True)
class FilmPictures:
    """What the check reads of a film, as plain data a worker thread may hold: the tiles
    of each picture's shown drawing layers (bottom first), holds, speed, and what the
    paper looks like."""

    width: int
    height: int
    layers: list[list[raster.Tiles]]
    holds: list[int]
    fps: int
    loop: bool
    look: tuple[object, ...]  # paper, tracing, layers shown: part of every grid's key


def film_pictures(project: Project) -> FilmPictures:
    """Copy what the check needs out of ``project`` (on the UI thread; cheap: the tiles
    are immutable bytes, only the dicts are copied)."""
    project.settle()  # strokes still being packed belong in the check
    visible = project.settings.visible
    bg = project.background
    layers = [[dict(frame.pictures[layer].tiles) for layer in DRAWING_LAYERS
               if visible.get(layer, True)] for frame in project.frames]
    look = (bg.paper, bg.opacity, bg.version, tuple(sorted(visible.items())),
            project.width, project.height)
    return FilmPictures(project.width, project.height, layers, holds(project),
                        project.settings.fps, project.settings.play_mode != "once", look)


def picture_key(film: FilmPictures, index: int) -> tuple[object, ...]:
    """What a picture's grid depends on: its tiles (bytes cache their hash, so this is
    cheap) and the film's look. Copies of a film share the key."""
    tiles = tuple(tuple(sorted((k, hash(d)) for k, d in layer.items()))
                  for layer in film.layers[index])
    return (tiles, film.look)


def grid_underlay(project: Project) -> np.ndarray:
    """Paper and tracing at the size pictures are checked at (drawn with Qt: call on the
    UI thread, and hand the result to a checking thread)."""
    from kadr.core.render import Renderer

    grid = grid_size(project.width, project.height)
    return Renderer(project).underlay_array(grid[0] * 4, grid[1] * 4)


def export_film_pictures(film: Film) -> tuple[FilmPictures, np.ndarray]:
    """What the check reads of an export's plain data (frames.Film), and the underlay at
    the size pictures are checked at, made without Qt (any thread): the paper alone, or
    the export's full-size underlay scaled down when a picture to trace is shown."""
    layers = [[picture.get(layer, {}) for layer in DRAWING_LAYERS
               if film.visible.get(layer, True)] for picture in film.pictures]
    pictures = FilmPictures(film.width, film.height, layers, list(film.holds), film.fps,
                            film.play_mode != "once", ())
    gw, gh = grid_size(film.width, film.height)
    if film.tracing is None:
        under = np.empty((gh * 4, gw * 4, 4), np.uint8)
        under[:, :] = film.underlay[0, 0]  # one colour: paper as Qt fills it
    else:
        under = raster.scaled(film.underlay, gw * 4, gh * 4, smooth=True)
    return pictures, under


def film_grids(film: FilmPictures, underlay: np.ndarray,
               cache: dict[tuple[object, ...], np.ndarray] | None = None,
               pause: Callable[[], object] | None = None) -> list[np.ndarray]:
    """Every picture's colour grid, drawn small from its tiles with plain arrays (no Qt:
    this runs on a worker); with a ``cache`` a re-check after one stroke draws one
    picture, not all."""
    grids = []
    for i in range(len(film.layers)):
        if pause is not None:
            pause()
        if cache is None:
            grids.append(picture_grid(film, underlay, i))
            continue
        key = picture_key(film, i)
        found = cache.get(key)
        if found is None:
            found = picture_grid(film, underlay, i)
            if len(cache) > 4000:
                cache.clear()
            cache[key] = found
        grids.append(found)
    return grids


def picture_grid(film: FilmPictures, underlay: np.ndarray, index: int) -> np.ndarray:
    """The colour grid of picture ``index``, drawn small from its tiles (any thread)."""
    try:
        pixels = raster.picture_on(underlay, film.layers[index], film.width, film.height,
                                   smooth=True)
    except raster.DamagedTile:  # a damaged picture is checked as bare paper
        pixels = underlay
    return colour_grid(pixels, grid_size(film.width, film.height), bgra=True)


def check_film(film: FilmPictures, underlay: np.ndarray, fps: int | None = None,
               cache: dict[tuple[object, ...], np.ndarray] | None = None,
               pause: Callable[[], object] | None = None) -> FlashResult:
    """Check plain film data (film_pictures, grid_underlay) on any thread. ``pause`` is
    called between steps (see window_changes)."""
    return check_grids(film_grids(film, underlay, cache, pause), film.holds,
                       fps or film.fps, loop=film.loop, pause=pause)


def check_project(project: Project, fps: int | None = None) -> FlashResult:
    """Check the project at ``fps`` (or its own), on the UI thread."""
    return check_film(film_pictures(project), grid_underlay(project), fps)


# -- the stamp: a check kept in the film file ---------------------------------------------
# The studio checks the film in the background after every change (ui/flash_watch.py) and
# keeps the result in the file with a digest of exactly what it checked; `kadr export`
# takes that result when the film it reads has the same digest, and checks otherwise.
STAMP_KEY = "flash_check"
STAMP_VERSION = 1  # raised whenever the check changes: older stamps are checked again


def digest(film: FilmPictures, underlay: np.ndarray, fps: int | None = None) -> str:
    """What a check's result depends on: every shown tile's bytes, the holds, the speed
    checked at, looping, the size and the paper and tracing as drawn (``underlay``)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps([STAMP_VERSION, film.width, film.height, fps or film.fps, film.loop,
                         film.holds, list(underlay.shape)]).encode())
    h.update(np.ascontiguousarray(underlay).data)
    for picture in film.layers:
        h.update(b"P")
        for tiles in picture:
            h.update(b"L")
            for key in sorted(tiles):
                data = tiles[key]
                h.update(f"{key[0]},{key[1]},{len(data)};".encode())
                h.update(data)
    return h.hexdigest()


def stamp(film: FilmPictures, underlay: np.ndarray, result: FlashResult) -> dict[str, str]:
    """The meta value that keeps ``result`` for exactly this film (any thread)."""
    kept = {"digest": digest(film, underlay, result.fps), "flashes": result.flashes_per_second,
            "safe": result.safe, "safe_fps": result.safe_fps, "fps": result.fps,
            "worst_frame": result.worst_frame}
    return {STAMP_KEY: json.dumps(kept)}


def record(store: object, film: FilmPictures, underlay: np.ndarray,
           result: FlashResult) -> None:
    """Keep ``result`` in the film's file through its ProjectStore (None: not on disk)."""
    write = getattr(store, "write_stamp", None)
    if write is not None:
        write(stamp(film, underlay, result))


def read_stamp(path: Path) -> dict[str, Any] | None:
    """The stamp kept in a film file, or None (none, or unreadable: then it is checked)."""
    from kadr.core.store import connect_read_only

    try:
        con = connect_read_only(path)
        try:
            row = con.execute("SELECT substr(value, 1, 1000) FROM meta WHERE key = ?",
                              (STAMP_KEY,)).fetchone()
        finally:
            con.close()
        kept = json.loads(row[0]) if row else None
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None
    return kept if isinstance(kept, dict) else None


def stamped_result(kept: dict[str, Any] | None, film: FilmPictures, underlay: np.ndarray,
                   fps: int | None = None) -> FlashResult | None:
    """The kept result when it was made for exactly this film at this speed, else None."""
    if not kept or kept.get("digest") != digest(film, underlay, fps):
        return None
    try:
        result = FlashResult(float(kept["flashes"]), bool(kept["safe"]),
                             int(kept["safe_fps"]), int(kept["fps"]), int(kept["worst_frame"]))
    except (KeyError, TypeError, ValueError):
        return None
    return result if result.fps == (fps or film.fps) else None


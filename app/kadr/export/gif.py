"""Animated GIF with Pillow: one shared palette, exact timing, looping, optional transparency.

Why one shared palette built by us: Pillow's default per-frame quantising is slow and its
default dithering sprinkles noise over flat cartoon colours. We keep the colours that
cover much of the film exactly (flat fills and lines stay clean), fill the remaining
slots with a median-cut palette of everything else, and map each frame without dither
unless the learner asks for it.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image

from kadr.core.project import Project
from kadr.core.timing import gif_delays_ms
from kadr.export.frames import Pictures, holds
from kadr.export.options import ExportOptions, Steps

SAMPLE_PIXELS = 400_000  # pixels looked at to choose the palette (speed vs. care)
FLAT_SHARE = 0.001  # a colour covering 0.1 % of the samples is kept exactly
MAX_FLAT = 128
KEEP_BYTES = 256 * 1024 * 1024  # keep rendered frames between the passes below this
TRANSPARENT_INDEX = 255


def _samples(arrays: list[np.ndarray], stride: int) -> np.ndarray:
    """Every ``stride``-th pixel of every picture, opaque ones only, as (n, 3) RGB."""
    parts = []
    for arr in arrays:
        sub = arr[::stride, ::stride]
        if sub.shape[2] == 4:
            sub = sub[sub[:, :, 3] >= 128][:, :3]
        parts.append(sub.reshape(-1, 3))
    rgb = np.concatenate(parts) if parts else np.zeros((0, 3), np.uint8)
    return rgb if len(rgb) else np.zeros((1, 3), np.uint8)


def build_palette(samples: np.ndarray, colors: int = 256) -> bytes:
    """An RGB palette of at most ``colors`` entries for the sampled (n, 3) pixels."""
    image = Image.fromarray(np.ascontiguousarray(samples).reshape(1, -1, 3), "RGB")
    counts = [(n, bytes(c)) for n, c in image.getcolors(maxcolors=len(samples) + 1) or []
              if isinstance(c, tuple)]
    counts.sort(reverse=True)
    if len(counts) <= colors:  # few colours: every one exact, no mapping error at all
        return b"".join(c for _, c in counts)
    min_count = FLAT_SHARE * len(samples)
    flat = [c for n, c in counts[:MAX_FLAT] if n >= min_count]
    rest = image.quantize(colors - len(flat), method=Image.Quantize.MEDIANCUT)
    palette = b"".join(flat) + bytes(rest.getpalette() or [])
    return palette[: 3 * colors]


def _to_indices(arr: np.ndarray, palette: Image.Image, dither: bool) -> np.ndarray:
    rgb = Image.fromarray(np.ascontiguousarray(arr[:, :, :3]), "RGB")
    mode = Image.Dither.FLOYDSTEINBERG if dither else Image.Dither.NONE
    indices = np.array(rgb.quantize(palette=palette, dither=mode))
    if arr.shape[2] == 4:
        indices[arr[:, :, 3] < 128] = TRANSPARENT_INDEX  # GIF has on/off transparency only
    return indices


def export_gif(project: Project, path: Path, options: ExportOptions, steps: Steps) -> None:
    pics = Pictures(project, options.scale, options.transparent)
    n = len(pics)
    steps.start(2 * n + 1)
    w, h = pics.size
    stride = max(1, math.ceil(math.sqrt(n * w * h / SAMPLE_PIXELS)))
    keep = n * w * h * (4 if options.transparent else 3) <= KEEP_BYTES
    kept: list[np.ndarray] = []
    sampled: list[np.ndarray] = []
    for i in range(n):  # pass 1: choose the palette
        arr = pics.array(i)
        sampled.append(_samples([arr], stride))
        if keep:
            kept.append(arr)
        steps.tick()
    colors = 255 if options.transparent else 256  # the last slot means "see-through"
    palette_bytes = build_palette(np.concatenate(sampled), colors)
    palette = Image.new("P", (1, 1))
    palette.putpalette(palette_bytes)
    full = palette_bytes + bytes(768 - len(palette_bytes))
    frames = []
    for i in range(n):  # pass 2: map every picture onto it
        arr = kept[i] if keep else pics.array(i)
        frame = Image.fromarray(_to_indices(arr, palette, options.dither), "P")
        frame.putpalette(full)
        frames.append(frame)
        steps.tick()
    save: dict[str, object] = {
        "save_all": True, "append_images": frames[1:], "optimize": False,
        "duration": gif_delays_ms(holds(project), project.settings.fps),
    }
    # loop: 0 = for ever (NETSCAPE block), 1 = play once (no block), N = play N times
    if options.loop == 0:
        save["loop"] = 0
    elif options.loop > 1:
        save["loop"] = options.loop - 1
    if options.transparent:
        # clear each frame before the next, or old drawings show through see-through pixels
        save.update(transparency=TRANSPARENT_INDEX, disposal=2)
    frames[0].save(path, format="GIF", **save)
    steps.tick()

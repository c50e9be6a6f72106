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
from kadr.export.frames import Pictures, holds, pil_rgb, words
from kadr.export.options import ExportOptions, Steps

SAMPLE_PIXELS = 400_000  # pixels looked at to choose the palette (speed vs. care)
SAMPLE_PICTURES = 64  # pictures looked at for it; long films are sampled evenly
FLAT_SHARE = 0.001  # a colour covering 0.1 % of the samples is kept exactly
MAX_FLAT = 128
EXACT_COLOURS = 16  # at most this many flat colours are mapped exactly (see _exact)
MISSED_SHARE = 0.001  # a picture with more of its pixels this far off the palette ...
MISSED_DISTANCE = 40  # ... gets its own palette (a colour only it uses)
TRANSPARENT_INDEX = 255


def _samples(image: Image.Image, stride: int) -> np.ndarray:
    """Every ``stride``-th pixel of a picture, opaque ones only, as (n, 3) RGB."""
    sub = np.asarray(image)[::stride, ::stride]
    if sub.shape[2] == 4:
        sub = sub[sub[:, :, 3] >= 128][:, :3]
    rgb = sub.reshape(-1, 3)
    return rgb if len(rgb) else np.zeros((1, 3), np.uint8)


def build_palette(samples: np.ndarray, colors: int = 256) -> tuple[bytes, int]:
    """An RGB palette of at most ``colors`` entries for the sampled (n, 3) pixels, and how
    many of its first entries are flat colours (each covering 0.1 % of the samples)."""
    image = Image.fromarray(np.ascontiguousarray(samples).reshape(1, -1, 3), "RGB")
    counts = [(n, bytes(c)) for n, c in image.getcolors(maxcolors=len(samples) + 1) or []
              if isinstance(c, tuple)]
    counts.sort(reverse=True)
    min_count = FLAT_SHARE * len(samples)
    flat = [c for n, c in counts[:MAX_FLAT] if n >= min_count]
    if len(counts) <= colors:  # few colours: every one exact
        return b"".join(c for _, c in counts), len(flat)
    quantized = image.quantize(colors - len(flat), method=Image.Quantize.MEDIANCUT)
    rest = bytes(quantized.getpalette() or [])
    known = set(flat)  # median cut finds the flat colours again: keep each once
    extra = [c for c in (rest[i:i + 3] for i in range(0, len(rest), 3)) if c not in known]
    return b"".join(flat + extra)[: 3 * colors], len(flat)


def _palette_image(palette_bytes: bytes) -> Image.Image:
    palette = Image.new("P", (1, 1))
    palette.putpalette(palette_bytes)  # unpadded: padding slots would be mapped onto too
    return palette


def _to_indices(image: Image.Image, palette: Image.Image, dither: bool) -> np.ndarray:
    rgb = image.convert("RGB") if image.mode == "RGBA" else image
    mode = Image.Dither.FLOYDSTEINBERG if dither else Image.Dither.NONE
    indices = np.array(rgb.quantize(palette=palette, dither=mode))
    if image.mode == "RGBA":
        indices[np.asarray(image)[:, :, 3] < 128] = TRANSPARENT_INDEX  # on/off only in GIF
    return indices


def _rgb(pixels: np.ndarray) -> np.ndarray:
    """(h, w, 3) int16 RGB of 0xAARRGGBB words."""
    return np.stack([(pixels >> 16) & 255, (pixels >> 8) & 255, pixels & 255],
                    axis=-1).astype(np.int16)


def _misses_colours(pixels: np.ndarray, indices: np.ndarray, palette: bytes) -> bool:
    """Does this picture (one the palette was not built from) use a colour it lacks?"""
    table = np.frombuffer(palette + bytes(768 - len(palette)), np.uint8).reshape(256, 3)
    mapped = table[indices[::3, ::3]].astype(np.int16)
    far = np.abs(_rgb(pixels[::3, ::3]) - mapped).max(axis=2) > MISSED_DISTANCE
    return bool(far.mean() > MISSED_SHARE)


def sampled_pictures(n: int) -> list[int]:
    """Which of ``n`` pictures the palette is chosen from: all, or 64 evenly spaced."""
    m = min(n, SAMPLE_PICTURES)
    return sorted({round(k * (n - 1) / max(1, m - 1)) for k in range(m)})


def _exact_fixes(palette: bytes, flat: int,
                 palette_image: Image.Image) -> list[tuple[int, np.uint32]]:
    """The flat colours (the first ``flat`` entries) that Pillow would map to another
    entry: it looks colours up by 4x4x4 cells, so white paper came out 2-7 levels off."""
    top = palette[: 3 * min(EXACT_COLOURS, flat)]
    if not top:
        return []
    probe = Image.frombytes("RGB", (len(top) // 3, 1), top)
    got = np.array(probe.quantize(palette=palette_image, dither=Image.Dither.NONE))[0]
    wrong = [int(k) for k in np.flatnonzero(got != np.arange(len(got)))]
    return [(k, np.uint32(0xFF000000 | top[3 * k] << 16 | top[3 * k + 1] << 8 | top[3 * k + 2]))
            for k in wrong]


def _exact(indices: np.ndarray, pixels: np.ndarray | None,
           fixes: list[tuple[int, np.uint32]]) -> None:
    """Give pixels of exactly those colours their own entry."""
    if pixels is not None:
        for k, colour in fixes:
            indices[pixels == colour] = k


def _picture(pics: Pictures, index: int) -> tuple[Image.Image, np.ndarray | None]:
    """Picture ``index`` for Pillow and, when opaque, its pixels as 0xAARRGGBB words."""
    if pics.transparent:
        return pics.pil(index), None
    image = pics.image(index)
    return pil_rgb(image), words(image)


def export_gif(project: Project, path: Path, options: ExportOptions, steps: Steps) -> None:
    """Two passes: choose one palette from (up to 64 evenly spaced) pictures, then render
    and map each picture once; a picture with a colour the sample missed gets its own
    palette, so nothing turns into the wrong colour."""
    pics = Pictures(project, options.scale, options.transparent)
    n = len(pics)
    # Pillow loses see-through pixels in frames with their own palette, so a see-through
    # GIF chooses its one palette from every picture
    sampled = list(range(n)) if options.transparent else sampled_pictures(n)
    steps.start(len(sampled) + n + 1)
    w, h = pics.size
    stride = max(1, math.ceil(math.sqrt(len(sampled) * w * h / SAMPLE_PIXELS)))
    samples = []
    for i in sampled:  # pass 1: choose the palette
        samples.append(_samples(pics.pil(i), stride))
        steps.tick()
    colors = 255 if options.transparent else 256  # the last slot means "see-through"
    palette_bytes, flat = build_palette(np.concatenate(samples), colors)
    palette = _palette_image(palette_bytes)
    fixes = _exact_fixes(palette_bytes, flat, palette)
    chosen = set(sampled)
    frames = []
    for i in range(n):  # pass 2: map every picture onto it
        image, pixels = _picture(pics, i)
        indices = _to_indices(image, palette, options.dither)
        frame_palette, frame_fixes = palette_bytes, fixes
        if pixels is not None and i not in chosen \
                and _misses_colours(pixels, indices, palette_bytes):
            frame_palette, own_flat = build_palette(_samples(image, 1), colors)
            own = _palette_image(frame_palette)
            indices = _to_indices(image, own, options.dither)
            frame_fixes = _exact_fixes(frame_palette, own_flat, own)
        _exact(indices, pixels, frame_fixes)
        frame = Image.fromarray(indices, "P")
        frame.putpalette(frame_palette + bytes(768 - len(frame_palette)))
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

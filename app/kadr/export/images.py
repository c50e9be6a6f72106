"""Still pictures: a PNG per film frame, or one sprite sheet PNG with a JSON description.

PNG sequence: ``walk.png`` becomes a folder ``walk/`` holding ``walk_0001.png`` ... one file
per frame of the film at the project speed (a drawing held for 3 is written 3 times), so
video editors and Pencil2D-style importers get the timing right with no extra file.

Sprite sheet: one cell per drawing (holds are in the JSON, not repeated cells), laid out
row by row in a near-square grid, for game engines and web pages.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
from PIL import Image

from kadr.core.project import Project
from kadr.export.frames import Pictures, film, holds
from kadr.export.options import ExportOptions, Steps

PNG_LEVEL = 1  # 2-3x faster than 6 and only ~1.6x bigger on flat cartoon pictures


def png_bytes(arr: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(arr).save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def sequence_names(stem: str, count: int) -> list[str]:
    digits = max(4, len(str(count)))
    return [f"{stem}_{n:0{digits}d}.png" for n in range(1, count + 1)]


def export_png_sequence(project: Project, folder: Path, options: ExportOptions, steps: Steps,
                        stem: str) -> None:
    """Write the film into ``folder`` (which must exist) as ``stem_0001.png`` ..."""
    pics = Pictures(project, options.scale, options.transparent)
    order = film(project)
    steps.start(len(order))
    current, data = -1, b""
    # (one thread: Pillow keeps the GIL while compressing PNG, so a pool did not help)
    for name, index in zip(sequence_names(stem, len(order)), order, strict=True):
        if index != current:  # encode a held drawing once
            current, data = index, png_bytes(pics.array(index))
        (folder / name).write_bytes(data)
        steps.tick()


def durations_ms(frame_holds: list[int], fps: int) -> list[int]:
    """Whole milliseconds per drawing, carrying the rounding so the total is exact."""
    out, carry = [], 0.0
    for hold in frame_holds:
        exact = hold * 1000.0 / fps + carry
        ms = round(exact)
        carry = exact - ms
        out.append(ms)
    return out


def sheet_layout(count: int, size: tuple[int, int]) -> tuple[int, int, list[dict[str, int]]]:
    """Columns, rows and the cell rectangle of each drawing."""
    columns = max(1, math.ceil(math.sqrt(count)))
    rows = max(1, math.ceil(count / columns))
    w, h = size
    rects = [{"x": (i % columns) * w, "y": (i // columns) * h, "w": w, "h": h}
             for i in range(count)]
    return columns, rows, rects


def export_sheet(project: Project, png_path: Path, json_path: Path, options: ExportOptions,
                 steps: Steps, image_name: str) -> None:
    """A grid PNG at ``png_path`` and its description at ``json_path``."""
    pics = Pictures(project, options.scale, options.transparent)
    count = len(pics)
    steps.start(count + 1)
    columns, rows, rects = sheet_layout(count, pics.size)
    channels = 4 if options.transparent else 3
    sheet = np.zeros((rows * pics.size[1], columns * pics.size[0], channels), np.uint8)
    for i, r in enumerate(rects):
        sheet[r["y"]:r["y"] + r["h"], r["x"]:r["x"] + r["w"]] = pics.array(i)
        steps.tick()
    png_path.write_bytes(png_bytes(sheet))
    fps = project.settings.fps
    frame_holds = holds(project)
    durations = durations_ms(frame_holds, fps)
    start = 0
    frames = []
    for i, (r, hold, ms) in enumerate(zip(rects, frame_holds, durations, strict=True)):
        frames.append({"index": i, **r, "hold": hold, "duration_ms": ms, "start_ms": start})
        start += ms
    data = {
        "app": "kadr", "image": image_name, "fps": fps, "frame_width": pics.size[0],
        "frame_height": pics.size[1], "columns": columns, "rows": rows,
        "film_length": len(film(project)), "total_ms": start, "loop": options.loop,
        "frames": frames,
    }
    json_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    steps.tick()

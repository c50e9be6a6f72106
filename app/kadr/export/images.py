"""Still pictures: a PNG per film frame, or one sprite sheet PNG with a JSON description.

PNG sequence: ``walk.png`` becomes a folder ``walk/`` holding ``walk_0001.png`` ... one file
per frame of the film at the project speed (a drawing held for 3 is written 3 times), so
video editors and Pencil2D-style importers get the timing right with no extra file.

Sprite sheet: one cell per drawing (holds are in the JSON, not repeated cells), laid out
row by row in a near-square grid, for game engines and web pages. The sheet of a long
film is bigger than memory (600 pictures at 1080p: 1.2 billion pixels), so it is written
as it is made: each picture is rendered once and kept zlib-packed in strips until its row
of cells is complete, then that row goes into the PNG one strip at a time.
"""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

import numpy as np

from kadr.core.project import Project
from kadr.export.frames import Film, Pictures, as_film, film, holds, ordered_map
from kadr.export.options import ExportOptions, Steps

PNG_LEVEL = 1  # 2-3x faster than 6 and only ~1.6x bigger on flat cartoon pictures
STRIP = 64  # rows of a sheet packed and written together


def png_bytes(arr: np.ndarray) -> bytes:
    """An (h, w, 3) RGB or (h, w, 4) RGBA array as PNG file bytes. Our own writer: zlib
    lets other threads run while it packs, Pillow's PNG encoder does not."""
    out = io.BytesIO()
    png = PngStream(out, arr.shape[1], arr.shape[0], arr.shape[2])
    png.rows(arr)
    png.close()
    return out.getvalue()


def sequence_names(stem: str, count: int) -> list[str]:
    digits = max(4, len(str(count)))
    return [f"{stem}_{n:0{digits}d}.png" for n in range(1, count + 1)]


class PngStream:
    """A PNG written row by row (8-bit RGB or RGBA, each row filtered "Up"), so a picture
    bigger than memory can be saved as it is made."""

    def __init__(self, fp: BinaryIO, width: int, height: int, channels: int) -> None:
        self.fp, self.width, self.channels = fp, width, channels
        fp.write(b"\x89PNG\r\n\x1a\n")
        self._chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8,
                                         6 if channels == 4 else 2, 0, 0, 0))
        self._pack = zlib.compressobj(PNG_LEVEL)
        self._last = np.zeros((1, width * channels), np.uint8)
        self._out: list[bytes] = []
        self._size = 0

    def _chunk(self, kind: bytes, data: bytes) -> None:
        self.fp.write(struct.pack(">I", len(data)) + kind + data
                      + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    def rows(self, pixels: np.ndarray) -> None:
        """The next (n, width, channels) rows."""
        flat = np.ascontiguousarray(pixels).reshape(len(pixels), -1)
        up = np.empty((len(flat), flat.shape[1] + 1), np.uint8)
        up[:, 0] = 2  # filter "Up": each byte minus the one above (flat colours -> zeros)
        np.subtract(flat, np.concatenate([self._last, flat[:-1]]), out=up[:, 1:])
        self._last = flat[-1:].copy()
        self._add(self._pack.compress(up.data))

    def _add(self, data: bytes) -> None:
        if data:
            self._out.append(data)
            self._size += len(data)
        if self._size >= 1 << 20:
            self._chunk(b"IDAT", b"".join(self._out))
            self._out, self._size = [], 0

    def close(self) -> None:
        self._add(self._pack.flush())
        if self._out:
            self._chunk(b"IDAT", b"".join(self._out))
        self._chunk(b"IEND", b"")


def export_png_sequence(project: Project | Film, folder: Path, options: ExportOptions,
                        steps: Steps, stem: str) -> None:
    """Write the film into ``folder`` (which must exist) as ``stem_0001.png`` ..."""
    pics = Pictures(project, options.scale, options.transparent, steps.seen)
    order = film(pics.film)
    steps.start(len(order))
    # each drawing is rendered here and packed on pool threads (zlib lets them run side
    # by side); a held drawing is packed once and written hold times
    drawings = [i for k, i in enumerate(order) if k == 0 or order[k - 1] != i]
    current, data = -1, b""
    with closing(ordered_map(png_bytes, (pics.array(i) for i in drawings))) as packed:
        for name, index in zip(sequence_names(stem, len(order)), order, strict=True):
            if index != current:
                current, data = index, next(packed)
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


def export_sheet(project: Project | Film, png_path: Path, json_path: Path,
                 options: ExportOptions, steps: Steps, image_name: str) -> None:
    """A grid PNG at ``png_path`` and its description at ``json_path``."""
    source = as_film(project)
    pics = Pictures(source, options.scale, options.transparent, steps.seen)
    count = len(pics)
    steps.start(count + 1)
    columns, rows, rects = sheet_layout(count, pics.size)
    channels = 4 if options.transparent else 3
    cell_w, cell_h = pics.size
    with open(png_path, "wb") as fp:
        png = PngStream(fp, columns * cell_w, rows * cell_h, channels)
        for row in range(rows):
            cells: list[list[bytes]] = []  # per cell: its strips, packed
            for i in range(row * columns, min(count, (row + 1) * columns)):
                pixels = pics.array(i)
                cells.append([zlib.compress(pixels[y:y + STRIP].tobytes(), 1)
                              for y in range(0, cell_h, STRIP)])
                steps.tick()
            for k, y in enumerate(range(0, cell_h, STRIP)):
                steps.check()  # a wide sheet's row takes a while: Cancel stays quick
                n = min(STRIP, cell_h - y)
                strip = np.zeros((n, columns * cell_w, channels), np.uint8)
                for c, strips in enumerate(cells):
                    strip[:, c * cell_w:(c + 1) * cell_w] = np.frombuffer(
                        zlib.decompress(strips[k]), np.uint8).reshape(n, cell_w, channels)
                png.rows(strip)
        png.close()
    fps = source.fps
    frame_holds = holds(source)
    durations = durations_ms(frame_holds, fps)
    start = 0
    frames = []
    for i, (r, hold, ms) in enumerate(zip(rects, frame_holds, durations, strict=True)):
        frames.append({"index": i, **r, "hold": hold, "duration_ms": ms, "start_ms": start})
        start += ms
    data = {
        "app": "kadr", "image": image_name, "fps": fps, "frame_width": pics.size[0],
        "frame_height": pics.size[1], "columns": columns, "rows": rows,
        "film_length": len(film(source)), "total_ms": start, "loop": options.loop,
        "frames": frames,
    }
    json_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    steps.tick()

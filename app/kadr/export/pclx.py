"""Pencil2D ``.pclx`` files, both ways (format notes: docs/decisions/0004-export.md).

Export: a ZIP with ``mimetype`` first and stored, ``main.xml`` and one cropped PNG per
keyframe. Kadr's holds become keyframe gaps; a camera key at the last frame keeps the
final hold (Pencil2D ends the film at the last key of any layer).

Import: bitmap layers become Kadr frames (every distinct key position is a frame), the
bottom layer is "drawing" and everything above is merged into "front". Untrusted input:
sizes are checked before anything is decompressed or decoded. A picture made of one plain
key at full opacity (nearly all of them) is decoded by Pillow and placed with numpy on
the pool threads (png_keys.py); the rest (opacity, layers merged, other PNGs) is drawn by
Qt on the calling thread. Both give the same pixels, to the bit.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from kadr.core import limits, raster
from kadr.core.picture import FORMAT, const_array, new_image
from kadr.core.project import MAX_HOLD, Project
from kadr.core.store import ProjectFileError
from kadr.export import png_keys
from kadr.export.frames import (
    Film,
    as_film,
    holds,
    ordered_map,
    straight_rgba,
    to_array,
)
from kadr.export.images import png_bytes
from kadr.export.options import ExportOptions, Steps
from kadr.export.png_bands import Part
from kadr.i18n import tr

MIMETYPE = b"application/x-pencil2d-pclx"
MAX_SIDE = 4096  # canvas and picture limits for files from elsewhere
MAX_PIXELS = 4096 * 4096
MAX_ENTRIES = 20_000
MAX_TOTAL = 1 << 30  # 1 GB unpacked
MAX_XML = 16 << 20
MAX_FILM = 100_000  # frames
# what zipfile raises on a damaged member: bad deflate data, an unknown compression
# method, a password (RuntimeError), a short read
_UNZIP = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError)
SAFE_NAME = re.compile(r"^[\w.\-]+\.png$")


# -- export ---------------------------------------------------------------------------
def _ink(tiles: raster.Tiles, w: int, h: int,
         table: np.ndarray) -> tuple[tuple[int, int], np.ndarray] | None:
    """One layer cropped to its ink: ((x, y), straight RGBA pixels), or None when clear.
    Made from the tiles alone (no full-size picture), the same pixels Qt would give."""
    parts = []
    for key, data in tiles.items():
        tw, th = raster.tile_size(key, w, h)
        try:
            pixels = raster.tile_pixels(data, tw, th)
        except raster.DamagedTile:
            continue
        alpha = pixels[:, :, 3]
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if len(rows):
            x, y = key[0] * raster.TILE, key[1] * raster.TILE
            parts.append((x, y, pixels, (x + int(cols[0]), y + int(rows[0]),
                                         x + int(cols[-1]) + 1, y + int(rows[-1]) + 1)))
    if not parts:
        return None
    x0, y0 = min(p[3][0] for p in parts), min(p[3][1] for p in parts)
    x1, y1 = max(p[3][2] for p in parts), max(p[3][3] for p in parts)
    crop = np.zeros((y1 - y0, x1 - x0, 4), np.uint8)
    for x, y, pixels, (a, b, c, d) in parts:
        crop[b - y0:d - y0, a - x0:c - x0] = pixels[b - y:d - y, a - x:c - x]
    return (x0, y0), straight_rgba(crop, table)


Key = tuple[tuple[int, int], bytes] | None  # a keyframe's place and PNG; None: blank


def _png_of(ink: tuple[tuple[int, int], np.ndarray] | None) -> Key:
    return None if ink is None else (ink[0], png_bytes(ink[1]))


def _key(zf: zipfile.ZipFile, layer_id: int, pos: int, key: Key,
         origin: tuple[int, int]) -> str:
    """Write one keyframe PNG (cropped to its ink) and return its <image> element."""
    src = f"{layer_id:03d}.{pos:03d}.png"
    if key is None:  # a blank key: ends the previous drawing's hold
        (x, y), data = (0, 0), png_bytes(np.zeros((1, 1, 4), np.uint8))
    else:
        (x, y), data = key
    zf.writestr(f"data/{src}", data, compress_type=zipfile.ZIP_STORED)
    return (f'<image frame="{pos}" src="{src}" topLeftX="{x - origin[0]}" '
            f'topLeftY="{y - origin[1]}" opacity="1"/>')


def export_pclx(project: Project | Film, path: Path, options: ExportOptions,
                steps: Steps) -> None:
    """Write ``project`` as a Pencil2D file at its own size (``options.scale`` is ignored).
    Plain data only (frames.Film): this runs on the export thread."""
    film = as_film(project)
    w, h, table = film.width, film.height, film.unpremultiply
    origin = (w // 2, h // 2)  # Pencil2D's canvas origin is the centre of the camera
    frame_holds = holds(film)
    starts = [1 + sum(frame_holds[:i]) for i in range(len(frame_holds))]
    length = sum(frame_holds)
    steps.start(len(starts) + 1)
    visible = film.visible
    layers: dict[str, list[str]] = {"background": [], "drawing": [], "front": []}
    ids = {"background": 2, "drawing": 3, "front": 4}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        # paper plus traced picture, as the Renderer paints them; none for white paper
        # (Pencil2D renders on white anyway)
        if film.background_shown or film.paper.lower() != "#ffffff":
            layers["background"].append(
                _key(zf, 2, 1, _png_of(((0, 0), straight_rgba(film.underlay, table))), origin))
        def pngs(i: int) -> tuple[Key, Key]:  # on pool threads: numpy and zlib only
            pictures = film.pictures[i]
            front = pictures.get("front") or {}
            return (_png_of(_ink(pictures.get("drawing") or {}, w, h, table)),
                    _png_of(_ink(front, w, h, table)) if front else None)

        front_was_empty = True
        with closing(ordered_map(pngs, range(len(starts)))) as made:
            for pos, (drawing, front) in zip(starts, made, strict=True):
                # every drawing gets a key on the bottom layer: holds survive a round trip
                layers["drawing"].append(_key(zf, 3, pos, drawing, origin))
                empty = front is None
                if not (empty and front_was_empty):
                    layers["front"].append(_key(zf, 4, pos, front, origin))
                front_was_empty = empty
                steps.tick()
        names = {"background": tr("Background"), "drawing": tr("Drawing"),
                 "front": tr("Front")}
        xml = ['<?xml version="1.0" encoding="UTF-8"?>', "<!DOCTYPE PencilDocument>",
               "<document>", "<projectdata>", f'<fps value="{film.fps}"/>',
               f'<isLoop value="{str(film.play_mode == "loop").lower()}"/>',
               '<currentFrame value="1"/>', "</projectdata>", "<object>",
               f'<layer id="1" name="Camera" visibility="1" type="5" width="{w}" height="{h}">']
        camera = '<camera frame="{}" r="0" s="1" dx="0" dy="0"/>'
        xml += [camera.format(1)] + ([camera.format(length)] if length > 1 else [])
        xml.append("</layer>")
        for layer, keys in layers.items():
            if keys or layer != "background":
                shown = int(visible.get(layer, True))
                xml.append(f'<layer id="{ids[layer]}" name={quoteattr(names[layer])} '
                           f'visibility="{shown}" type="1" kadr="{layer}">')
                xml += keys + ["</layer>"]
        xml += ["</object>", "<version>0.6.6</version>", "</document>", ""]
        zf.writestr("main.xml", "\n".join(xml).encode("utf-8"))
    steps.tick()


# -- import ---------------------------------------------------------------------------
@dataclass
class PclxImport:
    project: Project
    notes: list[str] = field(default_factory=list)  # plain words on what was left out


def _open(path: Path) -> tuple[zipfile.ZipFile, ET.Element]:
    not_pencil = tr("This file is not a Pencil2D project Kadr can open.")
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ProjectFileError(tr("This project is not there any more.")) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ProjectFileError(not_pencil) from None
    infos = zf.infolist()
    too_big = tr("This Pencil2D file is too big for Kadr to open.")
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_TOTAL:
        raise ProjectFileError(too_big)
    for info in infos:  # a zip bomb: tiny packed, enormous unpacked
        if info.file_size > (1 << 20) and info.file_size > 200 * max(1, info.compress_size):
            raise ProjectFileError(too_big)
    try:
        info = zf.getinfo("main.xml")
        if info.file_size > MAX_XML:
            raise ProjectFileError(too_big)
        text = zf.read(info)
        if b"<!ENTITY" in text:  # entity expansion attacks; Pencil2D never writes these
            raise ProjectFileError(not_pencil)
        root = ET.fromstring(text)
    except (KeyError, ET.ParseError, ValueError, *_UNZIP):
        raise ProjectFileError(not_pencil) from None
    if root.tag != "document" or root.find("object") is None:
        raise ProjectFileError(not_pencil)
    return zf, root


def _png_data(zf: zipfile.ZipFile, src: str) -> bytes | None:
    """A keyframe's PNG bytes from the zip, its size checked before anything decodes it;
    None when missing or not a PNG (Pencil2D: a blank key)."""
    if not SAFE_NAME.match(src):  # never follow paths out of the data folder
        return None
    try:
        data = zf.read(f"data/{src}")
    except KeyError:
        return None
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if w > MAX_SIDE * 2 or h > MAX_SIDE * 2 or w * h > MAX_PIXELS:  # checked before decoding
        raise ProjectFileError(tr("A picture in this Pencil2D file is too big for Kadr."))
    return data


def _png(zf: zipfile.ZipFile, src: str) -> QImage | None:
    """A keyframe picture from the zip, decoded by Qt (UI thread)."""
    data = _png_data(zf, src)
    image = QImage.fromData(data) if data is not None else QImage()
    return None if image.isNull() else image.convertToFormat(FORMAT)


def _pack(part: np.ndarray, x: int, y: int, w: int,
          h: int) -> dict[tuple[int, int], bytes | None]:
    """Tiles of a picture whose ink all lies in ``part``, a copy of its rows and columns
    from (``x``, ``y``) (both on tile edges), packed with raster.pack_rows (the pixels
    encode_tile would pack); tiles with no ink are left out. numpy and zlib only: runs on
    import threads, side by side."""
    T = raster.TILE
    out: dict[tuple[int, int], bytes | None] = {}
    ph, pw = part.shape[:2]
    words = part.view("<u4")[:, :, 0]  # alpha is the top byte: ink <=> word >= 1 << 24
    for ty in range(y // T, (y + ph - 1) // T + 1):
        for tx in range(x // T, (x + pw - 1) // T + 1):
            tw, th = raster.tile_size((tx, ty), w, h)
            rows, cols = slice(ty * T - y, ty * T - y + th), slice(tx * T - x, tx * T - x + tw)
            most = words[rows, cols].max(axis=1)
            if most.max() >= 0x01000000:  # some alpha: a tile with ink
                out[(tx, ty)] = raster.pack_rows(part[rows, cols], most != 0)
    return out


_premultiply: np.ndarray | None = None


def premultiply_table() -> np.ndarray:
    """Qt's straight -> premultiplied conversion of every (alpha, value) pair as uint32,
    read from Qt itself once (which formula it rounds with depends on the CPU's SIMD
    path). UI thread; the pool gets the table (raster.premultiplied_ink)."""
    global _premultiply
    if _premultiply is None:
        alpha, value = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
        pixels = np.empty((256, 256, 4), np.uint8)
        pixels[:, :, 0] = pixels[:, :, 1] = pixels[:, :, 2] = value
        pixels[:, :, 3] = alpha
        data = pixels.tobytes()
        image = QImage(data, 256, 256, 1024, QImage.Format.Format_ARGB32)
        made = image.convertToFormat(FORMAT)  # kept: const_array only looks at its memory
        _premultiply = const_array(made)[:, :, 0].astype(np.uint32)
    return _premultiply


def _placed(parts: list[Part], x: int, y: int, w: int, h: int,
            table: np.ndarray) -> dict[tuple[int, int], bytes | None]:
    """Tiles of one key put at (``x``, ``y``) on a clear ``w`` x ``h`` picture, cut at its
    edges; the key given as the parts of it that can hold ink (straight RGBA pixels and
    their place in the key; clear elsewhere): what QPainter.drawImage at opacity 1 makes
    of a premultiplied copy, to the bit, packed as ``_pack`` packs them. Only the key's
    ink is moved (a key is mostly clear). numpy and zlib only (import threads)."""
    found = []
    for pixels, px, py in parts:
        where, part_ink = raster.premultiplied_ink(pixels, table, rgba=True)
        part_rows, part_cols = np.divmod(where, pixels.shape[1])
        found.append((part_rows + (y + py), part_cols + (x + px), part_ink))
    if not found:
        return {}
    rows, cols, ink = (np.concatenate(column) for column in zip(*found, strict=True))
    if rows.size and (rows.min() < 0 or cols.min() < 0 or rows.max() >= h or cols.max() >= w):
        inside = np.flatnonzero((rows >= 0) & (rows < h) & (cols >= 0) & (cols < w))
        rows, cols, ink = rows[inside], cols[inside], ink[inside]
    T = raster.TILE
    across = -(-w // T)
    tile = (rows // T * across + cols // T).astype(np.uint16)  # < 256 tiles: a radix sort
    order = np.argsort(tile, kind="stable")
    rows, cols, ink = rows[order], cols[order], ink[order]
    counts = np.bincount(tile)
    ends = np.cumsum(counts).tolist()
    out: dict[tuple[int, int], bytes | None] = {}
    for n in np.flatnonzero(counts).tolist():  # the tiles with ink, in order
        ty, tx = divmod(n, across)
        tw, th = raster.tile_size((tx, ty), w, h)
        mine = slice(ends[n] - int(counts[n]), ends[n])
        ys, xs = rows[mine] - ty * T, cols[mine] - tx * T
        words, inked = np.zeros((th, tw), "<u4"), np.zeros(th, bool)
        words[ys, xs] = ink[mine]
        inked[ys] = True
        out[(tx, ty)] = raster.pack_rows(words.view(np.uint8).reshape(th, tw, 4), inked)
    return out


# a job for the import pool: one key's PNG bytes or a picture Qt drew, and its place
_Job = tuple[bytes, int, int] | tuple[np.ndarray, int, int]


def _num(el: ET.Element, name: str, default: float = 0) -> float:
    try:
        value = float(el.get(name, default))
    except ValueError:
        return default
    return value if abs(value) < 1e9 else default  # also refuses inf and nan


def _int(el: ET.Element, name: str, default: int = 0) -> int:
    return int(_num(el, name, default))


def import_pclx(path: Path) -> PclxImport:
    """Read a Pencil2D file into a new Project; raises ProjectFileError in plain words."""
    zf, root = _open(Path(path))
    with zf:
        try:
            return _build(zf, root, Path(path).stem)
        except (ValueError, TypeError, KeyError, OverflowError, MemoryError, RecursionError,
                *_UNZIP):
            damaged = tr("This Pencil2D file is damaged, so Kadr cannot open it.")
            raise ProjectFileError(damaged) from None


def _build(zf: zipfile.ZipFile, root: ET.Element, title: str) -> PclxImport:
    notes: list[str] = []
    size, last = None, 1
    bitmaps, background, vectors = [], None, []
    for layer in root.iter("layer"):
        kind = _int(layer, "type")
        frames = [_int(k, "frame", 1) for k in layer]
        last = max([last] + frames) if kind in (1, 2, 5) else last
        if kind == 5:
            size = size or (_int(layer, "width", 800), _int(layer, "height", 600))
            if any(_num(c, "dx") or _num(c, "dy") or _num(c, "r") or _num(c, "s", 1) != 1
                   for c in layer.findall("camera")):
                notes.append(tr("Camera moves were left out."))
        elif kind == 2:
            vectors.append(layer.get("name", ""))
        elif kind == 1 and layer.get("kadr") == "background":
            background = layer
        elif kind == 1:
            bitmaps.append(layer)
    w, h = size or (800, 600)  # Pencil2D's default camera when a file has none
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE and last <= MAX_FILM):
        raise ProjectFileError(tr("This Pencil2D file is too big for Kadr to open."))
    if vectors and not bitmaps:
        raise ProjectFileError(tr("This Pencil2D file has only vector drawings. "
                         "Kadr can open bitmap drawings only."))
    if vectors:
        notes.append(tr("Vector layers cannot be opened in Kadr and were left out: {names}",
                        names=", ".join(vectors)))
    project = Project(w, h, title)
    fps_el = root.find("projectdata/fps")
    fps = _int(fps_el, "value", 12) if fps_el is not None else 12
    project.settings.fps = max(1, min(30, fps))
    if project.settings.fps != fps:
        notes.append(tr("The speed was changed to {fps} pictures a second.",
                        fps=project.settings.fps))

    def keys(layer: ET.Element) -> list[tuple[int, ET.Element]]:
        found = [(_int(k, "frame", 1), k) for k in layer.findall("image")]
        return sorted(((p, k) for p, k in found if p >= 1), key=lambda pk: pk[0])

    layer_keys = [keys(layer) for layer in bitmaps]
    positions = sorted({1} | {p for ks in layer_keys for p, _ in ks})
    _check_size(zf, w, h, positions, last)

    def draw_area(keyframes: list[ET.Element | None]) -> tuple[QImage, QRect]:
        """The keys drawn (only ever on the calling thread), and where they landed."""
        canvas, area = new_image(w, h), QRect()
        for key in keyframes:
            image = _png(zf, key.get("src", "")) if key is not None else None
            if key is not None and image is not None:
                painter = QPainter(canvas)
                painter.setOpacity(max(0.0, min(1.0, _num(key, "opacity", 1))))
                x, y = _int(key, "topLeftX") + w // 2, _int(key, "topLeftY") + h // 2
                painter.drawImage(x, y, image)
                painter.end()
                area = area.united(QRect(x, y, image.width(), image.height()))
        return canvas, area.intersected(QRect(0, 0, w, h))

    def draw(keyframes: list[ET.Element | None]) -> QImage:
        return draw_area(keyframes)[0]

    if background is not None and keys(background):
        canvas = draw([keys(background)[0][1]])
        project.background.image = canvas
        project.background.png = png_bytes(to_array(canvas, alpha=True))
    shown = [layer.get("visibility", "1") == "1" for layer in bitmaps]
    # bottom layer -> drawing; the layers above merge into front (hidden ones left out)
    groups = {"drawing": [0][: len(bitmaps)], "front": list(range(1, len(bitmaps)))}
    if len(groups["front"]) > 1:
        groups["front"] = [m for m in groups["front"] if shown[m]]
    for name, members in groups.items():
        project.settings.visible[name] = all(shown[m] for m in members)
    starts = [[p for p, _k in ks] for ks in layer_keys]  # sorted: the key shown is found
    wanted: list[list[tuple[str, tuple[object, ...]]]] = []  # per position
    jobs: dict[tuple[object, ...], list[ET.Element | None]] = {}  # first seen first
    for pos in positions:
        wanted.append([])
        for name, members in groups.items():
            active = [_shown_at(layer_keys[m], starts[m], pos) for m in members]
            signature = (name, *(id(k) for k in active))
            jobs.setdefault(signature, active)  # a held key is decoded once
            wanted[-1].append((name, signature))
    def cut(active: list[ET.Element | None]) -> tuple[np.ndarray, int, int]:
        """The keys drawn by Qt (only ever on the calling thread), cut to the tiles they
        touch and copied out of Qt's memory for the packing threads."""
        canvas, area = draw_area(active)
        if area.isEmpty():
            return np.zeros((0, 0, 4), np.uint8), 0, 0
        T = raster.TILE
        x0, y0 = area.left() // T * T, area.top() // T * T
        x1 = min(w, -(-(area.right() + 1) // T) * T)
        y1 = min(h, -(-(area.bottom() + 1) // T) * T)
        return const_array(canvas)[y0:y1, x0:x1].copy(), x0, y0

    def qt_tiles(active: list[ET.Element | None]) -> dict[tuple[int, int], bytes | None]:
        part, x, y = cut(active)
        return _pack(part, x, y, w, h) if part.size else {}

    table = premultiply_table()

    # a key whose PNG bytes and place equal an earlier one's (Pencil2D's duplicated keys,
    # copied pictures) takes that one's tiles instead of being decoded again
    same: dict[tuple[object, ...], tuple[object, ...]] = {}

    def inputs() -> Iterator[_Job]:
        """On this thread: a job's one key as PNG bytes and its place, to be decoded on the
        pool (the common case: one key at full opacity); anything else drawn here by Qt."""
        first: dict[tuple[bytes, int, int], tuple[object, ...]] = {}
        for signature, active in jobs.items():
            found = [k for k in active if k is not None]
            data = _png_data(zf, found[0].get("src", "")) if len(found) == 1 else None
            if data is not None and _num(found[0], "opacity", 1) >= 1:
                key = found[0]
                x, y = _int(key, "topLeftX") + w // 2, _int(key, "topLeftY") + h // 2
                seen = first.setdefault((hashlib.sha256(data).digest(), x, y), signature)
                if seen is not signature:
                    same[signature] = seen
                    yield np.zeros((0, 0, 4), np.uint8), 0, 0  # nothing to do
                else:
                    yield data, x, y
            else:
                yield cut(active)

    def tiles(job: _Job) -> dict[tuple[int, int], bytes | None] | None:
        """On pool threads (numpy, zlib and Pillow only); None: Pillow would not read the
        key, so Qt decides on this thread, as before."""
        what, x, y = job
        if isinstance(what, bytes):
            parts = png_keys.key_parts(what)
            return None if parts is None else _placed(parts, x, y, w, h, table)
        return _pack(what, x, y, w, h) if what.size else {}

    cache: dict[tuple[object, ...], dict[tuple[int, int], bytes | None]] = {}
    with closing(ordered_map(tiles, inputs())) as made:
        for (signature, active), result in zip(jobs.items(), made, strict=True):
            if signature in same:  # the earlier key's result is in already: in order
                cache[signature] = cache[same[signature]]
            else:
                cache[signature] = result if result is not None else qt_tiles(active)
    for n, pos in enumerate(positions):
        frame = project.new_frame(1)
        for name, signature in wanted[n]:
            frame.pictures[name].apply(cache[signature])
        hold = (positions[n + 1] if n + 1 < len(positions) else last + 1) - pos
        while True:  # Kadr holds stop at MAX_HOLD: split longer ones, timing unchanged
            frame.hold = min(MAX_HOLD, hold)
            project.frames.append(frame)
            hold -= frame.hold
            if hold <= 0:
                break
            pictures = frame.pictures
            frame = project.new_frame(1)
            frame.pictures = {k: p.copy() for k, p in pictures.items()}
    return PclxImport(project, notes)


def _shown_at(keys: list[tuple[int, ET.Element]], starts: list[int],
              pos: int) -> ET.Element | None:
    """The key a layer shows at frame ``pos``: the last one starting at or before it (by
    bisection: a file with 100,000 keys must not cost 100,000 squared steps)."""
    i = bisect.bisect_right(starts, pos)
    return keys[i - 1][1] if i else None


def _check_size(zf: zipfile.ZipFile, w: int, h: int, positions: list[int], last: int) -> None:
    """Refuse, before any picture is decoded, a film that would have more pictures than a
    Kadr film may (holds longer than MAX_HOLD become several pictures) or need more than
    the memory budget (core/limits.py)."""
    ends = positions[1:] + [last + 1]
    pictures = sum(-(-(end - pos) // MAX_HOLD) for pos, end in zip(positions, ends))
    stored = sum(i.file_size for i in zf.infolist() if i.filename.startswith("data/"))
    if pictures > limits.MAX_PICTURES or not limits.fits(
            limits.film_bytes(w, h, pictures, stored)):
        raise ProjectFileError(tr("This Pencil2D file is too big for Kadr to open."))

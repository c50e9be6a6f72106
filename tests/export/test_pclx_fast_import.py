"""Pencil2D import off the UI thread: keys decoded by Pillow on the pool give exactly the
pixels Qt gives on the UI thread, and the pool makes no Qt call."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray
from PySide6.QtGui import QImage

import kadr
from kadr.core import raster
from kadr.core.picture import FORMAT
from kadr.core.tile_check import unpacked
from kadr.export import import_pclx, png_keys
from kadr.export.images import png_bytes
from kadr.export.pclx import premultiply_table


def qt_png(rgba: np.ndarray) -> bytes:
    """An RGBA array saved by Qt's PNG writer (as Pencil2D writes its keys)."""
    h, w = rgba.shape[:2]
    data = np.ascontiguousarray(rgba).tobytes()
    image = QImage(data, w, h, w * 4, QImage.Format.Format_RGBA8888)
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(out.data())


def pillow_png(rgba: np.ndarray, **options: object) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if rgba.shape[2] == 4 else "RGB"
    Image.fromarray(np.ascontiguousarray(rgba), mode).save(out, format="PNG", **options)
    return out.getvalue()


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png16(rgba: np.ndarray) -> bytes:
    """A 16-bit RGBA PNG of 8-bit ``rgba`` (Pillow writes none): Qt reads it, not the pool."""
    h, w = rgba.shape[:2]
    rows = (rgba.astype(">u2") * 257).reshape(h, w * 4).view(np.uint8)
    raw = np.concatenate([np.zeros((h, 1), np.uint8), rows], axis=1).tobytes()
    return (png_keys.SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def palette_png(rgba: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgba), "RGBA").convert("P").save(out, format="PNG")
    return out.getvalue()


def every_pair() -> np.ndarray:
    """256 x 256 straight RGBA pixels: every (alpha, value) pair, different per channel."""
    alpha, value = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    rgba = np.empty((256, 256, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = value, 255 - value, (value * 7) % 256
    rgba[..., 3] = alpha
    return rgba


def qt_premultiplied(png: bytes) -> np.ndarray:
    image = QImage.fromData(png).convertToFormat(FORMAT)
    bits = np.frombuffer(image.constBits(), np.uint8)
    return bits.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width()].copy()


def test_premultiplied_equals_qts_for_all_65536_pairs():
    """Qt's own rounding for every (colour, alpha) pair, each channel: the straight-to-
    premultiplied step of the pool (Pillow's own premultiply differs in 24 pairs)."""
    png = qt_png(every_pair())
    pixels = png_keys.straight_bgra(png)
    assert pixels is not None
    where, ink = raster.premultiplied_ink(pixels, premultiply_table())
    ours = np.zeros(256 * 256, np.uint32)
    ours[where] = ink
    theirs = qt_premultiplied(png).view("<u4").reshape(-1)
    assert np.array_equal(ours, theirs)


RNG = np.random.default_rng(19)


def strokes(w: int, h: int) -> np.ndarray:
    """A drawing's key: mostly clear, soft-edged blobs with every kind of alpha, and
    colour left in clear pixels (which Qt drops)."""
    rgba = RNG.integers(0, 256, (h, w, 4), dtype=np.uint8)
    alpha = RNG.integers(0, 256, (h, w), dtype=np.uint8)
    alpha[RNG.random((h, w)) < 0.7] = 0
    alpha[RNG.random((h, w)) < 0.1] = 255
    alpha[: h // 3, : w // 3] = 0  # a clear corner: tiles with no ink are left out
    rgba[..., 3] = alpha
    return rgba


LAYER = '<layer id="{id}" name="L{id}" visibility="1" type="1">{keys}</layer>'
KEY = '<image frame="{f}" src="{src}" topLeftX="{x}" topLeftY="{y}" opacity="{o}"/>'


def film(path, size, layers, files):
    """A .pclx: camera ``size``; ``layers``: per layer, keys (frame, src, x, y, opacity)
    with x, y from the canvas's top left."""
    w, h = size
    xml = [f'<document><object><layer id="0" name="Camera" type="5" width="{w}" '
           f'height="{h}"><camera frame="1" r="0" s="1" dx="0" dy="0"/></layer>']
    for n, keys in enumerate(layers, start=1):
        xml.append(LAYER.format(id=n, keys="".join(
            KEY.format(f=f, src=src, x=x - w // 2, y=y - h // 2, o=o)
            for f, src, x, y, o in keys)))
    xml.append("</object></document>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("main.xml", "".join(xml))
        for name, data in files.items():
            zf.writestr(f"data/{name}", data)
    return path


def with_chunk(png: bytes, kind: bytes, body: bytes) -> bytes:
    """``png`` with an extra chunk after IHDR."""
    return png[:33] + chunk(kind, body) + png[33:]


def imported(path, monkeypatch, pool: bool):
    """Import ``path``: as Kadr does, or with every key left to Qt (the path all keys
    took before). Returns the project and how many keys the pool decoded."""
    decoded = []
    real = png_keys.key_parts

    def watched(data: bytes) -> list | None:
        parts = real(data) if pool else None
        if parts is not None:
            decoded.append(len(parts))
        return parts

    monkeypatch.setattr(png_keys, "key_parts", watched)
    try:
        return import_pclx(path).project, len(decoded)
    finally:
        monkeypatch.setattr(png_keys, "key_parts", real)


def tiles(project):
    return [{name: {k: zlib.decompress(v) for k, v in p.tiles.items()}
             for name, p in frame.pictures.items()} for frame in project.frames]


@pytest.mark.parametrize("size", [(640, 480), (601, 333)])
def test_pool_import_equals_qt_import_bit_for_bit(tmp_path, monkeypatch, size):
    """Keys with every kind of alpha, at opacity 1, inside, across every edge and wholly
    outside the canvas, written by Qt (Pencil2D's writer) or Pillow, plus what stays
    with Qt: a half-opaque key, two layers merged into front, a 16-bit PNG, a key with a
    gamma chunk, a damaged one. Every tile equals the all-Qt import's."""
    w, h = size
    files = {
        "a.png": qt_png(strokes(300, 200)),
        "b.png": pillow_png(strokes(280, 150)),
        "c.png": png_bytes(strokes(200, 260)),  # Kadr's own writer ("Up" rows)
        "big.png": qt_png(strokes(w + 40, h + 30)),
        "soft.png": qt_png(strokes(120, 90)),
        "hat.png": qt_png(strokes(90, 70)),
        "deep.png": png16(strokes(64, 48)),
        "gamma.png": with_chunk(qt_png(strokes(50, 40)), b"gAMA", (45455).to_bytes(4, "big")),
    }
    broken = bytearray(files["a.png"])
    broken[60] ^= 0xFF  # a flipped byte inside the pixels: the chunk's checksum is wrong
    files["broken.png"] = bytes(broken)
    bottom = [(1, "a.png", 10, 20, 1), (2, "a.png", -100, -50, 1),  # across the top left
              (3, "b.png", w - 100, h - 60, 1), (4, "c.png", 200, 100, 1.5),  # 1.5: as 1
              (5, "big.png", -20, -15, 1), (6, "a.png", w + 5, 10, 1),  # wholly outside
              (7, "soft.png", 30, 40, 0.5), (8, "deep.png", 5, 5, 1),
              (9, "gamma.png", 7, 9, 1), (10, "broken.png", 0, 0, 1),
              (11, "missing.png", 0, 0, 1)]
    front = [(1, "hat.png", 50, 60, 1)]
    above = [(1, "soft.png", 70, 50, 1), (4, "hat.png", w - 40, h - 30, 1)]
    path = film(tmp_path / "f.pclx", size, [bottom, front, above], files)
    pooled, decoded = imported(path, monkeypatch, pool=True)
    by_qt, none = imported(path, monkeypatch, pool=False)
    assert none == 0 and decoded == 6  # the bottom layer's first six keys
    assert tiles(pooled) == tiles(by_qt)
    assert [f.hold for f in pooled.frames] == [f.hold for f in by_qt.frames]
    assert any(tiles(pooled)[0]["drawing"]) and not tiles(pooled)[5]["drawing"]


def test_a_duplicated_key_is_decoded_once(tmp_path, monkeypatch):
    """Pencil2D's duplicated keys are separate files with the same bytes: at the same
    place they take the first one's tiles; elsewhere they are decoded again."""
    key = qt_png(strokes(300, 200))
    files = {"a.png": key, "copy.png": key, "other.png": qt_png(strokes(300, 200))}
    keys = [(1, "a.png", 10, 20, 1), (2, "copy.png", 10, 20, 1), (3, "copy.png", 40, 20, 1),
            (4, "other.png", 10, 20, 1), (5, "a.png", 10, 20, 1)]
    path = film(tmp_path / "f.pclx", (640, 480), [keys], files)
    pooled, decoded = imported(path, monkeypatch, pool=True)
    by_qt, _none = imported(path, monkeypatch, pool=False)
    assert decoded == 3  # a.png at (10, 20), the copy at (40, 20), other.png
    ours = tiles(pooled)
    assert ours == tiles(by_qt)
    assert ours[0] == ours[1] == ours[4] != ours[2] and ours[3] != ours[0]


def test_only_plain_rgba_pngs_go_to_the_pool():
    """8-bit RGBA, not interlaced, every checksum right, nothing that changes pixels."""
    rgba = strokes(40, 30)
    assert png_keys.plain_rgba(qt_png(rgba)) == (40, 30)  # with pHYs, as Qt writes
    assert png_keys.plain_rgba(png_bytes(rgba)) == (40, 30)
    assert png_keys.plain_rgba(with_chunk(png_bytes(rgba), b"tEXt", b"a\x00b")) == (40, 30)
    not_plain = {
        "rgb": pillow_png(rgba[..., :3].copy()),
        "16-bit": png16(rgba),
        "palette": palette_png(rgba),
        "gamma": with_chunk(png_bytes(rgba), b"gAMA", b"\x00\x00\xb1\x8f"),
        "transparency": with_chunk(png_bytes(rgba), b"tRNS", b"\x00\x01"),
        "trailing bytes": png_bytes(rgba) + b"x",
        "no end": png_bytes(rgba)[:-12],
        "bad checksum": png_bytes(rgba)[:-1] + b"\x00",
    }
    interlaced = bytearray(png_bytes(rgba))
    interlaced[28] = 1
    interlaced[29:33] = zlib.crc32(bytes(interlaced[12:29])).to_bytes(4, "big")
    not_plain["interlaced"] = bytes(interlaced)
    idat = png_bytes(rgba)
    at = idat.index(b"IDAT") - 4
    n = int.from_bytes(idat[at:at + 4], "big")
    half = n // 2
    first, second = idat[at + 8:at + 8 + half], idat[at + 8 + half:at + 8 + n]
    not_plain["IDAT split by text"] = (idat[:at] + chunk(b"IDAT", first) + chunk(b"tEXt", b"a\x00b")
                                       + chunk(b"IDAT", second) + idat[at + 12 + n:])
    for name, data in not_plain.items():
        assert png_keys.plain_rgba(data) is None, name
        assert png_keys.straight_bgra(data) is None, name
    split = idat[:at] + chunk(b"IDAT", first) + chunk(b"IDAT", second) + idat[at + 12 + n:]
    assert png_keys.plain_rgba(split) == (40, 30)  # IDATs one after another are fine
    pixels = png_keys.straight_bgra(split)
    assert pixels is not None and np.array_equal(pixels[..., [2, 1, 0, 3]], rgba)


@pytest.mark.parametrize("shape", [(256, 256), (56, 256), (256, 128), (1, 1), (7, 3)])
def test_packed_rows_unpack_to_the_tile(shape):
    """Only rows with ink go through deflate; runs of clear rows are ready-made blocks.
    Whatever the pattern, zlib unpacks exactly the tile, and the file check accepts it."""
    h, w = shape
    patterns = [np.zeros(h, bool), np.ones(h, bool), np.arange(h) % 5 == 0,
                np.arange(h) >= h - 1, np.arange(h) < 1, RNG.random(h) < 0.2,
                (np.arange(h) // 9) % 2 == 1, (np.arange(h) % 40 < 2)]
    for inked in patterns:
        tile = np.zeros((h, w, 4), np.uint8)
        ink = RNG.integers(1, 256, (int(inked.sum()), w, 4), dtype=np.uint8)
        tile[inked] = ink
        packed = raster.pack_rows(tile, tile[..., 3].any(axis=1))
        assert zlib.decompress(packed) == tile.tobytes()
        assert unpacked(packed, w, h) is not None


def _pyside_calls_off_the_main_thread(calls: dict[str, set[str]], ran: set[str]):
    main = threading.main_thread().ident

    def hook(frame, event, arg):  # noqa: ARG001
        ident = threading.get_ident()
        if ident == main:
            return
        thread = threading._active.get(ident)  # noqa: SLF001 - current_thread() makes one
        name = thread.name if thread is not None else "?"
        ran.add(name)
        if event != "c_call":
            return
        owner = getattr(arg, "__self__", None)
        module = type(owner).__module__ if owner is not None else getattr(arg, "__module__", "")
        if module and module.split(".")[0] in ("PySide6", "shiboken6", "Shiboken"):
            calls.setdefault(name, set()).add(getattr(arg, "__qualname__", repr(arg)))
    return hook


def test_the_import_pool_makes_no_qt_call(tmp_path):
    """PySide makes its wrappers lazily, and two threads doing it at once crashed Kadr:
    the threads that decode and pack keys must not call into PySide at all."""
    files = {f"{n}.png": qt_png(strokes(300, 200)) for n in range(6)}
    keys = [(n + 1, f"{n}.png", 20 * n, 10 * n, 1) for n in range(6)]
    path = film(tmp_path / "f.pclx", (640, 480), [keys], files)
    calls: dict[str, set[str]] = {}
    ran: set[str] = set()
    threading.setprofile(_pyside_calls_off_the_main_thread(calls, ran))
    try:
        project = import_pclx(path).project
    finally:
        threading.setprofile(None)
    assert len(project.frames) == 6 and all(f.pictures["drawing"].tiles for f in project.frames)
    assert any(name.startswith("kadr-export-pool") for name in ran)  # the hook saw them
    assert calls == {}


PREMULTIPLY_IN_A_CHILD = """
import hashlib, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["kadr"])
from kadr.export.pclx import premultiply_table
print(hashlib.sha256(premultiply_table().tobytes()).hexdigest())
"""


def test_the_premultiply_table_reads_no_freed_memory():
    """The table was once read from a converted image already freed: right only while
    nothing reused that memory (semi-transparent ink lost its colour otherwise). Made in a
    child whose freed memory the C library overwrites at once (glibc's perturb; other
    systems ignore it), it still equals Qt's own conversion of every pair."""
    alpha, value = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    pixels = np.empty((256, 256, 4), np.uint8)
    pixels[..., 0] = pixels[..., 1] = pixels[..., 2] = value
    pixels[..., 3] = alpha
    data = pixels.tobytes()
    converted = QImage(data, 256, 256, 1024, QImage.Format.Format_ARGB32).convertToFormat(FORMAT)
    bits = np.frombuffer(converted.constBits(), np.uint8).reshape(256, 256, 4)
    expected = hashlib.sha256(bits[:, :, 0].astype(np.uint32).tobytes()).hexdigest()
    app_dir = Path(kadr.__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(app_dir),
               GLIBC_TUNABLES="glibc.malloc.perturb=165")
    made = subprocess.run([sys.executable, "-c", PREMULTIPLY_IN_A_CHILD], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert made.stdout.split()[-1] == expected

"""Keyframe PNGs decoded only where they can hold ink (export/png_bands.py): the parts
put together are exactly what Pillow decodes from the whole PNG, for every PNG filter
and every writer, and a damaged or hostile stream is decided as it was before."""

from __future__ import annotations

import struct
import tracemalloc
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_pclx_fast_import import chunk, film, imported, pillow_png, qt_png, tiles

from kadr.core import raster
from kadr.export import png_bands, png_keys
from kadr.export.images import png_bytes

RNG = np.random.default_rng(2019)


def predicted(u: np.ndarray, kind: int) -> np.ndarray:
    """What PNG filter ``kind`` predicts for every byte of the scanlines ``u`` (h, w * 4),
    as int16: from the byte to the left (a), above (b) and above-left (c)."""
    h, n = u.shape
    b = np.vstack([np.zeros((1, n), np.int16), u[:-1]])
    a = np.hstack([np.zeros((h, 4), np.int16), u[:, :-4]])
    c = np.hstack([np.zeros((h, 4), np.int16), b[:, :-4]])
    if kind == 0:
        return np.zeros_like(u)
    if kind == 1:
        return a
    if kind == 2:
        return b
    if kind == 3:
        return (a + b) // 2
    p = a + b - c
    pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))


def encoded(rgba: np.ndarray, filters: list[int] | int, level: int = 6,
            idats: int = 1) -> bytes:
    """``rgba`` as a PNG whose rows are filtered as told (one kind per row, or one for
    all), packed at zlib ``level`` and split into ``idats`` IDAT chunks."""
    h, w = rgba.shape[:2]
    kinds = [filters] * h if isinstance(filters, int) else filters
    u = rgba.reshape(h, w * 4).astype(np.int16)
    rows = np.empty((h, 1 + w * 4), np.uint8)
    for kind in set(kinds):
        mine = np.array(kinds) == kind
        rows[mine, 0] = kind
        rows[mine, 1:] = ((u - predicted(u, kind)) & 0xFF)[mine]
    data = zlib.compress(rows.tobytes(), level)
    cut = [len(data) * i // idats for i in range(idats + 1)]
    return (png_keys.SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + b"".join(chunk(b"IDAT", data[a:b]) for a, b in zip(cut, cut[1:], strict=False))
            + chunk(b"IEND", b""))


def drawing(w: int, h: int, ink_rows: list[int] | None = None) -> np.ndarray:
    """A child's key: clear, with soft strokes in a few bands of rows (some touching the
    first and last rows and columns), every kind of alpha, and colour left in some clear
    pixels (they are not clear to a PNG filter, though they hold no ink)."""
    rgba = np.zeros((h, w, 4), np.uint8)
    rows = ink_rows if ink_rows is not None else [0, h // 3, h // 2, h - 1]
    for y in rows:
        top, bottom = max(0, y - 2), min(h, y + 3)
        x0 = int(RNG.integers(0, max(1, w // 2)))
        x1 = min(w, x0 + int(RNG.integers(1, w + 1)))
        rgba[top:bottom, x0:x1] = RNG.integers(0, 256, (bottom - top, x1 - x0, 4), np.uint8)
    if h > 4 and w > 4:
        rgba[h // 4, w - 3:, :3] = 200  # colour without alpha, at the right edge
        rgba[h // 4 + 1, : w // 2] = (9, 9, 9, 255)  # one solid run from the left edge
    return rgba


def whole(data: bytes) -> np.ndarray | None:
    """What Pillow decodes from the whole PNG, as RGBA (the path every key took before)."""
    pixels = png_keys.straight_bgra(data)
    return None if pixels is None else pixels[..., [2, 1, 0, 3]]


def put_together(data: bytes) -> np.ndarray | None:
    parts = png_keys.key_parts(data)
    if parts is None:
        return None
    w, h = png_keys.plain_rgba(data) or (0, 0)
    out = np.zeros((h, w, 4), np.uint8)
    for pixels, x, y in parts:
        assert x >= 0 and y >= 0 and x + pixels.shape[1] <= w and y + pixels.shape[0] <= h
        out[y:y + pixels.shape[0], x:x + pixels.shape[1]] = pixels
    return out


SIZES = [(300, 200), (64, 64), (1, 1), (2, 9), (3, 40), (37, 3), (530, 7)]
FILTERS = {"none": 0, "sub": 1, "up": 2, "average": 3, "paeth": 4}


def keys_of_every_kind(w: int, h: int) -> dict[str, bytes]:
    rgba = drawing(w, h)
    keys = {name: encoded(rgba, kind) for name, kind in FILTERS.items()}
    keys["mixed rows"] = encoded(rgba, RNG.integers(0, 5, h).tolist(), level=9, idats=3)
    keys["qt"] = qt_png(rgba)  # libpng's adaptive filters, zlib's default level: Pencil2D's
    keys["pillow"] = pillow_png(rgba)
    keys["pillow fastest"] = pillow_png(rgba, compress_level=1)
    keys["kadr"] = png_bytes(rgba)  # Kadr's own writer: "Up" rows, zlib level 1
    keys["clear"] = qt_png(np.zeros((h, w, 4), np.uint8))
    keys["clear, up"] = encoded(np.zeros((h, w, 4), np.uint8), 2)
    keys["full"] = qt_png(RNG.integers(0, 256, (h, w, 4), np.uint8))  # decoded whole
    keys["top row only"] = qt_png(drawing(w, h, [0]))
    keys["bottom row only"] = qt_png(drawing(w, h, [h - 1]))
    return keys


@pytest.mark.parametrize("size", SIZES)
def test_parts_equal_pillow_decoding_the_whole_key(size):
    """Every filter alone and mixed, Qt's, Pillow's and Kadr's writers, clear keys, full
    keys, ink on the first and last rows and columns, tiny and odd sizes."""
    for name, data in keys_of_every_kind(*size).items():
        expected = whole(data)
        assert expected is not None, name
        assert np.array_equal(put_together(data), expected), (name, size)


def test_a_clear_key_has_no_parts():
    assert png_keys.key_parts(qt_png(np.zeros((40, 50, 4), np.uint8))) == []
    assert png_keys.key_parts(encoded(np.zeros((40, 50, 4), np.uint8), 4)) == []


def test_only_the_bands_with_ink_are_decoded():
    """A Pencil2D-like key (Qt's writer) with two strokes far apart: two parts, each cut
    to its stroke's rows and no wider than its columns and one clear pixel."""
    rgba = np.zeros((400, 600, 4), np.uint8)
    rgba[20:30, 100:200] = (10, 20, 30, 255)
    rgba[300:305, 350:420] = (200, 100, 50, 128)
    parts = png_keys.key_parts(qt_png(rgba))
    assert parts is not None
    places = [(x, y, p.shape[1], p.shape[0]) for p, x, y in parts]
    assert len(places) == 2
    (x0, y0, w0, h0), (x1, y1, w1, h1) = places
    assert y0 == 20 and 10 <= h0 <= 11 and x0 == 100 and 100 <= w0 <= 102
    assert y1 == 300 and 5 <= h1 <= 6 and x1 == 350 and 70 <= w1 <= 72


def test_without_zlib_ng_the_standard_zlib_gives_the_same(monkeypatch):
    """zlib-ng is optional: without it the standard library inflates and packs."""
    keys = keys_of_every_kind(120, 90)
    fast = {name: put_together(data) for name, data in keys.items()}
    monkeypatch.setattr(png_bands, "inflating", zlib)
    monkeypatch.setattr(raster, "deflating", zlib)
    monkeypatch.setattr(raster, "PACK_LEVEL", 1)
    for name, data in keys.items():
        assert np.array_equal(put_together(data), fast[name]), name
    tile = np.zeros((256, 256, 4), np.uint8)
    tile[10:20] = 7
    assert zlib.decompress(raster.pack_rows(tile, tile[..., 3].any(axis=1))) == tile.tobytes()


def with_idat(png: bytes, idat: bytes) -> bytes:
    """``png`` (one IDAT) with its IDAT data replaced, the chunk's checksum right."""
    at = png.index(b"IDAT") - 4
    n = int.from_bytes(png[at:at + 4], "big")
    return png[:at] + chunk(b"IDAT", idat) + png[at + 12 + n:]


def idat_of(png: bytes) -> bytes:
    at = png.index(b"IDAT") - 4
    return png[at + 8:at + 8 + int.from_bytes(png[at:at + 4], "big")]


def damaged_keys() -> dict[str, bytes]:
    rgba = drawing(80, 60)
    good = encoded(rgba, 4)
    stream = idat_of(good)
    w = 80
    raw = bytearray(zlib.decompress(stream))
    bad_filter = bytearray(raw)
    bad_filter[(w * 4 + 1) * 7] = 5  # no such filter
    return {
        "a flipped byte": with_idat(good, stream[:40] + bytes([stream[40] ^ 0x5A]) + stream[41:]),
        "cut short": with_idat(good, stream[: len(stream) // 2]),
        "no checksum": with_idat(good, stream[:-4]),
        "wrong checksum": with_idat(good, stream[:-4] + b"\x00\x00\x00\x00"),
        "bytes after the stream": with_idat(good, stream + b"more"),
        "a row too few": with_idat(good, zlib.compress(bytes(raw[: -(w * 4 + 1)]))),
        "a row too many": with_idat(good, zlib.compress(bytes(raw) + bytes(w * 4 + 1))),
        "filter 5": with_idat(good, zlib.compress(bytes(bad_filter))),
        "not zlib": with_idat(good, b"\x00" * 100),
        "raw deflate": with_idat(good, zlib.compress(bytes(raw))[2:]),
        "empty": with_idat(good, b""),
        "huge claimed size": good[:16] + b"\x00\x00\x10\x00\x00\x00\x10\x00" + good[24:],
    }


@pytest.mark.parametrize("name", list(damaged_keys()))
def test_damaged_streams_are_decided_as_before(name):
    """Whatever is wrong inside a plain PNG's pixels, the parts are what Pillow made of
    the whole PNG before (often nothing: Qt then decides), and nothing raises."""
    data = damaged_keys()[name]
    assert png_keys.plain_rgba(data) is not None or name == "huge claimed size"
    before = whole(data)
    after = put_together(data)
    assert (after is None) == (before is None), name
    if before is not None:
        assert np.array_equal(after, before), name


def test_a_zlib_bomb_costs_no_memory():
    """A 64 x 64 key whose stream unpacks to 64 MB: never more than the picture's bytes
    (and one) are unpacked, and the key is refused as before."""
    bomb = zlib.compress(bytes(64 << 20), 9)
    key = with_idat(encoded(np.zeros((64, 64, 4), np.uint8), 0), bomb)
    tracemalloc.start()
    try:
        assert png_bands.scanlines(bomb, 64, 64) is None
        parts = png_keys.key_parts(key)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parts is None or all(not p[0].any() for p in parts)
    assert peak < 4 << 20


def test_import_of_keys_of_every_kind_equals_the_qt_import(tmp_path, monkeypatch):
    """A film of keys with every PNG filter, Qt's (Pencil2D's) and Pillow's writers, ink
    on the keys' first and last rows, a clear key, keys across the canvas's edges: the
    import through the parts gives every tile exactly as Qt drawing every key does."""
    w, h = 500, 300
    keys = keys_of_every_kind(260, 180)
    names = sorted(keys)
    files = {f"{n}.png": keys[name] for n, name in enumerate(names)}
    places = [(20, 30), (-40, -25), (w - 200, h - 120), (300, 10)]
    bottom = [(n + 1, f"{n}.png", *places[n % len(places)], 1) for n in range(len(names))]
    path = film(tmp_path / "f.pclx", (w, h), [bottom], files)
    pooled, decoded = imported(path, monkeypatch, pool=True)
    by_qt, _none = imported(path, monkeypatch, pool=False)
    assert decoded == len(names)
    assert tiles(pooled) == tiles(by_qt)
    assert any(tiles(pooled)[names.index("qt")]["drawing"])
    assert not tiles(pooled)[names.index("clear")]["drawing"]


@settings(max_examples=300, deadline=None)
@given(w=st.integers(1, 70), h=st.integers(1, 40), seed=st.integers(0, 2**32 - 1),
       clear=st.floats(0.0, 1.0), kinds=st.sampled_from(["each", "one", "qt"]))
def test_any_sparse_key_decodes_to_what_pillow_decodes(w, h, seed, clear, kinds):
    """Random keys: runs of clear rows and columns of any length, any filter per row."""
    rng = np.random.default_rng(seed)
    rgba = rng.integers(0, 256, (h, w, 4), np.uint8)
    rgba[rng.random(h) < clear] = 0
    rgba[:, rng.random(w) < clear] = 0
    rgba[rng.random((h, w)) < clear] = 0
    if kinds == "qt":
        data = qt_png(rgba)
    else:
        filters = rng.integers(0, 5, h).tolist() if kinds == "each" else int(rng.integers(0, 5))
        data = encoded(rgba, filters, level=int(rng.integers(0, 10)))
    assert np.array_equal(put_together(data), rgba)

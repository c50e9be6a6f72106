"""Opening a film unpacks none of its tiles on the opening thread (issue 7: the studio
started 1.2 s late with a 600-picture film); a background check finds damaged tiles
once the studio shows or load_notes asks (core/tile_check.py). Between the two nothing
is lost and nothing crashes: every drawing path leaves a damaged tile out, a copy
written then keeps the film as it was, and the damage is told once the check ends, to
the studio and to the gallery.

The tests hold the check (tests/held_check.py) to see that in-between time on purpose.
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from test_hostile_files import first_tile, replace_tile, saved_film, shows_everything

from held_check import held_check
from kadr.core import film_values
from kadr.core.library import Library
from kadr.core.picture import as_array
from kadr.core.render import Renderer
from kadr.core.store import damage_found, load, load_notes, save_copy, tiles_checked


def tile_rows(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute("SELECT frame_id, layer, tx, ty, data FROM tiles"))
    finally:
        con.close()


def pixels(image: QImage) -> np.ndarray:
    return as_array(image).copy()


def test_opening_leaves_the_unpacking_to_the_check_thread(qapp, tmp_path, monkeypatch):
    """load returns while the check has not unpacked a tile; every tile is unpacked on
    the check's own thread, none on the opening one."""
    path = saved_film(tmp_path, pictures=3)
    with held_check(monkeypatch) as held:
        project = load(path)
        assert not tiles_checked(project)
        held.release()
        assert load_notes(project) == []
    assert tiles_checked(project)
    assert held.threads == {"kadr-tile-check"}


def test_a_damaged_tile_before_and_after_the_check(qapp, tmp_path, monkeypatch):
    """Before the check ends the damaged tile is still held, and every way of drawing
    leaves it out (the studio's, the workers', exports'); the gallery does not know yet.
    After it, the tile is gone from the picture, the pictures look the same, and the
    damage is said in load_notes and by the gallery."""
    library = Library(tmp_path / "lib")
    path = saved_film(library.root, "hurt", pictures=3)
    fid, layer, tx, ty = replace_tile(path, b"not zlib at all")
    with held_check(monkeypatch) as held:
        project = load(path)
        frame = next(f for f in project.frames if f.id == fid)
        assert (tx, ty) in frame.pictures[layer].tiles  # not checked yet
        shows_everything(project)
        renderer = Renderer(project)
        before = [pixels(renderer.compose(i)) for i in range(len(project.frames))]
        assert damage_found(path) == []
        assert library.entry(path).note == ""
        held.release()
        notes = load_notes(project)
    assert notes == [film_values.damaged_part()]
    assert (tx, ty) not in frame.pictures[layer].tiles
    after = [pixels(Renderer(project).compose(i)) for i in range(len(project.frames))]
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    assert damage_found(path) == [film_values.damaged_part()]
    assert library.entry(path).note == film_values.damaged_part()


def test_a_copy_written_before_the_check_ends_keeps_everything(qapp, tmp_path, monkeypatch):
    """A whole rewrite while the check runs (a recovery copy, a failed write written
    again) keeps every tile the film had, the damaged one as it was; after the check
    only the damaged tile is left out. Opening never changes the film's own file."""
    path = saved_film(tmp_path, pictures=3)
    hurt = first_tile(path)
    replace_tile(path, b"\x78\x9c broken")
    rows = tile_rows(path)
    with held_check(monkeypatch) as held:
        project = load(path)
        save_copy(project, tmp_path / "early.kadr")
        held.release()
        assert film_values.damaged_part() in load_notes(project)
    save_copy(project, tmp_path / "late.kadr")
    assert tile_rows(tmp_path / "early.kadr") == rows
    assert tile_rows(tmp_path / "late.kadr") == [r for r in rows if r[:4] != hurt]
    assert tile_rows(path) == rows


def damage_cases() -> list[tuple[bytes, int, int, bytes | None]]:
    """(tile bytes, width, height, the pixels, or None: damaged) of every kind."""
    from test_hostile_files import zlib_bomb

    pixels = bytes(range(256)) * (256 * 4)
    good = zlib.compress(pixels)
    edge = zlib.compress(pixels[: 128 * 224 * 4])  # a 128x224 tile at the picture's edge
    busy = zlib.compress(np.random.default_rng(7).bytes(256 * 256 * 4))  # long bytes
    cases = [(good, 256, 256, pixels), (edge, 128, 224, pixels[: 128 * 224 * 4]),
             (busy, 256, 256, zlib.decompress(busy)), (good, 128, 224, None),
             (b"not zlib", 256, 256, None), (zlib.compress(b"\xff" * 1000), 256, 256, None),
             (good[:-9], 256, 256, None), (busy[:-9], 256, 256, None),
             (zlib.compress(pixels + b"1234"), 256, 256, None),
             (good + b"x" * 300_000, 256, 256, None), (zlib_bomb(200 << 10), 256, 256, None),
             (good, 0, 256, None)]
    return cases


def test_zlib_ng_and_zlib_find_the_same_damage(monkeypatch):
    """Tiles are unpacked with zlib-ng when it is installed, else with the standard zlib
    (checked and drawn alike): both give the same pixels, find every kind of damage,
    and stop a zlib bomb."""
    from kadr.core import tile_check

    cases = damage_cases()
    answers = {}
    for name, inflater in (("zlib-ng", tile_check.inflating), ("zlib", None)):
        monkeypatch.setattr(tile_check, "inflating", inflater)
        answers[name] = [tile_check.unpacked(data, w, h) for data, w, h, _raw in cases]
    expected = [raw for *_rest, raw in cases]
    assert answers["zlib"] == expected
    assert answers["zlib-ng"] == expected  # zlib again where zlib-ng is not installed


def test_exports_unpack_as_the_studio_does():
    """One unpacker: what exports draw with (raster.tile_pixels) takes and
    leaves out exactly what the studio and the check do (tile_check.unpacked), a stream
    whose end is cut off included (once taken by exports when its pixels were all there)."""
    from kadr.core import raster, tile_check

    pixels = bytes(range(256)) * (256 * 4)
    cases = [*damage_cases(), (zlib.compress(pixels)[:-4], 256, 256, None)]
    for data, w, h, raw in cases:
        assert tile_check.unpacked(data, w, h) == raw
        if raw is None:
            with pytest.raises(raster.DamagedTile):
                raster.tile_pixels(data, w, h)
        else:
            assert raster.tile_pixels(data, w, h).tobytes() == raw

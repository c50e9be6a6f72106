"""Hostile and damaged files: every value read from a .kadr, a GIF or a .pclx is checked.

Each test builds a real file (a film saved by Kadr, then changed with SQLite the way a
damaged disk or a hostile person would) and opens it the way the studio, the gallery and
`kadr export` do. A film with a damaged part opens without that part and says so in plain
words; a film too big for the memory budget is refused in plain words; nothing crashes,
and opening never changes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from helpers import film
from kadr.core import film_values, limits
from kadr.core.importing import ImportProblem, import_gif_frames
from kadr.core.library import Library, safe_stem
from kadr.core.picture import Picture, unpack_tile
from kadr.core.project import MAX_HOLD, PLAY_MODES, blank_project
from kadr.core.render import Renderer
from kadr.core.store import (
    ProjectFileError,
    check_file,
    is_read_only,
    load,
    load_notes,
    save_copy,
)
from kadr.export.cli_export import export_main

ROOT = Path(__file__).resolve().parents[2]


# -- building real files -----------------------------------------------------------------
def saved_film(folder: Path, name: str = "film", pictures: int = 2) -> Path:
    """A real 640x480 film of ``pictures`` drawn pictures, saved by Kadr."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.kadr"
    save_copy(film(pictures), path)
    return path


def change(path: Path, sql: str, *params: object) -> None:
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(sql, params)
    finally:
        con.close()


def set_settings(path: Path, **values: object) -> None:
    con = sqlite3.connect(path)
    text = con.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()[0]
    con.close()
    data = json.loads(text)
    data.update(values)
    change(path, "UPDATE meta SET value = ? WHERE key = 'settings'", json.dumps(data))


def first_tile(path: Path) -> tuple[int, str, int, int]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT frame_id, layer, tx, ty FROM tiles LIMIT 1").fetchone()
    finally:
        con.close()


def replace_tile(path: Path, data: object) -> tuple[int, str, int, int]:
    key = first_tile(path)
    change(path, "UPDATE tiles SET data = ? WHERE frame_id = ? AND layer = ? AND tx = ? "
                 "AND ty = ?", data, *key)
    return key


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zlib_bomb(size: int) -> bytes:
    """About ``size`` bytes of zlib that unpack to ~1000 times as much: full-flushed
    blocks of a megabyte of zeros, repeated (made in milliseconds, not by packing GBs)."""
    packer = zlib.compressobj(9)
    head = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + block * max(1, (size - len(head)) // len(block)) + packer.flush()


def plain(message: str) -> bool:
    lowered = message.lower()
    return bool(message) and message.rstrip().endswith(".") and "\n" not in message and not any(
        word in lowered for word in ("sqlite", "traceback", "error", "errno", "zlib", "json"))


def shows_everything(project) -> None:
    """Draw every picture the ways the studio, its workers and exports do (the crash was
    here)."""
    renderer = Renderer(project)
    for i in range(len(project.frames)):
        renderer.compose(i)
        renderer.picture_job(i, (64, 48), smooth=True)()  # a worker's way (thumbnails)
        for layer in ("drawing", "front"):
            project.image(i, layer)


# -- point 2: one damaged tile ------------------------------------------------------------
@pytest.mark.parametrize("data", [
    b"this is not zlib at all",
    zlib.compress(b"\xff" * 1000),  # a tile shorter than its place: drew freed memory
    zlib.compress(b"\xff" * (256 * 256 * 4 + 4)),  # longer than its place
    zlib.compress(bytes(256 * 256 * 4))[:-9],  # cut short
], ids=["not-zlib", "short", "long", "truncated"])
def test_film_with_a_damaged_tile_opens_without_it(qapp, tmp_path, data):
    """The film opens (the damaged tile left out), says so in plain words, draws, and the
    file is not changed by opening it."""
    path = saved_film(tmp_path)
    fid, layer, tx, ty = replace_tile(path, data)
    before = digest(path)
    project = load(path)
    shows_everything(project)  # before the damaged tile was taken out (tile_check.py)
    assert film_values.damaged_part() in load_notes(project)
    assert all(plain(n) for n in load_notes(project))
    frame = next(f for f in project.frames if f.id == fid)
    assert (tx, ty) not in frame.pictures[layer].tiles
    shows_everything(project)
    assert digest(path) == before


def test_a_short_tile_is_never_handed_to_qt(qapp):
    """draw_tiles leaves out a tile that is damaged or shorter than its place (Qt would
    read past its end), and draws the good ones."""
    good = zlib.compress(b"\xff" * (256 * 256 * 4))
    picture = Picture(640, 480, {(0, 0): zlib.compress(b"\xff" * 64), (1, 0): b"junk",
                                 (2, 1): good, (9, 9): good})
    image = picture.decode()
    assert image.pixelColor(10, 10).alpha() == 0  # the short tile: left out
    assert image.pixelColor(300, 10).alpha() == 0  # the junk tile: left out
    # the edge tile (2, 1) is 128x224: a full-size tile does not fit its place either
    assert image.pixelColor(600, 300).alpha() == 0
    assert unpack_tile(zlib.compress(b"\xff" * (128 * 224 * 4)), 128, 224) is not None


def test_gallery_lists_a_damaged_film_with_a_note(qapp, tmp_path):
    """A film with a damaged part is listed as one that opens, with a note; a tile
    outside the picture is noticed without opening it, a damaged one once it was opened."""
    library = Library(tmp_path / "lib")
    outside = saved_film(library.root, "outside")
    change(outside, "UPDATE tiles SET tx = 99 WHERE frame_id = ? AND layer = ? AND tx = ? "
                    "AND ty = ?", *first_tile(outside))
    flipped = saved_film(library.root, "flipped")
    replace_tile(flipped, zlib.compress(b"\x01" * 4000))
    entries = {e.path.stem: e for e in library.projects()}
    assert entries["outside"].note == film_values.damaged_part()
    assert not entries["outside"].broken
    # only unpacking finds this one: the studio opened it and its tiles were checked
    # (in the background, core/tile_check.py: load_notes waits for that)
    load_notes(load(flipped))
    entries = {e.path.stem: e for e in library.projects()}
    assert entries["flipped"].note == film_values.damaged_part()
    assert not entries["flipped"].broken


def test_gallery_shows_the_note_in_words(qapp, tmp_path):
    """The gallery's item says it, in its title, its tooltip and to a screen reader."""
    from PySide6.QtCore import Qt

    from kadr.ui.gallery_items import ProjectGrid

    library = Library(tmp_path)
    path = saved_film(tmp_path, "ball")
    change(path, "UPDATE tiles SET layer = 'sky'")
    grid = ProjectGrid("projects")
    grid.fill(library.projects())
    item = grid.item(0)
    assert "(some of it could not be read)" in item.text()
    assert item.toolTip() == film_values.damaged_part()
    assert film_values.damaged_part() in item.data(Qt.ItemDataRole.AccessibleDescriptionRole)


def test_kadr_export_of_a_damaged_film_works(qapp, tmp_path, capsys):
    """`kadr export` of a film with a damaged tile exports the rest and says what was left
    out; a film too big to open is a plain line and exit code 1, never a traceback."""
    path = saved_film(tmp_path)
    replace_tile(path, b"\x78\x9c broken")
    assert export_main([str(path), str(tmp_path / "out.gif")]) == 0
    out = capsys.readouterr()
    assert (tmp_path / "out.gif").exists()
    assert film_values.damaged_part() in out.out and "Traceback" not in out.err
    big = saved_film(tmp_path, "big")
    change(big, "UPDATE meta SET value = '20000' WHERE key IN ('width', 'height')")
    assert export_main([str(big), str(tmp_path / "big.gif")]) == 1
    err = capsys.readouterr().err
    assert film_values.too_big() in err and "Traceback" not in err


# -- point 3: every value is checked ------------------------------------------------------
ODD_SETTINGS = {
    "fps-0": {"fps": 0}, "fps-huge": {"fps": 10 ** 6}, "fps-text": {"fps": "fast"},
    "fps-float": {"fps": 8.5}, "fps-bool": {"fps": True}, "fps-null": {"fps": None},
    "mode-unknown": {"play_mode": "sideways"}, "mode-number": {"play_mode": 3},
    "onion-text": {"onion": "on"}, "onion-list": {"onion": [1, 2]},
    "onion-before": {"onion": {"before": "many", "enabled": True}},
    "onion-before-huge": {"onion": {"before": 10 ** 9, "enabled": True}},
    "onion-opacity": {"onion": {"opacity": "strong", "enabled": True}},
    "onion-opacity-nan": {"onion": {"opacity": float("nan"), "enabled": True}},
    "onion-enabled": {"onion": {"enabled": "yes"}},
    "onion-tint": {"onion": {"before_tint": "blue", "enabled": True}},
    "onion-tint-number": {"onion": {"after_tint": 7, "enabled": True}},
    "visible-list": {"visible": ["drawing"]}, "visible-text": {"visible": {"drawing": "no"}},
}


@pytest.mark.parametrize("values", ODD_SETTINGS.values(), ids=ODD_SETTINGS.keys())
def test_odd_settings_fall_back_to_the_usual_ones(qapp, tmp_path, values):
    """fps 0, an unknown play mode, onion settings of the wrong type...: the film opens
    with the usual value there and a plain note; everything it holds is of the right type."""
    path = saved_film(tmp_path)
    set_settings(path, **values)
    project = load(path)
    assert film_values.odd_settings() in load_notes(project)
    s = project.settings
    assert type(s.fps) is int and limits.MIN_FPS <= s.fps <= limits.MAX_FPS
    assert s.play_mode in PLAY_MODES
    assert all(type(v) is bool for v in s.visible.values())
    assert type(s.onion.enabled) is bool and type(s.onion.before) is int
    assert 0.0 <= s.onion.opacity <= 1.0 and s.onion.before_tint.startswith("#")
    shows_everything(project)


@pytest.mark.parametrize("text", ["not json", "[]", "7", "[" * 100_000 + "]" * 100_000,
                                  '{"onion": ' * 50_000 + "{}" + "}" * 50_000,
                                  "x" * (limits.MAX_META_TEXT + 10)],
                         ids=["not-json", "list", "number", "deep-list", "deep-object", "huge"])
def test_unreadable_settings_json_means_the_usual_settings(qapp, tmp_path, text):
    path = saved_film(tmp_path)
    change(path, "UPDATE meta SET value = ? WHERE key = 'settings'", text)
    project = load(path)
    assert film_values.odd_settings() in load_notes(project)
    assert project.settings.fps == 8 and project.settings.play_mode == "loop"


def test_odd_settings_export_without_a_crash(qapp, tmp_path):
    """The export used to divide by fps 0 and trip on text: now it exports."""
    path = saved_film(tmp_path)
    set_settings(path, fps=0, play_mode="sideways", onion={"before": "x", "enabled": "on"})
    assert export_main([str(path), str(tmp_path / "o.gif")]) == 0
    assert export_main([str(path), str(tmp_path / "o.mp4")]) == 0


@pytest.mark.parametrize("hold", ["long", 0, -3, 99, 2.5, None, b"\x01"],
                         ids=["text", "zero", "negative", "huge", "float", "null", "blob"])
def test_odd_holds_become_holds_kadr_has(qapp, tmp_path, hold):
    path = saved_film(tmp_path)
    con = sqlite3.connect(path)
    # the frames table says NOT NULL; a hostile file need not
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'frames'").fetchone()[0]
    rows = con.execute("SELECT id, position, hold FROM frames").fetchall()
    with con:
        con.execute("DROP TABLE frames")
        con.execute(sql.replace("NOT NULL", ""))
        con.executemany("INSERT INTO frames VALUES (?, ?, ?)", rows)
        con.execute("UPDATE frames SET hold = ? WHERE position = 0", (hold,))
    con.close()
    project = load(path)
    assert film_values.odd_timing() in load_notes(project)
    assert all(type(f.hold) is int and 1 <= f.hold <= MAX_HOLD for f in project.frames)
    assert len(project.frames) == 2
    shows_everything(project)


@pytest.mark.parametrize("width", ["0", "-5", "wide", "", "1e3", "12.5", "٣٠٠"],
                         ids=["zero", "negative", "text", "empty", "exponent", "float", "digits"])
def test_an_impossible_canvas_is_refused_plainly(qapp, tmp_path, width):
    path = saved_film(tmp_path)
    change(path, "UPDATE meta SET value = ? WHERE key = 'width'", width)
    before = digest(path)
    with pytest.raises(ProjectFileError) as error:
        load(path)
    assert plain(str(error.value))
    assert digest(path) == before


def test_a_huge_declared_canvas_is_refused_before_any_memory_is_taken(qapp, tmp_path):
    """A 20 KB film declaring 20000x20000 (3.2 GB in the studio, > 6 GB exporting):
    refused in plain words, by the studio, the gallery and the export alike."""
    path = saved_film(tmp_path)
    change(path, "UPDATE meta SET value = '20000' WHERE key IN ('width', 'height')")
    tracemalloc.start()
    try:
        with pytest.raises(ProjectFileError) as error:
            load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error.value) == film_values.too_big() and plain(str(error.value))
    assert peak < 32 << 20
    entry = Library(tmp_path).entry(path)
    assert entry.broken == film_values.too_big()


@pytest.mark.parametrize("size", [4 << 20, 200 << 10], ids=["4MB", "200KB"])
def test_a_zlib_bomb_tile_is_left_out_without_unpacking_it(qapp, tmp_path, size):
    """A 4 MB tile that unpacks to 4 GB (> 6 GB to show), and a 200 KB one that fits in
    a tile's bytes but unpacks to 200 MB: left out; memory stays small."""
    bomb = zlib_bomb(size)
    path = saved_film(tmp_path)
    replace_tile(path, bomb)
    tracemalloc.start()
    try:
        project = load(path)
        shows_everything(project)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert film_values.damaged_part() in load_notes(project)
    assert peak < (size + (48 << 20))


def test_a_hundred_thousand_pictures_in_a_small_file_are_refused(qapp, tmp_path):
    """100,000 pictures in ~1.3 MB: refused in plain words before they are read."""
    path = saved_film(tmp_path)
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO frames VALUES (?, ?, 1)",
                        ((i, i) for i in range(1000, 101_000)))
    con.close()
    assert path.stat().st_size < 4 << 20
    with pytest.raises(ProjectFileError) as error:
        load(path)
    assert str(error.value) == film_values.too_big()
    assert Library(tmp_path).entry(path).broken == film_values.too_big()


def test_a_ten_megabyte_title_is_cut(qapp, tmp_path):
    """A 10 MB title (the gallery's file-name loop took ~20 minutes): the film opens with
    the title cut to MAX_TITLE characters, the gallery shows it cut, names stay short."""
    path = saved_film(tmp_path)
    title = "Ball " * (2 << 20)
    change(path, "UPDATE meta SET value = ? WHERE key = 'title'", title)
    assert len(load(path).title) == limits.MAX_TITLE
    library = Library(tmp_path)
    assert len(library.entry(path).title) <= limits.MAX_TITLE
    stem = safe_stem(title)
    assert stem.startswith("Ball Ball") and len(stem.encode()) <= 150
    assert len(safe_stem("ü" * 10_000_000).encode()) <= 150
    renamed = library.rename(path, title)
    assert limits.MAX_TITLE - 5 <= len(load(renamed).title) <= limits.MAX_TITLE
    assert len(renamed.name.encode()) <= 160


def test_meta_with_a_hundred_thousand_keys_opens(qapp, tmp_path):
    path = saved_film(tmp_path)
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO meta VALUES (?, 'x')", ((f"k{i}",) for i in range(100_000)))
    con.close()
    assert len(load(path).frames) == 2


@pytest.mark.parametrize("sql", [
    "UPDATE tiles SET layer = 'sky'",
    "UPDATE tiles SET tx = -1",
    "UPDATE tiles SET ty = 999",
    "UPDATE tiles SET tx = 'a'",
    "UPDATE tiles SET data = 'text, not bytes'",
    "UPDATE tiles SET data = x''",
], ids=["layer", "left", "below", "text-place", "text-data", "empty"])
def test_tiles_that_cannot_belong_are_left_out(qapp, tmp_path, sql):
    path = saved_film(tmp_path)
    change(path, sql)
    project = load(path)
    assert film_values.damaged_part() in load_notes(project)
    assert not any(p.tiles for f in project.frames for p in f.pictures.values())
    shows_everything(project)


@pytest.mark.parametrize("row", [
    ("red", 0.5, None), ("#ffffff", "NaN", None), ("#ffffff", 7.0, None),
    ("#ffffff", 0.5, b"\x89PNG\r\n\x1a\n not really"), ("#ffffff", 0.5, "text"),
    ("#ffffff", 0.5, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (50_000).to_bytes(4, "big") * 2),
], ids=["paper", "opacity-text", "opacity-big", "png-junk", "png-text", "png-huge"])
def test_an_odd_background_falls_back(qapp, tmp_path, row):
    path = saved_film(tmp_path)
    change(path, "INSERT OR REPLACE INTO background VALUES (1, ?, ?, ?)", *row)
    project = load(path)
    assert load_notes(project)
    bg = project.background
    assert bg.paper.startswith("#") and 0.0 <= bg.opacity <= 1.0
    assert bg.png is None and bg.image is None
    shows_everything(project)


def test_a_frame_id_past_what_sqlite_holds_is_refused(qapp, tmp_path):
    """A new picture's id is the highest plus one: 2**63 - 1 would overflow the writer."""
    path = saved_film(tmp_path)
    change(path, "UPDATE frames SET id = 9223372036854775807 WHERE position = 1")
    with pytest.raises(ProjectFileError) as error:
        load(path)
    assert plain(str(error.value))


def test_a_gif_of_600_big_pictures_is_refused_before_decoding(qapp, tmp_path):
    """600 pictures of 2000x2000 in a small GIF (~9.6 GB to import): refused in plain
    words from the header and picture count; the film is not changed."""
    small = tmp_path / "small.gif"
    frames = [Image.new("P", (1, 1), i % 2) for i in range(600)]
    frames[0].save(small, save_all=True, append_images=frames[1:], duration=40, loop=0,
                   palette=bytes([0, 0, 0, 255, 255, 255]))
    data = bytearray(small.read_bytes())
    data[6:10] = (2000).to_bytes(2, "little") * 2  # the screen: 2000x2000
    gif = tmp_path / "big.gif"
    gif.write_bytes(bytes(data))
    with Image.open(gif) as im:
        assert im.size == (2000, 2000) and im.n_frames == 600
    project = blank_project(640, 480)
    with pytest.raises(ImportProblem) as error:
        import_gif_frames(project, gif, 0)
    assert plain(str(error.value))
    assert len(project.frames) == 1 and project.undo_stack.count() == 0


def test_a_small_gif_still_comes_in(qapp, tmp_path):
    gif = tmp_path / "two.gif"
    frames = [Image.new("RGB", (64, 48), c) for c in ((255, 0, 0), (0, 0, 255))]
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=250, loop=0)
    project = blank_project(640, 480)
    assert import_gif_frames(project, gif, 0) == 2
    assert len(project.frames) == 3 and project.undo_stack.count() == 1


# -- .pclx import: the import side of export/pclx.py -------------------------------------
def write_pclx(path: Path, keys: str, frame_png: bytes) -> Path:
    xml = ('<?xml version="1.0"?><document><object><layer id="1" name="A" visibility="1" '
           f'type="1">{keys}</layer></object></document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("main.xml", xml)
        zf.writestr("data/a.png", frame_png)
    return path


def tiny_png() -> bytes:
    from io import BytesIO

    out = BytesIO()
    Image.new("RGBA", (4, 4), (10, 20, 30, 255)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("frame", ["1e9", "999999999", "99999", "-5", "nan", "inf"])
def test_pclx_frame_far_away_is_refused_or_bounded(qapp, tmp_path, frame):
    """frame=1e9 in a .pclx (3 GB, then OverflowError): refused in plain words, or read
    as Kadr's frames allow; never more pictures than a Kadr film may have."""
    from kadr.export import import_pclx

    keys = ('<image frame="1" src="a.png" topLeftX="0" topLeftY="0"/>'
            f'<image frame="{frame}" src="a.png" topLeftX="0" topLeftY="0"/>')
    path = write_pclx(tmp_path / "far.pclx", keys, tiny_png())
    try:
        project = import_pclx(path).project
    except ProjectFileError as error:
        assert plain(str(error))
        return
    assert 1 <= len(project.frames) <= limits.MAX_PICTURES


def test_pclx_with_a_hundred_thousand_keys_is_refused(qapp, tmp_path):
    """100,000 keys (> 30 s: each one looked up among all the others): refused in plain
    words before any picture is decoded."""
    from kadr.export import import_pclx

    keys = "".join(f'<image frame="{i}" src="a.png" topLeftX="0" topLeftY="0"/>'
                   for i in range(1, 100_001))
    path = write_pclx(tmp_path / "many.pclx", keys, tiny_png())
    with pytest.raises(ProjectFileError) as error:
        import_pclx(path)
    assert plain(str(error.value))


def test_pclx_with_many_keys_within_the_limits_comes_in(qapp, tmp_path):
    from kadr.export import import_pclx

    keys = "".join(f'<image frame="{i}" src="a.png" topLeftX="0" topLeftY="0"/>'
                   for i in range(1, 301))
    project = import_pclx(write_pclx(tmp_path / "ok.pclx", keys, tiny_png())).project
    assert len(project.frames) == 300


# -- lesson packs ---------------------------------------------------------------------------
@pytest.mark.parametrize("toml", ["a = " + "[" * 100_000 + "]" * 100_000,
                                  "a = " + "{b = " * 50_000 + "1" + "}" * 50_000],
                         ids=["arrays", "tables"])
def test_deeply_nested_toml_in_a_pack_is_refused_plainly(tmp_path, toml):
    """A pack whose lesson.toml nests 100,000 deep (RecursionError): a plain refusal."""
    from kadr.lessons import PackError, import_pack
    from kadr.lessons.model import parse_lesson
    from kadr.lessons.progress import load_teacher_settings

    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("deep/lesson.toml", toml)
    with pytest.raises(PackError) as error:
        import_pack(pack, tmp_path / "lessons")
    assert "nested too deeply" in str(error.value) and "Traceback" not in str(error.value)
    folder = tmp_path / "one" / "deep"
    folder.mkdir(parents=True)
    (folder / "lesson.toml").write_text(toml)
    lesson, problems = parse_lesson(folder)
    assert lesson is None and "nested too deeply" in problems[0].message
    (tmp_path / "one" / "teacher.toml").write_text(toml.replace("a = ", "[lessons]\na = "))
    assert load_teacher_settings(tmp_path / "one").allow_skip is True


# -- point 8: a film on a read-only disk ---------------------------------------------------
READ_ONLY_CHECK = textwrap.dedent("""
    import json, os, sys
    sys.path.insert(0, {app!r})
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from pathlib import Path
    from kadr.core.library import Library
    from kadr.core.store import check_file, is_read_only, load, load_notes
    from kadr.export import ExportOptions, run_export
    film = Path({film!r})
    check_file(film)
    project = load(film)
    entry = Library(film.parent).entry(film)
    out = run_export(project, Path({out!r}), ExportOptions())
    # drawing on it anyway: kept in memory, and the store says plainly it is not kept
    from kadr.core.store import ProjectStore
    sys.path.insert(0, {tests!r})
    from helpers import stroke
    store = ProjectStore.attach(project, film)
    stroke(project, 0, [(10, 10), (200, 200)], size=8)
    written = store.flush(5)
    store.close()
    print(json.dumps({{"read_only": is_read_only(project), "notes": load_notes(project),
                      "pictures": len(project.frames), "broken": entry.broken,
                      "exported": out.exists(), "sides": sorted(os.listdir(film.parent)),
                      "written": written, "problem": store.problem}}))
""")


def run_on_read_only_disk(folder: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` where ``folder`` is read-only: a read-only bind mount in a private
    mount namespace when we are root (root writes anywhere), else plain permissions."""
    command = [sys.executable, "-c", script]
    if os.geteuid() != 0:
        files = list(folder.iterdir())
        for p in [*files, folder]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=120)
        finally:  # so the test's folder can be removed
            for p in [folder, *files]:
                p.chmod(0o755 if p.is_dir() else 0o644)
    if not shutil.which("unshare"):
        pytest.skip("root without unshare: no way to make a read-only folder here")
    mount = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
             "exec \"$0\" \"$@\"")
    result = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                             mount, *command], capture_output=True, text=True, timeout=120)
    if "mount" in result.stderr and result.returncode and "Traceback" not in result.stderr:
        pytest.skip(f"no private mount namespace here: {result.stderr.strip()}")
    return result


@pytest.mark.may_skip("a read-only folder for root needs a private mount namespace")
def test_film_on_a_read_only_disk_opens_for_viewing_and_export(qapp, tmp_path):
    """A film on a read-only USB stick, left in WAL mode as the studio leaves it, was
    called "damaged" (SQLite wants a -shm file even to read). It opens, is listed as
    healthy, exports, says it is read-only, and nothing is written beside it; a stroke
    drawn anyway stays in memory and the store says plainly it is not being kept."""
    stick = tmp_path / "stick"
    path = saved_film(stick, pictures=3)
    change(path, "PRAGMA journal_mode=WAL")  # stays in the file's header
    assert sorted(os.listdir(stick)) == ["film.kadr"]
    before = digest(path)
    script = READ_ONLY_CHECK.format(app=str(ROOT / "app"), film=str(path),
                                    out=str(tmp_path / "out.gif"), tests=str(ROOT / "tests"))
    result = run_on_read_only_disk(stick, script)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["read_only"] is True and report["pictures"] == 3
    assert report["notes"] == [film_values.read_only()] and plain(film_values.read_only())
    assert report["broken"] == "" and report["exported"]
    assert report["sides"] == ["film.kadr"]  # no -wal, -shm or lock left beside it
    # an edit is not kept, and the store says so in plain words (the film is unchanged)
    assert report["written"] is False and "NOT being kept" in report["problem"]
    assert digest(path) == before


def test_a_writable_film_is_not_read_only(qapp, tmp_path):
    path = saved_film(tmp_path)
    project = load(path)
    assert not is_read_only(project) and load_notes(project) == []
    check_file(path)

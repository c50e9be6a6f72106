"""`kadr export` of a film on plain paper reads it without Qt: the same pixels, the same
flash check, and PySide6 is never loaded (start-up is most of a short export)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from export_helpers import draw, make_film

from kadr.core import store
from kadr.core.store import save_copy
from kadr.export import flash
from kadr.export.cli_export import export_main
from kadr.export.film_file import read_film
from kadr.export.frames import prepare
from kadr.export.options import ExportOptions
from kadr.export.staged import run_export

APP = Path(__file__).resolve().parents[2] / "app"


def png_bytes(colour: str) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


@pytest.mark.parametrize("paper", ["#ffffff", "#FFE4B5", "#1a2b3c"])
def test_plain_film_is_the_one_qt_prepares(tmp_path, paper):
    """Read without Qt, a film on plain paper is what prepare() makes of it opened in the
    studio: same paper pixels (numpy fills as QImage.fill), pictures, holds and speed."""
    project = make_film([1, 3, 2], fps=10)
    project.set_background(paper=paper)
    path = tmp_path / "f.kadr"
    save_copy(project, path)
    read = read_film(path)
    assert read is not None
    plain, notes = read
    qt = prepare(store.load(path))
    assert notes == []
    assert np.array_equal(plain.underlay, qt.underlay)
    assert plain.tracing is None and qt.tracing is None
    assert (plain.width, plain.height, plain.fps, plain.holds, plain.paper, plain.paper_rgb,
            plain.title, plain.play_mode, plain.visible) == \
        (qt.width, qt.height, qt.fps, qt.holds, qt.paper, qt.paper_rgb, qt.title,
         qt.play_mode, qt.visible)
    assert plain.pictures == qt.pictures
    assert read_film(path, fps=4)[0].fps == 4  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["gif", "mp4", "png"])
def test_plain_film_exports_the_same_file(tmp_path, fmt):
    """Exported from the plain data, a film gives the very bytes the studio's way gives."""
    path = tmp_path / "f.kadr"
    save_copy(make_film([1, 2, 1], fps=8), path)
    read = read_film(path)
    assert read is not None
    options = ExportOptions(format=fmt)
    a = run_export(read[0], tmp_path / f"plain.{fmt}", options)
    b = run_export(store.load(path), tmp_path / f"qt.{fmt}", options)
    if fmt == "png":
        names = sorted(p.name.split("_")[-1] for p in a.iterdir())
        assert names == sorted(p.name.split("_")[-1] for p in b.iterdir()) and names
        for name in names:
            assert (a / f"plain_{name}").read_bytes() == (b / f"qt_{name}").read_bytes()
    elif fmt == "gif":
        assert a.read_bytes() == b.read_bytes()
    else:  # x264 may differ in its header; the pictures are what matter
        from kadr.export.mp4 import ffmpeg_exe

        exe = ffmpeg_exe(options)
        frames = [subprocess.run([exe, "-v", "error", "-i", str(p), "-f", "rawvideo",
                                  "-pix_fmt", "rgb24", "-"], capture_output=True,
                                 check=True).stdout for p in (a, b)]
        assert frames[0] == frames[1] and frames[0]


def test_flash_check_of_plain_data_matches_the_studios(tmp_path):
    """The check made from plain data (the command line's) finds what check_project finds:
    a black and white strobe fails at 12 fps, with the same numbers; its underlay is the
    paper Qt draws at the grid's size."""
    project = make_film([1, 1, 1, 1, 1, 1], fps=12, front=False)
    for i in range(0, 6, 2):
        draw(project, i, "rectangle", (20, 20), (620, 460), "#000000", 8, fill_color="#000000")
    project.set_background(paper="#fafafa")
    path = tmp_path / "strobe.kadr"
    save_copy(project, path)
    read = read_film(path)
    assert read is not None
    pictures, under = flash.export_film_pictures(read[0])
    loaded = store.load(path)
    assert np.array_equal(under, flash.grid_underlay(loaded))
    plain = flash.check_film(pictures, under)
    assert plain == flash.check_project(loaded)
    assert not plain.safe
    assert flash.check_film(pictures, under, fps=plain.safe_fps).safe


def test_a_shown_picture_to_trace_needs_qt(tmp_path, capsys):
    """A film with a picture to trace is not read without Qt (Qt draws the picture); the
    command line still exports it, tracing included. Hidden, it needs no Qt."""
    project = make_film([1, 1], fps=8)
    project.set_background(png=png_bytes("#00ff00"), opacity=1.0)
    path = tmp_path / "trace.kadr"
    save_copy(project, path)
    assert read_film(path) is None
    assert export_main([str(path), str(tmp_path / "t.png")]) == 0
    from PIL import Image

    with Image.open(tmp_path / "t" / "t_0001.png") as im:
        assert im.convert("RGB").getpixel((5, 5)) == (0, 255, 0)
    project.set_visible("background", False)
    save_copy(project, path)
    read = read_film(path)
    assert read is not None and read[0].underlay[5, 5].tolist() == [255, 255, 255, 255]


def test_damaged_parts_are_told_as_when_the_studio_opens_it(tmp_path, capsys):
    """A tile that does not unpack is left out, found as it is drawn (not unpacked twice),
    and said in the words store.load gives; the picture is the studio's."""
    import sqlite3

    path = tmp_path / "hurt.kadr"
    save_copy(make_film([1, 1], fps=8), path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE tiles SET data = ? WHERE (frame_id, layer, tx, ty) = "
                    "(SELECT frame_id, layer, tx, ty FROM tiles LIMIT 1)", (b"not zlib",))
    con.close()
    words = store.load_notes(store.load(path))
    assert len(words) == 1
    read = read_film(path)
    assert read is not None and read[1] == []
    options = ExportOptions(format="gif")
    a = run_export(read[0], tmp_path / "plain.gif", options)
    assert len(read[0].left_out) == 1
    assert a.read_bytes() == run_export(store.load(path), tmp_path / "qt.gif", options).read_bytes()
    assert export_main([str(path), str(tmp_path / "hurt.gif")]) == 0
    assert words[0] in capsys.readouterr().out


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kadr export ...`` in a fresh process that lists the Qt modules it
    loaded when it ends (sitecustomize runs at start-up and registers the report)."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(
        "import atexit, sys\n"
        "atexit.register(lambda: print('QT-MODULES:', sorted(m for m in sys.modules\n"
        "                if m.split('.')[0] in ('PySide6', 'shiboken6'))))\n",
        encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(hook), str(APP)]),
               KADR_CONFIG=str(config), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "kadr", "export", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_export_of_a_plain_film_never_loads_qt(tmp_path):
    """GIF and MP4 of a film on plain paper, flash check included, load no PySide6; a
    see-through GIF (Qt's unpremultiply table) does."""
    path = tmp_path / "plain.kadr"
    save_copy(make_film([1, 2], fps=8), path)
    for out in ("a.gif", "a.mp4"):
        done = run_cli(tmp_path, str(path), str(tmp_path / out))
        assert done.returncode == 0, done.stderr
        assert "QT-MODULES: []" in done.stdout, done.stdout
    done = run_cli(tmp_path, str(path), str(tmp_path / "b.gif"), "--transparent")
    assert done.returncode == 0, done.stderr
    assert "PySide6.QtGui" in done.stdout


def test_a_film_the_studio_checked_is_not_checked_again(tmp_path, capsys):
    """The studio keeps its check's result in the film with a digest of what it checked;
    `kadr export` takes it while the film is unchanged, and checks again once it changes
    (shown by a kept result that says 'flashing' for a calm film: only a film taken from
    its stamp warns)."""
    from kadr.core.store import ProjectStore

    project = make_film([1, 1, 1], fps=8)
    path = tmp_path / "calm.kadr"
    store_ = ProjectStore.attach(project, path, create=True)
    pictures, under = flash.film_pictures(project), flash.grid_underlay(project)
    real = flash.check_film(pictures, under)
    assert real.safe
    said = flash.FlashResult(9.0, False, 2, real.fps, 0)  # not what this film does
    flash.record(store_, pictures, under, said)
    assert store_.flush()
    kept = flash.read_stamp(path)
    assert flash.stamped_result(kept, pictures, under) == said
    read = read_film(path)
    assert read is not None
    assert flash.stamped_result(kept, *flash.export_film_pictures(read[0])) == said
    assert export_main([str(path), str(tmp_path / "a.gif")]) == 0
    assert "Warning" in capsys.readouterr().out  # taken from the stamp, not checked
    # another speed is another check
    assert flash.stamped_result(kept, pictures, under, fps=4) is None
    assert export_main([str(path), str(tmp_path / "b.gif"), "--fps", "4"]) == 0
    assert "Warning" not in capsys.readouterr().out
    # a changed picture: checked again (and the real check finds nothing)
    draw(project, 1, "line", (10, 10), (200, 200), "#ff0000", 8)
    assert store_.flush()
    assert flash.stamped_result(flash.read_stamp(path), flash.film_pictures(project),
                                flash.grid_underlay(project)) is None
    assert export_main([str(path), str(tmp_path / "c.gif")]) == 0
    assert "Warning" not in capsys.readouterr().out
    # a real check's stamp gives its result back, and is not work waiting to be saved
    flash.record(store_, flash.film_pictures(project), flash.grid_underlay(project), real)
    assert not store_.work_waiting() or store_.flush()
    assert store_.close()
    read = read_film(path)
    assert read is not None
    assert flash.stamped_result(flash.read_stamp(path),
                                *flash.export_film_pictures(read[0])) == real


def test_stamps_change_with_everything_the_check_sees():
    """The digest differs for other tiles, holds, speed, looping and paper."""
    from dataclasses import replace

    project = make_film([1, 2], fps=8)
    pictures, under = flash.film_pictures(project), flash.grid_underlay(project)
    base = flash.digest(pictures, under)
    assert base == flash.digest(flash.film_pictures(project), flash.grid_underlay(project))
    others = [flash.digest(replace(pictures, holds=[2, 1]), under),
              flash.digest(pictures, under, fps=9),
              flash.digest(replace(pictures, loop=False), under),
              flash.digest(pictures, under[::-1].copy() * 0),
              flash.digest(replace(pictures, layers=pictures.layers[::-1]), under)]
    assert base not in others and len(set(others)) == len(others)


@pytest.mark.parametrize(("name", "options", "looked_at"), [
    ("s.gif", ExportOptions(format="gif"), True),
    ("s.mp4", ExportOptions(format="mp4", scale=0.5), True),
    ("s.png", ExportOptions(format="png"), True),
    ("t.gif", ExportOptions(format="gif", transparent=True), False)])
def test_the_command_lines_check_looks_at_the_exported_pictures(tmp_path, capsys, name,
                                                                options, looked_at):
    """`kadr export` checks the pictures its export draws (not the film drawn again): the
    same result as the studio's check; a see-through export's pictures have no paper, so
    those are drawn for the check afterwards."""
    from kadr.export.cli_export import _FlashCheck
    from kadr.export.options import Steps

    project = make_film([1, 2, 1, 1, 1, 1], fps=12, front=False)
    for i in range(0, 6, 2):
        draw(project, i, "rectangle", (20, 20), (620, 460), "#000000", 8, fill_color="#000000")
    path = tmp_path / "strobe.kadr"
    save_copy(project, path)
    # see-through pixels need Qt's table: the command line loads such a film with Qt
    film = store.load(path) if options.transparent else read_film(path)[0]  # type: ignore[index]
    check = _FlashCheck(film, None, path)
    run_export(film, tmp_path / name, options, Steps(seen=check.seen))
    assert len(check.grids) == (6 if looked_at else 0)
    studio = flash.check_project(store.load(path))
    assert check.result() == studio and not studio.safe
    assert export_main([str(path), str(tmp_path / ("again-" + name))]) == 0
    assert "Warning" in capsys.readouterr().out

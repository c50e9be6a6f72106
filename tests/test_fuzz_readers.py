"""Fuzzing every reader of files from outside: .kadr, .pclx, GIF, PNG/JPEG to trace, lesson
packs, teacher.toml and settings.

Inputs are real files Kadr made or reads (a saved film, an exported .pclx, a GIF, a PNG, a
JPEG, a shipped lesson) with bits flipped, and real SQLite films with odd values written
into them. Each reader must succeed or raise its own plain-language error type; any other
exception, a hang (an alarm after HANG_SECONDS) or a crash fails the test. What a reader
accepted is then used the way Kadr uses it (every picture drawn, timing worked out), so a
bad value that slips through is caught too. Bounded: a fixed number of examples each
(derandomized, so CI sees the same inputs), under ~30 s for the file; KADR_FUZZ=20 hunts
twenty times longer with new inputs.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import signal
import sqlite3
import zipfile
from contextlib import contextmanager
from datetime import timedelta
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from helpers import film, stroke
from kadr.core.importing import ImportProblem, import_background, import_gif_frames
from kadr.core.project import blank_project
from kadr.core.render import Renderer
from kadr.core.store import ProjectFileError, load, load_notes, save_copy
from kadr.core.timing import gif_delays_ms, playback

ROOT = Path(__file__).resolve().parents[1]
HANG_SECONDS = 10
# KADR_FUZZ=N: N times the examples, new random ones each run (a longer hunt by hand)
SCALE = int(os.environ.get("KADR_FUZZ", "0") or 0)
FUZZ = settings(max_examples=120 * max(1, SCALE), deadline=timedelta(seconds=5),
                derandomize=not SCALE, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def scaled(n: int) -> int:
    return n * max(1, SCALE)
_names = count()


@contextmanager
def no_hang(seconds: float = HANG_SECONDS):
    """Fail instead of waiting for ever (SIGALRM interrupts Python code on this thread)."""
    def alarm(_signum, _frame):
        raise TimeoutError(f"a reader took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def flipped(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, mask in flips:
        out[at % len(out)] ^= mask
    return bytes(out)


def flips(size_hint: int = 1 << 20):
    return st.lists(st.tuples(st.integers(0, size_hint), st.integers(1, 255)),
                    min_size=1, max_size=12)


@pytest.fixture(scope="module")
def work(tmp_path_factory, qapp):
    """Real files to spoil: a film (two layers, a traced picture, onion on), its .pclx,
    a GIF, a PNG, a JPEG and a lesson folder."""
    folder = tmp_path_factory.mktemp("fuzz")
    project = film(3)
    stroke(project, 1, [(50, 50), (600, 400)], color="#e6194b", size=30, layer="front")
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(picture, format="PNG")
    project.set_background(paper="#ffd8b1", png=picture.getvalue(), opacity=0.5)
    project.set_onion(project.settings.onion.with_(enabled=True, before=2))
    save_copy(project, folder / "film.kadr")
    from kadr.export import ExportOptions, run_export

    run_export(project, folder / "film.pclx", ExportOptions())
    frames = [Image.new("RGB", (40, 30), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    frames[0].save(folder / "walk.gif", save_all=True, append_images=frames[1:], duration=120,
                   loop=0)
    Image.new("RGB", (80, 60), (200, 30, 30)).save(folder / "trace.png")
    Image.new("RGB", (80, 60), (30, 200, 30)).save(folder / "trace.jpg", quality=80)
    shutil.copytree(ROOT / "lessons" / "bounce", folder / "lesson-src" / "bounce")
    history_film(folder / "history.kadr")
    return folder


def history_film(path: Path) -> None:
    """A film that keeps undo steps of every kind (core/undo_memory.py), one undone."""
    from kadr.core.session import FilmSession

    save_copy(blank_project(320, 240, "History"), path)
    session = FilmSession.open(path)
    p = session.project
    stroke(p, 0, [(10, 10), (200, 100)], color="#e6194b", size=8)
    p.add_frame(0, duplicate=True)
    stroke(p, 1, [(30, 30), (100, 200)], color="#3cb44b", size=8)
    p.add_frame(1)
    p.set_hold(2, 3)
    p.move_frame(2, 0)
    p.delete_frame(1)
    p.set_background(paper="#ffeecc")
    p.undo_stack.undo()
    assert session.close().kept


def fresh(folder: Path, name: str, data: bytes) -> Path:
    path = folder / f"{next(_names)}-{name}"
    path.write_bytes(data)
    return path


def use_film(project) -> None:
    """What the studio and the exports do with a film that opened."""
    holds = [f.hold for f in project.frames]
    gif_delays_ms(holds, project.settings.fps)
    for _n, _i in zip(range(3 * len(holds)), playback(holds, project.settings.play_mode)):
        pass
    renderer = Renderer(project)
    for i in range(len(project.frames)):
        renderer.compose(i, project.settings.onion)
    renderer.thumbnail_job(0, 64)()  # the worker's way: plain arrays from the tiles
    assert all(isinstance(n, str) and n for n in load_notes(project))


# -- .kadr -------------------------------------------------------------------------------
@FUZZ
@given(changes=flips())
def test_kadr_with_flipped_bits(work, changes):
    path = fresh(work, "film.kadr", flipped((work / "film.kadr").read_bytes(), changes))
    with no_hang():
        try:
            project = load(path)
        except ProjectFileError as error:
            assert str(error)
            return
        use_film(project)


VALUES = st.one_of(
    st.integers(-(2 ** 63), 2 ** 63 - 1), st.sampled_from([0, -1, 1, 12, 13, 256, 4096, 4097]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.binary(max_size=300), st.none(),
)
PLACES = [
    ("meta", "value", "key = 'width'"), ("meta", "value", "key = 'height'"),
    ("meta", "value", "key = 'title'"), ("meta", "value", "key = 'settings'"),
    ("meta", "value", "key = 'app'"),
    ("frames", "hold", "id = (SELECT min(id) FROM frames)"),
    ("frames", "position", "id = (SELECT max(id) FROM frames)"),
    ("frames", "id", "id = (SELECT max(id) FROM frames)"),
    ("tiles", "data", "1"), ("tiles", "tx", "1"), ("tiles", "ty", "1"),
    ("tiles", "layer", "1"), ("tiles", "frame_id", "1"),
    ("background", "paper", "1"), ("background", "opacity", "1"), ("background", "png", "1"),
    ("thumbnail", "png", "1"),
]


@FUZZ
@given(place=st.sampled_from(PLACES), value=VALUES)
def test_kadr_with_odd_values(work, place, value):
    path = fresh(work, "film.kadr", (work / "film.kadr").read_bytes())
    table, column, where = place
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(f"UPDATE {table} SET {column} = ? WHERE {where}", (value,))
    except (sqlite3.IntegrityError, OverflowError):
        assume(False)  # the schema refuses it: no file can hold it
    finally:
        con.close()
    with no_hang():
        try:
            project = load(path)
        except ProjectFileError as error:
            assert str(error)
            return
        use_film(project)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)
SETTING_KEYS = st.sampled_from(["fps", "play_mode", "visible", "onion", "other"])
ONION_KEYS = st.sampled_from(["enabled", "before", "after", "opacity", "before_tint",
                              "after_tint", "outline", "loop", "during_playback"])


@FUZZ
@given(top=st.dictionaries(SETTING_KEYS, JSON, max_size=4),
       onion=st.dictionaries(ONION_KEYS, JSON, max_size=5), visible=JSON)
def test_kadr_with_odd_settings_json(work, top, onion, visible):
    data = {**top, "onion": onion} if onion else top
    if "visible" in top:
        data["visible"] = visible
    path = fresh(work, "film.kadr", (work / "film.kadr").read_bytes())
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'settings'",
                    (json.dumps(data, allow_nan=True),))
    con.close()
    with no_hang():
        use_film(load(path))  # odd settings never stop a film opening


def json_slots(data, out=None):
    """Every (container, key) of a JSON value, a place a spoiled value can go."""
    out = [] if out is None else out
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else []
    for key, value in items:
        out.append((data, key))
        json_slots(value, out)
    return out


@FUZZ
@given(row=st.integers(0, 100), slot=st.integers(0, 10_000), value=JSON | VALUES,
       changes=flips(4096))
def test_undo_history_with_odd_values(work, row, slot, value, changes):
    """Undo steps kept in a film with one value spoiled (or their bytes flipped): the film
    opens, its history is used whole or not at all, and what is used goes all the way
    back and forward again as a child's presses of Undo and Redo would."""
    from kadr.core.undo_memory import restore

    path = fresh(work, "history.kadr", (work / "history.kadr").read_bytes())
    con = sqlite3.connect(path)
    with con:
        rows = con.execute("SELECT n, step, tiles FROM undo_steps ORDER BY n").fetchall()
        n, text, tiles = rows[row % len(rows)]
        data = json.loads(text)
        places = json_slots(data)
        container, key = places[slot % len(places)]
        if isinstance(value, bytes):  # the tiles' blob instead of a value (if it has one)
            tiles, value = flipped(tiles, changes) if tiles else tiles, container[key]
        container[key] = value
        try:
            spoiled = json.dumps(data)
        except (ValueError, OverflowError):
            spoiled = text
        con.execute("UPDATE undo_steps SET step = ?, tiles = ? WHERE n = ?", (spoiled, tiles, n))
    con.close()
    with no_hang():
        project = load(path)
        kept = restore(project, path)
        stack = project.undo_stack
        assert stack.count() in (0, len(rows)) and len(kept) == stack.count()
        while stack.canUndo():
            stack.undo()
        while stack.canRedo():
            stack.redo()
        use_film(project)


# -- .pclx -------------------------------------------------------------------------------
@FUZZ
@given(changes=flips())
def test_pclx_with_flipped_bits(work, changes):
    from kadr.export import import_pclx

    path = fresh(work, "film.pclx", flipped((work / "film.pclx").read_bytes(), changes))
    with no_hang():
        try:
            project = import_pclx(path).project
        except ProjectFileError as error:
            assert str(error)
            return
        use_film(project)


ATTRIBUTE = st.one_of(st.integers(-(10 ** 12), 10 ** 12).map(str),
                      st.sampled_from(["1e9", "-1e9", "nan", "inf", "-0", "0x10", "", "1.5",
                                       "999999999", "100000", "4097", "12"]),
                      st.text(max_size=8))


@FUZZ
@given(frame=ATTRIBUTE, second=ATTRIBUTE, width=ATTRIBUTE, height=ATTRIBUTE, x=ATTRIBUTE,
       opacity=ATTRIBUTE, kind=st.sampled_from(["1", "2", "5", "0", "x", "1e0"]), fps=ATTRIBUTE)
def test_pclx_with_odd_values(work, frame, second, width, height, x, opacity, kind, fps):
    from xml.sax.saxutils import quoteattr

    from kadr.export import import_pclx

    q = {k: quoteattr(v) for k, v in dict(frame=frame, second=second, width=width,
                                           height=height, x=x, opacity=opacity, kind=kind,
                                           fps=fps).items()}
    xml = (f'<document><projectdata><fps value={q["fps"]}/></projectdata><object>'
           f'<layer id="1" name="Cam" visibility="1" type="5" width={q["width"]} '
           f'height={q["height"]}><camera frame={q["second"]} r="0" s="1" dx="0" dy="0"/>'
           f'</layer><layer id="2" name="A" visibility="1" type={q["kind"]}>'
           f'<image frame={q["frame"]} src="a.png" topLeftX={q["x"]} topLeftY="0" '
           f'opacity={q["opacity"]}/><image frame={q["second"]} src="a.png" topLeftX="0" '
           'topLeftY="0"/></layer></object></document>')
    picture = io.BytesIO()
    Image.new("RGBA", (8, 8), (9, 9, 9, 255)).save(picture, format="PNG")
    path = work / f"{next(_names)}-odd.pclx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("main.xml", xml)
        zf.writestr("data/a.png", picture.getvalue())
    with no_hang():
        try:
            project = import_pclx(path).project
        except ProjectFileError as error:
            assert str(error)
            return
        use_film(project)


# -- pictures brought in -----------------------------------------------------------------
@FUZZ
@given(changes=flips(4096))
def test_gif_with_flipped_bits(work, changes):
    path = fresh(work, "walk.gif", flipped((work / "walk.gif").read_bytes(), changes))
    project = blank_project(320, 240)
    with no_hang():
        try:
            added = import_gif_frames(project, path, 0)
        except ImportProblem as problem:
            assert str(problem)
            assert len(project.frames) == 1
            return
        assert len(project.frames) == 1 + added
        use_film(project)


@FUZZ
@given(name=st.sampled_from(["trace.png", "trace.jpg", "walk.gif"]), changes=flips(4096))
def test_picture_to_trace_with_flipped_bits(work, name, changes):
    path = fresh(work, name, flipped((work / name).read_bytes(), changes))
    project = blank_project(320, 240)
    with no_hang():
        try:
            import_background(project, path)
        except ImportProblem as problem:
            assert str(problem)
            return
        use_film(project)


# -- lessons -----------------------------------------------------------------------------
@settings(FUZZ, max_examples=scaled(60))
@given(changes=flips(8192), name=st.sampled_from(["lesson.toml", "text.ru.toml",
                                                  "text.ja.toml"]))
def test_lesson_with_flipped_bits(work, changes, name):
    from kadr.lessons.model import parse_lesson

    folder = work / f"{next(_names)}-lessons" / "bounce"
    shutil.copytree(work / "lesson-src" / "bounce", folder)
    (folder / name).write_bytes(flipped((folder / name).read_bytes(), changes))
    with no_hang():
        lesson, problems = parse_lesson(folder)  # problems are the plain words
    assert lesson is not None or problems
    assert all(str(p) for p in problems)


@settings(FUZZ, max_examples=scaled(15))
@given(changes=flips(1 << 16))
def test_lesson_pack_with_flipped_bits(work, changes):
    from kadr.lessons import PackError, import_pack

    pack = work / "bounce.zip"
    if not pack.exists():
        shutil.make_archive(str(work / "bounce"), "zip", work / "lesson-src")
    spoilt = fresh(work, "pack.zip", flipped(pack.read_bytes(), changes))
    with no_hang(30):
        try:
            import_pack(spoilt, work / f"{next(_names)}-imported")
        except PackError as error:
            assert str(error)


@FUZZ
@given(table=st.dictionaries(st.sampled_from(["allow_skip", "hint_after_seconds", "x"]), JSON,
                             max_size=3),
       raw=st.binary(max_size=200))
def test_teacher_toml_with_odd_values(work, table, raw):
    from kadr.lessons.progress import TeacherSettings, load_teacher_settings

    folder = work / f"{next(_names)}-learner"
    folder.mkdir()
    lines = ["[lessons]"] + [f"{k} = {json.dumps(v)}" for k, v in table.items()]
    for text in ("\n".join(lines).encode(), raw):
        (folder / "teacher.toml").write_bytes(text)
        with no_hang():
            got = load_teacher_settings(folder)
        assert isinstance(got, TeacherSettings) and isinstance(got.allow_skip, bool)
        assert isinstance(got.hint_after_seconds, int)


# -- settings ----------------------------------------------------------------------------
@settings(FUZZ, max_examples=scaled(200))
@given(values=st.dictionaries(st.sampled_from([
    "language", "ui_scale", "theme", "talking_buttons", "speech_rate", "speech_volume",
    "voice", "scan_seconds", "pen_step", "stabiliser", "allow_skip", "library", "x"]), JSON,
    max_size=6), changes=st.lists(st.tuples(st.integers(0, 600), st.integers(1, 255)),
                                  max_size=6))
def test_settings_with_odd_values(tmp_path_factory, values, changes):
    from dataclasses import fields

    from kadr.settings import Settings, load_settings

    path = tmp_path_factory.getbasetemp() / f"{next(_names)}-settings.json"
    text = json.dumps(values, allow_nan=True).encode()
    path.write_bytes(flipped(text, changes) if changes else text)
    with no_hang():
        loaded = load_settings(path)
    for f in fields(Settings):
        value, default = getattr(loaded, f.name), getattr(Settings(), f.name)
        assert type(value) is type(default), f.name
        if isinstance(value, float):
            assert math.isfinite(value)

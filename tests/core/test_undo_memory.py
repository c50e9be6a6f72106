"""Undo after reopening: the film's file keeps its undo steps (core/undo_memory.py).

Real films on disk, opened and closed as the studio does (FilmSession); strokes made as
the canvas makes them (packed on the worker)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PIL import Image

from helpers import packed_stroke as draw
from helpers import stroke_shows as has
from kadr.core.importing import import_gif_frames
from kadr.core.project import UNDO_LIMIT, blank_project
from kadr.core.session import FilmSession
from kadr.core.store import load, save_copy
from kadr.core.tools import clear_picture
from kadr.core.undo_memory import fingerprint

APP = Path(__file__).resolve().parents[2] / "app"
TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def film(qapp, tmp_path):
    path = tmp_path / "ball.kadr"
    save_copy(blank_project(640, 480, "Ball"), path)
    return path


def reopen(session: FilmSession) -> FilmSession:
    assert session.close().kept
    return FilmSession.open(session.path)


def state(project) -> tuple:
    """Everything a step can change: frames, holds, every tile, the paper."""
    project.settle()  # strokes still being packed are part of it
    return ([(f.id, f.hold, {k: dict(p.tiles) for k, p in f.pictures.items()})
             for f in project.frames], project.background.paper)


def rows(path: Path) -> list[int]:
    con = sqlite3.connect(path)
    try:
        return [n for (n,) in con.execute("SELECT n FROM undo_steps ORDER BY n")]
    finally:
        con.close()


def test_strokes_are_undone_after_reopening(film):
    session = FilmSession.open(film)
    for i in range(3):
        draw(session.project, i)
    session = reopen(session)
    stack = session.project.undo_stack
    assert (stack.count(), stack.index()) == (3, 3)
    assert stack.undoText() == session.project.undo_stack.command(2).text()
    stack.undo()
    assert [has(session.project, i) for i in range(3)] == [True, True, False]
    session = reopen(session)  # where Undo stood is kept too: the stroke can come back
    stack = session.project.undo_stack
    assert (stack.count(), stack.index()) == (3, 2)
    assert not has(session.project, 2)
    stack.redo()
    assert has(session.project, 2)
    stack.undo()
    stack.undo()
    stack.undo()
    assert not any(has(session.project, i) for i in range(3))
    session = reopen(session)
    assert not any(has(session.project, i) for i in range(3))
    assert session.project.undo_stack.index() == 0
    session.close()


def test_a_picture_cleared_by_mistake_comes_back_after_reopening(film):
    session = FilmSession.open(film)
    for i in range(5):
        draw(session.project, i)
    assert clear_picture(session.project, 0)
    assert not any(has(session.project, i) for i in range(5))
    session = reopen(session)
    assert session.project.undo_stack.undoText() == "Clear picture"
    session.project.undo_stack.undo()
    assert all(has(session.project, i) for i in range(5))
    session = reopen(session)  # and the picture is back on disk too
    assert all(has(session.project, i) for i in range(5))
    session.close()


def test_picture_steps_are_undone_and_redone_after_reopening(film):
    session = FilmSession.open(film)
    p = session.project
    draw(p, 0)
    states = [state(p)]
    steps = [lambda: p.add_frame(0, duplicate=True), lambda: draw(p, 1, 1),
             lambda: p.add_frame(1), lambda: p.set_hold(2, 4), lambda: p.move_frame(2, 0),
             lambda: p.delete_frame(1), lambda: p.set_background(paper="#ffeecc")]
    for step in steps:
        step()
        states.append(state(p))
    session = reopen(session)
    p = session.project
    assert state(p) == states[-1]
    for k in range(len(steps), 0, -1):  # every step taken back, in order
        p.undo_stack.undo()
        assert state(p) == states[k - 1], f"after undoing step {k}"
    session = reopen(session)
    p = session.project
    assert state(p) == states[0]
    for k in range(1, len(steps) + 1):  # and done again after another reopening
        p.undo_stack.redo()
        assert state(p) == states[k], f"after redoing step {k}"
    new_frame = p.add_frame(0)  # a new picture's id is not one a kept step names
    assert p.frames[new_frame].id > max(f[0] for s in states for f in s[0])
    session.close()


def test_a_new_step_after_undo_forgets_the_steps_it_replaces(film):
    session = FilmSession.open(film)
    for i in range(3):
        draw(session.project, i)
    session.project.undo_stack.undo()
    session.project.undo_stack.undo()
    draw(session.project, 5)
    session = reopen(session)
    stack = session.project.undo_stack
    assert (stack.count(), stack.index()) == (2, 2)
    assert not stack.canRedo()
    assert len(rows(film)) == 2
    stack.undo()
    assert has(session.project, 0) and not has(session.project, 5)
    session.close()


def test_the_file_keeps_no_more_steps_than_the_undo_stack(film):
    session = FilmSession.open(film)
    p = session.project
    p.add_frame(0)
    for k in range(UNDO_LIMIT + 5):
        p.set_hold(1, 1 + k % 7 + (k % 7 == p.frames[1].hold - 1))
    expected = state(p)
    session = reopen(session)
    assert len(rows(film)) == UNDO_LIMIT
    assert session.project.undo_stack.count() == UNDO_LIMIT
    assert state(session.project) == expected
    session.close()


def test_a_gif_added_in_one_step_goes_in_one_step_after_reopening(film, tmp_path):
    gif = tmp_path / "walk.gif"
    pictures = [Image.new("RGB", (64, 48), colour) for colour in ("red", "green", "blue")]
    pictures[0].save(gif, save_all=True, append_images=pictures[1:], duration=100)
    session = FilmSession.open(film)
    assert import_gif_frames(session.project, gif, 0) == 3
    assert len(session.project.frames) == 4
    session = reopen(session)
    p = session.project
    assert (p.undo_stack.count(), p.undo_stack.undoText()) == (1, "Add pictures from a GIF")
    p.undo_stack.undo()
    assert len(p.frames) == 1
    p.undo_stack.redo()
    assert len(p.frames) == 4 and all(f.has_drawing() for f in p.frames[1:])
    session.close()


def test_a_film_changed_behind_its_history_opens_without_it(film):
    """As when Kadr is killed after an edit was written and before its step was: undoing
    from the wrong place could take away the wrong picture, so there is nothing to undo."""
    session = FilmSession.open(film)
    draw(session.project, 0)
    session.project.add_frame(0)
    session.project.add_frame(1)
    assert session.close().kept
    con = sqlite3.connect(film)
    with con:
        con.execute("DELETE FROM frames WHERE position = 2")  # the last step undone on disk
    con.close()
    session = FilmSession.open(film)
    assert session.project.undo_stack.count() == 0
    assert len(session.project.frames) == 2 and has(session.project, 0)
    draw(session.project, 1)  # new steps are kept from there on, with no save problem
    session = reopen(session)
    assert session.store.problem == ""
    assert (session.project.undo_stack.count(), rows(film)) == (1, [1])
    session.close()


def test_a_stroke_whose_step_was_not_written_drops_the_history(film):
    session = FilmSession.open(film)
    draw(session.project, 0)
    draw(session.project, 1)
    assert session.close().kept
    con = sqlite3.connect(film)
    with con:  # the last stroke's step lost: its tiles are on disk, the marker says step 1
        con.execute("DELETE FROM undo_steps WHERE n = 2")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'undo_done'")
    con.close()
    session = FilmSession.open(film)
    assert session.project.undo_stack.count() == 0
    assert has(session.project, 0) and has(session.project, 1)
    session.close()


@pytest.mark.parametrize("damage", [
    "UPDATE undo_steps SET step = 'not json'",
    "UPDATE undo_steps SET step = '[1, 2]'",
    "UPDATE undo_steps SET tiles = x'00'",
    "UPDATE meta SET value = '99' WHERE key = 'undo_done'",
    "DELETE FROM meta WHERE key = 'undo_done'",
    "UPDATE undo_steps SET step = replace(step, '\"layer\":\"drawing\"', '\"layer\":\"x\"')",
    "UPDATE undo_steps SET step = replace(step, '\"kind\":\"pixels\"', '\"kind\":\"rm -rf\"')",
    "UPDATE undo_steps SET n = n - 10 WHERE n = 1",  # a gap: the steps after it are used
])
def test_damaged_history_is_dropped_and_the_film_opens(film, damage, caplog):
    session = FilmSession.open(film)
    for i in range(3):
        draw(session.project, i)
    expected = state(session.project)
    assert session.close().kept
    con = sqlite3.connect(film)
    with con:
        con.execute(damage)
    con.close()
    session = FilmSession.open(film)
    p = session.project
    assert state(p) == expected
    if p.undo_stack.count():  # what still reads back must be whole and in its place
        assert damage.startswith("UPDATE undo_steps SET n")
        assert p.undo_stack.count() == 2  # the steps after the last gap
    else:
        assert "are not used" in caplog.text
    draw(p, 7)
    session = reopen(session)
    assert session.store.problem == "" and has(session.project, 7)
    session.project.undo_stack.undo()
    assert not has(session.project, 7)
    session.close()


def test_history_too_big_for_memory_is_not_read(film, monkeypatch, caplog):
    from kadr.core import undo_memory

    session = FilmSession.open(film)
    draw(session.project, 0)
    assert session.close().kept
    monkeypatch.setattr(undo_memory, "MOST_BYTES", 10)
    session = FilmSession.open(film)
    assert session.project.undo_stack.count() == 0 and has(session.project, 0)
    assert "too big" in caplog.text
    session.close()


def test_a_film_with_history_still_reads_everywhere(film):
    """The gallery, exports and older Kadr read the film's own tables: the history's
    table is beside them."""
    from kadr.export.film_file import read_film

    session = FilmSession.open(film)
    draw(session.project, 0)
    fp = fingerprint(session.project)
    assert session.close().kept
    project = load(film)
    assert has(project, 0) and fingerprint(project) == fp
    assert project.undo_stack.count() == 0  # reading alone pushes nothing
    found = read_film(film)
    assert found is not None and found[0].pictures[0]["drawing"]


def test_the_kept_step_is_plain_data(film):
    session = FilmSession.open(film)
    session.project.set_hold(0, 3)
    assert session.close().kept
    con = sqlite3.connect(film)
    text, = con.execute("SELECT step FROM undo_steps").fetchone()
    con.close()
    data = json.loads(text)
    assert data["step"] == {"kind": "hold", "label": "Change how long a picture lasts",
                            "frame": session.project.frames[0].id, "old": 1, "new": 3}


WORKER = textwrap.dedent("""
    import random, sys, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from helpers import packed_stroke
    from kadr.core.session import FilmSession
    session = FilmSession.open(Path(sys.argv[1]))
    p, pick = session.project, random.Random(int(sys.argv[2]))
    print("open", flush=True)
    for step in range(150):  # fewer than the stack keeps: the history goes back to the start
        n, what = len(p.frames), pick.choice("sssaadmhuur")
        if what == "s":
            packed_stroke(p, step, pick.randrange(n))
        elif what == "a":
            p.add_frame(pick.randrange(n), duplicate=pick.random() < 0.5)
        elif what == "d":
            p.delete_frame(pick.randrange(n))
        elif what == "m":
            p.move_frame(pick.randrange(n), pick.randrange(n))
        elif what == "h":
            p.set_hold(pick.randrange(n), pick.randrange(1, 6))
        elif what == "u":
            p.undo_stack.undo()
        else:
            p.undo_stack.redo()
        QCoreApplication.processEvents()
        time.sleep(0.01)  # as a child works: the kill comes in the middle
    session.close()
    print("done", flush=True)
""")


def test_killed_while_working_the_history_is_right_or_absent(qapp, tmp_path):
    """Kadr killed (SIGKILL) at a random moment of strokes, new, deleted, moved and re-timed
    pictures, undos and redos: the film reopens, and its history either takes it back to
    the empty film it started as, step by step, and forward again to where it was, or is
    not there at all. Never a wrong picture taken away."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(APP), str(TESTS)]),
               QT_QPA_PLATFORM="offscreen")
    pick, restored = random.Random(19), 0
    for run in range(6):
        path = tmp_path / f"run{run}.kadr"
        save_copy(blank_project(320, 240, "Run"), path)
        child = subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(run)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "open\n", \
            child.stderr.read() if child.stderr else ""
        time.sleep(pick.uniform(0.05, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        session = FilmSession.open(path)
        p = session.project
        reopened = state(p)
        if p.undo_stack.count():
            restored += 1
            assert p.undo_stack.count() <= 150
            while p.undo_stack.canRedo():  # steps undone before the kill come back...
                p.undo_stack.redo()
            end = state(p)
            while p.undo_stack.canUndo():  # ...all of them go...
                p.undo_stack.undo()
            assert len(p.frames) == 1 and not p.frames[0].has_drawing(), f"run {run}"
            while p.undo_stack.canRedo():  # ...and come back in order
                p.undo_stack.redo()
            assert state(p) == end, f"run {run}"
            while state(p) != reopened:  # and back to where the film was
                assert p.undo_stack.canUndo(), f"run {run}"
                p.undo_stack.undo()
        session.close()
    assert restored >= 3  # dropping the history is for a kill at the wrong moment only


def test_a_step_is_named_in_the_language_of_the_day_the_film_is_opened(film):
    from kadr import i18n

    try:
        i18n.set_language("ru")
        session = FilmSession.open(film)
        draw(session.project, 0)
        assert clear_picture(session.project, 0)
        assert session.project.undo_stack.undoText() == i18n.tr("Clear picture") != "Clear picture"
        assert session.close().kept
        i18n.set_language("en")
        session = FilmSession.open(film)
        stack = session.project.undo_stack
        assert stack.undoText() == "Clear picture"
        stack.undo()
        assert stack.undoText() == "Brush stroke"
        session.close()
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("how", ["make a copy", "starter film", "send out"])
def test_a_copy_is_a_film_of_its_own_with_nothing_to_undo(film, tmp_path, how):
    """A teacher's starter film cannot be undone back to blank by each child, nor a film
    sent to a friend back to what was rubbed out: the copy keeps no history, not even in
    its free pages. The film copied keeps its own."""
    from kadr.classroom.learners import Learner
    from kadr.classroom.starter import copy_starter
    from kadr.core.library import Library

    session = FilmSession.open(film)
    draw(session.project, 0)
    assert clear_picture(session.project, 0)  # the stroke's tiles now live only in history
    assert session.flush()
    con = sqlite3.connect(film)
    rubbed_out = con.execute("SELECT tiles FROM undo_steps ORDER BY n LIMIT 1").fetchone()[0]
    con.close()
    assert session.close().kept and len(rubbed_out) > 100
    library = Library(tmp_path / "films")
    if how == "make a copy":
        copy = library.duplicate(library.import_file(film))
    elif how == "starter film":
        learner = Learner(id="a1", name="Asel", avatar="cat", folder=tmp_path / "asel",
                          films=tmp_path / "asel" / "films")
        copy = copy_starter(film, [learner]).copied["a1"]
    else:
        copy = library.export_file(film, tmp_path / "for a friend.kadr")
    assert rows(film) == [1, 2]
    con = sqlite3.connect(copy)
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert "undo_steps" not in tables
    assert rubbed_out not in copy.read_bytes()
    session = FilmSession.open(copy)
    assert session.project.undo_stack.count() == 0 and not has(session.project, 0)
    session.close()


@pytest.mark.parametrize("change", [
    ("\"kind\":\"insert\",\"label\":\"Add picture\",\"index\":1",
     "\"kind\":\"insert\",\"label\":\"Add picture\",\"index\":50"),
    ("\"kind\":\"move\",\"label\":\"Move picture\",\"index\":2,\"to\":0",
     "\"kind\":\"move\",\"label\":\"Move picture\",\"index\":2,\"to\":9"),
])
def test_a_history_that_would_misplace_a_picture_is_not_used(film, change, caplog):
    """Its last step fits the film, an earlier one does not (a hostile file): taking it
    back would pop or move a picture that is not there."""
    session = FilmSession.open(film)
    p = session.project
    p.add_frame(0)
    p.add_frame(1)
    p.move_frame(2, 0)
    draw(p, 0, 0)
    expected = state(p)
    assert session.close().kept
    con = sqlite3.connect(film)
    with con:
        con.execute("UPDATE undo_steps SET step = replace(step, ?, ?)", change)
    assert change[1] in "".join(text for (text,) in con.execute("SELECT step FROM undo_steps"))
    con.close()
    session = FilmSession.open(film)
    assert session.project.undo_stack.count() == 0 and state(session.project) == expected
    assert "are not used" in caplog.text
    session.close()

"""Background threads never die silently: a writer or packer error is reported (and logged)
and the work goes on, with nothing lost. Faults are injected into the real threads."""

from __future__ import annotations

import logging
import threading

from helpers import stroke
from kadr.core import packer
from kadr.core.project import blank_project
from kadr.core.store import ProjectStore, load

STROKES = 60
FAULTS = 12


def ink_at(project, x, y, index=0):
    return project.image(index).pixelColor(x, y).alpha() > 0


def test_a_writer_error_is_reported_and_writing_goes_on(qtbot, tmp_path, caplog):
    """Bugs injected into the writer (an edit it cannot apply) used to kill its thread:
    every later edit then waited forever. Now each is reported once as a save problem,
    the film is written whole again, and every stroke reaches the disk."""
    project = blank_project(640, 480, "Faults")
    path = tmp_path / "faults.kadr"
    store = ProjectStore.attach(project, path, create=True)
    problems: list[str] = []
    project.save_problem.connect(problems.append)
    try:
        with caplog.at_level(logging.ERROR, logger="kadr.store"):
            for i in range(STROKES):
                if i % (STROKES // FAULTS) == 0:
                    store.write_tiles(1, "drawing", None)  # type: ignore[arg-type]  # a bug
                stroke(project, 0, [(10 + i * 10, 100), (10 + i * 10, 300)], size=4)
            qtbot.waitUntil(lambda: bool(problems) and problems[-1] == "" and store.flush(0.1),
                            timeout=20000)
        assert store._thread.is_alive()  # noqa: SLF001 - the writer is still there
        assert "NOT" not in problems[0] and problems[0]  # "Kadr will try again"
        assert len(problems) <= 2 * FAULTS  # one problem, one recovery: never per stroke
        assert "Writing" in caplog.text and "failed unexpectedly" in caplog.text
    finally:
        assert store.close()
    again = load(path)
    assert all(ink_at(again, 10 + i * 10 + 1, 200) for i in range(STROKES))


def test_a_problem_is_told_once_per_change(qtbot, tmp_path):
    """A folder that vanishes: twenty strokes later the problem has been told once, and
    once more when writing works again (it was told after every stroke: 42 times in 7 s)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    project = blank_project(640, 480, "Gone")
    store = ProjectStore.attach(project, folder / "film.kadr", create=True)
    problems: list[str] = []
    project.save_problem.connect(problems.append)
    try:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
        folder.write_text("not a folder any more")
        for i in range(20):
            stroke(project, 0, [(20 + i * 20, 100), (20 + i * 20, 200)], size=6)
            project.settle()
            qtbot.wait(30)
        qtbot.waitUntil(lambda: len(problems) >= 1, timeout=5000)
        qtbot.wait(500)
        assert len(problems) == 1 and "NOT being kept" in problems[0]
        folder.unlink()
        folder.mkdir()
        qtbot.waitUntil(lambda: problems[-1] == "", timeout=10000)
        assert len(problems) == 2
    finally:
        store.close()


def test_the_writer_makes_no_qt_call(qtbot, tmp_path):
    """Problems reach the project through a timer on the UI thread, not a signal sent from
    the writer (PySide objects are never touched off the UI thread)."""
    calls: list[str] = []

    def watch(frame, event, arg):
        # not current_thread(): in a thread's own clean-up it makes a "Dummy" thread
        thread = threading._active.get(threading.get_ident())  # noqa: SLF001
        if event == "c_call" and thread is not None and thread.name == "kadr-store":
            owner = getattr(arg, "__self__", None)
            module = type(owner).__module__ if owner is not None else ""
            if module.split(".")[0] in ("PySide6", "shiboken6"):
                calls.append(getattr(arg, "__qualname__", repr(arg)))

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    project = blank_project(320, 240)
    threading.setprofile(watch)
    try:
        store = ProjectStore.attach(project, blocker / "film.kadr")
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    problems: list[str] = []
    project.save_problem.connect(problems.append)
    try:
        stroke(project, 0, [(10, 10), (100, 100)])
        project.settle()
        qtbot.waitUntil(lambda: bool(problems), timeout=5000)
    finally:
        store.close()
    assert calls == []


def test_a_packing_error_on_the_worker_never_loses_the_stroke(qtbot, tmp_path, monkeypatch,
                                                              caplog):
    """The packer dropped a job before delivering it, so a worker error lost that stroke.
    Every packing on the worker now fails: each stroke is packed on the UI thread instead,
    kept, undoable and written."""
    real = packer.pack_tile

    def failing(raw: bytes) -> bytes:
        if threading.current_thread().name.startswith("kadr-pack"):
            raise MemoryError("injected")
        return real(raw)

    monkeypatch.setattr(packer, "pack_tile", failing)
    project = blank_project(640, 480, "Packing")
    path = tmp_path / "packing.kadr"
    store = ProjectStore.attach(project, path, create=True)
    try:
        with caplog.at_level(logging.ERROR, logger="kadr.packer"):
            for i in range(5):
                stroke_soon(project, i)
            qtbot.waitUntil(lambda: not project.packer.busy(), timeout=5000)
            stroke_soon(project, 5)
            project.settle()  # one delivered by the timer, one here
        assert "injected" in caplog.text
        assert project.undo_stack.count() == 6
        assert all(ink_at(project, 30 + i * 40, 200) for i in range(6))
        assert store.flush(5)
    finally:
        store.close()
    again = load(path)
    assert all(ink_at(again, 30 + i * 40, 200) for i in range(6))


def test_a_failed_copy_is_made_before_more_painting(qtbot, monkeypatch):
    """When the worker cannot even copy the stroke, the copy is made on the UI thread
    before the next stroke paints, so the next stroke never leaks into this undo step."""
    def broken(*_args):
        if threading.current_thread().name.startswith("kadr-pack"):
            raise MemoryError("injected")
        return real(*_args)

    real = packer._copy  # noqa: SLF001
    monkeypatch.setattr(packer, "_copy", broken)
    project = blank_project(640, 480)
    stroke_soon(project, 0)
    stroke_soon(project, 1)  # waits for the first one's copy, then paints
    project.settle()
    project.undo_stack.undo()
    assert ink_at(project, 30, 200) and not ink_at(project, 70, 200)
    project.undo_stack.undo()
    assert not ink_at(project, 30, 200)


def stroke_soon(project, i):
    """A stroke kept the way the canvas keeps it: packed on the worker."""
    from kadr.core.paint import PenEvent
    from kadr.core.tools import ToolSession, ToolState

    session = ToolSession(project, 0, ToolState(size=8, stabiliser=0))
    session.soon = True
    x = 30 + i * 40
    session.press(PenEvent(x, 100))
    session.move(PenEvent(x, 200))
    session.release(PenEvent(x, 300))

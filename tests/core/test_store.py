"""The .kadr file: nothing drawn is lost, and a bad file is never changed."""

from __future__ import annotations

import hashlib
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from helpers import bad_project_file
from kadr.core.paint import PenEvent
from kadr.core.project import Project, blank_project
from kadr.core.render import Renderer
from kadr.core.store import ProjectFileError, ProjectStore, check_file, load, save_copy
from kadr.core.tools import ToolSession, ToolState

APP = Path(__file__).resolve().parents[2] / "app"


def stroke(project: Project, index: int, y: float, color: str = "#e6194b") -> None:
    session = ToolSession(project, index, ToolState(color=color, size=12))
    session.press(PenEvent(40, y))
    session.move(PenEvent(140, y))
    session.release(PenEvent(240, y))


def same_pictures(a: Project, b: Project) -> bool:
    ra, rb = Renderer(a), Renderer(b)
    return len(a.frames) == len(b.frames) and all(
        ra.compose(i) == rb.compose(i) for i in range(len(a.frames)))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kept(qapp, tmp_path):
    """A project kept on disk by a store; closed at the end."""
    project = blank_project(640, 480, "Ball")
    path = tmp_path / "ball.kadr"
    store = ProjectStore.attach(project, path, create=True)
    yield project, store, path
    store.close()


def test_round_trip_keeps_every_pixel(kept):
    """Strokes on two pictures come back pixel for pixel after closing and loading."""
    project, store, path = kept
    stroke(project, 0, 100)
    project.add_frame(0)
    stroke(project, 1, 200, "#4363d8")
    assert store.flush()
    store.close()
    again = load(path)
    assert again.title == "Ball" and (again.width, again.height) == (640, 480)
    assert same_pictures(project, again)


def test_frame_edits_are_kept(kept):
    """Adding, copying, deleting, moving and re-timing pictures survive a reload."""
    project, store, path = kept
    stroke(project, 0, 100)
    project.add_frame(0)
    project.add_frame(1, duplicate=True)
    project.add_frame(2)
    project.set_hold(1, 4)
    project.move_frame(3, 0)
    project.delete_frame(2)
    assert store.flush()
    again = load(path)
    assert [(f.id, f.hold) for f in again.frames] == [(f.id, f.hold) for f in project.frames]
    assert same_pictures(project, again)


def test_undo_is_kept(kept):
    """Undoing a stroke and a deleted picture is written, so a reload shows the undone state."""
    project, store, path = kept
    stroke(project, 0, 100)
    stroke(project, 0, 300, "#3cb44b")
    project.add_frame(0)
    project.delete_frame(1)
    project.undo_stack.undo()  # the picture comes back
    project.undo_stack.undo()  # the green stroke goes
    project.undo_stack.undo()  # ... and so does the added picture
    assert store.flush()
    again = load(path)
    assert len(again.frames) == 1
    assert same_pictures(project, again)
    assert again.image(0).pixelColor(140, 300).alpha() == 0
    assert again.image(0).pixelColor(140, 100).alpha() > 0




BAD_KINDS = ("corrupt", "truncated", "not_sqlite", "foreign", "newer")


def plain(message: str) -> bool:
    lowered = message.lower()
    return bool(message) and message.endswith(".") and not any(
        word in lowered for word in ("sqlite", "traceback", "error", "errno", "disk image"))


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_file_is_refused_and_left_alone(qapp, tmp_path, kind):
    """check_file and load refuse a bad file with plain words and leave its bytes as they were."""
    bad = bad_project_file(kind, tmp_path)
    before = digest(bad)
    with pytest.raises(ProjectFileError) as checked:
        check_file(bad)
    with pytest.raises(ProjectFileError):
        load(bad)
    assert plain(str(checked.value))
    if kind == "newer":
        assert "newer" in str(checked.value)
    assert digest(bad) == before


def test_unwritable_place_is_reported_and_retried(qapp, tmp_path):
    """A store whose folder is not a folder says so in plain words, keeps the edit and
    writes it once the folder is back."""
    blocker = tmp_path / "usb"
    blocker.write_bytes(b"a file where the folder should be")
    path = blocker / "ball.kadr"
    problems: list[str] = []
    project = blank_project(640, 480, "Ball")
    stroke(project, 0, 100)
    store = ProjectStore(path, problems.append)
    try:
        store.write_thumbnail(b"png")
        assert not store.flush(5)
        assert problems and plain(problems[-1])
        assert store.problem == problems[-1]
        blocker.unlink()
        blocker.mkdir()
        save_copy(project, path)
        deadline = time.monotonic() + 10
        while problems[-1] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert problems[-1] == "" and store.flush(5)
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT png FROM thumbnail").fetchone()[0] == b"png"
    con.close()


def test_directory_in_place_of_file_is_reported(qapp, tmp_path):
    """When the project file was replaced by a folder, the store reports it, not a traceback."""
    path = tmp_path / "ball.kadr"
    project = blank_project(640, 480, "Ball")
    store = ProjectStore.attach(project, path, create=True)
    store.close()
    path.unlink()
    path.mkdir()
    problems: list[str] = []
    store = ProjectStore(path, problems.append)
    try:
        store.write_thumbnail(b"png")
        assert not store.flush(5)
        assert problems and plain(problems[-1])
    finally:
        store.close()


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from kadr.core.paint import PenEvent
    from kadr.core.project import blank_project
    from kadr.core.store import ProjectStore
    from kadr.core.tools import ToolSession, ToolState
    project = blank_project(640, 480, "Crash")
    store = ProjectStore.attach(project, Path(sys.argv[1]), create=True)
    for i in range(400):
        x, y = 10 + (i // 40) * 60, 10 + (i % 40) * 11
        session = ToolSession(project, 0, ToolState(size=4, stabiliser=0))
        session.press(PenEvent(x, y))
        session.move(PenEvent(x + 20, y))
        session.release(PenEvent(x + 40, y))
        if store.flush():
            print("flushed", i, flush=True)
""")


def stroke_spot(i: int) -> tuple[int, int]:
    return 10 + (i // 40) * 60 + 20, 10 + (i % 40) * 11


def test_killed_mid_series_keeps_finished_strokes(qapp, tmp_path):
    """A studio killed with SIGKILL while drawing reopens with every stroke it had kept."""
    path = tmp_path / "crash.kadr"
    env = dict(os.environ, PYTHONPATH=str(APP), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in child.stdout], daemon=True).start()
    flushed: list[int] = []
    deadline = time.monotonic() + 60
    try:
        while len(flushed) < 25 and time.monotonic() < deadline:
            try:
                flushed.append(int(lines.get(timeout=1).split()[1]))
            except queue.Empty:
                assert child.poll() is None, child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    while not lines.empty():
        flushed.append(int(lines.get().split()[1]))
    assert len(flushed) >= 25
    check_file(path)
    again = load(path)
    image = again.image(0)
    missing = [i for i in flushed if image.pixelColor(*stroke_spot(i)).alpha() == 0]
    assert missing == []


def test_folder_names_with_hash_and_question_mark_open(qapp, tmp_path):
    """A film in a folder called 'Class #3?' opens (the path is quoted, not cut short)."""
    from kadr.core.project import blank_project
    from kadr.core.store import load, save_copy

    folder = tmp_path / "Class #3?"
    folder.mkdir()
    path = folder / "ball.kadr"
    save_copy(blank_project(64, 64, "Ball"), path)
    assert load(path).title == "Ball"

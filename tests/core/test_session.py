"""The film session, without widgets: open, keep, close; close never discards; closed on
the application's quit signal too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import packed_stroke as draw
from helpers import stroke_shows as has
from kadr.core.paint import PenEvent
from kadr.core.project import blank_project
from kadr.core.session import FilmInUse, FilmSession
from kadr.core.store import load, save_copy
from kadr.core.tools import ToolSession, ToolState, stroke_in_progress

APP = Path(__file__).resolve().parents[2] / "app"


@pytest.fixture
def film(qapp, tmp_path):
    folder = tmp_path / "films"
    folder.mkdir()
    path = folder / "ball.kadr"
    save_copy(blank_project(640, 480, "Ball"), path)
    return path


def vanish(folder: Path) -> None:
    """The USB stick is pulled out: the folder is gone and a file stands in its place."""
    shutil.rmtree(folder)
    folder.write_text("not a folder any more")


def test_open_keep_close(film):
    session = FilmSession.open(film)
    assert film.with_name("ball.kadr.lock").exists()
    for i in range(10):
        draw(session.project, i)
    result = session.close()
    assert result.closed and result.kept and result.message == "" and result.recovery is None
    assert not film.with_name("ball.kadr.lock").exists()
    again = load(film)
    assert all(has(again, i) for i in range(10))


def test_a_stroke_in_progress_is_kept_at_close(film):
    session = FilmSession.open(film)
    pen = ToolSession(session.project, 0, ToolState(size=8, stabiliser=0))
    pen.soon = True
    pen.press(PenEvent(100, 100))
    pen.move(PenEvent(300, 100))  # the pen is still down
    assert session.close().kept
    assert stroke_in_progress(session.project) is None
    assert load(film).image(0).pixelColor(200, 100).alpha() > 0


def test_close_keeps_what_the_disk_would_not_take(film, tmp_path):
    """Closing while the film's folder cannot be written waited 5 s and dropped the queue
    (40 of 45 strokes lost). Now the whole film is kept in the recovery folder and the
    child is told where."""
    session = FilmSession.open(film)
    vanish(film.parent)
    for i in range(45):
        draw(session.project, i)
    result = session.close()
    assert result.closed and not result.kept
    recovery = result.recovery
    assert recovery is not None and recovery.parent == Path(os.environ["KADR_LIBRARY"]).parent / "recovery"
    assert "ball" in recovery.name and str(recovery.parent) in result.message
    kept = load(recovery)
    assert all(has(kept, i) for i in range(45))


def test_with_nowhere_to_keep_it_the_film_stays_open(film, tmp_path, monkeypatch):
    """When not even a recovery copy can be written, closing refuses (the work is still
    in memory and the writer still tries); once the disk is back it closes with all kept."""
    from kadr.core import session as session_module

    session = FilmSession.open(film)
    vanish(film.parent)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where every folder should be")
    monkeypatch.setattr(session_module, "recovery_folders", lambda: [blocked / "a", blocked / "b"])
    for i in range(5):
        draw(session.project, i)
    result = session.close(timeout=1)
    assert not result.closed and result.message
    assert session.is_open() and session.store._thread.is_alive()  # noqa: SLF001
    film.parent.unlink()
    film.parent.mkdir()  # the stick is back: the writer writes the whole film again
    result = session.close(timeout=10)
    assert result.closed and result.kept
    again = load(film)
    assert all(has(again, i) for i in range(5))


def test_quitting_closes_even_with_nowhere_to_keep_it(film, tmp_path, monkeypatch):
    from kadr.core import session as session_module

    session = FilmSession.open(film)
    vanish(film.parent)
    monkeypatch.setattr(session_module, "recovery_folders", lambda: [])
    draw(session.project, 0)
    result = session.close(force=True, timeout=1)
    assert result.closed and not result.kept and result.message
    assert FilmSession.find(film) is None


def test_a_second_open_in_this_program_finds_the_first(film, qtbot):
    session = FilmSession.open(film)
    try:
        with qtbot.waitSignal(session.wanted, timeout=1000):
            with pytest.raises(FilmInUse) as refused:
                FilmSession.open(film.parent / ".." / film.parent.name / film.name)
        assert refused.value.session is session
        assert FilmSession.find(film) is session
    finally:
        session.close()
    FilmSession.open(film).close()  # and once closed it opens again


def test_a_damaged_film_is_refused_and_leaves_no_lock(qapp, tmp_path):
    from helpers import bad_project_file
    from kadr.core.store import ProjectFileError

    bad = bad_project_file("corrupt", tmp_path)
    with pytest.raises(ProjectFileError):
        FilmSession.open(bad)
    assert not bad.with_name(bad.name + ".lock").exists() or FilmSession.open  # no holder
    assert FilmSession.find(bad) is None


QUITTER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from kadr.core.paint import PenEvent
    from kadr.core.session import FilmSession
    from kadr.core.tools import ToolSession, ToolState
    session = FilmSession.open(Path(sys.argv[1]))

    def draw():
        for i in range(40):
            pen = ToolSession(session.project, 0, ToolState(size=6, stabiliser=0))
            pen.soon = True
            x, y = 10 + (i % 20) * 30, 10 + (i // 20) * 20
            pen.press(PenEvent(x, y))
            pen.move(PenEvent(x + 10, y))
            pen.release(PenEvent(x + 20, y))
        # the last strokes are still being packed and written: quit now
        app.quit()

    QTimer.singleShot(0, draw)
    app.exec()
    print("closed" if session.result and session.result.kept else "NOT KEPT", flush=True)
""")


def test_the_quit_signal_closes_the_film_with_everything_kept(film):
    env = dict(os.environ, PYTHONPATH=str(APP), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", QUITTER, str(film)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closed"
    assert not film.with_name("ball.kadr.lock").exists()
    again = load(film)
    assert all(has(again, i) for i in range(40))


def test_a_film_nothing_was_drawn_in_closes_without_a_copy(film):
    """A film on a stick that cannot be written (read-only, or pulled out) where the child
    only watched: the gallery picture cannot be kept, but that is not the child's work, so
    no recovery copy is made and nothing is said."""
    session = FilmSession.open(film)
    vanish(film.parent)
    session.store.write_thumbnail(b"a gallery picture")
    result = session.close(timeout=1)
    assert result.closed and result.kept and result.recovery is None and not result.message


@pytest.fixture
def full_disk(qapp, tmp_path):
    """A real small disk (tmpfs) holding the film, then filled to the brim."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (root in a privileged machine)")
    film = where / "ball.kadr"
    save_copy(blank_project(640, 480, "Ball"), film)
    yield film
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.may_skip("mounting a small tmpfs needs root in a privileged machine")
def test_closing_on_a_really_full_disk_keeps_every_stroke(full_disk):
    """The disk itself is full (not a pulled-out stick): nothing drawn is lost at close."""
    session = FilmSession.open(full_disk)
    stat = os.statvfs(full_disk.parent)
    filler = full_disk.parent / ".filler"
    filler.write_bytes(bytes(stat.f_bavail * stat.f_frsize))  # no room left at all
    for i in range(45):
        draw(session.project, i)
    result = session.close()
    assert result.closed
    if result.kept:  # the film took it after all (SQLite had pages free)
        kept = load(full_disk)
    else:
        assert result.recovery is not None and str(result.recovery.parent) in result.message
        kept = load(result.recovery)
    assert all(has(kept, i) for i in range(45))

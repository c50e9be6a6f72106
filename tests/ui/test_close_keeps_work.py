"""Closing never discards, in the real window: what the disk would not take is kept as a
recovery copy and the child is told; the save problem is told once per change; a film
opened twice in one program comes forward instead of opening twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.session import FilmSession, recovery_folders
from kadr.core.store import load, save_copy
from kadr.settings import Settings
from kadr.ui import canvas_words

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    from kadr.ui.main_window import MainWindow

    canvas_words.install()
    w = MainWindow(Settings(language="en"), Library(tmp_path / "library"), None)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.session is not None:
        w.session.close(force=True)


@pytest.fixture
def usb_film(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "film.kadr"
    save_copy(blank_project(640, 480, "Film"), path)
    return path


def pull_out(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("the stick is gone")


def draw(canvas, i):
    t = canvas.transform()
    x, y = 20 + (i % 10) * 60, 20 + (i // 10) * 60
    QTest.mousePress(canvas, LEFT, NONE, t.map(QPointF(x, y)).toPoint())
    QTest.mouseMove(canvas, t.map(QPointF(x + 20, y)).toPoint())
    QTest.mouseRelease(canvas, LEFT, NONE, t.map(QPointF(x + 40, y)).toPoint())


def has(project, i):
    x, y = 20 + (i % 10) * 60, 20 + (i // 10) * 60
    return project.image(0).pixelColor(x + 20, y).alpha() > 0


def test_closing_with_the_disk_gone_keeps_a_copy_and_says_where(window, usb_film, qtbot):
    """Closing while the film's folder could not be written dropped 40 of 45 strokes with
    no warning. Now every stroke is in a recovery copy, and the child is told where."""
    assert window.open_project(usb_film)
    studio = window.studio
    studio.tools.stabiliser = 0
    pull_out(usb_film.parent)
    for i in range(45):
        draw(studio.canvas, i)
    QTest.keyClick(studio, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # My projects
    assert window.studio is None and window.stack.currentWidget() is window.gallery
    box = window.findChild(QMessageBox, "keepingMessage")
    assert box is not None and box.isVisible()
    recovery = next(recovery_folders()[0].glob("film (kept *.kadr"))  # the data folder
    assert str(recovery.parent) in box.text()
    assert window.announcement_log[-1] == box.text()
    kept = load(recovery)
    assert all(has(kept, i) for i in range(45))
    box.accept()


def test_the_save_problem_is_told_once_and_stays_shown(window, usb_film, qtbot):
    """The problem was announced after every stroke (42 times in 7 s, cutting speech off
    each time). Now it is told once, while the warning stays on screen."""
    assert window.open_project(usb_film)
    studio = window.studio
    window.announcement_log.clear()
    pull_out(usb_film.parent)
    for i in range(20):
        draw(studio.canvas, i)
        qtbot.wait(40)
        if i > 3:
            assert studio.save_warning.isVisible()
    qtbot.wait(500)
    problem = studio.save_warning.text()
    assert "NOT being kept" in problem
    assert list(window.announcement_log).count(problem) == 1
    usb_film.parent.unlink()
    usb_film.parent.mkdir()
    qtbot.waitUntil(lambda: not studio.save_warning.isVisible(), timeout=10000)
    assert window.close_project()
    again = load(usb_film)
    assert all(has(again, i) for i in range(20))


def test_with_nowhere_to_keep_it_the_window_stays_open(window, usb_film, qtbot, tmp_path,
                                                      monkeypatch):
    from kadr.core import session as session_module

    assert window.open_project(usb_film)
    pull_out(usb_film.parent)
    monkeypatch.setattr(session_module, "recovery_folders", lambda: [])
    draw(window.studio.canvas, 0)
    window.close()
    assert window.isVisible() and window.studio is not None  # nothing was thrown away
    box = window.findChild(QMessageBox, "keepingMessage")
    assert box is not None and "stays open" in box.text()
    box.accept()
    usb_film.parent.unlink()
    usb_film.parent.mkdir()
    window.close()
    assert not window.isVisible()
    assert has(load(usb_film), 0)


def test_a_second_window_on_the_same_film_brings_the_first_forward(window, usb_film, qtbot,
                                                                  tmp_path):
    from kadr.ui.main_window import MainWindow

    assert window.open_project(usb_film)
    session = window.session
    other = MainWindow(Settings(language="en"), Library(tmp_path / "library"), None)
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(session.wanted, timeout=1000):
        assert not other.open_project(usb_film)
    assert other.studio is None and other.session is None
    assert window.studio is not None and FilmSession.find(usb_film) is session
    assert window.open_project(usb_film)  # again in its own window: it is just shown
    assert window.session is session


def test_closing_the_window_keeps_the_stroke_in_progress(window, usb_film):
    assert window.open_project(usb_film)
    canvas = window.studio.canvas
    t = canvas.transform()
    QTest.mousePress(canvas, LEFT, NONE, t.map(QPointF(100, 100)).toPoint())
    QTest.mouseMove(canvas, t.map(QPointF(300, 100)).toPoint())
    window.close()  # the mouse is still down
    assert window.session is None
    assert not usb_film.with_name("film.kadr.lock").exists()
    assert load(usb_film).image(0).pixelColor(200, 100).alpha() > 0


def test_undo_goes_on_after_the_film_is_closed_and_opened_again(window, usb_film):
    """A picture cleared by mistake, then My projects, then the film again: Ctrl+Z brings
    the drawing back, and Ctrl+Shift+Z (Redo) clears it again."""
    assert window.open_project(usb_film)
    studio = window.studio
    studio.tools.stabiliser = 0
    for i in range(3):
        draw(studio.canvas, i)
    studio.clear()
    assert not any(has(studio.project, i) for i in range(3))
    QTest.keyClick(studio, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # My projects
    assert window.studio is None
    assert window.open_project(usb_film)
    studio = window.studio
    assert not studio.top_buttons["redo"].isEnabled()
    QTest.keyClick(studio.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(has(studio.project, i) for i in range(3))
    assert "Undone: Clear picture" in studio.caption.text()
    assert studio.top_buttons["redo"].isEnabled()
    QTest.keyClick(studio.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not has(studio.project, 2) and has(studio.project, 1)  # the last stroke, then
    assert "Undone: Brush stroke" in studio.caption.text()

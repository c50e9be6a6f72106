"""Where am I, after a screen changes (issue 15): the first control a screen focuses
carries the screen's name, as Orca 43 reads it (the message in front of the focused
control's description, docs/decisions/0007). In-process, offscreen: the real main
window, a real library and film file, real key presses. The Orca session
(test_orca_session.py) hears the same words spoken.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.store import save_copy
from kadr.settings import Settings
from kadr.ui import a11y, canvas_words, theme
from kadr.ui.main_window import MainWindow

ELSEWHERE = "messages reach the focused control's description on Linux only (0007)"
pytestmark = [pytest.mark.skipif(not a11y.MESSAGES_IN_DESCRIPTION, reason=ELSEWHERE),
              pytest.mark.may_skip(ELSEWHERE)]


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    w = MainWindow(Settings(language="en", uses_screen_reader=True),
                   Library(tmp_path / "library"), None)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def focus_says(qtbot, words: str):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and
                    QApplication.focusWidget().accessibleDescription().startswith(words))
    return QApplication.focusWidget()


def test_my_projects_is_named_on_its_first_control(qtbot, window):
    focus = focus_says(qtbot, "My projects")
    assert focus is window.gallery.buttons["new"]  # no projects yet: New
    QTest.keyClick(focus, Qt.Key.Key_Tab)  # the next key spends the message
    qtbot.waitUntil(lambda: not focus.accessibleDescription().startswith("My projects"))


def test_the_lessons_list_names_the_lessons_screen(qtbot, window):
    QTest.keyClick(window.gallery, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = window.lessons_screen
    assert screen is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.picker.list)
    assert screen.picker.list.accessibleName() == "Lessons"
    # named already: no message repeats it
    assert not screen.picker.list.accessibleDescription().startswith("Lessons")


def test_the_studio_is_named_with_the_film(qtbot, window, tmp_path):
    film = tmp_path / "Ball.kadr"
    project = blank_project(320, 240, "Ball")
    project.add_frame(0)
    save_copy(project, film)
    assert window.open_project(film)
    canvas = focus_says(qtbot, "Your film: Ball.")
    assert canvas is window.studio.canvas
    assert "Picture 1 of 2" in canvas.accessibleDescription()


def test_the_strip_says_the_add_tile_is_counted(qtbot, window, tmp_path):
    film = tmp_path / "Ball.kadr"
    project = blank_project(320, 240, "Ball")
    project.add_frame(0)
    save_copy(project, film)
    assert window.open_project(film)
    strip = window.studio.timeline
    assert strip.list.count() == 3  # two pictures and "+"
    assert strip.list.accessibleName() == "Pictures: 2, then Add picture"
    strip.run("add")
    qtbot.waitUntil(lambda: strip.list.accessibleName() == "Pictures: 3, then Add picture")


def test_where_am_i_says_the_pen_state_once(qtbot, window, tmp_path):
    film = tmp_path / "Ball.kadr"
    save_copy(blank_project(320, 240, "Ball"), film)
    assert window.open_project(film)
    canvas = window.studio.canvas
    qtbot.waitUntil(canvas.hasFocus)
    window.studio.toggle_keyboard_pen()
    QTest.keyClick(canvas, Qt.Key.Key_Space)  # pen down
    QTest.keyClick(canvas, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: canvas.accessibleDescription().startswith("Pen at"))
    words = canvas.accessibleDescription()
    assert words.count("Pen down, drawing.") == 1, words
    QTest.keyClick(canvas, Qt.Key.Key_Right)  # the message spent: the paper's own words
    qtbot.waitUntil(lambda: not canvas.accessibleDescription().startswith("Pen at"))
    assert canvas.accessibleDescription().count("Pen down, drawing.") == 1

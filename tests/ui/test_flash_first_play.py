"""A dangerous film is caught before its first play: tried as a child would, a new film of
a black and a white picture at 20 pictures a second flashed full-size on its first play
(the background check had not run yet; the warning came on the second play)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from helpers import stroke
from kadr.core.project import blank_project
from kadr.export.flash import film_pictures
from kadr.settings import Settings
from kadr.ui import canvas_words
from kadr.ui.flash_watch import seconds_ahead


def black_and_white(pictures=2, fps=20):
    """Black, white, black, white ... (a new film: no history)."""
    p = blank_project(320, 240)
    for i in range(pictures):
        if i:
            p.add_frame(i - 1)
        if i % 2 == 0:
            stroke(p, i, [(10, 10)], tool="fill", color="#000000")
    p.set_fps(fps)
    p.undo_stack.clear()
    return p


def new_studio(qtbot, project):
    from kadr.ui.studio import Studio

    canvas_words.install()
    s = Studio(project, Settings())
    s.announcement_log = []
    qtbot.addWidget(s)
    s.resize(1280, 800)
    s.show()
    qtbot.waitExposed(s)
    return s


def press_play(studio):
    studio.setFocus()
    QTest.keyClick(studio, Qt.Key.Key_Space)


def test_the_first_play_of_a_new_flashing_film_warns_first(qtbot):
    s = new_studio(qtbot, black_and_white())
    assert s.flash_watch.current() is None  # the background check has not run yet
    press_play(s)
    assert not s.player.is_playing() and s.player.shown == []
    assert s.flash_bar.isVisible()
    assert "flashes very fast" in s.announcement_log[-1]
    safe = s.flash_watch.current().safe_fps
    QTest.mouseClick(s.flash_slower, Qt.MouseButton.LeftButton)
    assert s.player.is_playing()
    assert s.project.settings.fps == safe < 20
    qtbot.waitUntil(lambda: len(s.player.shown) >= 3, timeout=5000)
    s.player.stop()


def test_play_anyway_plays_the_real_film_and_is_not_asked_again(qtbot):
    s = new_studio(qtbot, black_and_white())
    press_play(s)
    QTest.mouseClick(s.flash_anyway, Qt.MouseButton.LeftButton)
    assert s.player.is_playing() and s.project.settings.fps == 20
    qtbot.waitUntil(lambda: len(s.player.shown) >= 4, timeout=5000)
    press_play(s)  # stop
    assert not s.player.is_playing()
    press_play(s)  # the same film: the child already chose
    assert s.player.is_playing()
    s.player.stop()


def test_a_long_film_that_flashes_at_its_start_is_caught(qtbot):
    """Only the seconds about to play are checked before the first play (the rest is
    checked in the background); a flashing start is enough for the warning."""
    project = black_and_white(pictures=8)
    for i in range(8, 200):  # then a long calm part
        project.add_frame(i - 1)
    project.undo_stack.clear()
    s = new_studio(qtbot, project)
    press_play(s)
    assert not s.player.is_playing() and s.flash_bar.isVisible()


def test_a_calm_new_film_plays_at_once(qtbot):
    from helpers import film

    project = film(3)
    project.set_fps(20)
    project.undo_stack.clear()
    s = new_studio(qtbot, project)
    press_play(s)
    assert s.player.is_playing() and not s.flash_bar.isVisible()
    s.player.stop()


@pytest.mark.parametrize(("start", "expected"), [
    (0, list(range(13))), (195, [195, 196, 197, 198, 199, 0, 1, 2, 3, 4, 5, 6, 7])])
def test_the_seconds_about_to_play(qapp, start, expected):
    project = blank_project(64, 48)
    for i in range(1, 200):
        project.add_frame(i - 1)
    project.set_fps(4)
    film = film_pictures(project)
    ahead = seconds_ahead(film, start, 3)
    assert len(ahead.layers) == len(expected) == len(ahead.holds) and not ahead.loop
    short = film_pictures(black_and_white())
    assert seconds_ahead(short, 1, 3) is short  # a short film is checked whole

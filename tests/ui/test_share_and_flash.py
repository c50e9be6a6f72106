"""Sharing from the studio, and the kind flash warning before playing or sharing."""

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from helpers import stroke
from kadr.core.project import blank_project
from kadr.settings import Settings
from kadr.ui import canvas_words
from kadr.ui.export_dialog import ExportDialog


def strobe(fps=12):
    """Black and white pictures, one after the other: flashes too fast at 12 a second."""
    p = blank_project(320, 240)
    for i in range(6):
        if i:
            p.add_frame(i - 1)
        if i % 2 == 0:
            stroke(p, i, [(10, 10)], tool="fill", color="#000000")
    p.set_fps(fps)
    p.undo_stack.clear()
    return p


@pytest.fixture
def strobe_studio(qtbot):
    canvas_words.install()
    from kadr.ui.studio import Studio

    s = Studio(strobe(), Settings())
    s.announcement_log = []
    qtbot.addWidget(s)
    s.resize(1280, 800)
    s.show()
    qtbot.waitExposed(s)
    return s


def test_play_warns_about_flashing_first(strobe_studio, qtbot):
    """Play on a strobing film shows a kind warning first; 'Play slower' plays it safely."""
    s = strobe_studio
    assert not s.flash_watch.check_and_wait().safe
    s.setFocus()
    QTest.keyClick(s, Qt.Key.Key_Space)
    assert not s.player.is_playing() and s.flash_bar.isVisible()
    assert "flashes very fast" in s.announcement_log[-1]
    QTest.mouseClick(s.flash_slower, Qt.MouseButton.LeftButton)
    assert s.player.is_playing()
    assert s.project.settings.fps <= s.flash_watch.result.safe_fps or \
        s.project.settings.fps <= 4
    s.player.stop()


def test_play_anyway_is_allowed(strobe_studio):
    """The warning never blocks: 'Play anyway' plays at the chosen speed."""
    s = strobe_studio
    s.flash_watch.check_and_wait()
    s.play_or_stop()
    QTest.mouseClick(s.flash_anyway, Qt.MouseButton.LeftButton)
    assert s.player.is_playing() and s.project.settings.fps == 12
    s.player.stop()


def test_background_check_finds_flashing_by_itself(strobe_studio, qtbot):
    """A moment after the film changes, the watch has a fresh result without being asked."""
    s = strobe_studio
    s.flash_watch.check_now()
    qtbot.waitUntil(lambda: s.flash_watch.current() is not None, timeout=10000)
    assert not s.flash_watch.current().safe


def test_background_check_waits_while_the_film_plays(strobe_studio, qtbot):
    """On two cores a check beside playback made frames late: it waits until Stop."""
    s = strobe_studio
    s.play_anyway()
    s.flash_watch.check_now()
    qtbot.wait(1500)  # the whole check takes ~0.1 s when it may run
    assert s.flash_watch.current() is None
    s.player.stop()
    qtbot.waitUntil(lambda: s.flash_watch.current() is not None, timeout=10000)
    assert not s.flash_watch.current().safe


def test_background_check_waits_while_a_stroke_is_drawn(strobe_studio, qtbot):
    """Pen down pauses the check; pen up lets it go on."""
    s = strobe_studio
    canvas = s.canvas
    middle = canvas.rect().center()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    s.flash_watch.check_now()
    qtbot.wait(1500)
    assert s.flash_watch.current() is None
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       middle)
    qtbot.waitUntil(lambda: s.flash_watch.current() is not None, timeout=10000)


def test_share_dialog_warns_and_makes_a_gif(qtbot, tmp_path):
    """The share dialog warns about flashing, offers a safe speed, and makes a real GIF."""
    p = strobe()
    dialog = ExportDialog(p, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.flash.isVisible() and dialog.safer.isVisible()
    QTest.mouseClick(dialog.safer, Qt.MouseButton.LeftButton)
    assert p.settings.fps < 12 and not dialog.flash.isVisible()
    job = dialog.export_to(tmp_path / "film")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
    assert job.result == tmp_path / "film.gif"
    with Image.open(tmp_path / "film.gif") as gif:
        assert gif.info.get("loop") == 0
    assert "Your film is ready" in dialog.status.text()


def test_share_failure_is_plain_and_leaves_nothing(qtbot, tmp_path):
    """Sharing into a folder that is really a file says so plainly and writes nothing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    dialog = ExportDialog(blank_project(64, 64), None)
    qtbot.addWidget(dialog)
    dialog.radios["mp4"].setChecked(True)
    dialog.export_to(blocker / "film.mp4")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
    assert dialog.status.text() and "Traceback" not in dialog.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_share_cancel_leaves_no_file(qtbot, tmp_path):
    """Cancel stops the export and no file is left behind."""
    p = blank_project(1280, 720)
    for i in range(120):  # long enough that Cancel comes first
        p.add_frame(i)
    dialog = ExportDialog(p, None)
    qtbot.addWidget(dialog)
    dialog.radios["png"].setChecked(True)
    dialog.export_to(tmp_path / "frames.png")
    QTest.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "No file was made" in dialog.status.text()
    assert list(Path(tmp_path).iterdir()) == []


def test_share_half_size(qtbot, tmp_path):
    """'Half size' makes a GIF half as wide and high as the film."""
    dialog = ExportDialog(blank_project(320, 240), None)
    qtbot.addWidget(dialog)
    dialog.size_choice.setCurrentIndex(0)
    assert dialog.size().width() > 0  # the size choice no longer hides QWidget.size()
    job = dialog.export_to(tmp_path / "small.gif")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)
    with Image.open(job.result) as gif:
        assert gif.size == (160, 120)


def test_closing_the_film_ends_a_held_check(strobe_studio, qtbot):
    """A check waiting while the child draws does not linger after the film is closed."""
    import threading

    def checking():
        return any(t.name == "kadr-flash-check" for t in threading.enumerate())

    watch = strobe_studio.flash_watch
    watch.hold("drawing", True)  # pauses checks ...
    watch._holds.clear()  # ... and (only here) still lets one start, so it waits at once
    watch.check_now()
    qtbot.wait(300)
    assert checking() and watch.current() is None
    watch.close()
    qtbot.waitUntil(lambda: not checking(), timeout=5000)
    assert watch.current() is None

"""A lesson in the studio: chosen from the gallery, shown beside the canvas, noticing play."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kadr.core.library import Library
from kadr.settings import Settings
from kadr.ui import canvas_words, theme
from kadr.ui.main_window import MainWindow


def test_lesson_opens_beside_the_canvas_and_notices_play(qtbot, qapp, tmp_path):
    """Lessons → a lesson → a new film with the lesson panel; playing is noticed."""
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    window = MainWindow(Settings(language="en"), Library(tmp_path / "library"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    QTest.mouseClick(window.gallery.buttons["lessons"], Qt.MouseButton.LeftButton)
    screen = window.lessons_screen
    assert screen is not None and window.stack.currentWidget() is screen
    assert screen.picker.list.count() >= 12 and not screen.problems
    screen.picker.list.setCurrentRow(0)
    QTest.mouseClick(screen.picker.start_button, Qt.MouseButton.LeftButton)
    studio = window.studio
    assert studio is not None
    panel = studio.lesson_panel
    qtbot.waitUntil(panel.isVisible)
    assert panel.title.text() == screen.lessons[0].title()
    assert panel.instruction.text()
    assert len(window.library.projects()) == 1  # the lesson's film is in the library
    assert studio.canvas.overlays  # guides are drawn over the canvas, never exported
    assert studio.watch_example.accessibleName() == "Watch how"
    step = panel.run.step_number
    studio.player.play()  # the studio tells the lesson that the film was played
    studio.player.stop()
    assert ("played", {}) in panel.run.events and panel.run.step_number == step
    assert studio.project.settings.onion.enabled  # on by default in a lesson: one before
    assert studio.level == "simple"  # lessons start in the Simple level
    studio.toggle_onion()
    studio.toggle_onion()
    assert any(e[0] == "onion_on" for e in panel.run.events)
    window.close()


def test_watch_how_plays_the_example_film(qtbot, qapp, tmp_path):
    """'Watch how' plays the lesson's finished film, which can be stopped and closed."""
    from kadr.lessons import load_lessons
    from kadr.ui.example_dialog import ExampleDialog

    lesson = load_lessons()[0][0]
    dialog = ExampleDialog(lesson.example_project(), lesson.title())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.player.is_playing() and dialog.play.accessibleName() == "Stop"
    qtbot.waitUntil(lambda: len(set(dialog.player.shown)) >= 2, timeout=5000)
    assert not dialog.view.pixmap().isNull()
    QTest.mouseClick(dialog.play, Qt.MouseButton.LeftButton)
    assert not dialog.player.is_playing() and dialog.play.accessibleName() == "Play"
    dialog.accept()

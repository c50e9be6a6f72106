"""A whole session with the keyboard alone: no mouse event from start to end."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.core.library import Library
from kadr.core.render import Renderer
from kadr.settings import Settings
from kadr.ui import canvas_words, theme
from kadr.ui.main_window import MainWindow


class MouseWatch(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                            QEvent.Type.MouseMove):
            self.count += 1
        return False


def keys(*names, modifier=Qt.KeyboardModifier.NoModifier):
    for name in names:
        target = QApplication.focusWidget()
        assert target is not None, "keyboard focus was lost"
        QTest.keyClick(target, name, modifier)


def test_keyboard_only_session(qtbot, qapp, tmp_path):
    """Create a film, draw and fill with the keyboard pen, add a picture, onion, play, stop, undo."""
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    watch = MouseWatch()
    window = MainWindow(Settings(language="en"), Library(tmp_path / "library"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.wait(50)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qapp.installEventFilter(watch)
    try:
        keys(Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.gallery.dialog is not None)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.gallery.dialog.edit)
        QTest.keyClicks(QApplication.focusWidget(), "Keys only")
        keys(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.studio is not None)
        studio = window.studio
        qtbot.waitUntil(studio.canvas.hasFocus)
        project = studio.project
        assert project.title == "Keys only"

        keys(Qt.Key.Key_K)  # draw with keys: the canvas gets focus
        assert studio.canvas.hasFocus() and studio.canvas.keyboard_pen
        keys(Qt.Key.Key_R)  # rectangle tool
        keys(Qt.Key.Key_Return)
        for _ in range(6):
            keys(Qt.Key.Key_Right, Qt.Key.Key_Down, modifier=Qt.KeyboardModifier.ShiftModifier)
        keys(Qt.Key.Key_Return)
        keys(Qt.Key.Key_F)  # fill inside it
        for _ in range(3):
            keys(Qt.Key.Key_Left, Qt.Key.Key_Up, modifier=Qt.KeyboardModifier.ShiftModifier)
        keys(Qt.Key.Key_Return)
        x, y = int(studio.canvas.pen_pos.x()), int(studio.canvas.pen_pos.y())
        assert Renderer(project).compose(0).pixelColor(x, y).name() == "#000000"  # filled black
        keys(Qt.Key.Key_B, Qt.Key.Key_Space)  # brush: pen down
        for _ in range(5):
            keys(Qt.Key.Key_Right, modifier=Qt.KeyboardModifier.ShiftModifier)
        keys(Qt.Key.Key_Space)  # pen up: one stroke
        assert project.undo_stack.count() == 3

        keys(Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
        assert len(project.frames) == 2
        keys(Qt.Key.Key_O)
        assert project.settings.onion.enabled
        keys(Qt.Key.Key_K)  # draw with keys off: Space plays
        keys(Qt.Key.Key_Space)
        # a black square and a blank page at 8 a second flash: the warning comes before
        # the first play, with "Play slower" ready: Space presses it
        assert studio.flash_bar.isVisible() and studio.flash_slower.hasFocus()
        keys(Qt.Key.Key_Space)
        assert studio.player.is_playing()
        qtbot.waitUntil(lambda: len(studio.player.shown) >= 3, timeout=3000)
        keys(Qt.Key.Key_Space)
        assert not studio.player.is_playing()
        keys(Qt.Key.Key_Z, modifier=Qt.KeyboardModifier.ControlModifier)
        assert len(project.frames) == 1
        assert watch.count == 0
    finally:
        qapp.removeEventFilter(watch)
        window.close()

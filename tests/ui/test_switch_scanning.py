"""One-switch scanning: focus moves by itself, the switch presses, and the paper has a pen
menu so a switch user can draw."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kadr.core.render import Renderer
from kadr.ui.scanning import Scanner


def test_scanning_moves_focus_and_the_switch_presses(qtbot):
    """Every half second the next button is highlighted; Space presses the highlighted one."""
    w = QWidget()
    layout = QVBoxLayout(w)
    pressed = []
    buttons = []
    for name in ("One", "Two", "Three"):
        b = QPushButton(name, w)
        b.setAccessibleName(name)
        b.clicked.connect(lambda _c=False, n=name: pressed.append(n))
        layout.addWidget(b)
        buttons.append(b)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    buttons[0].setFocus()
    scanner = Scanner(w, seconds=0.5)
    said = []
    scanner.said.connect(said.append)
    scanner.start()
    try:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is buttons[1], timeout=3000)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert pressed == ["Two"] and "Two" in said
    finally:
        scanner.stop()


def test_pen_menu_draws_a_line(studio, qtbot):
    """On the paper the switch opens the pen menu: pen down, move right, stop, done."""
    scanner = Scanner(studio, seconds=5)
    scanner.start()
    try:
        c = studio.canvas
        studio.tools.stabiliser = 0
        c.setFocus()
        scanner.press()  # open the pen menu on the paper
        assert scanner.canvas is c and c.keyboard_pen
        start = (c.pen_pos.x(), c.pen_pos.y())
        for _ in range(4):  # up, right, down, left, [pen]
            scanner.advance()
        scanner.press()  # pen down
        assert c.pen_down
        scanner.menu_index = 0
        scanner.advance()  # "Move right"
        scanner.press()
        qtbot.waitUntil(lambda: c.pen_pos.x() >= start[0] + 100, timeout=5000)
        scanner.press()  # stop moving
        for _ in range(4):  # down, left, pen, done
            scanner.advance()
        scanner.press()  # done: the pen is lifted and the stroke kept
        assert scanner.canvas is None and not c.pen_down
        image = Renderer(studio.project).compose(studio.canvas.index)
        assert image.pixelColor(int(start[0]) + 50, int(start[1])).name() == "#000000"
    finally:
        scanner.stop()


def test_a_switch_opens_a_choice_group_and_chooses_in_it(studio, qtbot):
    """Tools, sizes and colours are one stop each: the switch opens the group, scanning
    goes through its buttons, the next press chooses one (here: not the chosen colour)."""
    colours = studio.tools_panel.colours
    black = colours.buttons["#000000"]
    assert black.isChecked()
    black.setFocus()
    scanner = Scanner(studio, seconds=0.5)
    said = []
    scanner.said.connect(said.append)
    scanner.timer.stop()  # the test steps the scan itself
    scanner.press()  # opens the colours
    assert scanner.group is not None and said[-1].startswith("Choose one")
    scanner.advance()
    scanner.advance()
    target = QApplication.focusWidget()
    assert target in colours.buttons.values() and target is not black
    scanner.press()
    assert target.isChecked() and studio.tools.color != "#000000"
    assert scanner.group is None

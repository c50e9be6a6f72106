"""Switch scanning outside the studio: any window is its controls in Tab order, in groups
of a few when there are many; one switch presses a button after the box comes to it."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from switch_helpers import Child, FakeClock

from kadr.ui.scan_groups import MOST
from kadr.ui.scanning import Scanner


def window_of(qtbot, names):
    w = QWidget()
    layout = QVBoxLayout(w)
    pressed = []
    for name in names:
        b = QPushButton(name, w)
        b.setAccessibleName(name)
        b.clicked.connect(lambda _c=False, n=name: pressed.append(n))
        layout.addWidget(b)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    return w, pressed


def test_a_few_buttons_are_scanned_one_by_one(qtbot):
    """The box comes to the next button every scan time; Space presses it."""
    w, pressed = window_of(qtbot, ["One", "Two", "Three"])
    clock = FakeClock()
    scanner = Scanner(w, seconds=0.5, clock=clock)
    said = []
    scanner.said.connect(said.append)
    scanner.start()
    try:
        assert [i.name for i in scanner.levels[0].items] == ["One", "Two", "Three"]
        clock.advance(0.5)
        assert scanner.current().name == "Two" and said[-1] == "Two"
        assert w.focusWidget().accessibleName() == "Two"  # screen readers follow the box
        QTest.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Space)
        assert pressed == ["Two"]
    finally:
        scanner.stop()


def test_many_buttons_come_in_groups(qtbot):
    """Fifteen buttons: three groups of five; a press goes in, a press chooses, and the
    button is reached in far fewer moves than going through all."""
    names = [f"B{i}" for i in range(1, 16)]
    w, pressed = window_of(qtbot, names)
    clock = FakeClock()
    scanner = Scanner(w, seconds=1.0, clock=clock)
    scanner.start()
    try:
        top = [i.name for i in scanner.levels[0].items]
        assert top == ["B1 to B5", "B6 to B10", "B11 to B15"] and len(top) <= MOST
        child = Child(scanner, clock, 1)
        child.use("B11 to B15", "B14")
        assert pressed == ["B14"] and child.steps == 2 + 3
    finally:
        scanner.stop()

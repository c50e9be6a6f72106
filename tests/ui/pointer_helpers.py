"""A child with a pointer who cannot drag (click-move-click) or cannot press (dwell).

``Hand`` only moves the mouse and presses its button, with real QTest events; a dwelling
hand never presses: it rests the pointer and lets the test's clock run (switch_helpers.
FakeClock), so no test waits for real seconds."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kadr.ui import dwell as dwell_module

LEFT = Qt.MouseButton.LeftButton
STEP = 6  # px between two mouse moves while drawing


def paper_point(canvas, x: float, y: float) -> QPoint:
    """Where paper pixel (x, y) is on the canvas widget."""
    return canvas.transform().map(QPointF(x, y)).toPoint()


class Hand:
    """``mode`` "click": real clicks, no drags. "dwell": moves and rests only."""

    def __init__(self, mode: str, dwell=None, clock=None) -> None:
        self.mode, self.dwell, self.clock = mode, dwell, clock
        self.clicks = 0  # clicks made (pressed, or by resting)

    def move(self, widget: QWidget, pos: QPoint) -> None:
        """The pointer moves over ``widget`` to ``pos``, told to the window it is in (as
        the system does; QTest's move by widget sets the cursor, which the offscreen
        platform gives to the main window even under an open dialog)."""
        window = widget.window()
        QTest.mouseMove(window.windowHandle(), widget.mapTo(window, pos))
        QApplication.processEvents()

    def rest(self, widget: QWidget, pos: QPoint) -> None:
        """Rest the pointer at ``pos`` until the dwell clicks (moving away first when it
        clicked right here last time: it never clicks twice without a move)."""
        fired = self.dwell.fired_at
        here = widget.mapToGlobal(pos)
        if fired is not None and (here - fired).manhattanLength() <= 3 * dwell_module.STILL_PX:
            self.move(widget, pos + QPoint(0, 4 * dwell_module.STILL_PX))
        self.move(widget, pos)
        self.clock.advance(self.dwell.seconds + 2 * dwell_module.TICK)
        QApplication.processEvents()  # the click itself (it may open a window and wait)

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        pos = widget.rect().center() if pos is None else pos
        self.clicks += 1
        if self.mode == "click":
            QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, pos)
            QApplication.processEvents()
        else:
            self.rest(widget, pos)

    def click_item(self, view, row: int) -> None:
        """Click an entry of a list (its middle)."""
        item = view.item(row)
        view.scrollToItem(item)
        self.click(view.viewport(), view.visualItemRect(item).center())

    def draw(self, canvas, points) -> None:
        """One stroke through ``points`` (paper pixels): click (or rest) at the first,
        move through the others, click (or rest) at the last. No button is held."""
        first, *rest = [paper_point(canvas, x, y) for x, y in points]
        self.click(canvas, first)
        assert canvas._clicked_on, "the first click did not put the pen down"
        here = first
        for p in rest:  # as a real pointer goes: a move every few pixels
            steps = max(1, round(max(abs(p.x() - here.x()), abs(p.y() - here.y())) / STEP))
            for i in range(1, steps + 1):
                self.move(canvas, here + (p - here) * (i / steps))
            here = p
        self.click(canvas, rest[-1] if rest else first)
        assert not canvas._clicked_on

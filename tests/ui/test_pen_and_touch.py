"""Pen tablets (with pressure) and touch screens draw like the mouse does."""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEventPoint, QPointingDevice, QTabletEvent, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.core.render import Renderer


def tablet_event(canvas, kind, x, y, pressure):
    pos = canvas.transform().map(QPointF(x, y))
    device = QPointingDevice.primaryPointingDevice()
    buttons = Qt.MouseButton.LeftButton if kind != QTabletEvent.Type.TabletRelease else \
        Qt.MouseButton.NoButton
    return QTabletEvent(kind, device, pos, canvas.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0,
                        0.0, 0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                        buttons)


def ink_rows(studio, x):
    image = Renderer(studio.project).compose(studio.canvas.index)
    return sum(1 for y in range(image.height()) if image.pixelColor(x, y).name() == "#000000")


def test_tablet_pressure_draws_thin_and_thick(studio):
    """A light pen press draws a thinner line than a firm one."""
    c = studio.canvas
    studio.tools.stabiliser = 0
    studio.tools_panel.set_size(48)
    studio.go_to(1)
    for y, pressure in ((100, 0.1), (300, 1.0)):
        QApplication.sendEvent(c, tablet_event(c, QTabletEvent.Type.TabletPress, 100, y, pressure))
        for x in range(110, 400, 10):
            QApplication.sendEvent(c, tablet_event(c, QTabletEvent.Type.TabletMove, x, y, pressure))
        QApplication.sendEvent(c, tablet_event(c, QTabletEvent.Type.TabletRelease, 400, y, pressure))
    image = Renderer(studio.project).compose(1)
    thin = sum(1 for y in range(60, 140) if image.pixelColor(250, y).name() == "#000000")
    thick = sum(1 for y in range(260, 340) if image.pixelColor(250, y).name() == "#000000")
    assert 0 < thin < thick / 2
    assert studio.project.undo_stack.count() == 2


def touch(canvas, kind, state, x, y):
    pos = canvas.transform().map(QPointF(x, y))
    scene = QPointF(canvas.mapTo(canvas.window(), pos.toPoint()))
    point = QEventPoint(0, state, scene, QPointF(canvas.mapToGlobal(pos.toPoint())))
    event = QTouchEvent(kind, QTest.createTouchDevice(), Qt.KeyboardModifier.NoModifier, [point])
    QApplication.sendEvent(canvas, event)


def test_touch_draws_a_line(studio):
    """A finger drag on the canvas draws, like the mouse."""
    c = studio.canvas
    studio.tools.stabiliser = 0
    studio.go_to(1)
    touch(c, QEvent.Type.TouchBegin, QEventPoint.State.Pressed, 100, 400)
    for x in range(120, 420, 20):
        touch(c, QEvent.Type.TouchUpdate, QEventPoint.State.Updated, x, 400)
    touch(c, QEvent.Type.TouchEnd, QEventPoint.State.Released, 420, 400)
    image = Renderer(studio.project).compose(1)
    assert image.pixelColor(260, 400).name() == "#000000"
    assert studio.project.undo_stack.count() == 1

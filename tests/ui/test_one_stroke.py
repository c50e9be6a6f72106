"""One stroke session at a time: any new input, undo, redo, clear, page turn or close first
keeps the stroke in progress, so no stroke is lost, hidden, or brought back by another.
Real input events through QTest on the real studio."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kadr.core.paint import PenEvent
from kadr.core.project import blank_project
from kadr.core.render import Renderer
from kadr.core.store import ProjectStore, load
from kadr.core.tools import ToolSession, ToolState, stroke_in_progress

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def at(canvas, x, y):
    return canvas.transform().map(QPointF(x, y)).toPoint()


def ink(project, x, y, index=0):
    return Renderer(project).compose(index).pixelColor(x, y).name() != "#ffffff"


def mouse_stroke(canvas, y, x0=60, x1=260):
    QTest.mousePress(canvas, LEFT, NONE, at(canvas, x0, y))
    QTest.mouseMove(canvas, at(canvas, (x0 + x1) // 2, y))
    QTest.mouseMove(canvas, at(canvas, x1, y))
    QTest.mouseRelease(canvas, LEFT, NONE, at(canvas, x1, y))


def keyboard_pen_down(studio, steps=8):
    """Draw with keys: the pen goes down and moves right, and stays down."""
    canvas = studio.canvas
    if not canvas.keyboard_pen:
        QTest.keyClick(studio, Qt.Key.Key_K)
    canvas.setFocus()
    start = QPointF(canvas.pen_pos)
    QTest.keyClick(canvas, Qt.Key.Key_Space)
    for _ in range(steps):
        QTest.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.pen_down and canvas.session is not None
    return int(start.x()), int(start.y())


def blank_studio(studio):
    """The studio fixture's film has dots; the checks here want empty pictures."""
    for index in range(len(studio.project.frames)):
        studio.project.frames[index].pictures["drawing"].tiles.clear()
        studio.project.cache.clear()
    studio.project.undo_stack.clear()
    studio.canvas.update()
    return studio


def test_a_mouse_click_keeps_the_keyboard_stroke_first(studio, tmp_path):
    """With the keyboard pen down, one mouse click replaced the drawing session: the
    keyboard stroke stayed on screen but was never saved. Now it is kept first."""
    s = blank_studio(studio)
    path = tmp_path / "film.kadr"
    store = ProjectStore.attach(s.project, path, create=True)
    try:
        x, y = keyboard_pen_down(s)
        QTest.mouseClick(s.canvas, LEFT, NONE, at(s.canvas, 500, 400))
        assert not s.canvas.pen_down  # the keyboard pen was lifted
        assert s.project.undo_stack.count() == 2  # the keyboard stroke, then the dot
        s.project.settle()
        assert store.flush(5)
    finally:
        store.close()
    again = load(path)
    assert ink(again, x + 40, y) and ink(again, 500, 400)


def test_ctrl_z_during_a_mouse_stroke_takes_back_that_stroke(studio):
    """Ctrl+Z while the mouse was still down hid the previous stroke, which then came back
    inside the next undo step, and redo was lost. Now the stroke in progress is kept
    first and is what Ctrl+Z takes back; redo brings it again."""
    s = blank_studio(studio)
    c = s.canvas
    s.tools.stabiliser = 0
    mouse_stroke(c, 100)  # the first stroke, finished
    QTest.mousePress(c, LEFT, NONE, at(c, 60, 300))
    QTest.mouseMove(c, at(c, 160, 300))
    QTest.mouseMove(c, at(c, 260, 300))
    QTest.keyClick(c, Qt.Key.Key_Z, CTRL)  # mouse still down
    QTest.mouseMove(c, at(c, 300, 300))
    QTest.mouseRelease(c, LEFT, NONE, at(c, 300, 300))
    stack = s.project.undo_stack
    assert stack.count() == 2 and stack.index() == 1
    assert ink(s.project, 160, 100) and not ink(s.project, 160, 300)
    QTest.keyClick(c, Qt.Key.Key_Y, CTRL)  # redo is not lost
    assert ink(s.project, 160, 100) and ink(s.project, 160, 300)
    QTest.keyClick(c, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(c, Qt.Key.Key_Z, CTRL)
    assert not ink(s.project, 160, 100) and not ink(s.project, 160, 300)


def test_ctrl_z_during_a_keyboard_stroke_takes_back_that_stroke(studio):
    s = blank_studio(studio)
    c = s.canvas
    mouse_stroke(c, 100)
    x, y = keyboard_pen_down(s)
    QTest.keyClick(c, Qt.Key.Key_Z, CTRL)
    assert not c.pen_down and stroke_in_progress(s.project) is None
    assert s.project.undo_stack.index() == 1  # the keyboard stroke was kept, then undone
    assert ink(s.project, 160, 100) and not ink(s.project, x + 40, y)
    QTest.keyClick(c, Qt.Key.Key_Y, CTRL)
    assert ink(s.project, x + 40, y)


def test_the_undo_button_during_a_keyboard_stroke_takes_back_that_stroke(studio):
    s = blank_studio(studio)
    mouse_stroke(s.canvas, 100)
    x, y = keyboard_pen_down(s)
    QTest.mouseClick(s.top_buttons["undo"], LEFT)
    assert ink(s.project, 160, 100) and not ink(s.project, x + 40, y)
    assert "Brush stroke" in s.caption.text()
    QTest.mouseClick(s.top_buttons["redo"], LEFT)
    assert ink(s.project, x + 40, y)


def test_clear_during_a_stroke_keeps_it_first(studio):
    """Clear while the keyboard pen is down: the stroke is kept, then cleared with the
    rest; Undo brings the stroke back, one more Undo takes it away."""
    s = blank_studio(studio)
    x, y = keyboard_pen_down(s)
    QTest.mouseClick(s.tools_panel.clear_button, LEFT)
    assert not ink(s.project, x + 40, y)
    s.undo()
    assert ink(s.project, x + 40, y)
    s.undo()
    assert not ink(s.project, x + 40, y)


def test_a_page_turn_keeps_the_stroke_on_its_own_page(studio):
    s = blank_studio(studio)
    c = s.canvas
    c.keyboard_pen = False
    c.setFocus()
    QTest.mousePress(c, LEFT, NONE, at(c, 60, 300))
    QTest.mouseMove(c, at(c, 260, 300))
    QTest.keyClick(c, Qt.Key.Key_Right)  # the next picture, mouse still down
    QTest.mouseMove(c, at(c, 400, 300))
    QTest.mouseRelease(c, LEFT, NONE, at(c, 400, 300))
    assert c.index == 1
    assert ink(s.project, 160, 300, index=0) and not ink(s.project, 160, 300, index=1)
    assert not ink(s.project, 330, 300, index=0) and not ink(s.project, 330, 300, index=1)


def test_a_mouse_release_does_not_end_the_keyboard_pens_stroke(studio):
    """Each device ends only its own stroke: a stray mouse release leaves the pen down."""
    s = blank_studio(studio)
    keyboard_pen_down(s)
    QTest.mouseRelease(s.canvas, LEFT, NONE, at(s.canvas, 500, 400))
    assert s.canvas.pen_down and stroke_in_progress(s.project) is s.canvas.session


def test_undo_under_a_stroke_never_brings_back_what_it_took(qapp):
    """Without any widget: the picture is undone under a stroke being drawn (a path that
    did not finish it first). The stroke is drawn again on the picture as it is now, so
    the undone stroke stays undone and redo is the only way back."""
    project = blank_project(320, 240)
    first = ToolSession(project, 0, ToolState(stabiliser=0))
    first.press(PenEvent(20, 50))
    first.move(PenEvent(200, 50))
    first.release(PenEvent(200, 50))
    second = ToolSession(project, 0, ToolState(stabiliser=0))
    second.press(PenEvent(20, 150))
    second.move(PenEvent(120, 150))
    project.undo_stack.undo()  # under the stroke
    second.move(PenEvent(200, 150))
    second.release(PenEvent(200, 150))
    assert not ink(project, 100, 50) and ink(project, 100, 150)
    project.undo_stack.undo()
    assert not ink(project, 100, 50) and not ink(project, 100, 150)


def test_a_new_session_keeps_the_one_in_progress(qapp):
    """Two inputs at once on one film: the second session keeps the first one's stroke."""
    project = blank_project(320, 240)
    keys = ToolSession(project, 0, ToolState(stabiliser=0))
    keys.press(PenEvent(20, 50))
    keys.move(PenEvent(200, 50))
    mouse = ToolSession(project, 0, ToolState(stabiliser=0))
    assert keys.ended and stroke_in_progress(project) is mouse
    mouse.press(PenEvent(20, 150))
    mouse.release(PenEvent(200, 150))
    assert project.undo_stack.count() == 2
    assert ink(project, 100, 50) and ink(project, 100, 150)

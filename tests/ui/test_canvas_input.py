"""Real input events through QTest reach the tools: mouse drags, keyboard pen, zoom."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from kadr.core.render import Renderer


def widget_point(canvas, x, y):
    return canvas.transform().map(QPointF(x, y)).toPoint()


def drag(canvas, points):
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(canvas, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(canvas, widget_point(canvas, *p))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget_point(canvas, *points[-1]))


def colour_at(studio, x, y, index=None):
    index = studio.canvas.index if index is None else index
    return Renderer(studio.project).compose(index).pixelColor(x, y).name()


def test_mouse_drag_draws_where_expected(studio):
    """A mouse drag across the canvas paints a line at those canvas coordinates."""
    studio.tools_panel.set_color("#e6194b")
    studio.tools.stabiliser = 0
    drag(studio.canvas, [(100, 350), (300, 350), (500, 350)])
    assert colour_at(studio, 300, 350) == "#e6194b"
    assert colour_at(studio, 300, 420) == "#ffffff"
    assert studio.project.undo_stack.count() == 1


def test_every_tool_by_mouse(studio):
    """Each tool chosen by its button does its job under a real drag or click."""
    c = studio.canvas
    studio.tools.stabiliser = 0
    QTest.mouseClick(studio.tools_panel.tool_buttons["ellipse"], Qt.MouseButton.LeftButton)
    drag(c, [(100, 100), (300, 300)])
    QTest.mouseClick(studio.tools_panel.tool_buttons["fill"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(studio.tools_panel.color_buttons["#3cb44b"], Qt.MouseButton.LeftButton)
    drag(c, [(200, 200)])
    assert colour_at(studio, 200, 200) == "#3cb44b"
    QTest.mouseClick(studio.tools_panel.tool_buttons["line"], Qt.MouseButton.LeftButton)
    drag(c, [(400, 50), (600, 50)])
    QTest.mouseClick(studio.tools_panel.tool_buttons["rectangle"], Qt.MouseButton.LeftButton)
    drag(c, [(400, 300), (600, 400)])
    assert colour_at(studio, 500, 50) == "#3cb44b"
    assert colour_at(studio, 400, 350) == "#3cb44b"
    QTest.mouseClick(studio.tools_panel.tool_buttons["eraser"], Qt.MouseButton.LeftButton)
    studio.tools_panel.set_size(48)
    drag(c, [(450, 50), (550, 50)])
    assert colour_at(studio, 500, 50) == "#ffffff"
    QTest.mouseClick(studio.tools_panel.tool_buttons["picker"], Qt.MouseButton.LeftButton)
    drag(c, [(102, 200)])  # on the black? no: the ellipse outline is green now
    assert studio.tools.tool == "brush"  # picking goes back to the brush
    assert studio.project.undo_stack.count() == 5


def test_undo_redo_buttons(studio):
    """Undo and Redo buttons take back and bring back a stroke, and say so."""
    drag(studio.canvas, [(100, 100), (200, 100)])
    QTest.mouseClick(studio.top_buttons["undo"], Qt.MouseButton.LeftButton)
    assert colour_at(studio, 150, 100) == "#ffffff"
    assert "Undone: Brush stroke" in studio.caption.text()
    QTest.mouseClick(studio.top_buttons["redo"], Qt.MouseButton.LeftButton)
    assert colour_at(studio, 150, 100) == "#000000"


def test_keyboard_pen_draws_a_stroke(studio, qtbot):
    """Arrow keys move the pen, Space puts it down and lifts it: a line with no mouse."""
    c = studio.canvas
    QTest.keyClick(studio, Qt.Key.Key_K)  # "Draw with keys"
    assert c.keyboard_pen and c.hasFocus()
    start = (c.pen_pos.x(), c.pen_pos.y())
    QTest.keyClick(c, Qt.Key.Key_Space)
    for _ in range(10):
        QTest.keyClick(c, Qt.Key.Key_Right)
    QTest.keyClick(c, Qt.Key.Key_Space)
    y = int(start[1])
    assert colour_at(studio, int(start[0]) + 50, y) == "#000000"
    assert c.pen_pos.x() == start[0] + 100
    assert studio.project.undo_stack.count() == 1


def test_keyboard_pen_shift_moves_in_big_steps(studio):
    """Shift+arrow moves the pen five steps at once."""
    c = studio.canvas
    c.keyboard_pen = True
    c.setFocus()
    x = c.pen_pos.x()
    QTest.keyClick(c, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert c.pen_pos.x() == x - 5 * c.pen_step


def test_keyboard_pen_shapes_and_fill(studio):
    """Enter chooses two points for a rectangle, then Enter inside fills it."""
    c = studio.canvas
    c.keyboard_pen = True
    c.setFocus()
    c.pen_pos = QPointF(100, 100)
    studio.tools_panel.set_tool("rectangle")
    QTest.keyClick(c, Qt.Key.Key_Return)
    for _ in range(10):
        QTest.keyClick(c, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(c, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(c, Qt.Key.Key_Return)
    assert colour_at(studio, 100, 300) == "#000000"
    studio.tools_panel.set_tool("fill")
    studio.tools_panel.set_color("#f58231")
    for _ in range(5):
        QTest.keyClick(c, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(c, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(c, Qt.Key.Key_Return)
    assert colour_at(studio, 300, 300) == "#f58231"
    assert colour_at(studio, 620, 460) == "#ffffff"


def test_zoom_buttons_and_keys(studio):
    """Zoom in/out/fit work from buttons and keys, not only the wheel."""
    c = studio.canvas
    fit = c.scale()
    QTest.mouseClick(studio.top_buttons["zoom_in"], Qt.MouseButton.LeftButton)
    assert c.scale() > fit
    QTest.keyClick(studio, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(studio, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert c.scale() < fit
    QTest.keyClick(studio, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert c.scale() == fit
    c.set_zoom(2.0)
    c.setFocus()
    QTest.keyClick(c, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert c.pan.x() != 0
    assert isinstance(widget_point(c, 0, 0), QPoint)


def test_a_zoomed_in_paper_moves_without_a_chord_and_follows_the_keyboard_pen(studio):
    """Zoomed in: arrow keys alone move the view (no Ctrl+arrow chord needed), and with
    Draw with keys on the view follows the pen, so it never walks out of sight."""
    c = studio.canvas
    c.setFocus()
    c.set_zoom(4.0)
    before = c.transform().map(QPointF(0, 0))
    QTest.keyClick(c, Qt.Key.Key_Right)
    moved = c.transform().map(QPointF(0, 0))
    assert moved.x() < before.x() and moved.y() == before.y()
    c.set_zoom(None)  # the whole paper: arrows alone leave it where it is
    whole = c.transform().map(QPointF(0, 0))
    QTest.keyClick(c, Qt.Key.Key_Right)
    assert c.transform().map(QPointF(0, 0)) == whole
    c.set_zoom(4.0)
    c.keyboard_pen = True
    for _ in range(60):  # far to the right, in big steps
        QTest.keyClick(c, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    at = c.transform().map(c.pen_pos)
    assert 0 <= at.x() <= c.width() and 0 <= at.y() <= c.height()

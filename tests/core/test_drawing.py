"""Drawing tools through the core: brush, eraser, shapes, fill, picker, clear, stabiliser."""

from PySide6.QtGui import QColor

from helpers import shape, stroke
from kadr.core.paint import PenEvent, Stroke
from kadr.core.picture import new_image
from kadr.core.project import blank_project
from kadr.core.render import Renderer
from kadr.core.tools import ToolSession, ToolState, clear_picture


def pixel(project, x, y, index=0):
    return Renderer(project).compose(index).pixelColor(x, y).name()


def test_brush_paints_along_the_stroke(qapp):
    """A brush stroke leaves its colour on the path and nothing beside it."""
    p = blank_project(640, 480)
    stroke(p, 0, [(100, 100), (200, 100), (300, 100)], color="#e6194b", size=10)
    assert pixel(p, 200, 100) == "#e6194b"
    assert pixel(p, 200, 130) == "#ffffff"


def test_eraser_removes_ink(qapp):
    """The eraser makes drawn pixels transparent again (paper shows)."""
    p = blank_project(640, 480)
    stroke(p, 0, [(100, 100), (300, 100)], size=20)
    stroke(p, 0, [(150, 100), (250, 100)], tool="eraser", size=40)
    assert pixel(p, 200, 100) == "#ffffff"
    assert pixel(p, 110, 100) == "#000000"


def test_shapes_draw_outlines(qapp):
    """Line, rectangle and ellipse draw their outline between two points."""
    p = blank_project(640, 480)
    shape(p, 0, "line", (10, 10), (110, 10))
    shape(p, 0, "rectangle", (200, 200), (300, 300))
    shape(p, 0, "ellipse", (400, 100), (500, 200))
    assert pixel(p, 60, 10) == "#000000"
    assert pixel(p, 200, 250) == "#000000"  # left edge of the box
    assert pixel(p, 250, 250) == "#ffffff"  # inside stays empty
    assert pixel(p, 450, 100) == "#000000"  # top of the ellipse
    assert pixel(p, 450, 150) == "#ffffff"


def test_fill_fills_a_closed_shape_only(qapp):
    """The fill bucket fills inside a closed outline and not outside it."""
    p = blank_project(640, 480)
    shape(p, 0, "ellipse", (100, 100), (300, 300))
    stroke(p, 0, [(200, 200)], tool="fill", color="#3cb44b")
    assert pixel(p, 200, 200) == "#3cb44b"
    assert pixel(p, 50, 50) == "#ffffff"
    assert pixel(p, 100, 200) == "#000000"  # the line stays on top


def test_fill_holds_through_a_small_gap(qapp):
    """A fill stays inside an outline with a 4 px gap (children's shapes rarely close)."""
    p = blank_project(640, 480)
    stroke(p, 0, [(100, 100), (300, 100), (300, 300), (100, 300), (100, 104)], size=4)
    stroke(p, 0, [(200, 200)], tool="fill", color="#4363d8")
    assert pixel(p, 200, 200) == "#4363d8"
    assert pixel(p, 50, 200) == "#ffffff"
    assert pixel(p, 400, 400) == "#ffffff"


def test_fill_on_empty_paper_fills_everything(qapp):
    """With no outline the fill covers the whole picture, as a paint bucket does."""
    p = blank_project(320, 240)
    stroke(p, 0, [(10, 10)], tool="fill", color="#ffe119")
    assert pixel(p, 300, 200) == "#ffe119"


def test_picker_takes_the_colour_under_the_pen(qapp):
    """The colour picker reads the colour the child sees at that point."""
    p = blank_project(320, 240)
    stroke(p, 0, [(50, 50), (100, 50)], color="#911eb4", size=20)
    session = ToolSession(p, 0, ToolState(tool="picker"))
    session.press(PenEvent(75, 50))
    session.release(PenEvent(75, 50))
    assert session.picked == "#911eb4"
    assert p.undo_stack.count() == 1  # picking changed nothing


def test_clear_picture_is_undoable(qapp):
    """Clear rubs out the whole picture, and undo brings it back."""
    p = blank_project(320, 240)
    stroke(p, 0, [(50, 50), (100, 50)], size=10)
    assert clear_picture(p, 0)
    assert p.frames[0].pictures["drawing"].is_empty()
    p.undo_stack.undo()
    assert pixel(p, 75, 50) == "#000000"


def test_stabiliser_smooths_a_shaky_line(qapp):
    """With the stabiliser on, a zig-zag pen path leaves a line closer to its middle."""
    def spread(stabiliser):
        image = new_image(400, 200)
        s = Stroke(image, QColor("black"), 2, stabiliser=stabiliser)
        s.press(PenEvent(10, 100))
        for i in range(1, 60):
            s.move(PenEvent(10 + i * 6, 100 + (12 if i % 2 else -12)))
        s.release(PenEvent(370, 100))
        rows = [y for y in range(200) if any(image.pixelColor(x, y).alpha() for x in range(0, 400, 3))]
        return max(rows) - min(rows)

    assert spread(8) < spread(0) / 2


def test_pressure_changes_line_width(qapp):
    """A light pen pressure draws a thinner line than a firm one."""
    def width(pressure):
        image = new_image(200, 100)
        s = Stroke(image, QColor("black"), 40, stabiliser=0)
        s.press(PenEvent(20, 50, pressure))
        s.move(PenEvent(180, 50, pressure))
        s.release(PenEvent(180, 50, pressure))
        return sum(1 for y in range(100) if image.pixelColor(100, y).alpha() > 128)

    assert width(0.1) < width(1.0) / 2

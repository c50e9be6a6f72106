"""Click-move-click (for tremor and head pointers): a click starts a stroke, moving draws,
the next click ends it; no button is ever held. Short strokes can be ignored; a shaky
press on a control is a click, never a drag. Real QTest mouse events on the real studio."""

from __future__ import annotations

import numpy as np
from pointer_helpers import Hand, paper_point
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.core.render import Renderer
from kadr.settings import Settings, load_settings, save_settings

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def pixels(studio, index=None):
    image = Renderer(studio.project).compose(studio.canvas.index if index is None else index)
    return np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).copy()


def ink(studio, x, y):
    return Renderer(studio.project).compose(studio.canvas.index).pixelColor(x, y).name()


def clicking(studio, **options):
    studio.canvas.use_settings(Settings(click_move_click=True, **options))
    studio.tools.stabiliser = 0  # the ink lies exactly on the path the test checks
    return Hand("click")


def test_a_click_starts_moving_draws_the_next_click_ends_one_undoable_stroke(studio):
    hand = clicking(studio)
    c, stack = studio.canvas, studio.project.undo_stack
    before, steps = pixels(studio), stack.count()
    hand.click(c, paper_point(c, 100, 350))
    assert c._clicked_on and c.session is not None
    assert QApplication.mouseButtons() == Qt.MouseButton.NoButton  # nothing is held
    hand.move(c, paper_point(c, 300, 350))
    hand.move(c, paper_point(c, 300, 420))
    # the marker: a thick two-colour frame and a ring in the pen's colour at the pointer
    shot = c.grab().toImage()
    at = paper_point(c, 300, 420)
    assert shot.pixelColor(at).name() == studio.tools.color
    frame = {shot.pixelColor(4 + dx, c.height() // 2).name() for dx in range(-2, 4)}
    assert {"#ffffff", "#000000"} <= frame
    assert ink(studio, 200, 350) == studio.tools.color  # drawn while moving, no button
    hand.click(c, paper_point(c, 300, 420))
    assert not c._clicked_on and c.session is None
    assert stack.count() == steps + 1  # one stroke, one undo step
    assert ink(studio, 300, 390) == studio.tools.color
    assert ink(studio, 200, 420) == "#ffffff"  # a straight path, not a jump back
    shot = c.grab().toImage()  # the marker has gone
    assert shot.pixelColor(4, c.height() // 2).name() != "#000000"
    hand.move(c, paper_point(c, 100, 100))  # moving now draws nothing
    assert c.session is None
    stack.undo()
    assert np.array_equal(pixels(studio), before)


def test_a_line_follows_the_pointer_and_escape_drops_it(studio):
    hand = clicking(studio)
    studio.tools.tool = "line"
    c, stack = studio.canvas, studio.project.undo_stack
    before, steps = pixels(studio), stack.count()
    hand.click(c, paper_point(c, 50, 400))
    hand.move(c, paper_point(c, 400, 400))
    assert c.session.shape_preview is not None  # the line follows the pointer
    shot = c.grab().toImage()
    assert shot.pixelColor(paper_point(c, 200, 400)).name() == studio.tools.color
    QTest.keyClick(c, Qt.Key.Key_Escape)
    assert not c._clicked_on and c.session is None
    assert stack.count() == steps and np.array_equal(pixels(studio), before)
    # and again, ended by a click: one line, one undo step
    hand.draw(c, [(50, 400), (400, 400)])
    assert stack.count() == steps + 1 and ink(studio, 200, 400) == studio.tools.color


def test_leaving_the_paper_ends_the_stroke_and_keeps_it(studio):
    hand = clicking(studio)
    c, stack = studio.canvas, studio.project.undo_stack
    steps = stack.count()
    hand.click(c, paper_point(c, 100, 300))
    hand.move(c, paper_point(c, 250, 300))
    add = studio.timeline.buttons["add"]
    hand.move(add, add.rect().center())  # out of the canvas, over a button
    assert not c._clicked_on and c.session is None
    assert stack.count() == steps + 1 and ink(studio, 180, 300) == studio.tools.color
    hand.move(c, paper_point(c, 100, 450))
    assert c.session is None and ink(studio, 100, 440) == "#ffffff"


def test_a_click_on_a_button_is_a_click_and_keeps_the_stroke(studio):
    hand = clicking(studio)
    c = studio.canvas
    studio.go_to(0)
    frames = len(studio.project.frames)
    hand.click(c, paper_point(c, 100, 300))
    hand.move(c, paper_point(c, 250, 300))
    hand.click(studio.timeline.buttons["add"])
    assert len(studio.project.frames) == frames + 1
    assert not c._clicked_on
    first = Renderer(studio.project).compose(0)
    assert first.pixelColor(180, 300).name() == studio.tools.color  # kept on picture 1


def test_fill_is_one_click(studio):
    hand = clicking(studio)
    studio.tools.tool = "fill"
    studio.tools.color = "#4363d8"
    c = studio.canvas
    hand.click(c, paper_point(c, 500, 60))
    assert not c._clicked_on and ink(studio, 500, 60) == "#4363d8"


def test_tiny_marks_are_ignored_when_set_and_a_dot_is_drawn_when_not(studio):
    c, stack = studio.canvas, studio.project.undo_stack
    studio.tools.stabiliser = 0
    steps = stack.count()
    # off (the default): a tap is a dot
    assert Settings().ignore_marks == 0
    QTest.mouseClick(c, LEFT, NONE, paper_point(c, 500, 100))
    assert stack.count() == steps + 1 and ink(studio, 500, 100) == studio.tools.color
    # "Ignore tiny marks" at 12 px of paper: a tap or a 5 px wobble draws nothing
    c.use_settings(Settings(ignore_marks=12))
    before = pixels(studio)
    QTest.mouseClick(c, LEFT, NONE, paper_point(c, 500, 300))
    QTest.mousePress(c, LEFT, NONE, paper_point(c, 500, 350))
    QTest.mouseMove(c, paper_point(c, 505, 350))
    QTest.mouseRelease(c, LEFT, NONE, paper_point(c, 505, 350))
    assert stack.count() == steps + 1 and np.array_equal(pixels(studio), before)
    # a real stroke still draws, from where the pen went down
    QTest.mousePress(c, LEFT, NONE, paper_point(c, 300, 400))
    QTest.mouseMove(c, paper_point(c, 340, 400))
    QTest.mouseMove(c, paper_point(c, 420, 400))
    QTest.mouseRelease(c, LEFT, NONE, paper_point(c, 420, 400))
    assert stack.count() == steps + 2
    assert ink(studio, 302, 400) == studio.tools.color
    # with click-move-click too: two clicks close together draw nothing
    c.use_settings(Settings(ignore_marks=12, click_move_click=True))
    hand = Hand("click")
    hand.click(c, paper_point(c, 200, 440))
    hand.click(c, paper_point(c, 203, 440))
    assert stack.count() == steps + 2 and not c._clicked_on


def test_a_shaky_press_on_a_control_is_a_click_not_a_drag(studio):
    """A button pressed and moved a few pixels still clicks; a slider's handle and the
    picture strip do not move for a few pixels (the drag distance grows with UI size)."""
    assert QApplication.startDragDistance() >= 10
    add = studio.timeline.buttons["add"]
    frames = len(studio.project.frames)
    centre = add.rect().center()
    QTest.mousePress(add, LEFT, NONE, centre)
    QTest.mouseMove(add, centre + QPoint(4, 3))
    QTest.mouseRelease(add, LEFT, NONE, centre + QPoint(4, 3))
    assert len(studio.project.frames) == frames + 1
    # the speed slider: pressed on its handle and wobbled, its value stays
    slider = studio.playback.speed
    value = slider.value()
    handle = _handle_centre(slider)
    QTest.mousePress(slider, LEFT, NONE, handle)
    QTest.mouseMove(slider, handle + QPoint(5, 0))
    QTest.mouseMove(slider, handle + QPoint(-4, 2))
    QTest.mouseRelease(slider, LEFT, NONE, handle + QPoint(-4, 2))
    assert slider.value() == value
    # a real drag still moves it
    QTest.mousePress(slider, LEFT, NONE, handle)
    QTest.mouseMove(slider, handle + QPoint(slider.width() // 3, 0))
    QTest.mouseRelease(slider, LEFT, NONE, handle + QPoint(slider.width() // 3, 0))
    assert slider.value() != value
    # the picture strip: a wobble on picture 1 chooses it and moves nothing
    strip = studio.timeline.list
    ids = [f.id for f in studio.project.frames]
    studio.go_to(2)
    at = strip.visualItemRect(strip.item(0)).center()
    QTest.mousePress(strip.viewport(), LEFT, NONE, at)
    QTest.mouseMove(strip.viewport(), at + QPoint(6, 2))
    QTest.mouseRelease(strip.viewport(), LEFT, NONE, at + QPoint(6, 2))
    QApplication.processEvents()
    assert [f.id for f in studio.project.frames] == ids
    assert studio.canvas.index == 0


def _handle_centre(slider) -> QPoint:
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return rect.center()


def test_pointer_settings_are_checked_and_kept(tmp_path):
    path = tmp_path / "settings.json"
    chosen = Settings(click_move_click=True, dwell="paper", dwell_seconds=2.5,
                      ignore_marks=6, reduced_motion="on", easy_font=True, text_spacing=3)
    assert save_settings(chosen, path)
    assert load_settings(path) == chosen
    for name, odd in (("dwell_seconds", 0.1), ("dwell_seconds", 4.0), ("dwell", "eyes"),
                      ("ignore_marks", -1), ("ignore_marks", 500), ("text_spacing", 9),
                      ("reduced_motion", "yes"), ("click_move_click", 1)):
        path.write_text(f'{{"{name}": {odd!r}}}'.replace("'", '"'), "utf-8")
        assert getattr(load_settings(path), name) == getattr(Settings(), name), name

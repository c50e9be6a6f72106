"""Drawing by switch: the pen menu is drawn on screen, pointing lines choose points, and
"Line to here" and "Walk" draw real strokes (one undo step each), with one switch (a
clock the test moves) and with two (step and choose). Every press is a real key event."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, QTimer
from switch_helpers import Child, FakeClock

from kadr.core.render import Renderer
from kadr.ui.scan_box import INNER, OUTER
from kadr.ui.scanning import Scanner


@pytest.fixture
def switch(studio):
    made = []

    def make(switches):
        clock = FakeClock()
        scanner = Scanner(studio, 1.5, switches=switches, clock=clock)
        scanner.start()
        made.append(scanner)
        return scanner, Child(scanner, clock, switches)

    yield make
    for scanner in made:
        scanner.stop()


def ink(studio, x, y):
    image = Renderer(studio.project).compose(studio.canvas.index)
    return image.pixelColor(int(x), int(y)).name()


def pixels(studio):
    image = Renderer(studio.project).compose(studio.canvas.index)
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8, image.sizeInBytes()).copy()


@pytest.mark.parametrize("switches", [1, 2])
def test_pointing_lines_and_line_to_here_draw_one_undoable_stroke(studio, switch, qapp,
                                                                  switches):
    scanner, child = switch(switches)
    studio.go_to(0)
    stack = studio.project.undo_stack
    before = pixels(studio)
    child.use("Drawing paper")
    menu = studio.findChild(type(scanner.pen.menu), "switchPenMenu")
    assert menu is not None and menu.isVisible()  # the pen menu is drawn, not only said
    names = [i.name for i in scanner.levels[-1].items]
    assert names == ["Choose a point", "Line to here", "Walk", "Undo", "Back"]
    for b in menu.findChildren(type(menu.buttons["switch_point"])):
        if b.isVisible():
            assert b.width() >= 44 and b.height() >= 44 and b.accessibleName()
    # the menu lies over the tools column, not over the paper
    c = studio.canvas
    paper = c.transform().mapRect(QRectF(0, 0, c.project.width, c.project.height))
    paper = paper.toAlignedRect().translated(c.mapTo(studio, QPoint(0, 0)))
    assert not menu.geometry().intersects(paper)
    child.use("Choose a point")
    assert scanner.pen.phase == "x"
    qapp.processEvents()
    assert scanner.box.lines  # the sweeping line is drawn over the paper
    child.point(120, 360)
    assert scanner.pen.phase == ""
    pen = studio.canvas.pen_pos
    assert abs(pen.x() - 120) <= 8 and abs(pen.y() - 360) <= 6
    assert stack.count() == 0  # choosing a point draws nothing
    assert scanner.current().name == "Choose a point"  # the box stays in the pen menu
    child.use("Line to here")
    child.point(520, 360)
    assert stack.count() == 1  # one stroke, one undo step
    assert ink(studio, 320, pen.y()) == "#000000"
    assert not np.array_equal(pixels(studio), before)
    child.use("Undo")
    studio.project.settle()
    assert stack.index() == 0 and ink(studio, 320, pen.y()) != "#000000"
    assert np.array_equal(pixels(studio), before)
    child.use("Back")
    assert not menu.isVisible() and len(scanner.levels) == 1
    assert scanner.current().name == "Drawing paper"


@pytest.mark.parametrize("switches", [1, 2])
def test_a_walk_is_one_stroke(studio, switch, switches):
    """Walk right, then down; "Lift the pen" ends it: one stroke, one undo step."""
    scanner, child = switch(switches)
    studio.go_to(0)
    stack = studio.project.undo_stack
    child.use("Drawing paper", "Choose a point")
    child.point(300, 300)
    start = studio.canvas.pen_pos
    child.use("Walk")
    rows = [i.name for i in scanner.levels[-1].items]
    assert rows == ["Up and left to Up and right", "Left to Right",
                    "Down and left to Down and right", "Back"]
    child.use("Left to Right", "Right")
    assert studio.canvas.pen_down and scanner.pen.phase == "walk"
    for _ in range(10):  # ten places to the right
        if switches == 1:
            child.clock.advance(scanner.pen.interval)
        else:
            child.key(child.STEP)
    child.choose()  # stop
    assert scanner.pen.phase == "" and studio.canvas.pen_down
    assert studio.canvas.pen_pos.x() == pytest.approx(start.x() + 100)
    child.use("Back", "Down and left to Down and right", "Down")
    for _ in range(5):
        if switches == 1:
            child.clock.advance(scanner.pen.interval)
        else:
            child.key(child.STEP)
    child.choose()
    child.use("Back", "Left to Right", "Lift the pen")
    assert not studio.canvas.pen_down
    assert scanner.path()[0] == "Drawing paper" and len(scanner.levels) == 2
    assert stack.count() == 1
    assert ink(studio, start.x() + 50, start.y()) == "#000000"
    assert ink(studio, start.x() + 100, start.y() + 25) == "#000000"


def test_a_box_by_switch_with_all_tools(studio, switch):
    """All tools by switch, then Box: the drawing item becomes "Box to here" and draws a
    box from the pen to the chosen corner, as one stroke."""
    scanner, child = switch(2)
    studio.go_to(0)
    child.press_control(studio.top_buttons["level"])
    assert studio.level == "all"
    child.press_control(studio.tools_panel.tool_buttons["rectangle"])
    assert studio.tools.tool == "rectangle"
    child.back_to_top()
    child.use("Drawing paper")
    assert [i.name for i in scanner.levels[-1].items][1] == "Box to here"
    child.use("Choose a point")
    child.point(160, 120)
    child.use("Box to here")
    child.point(480, 360)
    assert studio.project.undo_stack.count() == 1
    x0, y0 = studio.canvas.pen_pos.x(), studio.canvas.pen_pos.y()
    assert ink(studio, (x0 + 160) / 2, y0) == "#000000"  # the bottom side
    assert ink(studio, x0, (y0 + 120) / 2) == "#000000"  # the right side
    assert ink(studio, (x0 + 160) / 2, (y0 + 120) / 2) != "#000000"  # not filled


def test_the_pointing_line_is_two_coloured(studio, switch, qapp):
    scanner, child = switch(2)
    child.use("Drawing paper", "Choose a point")
    qapp.processEvents()
    line = scanner.box.lines[0]
    x = studio.mapFromGlobal(line.p1().toPoint()).x()
    y = studio.canvas.mapTo(studio, QPoint(0, studio.canvas.height() // 2)).y()
    image = studio.grab().toImage()
    across = {image.pixelColor(x + dx, y).name() for dx in range(-6, 7)}
    assert {OUTER, INNER} <= across
    assert QRect(studio.canvas.mapTo(studio, QPoint(0, 0)), studio.canvas.size()).contains(x, y)


# -- a whole lesson by switch alone --------------------------------------------------------
FACE = [(454, 216), (415, 311), (320, 350), (225, 311), (186, 216), (225, 121), (320, 82),
        (415, 121), (454, 216)]  # a big octagon on the lesson's dotted circle


def draw(child, points):
    """Choose the first point, then a line to each next one (the pen menu)."""
    child.back_to_top()
    child.use("Drawing paper", "Choose a point")
    child.point(*points[0])
    for p in points[1:]:
        child.use(child.scanner.pen.menu.buttons["switch_draw"].accessibleName())
        child.point(*p)


def on_step(qtbot, panel, step_id):
    qtbot.waitUntil(lambda: panel.run.finished or panel.run.current_step.id == step_id,
                    timeout=15000)


@pytest.mark.parametrize("switches", [1, 2])
def test_a_whole_lesson_by_switch_alone(qtbot, qapp, tmp_path, monkeypatch, switches):
    """'A face that blinks', from the gallery to sharing the film, with one switch (the
    box moving by itself) or two: the face and closed eyes drawn with the pen menu,
    Copy picture, Play, Longer three times, Share. Next (skipping) is never pressed: each
    step ends because its goal is met."""
    from modal_answers import check, when_shown

    from kadr.core.library import Library
    from kadr.lessons import load_lessons
    from kadr.settings import Settings
    from kadr.ui import canvas_words, theme
    from kadr.ui.export_dialog import ExportDialog
    from kadr.ui.main_window import MainWindow

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    window = MainWindow(Settings(language="en"), Library(tmp_path / "library"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    clock = FakeClock()
    scanner = Scanner(window, 1.5, switches=switches, clock=clock)
    scanner.start()
    child = Child(scanner, clock, switches)
    try:
        blink = next(lesson for lesson in load_lessons()[0] if lesson.id == "blink")
        child.press_control(window.gallery.buttons["lessons"])
        screen = window.lessons_screen
        qapp.processEvents()
        child.open_control(screen.picker.list)
        child.use_leaf(blink.title())
        child.press_control(screen.picker.start_button)
        studio = window.studio
        panel = studio.lesson_panel
        qtbot.waitUntil(panel.isVisible)
        assert panel.run.lesson.id == "blink"
        skipped = []
        panel.next_button.clicked.connect(lambda: skipped.append(True))
        qapp.processEvents()
        names = [i.name for i in scanner.levels[0].items]
        assert names[:3] == ["Tools", "Drawing paper", "Lesson"]

        # 1. a big face: the outline, two open eyes, a mouth
        draw(child, FACE)
        draw(child, [(288, 172), (288, 196)])
        draw(child, [(352, 172), (352, 196)])
        draw(child, [(288, 270), (352, 270)])
        on_step(qtbot, panel, "copy")
        # 2. Copy picture
        child.press_control(studio.timeline.buttons["copy"])
        on_step(qtbot, panel, "closed")
        assert studio.canvas.index == 1
        # 3. closed eyes in picture 2: rub the open eyes out, draw a line
        child.press_control(studio.tools_panel.tool_buttons["eraser"])
        child.press_control(studio.tools_panel.size_buttons[2])  # thick
        draw(child, [(272, 184), (368, 184)])
        child.press_control(studio.tools_panel.tool_buttons["brush"])
        child.press_control(studio.tools_panel.size_buttons[1])
        draw(child, [(268, 198), (372, 198)])
        on_step(qtbot, panel, "play")
        # 4. Play (and stop)
        child.press_control(studio.playback.play)
        on_step(qtbot, panel, "longer")
        child.choose()  # the box stayed on Play: stop
        assert not studio.player.is_playing()
        # 5. picture 1 stays longer: choose it in the strip, Longer three times
        child.open_control(studio.timeline.list)
        child.use_leaf("Picture 1")
        assert studio.canvas.index == 0
        child.press_control(studio.timeline.buttons["longer"])
        child.choose()
        child.choose()
        assert studio.project.frames[0].hold >= 4
        on_step(qtbot, panel, "play_again")
        # 6. Play again
        child.press_control(studio.playback.play)
        on_step(qtbot, panel, "save")
        child.choose()
        # 7. Share: the share window is scanned too: Save; the lesson's end is shown
        # over it ("Keep drawing"); then Close
        from kadr.ui.celebration import Celebration

        shares = []

        def save(dialog):
            qapp.processEvents()
            assert scanner.root is dialog
            shares.append(dialog)
            child.press_control(dialog.save)  # the film is made in the background

        def close_share():
            dialog = shares[0]
            qapp.processEvents()
            assert scanner.root is dialog and dialog.job is None
            child.press_control(dialog.cancel)

        def celebrate(celebration):
            qapp.processEvents()
            assert scanner.root is celebration
            child.back_to_top()
            child.use_leaf("Keep drawing")
            QTimer.singleShot(0, close_share)

        when_shown(ExportDialog, save)
        when_shown(Celebration, celebrate, tries=3000, give_up_ms=60000)
        child.press_control(studio.top_buttons["export"])
        check()
        assert shares and shares[0].last_path is not None and shares[0].last_path.exists()
        assert panel.run.finished
        assert not skipped
        assert child.presses > 0
    finally:
        scanner.stop()
        window.close()

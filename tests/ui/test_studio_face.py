"""The studio's face as a child meets it: the strip's + tile, wide held cells, the playing
picture marked, the chosen one framed (not tinted), paper edges; a ring under the pen; the
wheel never changes a setting by accident; Play the biggest control."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kadr.ui.timeline import ADD_TILE, PAPER_EDGE, PLAYING_GREEN


def test_the_plus_tile_adds_a_picture_at_the_end(studio):
    tl = studio.timeline
    last = tl.list.item(tl.list.count() - 1)
    assert last.data(Qt.ItemDataRole.UserRole) == ADD_TILE
    assert last.data(Qt.ItemDataRole.AccessibleTextRole) == "Add picture"
    rect = tl.list.visualItemRect(last)
    QTest.mouseClick(tl.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(studio.project.frames) == 4
    assert studio.canvas.index == 3  # the new picture, at the end
    assert any("added" in t for t in studio.announcement_log)


def test_a_held_picture_has_a_wider_cell(studio):
    tl = studio.timeline
    one = tl.list.visualItemRect(tl.list.item(1)).width()
    studio.project.set_hold(1, 3)
    held = tl.list.visualItemRect(tl.list.item(1)).width()
    assert held > one + 20


def strip_pixels(studio, row: int) -> set[str]:
    tl = studio.timeline
    image = tl.list.viewport().grab().toImage()
    rect = tl.list.visualItemRect(tl.list.item(row))
    return {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())}


def test_playing_picture_is_framed_green_and_the_chosen_one_not_tinted(studio, qtbot):
    tl = studio.timeline
    studio.go_to(0)
    highlight = studio.palette().color(studio.palette().ColorRole.Highlight).name()
    assert highlight in strip_pixels(studio, 0)  # the chosen picture's thick frame
    assert highlight not in strip_pixels(studio, 1)
    tl.set_playing(2)
    assert QColor(PLAYING_GREEN).name() in strip_pixels(studio, 2)
    tl.set_playing(-1)
    assert QColor(PLAYING_GREEN).name() not in strip_pixels(studio, 2)
    # the child's own colours inside the chosen thumbnail are left as drawn (no tint)
    item_icon = tl.list.item(0).icon().pixmap(tl.list.iconSize()).toImage()
    colours = {item_icon.pixelColor(x, y).name() for x in range(item_icon.width())
               for y in range(item_icon.height())}
    assert "#ffffff" in colours  # white paper stays white


def test_the_strip_marks_the_picture_playing(studio, qtbot):
    studio.playback.set_fps(24)
    studio.player.play(0)
    qtbot.waitUntil(lambda: studio.timeline.list.playing >= 0, timeout=2000)
    studio.player.stop()
    assert studio.timeline.list.playing == -1


def test_an_empty_picture_shows_its_paper_edge(studio):
    studio.timeline.run("add")
    row = studio.canvas.index
    studio.go_to(0)  # not chosen: nothing but its own edge around it
    assert PAPER_EDGE in strip_pixels(studio, row)


def test_the_pointer_is_a_ring_of_the_brush_size(studio):
    studio.tools_panel.set_size(48)
    big = studio.canvas.cursor().pixmap().width()
    studio.tools_panel.set_size(4)
    small = studio.canvas.cursor().pixmap().width()
    assert big > small >= 8
    scale = studio.canvas.scale()
    assert abs(big - (48 * scale + 8)) <= 2  # the brush's width on screen, and an edge
    studio.tools_panel.set_tool("fill", announce=True)
    assert studio.canvas.cursor().shape() == Qt.CursorShape.CrossCursor


def test_the_wheel_never_changes_an_unfocused_setting(studio):
    speed = studio.playback.speed
    studio.canvas.setFocus()
    before = speed.value()
    event = QWheelEvent(QPointF(5, 5), QPointF(speed.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(speed, event)
    assert speed.value() == before
    speed.setFocus()
    QApplication.sendEvent(speed, event)
    assert speed.value() != before  # focused, the wheel works as the child expects


def test_play_is_the_biggest_control_and_every_button_has_a_picture(studio):
    play = studio.playback.play
    others = [b for b in studio.findChildren(QAbstractButton)
              if b.isVisibleTo(studio) and b is not play]
    assert all(play.width() * play.height() > b.width() * b.height() for b in others)
    missing = [b.objectName() for b in others if b.icon().isNull()]
    assert missing == []


def test_enter_presses_the_focused_button(studio):
    add = studio.timeline.buttons["add"]
    add.setFocus()
    QTest.keyClick(add, Qt.Key.Key_Return)
    QTest.qWait(200)  # animateClick lands a moment later
    assert len(studio.project.frames) == 4


def test_space_in_the_strip_plays_the_film(studio, qtbot):
    studio.timeline.list.setFocus()
    QTest.keyClick(studio.timeline.list, Qt.Key.Key_Space)
    assert studio.player.is_playing()
    studio.player.stop()


def test_the_keyboard_pen_says_where_it_is_and_when_it_meets_an_edge(studio):
    canvas = studio.canvas
    studio.toggle_keyboard_pen() if not canvas.keyboard_pen else None
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_W)
    assert studio.announcement_log[-1].startswith("Pen at middle.")
    for _ in range(80):
        QTest.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert "the left edge" in studio.announcement_log[-1]
    QTest.keyClick(canvas, Qt.Key.Key_W)
    assert "Pen up" in studio.announcement_log[-1]


def test_a_film_that_opened_with_notes_or_read_only_says_so(qtbot):
    from helpers import film
    from kadr.settings import Settings
    from kadr.ui.studio import Studio

    project = film(2)
    project.load_notes = ["Part of picture 2 could not be read and was left out."]
    project.read_only = True
    studio = Studio(project, Settings())
    qtbot.addWidget(studio)
    studio.announcement_log = []
    studio.show()
    studio._tell_how_it_opened()
    assert not studio.save_warning.isHidden()
    assert "left out" in studio.save_warning.text()
    assert "cannot be changed" in studio.save_warning.text()
    before = [p.tiles for p in project.frames[0].pictures.values()]
    canvas = studio.canvas
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.rect().center())
    assert [p.tiles for p in project.frames[0].pictures.values()] == before
    assert any("cannot be changed" in t for t in studio.announcement_log)

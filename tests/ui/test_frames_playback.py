"""The pictures strip, holds, onion toggle and playback in the studio."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest


def log(studio):
    return studio.announcement_log


def test_frame_buttons_add_copy_delete_move(studio):
    """The strip's buttons add, copy, delete and move pictures and announce it."""
    tl = studio.timeline
    QTest.mouseClick(tl.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(studio.project.frames) == 4 and tl.current() == 1
    assert "Picture 2 added. There are 4 pictures." in log(studio)
    QTest.mouseClick(tl.buttons["copy"], Qt.MouseButton.LeftButton)
    assert len(studio.project.frames) == 5
    moved = studio.project.frames[2].id
    QTest.mouseClick(tl.buttons["move_right"], Qt.MouseButton.LeftButton)
    assert studio.project.frames[3].id == moved and tl.current() == 3
    QTest.mouseClick(tl.buttons["delete"], Qt.MouseButton.LeftButton)
    assert moved not in [f.id for f in studio.project.frames]
    assert any("deleted" in t for t in log(studio))


def test_strip_items_have_words_and_holds(studio):
    """Each thumbnail says which picture it is and how long it lasts."""
    tl = studio.timeline
    tl.set_current(1)
    QTest.mouseClick(tl.buttons["longer"], Qt.MouseButton.LeftButton)
    item = tl.list.item(1)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Picture 2 of 3, lasts 2 frames"
    assert item.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "Has a drawing"
    assert "×2" in item.text()


def test_strip_keys(studio):
    """Arrow keys choose pictures; Insert, +, Ctrl+Right and Delete act on them."""
    tl = studio.timeline
    tl.list.setFocus()
    tl.set_current(0)
    QTest.keyClick(tl.list, Qt.Key.Key_Right)
    assert studio.canvas.index == 1
    QTest.keyClick(tl.list, Qt.Key.Key_End)
    assert studio.canvas.index == 2
    QTest.keyClick(tl.list, Qt.Key.Key_Plus)
    assert studio.project.frames[2].hold == 2
    QTest.keyClick(tl.list, Qt.Key.Key_Home)
    first = studio.project.frames[0].id
    QTest.keyClick(tl.list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert studio.project.frames[1].id == first
    QTest.keyClick(tl.list, Qt.Key.Key_Insert)
    assert len(studio.project.frames) == 4
    QTest.keyClick(tl.list, Qt.Key.Key_Delete)
    assert len(studio.project.frames) == 3


def test_onion_toggle_is_one_big_button(studio):
    """'See other pictures' turns onion skin on and off and says so."""
    b = studio.top_buttons["onion"]
    QTest.mouseClick(b, Qt.MouseButton.LeftButton)
    assert studio.project.settings.onion.enabled and b.isChecked()
    assert "See other pictures: on." in log(studio)
    assert "showing pictures" in studio.canvas.description()
    QTest.mouseClick(b, Qt.MouseButton.LeftButton)
    assert not studio.project.settings.onion.enabled


def test_playback_shows_frames_in_order_with_holds(studio, qtbot):
    """Playing shows each picture for its hold, in order, looping; Space stops it."""
    studio.project.set_hold(1, 3)
    studio.playback.set_fps(30)
    studio.setFocus()
    QTest.keyClick(studio, Qt.Key.Key_Space)
    assert studio.player.is_playing()
    qtbot.waitUntil(lambda: len(studio.player.shown) >= 12, timeout=5000)
    QTest.keyClick(studio, Qt.Key.Key_Space)
    assert not studio.player.is_playing()
    shown = studio.player.shown[:10]
    assert shown == [0, 1, 1, 1, 2, 0, 1, 1, 1, 2]
    assert "Playing." in log(studio) and any(t.startswith("Stopped") for t in log(studio))


def test_play_once_and_pingpong(studio, qtbot):
    """'Once' stops at the end; 'forwards and back' bounces (chosen in Settings)."""
    studio.playback.set_fps(24)
    studio.project.set_play_mode("once")
    studio.player.play(0)
    qtbot.waitUntil(lambda: not studio.player.is_playing(), timeout=3000)
    assert studio.player.shown == [0, 1, 2]
    studio.project.set_play_mode("pingpong")
    studio.player.play(0)
    qtbot.waitUntil(lambda: len(studio.player.shown) >= 6, timeout=3000)
    studio.player.stop()
    assert studio.player.shown[:6] == [0, 1, 2, 1, 0, 1]


def test_speed_slider_and_page_keys(studio):
    """The speed is a slider from slow to fast (its value is pictures a second, which a
    screen reader reads); Left and Right turn pages, wrapping."""
    speed = studio.playback.speed
    speed.setFocus()
    start = studio.project.settings.fps
    QTest.keyClick(speed, Qt.Key.Key_Right)
    assert studio.project.settings.fps == start + 1 == speed.value()
    QTest.keyClick(speed, Qt.Key.Key_PageUp)
    assert studio.project.settings.fps == start + 5
    assert "Speed: " in studio.announcement_log[-1]
    studio.canvas.setFocus()
    QTest.keyClick(studio, Qt.Key.Key_Right)
    assert studio.canvas.index == 1
    QTest.keyClick(studio, Qt.Key.Key_Left)
    QTest.keyClick(studio, Qt.Key.Key_Left)
    assert studio.canvas.index == 2  # wraps to the last picture


def test_onion_is_off_during_playback_unless_chosen(studio, qtbot):
    """While playing, the canvas paints no ghosts unless 'also while playing' is on."""
    studio.toggle_onion()
    studio.playback.set_fps(30)
    studio.player.play(1)
    qtbot.waitUntil(lambda: studio.canvas.playing, timeout=2000)
    image = studio.canvas.grab().toImage()
    studio.player.stop()
    t = studio.canvas.transform()
    p = t.map(__import__("PySide6.QtCore", fromlist=["QPointF"]).QPointF(110, 200)).toPoint()
    # picture 1's dot is where a ghost would be; while playing only white or the real ink
    assert image.pixelColor(p).name() in ("#ffffff", "#000000")


def test_thumbnails_arrive_after_the_strip(studio, qtbot):
    """The strip appears at once; thumbnails are drawn just after, visible ones first."""
    studio.renderer._thumbs.clear()
    studio.timeline.rebuild()
    assert studio.timeline._missing  # placeholders first
    qtbot.waitUntil(lambda: not studio.timeline._missing and not studio.timeline._drawing,
                    timeout=5000)
    width = studio.timeline.thumb_width()
    assert width >= 96  # design rule 7
    assert all(studio.renderer.has_thumbnail(i, width) for i in range(3))


def test_dragging_a_thumbnail_moves_the_picture(studio):
    """Dropping a dragged thumbnail on another place moves the picture there (undoable)."""
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    tl = studio.timeline
    first = studio.project.frames[0].id
    tl.set_current(0)
    tl.list._drag_row = 0  # what startDrag records when the drag begins
    target = tl.list.visualItemRect(tl.list.item(2)).center()
    event = QDropEvent(QPointF(target), Qt.DropAction.MoveAction, QMimeData(),
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tl.list.dropEvent(event)
    assert studio.project.frames[2].id == first
    assert "Picture moved to place 3." in studio.announcement_log
    studio.project.undo_stack.undo()
    assert studio.project.frames[0].id == first


def test_canvas_shows_the_ghost_of_the_picture_before(studio):
    """With 'See other pictures' on, the canvas shows the previous picture's dot, tinted blue."""
    from PySide6.QtCore import QPointF

    studio.toggle_onion()
    studio.go_to(1)
    image = studio.canvas.grab().toImage()
    p = studio.canvas.transform().map(QPointF(110, 200)).toPoint()
    ghost = image.pixelColor(p)
    assert ghost.name() not in ("#ffffff", "#000000") and ghost.blue() > ghost.red()


def test_playback_paints_pictures_made_ahead_at_screen_size(studio, qtbot):
    """While playing, the next picture is drawn at the canvas's size on a worker; the
    canvas paints that (one blit), and it looks as the canvas would have drawn it."""
    import numpy as np

    from kadr.export.frames import to_array

    def shown():
        return to_array(canvas.grab().toImage(), alpha=False).astype(int)

    canvas, renderer = studio.canvas, studio.renderer
    studio.project.set_onion(studio.project.settings.onion.with_(enabled=False))
    studio.resize(1024, 560)  # a netbook: the 640x480 paper is shown smaller
    sizes = []

    def settled() -> bool:  # the layout may take a pass or two on a busy machine
        sizes.append(canvas.paper_size_shown())
        return len(sizes) >= 3 and sizes[-1] == sizes[-2] == sizes[-3]

    qtbot.waitUntil(settled, timeout=5000)
    size = canvas.paper_size_shown()
    assert size is not None  # the 640x480 paper is shown smaller here
    stopped = []
    for i in range(3):
        studio.go_to(i)
        stopped.append(shown())
    studio.project.set_fps(4)
    studio.player.play(0)
    keys = [renderer.playback_key(i, size) for i in (1, 2)]
    qtbot.waitUntil(lambda: all(renderer.has_playback_frame(k) for k in keys), timeout=15000)
    studio.player.stop()
    for i, key in zip((1, 2), keys, strict=True):
        canvas.show_frame(i, playing=True)
        differ = np.abs(shown() - stopped[i]).max(axis=2) > 40
        assert differ.mean() < 0.002
        made = renderer._frames[key]
        made.fill(QColor("#ff00ff"))  # proof that the canvas paints the picture made ahead
        canvas.show_frame(i, playing=True)
        middle = canvas.grab().toImage().pixelColor(canvas.rect().center())
        assert middle.name() == "#ff00ff"


def test_strip_thumbnails_are_drawn_off_the_ui_thread_and_follow_strokes(studio, qtbot,
                                                                         monkeypatch):
    """A stroke's thumbnail is drawn on the strip's drawing thread, then shown."""
    import threading

    import kadr.core.raster as raster
    from helpers import stroke

    threads = []
    real = raster.picture_on

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(raster, "picture_on", spy)
    item = studio.timeline.list.item(0)
    before = item.icon().pixmap(128, 96).toImage()
    stroke(studio.project, 0, [(0, 0), (640, 480)], size=60)
    qtbot.waitUntil(lambda: item.icon().pixmap(128, 96).toImage() != before, timeout=5000)
    assert threads and all(name.startswith("kadr-thumbs") for name in threads)


def test_a_new_strip_width_draws_the_pictures_again_and_keeps_the_rest(studio, qtbot):
    """A window of another size: the same items with their words and the chosen picture;
    thumbnails come again at the new width (blank until drawn)."""
    from PySide6.QtCore import Qt

    tl = studio.timeline
    qtbot.waitUntil(lambda: not tl._missing and not tl._drawing, timeout=5000)
    studio.go_to(1)
    words = [(tl.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole),
              tl.list.item(i).data(Qt.ItemDataRole.AccessibleDescriptionRole))
             for i in range(tl.list.count())]
    first = tl.list.item(0)
    tl.set_thumb_width(tl.thumb_width() + 20)
    assert tl.list.item(0) is first  # not built again
    assert [(tl.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole),
             tl.list.item(i).data(Qt.ItemDataRole.AccessibleDescriptionRole))
            for i in range(tl.list.count())] == words
    assert tl.list.currentRow() == 1
    width = tl.thumb_width()
    qtbot.waitUntil(lambda: not tl._missing and not tl._drawing, timeout=5000)
    assert all(studio.renderer.has_thumbnail(i, width) for i in range(len(studio.project.frames)))
    icon = tl.list.item(0).icon().pixmap(tl.list.iconSize())
    assert icon.width() == width

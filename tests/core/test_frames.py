"""Frames, holds, undo and redo on the document."""

from helpers import film, stroke
from kadr.core.project import MAX_HOLD, UNDO_LIMIT, blank_project
from kadr.core.render import Renderer


def ids(p):
    return [f.id for f in p.frames]


def test_add_copy_delete_move(qapp):
    """Add a blank picture, copy one, delete and move, in the right places."""
    p = film(2)
    a, b = ids(p)
    p.add_frame(0)
    assert len(p.frames) == 3 and ids(p)[0] == a and ids(p)[2] == b
    assert not p.frames[1].has_drawing()
    p.add_frame(0, duplicate=True)
    assert p.frames[1].pictures["drawing"].tiles == p.frames[0].pictures["drawing"].tiles
    p.move_frame(0, 3)
    assert ids(p)[3] == a
    p.delete_frame(3)
    assert a not in ids(p)


def test_every_frame_edit_undoes_and_redoes(qapp):
    """Add, delete, move and hold changes all undo back to the start, and redo again."""
    p = film(3)
    start = ids(p)
    p.add_frame(1)
    p.delete_frame(0)
    p.move_frame(0, 2)
    p.set_hold(1, 4)
    after = (ids(p), [f.hold for f in p.frames])
    for _ in range(4):
        p.undo_stack.undo()
    assert ids(p) == start and all(f.hold == 1 for f in p.frames)
    for _ in range(4):
        p.undo_stack.redo()
    assert (ids(p), [f.hold for f in p.frames]) == after


def test_holds_are_clamped_to_1_to_12(qapp):
    """A hold cannot go below 1 or above 12."""
    p = blank_project()
    p.set_hold(0, 0)
    assert p.frames[0].hold == 1
    p.set_hold(0, 99)
    assert p.frames[0].hold == MAX_HOLD
    assert p.total_length() == MAX_HOLD


def test_last_picture_cannot_be_deleted(qapp):
    """A film always keeps one picture."""
    p = blank_project()
    p.delete_frame(0)
    assert len(p.frames) == 1


def test_undo_restores_pixels_of_a_stroke(qapp):
    """Undo of a stroke brings back exactly the pixels before it; redo puts it back."""
    p = blank_project(320, 240)
    stroke(p, 0, [(10, 10), (100, 100)])
    before = Renderer(p).compose(0)
    stroke(p, 0, [(200, 10), (200, 200)], color="#e6194b", size=30)
    after = Renderer(p).compose(0)
    p.undo_stack.undo()
    assert Renderer(p).compose(0) == before
    p.undo_stack.redo()
    assert Renderer(p).compose(0) == after


def test_undo_keeps_200_steps_and_stays_small(qapp):
    """At least 200 steps of undo, bounded, stored compressed (not as whole images)."""
    p = blank_project(1280, 720)
    for i in range(UNDO_LIMIT + 20):
        stroke(p, 0, [(10 + i * 5, 50), (10 + i * 5, 400)], size=4)
    stack = p.undo_stack
    assert stack.count() == UNDO_LIMIT
    stored = sum(len(d or b"") for i in range(stack.count())
                 for d in (*stack.command(i).before.values(), *stack.command(i).after.values()))
    assert stored < 40 * 1024 * 1024  # raw images would be 200 x 3.7 MB x 2
    for _ in range(UNDO_LIMIT):
        stack.undo()
    assert not stack.canUndo()


def test_background_packing_keeps_strokes_and_undo(qapp, qtbot):
    """Strokes packed on a worker thread: shown at once, stored when packed, undo exact.
    The second stroke starts before the first one's pixels were copied out (no event loop
    turn between them), so it has to wait for that copy or it would leak into stroke 1."""
    from kadr.core.paint import PenEvent
    from kadr.core.tools import ToolSession, ToolState

    p = blank_project(640, 480)
    blank = Renderer(p).compose(0)
    for y in (100, 200):
        s = ToolSession(p, 0, ToolState(stabiliser=0))
        s.soon = True
        s.press(PenEvent(50, y))
        s.move(PenEvent(300, y))
        s.release(PenEvent(300, y))
    picture = p.frames[0].pictures["drawing"]
    assert not picture.is_empty()  # shown even while packing
    assert Renderer(p).compose(0).pixelColor(150, 200).name() == "#000000"
    qtbot.waitUntil(lambda: not p.packer.busy(), timeout=5000)
    assert picture.tiles and picture.pending == 0
    p.undo_stack.undo()
    p.undo_stack.undo()
    assert Renderer(p).compose(0) == blank
    p.undo_stack.redo()
    assert Renderer(p).compose(0).pixelColor(150, 100).name() == "#000000"
    assert Renderer(p).compose(0).pixelColor(150, 200).name() == "#ffffff"


def test_clearing_right_after_a_packed_stroke_keeps_undo_exact(qapp, qtbot):
    """Clear paints into the picture at once: the stroke before it must be copied first."""
    from kadr.core.paint import PenEvent
    from kadr.core.tools import ToolSession, ToolState, clear_picture

    p = blank_project(640, 480)
    s = ToolSession(p, 0, ToolState(stabiliser=0))
    s.soon = True
    s.press(PenEvent(50, 100))
    s.move(PenEvent(300, 100))
    s.release(PenEvent(300, 100))
    assert clear_picture(p, 0)
    assert p.frames[0].pictures["drawing"].is_empty()
    p.undo_stack.undo()  # back to the stroke, exactly
    assert Renderer(p).compose(0).pixelColor(150, 100).name() == "#000000"
    p.undo_stack.undo()
    assert p.frames[0].pictures["drawing"].is_empty()


def test_decoded_cache_reuses_memory_only_of_images_nobody_holds(qapp):
    """Evicted pictures' memory is reused for the next decode, never one still in use."""
    from kadr.core.picture import ImageCache

    p = film(count=6)
    p.cache = ImageCache(max_items=1)
    held = p.image(0)  # like a stroke being drawn into picture 0
    before = held.copy()
    for _round in range(2):
        for i in range(1, 6):
            image = p.image(i)
            x = 100 + 80 * i
            assert image.pixelColor(x + 10, 200).alpha() > 0  # its own dot ...
            assert image.pixelColor(100, 200).alpha() == 0  # ... and not picture 0's
    assert held == before


def test_compose_is_the_same_from_tiles_or_decoded_pictures(qapp):
    """Exports draw undecoded pictures tile by tile; the canvas uses decoded ones."""
    p = film(count=3)
    p.cache.clear()
    from_tiles = [Renderer(p).compose(i) for i in range(3)]
    for i in range(3):
        p.image(i)  # now decoded
    assert [Renderer(p).compose(i) for i in range(3)] == from_tiles

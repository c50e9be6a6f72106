"""Dwell clicking: resting the pointer on a control for the set time clicks it, with a
ring that fills at the pointer; never twice without moving away; on the paper (when
allowed) one dwell puts the pen down and the next lifts it. Real QTest mouse moves and a
clock the test moves by hand (switch_helpers.FakeClock): no test waits for real time."""

from __future__ import annotations

import numpy as np
import pytest
from pointer_helpers import Hand, paper_point
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from switch_helpers import FakeClock

from kadr.core.render import Renderer
from kadr.settings import Settings
from kadr.ui import dwell as dwell_module
from kadr.ui.dwell import FILL, INNER, OUTER, Dwell


@pytest.fixture
def dwelling(studio):
    made = []

    def make(seconds=1.0, paper=False):
        clock = FakeClock()
        d = Dwell(seconds, paper, clock=clock)
        d.start()
        made.append(d)
        studio.canvas.use_settings(Settings(dwell="paper" if paper else "controls"))
        return d, clock, Hand("dwell", d, clock)

    yield make
    for d in made:
        d.stop()


def ring_colours(ring):
    image = ring.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height())}


def test_resting_on_add_picture_clicks_it_after_the_set_time_not_before(studio, dwelling):
    d, clock, hand = dwelling(seconds=1.5)
    add = studio.timeline.buttons["add"]
    frames = len(studio.project.frames)
    hand.move(add, add.rect().center())
    clock.advance(0.75)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames  # half the time: nothing yet
    # the ring at the pointer is half full: filled on the right (clockwise from the top)
    ring = d.ring
    assert ring.isVisible() and ring.parentWidget() is studio.window()
    assert abs(ring.progress - 0.5) < 0.05
    centre = ring.geometry().center()
    assert (centre - add.mapTo(studio.window(), add.rect().center())).manhattanLength() <= 2
    shot = ring.grab().toImage()
    half = ring.width() // 2 - 6
    right = shot.pixelColor(ring.width() // 2 + half, ring.height() // 2).name()
    left = shot.pixelColor(ring.width() // 2 - half, ring.height() // 2).name()
    assert right == FILL and left != FILL
    assert {OUTER, INNER} <= ring_colours(ring)  # shows on any background
    assert ring.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    clock.advance(0.8)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames + 1
    assert not ring.isVisible()
    # resting on: no second click, however long
    clock.advance(10)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames + 1
    hand.move(add, add.rect().center() + QPoint(2, 1))  # a tremor is not moving away
    clock.advance(10)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames + 1
    # away and back: it clicks again
    hand.rest(add, add.rect().center())
    assert len(studio.project.frames) == frames + 2


def test_a_tremor_still_dwells_but_a_move_starts_again(studio, dwelling):
    d, clock, hand = dwelling(seconds=1.0)
    add = studio.timeline.buttons["add"]
    frames = len(studio.project.frames)
    centre = add.rect().center()
    for i in range(9):  # wobbling within a few pixels for 0.9 s
        hand.move(add, centre + QPoint(3 if i % 2 else -3, 2))
        clock.advance(0.1)
    hand.move(add, centre + QPoint(0, 20))  # a real move: the time starts again
    clock.advance(0.6)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames
    clock.advance(0.5)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames + 1


def test_a_real_click_is_not_followed_by_a_dwell_click(studio, dwelling):
    d, clock, hand = dwelling(seconds=1.0)
    add = studio.timeline.buttons["add"]
    frames = len(studio.project.frames)
    hand.move(add, add.rect().center())
    QTest.mouseClick(add, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     add.rect().center())
    clock.advance(5)
    QApplication.processEvents()
    assert len(studio.project.frames) == frames + 1


def test_nothing_to_click_shows_no_ring(studio, dwelling):
    d, clock, hand = dwelling(seconds=1.0)
    caption = studio.caption
    hand.move(caption, caption.rect().center())
    clock.advance(0.5)
    assert not d.ring.isVisible()
    # the paper too, while dwell is for controls only
    c = studio.canvas
    stack = studio.project.undo_stack
    steps = stack.count()
    hand.move(c, paper_point(c, 300, 300))
    clock.advance(5)
    QApplication.processEvents()
    assert not d.ring.isVisible() and c.session is None and stack.count() == steps


def test_dwell_on_the_paper_draws_one_undoable_stroke(studio, dwelling):
    d, clock, hand = dwelling(seconds=1.0, paper=True)
    studio.tools.stabiliser = 0
    c, stack = studio.canvas, studio.project.undo_stack
    studio.go_to(0)
    before = Renderer(studio.project).compose(0)
    before_px = np.frombuffer(before.constBits(), np.uint8, before.sizeInBytes()).copy()
    steps = stack.count()
    hand.rest(c, paper_point(c, 100, 380))  # the pen goes down
    assert c._clicked_on and c.session is not None
    hand.move(c, paper_point(c, 250, 380))
    hand.move(c, paper_point(c, 400, 380))
    clock.advance(0.5)
    assert c._clicked_on  # half a rest does not lift it
    hand.rest(c, paper_point(c, 400, 380))  # resting lifts the pen
    assert not c._clicked_on and stack.count() == steps + 1
    image = Renderer(studio.project).compose(0)
    assert image.pixelColor(250, 380).name() == studio.tools.color
    stack.undo()
    after = Renderer(studio.project).compose(0)
    assert np.array_equal(np.frombuffer(after.constBits(), np.uint8, after.sizeInBytes()),
                          before_px)


def test_dwell_follows_the_settings(studio):
    from kadr.ui.dwell import follow

    try:
        made = follow(Settings(dwell="controls", dwell_seconds=2.5))
        assert made is not None and made.running and made.seconds == 2.5 and not made.paper
        assert follow(Settings(dwell="paper")) is made and made.paper
    finally:
        assert follow(Settings()) is None
    assert dwell_module._dwell is None



def test_dwell_opens_a_drop_down_and_chooses_an_entry(qtbot, qapp):
    """Rest on a drop-down (made as the settings window makes them): its list opens;
    rest on an entry: it is chosen and the list closes."""
    from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

    from kadr.ui.a11y import big_enough

    window = QWidget()
    combo = QComboBox(window)
    combo.setObjectName("choice")
    big_enough(combo)
    combo.addItems(["Like the computer", "Still", "Moving"])
    QVBoxLayout(window).addWidget(combo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = FakeClock()
    d = Dwell(0.8, clock=clock)
    d.start()
    hand = Hand("dwell", d, clock)
    # Qt ignores a release in a drop-down opened less than a double-click time ago;
    # a dwell (0.5 s or more) takes longer than that, but this clock only pretends to
    interval = QApplication.doubleClickInterval()
    QApplication.setDoubleClickInterval(0)
    try:
        hand.click(combo)
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        hand.click(view.viewport(), view.visualRect(combo.model().index(2, 0)).center())
        qtbot.waitUntil(lambda: not view.isVisible())
        assert combo.currentIndex() == 2 and hand.clicks == 2
    finally:
        QApplication.setDoubleClickInterval(interval)
        d.stop()

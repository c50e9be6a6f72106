"""Tell the child why: a goal not met after the child drew and paused says what is missing
in words (shown, announced, said) and on the paper (its guide or place pulses); never while
the pen is down or before the child drew; said once, again only when it changes or when
the child asks with Help; the picture it names is offered, never jumped to."""

from __future__ import annotations

import numpy as np
from lesson_help import (
    around,
    drag,
    grab,
    keep_outcomes,
    open_lesson,
    ring,
    target_of,
    widget_point,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kadr.lessons.why import Why, why_words
from kadr.ui.lesson_panel import DEBOUNCE_MS

# what a check says of a ball drawn at the bottom on the bounce lesson's first step
TOO_LOW = Why("Make the ball higher in picture {picture}.", picture=1, place=(0.5, 0.1875))


def strength_grab(qtbot, t, bold: bool) -> tuple[np.ndarray, float]:
    """A grab of the canvas at a bold (or a soft) moment of the pulse, and that moment's
    strength as the grab painted it."""
    def moment() -> bool:
        s = t.overlay.pulse_strength()
        return s > 0.85 if bold else s < 0.15

    for _ in range(5):  # a busy machine may paint a moment later: try again then
        qtbot.waitUntil(moment, timeout=4000)
        pixels = grab(t.canvas)
        if moment():
            return pixels, t.overlay.pulse_strength()
    raise AssertionError("the pulse never held still long enough to grab")


def test_reason_after_a_wrong_drawing_and_a_pause(qtbot, qapp, tmp_path):
    """A ball drawn at the bottom, then a pause: the reason is shown in the hint area,
    announced (and on the caption line), said, and the place it names pulses on the paper:
    its pixels differ between the pulse's bold and soft moments. The page is not turned."""
    t = open_lesson(qtbot, qapp, tmp_path)
    outcomes = keep_outcomes(t.panel, lambda: TOO_LOW)
    x, y = target_of(TOO_LOW, t.lesson, 640, 480)
    plain = around(t.canvas, grab(t.canvas), x, y)
    drag(t.canvas, ring(320, 380, 40))
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    shown, spoken = why_words(TOO_LOW)
    assert shown == "Make the ball higher in picture 1."
    assert not outcomes[-1].met
    assert t.panel.hint_label.text() == shown and t.panel.hint_label.isVisibleTo(t.panel)
    assert t.heard[-1] == shown and t.said[-1] == spoken
    assert shown in t.studio.announcement_log and t.studio.caption.text() == shown
    assert t.overlay.pulsing and t.overlay.pulse_place == TOO_LOW.place
    bold, s_bold = strength_grab(qtbot, t, bold=True)
    soft, s_soft = strength_grab(qtbot, t, bold=False)
    assert s_bold - s_soft > 0.6
    bold_px, soft_px = around(t.canvas, bold, x, y), around(t.canvas, soft, x, y)
    changed = np.abs(bold_px - soft_px).max(axis=2) > 40
    assert changed.sum() > 30  # the ring round the place swells and shrinks
    assert np.abs(soft_px - plain).max(axis=2).max() > 40  # even at its softest it shows
    assert t.canvas.index == 0 and not t.panel.go_button.isVisibleTo(t.panel)
    qtbot.waitUntil(lambda: not t.overlay.pulsing, timeout=8000)  # a few seconds, then still
    after = around(t.canvas, grab(t.canvas), x, y)
    assert np.abs(after - plain).max() <= 2  # back to the plain guide
    t.session.close()


def test_no_reason_while_the_pen_is_down_or_before_the_child_drew(qtbot, qapp, tmp_path):
    """A page turn checks at once, but the child has not drawn yet: no reason. Then the pen
    goes down and stays down past the pause: no check, no reason. Pen up: the reason."""
    t = open_lesson(qtbot, qapp, tmp_path)
    outcomes = keep_outcomes(t.panel, lambda: TOO_LOW)
    strip = t.studio.timeline.list
    said = len(t.said)
    rect = strip.visualItemRect(strip.item(1))
    QTest.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)  # checked: not met ...
    assert not outcomes[-1].met and outcomes[-1].why == TOO_LOW
    assert not t.panel.hint_label.text() and not t.overlay.pulsing  # ... and nothing said
    assert all("higher" not in words for words in t.said[said:] + t.heard)
    QTest.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, strip.visualItemRect(strip.item(0)).center())
    qtbot.waitUntil(lambda: t.canvas.index == 0 and len(outcomes) == 2, timeout=5000)
    checked = len(outcomes)
    points = ring(320, 380, 40)
    QTest.mousePress(t.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(t.canvas, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(t.canvas, widget_point(t.canvas, *p))
    qtbot.wait(2 * DEBOUNCE_MS)  # a long pause with the pen still down
    assert t.canvas.session is not None  # still drawing
    assert len(outcomes) == checked and not t.panel.hint_label.text()
    QTest.mouseRelease(t.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget_point(t.canvas, *points[-1]))
    shown, spoken = why_words(TOO_LOW)
    qtbot.waitUntil(lambda: t.panel.hint_label.text() == shown, timeout=5000)
    assert t.said[-1] == spoken
    t.session.close()


def test_a_reason_is_said_once_then_again_when_it_changes_or_asked(qtbot, qapp, tmp_path):
    """The same reason after another stroke is not said again; a new reason is; Help says
    the reason again, with the hint."""
    t = open_lesson(qtbot, qapp, tmp_path)
    reason = [TOO_LOW]
    outcomes = keep_outcomes(t.panel, lambda: reason[0])
    shown, spoken = why_words(TOO_LOW)
    drag(t.canvas, ring(320, 380, 40))
    qtbot.waitUntil(lambda: bool(t.said) and t.said[-1] == spoken, timeout=5000)
    checked = len(outcomes)
    drag(t.canvas, ring(200, 380, 30))  # still wrong, for the same reason
    qtbot.waitUntil(lambda: len(outcomes) > checked, timeout=5000)
    assert t.said.count(spoken) == 1 and t.heard.count(shown) == 1
    reason[0] = Why("Make the ball smaller in picture {picture}.", picture=1,
                    place=(0.5, 0.8))
    checked = len(outcomes)
    drag(t.canvas, ring(450, 380, 30))
    qtbot.waitUntil(lambda: len(outcomes) > checked, timeout=5000)
    smaller, smaller_said = why_words(reason[0])
    qtbot.waitUntil(lambda: t.said[-1] == smaller_said)
    assert t.panel.hint_label.text() == smaller and t.overlay.pulse_place == (0.5, 0.8)
    QTest.mouseClick(t.panel.hint_button, Qt.MouseButton.LeftButton)  # the child asks
    hint = t.lesson.text("hint", "top")
    assert t.panel.hint_label.text() == f"{smaller} {hint}"
    assert t.said[-1] == f"{smaller_said} {t.lesson.text('hint', 'top', speech=True)}"
    t.session.close()


def test_the_picture_a_reason_names_is_offered_not_jumped_to(qtbot, qapp, tmp_path):
    """A reason about picture 5 while the child is on picture 1: a Go button offers it;
    the page stays until the child presses it."""
    t = open_lesson(qtbot, qapp, tmp_path)
    far = Why("Draw the ball on the floor in picture {picture}.", picture=5,
              place=(0.5, 0.79))
    keep_outcomes(t.panel, lambda: far)
    drag(t.canvas, ring(320, 380, 40))
    go = t.panel.go_button
    qtbot.waitUntil(lambda: go.isVisibleTo(t.panel), timeout=5000)
    assert t.panel.hint_label.text() == "Draw the ball on the floor in picture 5."
    assert go.text() == "Go to picture 5" and go.accessibleName() == "Go to picture 5"
    assert go.width() >= 44 and go.height() >= 44 and go.focusPolicy() & Qt.FocusPolicy.TabFocus
    chain, w = [], t.panel.hint_label
    for _ in range(40):  # Tab from the words on show reaches it
        w = w.nextInFocusChain()
        chain.append(w)
    assert go in chain
    qtbot.wait(DEBOUNCE_MS)
    assert t.canvas.index == 0  # never moved by itself
    QTest.mouseClick(go, Qt.MouseButton.LeftButton)
    assert t.canvas.index == 4 and t.studio.timeline.current() == 4
    assert not go.isVisibleTo(t.panel)
    t.session.close()


def test_reduced_motion_gives_a_still_highlight(qtbot, qapp, tmp_path):
    """With the system's reduced-motion preference the place is highlighted boldly and
    does not move: two grabs a moment apart are the same, and differ from the plain guide."""
    t = open_lesson(qtbot, qapp, tmp_path)
    t.overlay.reduced_motion = True
    keep_outcomes(t.panel, lambda: TOO_LOW)
    x, y = target_of(TOO_LOW, t.lesson, 640, 480)
    plain = around(t.canvas, grab(t.canvas), x, y)
    drag(t.canvas, ring(320, 380, 40))
    qtbot.waitUntil(lambda: t.overlay.pulsing, timeout=5000)
    first = around(t.canvas, grab(t.canvas), x, y)
    qtbot.wait(700)  # half a pulse later, had it moved
    second = around(t.canvas, grab(t.canvas), x, y)
    assert t.overlay.pulse_strength() == 1.0
    assert np.array_equal(first, second)
    assert (np.abs(first - plain).max(axis=2) > 40).sum() > 30
    t.session.close()


def test_the_engines_own_reason_is_told(qtbot, qapp, tmp_path):
    """With the shipped checks: a ball drawn at the bottom on "Draw a ball at the top"
    gets the engine's reason in words and a pulse where it points."""
    t = open_lesson(qtbot, qapp, tmp_path)
    outcomes = keep_outcomes(t.panel)  # only recorded: the reasons are the engine's
    drag(t.canvas, ring(320, 380, 40))
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    why = outcomes[-1].why
    assert not outcomes[-1].met and why is not None and why.picture == 1
    shown, spoken = why_words(why)
    assert "picture 1" in shown
    qtbot.waitUntil(lambda: t.panel.hint_label.text() == shown, timeout=5000)
    assert t.heard[-1] == shown and t.said[-1] == spoken
    assert t.overlay.pulsing
    x, y = target_of(why, t.lesson, 640, 480)
    assert y < 240  # it points up, where the ball should be
    t.session.close()

"""The help ladder: Help (F3) pressed again and again gives the hint with a highlight, then
a demonstration drawn on the paper from the example film, then a faint picture to trace.
Each rung is shown, announced and said; none of it ever gets into the film."""

from __future__ import annotations

import numpy as np
from lesson_help import drag, film_pixels, grab, open_lesson, ring, widget_point
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from scipy import ndimage

from kadr.core.picture import const_array
from kadr.core.render import Renderer
from kadr.core.store import load
from kadr.export.options import ExportOptions
from kadr.export.runner import run_export
from kadr.ui.lesson_panel import DEBOUNCE_MS


def press_help(t) -> None:
    QTest.mouseClick(t.panel.hint_button, Qt.MouseButton.LeftButton)


def example_points(t, index: int = 0, inside: int = 1, away: float = 0):
    """Places (paper pixels) inside the example picture's ink, and its pixels: where the
    copy on screen shows the ink's own colour. ``away``: only places that far from the
    step's guides (their dots and highlight are drawn over everything)."""
    film = t.lesson.example_project()
    image = Renderer(film).drawing(index)  # both alive while the pixels are copied
    pixels = const_array(image).copy()
    solid = ndimage.binary_erosion(pixels[..., 3] == 255, iterations=inside)
    for guide in t.panel.run.guides():
        for gx, gy in guide.points:
            yy, xx = np.mgrid[:solid.shape[0], :solid.shape[1]]
            solid &= np.hypot(xx - gx * film.width, yy - gy * film.height) >= away
    ys, xs = np.nonzero(solid)
    keep = np.linspace(0, len(xs) - 1, min(200, len(xs))).astype(int)
    return [(int(xs[k]), int(ys[k])) for k in keep], pixels


def shown_at(t, grabbed, points):
    """The grabbed colours (B, G, R) at paper places."""
    ratio = grabbed.shape[1] / t.canvas.width()
    out = []
    for x, y in points:
        p = widget_point(t.canvas, x, y)
        out.append(grabbed[round(p.y() * ratio), round(p.x() * ratio), :3].astype(int))
    return np.array(out)


def gif_of(project, folder) -> bytes:
    folder.mkdir(exist_ok=True)
    return run_export(project, folder / "film.gif", ExportOptions(format="gif")).read_bytes()


def test_three_presses_three_rungs_each_said(qtbot, qapp, tmp_path):
    """Hint (with the step's guide pulsing), Show me, Help me do it: each rung is shown,
    announced and said, the button says what its next press does, F3 works like a click,
    and the learner's progress counts the rungs so a teacher can fade them."""
    t = open_lesson(qtbot, qapp, tmp_path)
    button = t.panel.hint_button
    assert button.text() == "Hint"
    assert button.accessibleDescription().startswith("Hear a hint and see where to look")
    press_help(t)
    hint = t.lesson.text("hint", "top")
    assert t.panel.hint_label.text() == hint and t.heard[-1] == hint
    assert t.said[-1] == t.lesson.text("hint", "top", speech=True)
    assert t.overlay.pulsing and [g.id for g in t.overlay.pulse_guides] == ["keys"]
    assert button.text() == "Show me" and button.property("picture") == "watch"
    assert "drawn on the paper" in button.accessibleDescription()
    t.studio.activateWindow()
    qtbot.waitUntil(t.studio.isActiveWindow)
    QTest.keyClick(t.panel.hint_button, Qt.Key.Key_F3)  # a shortcut clicks a moment later
    qtbot.waitUntil(lambda: t.said[-1] == "Watch. This is how it can look.")
    assert t.heard[-1] == "Watch. This is how it can look."
    assert t.overlay.demo_playing
    assert button.text() == "Help me do it" and button.property("picture") == "trace"
    press_help(t)
    assert t.said[-1] == t.heard[-1] == "Draw over the faint picture. Follow its lines."
    assert t.panel.hint_label.text() == t.heard[-1]
    assert t.overlay.trace_page == 0 and t.overlay.tracing_shown()
    assert button.text() == "Hint" and "again" in button.accessibleDescription()
    assert t.progress.entry("bounce")["hints"]["top"] == 3
    assert t.panel.run.hints_shown == 3
    press_help(t)  # the top rung again: said again, not counted again
    assert t.said[-1] == "Draw over the faint picture. Follow its lines."
    assert t.progress.entry("bounce")["hints"]["top"] == 3
    t.session.close()


def test_demonstration_draws_the_example_and_never_changes_the_film(qtbot, qapp, tmp_path):
    """Show me draws the example's picture 1 on the paper over about two seconds, part
    by part like a pen (at half time some of its ink is there in its own colour and some
    not yet at all: not a fade), ends showing all of it, and the film, its file and its
    export are the same as before."""
    t = open_lesson(qtbot, qapp, tmp_path)
    drag(t.canvas, ring(320, 380, 40))  # the child's own (wrong) ball stays the child's
    qtbot.wait(DEBOUNCE_MS)
    t.session.flush()
    before, undo = film_pixels(t.studio.project), t.studio.project.undo_stack.count()
    gif = gif_of(t.studio.project, tmp_path / "before")
    points, example = example_points(t)
    colours = example[[y for _x, y in points], [x for x, _y in points], :3].astype(int)
    press_help(t)
    press_help(t)
    grabs = []
    for moment in (0.25, 0.5, 0.75):
        qtbot.waitUntil(lambda m=moment: t.overlay.demo_progress() >= m, timeout=5000)
        grabs.append((t.overlay.demo_progress(), shown_at(t, grab(t.canvas), points)))
    qtbot.waitUntil(lambda: t.overlay.demo_progress() >= 1.0, timeout=5000)
    end = shown_at(t, grab(t.canvas), points)
    assert t.overlay.demo_playing  # the finished picture stays a moment
    drawn = [(np.abs(g - colours).max(axis=1) <= 40).mean() for _p, g in grabs]
    assert drawn[0] < drawn[1] < drawn[2]  # it grows ...
    half = next(g for p, g in grabs if p < 0.95)
    untouched = (np.abs(half - 255).max(axis=1) <= 12).mean()  # still plain paper there
    assert drawn[1] > 0.1 and untouched > 0.1  # ... as drawn ink, not as a fade
    assert (np.abs(end - colours).max(axis=1) <= 40).mean() > 0.95  # all of it at the end
    qtbot.waitUntil(lambda: not t.overlay.demo_playing, timeout=8000)
    gone = shown_at(t, grab(t.canvas), points)
    assert (np.abs(gone - colours).max(axis=1) <= 40).mean() < 0.05
    after = film_pixels(t.studio.project)
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    assert t.studio.project.undo_stack.count() == undo
    assert t.session.flush()
    saved = film_pixels(load(t.path))
    assert all(np.array_equal(a, b) for a, b in zip(before, saved, strict=True))
    assert gif_of(t.studio.project, tmp_path / "after") == gif
    t.session.close()


def test_faint_picture_to_trace_is_not_in_the_film_and_goes_when_met(qtbot, qapp, tmp_path):
    """Help me do it lays the example's picture faintly (about a quarter) on the paper;
    the film and its export do not have it; drawing the ball over it meets the step, and
    then the faint picture is gone."""
    t = open_lesson(qtbot, qapp, tmp_path)
    before = film_pixels(t.studio.project)
    gif = gif_of(t.studio.project, tmp_path / "before")
    points, example = example_points(t, away=12)
    colours = example[[y for _x, y in points], [x for x, _y in points], :3].astype(int)
    for _ in range(3):
        press_help(t)
    assert t.overlay.tracing_shown() and not t.overlay.demo_playing
    qtbot.waitUntil(lambda: not t.overlay.pulsing, timeout=8000)  # rung 1's pulse is over
    assert t.overlay.tracing_shown()
    faint = shown_at(t, grab(t.canvas), points)
    expected = 255 * 0.75 + colours * 0.25
    assert np.abs(faint - expected).max(axis=1).mean() <= 12
    assert (np.abs(faint - colours).max(axis=1) <= 40).mean() < 0.05  # not the ink itself
    assert all(np.array_equal(a, b) for a, b in zip(before, film_pixels(t.studio.project),
                                                     strict=True))
    assert gif_of(t.studio.project, tmp_path / "after") == gif
    ys, xs = np.nonzero(example[..., 3] > 16)
    centre, radius = (xs.mean(), ys.mean()), (xs.max() - xs.min()) / 2 - 6
    drag(t.canvas, ring(*centre, radius))  # over the faint ball's line
    qtbot.waitUntil(lambda: t.panel.run.current_step.id != "top", timeout=5000)
    assert t.overlay.trace_page is None and not t.overlay.tracing_shown()
    inside = [(x, y) for x, y in points if np.hypot(x - centre[0], y - centre[1]) < radius - 12]
    assert inside
    assert (np.abs(shown_at(t, grab(t.canvas), inside) - 255).max(axis=1) <= 3).all()
    assert t.panel.hint_button.text() == "Hint"  # a new step: the ladder starts again
    t.session.close()


def test_faint_picture_goes_when_the_page_turns(qtbot, qapp, tmp_path):
    """Turning to another picture takes the faint picture away."""
    t = open_lesson(qtbot, qapp, tmp_path)
    for _ in range(3):
        press_help(t)
    assert t.overlay.trace_page == 0
    strip = t.studio.timeline.list
    QTest.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, strip.visualItemRect(strip.item(1)).center())
    qtbot.waitUntil(lambda: t.canvas.index == 1)
    grab(t.canvas)
    assert t.overlay.trace_page is None
    QTest.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, strip.visualItemRect(strip.item(0)).center())
    qtbot.waitUntil(lambda: t.canvas.index == 0)
    assert not t.overlay.tracing_shown()
    t.session.close()


def test_a_step_about_a_button_highlights_names_then_reaches_it(qtbot, qapp, tmp_path):
    """On "Press Play": the hint with Play blinking, then Play named, then the keyboard on
    Play (Enter presses it)."""
    t = open_lesson(qtbot, qapp, tmp_path)
    while t.panel.run.current_step.id != "play":
        t.panel.skip()
    play = t.studio.playback.play
    assert play.property("lessonTarget") is True
    press_help(t)
    assert t.said[-1] == t.lesson.text("hint", "play", speech=True)
    qtbot.waitUntil(lambda: play.property("lessonTarget") is False, timeout=3000)  # blinks
    qtbot.waitUntil(lambda: play.property("lessonTarget") is True, timeout=3000)
    assert "See which button to press" in t.panel.hint_button.accessibleDescription()
    press_help(t)
    assert t.heard[-1] == f"Press this button: {play.accessibleName()}."
    press_help(t)
    assert t.heard[-1].startswith(play.accessibleName()) and "Enter" in t.heard[-1]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is play)
    qtbot.waitUntil(lambda: play.property("lessonTarget") is True, timeout=5000)
    t.session.close()


def test_the_first_rung_comes_by_itself_after_a_pause(qtbot, qapp, tmp_path):
    """With a teacher's hint_after_seconds the first rung comes after the child stops,
    never in the middle of a stroke, and is said."""
    t = open_lesson(qtbot, qapp, tmp_path)
    points = ring(320, 380, 40)
    t.panel.set_hint_delay(1)
    QTest.mousePress(t.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(t.canvas, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(t.canvas, widget_point(t.canvas, *p))
    qtbot.wait(1500)  # longer than the delay, with the pen down
    assert t.panel.ladder.rung == 0 and not t.panel.hint_label.text()
    QTest.mouseRelease(t.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget_point(t.canvas, *points[-1]))
    hint = t.lesson.text("hint", "top")
    qtbot.waitUntil(lambda: t.panel.ladder.rung == 1, timeout=5000)
    assert hint in t.panel.hint_label.text()
    assert t.said[-1].endswith(t.lesson.text("hint", "top", speech=True))
    assert t.panel.hint_button.text() == "Show me"
    t.session.close()


def test_help_for_another_picture_waits_there(qtbot, qapp, tmp_path):
    """A reason about picture 5 while the child is on picture 1: Help me do it says to go
    there and offers it; the faint picture is on picture 5 when the child goes, not here."""
    from lesson_help import keep_outcomes

    from kadr.lessons.why import Why

    t = open_lesson(qtbot, qapp, tmp_path)
    keep_outcomes(t.panel, lambda: Why("Draw the ball on the floor in picture {picture}.",
                                       picture=5, place=(0.5, 0.79)))
    drag(t.canvas, ring(320, 380, 40))
    qtbot.waitUntil(lambda: t.panel.go_button.isVisibleTo(t.panel), timeout=5000)
    for _ in range(3):
        press_help(t)
    assert t.said[-1] == ("Go to picture 5. A faint picture is there for you to draw over.")
    assert t.overlay.trace_page == 4 and not t.overlay.tracing_shown()
    assert t.canvas.index == 0 and t.panel.go_button.isVisibleTo(t.panel)
    QTest.mouseClick(t.panel.go_button, Qt.MouseButton.LeftButton)
    assert t.canvas.index == 4 and t.overlay.tracing_shown()
    t.session.close()


def test_the_help_on_show_follows_a_language_switch(qtbot, qapp, tmp_path):
    """The words of the rung on show change with the language (and are not counted again)."""
    from PySide6.QtCore import QEvent

    from kadr.i18n import set_language

    t = open_lesson(qtbot, qapp, tmp_path)
    press_help(t)
    press_help(t)
    try:
        set_language("ru")
        QApplication.sendEvent(t.panel, QEvent(QEvent.Type.LanguageChange))
        assert t.panel.hint_label.text() == "Смотри. Вот как это может выглядеть."
        assert t.panel.hint_button.text() == "Помоги"
    finally:
        set_language("en")
        QApplication.sendEvent(t.panel, QEvent(QEvent.Type.LanguageChange))
    assert t.panel.hint_label.text() == "Watch. This is how it can look."
    assert t.progress.entry("bounce")["hints"]["top"] == 2
    t.session.close()

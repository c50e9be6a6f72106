"""A lesson step that names a control shows it (even when the Simple level hides it) and
highlights it; the next step takes the highlight away."""

from __future__ import annotations

from helpers import film
from kadr.lessons import Progress, load_lessons
from kadr.settings import Settings
from kadr.ui import canvas_words


def first_step_with(check: str):
    for lesson in load_lessons()[0]:
        for i, step in enumerate(lesson.steps):
            if any(goal.check == check for goal in step.goals):
                return lesson, i
    raise AssertionError(f"no shipped lesson asks for {check}")


def test_longer_is_shown_and_highlighted_only_while_its_step_lasts(qtbot, tmp_path):
    canvas_words.install()
    from kadr.ui.studio import Studio

    lesson, index = first_step_with("hold_at_least")
    studio = Studio(film(3), Settings(level="simple"))
    qtbot.addWidget(studio)
    studio.resize(1366, 740)
    studio.show()
    studio.attach_lesson(lesson, Progress(tmp_path))
    longer = studio.timeline.buttons["longer"]
    panel = studio.lesson_panel
    assert not longer.isVisibleTo(studio) or index == 0  # Simple hides it ...
    for _ in range(index):
        panel.skip()
    assert longer.isVisibleTo(studio)  # ... until a step asks for it
    assert longer.property("lessonTarget") is True
    assert longer in studio.step_controls()
    asks_again = any(g.check == "hold_at_least" for g in lesson.steps[index + 1].goals) \
        if index + 1 < len(lesson.steps) else True
    panel.skip()
    if not asks_again:
        assert longer.property("lessonTarget") is False
        assert not longer.isVisibleTo(studio)


def test_play_is_highlighted_when_a_step_asks_to_play(qtbot, tmp_path):
    canvas_words.install()
    from kadr.ui.studio import Studio

    lesson, index = first_step_with("played")
    studio = Studio(film(3), Settings())
    qtbot.addWidget(studio)
    studio.attach_lesson(lesson, Progress(tmp_path))
    for _ in range(index):
        studio.lesson_panel.skip()
    assert studio.playback.play.property("lessonTarget") is True


def test_the_step_is_the_lessons_first_stop_and_watch_how_says_what_it_shows(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    canvas_words.install()
    from kadr.ui.studio import Studio

    lesson = load_lessons()[0][0]
    studio = Studio(film(3), Settings())
    qtbot.addWidget(studio)
    studio.show()
    studio.attach_lesson(lesson, Progress(tmp_path))
    panel = studio.lesson_panel
    qtbot.waitUntil(panel.isVisible)
    studio.canvas.setFocus()
    QTest.keyClick(studio.canvas, Qt.Key.Key_Tab)
    assert studio.focusWidget() is panel.instruction  # Tab from the paper: the step
    assert panel.instruction.text()
    assert lesson.text("goal") in studio.watch_example.accessibleDescription()


def test_the_lesson_checks_after_a_pause_not_while_the_pen_is_down(qtbot, tmp_path):
    """Praise comes when the child pauses (about a second after the pen is lifted) or
    turns a page, never in the middle of drawing."""
    from kadr.ui import lesson_panel as lp

    canvas_words.install()
    from kadr.ui.studio import Studio

    studio = Studio(film(3), Settings())
    qtbot.addWidget(studio)
    studio.attach_lesson(load_lessons()[0][0], Progress(tmp_path))
    panel = studio.lesson_panel
    checks: list[int] = []
    real = panel.run.check
    panel.run.check = lambda: (checks.append(1), real())[1]  # type: ignore[method-assign]
    studio.canvas.drawing.emit(True)  # the pen goes down
    panel.check_now()  # an edit while drawing (a stroke's picture changed)
    qtbot.wait(lp.DEBOUNCE_MS + 300)
    assert checks == []  # not in the middle of a stroke
    studio.canvas.drawing.emit(False)  # the pen is lifted
    qtbot.wait(lp.DEBOUNCE_MS // 2)
    assert checks == []  # not yet: the child may draw on
    qtbot.waitUntil(lambda: bool(checks), timeout=lp.DEBOUNCE_MS * 3)
    checks.clear()
    studio.timeline.list.setCurrentRow(1)  # a page turn: checked at once
    qtbot.waitUntil(lambda: bool(checks), timeout=300)

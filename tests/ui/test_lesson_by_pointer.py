"""A whole lesson with a pointer and no dragging: 'A face that blinks', from the gallery
to sharing the film, by click-move-click alone (clicks and moves, no button ever held)
and by dwell alone (moves and rests, never a press). No key is pressed, and Next
(skipping) never: each step ends because its goal is met. The dwell's clock is one the
test moves by hand (switch_helpers.FakeClock)."""

from __future__ import annotations

import pytest
from pointer_helpers import Hand
from PySide6.QtCore import Qt, QTimer
from switch_helpers import FakeClock

from kadr.ui.dwell import Dwell

FACE = [(454, 216), (415, 311), (320, 350), (225, 311), (186, 216), (225, 121), (320, 82),
        (415, 121), (454, 216)]  # a big octagon on the lesson's dotted circle


def on_step(qtbot, panel, step_id):
    qtbot.waitUntil(lambda: panel.run.finished or panel.run.current_step.id == step_id,
                    timeout=15000)


@pytest.mark.parametrize("mode", ["click", "dwell"])
def test_a_whole_lesson_by_pointer_alone(qtbot, qapp, tmp_path, monkeypatch, mode):
    from modal_answers import check, when_shown

    from kadr.core.library import Library
    from kadr.settings import Settings
    from kadr.ui import canvas_words, theme
    from kadr.ui.celebration import Celebration
    from kadr.ui.export_dialog import ExportDialog
    from kadr.ui.main_window import MainWindow

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    # the canvas draws by click-move-click in both: a dwell is a click there too
    window = MainWindow(Settings(language="en", click_move_click=True), Library(tmp_path / "lib"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    dwell = None
    if mode == "dwell":
        clock = FakeClock()
        dwell = Dwell(1.0, paper=True, clock=clock)
        dwell.start()
        hand = Hand("dwell", dwell, clock)
    else:
        hand = Hand("click")
    keys = []

    class NoKeys:  # proof that no key is pressed anywhere
        def eventFilter(self, _obj, event):
            from PySide6.QtCore import QEvent

            if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
                keys.append(event.key())
            return False

    from PySide6.QtCore import QObject

    watcher = type("KeyWatcher", (QObject,), {"eventFilter": NoKeys.eventFilter})()
    qapp.installEventFilter(watcher)
    try:
        hand.click(window.gallery.buttons["lessons"])
        screen = window.lessons_screen
        qapp.processEvents()
        picker = screen.picker.list
        row = next(i for i in range(picker.count())
                   if picker.item(i).data(Qt.ItemDataRole.UserRole) == "blink")
        hand.click_item(picker, row)
        hand.click(screen.picker.start_button)
        studio = window.studio
        panel = studio.lesson_panel
        qtbot.waitUntil(panel.isVisible)
        assert panel.run.lesson.id == "blink"
        skipped = []
        panel.next_button.clicked.connect(lambda: skipped.append(True))
        canvas = studio.canvas
        tools = studio.tools_panel

        # 1. a big face: the outline, two open eyes, a mouth (each one stroke)
        hand.draw(canvas, FACE)
        hand.draw(canvas, [(288, 172), (288, 196)])
        hand.draw(canvas, [(352, 172), (352, 196)])
        hand.draw(canvas, [(288, 270), (320, 276), (352, 270)])
        on_step(qtbot, panel, "copy")
        # 2. Copy picture
        hand.click(studio.timeline.buttons["copy"])
        on_step(qtbot, panel, "closed")
        assert canvas.index == 1
        # 3. closed eyes in picture 2: rub the open eyes out, draw a line
        hand.click(tools.tool_buttons["eraser"])
        hand.click(tools.size_buttons[2])  # thick
        hand.draw(canvas, [(272, 184), (320, 184), (368, 184)])
        hand.click(tools.tool_buttons["brush"])
        hand.click(tools.size_buttons[1])
        hand.draw(canvas, [(268, 198), (320, 198), (372, 198)])
        on_step(qtbot, panel, "play")
        # 4. Play (and stop)
        hand.click(studio.playback.play)
        on_step(qtbot, panel, "longer")
        hand.click(studio.playback.play)
        assert not studio.player.is_playing()
        # 5. picture 1 stays longer: choose it in the strip, Longer three times
        hand.click_item(studio.timeline.list, 0)
        assert canvas.index == 0
        for _ in range(3):
            hand.click(studio.timeline.buttons["longer"])
        assert studio.project.frames[0].hold >= 4
        on_step(qtbot, panel, "play_again")
        # 6. Play again (and stop)
        hand.click(studio.playback.play)
        on_step(qtbot, panel, "save")
        hand.click(studio.playback.play)
        # 7. Share: Save; the lesson's end shows over it (Keep drawing); then Close
        shares = []

        def save(dialog):
            qapp.processEvents()
            shares.append(dialog)
            hand.click(dialog.save)  # the film is made in the background

        def close_share():
            dialog = shares[0]
            qapp.processEvents()
            assert dialog.job is None
            hand.click(dialog.cancel)

        def celebrate(celebration):
            qapp.processEvents()
            hand.click(celebration.keep_button)
            QTimer.singleShot(0, close_share)

        when_shown(ExportDialog, save)
        when_shown(Celebration, celebrate, tries=3000, give_up_ms=60000)
        hand.click(studio.top_buttons["export"])
        check()
        assert shares and shares[0].last_path is not None and shares[0].last_path.exists()
        assert panel.run.finished
        assert not skipped
        assert keys == []  # no key was pressed: only the pointer
        assert hand.clicks > 20
    finally:
        qapp.removeEventFilter(watcher)
        if dwell is not None:
            dwell.stop()
        window.close()

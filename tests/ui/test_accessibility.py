"""In-process accessibility checks of the studio: names, sizes, contrast, Tab, focus ring."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QListWidget,
    QWidget,
)

from kadr.core.colour import contrast_ratio
from kadr.ui import theme
from kadr.ui.canvas import Canvas

INTERACTIVE = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QListWidget, Canvas)


def controls(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    # spin boxes' inner line edits and scroll bars of scroll areas belong to their owners
    return [w for w in found if w.isVisibleTo(root) and w.objectName()
            and "qt_" not in w.objectName()]


def all_visible_controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)
            and w.isVisibleTo(root) and not w.objectName().startswith("qt_")
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus]


def test_every_control_has_name_description_and_object_name(studio):
    """Each interactive control: objectName, accessible name with its visible words, description."""
    for w in all_visible_controls(studio):
        assert w.objectName(), w
        name = w.accessibleName()
        assert name, w.objectName()
        # label in name (WCAG 2.5.3) for words; a bare symbol such as "+" is not a label
        if isinstance(w, QAbstractButton) and any(ch.isalnum() for ch in w.text()):
            assert w.text().replace("&", "").replace("…", "").split("  ")[0] in name, w.objectName()
        assert w.accessibleDescription() or isinstance(w, Canvas), w.objectName()


def test_every_target_is_at_least_44px(studio):
    """Every pointer target is at least 44 x 44 px at 100 % (the canvas is bigger anyway)."""
    small = [(w.objectName(), w.width(), w.height()) for w in all_visible_controls(studio)
             if w.width() < 44 or w.height() < 44]
    assert small == []


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_theme_colours_have_enough_contrast(name):
    """Text >= 4.5:1 (7:1 in high contrast); borders and focus ring >= 3:1."""
    t = theme.THEMES[name]
    text_min = 7.0 if name in theme.HIGH_CONTRAST else 4.5
    for fg, bg in ((t.text, t.window), (t.button_text, t.button),
                   (t.highlight_text, t.highlight), (t.muted_text, t.window),
                   (t.muted_text, t.button), (t.warning_text, t.warning)):
        assert contrast_ratio(fg, bg) >= text_min, (name, fg, bg)
    for edge, bg in ((t.border, t.window), (t.border, t.button), (t.focus, t.window),
                     (t.focus, t.button), (t.focus, t.border), (t.highlight, t.button)):
        assert contrast_ratio(edge, bg) >= 3.0, (name, edge, bg)


def test_palette_selection_colours_pass(qapp):
    """The applied palette's selection text is >= 4.5:1 (Fusion's default is 3.69:1)."""
    for name in theme.THEMES:
        theme.apply(qapp, name, 1.0)
        pal = qapp.palette()
        fg = pal.color(pal.ColorRole.HighlightedText).name()
        bg = pal.color(pal.ColorRole.Highlight).name()
        assert contrast_ratio(fg, bg) >= 4.5, name
    theme.apply(qapp, "standard", 1.0)


def test_tab_reaches_every_control_and_cycles(studio, qtbot):
    """Tab visits every focusable control and comes back to the start (no trap)."""
    studio.activateWindow()
    first = studio.top_buttons["projects"]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    seen = []
    for _ in range(400):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        if w is first:
            break
        seen.append(w)
    else:
        pytest.fail("Tab never came back to the first control")
    # a choice group (tools, sizes, colours) is one stop: its chosen button
    wanted = {w for w in all_visible_controls(studio) if w.isEnabled()
              and w.focusPolicy() & Qt.FocusPolicy.TabFocus} - {first}
    missing = {w.objectName() for w in wanted} - {w.objectName() for w in seen if w}
    assert missing == set()
    assert len(seen) + 1 <= 25  # the whole studio in at most 25 stops


def test_arrows_reach_and_choose_every_button_of_a_group(studio, qtbot):
    """Tools, sizes and colours: Tab reaches the chosen one; arrows choose the others."""
    studio.set_level("all")
    for group in (studio.tools_panel.tool_group, studio.tools_panel.size_group,
                  studio.tools_panel.colours.group):
        stops = [b for b in group.buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
        assert len(stops) == 1 and stops[0].isChecked()
        stops[0].setFocus(Qt.FocusReason.TabFocusReason)
        reached = {stops[0].objectName()}
        for _ in range(len(group.buttons)):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
            now = QApplication.focusWidget()
            assert now.isChecked()  # moving is choosing, and it is said
            reached.add(now.objectName())
        assert reached == {b.objectName() for b in group.buttons}
    assert any(t.startswith("Colour:") for t in studio.announcement_log)


def test_focus_ring_is_thick_and_visible(studio, qtbot):
    """After a real Tab press the focused button shows a ring >= 2 px with >= 3:1 contrast."""
    b = studio.top_buttons["undo"]
    studio.top_buttons["projects"].setFocus(Qt.FocusReason.TabFocusReason)
    before = b.grab().toImage()
    QTest.keyClick(studio.top_buttons["projects"], Qt.Key.Key_Tab)
    qtbot.waitUntil(b.hasFocus)
    after = b.grab().toImage()
    y = b.height() // 2
    ring = QColor(theme.THEMES["standard"].focus)
    changed = [x for x in range(0, 8) if after.pixelColor(x, y) != before.pixelColor(x, y)]
    assert len(changed) >= 2
    for x in changed[:2]:
        assert contrast_ratio(after.pixelColor(x, y).name(), before.pixelColor(x, y).name()) >= 3
    assert any(after.pixelColor(x, y) == ring for x in range(0, 8))


def test_ui_size_200_gives_room_to_every_widget(studio, qapp, qtbot):
    """At UI size 200 % every control is at least its size hint (nothing clipped)."""
    theme.apply(qapp, "standard", 2.0)
    studio.refit()
    studio.resize(1366, 740)
    qtbot.wait(50)
    try:
        tight = [(w.objectName(), w.size().toTuple(), w.sizeHint().toTuple())
                 for w in all_visible_controls(studio)
                 if isinstance(w, QAbstractButton)
                 and (w.width() < w.sizeHint().width() or w.height() < w.sizeHint().height())]
        assert tight == []
        assert studio.minimumSizeHint().height() <= 740
        assert studio.minimumSizeHint().width() <= 1366
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_canvas_describes_itself_in_words(studio):
    """The canvas says the picture, drawing position, tool and onion state."""
    words = studio.canvas.description()
    assert "Picture 1 of 3, lasts 1 frame." in words
    assert "Has a drawing on the left." in words
    assert "Tool: Brush, colour Black, size 10." in words
    studio.toggle_onion()
    studio.go_to(1)
    assert "showing pictures 1, 3" in studio.canvas.description()


def test_frame_change_is_announced(studio):
    """Turning a page announces the new picture."""
    studio.player.step(1)
    assert studio.announcement_log[-1] == "Picture 2 of 3, lasts 1 frame"


def test_f6_moves_between_regions(qtbot, qapp, tmp_path):
    """F6 and Shift+F6 move focus between tools, paper, pictures strip and top bar."""
    from kadr.core.library import Library
    from kadr.core.project import blank_project
    from kadr.core.store import save_copy
    from kadr.settings import Settings
    from kadr.ui.main_window import MainWindow

    path = tmp_path / "film.kadr"
    save_copy(blank_project(320, 240), path)
    window = MainWindow(Settings(language="en"), Library(tmp_path / "library"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    assert window.open_project(path)
    s = window.studio
    qtbot.waitUntil(s.canvas.hasFocus)
    seen = []
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [s.timeline.list, s.top_buttons["projects"],
                    s.tools_panel.tool_buttons["brush"], s.canvas]
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is s.tools_panel.tool_buttons["brush"]
    window.close()

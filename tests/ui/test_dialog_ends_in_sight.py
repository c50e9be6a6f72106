"""A dialog taller than the screen scrolls its options, but what ends it (Save, Close, a
row of answers) stays in sight under them, after them in the Tab order; a film's flash
warning is the first thing in the Share window. The offscreen screen is 800 x 800: at
UI size 200 % every one of these dialogs is taller than that, as the Share window is at
100 % on a 1024 x 600 netbook (seen under openbox: Save was below the fold)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea, QWidget

from kadr.core.project import blank_project
from kadr.ui import theme


def whole_in_sight(widget: QWidget) -> bool:
    """Every pixel of ``widget`` can be seen: not scrolled away, not covered, not clipped."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def rows_in_sight(widget: QWidget) -> bool:
    """Every row of ``widget`` can be seen (a wrapped text on the 800 px wide test screen
    at 200 % is wider than the window, which a 1024 px netbook is not)."""
    seen = widget.visibleRegion().boundingRect()
    return widget.isVisible() and (seen.top(), seen.height()) == (0, widget.height())


def chain(start: QWidget) -> list[QWidget]:
    """The Tab order from ``start`` once round."""
    out, w = [start], start.nextInFocusChain()
    while w is not start and len(out) < 500:
        out.append(w)
        w = w.nextInFocusChain()
    return out


def make(name: str, parent: QWidget):  # type: ignore[no-untyped-def]
    """(dialog, the buttons that end it, a control the body scrolls)."""
    if name == "share":
        from kadr.ui.export_dialog import ExportDialog

        d = ExportDialog(blank_project(320, 240), None, parent)
        return d, [d.save, d.cancel], d.description
    if name == "settings":
        from kadr.settings import Settings
        from kadr.ui.settings_dialog import SettingsDialog

        d = SettingsDialog(Settings(), parent)
        return d, [d.close_button], d.language
    if name == "new project":
        from kadr.ui.gallery_dialogs import NameDialog

        d = NameDialog(parent, "My film")
        return d, [d.ok, d.cancel], d.edit
    raise AssertionError(name)


@pytest.mark.parametrize("name", ["share", "settings", "new project"])
def test_the_end_stays_in_sight_and_comes_last(qtbot, qapp, name):
    theme.apply(qapp, "standard", 2.0)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        dialog, ends, option = make(name, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        screen = dialog.screen().availableGeometry()
        assert dialog.frameGeometry().height() <= screen.height()
        dialog.resize(dialog.width(), min(dialog.height(), 500))  # a smaller screen still
        qtbot.wait(20)
        area = dialog.findChild(QScrollArea)
        assert area is not None
        assert area.verticalScrollBar().maximum() > 0, "the body must scroll here"
        # nothing wider than the window (a label of Share's was one line of 881 px)
        assert area.horizontalScrollBar().maximum() == 0, "the body must not scroll sideways"
        for button in ends:
            assert whole_in_sight(button), button.objectName()
            area.verticalScrollBar().setValue(0)  # scrolled either way: still in sight
            qtbot.wait(10)
            assert whole_in_sight(button), button.objectName()
        order = chain(option)
        assert all(order.index(b) > 0 for b in ends), "after the options, in reading order"
        first = next(w for w in chain(dialog) if w.focusPolicy() and w.isVisible()
                     and w is not dialog)
        assert first not in ends, f"{first.objectName()} before the options"
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_a_flash_warning_comes_first_in_the_share_window(qtbot, qapp):
    from test_share_and_flash import strobe

    from kadr.export.flash import check_project
    from kadr.ui.export_dialog import ExportDialog

    theme.apply(qapp, "standard", 2.0)
    try:
        film = strobe()
        dialog = ExportDialog(film, None, None, flash=check_project(film))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(20)
        assert dialog.findChild(QScrollArea).verticalScrollBar().maximum() > 0
        assert dialog.findChild(QScrollArea).horizontalScrollBar().maximum() == 0
        assert whole_in_sight(dialog.flash) and whole_in_sight(dialog.safer)
        assert dialog.flash.geometry().top() < dialog.radios["gif"].geometry().top()
        assert whole_in_sight(dialog.save)
        # the choice has the focus, not Save: Return must not share a flashing film unseen
        assert dialog.focusWidget() is dialog.radios["gif"]
    finally:
        theme.apply(qapp, "standard", 1.0)

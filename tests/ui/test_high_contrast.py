"""What low-vision children need of every theme: an unticked box they can see, a ticked
one that carries a tick, dark swatches with an edge, the chosen swatch marked by more
than its colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from kadr.core.tools import ToolState
from kadr.ui import theme
from kadr.ui.tools_panel import ColourRow


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def lin(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def colours_in(image, rect) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())}


@pytest.fixture
def themed(qapp):
    yield lambda name: theme.apply(qapp, name, 1.0)
    theme.apply(qapp, "standard", 1.0)


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_an_unticked_box_shows_and_a_ticked_one_has_a_tick(qtbot, themed, name):
    t = theme.THEMES[name]
    themed(name)
    box = QCheckBox("Talking buttons")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    window = QColor(t.window)
    edge = max(contrast(QColor(c), window) for c in colours_in(image, indicator))
    assert edge >= 3.0, f"unticked box edge only {edge:.1f}:1 against the window"
    box.setChecked(True)
    image = box.grab().toImage()
    seen = colours_in(image, indicator)
    assert t.highlight.lower() in seen  # filled ...
    tick = max(contrast(QColor(c), QColor(t.highlight)) for c in seen)
    assert tick >= 3.0  # ... and a tick that shows on the fill


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_dark_swatches_have_an_edge_and_the_chosen_one_a_tick(qtbot, themed, name):
    t = theme.THEMES[name]
    themed(name)
    tools = ToolState(color="#000075")
    row = ColourRow(tools)
    qtbot.addWidget(row)
    row.set_button_size(48, t.button_text)
    navy, black = row.buttons["#000075"], row.buttons["#000000"]
    assert navy.isChecked() and not black.isChecked()
    icon = black.icon().pixmap(40, 40).toImage()
    edge = {icon.pixelColor(0, 20).name(), icon.pixelColor(1, 20).name()}
    assert QColor(t.button_text).name() in edge  # outlined in the theme's ink
    chosen = navy.icon().pixmap(40, 40).toImage()
    centre = {chosen.pixelColor(x, y).name() for x in range(12, 30) for y in range(12, 30)}
    assert "#ffffff" in centre  # a white tick on the dark colour: not colour alone
    plain = row.buttons["#4363d8"].icon().pixmap(40, 40).toImage()
    assert "#ffffff" not in {plain.pixelColor(x, y).name() for x in range(12, 30)
                             for y in range(12, 30)}


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("name", list(theme.THEMES))
def test_scroll_bars_and_list_tick_boxes_are_big_and_show(qtbot, qapp, name, scale):
    """A shaky hand can hold a scroll bar (24 px wide and a handle 44 px long at 100 %,
    growing with the UI size) whose handle stands out from its groove (3:1) in every
    theme; tick boxes in lists are as big as the others (28 px), not Fusion's ~14 px."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyleOptionSlider

    t = theme.THEMES[name]
    theme.apply(qapp, name, scale)
    try:
        box = QListWidget()
        qtbot.addWidget(box)
        for i in range(60):
            item = QListWidgetItem(f"Lesson {i}", box)
            item.setCheckState(Qt.CheckState.Checked if i % 2 else Qt.CheckState.Unchecked)
        box.resize(round(400 * scale), round(300 * scale))
        box.show()
        qtbot.waitExposed(box)
        bar = box.verticalScrollBar()
        assert bar.isVisible() and bar.width() >= round(24 * scale)
        option = QStyleOptionSlider()
        bar.initStyleOption(option)
        handle = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                            QStyle.SubControl.SC_ScrollBarSlider, bar)
        assert handle.height() >= round(44 * scale) and handle.width() >= round(16 * scale)
        image = bar.grab().toImage()
        middle = image.pixelColor(handle.center())
        assert contrast(middle, QColor(t.button)) >= 3.0
        rect = box.visualItemRect(box.item(0))
        # the indicator's own rectangle, as the style lays it out in the row
        from PySide6.QtWidgets import QStyleOptionViewItem

        view_option = QStyleOptionViewItem()
        view_option.initFrom(box)
        view_option.rect = rect
        view_option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        tick = box.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                                          view_option, box)
        assert tick.width() >= round(28 * scale) and tick.height() >= round(28 * scale)
    finally:
        theme.apply(qapp, "standard", 1.0)

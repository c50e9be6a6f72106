"""More colours: a big grid of named swatches inside Kadr, used by keyboard, mouse and
screen reader; the chosen colour has a ring and a tick; dark swatches show on dark themes."""

from __future__ import annotations

import pytest
from modal_answers import check, when_shown
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest

from helpers import film
from kadr import i18n
from kadr.core.colour import contrast_ratio as contrast
from kadr.core.colour_grid import GRID, grid_colours
from kadr.core.onion import OnionSettings
from kadr.core.tools import SWATCHES, ToolState, color_name
from kadr.ui import canvas_words, theme
from kadr.ui.colour_dialog import ColourDialog, Swatch, choose_colour


@pytest.fixture(autouse=True)
def _answers_worked():
    """An answer that failed inside a modal window fails the test (it never hangs)."""
    yield
    check()


@pytest.fixture
def grid(qtbot, qapp):
    """The grid with green chosen, shown offscreen at 100 %."""
    canvas_words.install()  # Kadr's accessible interfaces, as the app starts with
    theme.apply(qapp, "standard", 1.0)
    dialog = ColourDialog("#3cb44b")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_between_36_and_48_named_colours_each_big_enough(grid):
    """Every swatch: its own objectName, its colour's name (all different), a description,
    at least 48 x 48 px, read as a button."""
    swatches = grid.swatches
    assert 36 <= len(swatches) <= 48
    names = [s.accessibleName() for s in swatches]
    assert len(set(names)) == len(names) and all(names)
    assert len({s.objectName() for s in swatches}) == len(swatches)
    for s in swatches:
        assert s.accessibleDescription() and s.width() >= 48 and s.height() >= 48, s.size()
        face = QAccessible.queryAccessibleInterface(s)
        assert face.text(QAccessible.Text.Name) == s.accessibleName()
        assert face.role() == QAccessible.Role.RadioButton  # one of a set
        assert face.state().checked == s.isChecked()
    assert grid.swatches[0].accessibleName() == "Light red"
    assert grid.findChild(Swatch, "swatch_000000").accessibleName() == "Black"


def test_the_chosen_colour_is_checked_and_has_the_focus(grid):
    chosen = [s for s in grid.swatches if s.isChecked()]
    assert [s.value for s in chosen] == ["#3cb44b"]
    assert grid.focusWidget() is chosen[0]
    assert grid.name_label.text() == "Green (your colour now)"


def test_arrow_keys_move_in_the_grid(grid):
    """Right goes along the row, Down to the darker one below, Up back; Left at the start
    of a row goes to the end of the row before; Home/End to the first and last."""
    def key(k):
        QTest.keyClick(grid.focusWidget(), k)
        return grid.focusWidget().accessibleName()

    assert key(Qt.Key.Key_Right) == "Sky blue"
    assert key(Qt.Key.Key_Down) == "Dark sky blue"
    assert key(Qt.Key.Key_Down) == "Peach"
    assert key(Qt.Key.Key_Up) == "Dark sky blue"
    for _ in range(3):
        key(Qt.Key.Key_Right)
    assert key(Qt.Key.Key_Down) == "Beige"  # the last row is shorter: the nearest in it
    assert key(Qt.Key.Key_Home) == "Light red"
    assert key(Qt.Key.Key_Left) == "Light red"  # nowhere before the first
    assert key(Qt.Key.Key_Down) == "Red"
    assert key(Qt.Key.Key_Left) == "Light brown"  # the end of the row before
    assert key(Qt.Key.Key_End) == "Beige"
    assert grid.name_label.text() == "Beige"


def test_enter_picks_the_focused_colour(qtbot, qapp):
    theme.apply(qapp, "standard", 1.0)

    def act(dialog):
        for k in (Qt.Key.Key_Down, Qt.Key.Key_Return):
            QTest.keyClick(dialog.focusWidget(), k)

    when_shown(ColourDialog, act)
    assert choose_colour(None, "#3cb44b") == "#1b5e20"  # dark green, below green


def test_space_picks_too_and_escape_keeps_the_colour(qtbot, qapp):
    theme.apply(qapp, "standard", 1.0)
    when_shown(ColourDialog, lambda d: QTest.keyClick(d.focusWidget(), Qt.Key.Key_Space))
    assert choose_colour(None, "#e6194b") == "#e6194b"
    when_shown(ColourDialog, lambda d: QTest.keyClick(d.focusWidget(), Qt.Key.Key_Escape))
    assert choose_colour(None, "#e6194b") is None


def test_a_click_picks_and_cancel_keeps(qtbot, qapp):
    theme.apply(qapp, "standard", 1.0)
    when_shown(ColourDialog, lambda d: QTest.mouseClick(
        d.findChild(Swatch, "swatch_4363d8"), Qt.MouseButton.LeftButton))
    assert choose_colour(None, "#000000") == "#4363d8"
    when_shown(ColourDialog, lambda d: QTest.mouseClick(d.cancel, Qt.MouseButton.LeftButton))
    assert choose_colour(None, "#000000") is None


def test_a_colour_from_elsewhere_starts_on_the_first_swatch(grid, qtbot):
    dialog = ColourDialog("#123456")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not any(s.isChecked() for s in dialog.swatches)
    assert dialog.focusWidget() is dialog.swatches[0]


def test_chosen_has_a_ring_and_a_tick_not_only_colour(grid):
    """The chosen swatch differs from the same swatch unchosen by a ring in the text
    colour (>= 3:1 against the window) and a tick drawn over its colour."""
    green = grid.findChild(Swatch, "swatch_3cb44b")
    green.clearFocus()
    chosen = green.grab().toImage()
    green.setChecked(False)
    plain = green.grab().toImage()
    t = theme.THEMES["standard"]
    side = green.width()
    ring_x = round(max(3, round(side * 0.06)) + 1 + 2)  # inside the ring band
    ring_pixel = chosen.pixelColor(ring_x, side // 2).name()
    assert contrast(ring_pixel, t.window) >= 3
    assert plain.pixelColor(ring_x, side // 2).name() == chosen.pixelColor(1, 1).name()
    centre = [chosen.pixelColor(x, y).name() for x in range(side // 3, 2 * side // 3)
              for y in range(side // 3, 2 * side // 3)]
    assert any(contrast(p, "#3cb44b") >= 3 for p in centre)  # the tick
    assert all(plain.pixelColor(x, y).name() == "#3cb44b"
               for x in range(side // 3, 2 * side // 3, 4)
               for y in range(side // 3, 2 * side // 3, 4))


@pytest.mark.parametrize("name", ["contrast_dark", "contrast_light", "standard"])
def test_every_swatch_is_outlined_against_the_window(qtbot, qapp, name):
    """Black shows on the dark theme and white on the light ones: each swatch has an
    outline of >= 3:1 against the window."""
    theme.apply(qapp, name, 1.0)
    try:
        dialog = ColourDialog("")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        window = theme.THEMES[name].window
        for s in dialog.swatches[1:]:  # the first has the focus ring instead
            image = s.grab().toImage()
            y = s.height() // 2
            row = [image.pixelColor(x, y).name() for x in range(s.width() // 2)]
            assert any(contrast(p, window) >= 3 for p in row), (name, s.value)
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_focus_ring_is_thick_and_visible(grid, qtbot):
    """A keyboard move shows a band in the focus colour round the swatch."""
    red = grid.swatches[0]
    before = red.grab().toImage()
    red.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(red.hasFocus)
    after = red.grab().toImage()
    y = red.height() // 2
    for x in (0, 1, 2):
        assert contrast(after.pixelColor(x, y).name(), before.pixelColor(x, y).name()) >= 3


def test_at_ui_size_200_swatches_grow_and_fit_the_screen(qtbot, qapp):
    theme.apply(qapp, "standard", 2.0)
    try:
        dialog = ColourDialog("#000000")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        screen = dialog.screen().availableGeometry()
        assert dialog.swatches[0].width() >= 48
        assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
        assert dialog.cancel.width() >= dialog.cancel.sizeHint().width() - 1
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_names_are_spoken_in_every_language():
    """Each grid colour has its own name in each language (no "Colour #…" codes), and the
    16 swatches keep their old names."""
    assert color_name("#000075") == "Navy" and color_name("#1b5e20") == "Dark green"
    assert color_name("#123456") == "Colour #123456"
    for value, english in SWATCHES:
        assert color_name(value) == english
    try:
        for lang in ("ru", "kk", "ko", "ja"):
            i18n.set_language(lang)
            names = [color_name(value) for value, _ in grid_colours()]
            assert len(set(names)) == len(names), lang
            assert not any(n.startswith(("Colour", "#")) for n in names), lang
            assert not {n for n in names} & {e for _, e in grid_colours()}, lang
    finally:
        i18n.set_language("en")
    assert sum(len(row) for row in GRID) == len(grid_colours())


def test_paper_and_onion_colours_come_from_the_grid(qtbot, qapp):
    """The layers window's paper colour and the onion tints use the grid, not Qt's box."""
    from kadr.ui.dialogs import OnionDialog
    from kadr.ui.layers_dialog import LayersDialog

    theme.apply(qapp, "standard", 1.0)
    project = film(2)
    layers = LayersDialog(project, ToolState(), 0)
    qtbot.addWidget(layers)
    heard = []
    layers.said.connect(heard.append)
    when_shown(ColourDialog, lambda d: QTest.mouseClick(
        d.findChild(Swatch, "swatch_fff3a0"), Qt.MouseButton.LeftButton))
    QTest.mouseClick(layers.paper, Qt.MouseButton.LeftButton)
    assert project.background.paper.lower() == "#fff3a0"
    assert heard[-1] == "Paper colour: Light yellow"
    onion = OnionDialog(OnionSettings())
    qtbot.addWidget(onion)
    got = []
    onion.changed.connect(got.append)
    when_shown(ColourDialog, lambda d: QTest.keyClick(d.focusWidget(), Qt.Key.Key_Return))
    QTest.mouseClick(onion.before_tint, Qt.MouseButton.LeftButton)
    assert got and got[-1].before_tint == "#f7a1ab"  # the first swatch: light red

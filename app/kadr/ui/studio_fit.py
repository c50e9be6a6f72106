"""How big the studio's controls are: one rule for every window from 1024x600 to
1920x1080 and every UI size, so the canvas gets most of the window and no control is
ever cut off or behind a scroll bar (only the picture strip scrolls).

Buttons are squares of one side: 64 px at UI size 100 % where the window has room, never
under 44 (WCAG 2.5.5). A word goes under each pictogram when the side allows it; else
the pictogram alone, the word staying its tooltip and accessible name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QGridLayout

from kadr.ui.a11y import MIN_TARGET
from kadr.ui.layout import widgets_of
from kadr.ui.tools_panel import fit_button

if TYPE_CHECKING:
    from kadr.ui.studio import Studio

BUTTON = 64  # the side of a button at UI size 100 %
WORDS_FROM = 56  # a word fits under the pictogram from this side on
GAP = 4
TOP_BUTTONS = ("projects", "undo", "redo", "stop_talking", "level", "export", "more",
               "settings", "help")
DRAWER = ("layers", "zoom_out", "zoom_fit", "zoom_in", "keyboard_pen", "size_smaller",
          "size_bigger")


def ui_scale() -> float:
    app = QApplication.instance()
    return float(app.property("kadr_scale") or 1.0) if app is not None else 1.0


def button_side(width: int, height: int, scale: float) -> int:
    """The side of every studio button for a window of ``width`` x ``height``."""
    want = round(BUTTON * scale)
    rows = 10 if scale >= 1.5 else 13  # the window's height holds about this many
    by_height = height // rows
    by_width = (width - 240) // (len(TOP_BUTTONS) + 1) - GAP  # the top bar and a caption
    return max(MIN_TARGET, min(want, by_height, by_width))


def lesson_width(width: int, scale: float) -> int:
    return max(round(220 * min(scale, 1.5)), min(round(300 * scale), width // 4))


def fit_studio(studio: Studio) -> None:
    width, height = max(studio.width(), 1), max(studio.height(), 1)
    scale = ui_scale()
    side = button_side(width, height, scale)
    words = side >= WORDS_FROM
    theme_ink = studio.palette().color(studio.foregroundRole()).name()
    b = studio.top_buttons
    for name in (*TOP_BUTTONS, *DRAWER, "onion"):
        fit_button(b[name], side, words)
    studio.tools_panel.set_dots(side, words, theme_ink)
    for button in studio.timeline.buttons.values():
        fit_button(button, side, words)
    fit_button(studio.flash_slower, side, words)
    fit_button(studio.flash_anyway, side, words)
    studio.caption.setFixedHeight(side)

    # the strip: thumbnails at least 96 px wide, taller films get narrower thumbnails
    project = studio.project
    thumb_w = max(96, min(round(112 * scale), (height // 8) * project.width // max(1, project.height)))
    studio.timeline.set_thumb_width(thumb_w)
    studio.timeline.refit()
    strip = studio.timeline.strip_height()
    studio.playback.set_sizes(max(strip, round(side * 1.3)), max(24, side // 2))

    # one row of colours: as big as the buttons, smaller (not under 44) to fit the width
    colours = studio.tools_panel.colours
    swatch = max(MIN_TARGET, min(side - 8, (width - 8) // colours.swatch_count() - GAP))
    colours.set_button_size(swatch, theme_ink)

    # the tools column: one column when it fits the height left, else two or three
    tools = studio.tools_panel
    tools.set_button_size(side, words, theme_ink)
    left_h = height - side - swatch - max(strip, round(side * 1.3)) - 6 * GAP - 8
    columns = next((c for c in (1, 2, 3) if tools.rows_needed(c) * (side + GAP) + 16 <= left_h),
                   3)
    if columns != tools._columns:
        tools.arrange(columns)
    grid = tools.grid
    used = max(1, len({grid_column(grid, grid.indexOf(w)) for w in widgets_of(grid)
                       if w.isVisibleTo(tools)}))
    tools.setFixedWidth(used * side + (used - 1) * tools.grid.spacing())

    panel = getattr(studio, "lesson_panel", None)
    if panel is not None:
        panel.setFixedWidth(lesson_width(width, scale))
        panel.set_button_height(side)
        watch = getattr(studio, "watch_example", None)
        if watch is not None:
            watch.setFixedWidth(lesson_width(width, scale))
            watch.setMinimumHeight(MIN_TARGET)
    _place_overlays(studio, side)


def grid_column(grid: QGridLayout, index: int) -> int:
    """The column of ``grid``'s item ``index`` (PySide's stub types the position as object;
    Qt gives row, column, row span, column span)."""
    _row, column, _rows, _columns = cast("tuple[int, int, int, int]",
                                         grid.getItemPosition(index))
    return column


def _place_overlays(studio: Studio, side: int) -> None:
    """The More drawer under its button; warnings across the top of the canvas."""
    drawer = studio.more_panel
    grid = studio.more_grid
    b = studio.top_buttons
    per_row = 4  # two rows under the More button
    for i, name in enumerate(DRAWER):
        grid.addWidget(b[name], i // per_row, i % per_row)
    drawer.adjustSize()
    more = b["more"]
    corner = more.mapTo(studio, QPoint(more.width(), more.height()))
    drawer.move(max(0, corner.x() - drawer.width()), corner.y() + GAP)
    canvas = studio.canvas
    top = 0
    for banner in (studio.save_warning, studio.flash_bar):
        if banner.isVisible():
            banner.setFixedWidth(canvas.width())
            banner.adjustSize()
            banner.move(0, top)
            top += banner.height()

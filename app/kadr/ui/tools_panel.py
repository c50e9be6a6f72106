"""Tools (a column of picture buttons), sizes drawn as dots, and the row of colours.

Every choice is announced. The Simple level shows the first tools, sizes and colours in
the same places as All tools: a level hides what it does not use, it never shuffles.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QHBoxLayout, QToolButton, QWidget

from kadr.core.paint import BRUSH_PRESETS, MAX_SIZE, MIN_SIZE
from kadr.core.tools import SWATCHES, TOOLS, ToolState, color_name, tool_name
from kadr.i18n import tr
from kadr.ui.a11y import ChoiceGroup, PictureButton, describe, label_button, picture_button

TOOL_KEYS = {"brush": "B", "eraser": "E", "fill": "F", "line": "L", "rectangle": "R",
             "ellipse": "C", "picker": "I"}
# places in the column: (row, column) with two columns; Simple uses the first three
TOOL_ORDER = ("brush", "eraser", "fill", "picker", "line", "rectangle", "ellipse", "clear")
SIMPLE_TOOLS = ("brush", "eraser", "fill")
SIMPLE_SIZES = BRUSH_PRESETS[:3]
# Simple: twelve colours a young child names easily; All: every swatch
SIMPLE_COLOURS = ("#000000", "#ffffff", "#7f7f7f", "#8b4513", "#e6194b", "#f58231",
                  "#ffe119", "#3cb44b", "#42d4f4", "#4363d8", "#911eb4", "#f032e6")


def swatch_icon(color: str, size: int, chosen: bool, ink: str,
                right: str | None = None) -> QIcon:
    """A colour square with an edge in ``ink`` (pale and dark swatches show in every
    theme); the chosen one gets a thick ring and a tick, not colour alone. With ``right``,
    its right half is that colour (a pair, such as the onion skin's two colours)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    edge = max(2, size // 14) * (2 if chosen else 1)
    half = edge // 2  # whole pixels: Qt drew this at int coordinates all along
    if right is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(right))
        painter.setClipRect(size // 2, 0, size - size // 2, size)
        painter.drawRoundedRect(half, half, size - edge, size - edge, size / 8, size / 8)
        painter.setClipRect(0, 0, size // 2, size)
    painter.setPen(QPen(QColor(ink), edge))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(half, half, size - edge, size - edge, size / 8, size / 8)
    if right is not None:  # the edge all round, over both halves
        painter.setClipping(False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(half, half, size - edge, size - edge, size / 8, size / 8)
    if chosen:
        fill = QColor(color)
        light = fill.lightnessF() > 0.55
        painter.setPen(QPen(QColor("#000000" if light else "#ffffff"), max(3, size // 9),
                            Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPolyline([QPointF(size * 0.28, size * 0.52), QPointF(size * 0.44, size * 0.68),
                              QPointF(size * 0.74, size * 0.34)])
    painter.end()
    return QIcon(pix)


def dot_icon(size: int, box: int, ink: str) -> QIcon:
    """A brush size as a dot: bigger for bigger sizes (the largest fills the box)."""
    pix = QPixmap(box, box)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ink))
    # by the square root: 4, 10, 24, 48 and 96 dots all look different in one box
    d = max(4.0, box * 0.95 * min(1.0, (size / 96) ** 0.5))
    painter.drawEllipse(QPointF(box / 2, box / 2), d / 2, d / 2)
    painter.end()
    return QIcon(pix)


class ToolsPanel(QWidget):
    """The tools and sizes column. Its colour row (``colours``) is placed by the studio."""

    changed = Signal(str)  # words to announce
    synced = Signal()  # tool, size or colour may have changed (the pen's ring follows)

    def __init__(self, tools: ToolState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolsPanel")
        self.tools = tools
        self.level = "all"
        self.hidden_tools: set[str] = set()  # a teacher's choice: never shown
        self.tool_buttons: dict[str, QAbstractButton] = {}
        for name in TOOLS:
            self.tool_buttons[name] = picture_button(
                f"tool_{name}", name, self, checkable=True, choice=True,
                on_click=partial(self.set_tool, name, announce=True))
        self.clear_button = picture_button("clear_picture", "clear", self)
        self.size_buttons: list[QAbstractButton] = [
            picture_button(f"size_{size}", "", self, checkable=True, choice=True,
                           on_click=partial(self.set_size, size, announce=True))
            for size in BRUSH_PRESETS]
        self.smaller = picture_button("size_smaller", "", self,
                                      on_click=lambda: self.nudge_size(-1))
        self.bigger = picture_button("size_bigger", "", self, on_click=lambda: self.nudge_size(1))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.colours = ColourRow(tools, parent)
        self.colours.changed.connect(self.changed)
        self.color_buttons = self.colours.buttons
        self.custom = self.colours.custom
        self._columns = 0
        self._ink = "#1a1a1a"
        # one Tab stop for the tools and one for the sizes; arrows choose inside
        self.tool_group = ChoiceGroup(list(self.tool_buttons.values()), self)
        self.size_group = ChoiceGroup(self.size_buttons, self)
        self.arrange(2)
        self.retranslate()

    # -- layout -------------------------------------------------------------------------
    def sections(self) -> list[list[QAbstractButton]]:
        """The column's sections; thinner/thicker live in the studio's More drawer."""
        tools = [self.tool_buttons.get(n) or self.clear_button for n in TOOL_ORDER]
        return [tools, list(self.size_buttons)]

    def limit_tools(self, names: list[str]) -> None:
        """Only these tools, whatever the level (a teacher's choice for a learner)."""
        self.hidden_tools = {n for n in [*self.tool_buttons, "clear"] if n not in names}
        if self.tools.tool in self.hidden_tools and names:
            self.set_tool(next((n for n in names if n in self.tool_buttons), "brush"))
        self.arrange(self._columns or 2)

    def shown(self, b: QAbstractButton) -> bool:
        if b in [self.tool_buttons.get(n, self.clear_button) for n in self.hidden_tools]:
            return False
        if self.level == "all":
            return True
        return b in [self.tool_buttons[n] for n in SIMPLE_TOOLS] or \
            b in self.size_buttons[:len(SIMPLE_SIZES)]

    def arrange(self, columns: int) -> None:
        """Place the buttons in ``columns`` columns, column by column, each section
        starting a new row. Places come from All tools, so the Simple level's tools (the
        first of each section) stay where they are in All tools."""
        self._columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        row = 0
        for section in self.sections():
            rows = (len(section) + columns - 1) // columns
            for i, b in enumerate(section):
                b.setVisible(self.shown(b))
                self.grid.addWidget(b, row + i % rows, i // rows)
            row += rows
            self.grid.setRowMinimumHeight(row, 8)  # a gap between tools and sizes
            row += 1
        self.grid.setRowStretch(row, 1)
        for group in (getattr(self, "tool_group", None), getattr(self, "size_group", None)):
            if group is not None:
                group.sync()

    def rows_needed(self, columns: int) -> int:
        """Rows of All tools in ``columns`` columns (the places every level keeps)."""
        return sum((len(s) + columns - 1) // columns for s in self.sections())

    def set_level(self, level: str) -> None:
        self.level = level
        self.colours.set_level(level)
        if level == "simple":
            if self.tools.tool not in SIMPLE_TOOLS:
                self.set_tool("brush")
            if self.tools.size not in SIMPLE_SIZES:
                self.set_size(min(SIMPLE_SIZES, key=lambda s: abs(s - self.tools.size)))
        self.arrange(self._columns or 2)

    def set_button_size(self, side: int, words: bool, ink: str) -> None:
        self._ink = ink
        for section in self.sections():
            for b in section:
                fit_button(b, side, words)
        self.set_dots(side, words, ink)

    def set_dots(self, side: int, words: bool, ink: str) -> None:
        box = icon_box(side, words)
        for size, b in zip(BRUSH_PRESETS, self.size_buttons):
            b.setIcon(dot_icon(size, box, ink))
        self.smaller.setIcon(dot_icon(2, box, ink))
        self.bigger.setIcon(dot_icon(40, box, ink))

    # -- words ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        for name, b in self.tool_buttons.items():
            label_button(b, tool_name(name), self._tool_help(name), TOOL_KEYS[name])
        label_button(self.clear_button, tr("Clear"),
                     tr("Rub out everything on this picture. Undo brings it back."))
        self.clear_button.setAccessibleName(tr("Clear picture"))
        names = (tr("Thin"), tr("Medium"), tr("Thick"), tr("Very thick"), tr("Huge"))
        for size, b, word in zip(BRUSH_PRESETS, self.size_buttons, names):
            b.setText(word)
            describe(b, word, tr("Draw with lines {size} dots wide", size=size))
        label_button(self.smaller, tr("Thinner"), tr("Make the line thinner"), "[")
        label_button(self.bigger, tr("Thicker"), tr("Make the line thicker"), "]")
        self.colours.retranslate()
        self.sync()

    @staticmethod
    def _tool_help(name: str) -> str:
        return {
            "brush": tr("Draw lines"),
            "eraser": tr("Rub out lines"),
            "fill": tr("Fill a shape with colour"),
            "line": tr("Draw a straight line"),
            "rectangle": tr("Draw a box"),
            "ellipse": tr("Draw a circle or an oval"),
            "picker": tr("Take a colour from the picture"),
        }[name]

    def sync(self) -> None:
        t = self.tools
        for name, b in self.tool_buttons.items():
            b.setChecked(name == t.tool)
        for size, b in zip(BRUSH_PRESETS, self.size_buttons):
            b.setChecked(size == t.size)
        self.colours.sync()
        self.synced.emit()

    # -- choices ---------------------------------------------------------------------------
    def set_tool(self, name: str, announce: bool = False) -> None:
        self.tools.tool = name
        self.sync()
        if announce:
            self.changed.emit(tr("Tool: {tool}", tool=tool_name(name)))

    def set_size(self, size: int, announce: bool = False) -> None:
        self.tools.size = max(MIN_SIZE, min(MAX_SIZE, size))
        self.sync()
        if announce:
            self.changed.emit(tr("Size {size}", size=self.tools.size))

    def nudge_size(self, direction: int) -> None:
        s = self.tools.size
        step = 1 if s < 10 else (2 if s < 30 else 10)
        self.set_size(s + direction * step, announce=True)

    def set_color(self, value: str, announce: bool = False) -> None:
        self.colours.set_color(value, announce)
        self.synced.emit()


class ColourRow(QWidget):
    """One row of named swatches along the bottom, and "More colours"."""

    changed = Signal(str)

    def __init__(self, tools: ToolState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colourRow")
        self.tools = tools
        self.level = "all"
        self.buttons: dict[str, PictureButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for value, _name in SWATCHES:
            b = picture_button(f"colour_{value[1:]}", "", self, checkable=True, choice=True,
                               on_click=partial(self.set_color, value, announce=True))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            self.buttons[value] = b
            row.addWidget(b)
        self.custom = picture_button("colour_custom", "colours", self, on_click=self.choose_custom)
        self.group = ChoiceGroup(list(self.buttons.values()), self)
        self.custom.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        row.addWidget(self.custom)
        row.addStretch(1)
        self._side = 44
        self._ink = "#1a1a1a"

    def set_level(self, level: str) -> None:
        self.level = level
        for value, b in self.buttons.items():
            b.setVisible(level == "all" or value in SIMPLE_COLOURS)
        self.group.sync()

    def swatch_count(self) -> int:
        return sum(self.level == "all" or v in SIMPLE_COLOURS for v in self.buttons) + 1

    def set_button_size(self, side: int, ink: str) -> None:
        self._side, self._ink = side, ink
        for b in [*self.buttons.values(), self.custom]:
            b.fix_size(side, side)
            b.setIconSize(QSize(side - 8, side - 8))
        self.sync()

    def retranslate(self) -> None:
        for value, b in self.buttons.items():
            describe(b, color_name(value), tr("Draw in {colour}", colour=color_name(value)))
        describe(self.custom, tr("More colours"), tr("Choose any colour"))
        self.custom.setText(tr("More colours"))

    def sync(self) -> None:
        current = self.tools.color.lower()
        box = max(16, self._side - 8)
        for value, b in self.buttons.items():
            chosen = value.lower() == current
            b.setChecked(chosen)
            b.setIcon(swatch_icon(value, box, chosen, self._ink))
        if hasattr(self, "group"):
            self.group.sync()

    def set_color(self, value: str, announce: bool = False) -> None:
        self.tools.color = value
        self.sync()
        if announce:
            self.changed.emit(tr("Colour: {colour}", colour=color_name(value)))

    def choose_custom(self) -> None:
        try:
            from kadr.ui.colour_dialog import choose_colour
        except ImportError:  # the big swatch grid is not built yet: Qt's chooser
            from PySide6.QtWidgets import QColorDialog

            color = QColorDialog.getColor(QColor(self.tools.color), self, tr("More colours"))
            chosen = color.name() if color.isValid() else None
        else:
            chosen = choose_colour(self, self.tools.color)
        if chosen:
            self.set_color(chosen, announce=True)


def icon_box(side: int, words: bool) -> int:
    """The pictogram's size inside a square button of ``side`` px."""
    return max(20, round(side * (0.5 if words else 0.66)))


def fit_button(b: QAbstractButton, side: int, words: bool, width: int | None = None) -> None:
    """A square of ``side`` px (``width`` wide when given: room for a long word):
    pictogram over its word, or the pictogram alone (the word stays the tooltip and the
    accessible name)."""
    if isinstance(b, PictureButton):
        b.fix_size(width or side, side)
    else:
        b.setFixedSize(width or side, side)
    box = icon_box(side, words)
    b.setIconSize(QSize(box, box))
    if isinstance(b, QToolButton):
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon if words
                             else Qt.ToolButtonStyle.ToolButtonIconOnly)

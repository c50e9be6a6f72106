"""Tools, sizes and colours: big buttons with names, each choice announced."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QColorDialog,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kadr.core.paint import BRUSH_PRESETS, MAX_SIZE, MIN_SIZE
from kadr.core.tools import SWATCHES, TOOLS, ToolState, color_name, tool_name
from kadr.i18n import tr
from kadr.ui.a11y import button, describe, label_button

TOOL_KEYS = {"brush": "B", "eraser": "E", "fill": "F", "line": "L", "rectangle": "R",
             "ellipse": "C", "picker": "I"}


def swatch_icon(color: str, size: int = 28) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    painter = QPainter(pix)  # a dark edge, so white and pale swatches show on white
    painter.setPen(QPen(QColor("#333333"), 2))
    painter.drawRect(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)


class ToolsPanel(QWidget):
    changed = Signal(str)  # words to announce

    def __init__(self, tools: ToolState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolsPanel")
        self.tools = tools
        layout = QVBoxLayout(self)
        # no QButtonGroup: Tab would reach only the checked button; sync() keeps one checked
        self.tool_grid = grid = QGridLayout()
        self.tool_buttons: dict[str, QAbstractButton] = {}
        for name in TOOLS:
            b = button(f"tool_{name}", self, checkable=True,
                       on_click=lambda t=name: self.set_tool(t, announce=True))
            self.tool_buttons[name] = b
        self.clear_button = button("clear_picture", self)
        layout.addLayout(grid)

        self.size_label = QLabel(self)
        self.size_label.setObjectName("sizeLabel")
        layout.addWidget(self.size_label)
        self.size_grid = sizes = QGridLayout()
        self.size_buttons: list[QAbstractButton] = []
        for size in BRUSH_PRESETS:
            # tool buttons: a push button is never narrower than about 80 px
            b = button(f"size_{size}", self, checkable=True, tool=True,
                       on_click=lambda s=size: self.set_size(s, announce=True))
            self.size_buttons.append(b)
        self.smaller = button("size_smaller", self, tool=True, on_click=lambda: self.nudge_size(-1))
        self.bigger = button("size_bigger", self, tool=True, on_click=lambda: self.nudge_size(1))
        layout.addLayout(sizes)

        self.color_label = QLabel(self)
        self.color_label.setObjectName("colourLabel")
        layout.addWidget(self.color_label)
        self.colour_grid = colors = QGridLayout()
        self.color_buttons: dict[str, QAbstractButton] = {}
        for value, _name in SWATCHES:
            b = button(f"colour_{value[1:]}", self, checkable=True, tool=True,
                       on_click=lambda v=value: self.set_color(v, announce=True))
            b.setIcon(swatch_icon(value))
            b.setIconSize(QSize(28, 28))
            self.color_buttons[value] = b
        self.custom = button("colour_custom", self, on_click=self.choose_custom)
        layout.addLayout(colors)
        layout.addStretch(1)
        self.arrange(wide=True)
        self.retranslate()
        self.sync()

    def arrange(self, wide: bool) -> None:
        """Wide rows at normal UI sizes; narrow ones at large sizes, so the panel fits."""
        tools = [*self.tool_buttons.values(), self.clear_button]
        sizes = [*self.size_buttons, self.smaller, self.bigger]
        colours = list(self.color_buttons.values())
        per_row = (3, 7, 8) if wide else (2, 4, 4)
        for grid, widgets, n in ((self.tool_grid, tools, per_row[0]),
                                 (self.size_grid, sizes, per_row[1]),
                                 (self.colour_grid, colours, per_row[2])):
            for w in widgets:
                grid.removeWidget(w)
            for i, w in enumerate(widgets):
                grid.addWidget(w, i // n, i % n)
        self.colour_grid.removeWidget(self.custom)
        if wide:
            self.colour_grid.addWidget(self.custom, 0, per_row[2], 2, 1)
        else:
            self.colour_grid.addWidget(self.custom, len(colours) // per_row[2], 0, 1, per_row[2])

    def retranslate(self) -> None:
        for name, b in self.tool_buttons.items():
            label_button(b, tool_name(name), self._tool_help(name), TOOL_KEYS[name])
        label_button(self.clear_button, tr("Clear picture"),
                     tr("Rub out everything on this picture. Undo brings it back."))
        for size, b in zip(BRUSH_PRESETS, self.size_buttons):
            b.setText(str(size))
            describe(b, tr("Size {size}", size=size), tr("Draw with lines {size} dots wide",
                                                         size=size))
        self.smaller.setText("−")
        self.bigger.setText("+")
        describe(self.smaller, tr("Thinner"), tr("Make the line thinner") + " ([)")
        describe(self.bigger, tr("Thicker"), tr("Make the line thicker") + " (])")
        for value, b in self.color_buttons.items():
            describe(b, color_name(value), tr("Draw in {colour}", colour=color_name(value)))
        self.custom.setText(tr("More…"))
        describe(self.custom, tr("More colours"), tr("Choose any colour"))
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
        for value, b in self.color_buttons.items():
            b.setChecked(value.lower() == t.color.lower())
        self.size_label.setText(tr("Size: {size}", size=t.size))
        self.color_label.setText(tr("Colour: {colour}", colour=color_name(t.color)))

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
        self.tools.color = value
        self.sync()
        if announce:
            self.changed.emit(tr("Colour: {colour}", colour=color_name(value)))

    def choose_custom(self) -> None:
        color = QColorDialog.getColor(QColor(self.tools.color), self, tr("More colours"))
        if color.isValid():
            self.set_color(color.name(), announce=True)


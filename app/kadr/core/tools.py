"""The drawing tools, driven by device-neutral PenEvents.

A ToolSession is one press-move-release on one layer of one picture. Mouse, tablet, touch,
keyboard pen and switch access all drive the same sessions, so every tool works with every
input. At release the change becomes one undoable step in the Project.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor

from kadr.core.fill import fill
from kadr.core.paint import PenEvent, Stroke, shape_on
from kadr.core.project import Project
from kadr.i18n import tr

TOOLS = ("brush", "eraser", "fill", "line", "rectangle", "ellipse", "picker")

# 16 colours for children: bright, distinct, named (names are spoken and read).
SWATCHES: tuple[tuple[str, str], ...] = (
    ("#000000", "Black"), ("#ffffff", "White"), ("#7f7f7f", "Grey"), ("#8b4513", "Brown"),
    ("#e6194b", "Red"), ("#f58231", "Orange"), ("#ffe119", "Yellow"), ("#bfef45", "Lime"),
    ("#3cb44b", "Green"), ("#42d4f4", "Sky blue"), ("#4363d8", "Blue"), ("#000075", "Navy"),
    ("#911eb4", "Purple"), ("#f032e6", "Pink"), ("#fabed4", "Light pink"), ("#ffd8b1", "Peach"),
)


def tool_name(tool: str) -> str:
    """The tool's name in the learner's language."""
    names = {
        "brush": tr("Brush"), "eraser": tr("Eraser"), "fill": tr("Fill"), "line": tr("Line"),
        "rectangle": tr("Rectangle"), "ellipse": tr("Ellipse"), "picker": tr("Colour picker"),
    }
    return names[tool]


def color_name(hex_color: str) -> str:
    names = {
        "Black": tr("Black"), "White": tr("White"), "Grey": tr("Grey"), "Brown": tr("Brown"),
        "Red": tr("Red"), "Orange": tr("Orange"), "Yellow": tr("Yellow"), "Lime": tr("Lime"),
        "Green": tr("Green"), "Sky blue": tr("Sky blue"), "Blue": tr("Blue"),
        "Navy": tr("Navy"), "Purple": tr("Purple"), "Pink": tr("Pink"),
        "Light pink": tr("Light pink"), "Peach": tr("Peach"),
    }
    for value, name in SWATCHES:
        if value.lower() == hex_color.lower():
            return names[name]
    return tr("Colour {code}", code=hex_color.upper())


@dataclass
class ToolState:
    tool: str = "brush"
    color: str = "#000000"
    size: int = 10
    stabiliser: int = 3  # gentle smoothing by default
    tolerance: int = 32
    gap: int = 3
    layer: str = "drawing"


class ToolSession:
    """One press-move-release of the current tool on picture ``index``."""

    def __init__(self, project: Project, index: int, state: ToolState) -> None:
        self.project, self.index, self.state = project, index, state
        self.image = project.image_to_edit(index, state.layer)
        self.start: QPointF | None = None
        self.end: QPointF | None = None
        self.stroke: Stroke | None = None
        self.picked: str | None = None
        self.soon = False  # pack the tiles on a worker thread (the canvas sets this)

    @property
    def shape_preview(self) -> tuple[str, QPointF, QPointF] | None:
        if self.state.tool in ("line", "rectangle", "ellipse") and self.start and self.end:
            return (self.state.tool, self.start, self.end)
        return None

    def press(self, e: PenEvent) -> QRect:
        self.start = self.end = e.point()
        tool = self.state.tool
        if tool in ("brush", "eraser"):
            self.stroke = Stroke(self.image, QColor(self.state.color), self.state.size,
                                 erase=tool == "eraser", stabiliser=self.state.stabiliser)
            return self.stroke.press(e)
        return QRect()

    def move(self, e: PenEvent) -> QRect:
        old = self.end
        self.end = e.point()
        if self.stroke is not None:
            return self.stroke.move(e)
        if self.shape_preview and old is not None and self.start is not None:
            pad = self.state.size + 4
            return (QRect(self.start.toPoint(), old.toPoint()).normalized()
                    .united(QRect(self.start.toPoint(), self.end.toPoint()).normalized())
                    .adjusted(-pad, -pad, pad, pad))
        return QRect()

    def release(self, e: PenEvent) -> QRect:
        """Finish: paint what the tool does and keep it as one undoable step."""
        self.end = e.point()
        tool, s = self.state.tool, self.state
        area = QRect()
        if self.stroke is not None:
            self.stroke.release(e)
            area = self.stroke.dirty
            label = tr("Erase") if tool == "eraser" else tr("Brush stroke")
        elif tool in ("line", "rectangle", "ellipse") and self.start is not None:
            area = shape_on(self.image, tool, self.start, self.end, QColor(s.color), s.size)
            label = tool_name(tool)
        elif tool == "fill":
            area = fill(self.image, int(e.x), int(e.y), QColor(s.color), s.tolerance, s.gap)
            label = tr("Fill")
        elif tool == "picker":
            from kadr.core.render import Renderer

            composed = Renderer(self.project).compose(self.index)
            if composed.valid(int(e.x), int(e.y)):
                self.picked = composed.pixelColor(int(e.x), int(e.y)).name()
            return QRect()
        if not area.isEmpty():
            commit = self.project.commit_pixels_soon if self.soon else self.project.commit_pixels
            commit(self.index, s.layer, self.image, area, label)
        return area


def clear_picture(project: Project, index: int, layer: str = "drawing") -> bool:
    """Clear one layer of one picture, as one undoable step."""
    image = project.image_to_edit(index, layer)
    image.fill(0)
    return project.commit_pixels(index, layer, image, image.rect(), tr("Clear picture"))

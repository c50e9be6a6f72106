"""The drawing tools, driven by device-neutral PenEvents.

A ToolSession is one press-move-release on one layer of one picture. Mouse, tablet, touch,
keyboard pen and switch access all drive the same sessions, so every tool works with every
input. At release the change becomes one undoable step in the Project.

One stroke at a time: a film has at most one session in progress, and ``finish_stroke``
keeps it. A new session, clearing, and the studio before undo, redo, a page turn or
closing call it first, so no stroke is lost, replaced or folded into another undo step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QImage

from kadr.core.fill import fill
from kadr.core.paint import PenEvent, Stroke, shape_on
from kadr.core.project import Project
from kadr.i18n import tr

logger = logging.getLogger("kadr.tools")
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
    from kadr.core.colour_grid import grid_name  # the big colour grid names its colours too

    return grid_name(hex_color) or tr("Colour {code}", code=hex_color.upper())


@dataclass
class ToolState:
    tool: str = "brush"
    color: str = "#000000"
    size: int = 10
    stabiliser: int = 3  # gentle smoothing by default
    tolerance: int = 32
    gap: int = 3
    layer: str = "drawing"


_in_progress: WeakKeyDictionary[Project, ToolSession] = WeakKeyDictionary()


def stroke_in_progress(project: Project) -> ToolSession | None:
    """The session drawing on ``project`` now, whatever input drives it."""
    return _in_progress.get(project)


def finish_stroke(project: Project) -> bool:
    """Keep the stroke in progress on ``project`` (as if the pen were lifted where it is
    now). The one way every path ends a stroke first. True when there was one."""
    session = _in_progress.get(project)
    if session is None:
        return False
    session.finish()
    return True


class ToolSession:
    """One press-move-release of the current tool on picture ``index``. ``on_end`` is told
    when it ends, however it ends (the canvas tidies up there)."""

    def __init__(self, project: Project, index: int, state: ToolState,
                 on_end: Callable[[ToolSession, QRect], None] | None = None) -> None:
        finish_stroke(project)  # before taking the picture: the last stroke is kept first
        self.project, self.index, self.state = project, index, state
        self.frame_id = project.frames[index].id
        self.image = project.image_to_edit(index, state.layer)
        self.start: QPointF | None = None
        self.end: QPointF | None = None
        self.stroke: Stroke | None = None
        self.picked: str | None = None
        self.soon = False  # pack the tiles on a worker thread (the canvas sets this)
        self.on_end = on_end
        self.ended = False
        _in_progress[project] = self

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
        if self.ended:
            return QRect()
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

    def finish(self) -> QRect:
        """End now, where the pen is: what was drawn is kept."""
        end = self.end or self.start
        return self.release(PenEvent(end.x(), end.y()) if end is not None else None)

    def release(self, e: PenEvent | None) -> QRect:
        """Finish: paint what the tool does and keep it as one undoable step."""
        if self.ended:
            return QRect()
        self.ended = True
        if _in_progress.get(self.project) is self:
            del _in_progress[self.project]
        area = self._keep(e) if e is not None and self.start is not None else QRect()
        if self.on_end is not None:
            self.on_end(self, area)
        return area

    def _live_image(self) -> QImage | None:
        """The picture to keep the change in, painted up to date: when it changed under
        this session (undone, or redrawn from its tiles) the stroke is drawn again on it
        rather than bringing back what the change took away. None: the picture is gone."""
        try:
            self.index = self.project.index_of(self.frame_id)
        except KeyError:
            logger.warning("A stroke ended on a picture that was deleted meanwhile")
            return None
        image = self.project.image_to_edit(self.index, self.state.layer)
        if image is not self.image:
            if self.stroke is not None:
                self.stroke.replay(image)
            self.image = image
        return image

    def _keep(self, e: PenEvent) -> QRect:
        self.end = e.point()
        tool, s = self.state.tool, self.state
        area = QRect()
        if self.stroke is not None:
            self.stroke.release(e)
        if tool == "picker":
            from kadr.core.render import Renderer

            composed = Renderer(self.project).compose(self.index)
            if composed.valid(int(e.x), int(e.y)):
                self.picked = composed.pixelColor(int(e.x), int(e.y)).name()
            return QRect()
        image = self._live_image()
        if image is None:
            return QRect()
        if self.stroke is not None:
            area = self.stroke.dirty
            label = tr("Erase") if tool == "eraser" else tr("Brush stroke")
        elif tool in ("line", "rectangle", "ellipse") and self.start is not None:
            area = shape_on(image, tool, self.start, self.end, QColor(s.color), s.size)
            label = tool_name(tool)
        elif tool == "fill":
            area = fill(image, int(e.x), int(e.y), QColor(s.color), s.tolerance, s.gap)
            label = tr("Fill")
        if not area.isEmpty():
            commit = self.project.commit_pixels_soon if self.soon else self.project.commit_pixels
            commit(self.index, s.layer, image, area, label)
        return area


def clear_picture(project: Project, index: int, layer: str = "drawing") -> bool:
    """Clear one layer of one picture, as one undoable step."""
    finish_stroke(project)  # a stroke being drawn is kept, then cleared with the rest
    image = project.image_to_edit(index, layer)
    image.fill(0)
    return project.commit_pixels(index, layer, image, image.rect(), tr("Clear picture"))

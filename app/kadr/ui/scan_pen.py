"""Drawing by switch: a big pen menu over the tools column, pointing lines, and walks.

When switch scanning goes into the drawing paper, this menu is shown (big pictures with
their words) and scanned like any group:

* Choose a point: a line sweeps across the paper, a press stops it; a second line sweeps
  down, a press stops it; the pen goes to that point without drawing.
* Line to here (or box, circle, fill, rub out: the tool decides): a point is chosen the
  same way and the tool draws from the pen to it.
* Walk: a compass of eight arrows. A press on one puts the pen down and walks it that way
  until the next press; other arrows turn it; "Lift the pen" in the middle ends the line.
* Undo, and Back.

Everything drawn goes through ``Canvas.stroke_between`` or the keyboard pen, so it is a
real stroke and one undo step. With one switch the lines and the walk move by a timer
(``tick``, every ``sweep_seconds / STEPS``); with two switches nothing moves by itself: the
step switch moves them one place (``step``), the other switch chooses (``select``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QLineF, QObject, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from kadr.i18n import tr
from kadr.ui.a11y import PictureButton, label_button, picture_button
from kadr.ui.scan_clock import Clock
from kadr.ui.scan_groups import ScanItem

STEPS = 40  # places a pointing line stops at across the paper
WALKS = {  # arrow: (dx, dy, place in the 3 x 3 compass)
    "walk_up_left": (-1, -1, (0, 0)), "walk_up": (0, -1, (0, 1)),
    "walk_up_right": (1, -1, (0, 2)), "walk_left": (-1, 0, (1, 0)),
    "walk_right": (1, 0, (1, 2)), "walk_down_left": (-1, 1, (2, 0)),
    "walk_down": (0, 1, (2, 1)), "walk_down_right": (1, 1, (2, 2)),
}


def walk_words() -> dict[str, str]:
    return {"walk_up_left": tr("Up and left"), "walk_up": tr("Up"),
            "walk_up_right": tr("Up and right"), "walk_left": tr("Left"),
            "walk_right": tr("Right"), "walk_down_left": tr("Down and left"),
            "walk_down": tr("Down"), "walk_down_right": tr("Down and right")}


def draw_words(tool: str) -> tuple[str, str]:
    """The drawing item's word and help for ``tool``."""
    return {
        "eraser": (tr("Rub out to here"), tr("Choose a point; Kadr rubs out a line to it")),
        "rectangle": (tr("Box to here"), tr("Choose a corner; Kadr draws a box to it")),
        "ellipse": (tr("Circle to here"), tr("Choose a corner; Kadr draws a circle to it")),
        "fill": (tr("Fill here"), tr("Choose a point; Kadr fills the shape there")),
        "picker": (tr("Take the colour here"), tr("Choose a point; its colour becomes yours")),
    }.get(tool, (tr("Line to here"), tr("Choose a point; Kadr draws a line to it")))


class PenMenu(QFrame):
    """The big menu itself: real picture buttons (a head mouse can click them too). They
    take no focus: the paper keeps it, so a walk stays one stroke."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("switchPenMenu")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.grid.setSpacing(6)
        self.buttons: dict[str, PictureButton] = {}
        pictures = {"switch_point": "crosshair", "switch_draw": "line", "switch_walk": "walk",
                    "switch_undo": "undo", "switch_back": "back", "switch_walk_done": "yes"}
        pictures.update({name: name for name in WALKS})
        for name, picture in pictures.items():
            b = picture_button(name, picture, self)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.buttons[name] = b
        self.page = ""
        self.hide()

    def show_page(self, page: str, side: int) -> None:
        """"main": the five actions in a column; "walk": the compass."""
        self.page = page
        while self.grid.count():
            self.grid.takeAt(0)
        for b in self.buttons.values():
            b.hide()
        wide = round(side * 1.6)
        if page == "main":
            names = ["switch_point", "switch_draw", "switch_walk", "switch_undo", "switch_back"]
            for row, name in enumerate(names):
                self.grid.addWidget(self.buttons[name], row, 0)
        else:
            names = [*WALKS, "switch_walk_done"]
            for name, (_dx, _dy, (row, col)) in WALKS.items():
                self.grid.addWidget(self.buttons[name], row, col)
            self.grid.addWidget(self.buttons["switch_walk_done"], 1, 1)
        for name in names:
            self.buttons[name].fix_size(wide, side)
            self.buttons[name].setIconSize(QSize(side // 2, side // 2))
            self.buttons[name].show()
        self.adjustSize()


class SwitchPen(QObject):
    """The pen menu's behaviour. ``changed``: redraw the scan box (lines moved);
    ``said``: words for the child; ``finished``: a point was chosen or a walk stopped."""

    changed = Signal()
    said = Signal(str)
    finished = Signal()

    def __init__(self, canvas: QWidget, sweep_seconds: float = 8.0,
                 clock: Clock | None = None) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.studio = canvas.parentWidget() or canvas
        self.menu = PenMenu(self.studio)
        self.automatic = True  # one switch: lines and walks move by the timer
        self.beat = (clock or Clock()).beat(self.tick, self)
        self.interval = 0.2
        self.set_sweep(sweep_seconds)
        self.phase = ""  # "x", "y": a line sweeps; "walk": the pen walks; "": still
        self.purpose = ""  # what the chosen point is for: "point" or "draw"
        self.index, self.direction = 0, 1
        self.chosen_x = 0.0
        self.walking: tuple[int, int] | None = None
        b = self.menu.buttons
        b["switch_point"].clicked.connect(lambda: self.start_pointing("point"))
        b["switch_draw"].clicked.connect(lambda: self.start_pointing("draw"))
        b["switch_undo"].clicked.connect(self.undo)
        b["switch_walk_done"].clicked.connect(self.end_walk)
        for name, (dx, dy, _place) in WALKS.items():
            b[name].clicked.connect(lambda _c=False, d=(dx, dy): self.walk(d))
        self.retranslate()

    def set_sweep(self, seconds: float) -> None:
        self.interval = max(2.0, min(20.0, seconds)) / STEPS

    def retranslate(self) -> None:
        b = self.menu.buttons
        label_button(b["switch_point"], tr("Choose a point"),
                     tr("Lines cross the paper; press to stop each one. The pen goes there"))
        tool = getattr(getattr(self.canvas, "tools", None), "tool", "brush")
        word, help_words = draw_words(tool)
        label_button(b["switch_draw"], word, help_words)
        label_button(b["switch_walk"], tr("Walk"),
                     tr("The pen draws as it walks; choose where it goes"))
        label_button(b["switch_undo"], tr("Undo"), tr("Take back the last change"))
        label_button(b["switch_back"], tr("Back"), tr("Leave the drawing paper"))
        label_button(b["switch_walk_done"], tr("Lift the pen"), tr("Stop walking and keep the line"))
        for name, word in walk_words().items():
            label_button(b[name], word, tr("Walk this way"))

    # -- the menu ------------------------------------------------------------------------
    def open(self) -> None:
        from kadr.ui import icons

        tool = getattr(getattr(self.canvas, "tools", None), "tool", "brush")
        self.menu.buttons["switch_draw"].setIcon(icons.icon(tool))
        self.retranslate()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show("main")

    def close(self) -> None:
        self.stop()
        self.end_walk()
        self.menu.hide()

    def _show(self, page: str) -> None:
        tools = self.studio.findChild(QWidget, "toolsPanel")
        sample = tools.findChild(PictureButton) if tools is not None else None
        side = max(56, sample.height()) if sample is not None else 64
        self.menu.show_page(page, min(max(side, 64), 88))
        self.place()
        self.menu.show()
        self.menu.raise_()

    def place(self) -> None:
        """Over the tools column (not on the paper); beside the paper's right edge when
        the pen is under it there."""
        tools = self.studio.findChild(QWidget, "toolsPanel")
        at = tools.geometry().topLeft() if tools is not None else QPoint(4, 4)
        box = QRect(at, self.menu.size())
        pen = self.canvas.mapTo(self.studio, self.canvas.transform().map(  # type: ignore[attr-defined]
            self.canvas.pen_pos).toPoint())  # type: ignore[attr-defined]
        if box.adjusted(-20, -20, 20, 20).contains(pen):
            right = self.canvas.geometry().right() - box.width() - 4
            box.moveLeft(max(0, right))
        self.menu.move(box.topLeft())

    def main_items(self) -> list[ScanItem]:
        b = self.menu.buttons
        item = self._item
        return [item("switch_point"), item("switch_draw"),
                ScanItem(b["switch_walk"].accessibleName(), b["switch_walk"],
                         children=self.walk_items, enter=lambda: self._show("walk"),
                         leave=self.end_walk),
                item("switch_undo"), ScanItem(b["switch_back"].accessibleName(),
                                              b["switch_back"], up=1)]

    def walk_items(self) -> list[ScanItem]:
        """The compass, row by row (row then arrow: the scan's row-column way)."""
        rows: list[list[str]] = [[], [], []]
        for name, (_dx, _dy, (row, _col)) in WALKS.items():
            rows[row].append(name)
        rows[1].insert(1, "switch_walk_done")
        out = []
        for names in rows:
            items = [self._item(n) for n in names]
            for it in items:
                if it.widget is self.menu.buttons["switch_walk_done"]:
                    it.up, it.stay = 2, False  # lifting the pen: back to the pen menu
            out.append(ScanItem(tr("{first} to {last}", first=items[0].name,
                                   last=items[-1].name),
                                children=partial(list, items),
                                members=[i.widget for i in items if i.widget is not None]))
        return out

    def _item(self, name: str) -> ScanItem:
        b = self.menu.buttons[name]
        return ScanItem(b.accessibleName(), b, stay=True)

    # -- pointing --------------------------------------------------------------------------
    def busy(self) -> bool:
        """A line sweeps or the pen walks: the switch belongs to the pen."""
        return bool(self.phase)

    def start_pointing(self, purpose: str) -> None:
        p = self.canvas.project  # type: ignore[attr-defined]
        self.purpose = purpose
        self.phase = "x"
        self.index = self._nearest(self.canvas.pen_pos.x(), p.width)  # type: ignore[attr-defined]
        self.direction = 1
        self.said.emit(tr("A line crosses the paper. Press when it is where you want."))
        self._run()

    def _nearest(self, value: float, size: int) -> int:
        return max(0, min(STEPS - 1, int(value / size * STEPS)))

    def position(self, size: int) -> float:
        return (self.index + 0.5) * size / STEPS

    def _run(self) -> None:
        self.changed.emit()
        if self.automatic and self.phase:
            self.beat.start(self.interval, self.interval)

    def tick(self) -> None:
        """One timer beat: the line moves one place (back at the edges), or the pen walks."""
        self.step()

    def step(self) -> None:
        if self.phase in ("x", "y"):
            nxt = self.index + self.direction
            if not 0 <= nxt < STEPS:
                self.direction = -self.direction
                nxt = self.index + self.direction
            self.index = nxt
            self.changed.emit()
        elif self.phase == "walk" and self.walking is not None:
            step = getattr(self.canvas, "pen_step", 10)
            self.canvas.move_pen(self.walking[0] * step, self.walking[1] * step)  # type: ignore[attr-defined]
            self.changed.emit()

    def select(self) -> None:
        """The switch while the pen is busy: stop the line (or the walk)."""
        p = self.canvas.project  # type: ignore[attr-defined]
        if self.phase == "x":
            self.chosen_x = self.position(p.width)
            self.phase = "y"
            self.index = self._nearest(self.canvas.pen_pos.y(), p.height)  # type: ignore[attr-defined]
            self.direction = 1
            self.said.emit(tr("Now a line goes down. Press when it is where you want."))
            self._run()
        elif self.phase == "y":
            point = QPointF(self.chosen_x, self.position(p.height))
            self.stop()
            self._use(point)
            self.finished.emit()
        elif self.phase == "walk":
            self.stop()
            self.said.emit(tr("Stopped. Choose a way, or lift the pen."))
            self.finished.emit()

    def stop(self) -> None:
        self.beat.stop()
        self.phase = ""
        self.changed.emit()

    def _use(self, point: QPointF) -> None:
        from kadr.ui.canvas_words import place_name

        c = self.canvas
        p = c.project  # type: ignore[attr-defined]
        place = place_name(point.x() / p.width, point.y() / p.height)
        if self.purpose == "point":
            c.finish_stroke()  # type: ignore[attr-defined]
            c.pen_pos = point  # type: ignore[attr-defined]
            c.update()
            self.said.emit(tr("The pen is at {place}.", place=place))
            return
        tool = c.tools.tool  # type: ignore[attr-defined]
        start = QPointF(c.pen_pos)  # type: ignore[attr-defined]
        points = [point] if tool in ("fill", "picker") else [start, point]
        c.stroke_between(points)  # type: ignore[attr-defined]
        self.said.emit(tr("Drawn to {place}.", place=place))

    # -- walking -------------------------------------------------------------------------
    def walk(self, way: tuple[int, int]) -> None:
        c = self.canvas
        if not c.pen_down and c.tools.tool in ("brush", "eraser"):  # type: ignore[attr-defined]
            c.toggle_pen()  # type: ignore[attr-defined]  # the keyboard pen's stroke
        self.walking = way
        self.phase = "walk"
        self.said.emit(tr("Walking. Press to stop."))
        self._run()

    def end_walk(self) -> None:
        if self.phase == "walk":
            self.stop()
        self.walking = None
        if getattr(self.canvas, "pen_down", False):
            self.canvas.toggle_pen()  # type: ignore[attr-defined]  # lift: one stroke kept
        if self.menu.page == "walk" and self.menu.isVisible():
            self._show("main")

    def undo(self) -> None:
        undo: Callable[[], object] | None = getattr(self.studio, "undo", None)
        if undo is not None:
            undo()
        else:
            self.canvas.project.undo_stack.undo()  # type: ignore[attr-defined]

    # -- what the scan box draws -------------------------------------------------------------
    def lines(self) -> list[QLineF]:
        """The pointing lines in global coordinates."""
        if self.phase not in ("x", "y"):
            return []
        c = self.canvas
        p = c.project  # type: ignore[attr-defined]
        t = c.transform()  # type: ignore[attr-defined]

        def line(a: QPointF, b: QPointF) -> QLineF:
            return QLineF(QPointF(c.mapToGlobal(t.map(a).toPoint())),
                          QPointF(c.mapToGlobal(t.map(b).toPoint())))

        if self.phase == "x":
            x = self.position(p.width)
            return [line(QPointF(x, 0), QPointF(x, p.height))]
        y = self.position(p.height)
        return [line(QPointF(self.chosen_x, 0), QPointF(self.chosen_x, p.height)),
                line(QPointF(0, y), QPointF(p.width, y))]

    def marks(self) -> list[QPointF]:
        """Where the pen is (a line starts there)."""
        if not self.menu.isVisible():
            return []
        c = self.canvas
        at = c.transform().map(c.pen_pos).toPoint()  # type: ignore[attr-defined]
        return [QPointF(c.mapToGlobal(at))]

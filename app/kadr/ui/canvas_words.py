"""The canvas in words, for screen readers: which picture, what is drawn and roughly
where, the tool, and what onion skin shows. Also the canvas's accessible interface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QStackedWidget, QWidget

from kadr.core.onion import ghost_plan
from kadr.core.picture import as_array
from kadr.core.tools import color_name, tool_name
from kadr.i18n import tr

if TYPE_CHECKING:
    from kadr.ui.canvas import Canvas

_where_cache: dict[tuple[object, ...], str] = {}


def where_is_ink(canvas: Canvas) -> str:
    """'in the top left', 'in the middle', ... for the drawing of the current picture."""
    project = canvas.project
    frame = project.frames[canvas.index]
    key = tuple(p.key for p in frame.pictures.values())
    if key in _where_cache:
        return _where_cache[key]
    alpha = as_array(canvas.renderer.drawing(canvas.index))[::4, ::4, 3]
    ys, xs = np.nonzero(alpha > 32)
    if len(xs) == 0:
        return ""
    cx, cy = xs.mean() / alpha.shape[1], ys.mean() / alpha.shape[0]
    row = 0 if cy < 1 / 3 else (1 if cy < 2 / 3 else 2)
    col = 0 if cx < 1 / 3 else (1 if cx < 2 / 3 else 2)
    words = [
        [tr("in the top left"), tr("at the top"), tr("in the top right")],
        [tr("on the left"), tr("in the middle"), tr("on the right")],
        [tr("in the bottom left"), tr("at the bottom"), tr("in the bottom right")],
    ][row][col]
    if len(_where_cache) > 512:
        _where_cache.clear()
    _where_cache[key] = words
    return words


def frame_words(index: int, count: int, hold: int) -> str:
    if hold == 1:
        return tr("Picture {n} of {count}, lasts 1 frame", n=index + 1, count=count)
    return tr("Picture {n} of {count}, lasts {hold} frames", n=index + 1, count=count, hold=hold)


def describe_canvas(canvas: Canvas) -> str:
    p = canvas.project
    i = canvas.index
    parts = [frame_words(i, len(p.frames), p.frames[i].hold) + "."]
    if p.frames[i].has_drawing():
        parts.append(tr("Has a drawing {where}.", where=where_is_ink(canvas)))
    else:
        parts.append(tr("Empty picture."))
    t = canvas.tools
    parts.append(tr("Tool: {tool}, colour {colour}, size {size}.", tool=tool_name(t.tool),
                    colour=color_name(t.color), size=t.size))
    onion = p.settings.onion
    if onion.enabled:
        shown = sorted(g.index + 1 for g in ghost_plan(onion, i, len(p.frames)))
        if shown:
            parts.append(tr("See other pictures is on: showing pictures {list}.",
                            list=", ".join(str(n) for n in shown)))
        else:
            parts.append(tr("See other pictures is on."))
    for guide in getattr(canvas, "guides", []):
        parts.append(guide_words(guide))
    if canvas.keyboard_pen:
        state = canvas.pen_state_words()
        message = canvas.property("kadrMessage")  # a11y.MESSAGE, read in front of these
        if not (isinstance(message, str) and state in message):  # Where am I said it
            parts.append(state)
    return " ".join(parts)


def place_name(fx: float, fy: float) -> str:
    """A place on the paper in words, from fractions of its width and height."""
    rows = (tr("top"), "", tr("bottom"))
    columns = (tr("left"), "", tr("right"))
    row = rows[min(2, max(0, int(3 * fy)))]
    column = columns[min(2, max(0, int(3 * fx)))]
    if row and column:  # "top left": the order is the language's ("왼쪽 위")
        return tr("{row} {column}", row=row, column=column)
    return row or column or tr("middle")


def guide_words(guide: object) -> str:
    """A lesson's guide in words: "Guide: a dotted circle, middle." (a blind child
    learns where to draw as a sighted one sees it)."""
    shapes = {"circle": tr("a dotted circle"), "ellipse": tr("a dotted oval"),
              "rect": tr("a dotted box"), "line": tr("a dotted line"),
              "path": tr("a dotted path"), "dots": tr("dots")}
    shape = str(getattr(guide, "shape", ""))
    points = list(getattr(guide, "points", ()) or [(0.5, 0.5)])
    fx = sum(p[0] for p in points) / len(points)
    fy = sum(p[1] for p in points) / len(points)
    return tr("Guide: {shape}, {place}.", shape=shapes.get(shape, tr("a dotted shape")),
              place=place_name(fx, fy))


class CanvasAccessible(QAccessibleWidget):
    """Makes the canvas a focusable canvas with a name and a description in words."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Canvas, tr("Drawing paper"))
        self._canvas = widget

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return tr("Drawing paper")
        if kind == QAccessible.Text.Description:
            return self._canvas.accessibleDescription()
        return super().text(kind)


class ChoiceAccessible(QAccessibleWidget):
    """A button of a choice group (a tool, a size, a colour) read as a radio button,
    "checked" when chosen: screen readers then say it is one of a set (Qt reads a
    checkable tool button as a check box)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.RadioButton)
        self._button = widget

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._button.accessibleName() or self._button.text()  # type: ignore[attr-defined]
        if kind == QAccessible.Text.Description:
            return self._button.accessibleDescription()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = bool(self._button.isChecked())  # type: ignore[attr-defined]
        return state

    def actionNames(self) -> list[str]:  # noqa: N802
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802
        if name == QAccessibleWidget.pressAction():
            self._button.click()  # type: ignore[attr-defined]
        else:
            super().doAction(name)


def accessible_factory(class_name: str, obj: object) -> QAccessibleWidget | None:
    from kadr.ui.canvas import Canvas

    if isinstance(obj, Canvas):
        return CanvasAccessible(obj)
    if isinstance(obj, QWidget) and obj.property("kadrChoice"):
        return ChoiceAccessible(obj)
    if isinstance(obj, QStackedWidget):
        # a plain container, as every other panel: Qt's "layered pane" is read aloud by
        # Orca after every dialog closes and whenever a screen changes
        return QAccessibleWidget(obj, QAccessible.Role.Client)
    return None


def install() -> None:
    """Register before any canvas exists (Qt asks the factory when it first sees a widget)
    and after the QApplication: Qt asks the newest factory first, and the application
    installs Qt's own (which would read a QStackedWidget as a "layered pane")."""
    QAccessible.installFactory(accessible_factory)

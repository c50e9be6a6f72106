"""The scan box: a thick two-colour frame round what switch scanning highlights.

A see-through layer over the whole window that takes no input. The frame is black outside
and yellow inside (each ``LINE`` px): one of the two stands out on any background, in
every theme. The group the scan is inside gets a thinner dashed frame, and its Back is a
drawn tile beside it. Pointing lines (switch drawing) are drawn in the same two colours.
Everything is kept in global coordinates and mapped at paint time, so the frame follows
the window and the controls when they move or change size.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from kadr.ui import icons

LINE = 4  # px of each colour: 8 px of frame in all
OUTER, INNER = "#000000", "#ffd700"


class ScanBox(QWidget):
    """Draws the highlight; never takes a click, a key or focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("scanBox")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.box = QRect()  # the highlighted item
        self.group = QRect()  # the group the scan is inside
        self.back = QRect()  # where the group's Back tile is drawn (empty: none)
        self.back_word = ""
        self.back_lit = False
        self.lines: list[QLineF] = []  # pointing lines across the paper
        self.marks: list[QPointF] = []  # the pen's place, a chosen first point
        self.refresh: Callable[[], None] | None = None  # places everything again
        self._watched: list[QWidget] = []
        self.follow(window)

    def follow(self, window: QWidget) -> None:
        """Lie over ``window`` (the studio's, or a dialog open over it)."""
        old = self.parentWidget()
        if old is not None:
            old.removeEventFilter(self)
        if old is not window:
            self.setParent(window)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def detach(self) -> None:
        """Stop watching every widget, before the box goes: a box waiting for its
        deleteLater must not be asked about events of windows that outlive it."""
        self.watch([])
        self.refresh = None
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)

    def watch(self, widgets: list[QWidget]) -> None:
        """Follow these widgets (the highlighted one and its group) when they move."""
        for w in self._watched:
            if isValid(w):
                w.removeEventFilter(self)
        self._watched = [w for w in widgets if isValid(w)]
        for w in self._watched:
            w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.parentWidget() and kind in (
                QEvent.Type.Resize, QEvent.Type.ChildAdded, QEvent.Type.LayoutRequest):
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
            self.raise_()  # a drawer or warning raised later stays under the frame
            self._again()
        elif watched in self._watched and kind in (QEvent.Type.Move, QEvent.Type.Resize,
                                                   QEvent.Type.Show, QEvent.Type.Hide):
            self._again()
        return False

    def _again(self) -> None:
        if self.refresh is not None:
            self.refresh()
        self.update()

    def show_item(self, box: QRect, group: QRect | None = None, back_word: str = "",
                  back_lit: bool = False) -> None:
        """Frame ``box`` (global), inside ``group`` with a Back tile when ``back_word``."""
        group = group if group is not None else QRect()
        self.box, self.group, self.back_word, self.back_lit = box, group, back_word, back_lit
        self.back = self._back_place(group) if back_word else QRect()
        if back_lit:
            self.box = self.back
        self.raise_()
        self.update()

    def back_rect(self) -> QRect:
        """The Back tile in global coordinates."""
        return self.back

    def _back_place(self, group: QRect) -> QRect:
        """Beside the group: right, left, below or above, wherever the window has room;
        inside its corner if nowhere."""
        side = 64
        window = QRect(self.mapToGlobal(QPoint(0, 0)), self.size()).adjusted(8, 8, -8, -8)
        g = group if not group.isEmpty() else window
        cy, cx = g.center().y() - side // 2, g.center().x() - side // 2
        for place in (QRect(g.right() + 12, cy, side, side), QRect(g.left() - 12 - side, cy, side, side),
                      QRect(cx, g.bottom() + 12, side, side), QRect(cx, g.top() - 12 - side, side, side)):
            if window.contains(place):
                return place
        return QRect(g.right() - side - 10, g.top() + 10, side, side)

    def clear(self) -> None:
        self.box, self.group, self.back = QRect(), QRect(), QRect()
        self.lines, self.marks = [], []
        self.update()

    # -- painting ----------------------------------------------------------------------
    def _local(self, r: QRect) -> QRect:
        return QRect(self.mapFromGlobal(r.topLeft()), r.size())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if not self.group.isEmpty():
            for colour, dash in ((OUTER, Qt.PenStyle.SolidLine), (INNER, Qt.PenStyle.DashLine)):
                painter.setPen(QPen(QColor(colour), 3, dash))
                painter.drawRect(self._local(self.group).adjusted(-6, -6, 6, 6))
        if not self.back.isEmpty():
            self._paint_back(painter, self._local(self.back))
        for line in self.lines:
            a = QPointF(self.mapFromGlobal(line.p1().toPoint()))
            b = QPointF(self.mapFromGlobal(line.p2().toPoint()))
            for colour, width in ((OUTER, 3 * LINE), (INNER, LINE)):
                painter.setPen(QPen(QColor(colour), width))
                painter.drawLine(a, b)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for mark in self.marks:
            c = QPointF(self.mapFromGlobal(mark.toPoint()))
            for colour, width in ((OUTER, 3 * LINE), (INNER, LINE)):
                painter.setPen(QPen(QColor(colour), width))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(c, 14, 14)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if not self.box.isEmpty():
            # kept inside the window: a control at its edge still gets the whole frame
            room = self.rect().adjusted(2 * LINE, 2 * LINE, -2 * LINE, -2 * LINE)
            frame(painter, self._local(self.box).intersected(room))
        painter.end()

    def _paint_back(self, painter: QPainter, r: QRect) -> None:
        painter.fillRect(r, QColor("#ffffff"))
        painter.setPen(QPen(QColor(OUTER), 3))
        painter.drawRect(r.adjusted(1, 1, -2, -2))
        picture = icons.image("back", 40, "#000000", theme="standard")  # on its white tile
        painter.drawImage(QRectF(r.center().x() - 20, r.top() + 4, 40, 40), picture)
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(OUTER))
        painter.drawText(r.adjusted(2, 44, -2, -2), Qt.AlignmentFlag.AlignHCenter, self.back_word)


def frame(painter: QPainter, r: QRect) -> None:
    """The scan box round ``r``: ``LINE`` px of black outside ``LINE`` px of yellow (whole
    pixels, filled: exactly that wide at any size)."""
    for colour, outside, inside in ((OUTER, 2 * LINE, LINE), (INNER, LINE, 0)):
        out = r.adjusted(-outside, -outside, outside, outside)
        band = outside - inside
        c = QColor(colour)
        painter.fillRect(QRect(out.left(), out.top(), out.width(), band), c)
        painter.fillRect(QRect(out.left(), out.bottom() - band + 1, out.width(), band), c)
        painter.fillRect(QRect(out.left(), out.top(), band, out.height()), c)
        painter.fillRect(QRect(out.right() - band + 1, out.top(), band, out.height()), c)

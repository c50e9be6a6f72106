"""Teacher mode fits the window at every UI size: nothing cut, nothing under 44 px.

At UI size 200 % on a 1024 x 600 screen a row of buttons with their words is wider than
the window and a section taller than it. So rows of buttons wrap onto more rows
(``WrapRow``: each button keeps the width its words need), each section scrolls inside
its own area (``scrolled``) while the learners and the section buttons stay where they
are, a control the keyboard reaches is scrolled into view (``follow_focus``), and a
ticked list's whole row is the target for a pointer (``tick_by_row``), not the small
box Qt draws.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QLayout,
    QLayoutItem,
    QListWidget,
    QScrollArea,
    QWidget,
    QWidgetItem,
)

MARGIN = 8  # room kept above and below a control scrolled to


class WrapRow(QLayout):
    """Widgets side by side, onto the next row when the next one does not fit; each
    keeps the width its words need (its size hint), so a word is never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    # -- QLayout -------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """All on one row."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802
        """One per row: as wide as the widest."""
        shown = self._shown()
        width = max((i.sizeHint().width() for i in shown), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return self._with_margins(QSize(width, height))

    # -- placing ----------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _gap(self) -> int:
        gap = self.spacing()
        if gap < 0:
            parent = self.parentWidget()
            style = parent.style() if parent is not None else QApplication.style()
            gap = style.pixelMetric(style.PixelMetric.PM_LayoutHorizontalSpacing)
        return max(gap, 6)

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return QSize(size.width() + m.left() + m.right(), size.height() + m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height, gap = area.x(), area.y(), 0, self._gap()
        for item in self._shown():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()


def scrolled(page: QWidget, name: str) -> QScrollArea:
    """``page`` in an area that scrolls when the page is taller than the room it has;
    the page is never squeezed below its minimum, so no control or word is cut."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def follow_focus(screen: QWidget, areas: list[QScrollArea]) -> None:
    """Scroll the area holding the focused control so the control shows (Tab and Shift+Tab
    from outside the area too, which QScrollArea leaves alone)."""

    def shown(_old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not screen.isVisible():
            return
        for area in areas:
            inner = area.widget()
            if inner is not None and inner.isAncestorOf(new):
                show_whole(area, inner, new)

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(shown)
        screen.destroyed.connect(lambda *_: _disconnect(app, shown))


def show_whole(area: QScrollArea, inner: QWidget, widget: QWidget) -> None:
    """Scroll so all of ``widget`` shows (its top, when it is taller than the room).
    Not ensureWidgetVisible: for a text field that shows only the text cursor."""
    top = widget.mapTo(inner, QPoint(0, 0)).y()
    height = min(widget.height(), max(0, area.viewport().height() - 2 * MARGIN))
    area.ensureVisible(0, top + height // 2, 0, height // 2 + MARGIN)


def _disconnect(app: QApplication, slot: object) -> None:
    try:
        app.focusChanged.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


class _RowTicks(QObject):
    """A click anywhere on an enabled, tickable row ticks or unticks it (the box Qt draws
    is a few pixels; the row is at least 44 px high)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in (QEvent.Type.MouseButtonRelease,
                                QEvent.Type.MouseButtonDblClick) \
                or not isinstance(event, QMouseEvent) \
                or event.button() != Qt.MouseButton.LeftButton:
            return False
        box = watched.parent()
        if not isinstance(box, QListWidget):
            return False
        item = box.itemAt(event.position().toPoint())
        flags = item.flags() if item is not None else Qt.ItemFlag.NoItemFlags
        if item is None or not flags & Qt.ItemFlag.ItemIsUserCheckable \
                or not flags & Qt.ItemFlag.ItemIsEnabled:
            return False
        if event.type() == QEvent.Type.MouseButtonRelease:
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)
        return True  # Qt's own tick on the box would undo it


_row_ticks = _RowTicks()


def tick_by_row(box: QListWidget) -> None:
    viewport = box.viewport()
    if viewport is not None:
        viewport.installEventFilter(_row_ticks)


def rows_high(box: QAbstractScrollArea, rows: int) -> None:
    """``rows`` rows of text high (a list or text squeezed to one row is no use, and in a
    section that scrolls nothing else gives it height); longer lists scroll inside (left
    to its size hint, the wide scroll bars of theme.py made a list taller than the room)."""
    row = max(44, round(box.fontMetrics().height() * 1.8))
    box.setFixedHeight(rows * row + 2 * box.frameWidth())


def tall_rows(box: QListWidget) -> None:
    """Every row at least 44 px high (at UI size 100 % the style gives 33): a row is what
    a pointer clicks (``tick_by_row``)."""
    for i in range(box.count()):
        item = box.item(i)
        natural = box.sizeHintForRow(i)
        if item is not None and natural < 44:
            item.setSizeHint(QSize(0, 44))  # width 0: the view decides; -1 would void it

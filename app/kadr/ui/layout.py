"""Layout helpers: dialogs that scroll when a large UI size makes them taller than the
screen, and typed access to layouts (the studio itself never scrolls: studio_fit.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QListWidget, QScrollArea, QVBoxLayout, QWidget


class ScrollingList(QListWidget):
    """A list that scrolls and so may be small: Qt counts its scroll bars' whole length
    into its minimum, and Kadr's wide ones (theme.py) made a list of thumbnails ask for
    300 px at UI size 200 %, crowding out the buttons around it."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(2 * bar, 2 * bar)  # room for its handle (44 px at 100 %), no more


def widgets_of(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` holds directly, in order (spacers and inner layouts skipped)."""
    items = (layout.itemAt(i) for i in range(layout.count()))
    return [w for item in items if item is not None and (w := item.widget()) is not None]


def body_of(area: QScrollArea) -> QWidget:
    """The widget a scroll area shows (every area here is given one when it is made)."""
    inner = area.widget()
    assert inner is not None, f"scroll area {area.objectName()!r} has no widget"
    return inner


def layout_of(widget: QWidget) -> QLayout:
    """``widget``'s layout, which the caller knows it has."""
    layout = widget.layout()
    assert layout is not None, f"{widget.objectName()!r} has no layout"
    return layout


def make_scrollable(dialog: QWidget, name: str,
                    below: Sequence[QWidget | QLayout] = ()) -> QScrollArea:
    """Move a dialog's contents into a scroll area and keep the dialog on the screen.

    At UI size 200 % some dialogs are taller than a 1366 x 768 screen, and the Share
    window is at 100 % on a 1024 x 600 netbook; this way nothing is squeezed (so no text
    is cut) and everything can still be reached. ``below``: the parts of the dialog's
    layout that end it (Save, Close, a row of answers, an export's progress). They stay
    under the scrolling part, always in sight: a child must not have to scroll to find
    how to finish."""
    old = layout_of(dialog)
    inner = QWidget()
    inner.setObjectName(f"{name}Body")
    body = QVBoxLayout(inner)
    body.setContentsMargins(0, 0, 0, 0)
    kept: list[QWidget | QLayout] = []
    while old.count():
        item = old.takeAt(0)
        if item is None:
            break
        part = item.widget() or item.layout()
        if part is not None and any(part is b for b in below):
            kept.append(part)
        elif isinstance(part, QWidget):
            body.addWidget(part)
        elif isinstance(part, QLayout):
            body.addLayout(part)
        else:
            body.addItem(item)
    area = QScrollArea(dialog)
    area.setObjectName(name)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    old.addWidget(area)
    if kept:
        # in a widget of their own, put in after the body: a widget moved in from another
        # window joins the end of the focus chain, so they still come after the body in
        # the Tab order and for screen readers (moved within the dialog they would not)
        end = QWidget()
        end.setObjectName(f"{name}End")
        column = QVBoxLayout(end)
        column.setContentsMargins(0, 0, 0, 0)
        for part in kept:
            if isinstance(part, QWidget):
                column.addWidget(part)
            else:
                column.addLayout(part)
        old.addWidget(end)
        if isinstance(old, QBoxLayout):
            old.setStretchFactor(area, 1)  # the room left over scrolls; the end keeps its size
    fit_dialog(dialog, area)
    return area


def fit_dialog(dialog: QWidget, area: QScrollArea) -> None:
    """Show the whole body when the screen allows, else as much as fits (then it scrolls)."""
    inner = body_of(area)
    inner.setMinimumSize(inner.sizeHint())  # never squeeze the texts: scroll instead
    screen = dialog.screen().availableGeometry()
    bar = area.verticalScrollBar().sizeHint().width()
    layout = layout_of(dialog)
    margins = layout.contentsMargins()
    # what make_scrollable kept under the area: the same width, heights one after another
    ends = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        if item is not None and widget is not area and not (widget and widget.isHidden()):
            ends.append(item)
    for item in ends:
        kept = item.widget()
        if kept is not None and (column := kept.layout()) is not None:
            stack_wide_rows(column, screen.width() - margins.left() - margins.right())
    end_w = max((item.sizeHint().width() for item in ends), default=0)
    end_h = sum(item.sizeHint().height() + layout.spacing() for item in ends)
    want_w = max(inner.sizeHint().width() + bar, end_w) + margins.left() + margins.right()
    want_h = inner.sizeHint().height() + bar + end_h + margins.top() + margins.bottom()
    dialog.setMaximumSize(screen.size())
    dialog.resize(min(want_w, screen.width()), min(want_h, screen.height() - 40))


def stack_wide_rows(column: QLayout, room: int) -> None:
    """Rows of answers in ``column`` wider than ``room`` px: one answer under the other
    (squeezed into the row, their words would be cut)."""
    for k in range(column.count()):
        part = column.itemAt(k)
        row = part.layout() if part is not None else None
        if isinstance(row, QBoxLayout) and row.sizeHint().width() > room:
            row.setDirection(QBoxLayout.Direction.TopToBottom)
    column.invalidate()

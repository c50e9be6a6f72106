"""Layout helpers: dialogs that scroll when a large UI size makes them taller than the
screen, and typed access to layouts (the studio itself never scrolls: studio_fit.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLayout, QListWidget, QScrollArea, QVBoxLayout, QWidget


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


def make_scrollable(dialog: QWidget, name: str) -> QScrollArea:
    """Move a dialog's contents into a scroll area and keep the dialog on the screen.

    At UI size 200 % some dialogs are taller than a 1366 x 768 screen; this way nothing is
    squeezed (so no text is cut) and everything can still be reached."""
    old = layout_of(dialog)
    inner = QWidget()
    inner.setObjectName(f"{name}Body")
    body = QVBoxLayout(inner)
    body.setContentsMargins(0, 0, 0, 0)
    while old.count():
        item = old.takeAt(0)
        if item is None:
            break
        if (widget := item.widget()) is not None:
            body.addWidget(widget)
        elif (inner_layout := item.layout()) is not None:
            body.addLayout(inner_layout)
        else:
            body.addItem(item)
    area = QScrollArea(dialog)
    area.setObjectName(name)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    old.addWidget(area)
    fit_dialog(dialog, area)
    return area


def fit_dialog(dialog: QWidget, area: QScrollArea) -> None:
    """Show the whole body when the screen allows, else as much as fits (then it scrolls)."""
    inner = body_of(area)
    inner.setMinimumSize(inner.sizeHint())  # never squeeze the texts: scroll instead
    screen = dialog.screen().availableGeometry()
    bar = area.verticalScrollBar().sizeHint().width()
    margins = layout_of(dialog).contentsMargins()
    want_w = inner.sizeHint().width() + bar + margins.left() + margins.right()
    want_h = inner.sizeHint().height() + bar + margins.top() + margins.bottom()
    dialog.setMaximumSize(screen.size())
    dialog.resize(min(want_w, screen.width()), min(want_h, screen.height() - 40))

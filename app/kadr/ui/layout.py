"""Layout helpers: bars that scroll when a large UI size makes them wider than the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scroll_area(inner: QWidget, name: str, horizontal: bool) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    off, need = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAsNeeded
    area.setHorizontalScrollBarPolicy(need if horizontal else off)
    area.setVerticalScrollBarPolicy(off if horizontal else need)
    return area


def fit_scroll_area(area: QScrollArea, horizontal: bool) -> None:
    """Size a bar's scroll area to its content in the direction that does not scroll."""
    hint = area.widget().sizeHint()
    bar = area.horizontalScrollBar().sizeHint() if horizontal else area.verticalScrollBar().sizeHint()
    if horizontal:
        area.widget().setMinimumWidth(hint.width())  # never squeeze (and clip) the buttons
        area.setFixedHeight(hint.height() + bar.height())
    else:
        area.widget().setMinimumHeight(hint.height())
        area.setFixedWidth(hint.width() + bar.width())

"""A shaky press on a control is a click, never a drag.

Qt starts a drag (the picture strip's drag-to-move) only after the pointer moved
``QApplication.startDragDistance()`` pixels; some systems set that to 4. Here it is at
least ``STEADY_PX`` at 100 % UI size, growing with the UI size. Sliders (and scroll bars)
follow a pressed handle from the first pixel: their filter holds the moves back until the
pointer has gone as far, so a tremor on a slider's handle leaves its value alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication

STEADY_PX = 10  # how far a press may wander and still be a click (at 100 %)


def distance() -> int:
    """How far the pointer must move, pressed, before a control is dragged."""
    return QApplication.startDragDistance()


class SteadySliders(QObject):
    """Holds back a pressed slider's moves until they are longer than ``distance()``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pressed: tuple[QAbstractSlider, QPoint] | None = None
        self._dragging = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(watched, QAbstractSlider) or not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        pos = event.position().toPoint()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed, self._dragging = (watched, pos), False
        elif kind == QEvent.Type.MouseMove and self._pressed is not None \
                and self._pressed[0] is watched and not self._dragging:
            if (pos - self._pressed[1]).manhattanLength() < distance():
                return True  # a shaky press: the handle stays
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = None
        return False


_filter: SteadySliders | None = None


def install(app: QApplication, scale: float) -> None:
    """The drag distance for UI size ``scale`` and the sliders' filter (once)."""
    global _filter
    app.setStartDragDistance(round(STEADY_PX * scale))
    if _filter is None:
        _filter = SteadySliders(app)
        app.installEventFilter(_filter)

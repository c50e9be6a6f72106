"""Dwell clicking: resting the pointer still on a control for a set time clicks it, for
children who can move a pointer (head pointer, eye gaze, a trackball) but not press.

One application-wide event filter watches the pointer as it reaches each window. When it
stays within a few pixels for ``seconds`` over something that takes a click (a button, a
slider, a list's entry, a drop-down), that widget gets a real press and release there. A
ring at the pointer fills while it waits (``DwellRing``: a small overlay that takes no
input). After a click the pointer must move away before it can click again, so resting on
a button never presses it twice. With ``paper`` the drawing paper takes dwell clicks too:
the canvas then draws by click-move-click (one dwell puts the pen down, the next lifts it).

Time comes from a replaceable clock (scan_clock.py): tests move it by hand.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QWidget,
)

from kadr.settings import Settings
from kadr.ui.scan_clock import Beating, Clock

STILL_PX = 8  # how far the pointer may wander while resting (at 100 % UI size)
TICK = 0.05  # seconds between looks at the pointer (the ring fills smoothly)
RING = 22  # the ring's radius in px (at 100 %)
OUTER, INNER, FILL = "#ffffff", "#000000", "#1f7a3a"  # shows on any background
TAKES_CLICKS = (QAbstractButton, QAbstractSlider, QComboBox, QLineEdit, QAbstractSpinBox,
                QTabBar)


def _scale() -> float:
    app = QApplication.instance()
    value = app.property("kadr_scale") if app is not None else None
    return float(value) if isinstance(value, (int, float)) else 1.0


class DwellRing(QWidget):
    """The ring at the pointer: a grey track that fills clockwise, in two colours so it
    shows on any background. It takes no input and is never focused."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("dwellRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.progress = 0.0
        self.resize_for_scale()

    def resize_for_scale(self) -> None:
        side = 2 * round(RING * _scale()) + 12
        self.setFixedSize(side, side)

    def show_at(self, window: QWidget, global_pos: QPoint, progress: float) -> None:
        if self.parentWidget() is not window:
            self.setParent(window)
            self.resize_for_scale()
        self.progress = max(0.0, min(1.0, progress))
        self.move(window.mapFromGlobal(global_pos) - QPoint(self.width() // 2,
                                                             self.height() // 2))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.width() / 2 - 6
        box = QRectF(self.width() / 2 - r, self.height() / 2 - r, 2 * r, 2 * r)
        for color, width in ((OUTER, 10), (INNER, 4)):  # the track
            painter.setPen(QPen(QColor(color), width))
            painter.drawEllipse(box)
        if self.progress > 0:  # the filled part, from the top, clockwise
            span = -round(360 * 16 * self.progress)
            for color, width in ((OUTER, 12), (FILL, 8)):
                pen = QPen(QColor(color), width)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                painter.setPen(pen)
                painter.drawArc(box, 90 * 16, span)
        painter.end()


class Dwell(QObject):
    """Clicks what the pointer rests on for ``seconds``. ``paper``: the canvas too."""

    clicked = Signal(QWidget)  # after a dwell click on this widget

    def __init__(self, seconds: float = 1.2, paper: bool = False, clock: Clock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self.paper = paper
        self.clock = clock or Clock()
        self.beat: Beating = self.clock.beat(self._tick, self)
        self._ring = DwellRing()
        self.anchor: QPoint | None = None  # where the pointer came to rest
        self.started = 0.0
        self.fired_at: QPoint | None = None  # a click happened here: move away first
        self.window: QObject | None = None  # the window the pointer rests over (a QWindow)
        self.running = False
        self._clicking = False  # our own press and release are on their way

    @property
    def ring(self) -> DwellRing:
        """The ring (made again when the window it was shown on closed and took it)."""
        from shiboken6 import isValid

        if not isValid(self._ring):
            self._ring = DwellRing()
        return self._ring

    # -- on and off ------------------------------------------------------------------
    def start(self) -> None:
        app = QApplication.instance()
        if app is None or self.running:
            return
        app.installEventFilter(self)
        self.beat.start(TICK, TICK)
        self.running = True

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.beat.stop()
        self.running = False
        self._clicking = False
        self.anchor = None
        self._hide_ring()

    def configure(self, settings: Settings) -> None:
        self.seconds = settings.dwell_seconds
        self.paper = settings.dwell == "paper"

    # -- watching the pointer -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QMouseEvent):
            return False
        kind = event.type()
        pos = event.globalPosition().toPoint()
        # the pointer as it reaches a window (a widget without mouse tracking sees no
        # moves, its window does)
        if kind == QEvent.Type.MouseMove and watched.isWindowType():
            self.window = watched
            self._moved(pos)
        elif kind == QEvent.Type.MouseButtonPress and not self._clicking:
            self.fired_at, self.anchor = pos, None  # a real press: rest again first
            self._hide_ring()
        return False

    def _still(self) -> float:
        return STILL_PX * _scale()

    def _moved(self, pos: QPoint) -> None:
        if self.fired_at is not None:
            if _distance(pos, self.fired_at) <= self._still():
                return  # still resting where it clicked: no second click
            self.fired_at = None
        if self.anchor is None or _distance(pos, self.anchor) > self._still():
            self.anchor, self.started = pos, self.clock.now()
            self._hide_ring()

    def _tick(self) -> None:
        anchor = self.anchor
        if anchor is None or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        target = self.target_at(anchor)
        if target is None:
            self._hide_ring()
            return
        progress = (self.clock.now() - self.started) / max(0.1, self.seconds)
        self.ring.show_at(target.window(), anchor, progress)
        if progress >= 1.0:
            self.fired_at, self.anchor = anchor, None  # before the click: it may open a
            self._hide_ring()  # window and wait there
            QTimer.singleShot(0, self, lambda: self._click(target, anchor))

    def _hide_ring(self) -> None:
        if self.ring.isVisible():
            self.ring.hide()
        self.ring.progress = 0.0

    # -- what takes a click -----------------------------------------------------------------
    def target_at(self, pos: QPoint) -> QWidget | None:
        """The widget a dwell at ``pos`` clicks: a control that takes clicks (enabled),
        an entry of a list, or the drawing paper when ``paper`` allows it."""
        from shiboken6 import isValid

        widget = self._widget_at(pos)
        while widget is not None and isValid(widget) and widget is not self.ring:
            if widget.objectName() == "canvas":
                return widget if self.paper and widget.isEnabled() else None
            if isinstance(widget, TAKES_CLICKS):
                return widget if widget.isEnabled() else None
            parent = widget.parentWidget()
            if isinstance(parent, QAbstractItemView) and _same(widget, parent.viewport()):
                index = parent.indexAt(widget.mapFromGlobal(pos))
                return widget if index.isValid() and parent.isEnabled() else None
            if widget.isWindow():
                return None
            widget = parent
        return None

    def _widget_at(self, pos: QPoint) -> QWidget | None:
        """The widget under ``pos``: in an open popup or modal window when it is there
        (they lie over the rest and take every click), else in the window the pointer's
        moves came to (asked of that window: the system's own answer is not there on
        every platform)."""
        from shiboken6 import isValid

        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        popups = [w for w in tops if w.windowType() == Qt.WindowType.Popup]
        for over in (*popups, QApplication.activeModalWidget()):
            if over is not None and over.isVisible() and over.geometry().contains(pos):
                return _child_at(over, pos)
        for top in tops:
            if top.windowHandle() is self.window:
                return _child_at(top, pos)
        widget = QApplication.widgetAt(pos)
        return widget if widget is not None and isValid(widget) else None

    def _click(self, target: QWidget, pos: QPoint) -> None:
        """A real press and release at ``pos`` (focus moves as for a mouse click)."""
        from shiboken6 import isValid

        if not isValid(target) or not target.isVisible():
            return
        local = QPointF(target.mapFromGlobal(pos))
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        for kind, buttons in ((QEvent.Type.MouseButtonPress, left),
                              (QEvent.Type.MouseButtonRelease, none)):
            if not isValid(target):
                return
            event = QMouseEvent(kind, local, QPointF(pos), left, buttons,
                                Qt.KeyboardModifier.NoModifier)
            self._clicking = kind == QEvent.Type.MouseButtonPress
            try:
                QApplication.sendEvent(target, event)
            finally:
                self._clicking = False
        if isValid(target):
            self.clicked.emit(target)


_held: list[QWidget] = []  # the wrappers of the last widget found, and its window's


def _child_at(top: QWidget, pos: QPoint) -> QWidget | None:
    """The widget of window ``top`` at global ``pos``, or None. A popup (a drop-down's
    list) has no Python wrapper of its own until asked for: when the one made here goes,
    PySide takes the wrappers of its children with it, so they are held in ``_held``
    while the click is on its way; in a popup the list's entries' area is asked first."""
    from shiboken6 import isValid

    local = top.mapFromGlobal(pos)
    if top.windowType() == Qt.WindowType.Popup:
        for view in top.findChildren(QAbstractItemView):
            area = view.viewport()
            if isValid(area) and area.isVisible() and QRect(
                    area.mapTo(top, QPoint(0, 0)), area.size()).contains(local):
                _held[:] = [top, view, area]
                return area
    child = top.childAt(local) or top
    _held[:] = [top, child]
    return child if isValid(child) else None


def _same(a: QWidget, b: QWidget) -> bool:
    """One widget, even when PySide gave two wrappers for it (see ``_child_at``)."""
    from shiboken6 import getCppPointer

    return bool(getCppPointer(a)[0] == getCppPointer(b)[0])


def _distance(a: QPoint, b: QPoint) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


_dwell: Dwell | None = None


def follow(settings: Settings) -> Dwell | None:
    """Dwell clicking on, off or changed as ``settings`` say (one for the application)."""
    global _dwell
    if settings.dwell == "off":
        if _dwell is not None:
            _dwell.stop()
            _dwell.deleteLater()
            _dwell = None
        return None
    if _dwell is None:
        _dwell = Dwell()
    _dwell.configure(settings)
    _dwell.start()
    return _dwell

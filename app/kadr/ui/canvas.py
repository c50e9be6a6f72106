"""The drawing canvas: shows the current picture (with onion skin) and turns mouse, pen
tablet, touch and keyboard-pen input into the same PenEvents for the tools.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from kadr.core.paint import PenEvent, draw_shape
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.core.tools import ToolSession, ToolState, finish_stroke
from kadr.i18n import tr
from kadr.settings import Settings
from kadr.ui.canvas_words import describe_canvas

DRAWN_BY_MOVING = ("brush", "eraser", "line", "rectangle", "ellipse")  # a tap draws a dot
ZOOMS = (0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)


class Canvas(QWidget):
    """Paints picture ``index`` of the project; every input becomes a ToolSession."""

    edited = Signal()  # a change was kept (after pen up)
    color_picked = Signal(str)
    drawing = Signal(bool)  # a stroke began (True) or ended (False): background work waits
    said = Signal(str)  # where the keyboard pen is, for the caption and screen readers

    def __init__(self, project: Project, renderer: Renderer, tools: ToolState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)  # Qt turns touch into mouse
        self.setMinimumSize(200, 150)
        self.project, self.renderer, self.tools = project, renderer, tools
        self.index = 0
        self.playing = False
        self.zoom: float | None = None  # None: fit the window
        self.pan = QPointF(0, 0)
        self.session: ToolSession | None = None
        self._device = ""  # what draws the session: "mouse", "tablet", "touch" or "keys"
        self.stroke_ended = 0.0  # time.monotonic() of the last pen-up
        self.overlays: list[Callable[[QPainter, int, int], None]] = []  # lesson guides
        # the keyboard pen (WCAG 2.1.3): a big cursor moved by arrow keys
        self.pen_pos = QPointF(project.width / 2, project.height / 2)
        self.pen_step = 10
        self.pen_down = False
        self.shape_start: QPointF | None = None
        self.keyboard_pen = True
        self._tablet_active = False
        self.read_only = False  # set by the studio for a film that cannot be kept
        # motor access (issue 17): a click starts a stroke and the next ends it, so no
        # dragging is needed; strokes shorter than ``ignore_marks`` paper px are not drawn
        self.click_to_draw = False
        self.ignore_marks = 0
        self._clicked_on = False  # a stroke started by a click is on (until the next)
        self._pending: QPointF | None = None  # a press not yet a stroke (ignore_marks)
        self._pointer: QPointF | None = None  # where the mouse is (the "on" marker)
        self.setAccessibleName(tr("Drawing paper"))
        self._describe_timer = QTimer(self, singleShot=True, interval=80)
        self._describe_timer.timeout.connect(self._describe)
        project.picture_changed.connect(self._on_picture_changed)
        project.frames_changed.connect(self.update)
        project.background_changed.connect(self.update)
        project.settings_changed.connect(self.update)

    def use_settings(self, settings: Settings) -> None:
        """The learner's pointer settings: keyboard pen step, click-move-click (also when
        dwell clicks on the paper: one dwell starts a stroke, the next ends it), and
        how short a stroke is ignored."""
        self.pen_step = settings.pen_step
        self.click_to_draw = settings.click_move_click or settings.dwell == "paper"
        self.ignore_marks = settings.ignore_marks
        if not self.click_to_draw and self._clicked_on:
            self.finish_stroke()

    # -- geometry ------------------------------------------------------------------
    def scale(self) -> float:
        if self.zoom is not None:
            return self.zoom
        p = self.project
        return max(0.05, min((self.width() - 16) / p.width, (self.height() - 16) / p.height))

    def paper_size_shown(self) -> tuple[int, int] | None:
        """The paper's size on screen when it is shown smaller than 1:1, else None."""
        s = self.scale()
        if s >= 1.0:
            return None
        return round(self.project.width * s), round(self.project.height * s)

    def drawing_now(self, within: float = 0.3) -> bool:
        """A stroke is being drawn, or ended less than ``within`` seconds ago (children
        draw stroke after stroke; background work waits for a pause)."""
        return self.session is not None or time.monotonic() - self.stroke_ended < within

    def transform(self) -> QTransform:
        s = self.scale()
        ox = (self.width() - self.project.width * s) / 2 + self.pan.x()
        oy = (self.height() - self.project.height * s) / 2 + self.pan.y()
        return QTransform(s, 0, 0, s, ox, oy)

    def to_canvas(self, pos: QPointF) -> QPointF:
        inverse, _ok = self.transform().inverted()
        return inverse.map(pos)

    def to_widget(self, rect: QRect) -> QRect:
        return self.transform().mapRect(QRectF(rect)).toAlignedRect().adjusted(-2, -2, 2, 2)

    def set_zoom(self, zoom: float | None) -> None:
        self.zoom = zoom
        if zoom is None:
            self.pan = QPointF(0, 0)
        self.update()

    def zoom_step(self, direction: int) -> None:
        current = self.scale()
        if direction > 0:
            bigger = [z for z in ZOOMS if z > current + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [z for z in ZOOMS if z < current - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def pan_by(self, dx: float, dy: float) -> None:
        self.pan += QPointF(dx, dy)
        self.update()

    def _keep_in_view(self, point: QPointF, margin: float = 40.0) -> None:
        """Zoomed in, the paper follows the keyboard pen: it never walks out of sight."""
        if self.zoom is None:
            return
        at = self.transform().map(point)
        dx = max(0.0, margin - at.x()) - max(0.0, at.x() - (self.width() - margin))
        dy = max(0.0, margin - at.y()) - max(0.0, at.y() - (self.height() - margin))
        if dx or dy:
            self.pan_by(dx, dy)

    # -- what to show --------------------------------------------------------------
    def show_frame(self, index: int, playing: bool = False) -> None:
        self.finish_stroke()  # a page turn keeps the stroke on the page it was drawn on
        self.index = max(0, min(index, len(self.project.frames) - 1))
        self.playing = playing
        self.update()
        if not playing:
            self._state_changed()

    def _on_picture_changed(self, frame_id: int, _layer: str, rect: QRect) -> None:
        """Repaint only what changed: the area on the shown picture, or everything when a
        picture shown as a ghost changed (a stroke already painted itself)."""
        frames = self.project.frames
        shown = 0 <= self.index < len(frames) and frames[self.index].id == frame_id
        if shown:
            if not rect.isEmpty():
                self.update(self.to_widget(rect))
            self._state_changed()
        elif self.project.settings.onion.enabled:
            self.update()

    def _state_changed(self) -> None:
        # described a moment later, once: a burst of changes costs one description, and
        # finishing a stroke stays quick (finding where the ink is reads pixels)
        self._describe_timer.start()

    def _describe(self) -> None:
        # setting the description sends DescriptionChanged to screen readers; a message
        # the studio just gave (a11y.announce) stays in front while the paper has focus,
        # so the same words are not read twice
        words = self.description()
        message = self.property("kadrMessage") if self.hasFocus() else None
        text = f"{message} {words}" if message else words
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def description(self) -> str:
        return describe_canvas(self)

    # -- painting ------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        t = self.transform()
        painter.setTransform(t)
        inverse, _ok = t.inverted()
        clip = inverse.mapRect(QRectF(event.rect())).toAlignedRect().adjusted(-1, -1, 1, 1)
        clip = clip.intersected(QRect(0, 0, self.project.width, self.project.height))
        if not clip.isEmpty():
            painter.setClipRect(clip)
            onion = self.project.settings.onion
            self.renderer.paint(painter, self.index, onion, self.playing, clip=clip,
                                ghost_scale=t.m11())
            painter.setClipping(False)
        s = self.session
        if s is not None and s.shape_preview:
            kind, a, b = s.shape_preview
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw_shape(painter, kind, a, b, QColor(self.tools.color), self.tools.size)
        if self.shape_start is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw_shape(painter, self.tools.tool, self.shape_start, self.pen_pos,
                       QColor(self.tools.color), self.tools.size)
        for overlay in self.overlays:
            overlay(painter, self.project.width, self.project.height)
        painter.setTransform(QTransform())
        painter.setPen(QPen(self.palette().windowText().color(), 2))
        painter.drawRect(t.mapRect(QRectF(0, 0, self.project.width, self.project.height)))
        if self.keyboard_pen and self.hasFocus():
            self._paint_pen_cursor(painter, t)
        if self._clicked_on:
            self._paint_clicked_on(painter)
        painter.end()

    def _paint_pen_cursor(self, painter: QPainter, t: QTransform) -> None:
        c = t.map(self.pen_pos)
        r = max(12.0, self.tools.size * self.scale() / 2 + 6)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for color, width in (("#ffffff", 6), ("#000000", 3)):
            painter.setPen(QPen(QColor(color), width))
            painter.setBrush(QColor(self.tools.color) if self.pen_down else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(c, r, r)
            painter.drawLine(QPointF(c.x() - r - 8, c.y()), QPointF(c.x() - r + 4, c.y()))
            painter.drawLine(QPointF(c.x() + r - 4, c.y()), QPointF(c.x() + r + 8, c.y()))
            painter.drawLine(QPointF(c.x(), c.y() - r - 8), QPointF(c.x(), c.y() - r + 4))
            painter.drawLine(QPointF(c.x(), c.y() + r - 4), QPointF(c.x(), c.y() + r + 8))

    def _paint_clicked_on(self, painter: QPainter) -> None:
        """A stroke started by a click is on: a thick two-colour frame round the paper's
        window and a filled ring at the pointer, so the child sees the pen is down."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for color, width in (("#ffffff", 8), ("#000000", 4)):
            painter.setPen(QPen(QColor(color), width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(4, 4, -4, -4))
        if self._pointer is not None:
            r = self._marker_radius()
            for color, width in (("#ffffff", 6), ("#000000", 3)):
                painter.setPen(QPen(QColor(color), width))
                painter.setBrush(QColor(self.tools.color))
                painter.drawEllipse(self._pointer, r, r)

    def _marker_radius(self) -> float:
        return max(10.0, self.tools.size * self.scale() / 2 + 6)

    def _marker_rect(self) -> QRect:
        if self._pointer is None:
            return QRect()
        r = int(self._marker_radius()) + 6
        c = self._pointer.toPoint()
        return QRect(c.x() - r, c.y() - r, 2 * r, 2 * r)

    def _pen_cursor_rect(self) -> QRect:
        c = self.transform().map(self.pen_pos)
        r = int(max(12.0, self.tools.size * self.scale() / 2 + 6)) + 14
        return QRect(int(c.x()) - r, int(c.y()) - r, 2 * r, 2 * r)

    # -- the tool sessions -----------------------------------------------------------
    def finish_stroke(self) -> bool:
        """Keep the stroke in progress, whatever draws it (mouse, pen, touch, keys), and lift
        the keyboard pen: the one way new input, undo, redo, clear, a page turn or closing
        ends a stroke first. True when there was one."""
        had = self._keep_stroke()
        self._pending = None
        self._end_clicked()
        return had

    def _keep_stroke(self) -> bool:
        had = finish_stroke(self.project)
        self.pen_down = False
        if self.shape_start is not None:  # a keyboard shape's first point: not drawn yet
            self.shape_start = None
            self.update()
        return had

    def begin(self, e: PenEvent, device: str = "mouse") -> None:
        self._keep_stroke()  # one stroke at a time: another device's stroke is kept first
        if self.playing or not self.project.frames:
            return
        if self.read_only:  # a film on a locked stick: look, play and share, not draw
            self.said.emit(tr("This film cannot be changed here. You can play it and share it."))
            return
        # the keyboard pen draws exactly where its cursor is: no stabiliser lag
        state = replace(self.tools, stabiliser=0) if device == "keys" else self.tools
        self.session = ToolSession(self.project, self.index, state, on_end=self._ended)
        self.session.soon = True  # lifting the pen must not wait for compression
        self._device = device
        self.drawing.emit(True)
        self.update(self.to_widget(self.session.press(e)))

    def extend(self, e: PenEvent, device: str = "mouse") -> None:
        if self.session is not None and self._device == device:
            area = self.session.move(e)
            if not area.isEmpty():
                self.update(self.to_widget(area))

    def finish(self, e: PenEvent, device: str = "mouse") -> None:
        """Pen up from ``device``; another device's stroke is not its to end."""
        if self.session is not None and self._device == device:
            self.session.release(e)

    def _ended(self, s: ToolSession, area: QRect) -> None:
        """A session ended, by its own pen-up or because something finished it first."""
        if self.session is s:
            self.session = None
            self._end_clicked()
        self.pen_down = False
        self.stroke_ended = time.monotonic()
        self.drawing.emit(False)
        if s.picked:
            self.color_picked.emit(s.picked)
        else:
            self.edited.emit()
        if s.shape_preview or not area.isEmpty():
            # a shape's preview and the final line, or a fill: only that area changed
            self.update(self.to_widget(area.united(self._preview_area(s))))
        self.update(self._pen_cursor_rect())
        self._state_changed()

    def _preview_area(self, s: ToolSession) -> QRect:
        preview = s.shape_preview
        if preview is None:
            return QRect()
        pad = int(self.tools.size) + 4
        return QRectF(preview[1], preview[2]).normalized().toAlignedRect().adjusted(
            -pad, -pad, pad, pad)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # a click on Undo, a strip button or another window takes focus: keep the stroke
        # before that acts (the keyboard pen cannot go on drawing without focus anyway)
        self.finish_stroke()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.finish_stroke()  # the studio is closing or going away
        super().hideEvent(event)

    # -- mouse, touch, tablet --------------------------------------------------------
    def _pen(self, pos: QPointF, pressure: float = 1.0) -> PenEvent:
        c = self.to_canvas(pos)
        return PenEvent(c.x(), c.y(), pressure)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._tablet_active:
            return
        pos = event.position()
        if not self.click_to_draw:
            self._press(pos)
        elif self._clicked_on:  # the second click: the stroke ends here, kept
            self._finish_clicked(self._pen(pos))
        elif self.tools.tool in DRAWN_BY_MOVING:  # the first click: the pen goes down
            self._press(pos)
            if self.session is not None or self._pending is not None:
                self._clicked_on = True
                self._pointer = QPointF(pos)
                self.setMouseTracking(True)  # moves with no button held draw now
                self.update()
                self.said.emit(tr("Drawing. Click again to stop."))
        else:  # fill, colour picker: one click does it
            self._press(pos)
            self.finish(self._pen(pos), "mouse")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._tablet_active:
            return
        pos = event.position()
        if self._clicked_on:
            old = self._marker_rect()
            self._pointer = QPointF(pos)
            self.update(old.united(self._marker_rect()))
        if self._pending is not None:
            self._start_when_long_enough(pos)
        elif self.session is not None:
            self.extend(self._pen(pos), "mouse")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._tablet_active:
            return
        if self.click_to_draw and self._clicked_on:
            return  # a click started it: the next click ends it, not letting go
        if self._pending is not None:
            self._pending = None  # a tap shorter than "Ignore tiny marks": not drawn
            return
        self.finish(self._pen(event.position()), "mouse")

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        # a stroke started by a click ends where it left the paper's window (kept): it
        # never goes on drawing when the pointer comes back from a button
        if self._clicked_on:
            self._finish_clicked(None)
        super().leaveEvent(event)

    def _press(self, pos: QPointF) -> None:
        """The mouse went down: a stroke now, or, when tiny marks are ignored, once it
        has moved far enough (a tap, a shaky touch, draws nothing)."""
        if self.ignore_marks > 0 and self.tools.tool in DRAWN_BY_MOVING:
            self.finish_stroke()
            self._pending = self._pen(pos).point()
            return
        self.begin(self._pen(pos), "mouse")

    def _start_when_long_enough(self, pos: QPointF) -> None:
        start, here = self._pending, self._pen(pos)
        if start is None or QLineF(start, here.point()).length() < self.ignore_marks:
            return
        self._pending = None
        self.begin(PenEvent(start.x(), start.y()), "mouse")
        self.extend(here, "mouse")

    def _finish_clicked(self, e: PenEvent | None) -> None:
        """End the stroke a click started: kept where the pen is (``e``: here)."""
        if self._pending is not None:
            self._pending = None  # it never moved far enough: nothing was drawn
        elif self.session is not None and self._device == "mouse":
            if e is None:
                self.session.finish()
            else:
                self.session.release(e)
        self._end_clicked()

    def cancel_clicked(self) -> None:
        """Escape while a click's stroke is on: a line or shape not kept yet is dropped;
        brush and eraser ink is on the paper already, so it is kept (one Undo away)."""
        s = self.session
        if s is not None and self._device == "mouse" and s.stroke is None:
            s.release(None)  # nothing painted: no undo step
            self.update()
        self._finish_clicked(None)
        self.said.emit(tr("Stopped drawing."))

    def _end_clicked(self) -> None:
        if not self._clicked_on:
            return
        self._clicked_on = False
        self._pending = None
        self.setMouseTracking(False)
        self.update()

    def tabletEvent(self, event: QTabletEvent) -> None:
        e = self._pen(event.position(), event.pressure())
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._tablet_active = True
            self.begin(e, "tablet")
        elif kind == QEvent.Type.TabletMove:
            self.extend(e, "tablet")
        elif kind == QEvent.Type.TabletRelease:
            self.finish(e, "tablet")
            self._tablet_active = False
        event.accept()

    def event(self, event: QEvent) -> bool:  # noqa: N802
        """One finger draws; touch is handled here rather than relying on mouse synthesis."""
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            points = event.points()  # type: ignore[attr-defined]
            if len(points) == 1 and not self._tablet_active:
                # scenePosition is in window coordinates, also when an event is made by hand
                origin = QPointF(self.mapTo(self.window(), QPoint(0, 0)))
                e = self._pen(points[0].scenePosition() - origin, 1.0)
                if kind == QEvent.Type.TouchBegin:
                    self.begin(e, "touch")
                elif kind == QEvent.Type.TouchUpdate:
                    self.extend(e, "touch")
                else:
                    self.finish(e, "touch")
            event.accept()
            return True
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and not self._pen_key(event):
            self.finish_stroke()  # Ctrl+Z, Ctrl+Y, a page or tool key: after the stroke
        return super().event(event)

    def _pen_key(self, event: QKeyEvent) -> bool:
        """A key the canvas itself handles (or a modifier alone): it goes on drawing."""
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        pen = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        modifiers = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                     Qt.Key.Key_AltGr)
        where = key == Qt.Key.Key_W and self.keyboard_pen and not event.modifiers()
        return key in arrows or key in modifiers or (key in pen and not ctrl) or where

    # -- the keyboard pen ----------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        arrows: dict[int, tuple[int, int]] = {  # event.key() is an int
            Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and (mods & Qt.KeyboardModifier.ControlModifier
                              or (not self.keyboard_pen and self.zoom is not None)):
            # a zoomed-in paper moves with the arrows alone too: no chord is needed
            dx, dy = arrows[key]
            self.pan_by(-dx * 40, -dy * 40)
        elif key in arrows and self.keyboard_pen:
            dx, dy = arrows[key]
            step = self.pen_step * (5 if mods & Qt.KeyboardModifier.ShiftModifier else 1)
            self.move_pen(dx * step, dy * step)
        elif key == Qt.Key.Key_Space and self.keyboard_pen and not self.playing:
            self.toggle_pen()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.keyboard_pen:
            self.stamp()
        elif key == Qt.Key.Key_W and self.keyboard_pen and not mods:
            self.said.emit(self.place_words())  # "where am I?"
        elif key == Qt.Key.Key_Escape and self._clicked_on:
            self.cancel_clicked()
        elif key == Qt.Key.Key_Escape and (self.pen_down or self.shape_start is not None):
            self.cancel_keyboard_shape()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def place_words(self) -> str:
        """Where the keyboard pen is, in words: "top left", "middle", "at the right
        edge", and whether it is down."""
        from kadr.ui.canvas_words import place_name

        p, x, y = self.project, self.pen_pos.x(), self.pen_pos.y()
        place = place_name(x / p.width, y / p.height)
        edges = [word for at, word in ((x <= 0, tr("the left edge")),
                                       (x >= p.width - 1, tr("the right edge")),
                                       (y <= 0, tr("the top edge")),
                                       (y >= p.height - 1, tr("the bottom edge"))) if at]
        words = tr("Pen at {place}.", place=place)
        if edges:
            words = tr("Pen at {edges}.", edges=", ".join(edges))
        return f"{words} {self.pen_state_words()}"

    def move_pen(self, dx: float, dy: float) -> None:
        old = self._pen_cursor_rect()
        p = self.project
        was = (self.pen_pos.x(), self.pen_pos.y())
        self.pen_pos = QPointF(min(max(0.0, self.pen_pos.x() + dx), p.width - 1.0),
                               min(max(0.0, self.pen_pos.y() + dy), p.height - 1.0))
        if (dx or dy) and was == (self.pen_pos.x(), self.pen_pos.y()):
            self.said.emit(self.place_words())  # an arrow that no longer moves: an edge
        if self.pen_down and self.session is not None:
            self.extend(PenEvent(self.pen_pos.x(), self.pen_pos.y()), "keys")
        self._keep_in_view(self.pen_pos)
        self.update(old.united(self._pen_cursor_rect()))
        if self.shape_start is not None:
            self.update()

    def toggle_pen(self) -> None:
        """Space: put the pen down (start drawing here) or lift it (keep the stroke)."""
        e = PenEvent(self.pen_pos.x(), self.pen_pos.y())
        if self.tools.tool in ("brush", "eraser"):
            if self.pen_down:
                self.finish(e, "keys")
            else:
                self.begin(e, "keys")
                self.pen_down = self.session is not None
        else:
            self.stamp()
        self.update(self._pen_cursor_rect())
        self._state_changed()

    def stamp(self) -> None:
        """Enter: a dot with the brush; the first and second point of a shape; fill here."""
        e = PenEvent(self.pen_pos.x(), self.pen_pos.y())
        tool = self.tools.tool
        if tool in ("line", "rectangle", "ellipse"):
            if self.shape_start is None:
                self.shape_start = QPointF(self.pen_pos)
                self._state_changed()
                self.update()
                return
            start, self.shape_start = self.shape_start, None
            self.begin(PenEvent(start.x(), start.y()), "keys")
            self.extend(e, "keys")
            self.finish(e, "keys")
            return
        if self.pen_down:
            self.toggle_pen()
            return
        self.begin(e, "keys")
        self.finish(e, "keys")

    def stroke_between(self, points: list[QPointF]) -> None:
        """One stroke of the current tool through ``points`` (paper coordinates), drawn as
        the keyboard pen draws (no stabiliser lag) and kept as one undo step; the pen ends
        at the last point. Switch drawing uses it: a line, a shape's corners, a fill."""
        if not points:
            return
        first, last = points[0], points[-1]
        self.begin(PenEvent(first.x(), first.y()), "keys")
        for p in points[1:]:
            self.extend(PenEvent(p.x(), p.y()), "keys")
        self.finish(PenEvent(last.x(), last.y()), "keys")
        self.pen_pos = QPointF(last)
        self.update()

    def cancel_keyboard_shape(self) -> None:
        self.shape_start = None
        if self.pen_down:
            self.toggle_pen()
        self.update()

    def pen_state_words(self) -> str:
        if self.shape_start is not None:
            return tr("First point chosen. Move the pen and press Enter for the second point.")
        return tr("Pen down, drawing.") if self.pen_down else tr("Pen up.")

"""Switch access: one switch with automatic scanning.

The scanner moves keyboard focus from control to control by itself every few seconds (the
focus ring shows where it is); the switch (Space or Enter, which switch interfaces send)
presses the control. A choice group (tools, sizes, colours: one stop each) opens on a
press and is scanned one button at a time; the next press chooses. On the drawing paper the
switch opens a small pen menu that is scanned the same way: move up/right/down/left (the pen
keeps moving until the next press), pen down or up, and done. Two-switch step scanning
needs nothing extra: Tab moves, Space presses (and arrows choose inside a group).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kadr.i18n import tr

SWITCH_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
PEN_MOVES = {"up": (0, -1), "right": (1, 0), "down": (0, 1), "left": (-1, 0)}


def pen_menu_words() -> dict[str, str]:
    return {
        "up": tr("Move up"), "right": tr("Move right"), "down": tr("Move down"),
        "left": tr("Move left"), "pen": tr("Pen down or up"), "done": tr("Done drawing"),
    }


class Scanner(QObject):
    """Auto scanning for one switch. ``said`` carries what is highlighted, for speech and
    the caption line."""

    said = Signal(str)

    def __init__(self, window: QWidget, seconds: float = 1.5) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.advance)
        self.set_speed(seconds)
        self.canvas: QWidget | None = None  # set while the pen menu is open
        self.menu_index = 0
        self.group: list[QAbstractButton] | None = None  # a choice group being scanned
        self.moving: str | None = None
        self.move_timer = QTimer(self, interval=150)
        self.move_timer.timeout.connect(self._move_pen)

    def set_speed(self, seconds: float) -> None:
        self.timer.setInterval(round(1000 * max(0.5, min(5.0, seconds))))

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        self.timer.start()

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
        self.timer.stop()
        self.move_timer.stop()
        self.canvas = None

    # -- scanning --------------------------------------------------------------------
    def advance(self) -> None:
        """Highlight the next control (or the next pen action on the paper)."""
        if self.canvas is not None:
            keys = list(pen_menu_words())
            self.menu_index = (self.menu_index + 1) % len(keys)
            self.said.emit(pen_menu_words()[keys[self.menu_index]])
            return
        if self.group:
            focus_now = QApplication.focusWidget()
            i = self.group.index(focus_now) if focus_now in self.group else -1
            target = self.group[(i + 1) % len(self.group)]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            self.said.emit(target.accessibleName())
            return
        active = QApplication.activeWindow() or self.window
        active.focusNextChild()
        focus = QApplication.focusWidget()
        if focus is not None and focus.accessibleName():
            self.said.emit(focus.accessibleName())

    def press(self) -> None:
        """The switch was pressed: act on what is highlighted, then scan again from there."""
        self.timer.start()  # a pause after each accepted press
        if self.moving is not None:
            self.moving = None
            self.move_timer.stop()
            return
        if self.canvas is not None:
            self._pen_action(list(pen_menu_words())[self.menu_index])
            return
        focus = QApplication.focusWidget()
        if self.group is not None:  # inside a choice group: this one, then scan on
            self.group = None
            if isinstance(focus, QAbstractButton):
                focus.click()
            return
        group = getattr(focus, "choice_group", None)
        if group is not None and len(group.shown()) > 1:
            self.group = group.shown()
            self.said.emit(tr("Choose one: {name}", name=focus.accessibleName()))  # type: ignore[union-attr]
            return
        if focus is not None and focus.objectName() == "canvas":
            self.canvas, self.menu_index = focus, 0
            focus.keyboard_pen = True  # type: ignore[attr-defined]
            focus.update()
            self.said.emit(tr("Pen menu: {first}", first=pen_menu_words()["up"]))
        elif isinstance(focus, QAbstractButton):
            focus.click()

    def _pen_action(self, action: str) -> None:
        canvas = self.canvas
        if canvas is None:
            return
        if action == "done":
            if getattr(canvas, "pen_down", False):
                canvas.toggle_pen()  # type: ignore[attr-defined]
            self.canvas = None
            self.said.emit(tr("Done drawing."))
        elif action == "pen":
            canvas.toggle_pen()  # type: ignore[attr-defined]
        else:
            self.moving = action
            self.move_timer.start()

    def _move_pen(self) -> None:
        if self.canvas is None or self.moving is None:
            self.move_timer.stop()
            return
        dx, dy = PEN_MOVES[self.moving]
        step = getattr(self.canvas, "pen_step", 10)
        self.canvas.move_pen(dx * step, dy * step)  # type: ignore[attr-defined]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in SWITCH_KEYS and not event.isAutoRepeat()):
            self.press()
            return True  # the switch is ours while scanning
        return False

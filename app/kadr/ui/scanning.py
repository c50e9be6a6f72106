"""Switch access: group scanning with one switch or two.

The scan goes region by region (tools, the drawing paper, the lesson, colours, Play, the
pictures, the top buttons: ``scan_groups.py``), a press goes inside the highlighted one,
then group by group when a region has many controls, then control by control; a press
uses the control. Every level inside ends with Back, which goes up one level. A thick
two-colour box (``scan_box.py``) is drawn round what is highlighted, which is also
announced to screen readers and, when ``speak`` is on, said (``said``). On the drawing
paper the big pen menu opens (``scan_pen.py``).

After a press: a choice (a tool, a size, a colour) sends the scan back to the regions,
with the box on the region it was in, because a choice is made once and the child goes on
to use it; any other button keeps the box on itself, because such buttons are pressed
again and again (Longer three times, Undo, Add picture), and Back is a few steps on.

One switch (``switches = 1``): the box moves by itself every ``seconds``; the switch
(Space, Enter or 1) chooses. Two switches: nothing moves by itself; one switch steps
(Space, Tab or 1), the other chooses (Enter or 2). Switch interfaces send these keys.
After an accepted press other presses wait ``pause`` seconds (a shaky hand's second
press is not taken). Nothing needs a double press, a held key or a press in time: a held
key's repeats are ignored, and a missed item comes round again.

Other windows (the gallery, the lessons, a dialog) are their controls in Tab order, in
groups of a few when there are many.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from kadr.i18n import tr
from kadr.settings import Settings
from kadr.ui.a11y import announce
from kadr.ui.scan_box import ScanBox
from kadr.ui.scan_clock import Clock
from kadr.ui.scan_groups import ScanItem, back_item, studio_of, studio_regions, window_items
from kadr.ui.scan_pen import SwitchPen

ONE_SWITCH = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_1)
STEP_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Tab, Qt.Key.Key_1)
CHOOSE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_2)


def with_back(items: list[ScanItem]) -> list[ScanItem]:
    """A group's items and its Back last (unless it draws its own, like the pen menu)."""
    return items if any(i.up == 1 for i in items) else items + [back_item()]


class Level:
    """One level of the scan: its items, the highlighted one, and the group it is in."""

    def __init__(self, owner: ScanItem | None, items: list[ScanItem]) -> None:
        self.owner, self.items, self.index = owner, items, 0


class Scanner(QObject):
    """Group scanning over ``window`` and any dialog opened over it. ``said`` carries the
    words to say (highlighted items when ``speak`` is on; the pen's instructions)."""

    said = Signal(str)

    def __init__(self, window: QWidget, seconds: float = 1.5, *, switches: int = 1,
                 pause: float = 0.0, speak: bool = True, sweep_seconds: float = 8.0,
                 clock: Clock | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock or Clock()
        self.beat = self.clock.beat(self.step, self)
        self.seconds, self.switches, self.pause = 1.5, switches, pause
        self.speak, self.sweep_seconds = speak, sweep_seconds
        self.running = False
        self.set_speed(seconds)
        self.levels: list[Level] = []
        self.root: QWidget | None = None
        self.box: ScanBox | None = None
        self.pen: SwitchPen | None = None  # the pen whose menu is open
        self._pens: dict[int, SwitchPen] = {}
        self.last_press = float("-inf")
        self.steps = 0  # highlight moves so far (tests count them)

    # -- settings ------------------------------------------------------------------------
    def set_speed(self, seconds: float) -> None:
        self.seconds = max(0.5, min(5.0, seconds))
        if self.running:
            self._arm()

    def configure(self, s: Settings) -> None:
        """Take the scan settings (at once, also while scanning)."""
        self.switches = 2 if s.switches == 2 else 1
        self.pause = max(0.0, min(2.0, s.scan_pause))
        self.speak = s.scan_speak
        self.sweep_seconds = s.sweep_seconds
        for pen in self._live_pens():
            pen.set_sweep(s.sweep_seconds)
            pen.automatic = self.switches == 1
        self.set_speed(s.scan_seconds)

    # -- on and off ------------------------------------------------------------------------
    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.running = True
        self.restart()
        self._arm()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.running = False
        self.beat.stop()
        self._leave_to(0)
        if self.box is not None and isValid(self.box):
            self.box.detach()
            self.box.hide()
            self.box.deleteLater()
        self.box = None

    def _arm(self, extra: float = 0.0) -> None:
        """One switch: the next automatic step comes ``seconds`` (+ ``extra``) from now."""
        if self.running and self.switches == 1:
            self.beat.start(self.seconds + extra, self.seconds)
        else:
            self.beat.stop()

    # -- where the scan is -------------------------------------------------------------------
    def active_root(self) -> QWidget:
        """The window the child is using: a dialog open over ours, or ours."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            return modal
        return self.window

    def top_items(self, root: QWidget) -> list[ScanItem]:
        studio = studio_of(root)
        if studio is not None:
            return studio_regions(studio, self._canvas_item)
        return window_items(root)

    def current(self) -> ScanItem | None:
        if not self.levels or not self.levels[-1].items:
            return None
        level = self.levels[-1]
        level.index %= len(level.items)
        return level.items[level.index]

    def path(self) -> list[str]:
        """The names from the top to the highlighted item (what the child has chosen)."""
        names = [lv.owner.name for lv in self.levels if lv.owner is not None]
        item = self.current()
        return names + ([item.name] if item is not None else [])

    def restart(self) -> None:
        """Back to the top of the window in use (the regions, in the studio)."""
        self._leave_to(0)
        self.root = self.active_root()
        if self.box is None or not isValid(self.box):
            self.box = ScanBox(self.root)
            self.box.refresh = self._place
        elif self.box.parentWidget() is not self.root:
            self.box.follow(self.root)
        self.levels = [Level(None, self.top_items(self.root))]
        self._show()

    def _fresh(self) -> None:
        """A dialog opened or closed: start at its top. A control went away: read the
        level again, keeping the place."""
        if self.root is None or not isValid(self.root) or self.root is not self.active_root():
            self.restart()
            return
        level = self.levels[-1]
        if level.owner is None:  # the regions: read each time (a lesson came, a level)
            here = self.current()
            level.items = self.top_items(self.root)
            names = [i.name for i in level.items]
            if here is not None and here.name in names:
                level.index = names.index(here.name)
            return
        if all(item.alive() for item in level.items) and level.items:
            return
        if level.owner.children is not None and level.owner.alive():
            level.items = with_back(level.owner.children())
        else:
            self._leave_to(0)
            self.levels[0].items = self.top_items(self.root)

    def _leave_to(self, depth: int) -> None:
        """Go up until ``depth`` levels are left (1: the top), leaving each group."""
        while len(self.levels) > max(depth, 1):
            level = self.levels.pop()
            if level.owner is not None and level.owner.leave is not None:
                level.owner.leave()

    # -- the two switch actions --------------------------------------------------------------
    def _accepted(self) -> bool:
        """A press counts unless it comes within ``pause`` of the last accepted one."""
        now = self.clock.now()
        if now - self.last_press < self.pause:
            return False
        self.last_press = now
        return True

    def step(self) -> None:
        """Highlight the next item: the beat (one switch) or the step switch (two)."""
        if not self.running:
            return
        if self._pen_busy() and self.pen is not None:
            if self.switches == 2:
                self.pen.step()  # the step switch moves the line or the pen one place
            return  # with one switch the pen's own beat moves it; the scan waits
        self._fresh()
        level = self.levels[-1]
        if level.items:
            level.index = (level.index + 1) % len(level.items)
            self.steps += 1
        self._show()

    def step_switch(self) -> None:
        if self._accepted():
            self.step()

    def press(self) -> None:
        """The (choosing) switch: use, enter or leave what is highlighted."""
        if not self.running or not self._accepted():
            return
        if self._pen_busy() and self.pen is not None:
            self.pen.select()
            self._arm(self.pause)
            return
        root = self.root
        self._fresh()
        if self.root is not root:
            return  # the window changed under the box: this press only shows the new one
        item = self.current()
        if item is None:
            return
        if item.up:
            if item.widget is not None or item.action is not None:
                item.press()
            self._leave_to(len(self.levels) - item.up)
        elif item.children is not None:
            if item.enter is not None:
                item.enter()
            self.levels.append(Level(item, with_back(item.children())))
            self._say(tr("In {group}.", group=item.name), speak=False)
        else:
            if not item.stay:
                self._leave_to(1)  # a choice: back to the regions (see the module notes)
            item.press()  # may open a dialog: the scan moves into it and back after
            if self.root is not self.active_root() or not isValid(self.root):
                self.restart()
            elif not item.stay:
                self.levels[0].items = self.top_items(self.root)
            else:
                self._fresh()
        self._show()
        self._arm(self.pause)
        # what the press does later (a screen that opens a moment after) is read then
        QTimer.singleShot(0, self, self._after_press)

    def _after_press(self) -> None:
        if not self.running:
            return
        before = self.current()
        self._fresh()
        if self.current() is before:
            self._place()
        else:
            self._show()

    # -- the drawing paper -----------------------------------------------------------------------
    def _pen_busy(self) -> bool:
        """The open pen menu has a line sweeping or the pen walking."""
        if self.pen is not None and not isValid(self.pen):
            self.pen = None
        return self.pen is not None and self.pen.busy()

    def _live_pens(self) -> list[SwitchPen]:
        return [p for p in self._pens.values() if isValid(p)]

    def _canvas_item(self, canvas: QWidget) -> ScanItem:
        pen = self._pens.get(id(canvas))
        if pen is None or not isValid(pen) or pen.canvas is not canvas:
            pen = SwitchPen(canvas, self.sweep_seconds, self.clock)
            pen.changed.connect(self._show_pen)
            pen.finished.connect(self._pen_finished)
            pen.said.connect(lambda text: self._say(text, speak=True))
            self._pens[id(canvas)] = pen
        pen.automatic = self.switches == 1

        def enter(p: SwitchPen = pen) -> None:
            self.pen = p
            p.open()

        def leave(p: SwitchPen = pen) -> None:
            if isValid(p):  # the studio may have gone (closed by the keyboard)
                p.close()
            self.pen = None

        return ScanItem(tr("Drawing paper"), canvas, children=pen.main_items, enter=enter,
                        leave=leave)

    def _pen_finished(self) -> None:
        self._arm(self.pause)
        self._show()

    def _show_pen(self) -> None:
        if self.box is not None and isValid(self.box) and self.pen is not None \
                and isValid(self.pen):
            self.box.lines = self.pen.lines()
            self.box.marks = self.pen.marks()
            self.box.update()

    # -- showing and saying --------------------------------------------------------------------
    def _place(self) -> None:
        """Draw the box round the highlighted item (again: the window or a control moved)."""
        box = self.box
        item = self.current()
        if box is None or not isValid(box):
            return
        if item is None:
            box.clear()
            return
        level = self.levels[-1]
        group = level.owner.rect() if level.owner is not None else QRect()
        back = next((i for i in level.items if i.up and i.widget is None), None)
        box.show_item(item.rect(), group, back.name if back is not None else "",
                      back_lit=item is back)
        self._show_pen()

    def _show(self) -> None:
        """Draw the box round the highlighted item, give it focus when it takes focus
        (screen readers follow), and say it."""
        self._place()
        item = self.current()
        box = self.box
        if item is None or box is None or not isValid(box):
            return
        owner = self.levels[-1].owner
        box.watch([w for it in (item, owner) if it is not None
                   for w in ([it.widget] if it.widget is not None else it.members)])
        w = item.widget
        focused = w is not None and isValid(w) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        if focused and w is not None and not w.hasFocus():
            w.setFocus(Qt.FocusReason.TabFocusReason)
        # a control that takes focus is read by the screen reader as focus comes to it;
        # a group, Back or a picture of the strip is announced
        self._say(item.name, speak=self.speak, tell=not focused)

    def _say(self, text: str, speak: bool, tell: bool = True) -> None:
        if tell and self.root is not None and isValid(self.root):
            announce(self.root, text)
        if speak:
            self.said.emit(text)

    def _window_changed(self) -> None:
        """A window opened or closed: a dialog over ours, or ours shown at last (the
        scan may start before the window is on screen, with nothing to scan yet)."""
        empty = not self.levels or not self.levels[0].items
        if self.running and (self.root is None or not isValid(self.root)
                             or self.root is not self.active_root() or empty):
            self.restart()
            self._arm(self.pause)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(obj, QWidget) \
                and obj.isWindow():
            # a dialog opened or closed: the box goes into it (or back) at once
            QTimer.singleShot(0, self, self._window_changed)
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) \
                or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if self.switches == 1:
            ours = key in ONE_SWITCH
            choose, step = ours, False
        else:
            choose, step = key in CHOOSE_KEYS, key in STEP_KEYS
            ours = choose or step
        if not ours or event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                            | Qt.KeyboardModifier.AltModifier):
            return False
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            if choose:
                self.press()
            else:
                self.step_switch()
        return True  # the switch's keys are the scan's while it runs (releases too)

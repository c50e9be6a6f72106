"""A clock the test moves by hand, and a child's switch presses (real key events).

``Child`` drives switch scanning as a child would: it watches the scan box (the
scanner's highlighted item) and presses its switch when the box is on what it wants:
with one switch it lets the (fake) clock run until then; with two switches it presses
the step switch. Every press is a real key event sent with QTest."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid


class FakeBeat:
    """A beat of the fake clock; like the real one it ends with its parent."""

    def __init__(self, clock: FakeClock, fn, parent=None) -> None:
        self.clock, self.fn, self.due, self.every = clock, fn, None, 1.0
        self.parent = parent

    def alive(self) -> bool:
        return self.parent is None or isValid(self.parent)

    def start(self, first: float, every: float) -> None:
        self.due, self.every = self.clock.t + first, every

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None


class FakeClock:
    """``now()`` and beats that fire only when ``advance`` moves the time past them."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.beats: list[FakeBeat] = []

    def now(self) -> float:
        return self.t

    def beat(self, fn, parent=None) -> FakeBeat:
        b = FakeBeat(self, fn, parent)
        self.beats.append(b)
        return b

    def advance(self, seconds: float) -> None:
        end = self.t + seconds
        while True:
            due = [b for b in self.beats
                   if b.due is not None and b.due <= end + 1e-9 and b.alive()]
            if not due:
                break
            b = min(due, key=lambda b: b.due)
            self.t = b.due
            b.due = self.t + b.every
            b.fn()
        self.t = end


class Child:
    """Presses switches. ``switches`` 1: Space chooses, time moves the box; 2: Space
    steps, Enter chooses."""

    STEP = Qt.Key.Key_Space

    def __init__(self, scanner, clock: FakeClock, switches: int) -> None:
        self.scanner, self.clock, self.switches = scanner, clock, switches
        self.presses = 0  # choosing presses
        self.steps = 0  # highlight moves waited for (one switch) or stepped (two)

    def key(self, key: Qt.Key) -> None:
        target = QApplication.focusWidget() or self.scanner.active_root()
        QTest.keyClick(target, key)
        QApplication.processEvents()  # what the press set going happens before the next
        self.clock.advance(self.scanner.pause + 0.01)  # the next press is taken

    def next(self) -> None:
        """One highlight move: wait one scan time, or press the step switch."""
        before = self.scanner.steps
        if self.switches == 1:
            self.clock.advance(self.scanner.seconds)
        else:
            self.key(Qt.Key.Key_Space)
        assert self.scanner.steps == before + 1
        self.steps += 1

    def choose(self) -> None:
        self.presses += 1
        self.key(Qt.Key.Key_Space if self.switches == 1 else Qt.Key.Key_Return)

    def highlighted(self) -> str:
        item = self.scanner.current()
        return item.name if item is not None else ""

    def reach(self, name: str) -> None:
        """Move the box onto ``name`` at this level (at most two rounds)."""
        level = self.scanner.levels[-1]
        seen = []
        for _ in range(2 * len(level.items) + 1):
            seen.append((self.highlighted(), len(self.scanner.levels)))
            if self.highlighted() == name:
                return
            self.next()
        raise AssertionError(f"{name!r} never came; the box was on {seen}")

    def use(self, *names: str) -> None:
        """Reach and choose each of ``names`` in turn (region, group, control)."""
        for name in names:
            self.reach(name)
            self.choose()

    def back_to_top(self) -> None:
        while len(self.scanner.levels) > 1:
            self.use(self.scanner.levels[-1].items[-1].name)  # Back is last

    # -- the pen's pointing lines ---------------------------------------------------------
    def point(self, x: float, y: float) -> None:
        """Stop the sweeping lines at paper point (x, y) (in paper pixels)."""
        pen = self.scanner.pen
        p = pen.canvas.project
        for target, size in ((x, p.width), (y, p.height)):
            for _ in range(200):
                if abs(pen.position(size) - target) <= size / 80 + 0.01:
                    break
                if self.switches == 1:
                    self.clock.advance(pen.interval)
                else:
                    self.key(Qt.Key.Key_Space)
            else:
                raise AssertionError("the line never came there")
            self.choose()

    # -- finding a control, as a child who knows the screen ---------------------------------
    def find(self, widget) -> list[str]:
        """The names to choose from the top to reach ``widget``."""

        def walk(items, path):
            for item in items:
                if item.widget is widget:
                    return path + [item.name]
                if item.children is not None and item.widget is None:
                    found = walk(item.children(), path + [item.name])
                    if found:
                        return found
            return None

        found = walk(self.scanner.levels[0].items, [])
        assert found, f"{widget.objectName()} is not scanned"
        return found

    def press_control(self, widget) -> None:
        """From wherever the box is: up to the top, then to ``widget``, and press it."""
        self.back_to_top()
        self.use(*self.find(widget))

    def open_control(self, widget) -> None:
        """Go into a control that is a group (a list, a slider)."""
        self.press_control(widget)
        assert self.scanner.levels[-1].owner.widget is widget

    def use_leaf(self, starts: str) -> None:
        """Inside a list: choose the entry whose name starts so (through its groups)."""

        def walk(items, path):
            for item in items:
                if item.children is None and item.name.startswith(starts):
                    return path + [item.name]
                if item.children is not None and item.widget is None:
                    found = walk(item.children(), path + [item.name])
                    if found:
                        return found
            return None

        path = walk(self.scanner.levels[-1].items, [])
        assert path, starts
        self.use(*path)

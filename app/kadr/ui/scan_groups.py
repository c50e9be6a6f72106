"""What switch scanning visits: regions of a window, groups inside them, then controls.

A ``ScanItem`` is one thing the scan box can stop on: a control (a press clicks it), a
group (a press goes inside it) or an action of its own (Slower, one picture of the strip).
The studio is split into its regions, found by their objectName; any other window (the
gallery, a dialog) is its controls in Tab order, in groups of a few when there are many.
No level holds more than ``MOST`` things, so the highlight never walks far.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSlider,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid

from kadr.i18n import tr

MOST = 6  # things at one level before they are split into smaller groups


@dataclass(eq=False)
class ScanItem:
    """One stop of the scan. ``widget``: its control (the box goes round it; a press
    clicks it). ``children``: a group, read afresh each time it is entered. ``action``: what
    a press does instead of a click. ``area``: the box, in global coordinates, when it is
    not the widget's. ``enter``/``leave``: called when the group is entered and left.
    ``stay``: after a press the highlight stays here (things pressed again and again).
    ``up``: levels to go up after a press (a Back is 1)."""

    name: str
    widget: QWidget | None = None
    children: Callable[[], list[ScanItem]] | None = None
    action: Callable[[], object] | None = None
    area: Callable[[], QRect] | None = None
    enter: Callable[[], object] | None = None
    leave: Callable[[], object] | None = None
    stay: bool = False
    up: int = 0
    members: list[QWidget] = field(default_factory=list)  # a group's controls (its box)
    ends: tuple[str, str] | None = None  # a group's first and last control's names

    def rect(self) -> QRect:
        """Where the item is on screen (global coordinates); empty when nowhere."""
        if self.area is not None:
            return self.area()
        widgets = [self.widget] if self.widget is not None else self.members
        box = QRect()
        for w in widgets:
            if isValid(w) and w.isVisible():
                box = box.united(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))
        return box

    def alive(self) -> bool:
        """False once its control is gone or hidden (the level is read again then)."""
        widgets = [self.widget] if self.widget is not None else self.members
        return all(isValid(w) and w.isVisible() for w in widgets)

    def press(self) -> None:
        if self.action is not None:
            self.action()
        elif isinstance(self.widget, QAbstractButton):
            self.widget.click()


def back_item(name: str = "") -> ScanItem:
    return ScanItem(name or tr("Back"), up=1)


# -- controls ------------------------------------------------------------------------------
def is_control(w: QWidget) -> bool:
    """Something a press can use (labels that take focus for screen readers are not)."""
    if isinstance(w, QLabel):
        return False
    kinds = (QAbstractButton, QAbstractSlider, QAbstractItemView, QComboBox, QLineEdit,
             QSpinBox)
    return isinstance(w, kinds) or w.objectName() == "canvas"


def tab_chain(root: QWidget) -> list[QWidget]:
    """The visible, enabled controls of ``root`` in its Tab order (choice groups' other
    buttons too: Tab stops at the chosen one, the scan visits them all)."""
    out: list[QWidget] = []
    seen: set[int] = set()
    w = root.nextInFocusChain()
    while w is not None and w is not root and id(w) not in seen:
        seen.add(id(w))
        if (w.isVisible() and w.isEnabled() and w.window() is root.window()
                and w.focusPolicy() != Qt.FocusPolicy.NoFocus and is_control(w)):
            out.append(w)
        w = w.nextInFocusChain()
    return out


def control_item(w: QWidget) -> ScanItem:
    name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "") \
        or w.objectName()
    if isinstance(w, QSlider):
        return slider_item(w, name)
    if isinstance(w, QListWidget):
        return list_item(w, name)
    if isinstance(w, QComboBox):
        return combo_item(w, name)
    choice = bool(w.property("kadrChoice")) or (isinstance(w, QAbstractButton)
                                               and w.isCheckable())
    # a choice is made once; other buttons are often pressed again (Longer, Undo)
    return ScanItem(name, w, stay=not choice)


def slider_item(s: QSlider, name: str) -> ScanItem:
    """A slider is a group of two: lower and higher (each press moves it one step)."""
    def half(right: bool) -> QRect:
        r = QRect(s.mapToGlobal(QPoint(0, 0)), s.size())
        w = r.width() // 2
        return QRect(r.left() + (w if right else 0), r.top(), r.width() - w if right else w,
                     r.height())

    def parts() -> list[ScanItem]:
        less = QAbstractSlider.SliderAction.SliderSingleStepSub
        more = QAbstractSlider.SliderAction.SliderSingleStepAdd
        return [ScanItem(tr("Lower"), action=lambda: s.triggerAction(less),
                         area=lambda: half(False), stay=True),
                ScanItem(tr("Higher"), action=lambda: s.triggerAction(more),
                         area=lambda: half(True), stay=True)]

    return ScanItem(name, s, children=parts)


def combo_item(c: QComboBox, name: str) -> ScanItem:
    """A list to choose from: its entries are the group (no popup to chase)."""
    def entries() -> list[ScanItem]:
        return split([ScanItem(c.itemText(i), action=partial(c.setCurrentIndex, i),
                               area=lambda: QRect(c.mapToGlobal(QPoint(0, 0)), c.size()))
                      for i in range(c.count())])

    return ScanItem(name, c, children=entries)


def list_item(view: QListWidget, name: str) -> ScanItem:
    """A list (the picture strip): its rows are the group; a press makes one current."""
    def row_rect(i: int) -> QRect:
        item = view.item(i)
        if item is None:
            return QRect()
        r = view.visualItemRect(item)
        return QRect(view.viewport().mapToGlobal(r.topLeft()), r.size())

    def choose(i: int) -> None:
        view.setCurrentRow(i)
        item = view.item(i)
        if item is not None:
            view.scrollToItem(item)
            view.itemClicked.emit(item)

    def row_name(i: int) -> str:
        item = view.item(i)
        return str(item.data(Qt.ItemDataRole.AccessibleTextRole) or item.text()
                   or tr("Picture {n}", n=i + 1))

    def rows() -> list[ScanItem]:
        return split([ScanItem(row_name(i), action=partial(choose, i),
                               area=partial(row_rect, i))
                      for i in range(view.count())
                      if view.item(i).flags() & Qt.ItemFlag.ItemIsEnabled])

    return ScanItem(name, view, children=rows)


# -- groups ----------------------------------------------------------------------------------
def split(items: list[ScanItem]) -> list[ScanItem]:
    """``items`` as they are when few, else in even groups of at most MOST, each named
    by its first and last ("Black to Orange")."""
    if len(items) <= MOST:
        return items
    count = -(-len(items) // MOST)
    size = -(-len(items) // count)
    return split([group_of(items[i:i + size]) for i in range(0, len(items), size)])


def group_of(items: list[ScanItem], name: str = "") -> ScanItem:
    if len(items) == 1:
        return items[0]
    ends = ((items[0].ends or (items[0].name,))[0], (items[-1].ends or (items[-1].name,))[-1])
    name = name or tr("{first} to {last}", first=ends[0], last=ends[1])
    members = [w for i in items for w in ([i.widget] if i.widget else i.members)]
    fixed = list(items)
    return ScanItem(name, children=lambda: split(fixed), members=members, ends=ends)


def controls_items(controls: list[QWidget]) -> list[ScanItem]:
    """Controls as items: few stay flat; many are split where a choice group starts or
    ends (tools, sizes), then into even groups."""
    items = [control_item(w) for w in controls]
    if len(items) <= MOST:
        return items
    runs: list[list[ScanItem]] = []
    last: object = object()
    for item in items:  # loose buttons next to each other make one run
        group = getattr(item.widget, "choice_group", None)
        if not runs or group is not last:
            runs.append([])
        runs[-1].append(item)
        last = group
    out: list[ScanItem] = []
    for run in runs:
        if len(run) > MOST:
            out.extend(split(run))
        else:
            out.append(group_of(run))
    return split(out)


def window_items(root: QWidget) -> list[ScanItem]:
    """Any window but the studio: its controls in Tab order, in groups when many."""
    return split([control_item(w) for w in tab_chain(root)])


# -- the studio's regions --------------------------------------------------------------------
def region_names() -> dict[str, str]:
    return {"tools": tr("Tools"), "canvas": tr("Drawing paper"), "lesson": tr("Lesson"),
            "colours": tr("Colours"), "playback": tr("Play"), "strip": tr("Pictures"),
            "top": tr("Top buttons")}


def studio_of(root: QWidget) -> QWidget | None:
    """The studio shown in ``root`` (itself, or a child), if any."""
    if root.objectName() == "studio" and root.isVisible():
        return root
    found = root.findChild(QWidget, "studio")
    return found if found is not None and found.isVisible() else None


def studio_regions(studio: QWidget, canvas_item: Callable[[QWidget], ScanItem]
                   ) -> list[ScanItem]:
    """The studio's regions, in the order a child uses them: tools, the paper, the lesson,
    colours, Play, the pictures, and the top buttons (rarely needed, so last). Each is
    found by objectName; a region with nothing to press is left out."""
    chain = tab_chain(studio.window())
    containers = {
        "tools": ["toolsPanel"], "lesson": ["lessonPanel", "lesson_watch_example"],
        "colours": ["colourRow"], "playback": ["playbackBar"],
        "strip": ["timeline", "frameList", "onion"], "top": ["morePanel"],
    }
    top_names = ("projects", "undo", "redo", "stop_talking", "level", "export", "more",
                 "settings", "help")
    names = region_names()
    regions: list[ScanItem] = []
    placed: set[int] = set()
    for key in ("tools", "canvas", "lesson", "colours", "playback", "strip", "top"):
        if key == "canvas":
            canvas = studio.findChild(QWidget, "canvas")
            if canvas is not None and canvas.isVisible():
                regions.append(canvas_item(canvas))
                placed.add(id(canvas))
            continue
        boxes = [w for n in containers[key] for w in [studio.findChild(QWidget, n)]
                 if w is not None]
        inside = [w for w in chain if id(w) not in placed and any(
            w is b or b.isAncestorOf(w) for b in boxes)]
        if key == "strip":  # the picture buttons sit in the studio's own row
            inside += [w for w in chain if id(w) not in placed and w not in inside
                       and w.objectName().startswith("frame_")]
        if key == "top":
            inside = [w for w in chain if id(w) not in placed and (
                w.objectName() in top_names or any(b.isAncestorOf(w) for b in boxes))]
        if not inside:
            continue
        inside.sort(key=chain.index)
        placed.update(id(w) for w in inside)
        fixed = list(inside)
        regions.append(ScanItem(names[key], children=partial(controls_items, fixed),
                                members=fixed))
    # anything the studio shows that no region holds (a warning's buttons) comes last
    rest = [w for w in chain if id(w) not in placed and studio.isAncestorOf(w)]
    regions += [control_item(w) for w in rest]
    return regions

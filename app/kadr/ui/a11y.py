"""Accessibility helpers: every control is made here with a name, a description, an
objectName, a minimum size and a keyboard path; announcements go through announce().
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QListView,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QWidget,
)

MIN_TARGET = 44  # WCAG 2.5.5 at 100 % scale


def announce(widget: QWidget, text: str, assertive: bool = False) -> None:
    """Tell screen readers ``text`` without moving focus (WCAG 4.1.3)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    log = getattr(widget.window(), "announcement_log", None)
    if log is not None:  # the window keeps the recent ones (tests read them)
        log.append(text)


def describe(widget: QWidget, name: str, description: str, shortcut: str = "") -> None:
    """Set the accessible name and description (with the shortcut in words) and tooltip."""
    widget.setAccessibleName(name)
    if shortcut:
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        description = f"{description} ({keys})"
    widget.setAccessibleDescription(description)
    widget.setToolTip(description)


def button(object_name: str, parent: QWidget | None = None, *, checkable: bool = False,
           on_click: Callable[[], None] | None = None, tool: bool = False) -> QAbstractButton:
    """A big, focusable button. Text and names are set later by retranslate()."""
    b: QAbstractButton = QToolButton(parent) if tool else QPushButton(parent)
    b.setObjectName(object_name)
    b.setCheckable(checkable)
    b.setMinimumSize(QSize(MIN_TARGET, MIN_TARGET))
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if isinstance(b, QToolButton):
        # text only until an icon is set; icon only for icon buttons (swatches)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonFollowStyle)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if on_click is not None:
        b.clicked.connect(lambda _checked=False: on_click())
    return b


def big_enough(widget: QWidget) -> QWidget:
    """At least 44 x 44 px, whatever the stylesheet says (WCAG 2.5.5); a combo box's
    open list gets 44 px rows too (a QListView honours the stylesheet's item height)."""
    if isinstance(widget, QComboBox):
        view = QListView(widget)
        view.setObjectName(f"{widget.objectName()}_list")
        widget.setView(view)
    widget.setMinimumSize(max(widget.minimumWidth(), MIN_TARGET),
                          max(widget.minimumHeight(), MIN_TARGET))
    return widget


def slider(object_name: str, parent: QWidget, low: int, high: int, value: int,
           step: int) -> QSlider:
    """A big horizontal slider; arrow keys move it by 1, Page Up/Down by ``step``."""
    s = QSlider(Qt.Orientation.Horizontal, parent)
    s.setObjectName(object_name)
    big_enough(s)
    s.setRange(low, high)
    s.setPageStep(step)
    s.setValue(value)
    return s


def label_button(b: QAbstractButton, text: str, description: str, shortcut: str = "") -> None:
    b.setText(text)
    describe(b, text.replace("&", ""), description, shortcut)

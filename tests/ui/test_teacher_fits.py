"""Teacher mode at UI size 200 % on the small screens classrooms have (1024 x 600 and
1366 x 768, less a title bar), in every language: read from widget geometry as laid out.

Teacher mode is opened as a teacher meets it: from the gallery of a learner whose own
UI size is 200 %, through the PIN window. In every section every control is at least
44 px, lies inside the window (a section taller than its room scrolls: a control below
is checked once scrolled to), is cut by nothing around it and shows all its words; no
section is wider than its room; and Tab walks every control of the section, each one
scrolled into view as it gets the focus."""

from __future__ import annotations

import json

import pytest
from learner_helpers import a_computer, click
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QWidget,
)
from test_teacher_mode import type_pin

from kadr import i18n
from kadr.classroom.pin import TeacherPin
from kadr.ui import theme

SIZES = {"netbook": (1024, 600), "laptop": (1366, 768)}
TITLE_BAR = 28
MIN = 44


@pytest.fixture
def computer(tmp_path, qtbot, qapp, monkeypatch):
    yield from a_computer(tmp_path, qtbot, qapp, monkeypatch)
    i18n.set_language("en")
    theme.apply(qapp, "standard", 1.0)


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def controls(root: QWidget) -> list[QWidget]:
    """What a teacher presses, types in or reads by keyboard: every focusable widget."""
    return [w for w in root.findChildren(QWidget)
            if w.isVisibleTo(root) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not w.objectName().startswith("qt_")]


def words_cut(w: QWidget) -> bool:
    if isinstance(w, QLabel):
        if not w.text():
            return False
        if w.wordWrap():
            return w.height() < w.heightForWidth(w.width()) - 1
        return w.width() < w.sizeHint().width() - 1
    if isinstance(w, QAbstractButton) and w.text():
        hint = w.sizeHint()
        return w.width() < hint.width() - 1 or w.height() < hint.height() - 1
    if isinstance(w, QComboBox):
        return w.width() < w.sizeHint().width() - 1
    return False


def scroll_area_of(w: QWidget, top: QWidget) -> QScrollArea | None:
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def problems(root: QWidget, window: QWidget) -> list[str]:
    """Controls under 44 px, outside the window or cut by what holds them (after their
    scroll area, if any, scrolled to them); words cut; sections wider than their room."""
    found = []
    qapp = QApplication.instance()
    for w in controls(root):
        name = w.objectName() or type(w).__name__
        if w.width() < MIN or w.height() < MIN:
            found.append(f"{name} small: {w.width()}x{w.height()}")
        area = scroll_area_of(w, window)
        if area is not None:  # scrolled to: its top at the top of the room, or as near
            area.verticalScrollBar().setValue(w.mapTo(area.widget(), QPoint(0, 0)).y())
            qapp.processEvents()
        rect = rect_in(w, window)
        if not window.rect().contains(rect):
            found.append(f"{name} outside: {rect.getRect()} in {window.rect().getRect()}")
        parent = w.parentWidget()
        while parent is not None and parent is not window:
            if not rect_in(parent, window).contains(rect):
                found.append(f"{name} cut by {parent.objectName() or type(parent).__name__}")
                break
            parent = parent.parentWidget()
    for w in root.findChildren(QWidget):
        if w.isVisibleTo(root) and words_cut(w):
            found.append(f"{w.objectName() or type(w).__name__} words cut: {w.text()!r}")
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if area.isVisibleTo(root) and inner is not None and \
                inner.minimumSizeHint().width() > area.viewport().width():
            found.append(f"{area.objectName()} wider than its room")
    return found


def open_at_200(computer, size: str, language: str):
    """Ada's own UI size is 200 %: her gallery, then the PIN, then teacher mode."""
    ada = computer.store().add("Ada", "owl")
    computer.store().add("Konstantin", "fox")
    (ada.folder / "settings.json").write_text(json.dumps({"ui_scale": 2.0,
                                                          "language": language}),
                                              encoding="utf-8")
    TeacherPin(computer.learners).set_first("2468")
    window = computer.start()
    window.use_learner(computer.store().get(ada.id))
    assert QApplication.instance().property("kadr_scale") == 2.0
    w, h = SIZES[size]
    window.resize(w, h - TITLE_BAR)
    computer.qtbot.wait(20)
    assert (window.width(), window.height()) == (w, h - TITLE_BAR)  # nothing forces it larger
    click(window.gallery.teacher)
    dialog = window.pin_dialog
    computer.qtbot.waitExposed(dialog)
    screen_room = QRect(0, 0, w, h - TITLE_BAR)
    assert dialog.width() <= screen_room.width() and dialog.height() <= screen_room.height()
    assert problems(dialog, dialog) == []
    type_pin(dialog, "2468")
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    computer.qtbot.wait(20)
    return window, window.teacher_screen


def walk_by_tab(computer, window, screen, key: str) -> list[str]:
    """Tab from the section's button through its page: each control the focus reaches
    must be in view (scrolled to); the names reached."""
    page = screen.page_of[key]
    window.activateWindow()
    computer.qtbot.waitUntil(window.isActiveWindow)
    screen.section_buttons[key].setFocus(Qt.FocusReason.TabFocusReason)
    reached, wrong = [], []
    for _ in range(60):
        before = QApplication.focusWidget()
        assert before is not None
        QTest.keyClick(before, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        inside = focus is page or (focus is not None and page.isAncestorOf(focus))
        if not inside and reached:
            break
        if inside:
            reached.append(focus.objectName())
            area = scroll_area_of(focus, window)
            room = rect_in(area.viewport(), window) if area is not None else window.rect()
            shown = rect_in(focus, window)
            if not room.contains(shown) and not (isinstance(focus, QAbstractScrollArea)
                                                 and shown.top() >= room.top()):
                wrong.append(f"{focus.objectName()} not in view: {shown.getRect()}")
    assert wrong == []
    return reached


@pytest.mark.parametrize("language", ["en", "ru", "kk", "ko", "ja"])
@pytest.mark.parametrize("size", list(SIZES))
def test_teacher_mode_fits_at_ui_size_200(computer, size, language):
    window, screen = open_at_200(computer, size, language)
    assert screen.change_pin.isVisible()
    for key, b in screen.section_buttons.items():
        click(b)
        computer.qtbot.wait(10)
        assert screen.pages.currentWidget() is screen.holder_of[key]
        # the window is still the screen's size: no section makes it grow past the screen
        assert (window.width(), window.height()) == (SIZES[size][0], SIZES[size][1] - TITLE_BAR)
        assert problems(screen, window) == [], key
        if key != "classroom":
            assert walk_by_tab(computer, window, screen, key), key
    # the PIN change window, the same pad
    dialog = screen.change_pin_pressed()
    computer.qtbot.waitExposed(dialog)
    assert dialog.height() <= SIZES[size][1] - TITLE_BAR
    assert problems(dialog, dialog) == []
    dialog.reject()

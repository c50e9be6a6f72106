"""Help has "Copy the log" for teachers: named, described, big enough, reached by keys,
and it puts the log (errors from every thread) on the clipboard."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from kadr import log
from kadr.ui.a11y import MIN_TARGET
from kadr.ui.dialogs import HelpDialog


@pytest.fixture
def logged():
    log.install()
    logging.getLogger("kadr.store").error("the USB stick went away")
    yield
    log.uninstall()


def test_copy_the_log_by_keyboard(qtbot, logged):
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    button = dialog.findChild(type(dialog.copy_log), "help_copy_log")
    assert button is dialog.copy_log
    assert button.accessibleName() == "Copy the log" and "teachers" in button.accessibleDescription()
    assert button.width() >= MIN_TARGET and button.height() >= MIN_TARGET
    QGuiApplication.clipboard().clear()
    for _ in range(10):  # Tab reaches it
        if button.hasFocus():
            break
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert button.hasFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert "the USB stick went away" in QGuiApplication.clipboard().text()
    assert "copied" in dialog.status.text()

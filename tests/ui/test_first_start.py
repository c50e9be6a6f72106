"""The first start asks two things: the language, and whether the child uses a screen
reader (then Kadr's own voice stays quiet: one voice, not two)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def test_the_first_question_includes_the_screen_reader(qtbot):
    from kadr.ui.dialogs import LanguageDialog

    dialog = LanguageDialog("en")
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.screen_reader
    assert box.accessibleName() == "I use a screen reader" and box.height() >= 44
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert dialog.focusWidget().objectName().startswith("language_")


def test_help_has_a_caret_to_read_line_by_line(qtbot):
    from PySide6.QtGui import QTextCursor

    from kadr.ui.dialogs import HelpDialog

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.text
    assert text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    text.setFocus()
    start = text.textCursor().blockNumber()
    QTest.keyClick(text, Qt.Key.Key_Down)
    assert text.textCursor().blockNumber() > start or \
        text.textCursor().position() != QTextCursor(text.document()).position()

"""The in-app ✔/✘ question: the safe answer first, Enter only answers what has the focus,
Esc says no, names and sizes for screen readers and pointers, the question is heard."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from modal_answers import check, when_shown
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kadr.core.colour import contrast_ratio as contrast
from kadr.ui import theme
from kadr.ui.confirm import ConfirmDialog, ask, notice

UI = Path(__file__).resolve().parents[2] / "app" / "kadr" / "ui"
QUESTION = "Delete everything in the bin for ever? This cannot be undone."

@pytest.fixture(autouse=True)
def _answers_worked():
    """An answer that failed inside a modal window fails the test (it never hangs)."""
    yield
    check()


@pytest.fixture
def owner(qtbot, qapp):
    theme.apply(qapp, "standard", 1.0)
    w = QWidget()
    w.announcement_log = []
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def press(keys):
    """Real key presses on whatever has the focus in the dialog."""
    def act(dialog):
        for key in keys:
            QTest.keyClick(dialog.focusWidget() or dialog, key)
    return act


def test_enter_at_first_says_no(owner):
    """Focus starts on the safe answer, so Enter straight away keeps everything."""
    seen = []
    when_shown(ConfirmDialog, lambda d: (seen.append(d.focusWidget().objectName()),
                                         press([Qt.Key.Key_Return])(d)))
    assert ask(owner, QUESTION, "Empty the bin", "Keep them") is False
    assert seen == ["confirm_no"]


def test_enter_on_the_tick_says_yes(owner):
    """Arrow to the green tick, then Enter: yes."""
    when_shown(ConfirmDialog, press([Qt.Key.Key_Left, Qt.Key.Key_Return]))
    assert ask(owner, QUESTION, "Empty the bin", "Keep them") is True


def test_tab_then_enter_says_yes_and_tab_again_comes_back(owner):
    """Tab moves between the two answers (no trap, the question label is not a stop)."""
    names = []

    def act(dialog):
        for _ in range(2):
            QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            names.append(dialog.focusWidget().objectName())
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    when_shown(ConfirmDialog, act)
    assert ask(owner, QUESTION, "Empty the bin", "Keep them") is True
    assert names == ["confirm_yes", "confirm_no"]


def test_escape_says_no_even_on_the_tick(owner):
    when_shown(ConfirmDialog, press([Qt.Key.Key_Left, Qt.Key.Key_Escape]))
    assert ask(owner, QUESTION, "Empty the bin", "Keep them") is False


def test_mouse_click_on_each_answer(owner):
    for name, answer in (("confirm_yes", True), ("confirm_no", False)):
        when_shown(ConfirmDialog, lambda d, n=name: QTest.mouseClick(
            d.findChild(QPushButton, n), Qt.MouseButton.LeftButton))
        assert ask(owner, QUESTION, "Empty the bin", "Keep them") is answer


def test_names_sizes_pictures_and_the_question_heard(qtbot, owner):
    """Each answer: objectName, its word as name, the question as description, a
    pictogram, at least 44 px (in fact far bigger); the question is announced and is the
    dialog's description."""
    dialog = ConfirmDialog(owner, QUESTION, "Empty the bin", "Keep them")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.accessibleDescription() == QUESTION
    assert owner.announcement_log[-1] == QUESTION
    for b, word in ((dialog.yes, "Empty the bin"), (dialog.no, "Keep them")):
        assert b.objectName() and b.text() == word and b.accessibleName() == word
        assert b.accessibleDescription() == QUESTION
        assert not b.icon().isNull()
        assert b.width() >= 88 and b.height() >= 44, b.size()
    label = dialog.findChild(QWidget, "confirm_question")
    assert label.text() == QUESTION and label.isVisible()


def test_the_answers_wear_green_and_red_and_a_thick_focus_ring(qtbot, owner):
    """The tick is green, the cross red; the answer with the focus has a band of at least
    3 px in the focus colour (3:1 against how it looks without focus)."""
    dialog = ConfirmDialog(owner, QUESTION, "Empty the bin", "Keep them")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.no.hasFocus())
    middle = dialog.no.height() // 2
    focused = dialog.no.grab().toImage()
    QTest.keyClick(dialog.no, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.yes)
    plain = dialog.no.grab().toImage()
    for x in (1, 2, 3):
        a, b = focused.pixelColor(x, middle).name(), plain.pixelColor(x, middle).name()
        assert contrast(a, b) >= 3, (x, a, b)
    inside = plain.pixelColor(plain.width() // 8, 12).name()
    assert contrast(inside, "#a4161a") < 1.1  # red
    yes_inside = dialog.yes.grab().toImage().pixelColor(dialog.yes.width() // 8, 12).name()
    assert contrast(yes_inside, "#17692e") < 1.1  # green


def test_notice_with_show_me_keeps_the_panel_open(qtbot, owner):
    """A message with one answer; an extra answer ("Show me") acts without closing."""
    box = notice(owner, "A copy was saved.", "OK")
    shown = []
    extra = box.add_answer("show", "Show me", "Open the folder", "show_me",
                           lambda: shown.append(1))
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.no is None and box.focusWidget() is box.yes
    QTest.mouseClick(extra, Qt.MouseButton.LeftButton)
    assert shown == [1] and box.isVisible()
    with qtbot.waitSignal(box.accepted):
        QTest.keyClick(box.yes, Qt.Key.Key_Return)


def test_long_words_at_200_percent_stack_the_answers(qtbot, qapp, owner):
    """Answers too wide for the screen go one above the other: no word is cut."""
    theme.apply(qapp, "standard", 2.0)
    try:
        dialog = ConfirmDialog(owner, QUESTION, "Put it in the bin now",
                               "Keep it where it is")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.row.direction() == dialog.row.Direction.TopToBottom
        for b in (dialog.yes, dialog.no):
            assert b.width() >= b.sizeHint().width() - 1, (b.width(), b.sizeHint())
            assert dialog.rect().contains(b.geometry())
    finally:
        theme.apply(qapp, "standard", 1.0)


CHILD_FILES = ("gallery.py", "gallery_dialogs.py", "dialogs.py", "layers_dialog.py",
               "export_dialog.py", "lessons_screen.py", "confirm.py", "colour_dialog.py",
               "picture_browser.py")
TEACHERS_ONLY = {"ask_import", "ask_pack", "ask_folder", "ask_file"}


def test_no_system_dialog_where_a_child_goes():
    """No QMessageBox or QColorDialog in the child's windows; a system file dialog only
    in a teacher's action (import, another folder, another file)."""
    for name in CHILD_FILES:
        tree = ast.parse((UI / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                assert node.id not in ("QMessageBox", "QColorDialog", "QInputDialog"), name
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            uses = {n.value.id for n in ast.walk(fn) if isinstance(n, ast.Attribute)
                    and isinstance(n.value, ast.Name)}
            if "QFileDialog" in uses:
                assert fn.name in TEACHERS_ONLY, (name, fn.name)


def test_emptying_the_bin_asks_over_the_bin(qtbot, qapp, tmp_path):
    """The bin's "Empty the bin" asks with ✔/✘ over the bin; Enter at once keeps the
    projects, the green tick deletes them for ever."""
    from kadr.core.library import Library
    from kadr.ui.gallery import GalleryView

    theme.apply(qapp, "standard", 1.0)
    library = Library(tmp_path / "library")
    library.delete(library.create("Old"))
    gallery = GalleryView(library)
    gallery.announcement_log = []
    qtbot.addWidget(gallery)
    gallery.show()
    gallery.show_bin()
    bin_dialog = gallery.bin_dialog
    qtbot.waitUntil(bin_dialog.isVisible)
    QTest.mouseClick(bin_dialog.empty, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(gallery.dialog, ConfirmDialog))
    box = gallery.dialog
    assert box.parent() is bin_dialog and "cannot be undone" in box.text()
    assert box.yes.text() == "Empty the bin" and box.no.text() == "Keep them"
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert len(library.bin_entries()) == 1
    QTest.mouseClick(bin_dialog.empty, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(gallery.dialog, ConfirmDialog) and gallery.dialog
                    is not box)
    box = gallery.dialog
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Left)
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: library.bin_entries() == [])
    assert "The bin is empty now." in gallery.announcement_log
    bin_dialog.close()

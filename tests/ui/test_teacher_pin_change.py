"""Changing the teacher's PIN in teacher mode: the PIN used now, then the new one twice,
each step told in plain words and announced; a wrong PIN used now counts as a wrong try
(the same wait as entering); a PIN from the classroom file is changed there; a disk that
cannot keep the new PIN leaves the old one working. Real key presses and clicks on a
window built by Kadr's start path over a real learners folder."""

from __future__ import annotations

import contextlib
import json
import resource
import signal
from collections.abc import Iterator

import pytest
from learner_helpers import a_computer, click
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_teacher_mode import enter_teacher_mode, type_pin

from kadr.classroom.pin import PIN_FILE, hash_pin

MIN = 44


@pytest.fixture
def computer(tmp_path, qtbot, qapp, monkeypatch):
    yield from a_computer(tmp_path, qtbot, qapp, monkeypatch)


def open_change(screen):
    click(screen.change_pin)
    dialog = screen.pin_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def closed(computer, screen) -> None:
    computer.qtbot.waitUntil(lambda: screen.pin_dialog is None)
    computer.qtbot.waitUntil(lambda: screen.status.isVisible())  # told once it is gone


def said(window, text: str) -> bool:
    return text in list(window.announcement_log)


def pin_opens_teacher_mode(computer, window, pin: str) -> bool:
    """From the gallery's Teacher button, the PIN typed by keys: did teacher mode open?"""
    click(window.gallery.teacher)
    dialog = window.pin_dialog
    type_pin(dialog, pin, by_buttons=False)
    if dialog.mode is None:  # refused: the dialog stays
        assert dialog.isVisible()
        QTest.keyClick(dialog.field, Qt.Key.Key_Escape)
        computer.qtbot.waitUntil(lambda: window.pin_dialog is None)
        return False
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    click(window.teacher_screen.done_button)  # back to the gallery for the next try
    return True


def test_the_pin_is_changed_and_only_the_new_one_opens_teacher_mode(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window, "2468")
    before = (computer.learners / PIN_FILE).read_bytes()
    assert screen.change_pin.accessibleName() == "Change the PIN…"
    assert screen.change_pin.width() >= MIN and screen.change_pin.height() >= MIN
    dialog = open_change(screen)
    assert dialog.windowTitle() == "Change the PIN"
    assert dialog.message.text() == "Type the PIN you use now."
    assert dialog.field.accessibleName() == "The PIN you use now"
    for b in [*dialog.digits, dialog.delete, dialog.ok, dialog.cancel]:  # the shared pad
        assert b.width() >= MIN and b.height() >= MIN and b.accessibleName()
    type_pin(dialog, "2468")
    assert dialog.message.text().startswith("Now type a new PIN: 4 to 8 digits.")
    assert said(window, dialog.message.text())
    assert dialog.field.accessibleName() == "New PIN"
    type_pin(dialog, "2468", by_buttons=False)  # the one used now is no new PIN
    assert dialog.message.text() == "That is the PIN you use now. Type a new one."
    type_pin(dialog, "13", by_buttons=False)
    assert dialog.message.text() == "A PIN is 4 to 8 digits."
    type_pin(dialog, "1357", by_buttons=False)
    assert dialog.message.text() == "Type the new PIN again."
    assert dialog.field.accessibleName() == "New PIN again"
    assert said(window, "Type the new PIN again.")
    type_pin(dialog, "1357")
    closed(computer, screen)
    assert screen.status.text() == "The PIN is changed. Use the new PIN from now on."
    assert window.focusWidget() is screen.change_pin  # the news is read with the focus back
    assert said(window, screen.status.text())
    stored = (computer.learners / PIN_FILE).read_bytes()
    assert stored != before and b"1357" not in stored
    assert json.loads(stored)["hash"].startswith("scrypt$")
    click(screen.done_button)
    assert not pin_opens_teacher_mode(computer, window, "2468")
    assert pin_opens_teacher_mode(computer, window, "1357")


def test_two_new_pins_that_differ_are_asked_again_and_cancel_keeps_the_old(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window, "2468")
    before = (computer.learners / PIN_FILE).read_bytes()
    dialog = open_change(screen)
    type_pin(dialog, "2468", by_buttons=False)
    type_pin(dialog, "1357")
    type_pin(dialog, "1358")
    assert dialog.message.text() == "The two PINs are not the same. Choose a PIN again."
    assert said(window, dialog.message.text())
    assert dialog.field.accessibleName() == "New PIN"  # back to the first typing
    type_pin(dialog, "9753", by_buttons=False)
    assert dialog.message.text() == "Type the new PIN again."
    QTest.keyClick(dialog.field, Qt.Key.Key_Escape)  # Cancel
    closed(computer, screen)
    assert screen.status.text() == "The PIN was not changed."
    assert (computer.learners / PIN_FILE).read_bytes() == before
    click(screen.done_button)
    assert pin_opens_teacher_mode(computer, window, "2468")


def test_a_wrong_pin_used_now_is_a_wrong_try_with_the_same_wait(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window, "2468")
    dialog = open_change(screen)
    type_pin(dialog, "1111")
    assert dialog.message.text() == "That PIN is not right. Try again."
    assert dialog.field.accessibleName() == "The PIN you use now"  # still asked
    type_pin(dialog, "2222", by_buttons=False)
    type_pin(dialog, "3333")  # the third wrong one in a row: a wait, as when entering
    assert "Please wait 2 seconds" in dialog.message.text()
    assert said(window, dialog.message.text())
    assert not dialog.ok.isEnabled() and dialog.field.isReadOnly()
    click(dialog.cancel)
    closed(computer, screen)
    click(screen.done_button)
    # the wait holds for entering teacher mode too: it is one count of wrong tries
    click(window.gallery.teacher)
    entry = window.pin_dialog
    type_pin(entry, "2468")
    assert window.teacher_screen is None
    assert "Too many wrong tries of the PIN." in entry.message.text()
    computer.qtbot.waitUntil(lambda: entry.ok.isEnabled(), timeout=5000)
    type_pin(entry, "2468")
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)


def test_a_pin_from_the_classroom_file_is_changed_there(computer):
    computer.write_classroom(f'[teacher]\npin = "{hash_pin("4321")}"\n')
    computer.store().add("Ada", "owl")
    window = computer.start()
    click(window.gallery.teacher)
    type_pin(window.pin_dialog, "4321")
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    screen = window.teacher_screen
    where = "The PIN is set in the classroom file. Change it there."
    assert where in screen.change_pin.accessibleDescription()  # heard before pressing
    click(screen.change_pin)
    assert screen.pin_dialog is None  # no change offered
    assert screen.status.text() == where and said(window, where)
    assert not (computer.learners / PIN_FILE).exists()


@contextlib.contextmanager
def files_cannot_grow() -> Iterator[None]:
    """Every file this process writes stops at 16 bytes (EFBIG), as on a full disk. Not a
    folder made read-only: CI runs as root, whom permissions do not stop."""
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    signal_before = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16, limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, signal_before)


def test_a_disk_that_cannot_keep_the_new_pin_leaves_the_old_one_working(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window, "2468")
    before = (computer.learners / PIN_FILE).read_bytes()
    dialog = open_change(screen)
    type_pin(dialog, "2468")
    type_pin(dialog, "1357")
    for digit in "1357":
        click(dialog.digits[int(digit)])
    with files_cannot_grow():
        click(dialog.ok)
    text = dialog.message.text()
    assert text.startswith("Kadr could not keep the PIN.") and \
        text.endswith("The PIN you use now still works.")
    assert said(window, text)
    assert dialog.isVisible() and screen.pin_dialog is dialog  # the teacher decides
    assert (computer.learners / PIN_FILE).read_bytes() == before
    assert not [p for p in computer.learners.iterdir() if p.name.endswith(".part")]
    click(dialog.cancel)
    closed(computer, screen)
    click(screen.done_button)
    assert not pin_opens_teacher_mode(computer, window, "1357")
    assert pin_opens_teacher_mode(computer, window, "2468")

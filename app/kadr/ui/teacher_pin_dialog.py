"""The teacher's PIN: set on first use (typed twice), then asked before teacher mode.

Digits by big number buttons as well as by keys. A wrong PIN is said plainly; after a few
wrong tries the core asks for a wait, which is shown as a countdown (the OK button waits
too). The PIN itself is never kept: the core keeps only its salted hash.

``PinWindow`` is the window both PIN dialogs share (this one, and changing the PIN in
teacher mode: teacher_pin_change.py): the message, the field, the number pad, OK and
Cancel, and the wait.
"""

from __future__ import annotations

import math
import time
from functools import partial

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kadr.classroom.pin import Answer, PinCheck, PinError, check_new_pin
from kadr.classroom.teacher import TeacherMode, enter_teacher_mode
from kadr.i18n import tr
from kadr.ui.a11y import announce, big_enough, button, describe, label_button
from kadr.ui.learner_place import LearnerPlace

PAD_SIDE = 72  # the number buttons at UI size 100 %
MESSAGE_EMS = 14  # the message's width: a few words a line, never a letter a line


class PinWindow(QDialog):
    """A PIN typed by keys or big number buttons, a plain message above it, OK and Cancel,
    and the core's wait after wrong tries counted down. A subclass says what it asks
    (``asking``), what OK does with the digits (``answer``) and its words."""

    def __init__(self, place: LearnerPlace, object_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.place = place
        # what it says is kept with the window's own (captions and tests read them)
        log = getattr(parent.window(), "announcement_log", None) if parent is not None else None
        if log is not None:
            self.announcement_log = log
        self.wait_until = 0.0
        self.wait_seconds = 0
        self.why = ""
        self.message = QLabel(self)
        self.message.setObjectName("pin_message")
        self.message.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("pin_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(8)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"),
                                                            self.field))
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        big_enough(self.field)
        self.digits = [button(f"pin_{n}", self, on_click=partial(self.type_digit, str(n)))
                       for n in range(10)]
        self.delete = button("pin_delete", self, on_click=self.field.backspace)
        self.ok = button("pin_ok", self, on_click=self.ok_pressed)
        self.cancel = button("pin_cancel", self, on_click=self.reject)
        # Enter anywhere but on a focused button answers with OK (the one default button)
        for b in [*self.digits, self.delete, self.cancel]:
            b.setAutoDefault(False)
        self.ok.setAutoDefault(True)
        self.ok.setDefault(True)
        self.pad = QGridLayout()
        for n, b in enumerate(self.digits[1:]):  # 1 2 3 / 4 5 6 / 7 8 9 / 0, as on a phone
            self.pad.addWidget(b, n // 3, n % 3)
        self.pad.addWidget(self.digits[0], 3, 1)
        answers = QHBoxLayout()
        answers.addWidget(self.cancel)
        answers.addWidget(self.ok)
        words = QVBoxLayout()
        words.addWidget(self.message)
        words.addWidget(self.field)
        words.addWidget(self.delete)  # under what it deletes; the pad stays even
        words.addStretch(1)
        words.addLayout(answers)
        # the pad beside the words, not under them: at UI size 200 % the window stays
        # lower than a 1024 x 600 screen
        self.message.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * MESSAGE_EMS)
        layout = QHBoxLayout(self)
        layout.addLayout(words, 1)
        layout.addLayout(self.pad)
        self.countdown = QTimer(self)
        self.countdown.setInterval(250)
        self.countdown.timeout.connect(self._tick)

    def start(self) -> None:
        """Words on every control, the first question said, the focus in the field."""
        self.retranslate()
        self.tell(self.asking(), assertive=False)
        self.field.setFocus()

    # -- what a subclass says --------------------------------------------------------------
    def title(self) -> str:
        return tr("Teacher mode")

    def asking(self) -> str:
        raise NotImplementedError

    def ok_words(self) -> str:
        return tr("Open teacher mode")

    def cancel_words(self) -> str:
        return tr("Go back without teacher mode")

    def answer(self, typed: str) -> None:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        describe(self.field, tr("PIN"), tr("Type the digits, or press the number buttons"))
        for n, b in enumerate(self.digits):
            label_button(b, str(n), tr("Type {digit}", digit=n))
        label_button(self.delete, tr("Delete last"), tr("Take away the last digit"),
                     "Backspace")
        label_button(self.ok, tr("OK"), self.ok_words(), "Return")
        label_button(self.cancel, tr("Cancel"), self.cancel_words(), "Esc")
        self._size_pad()

    def _size_pad(self) -> None:
        """Number buttons at least PAD_SIDE square (set once the style sheet's own
        minimum is applied, which would win); Delete last, OK and Cancel as wide as their
        words."""
        for b in self.digits:
            b.ensurePolished()
            b.setMinimumSize(max(PAD_SIDE, b.minimumWidth()), max(PAD_SIDE, b.minimumHeight()))
        for b in (self.delete, self.ok, self.cancel):  # their words are never cut
            b.ensurePolished()
            b.setMinimumWidth(max(b.minimumWidth(), b.sizeHint().width()))

    def type_digit(self, digit: str) -> None:
        if len(self.field.text()) < self.field.maxLength():
            self.field.insert(digit)
        self.field.setFocus()

    def tell(self, text: str, assertive: bool = True) -> None:
        self.message.setText(text)
        describe(self, self.title(), text)
        announce(self, text, assertive)

    def ok_pressed(self) -> None:
        typed = self.field.text()
        self.field.clear()
        self.answer(typed)

    def refused(self, result: PinCheck) -> None:
        """A PIN the core did not take: said plainly, with the wait it asks for."""
        if result.answer is Answer.WAIT:
            self._wait(result.wait, tr("Too many wrong tries of the PIN."))
            return
        text = tr("That PIN is not right. Try again.")
        if result.wait > 0:
            self._wait(result.wait, text)
        else:
            self.tell(text)

    def _wait(self, seconds: float, why: str) -> None:
        self.wait_until = time.monotonic() + seconds + 0.05  # the core's clock, not the timer's
        self.wait_seconds = max(1, math.ceil(seconds))
        self.why = why
        self.ok.setEnabled(False)
        self.field.setReadOnly(True)
        self.tell(self._wait_words())
        self.countdown.start()

    def _wait_words(self) -> str:
        return tr("{why} Please wait {seconds} seconds, then try again.", why=self.why,
                  seconds=self.wait_seconds)

    def _tick(self) -> None:
        self.wait_seconds = math.ceil(self.wait_until - time.monotonic())
        if self.wait_seconds > 0:
            self.message.setText(self._wait_words())  # shown; said only at the start and end
            return
        self.countdown.stop()
        self.ok.setEnabled(True)
        self.field.setReadOnly(False)
        self.field.setFocus()
        self.tell(tr("You can try again now."))


class PinDialog(PinWindow):
    """Emits ``entered`` with the open TeacherMode when the right PIN is typed."""

    entered = Signal(object)

    def __init__(self, place: LearnerPlace, parent: QWidget | None = None) -> None:
        super().__init__(place, "teacherPinDialog", parent)
        self.mode: TeacherMode | None = None
        self.setting = not place.pin.is_set()  # first use: a new PIN, typed twice
        self.first = ""  # the new PIN's first typing
        self.start()

    def asking(self) -> str:
        if self.setting and not self.first:
            return tr("Choose a teacher's PIN: 4 to 8 digits. Children should not know it.")
        if self.setting:
            return tr("Type the same PIN again.")
        return tr("Type the teacher's PIN.")

    def answer(self, typed: str) -> None:
        if self.setting:
            self._set_new(typed)
        else:
            self.try_pin(typed)

    def _set_new(self, typed: str) -> None:
        if not self.first:
            try:
                check_new_pin(typed)
            except PinError as error:
                self.tell(str(error))
                return
            self.first = typed
            self.tell(self.asking())
            return
        if typed != self.first:
            self.first = ""
            self.tell(tr("The two PINs are not the same. Choose a PIN again."))
            return
        try:
            self.place.pin.set_first(typed)
        except PinError as error:
            self.first = ""
            self.tell(str(error))
            return
        self.setting = False
        self.try_pin(typed)

    def try_pin(self, typed: str) -> PinCheck:
        """Check ``typed``; the right PIN opens teacher mode and closes this window."""
        place = self.place
        result, mode = enter_teacher_mode(place.pin, typed, place.store, place.classroom)
        if mode is not None:
            self.mode = mode
            self.entered.emit(mode)
            self.accept()
        elif result.answer is Answer.NOT_SET:  # deleted meanwhile by IT: choose one
            self.setting, self.first = True, ""
            self.tell(self.asking())
        else:
            self.refused(result)
        return result

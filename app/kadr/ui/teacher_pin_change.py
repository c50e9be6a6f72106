"""Changing the teacher's PIN in teacher mode: the PIN used now, then the new one twice.

The same window as the PIN asked before teacher mode (``PinWindow``: the number pad, the
plain message, the wait). The PIN used now is checked first, by the same ``TeacherPin``
that opens teacher mode, so a wrong one is a wrong try like any other and after a few the
same wait is asked. The new PIN is kept by ``TeacherPin.change``; when the disk refuses
it, the teacher is told so in plain words and the old PIN keeps working (the file is
written whole under another name first, or not at all). A PIN from the classroom file is
never changed here: teacher mode says where to change it instead of opening this window.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kadr.classroom.pin import Answer, PinError, check_new_pin
from kadr.i18n import tr
from kadr.ui.a11y import describe
from kadr.ui.learner_place import LearnerPlace
from kadr.ui.teacher_pin_dialog import PinWindow

OLD, NEW, AGAIN = "old", "new", "again"


class PinChangeDialog(PinWindow):
    """Emits ``changed`` once the new PIN is kept (then the window closes)."""

    changed = Signal()

    def __init__(self, place: LearnerPlace, parent: QWidget | None = None) -> None:
        super().__init__(place, "teacherPinChangeDialog", parent)
        self.step = OLD
        self.old = ""  # the PIN used now, once it was right
        self.new = ""  # the new PIN's first typing
        self.start()

    def title(self) -> str:
        return tr("Change the PIN")

    def asking(self) -> str:
        if self.step == OLD:
            return tr("Type the PIN you use now.")
        if self.step == NEW:
            return tr("Now type a new PIN: 4 to 8 digits. Children should not know it.")
        return tr("Type the new PIN again.")

    def ok_words(self) -> str:
        if self.step == OLD:
            return tr("Check this PIN")
        if self.step == NEW:
            return tr("Use this as the new PIN")
        return tr("Change the PIN")

    def cancel_words(self) -> str:
        return tr("Keep the PIN as it is")

    def retranslate(self) -> None:
        super().retranslate()
        field = {OLD: tr("The PIN you use now"), NEW: tr("New PIN"),
                 AGAIN: tr("New PIN again")}[self.step]
        describe(self.field, field, tr("Type the digits, or press the number buttons"))

    def go_to(self, step: str, text: str | None = None) -> None:
        """Move to ``step``: every control's words follow; ``text`` (or the step's
        question) is shown and said."""
        self.step = step
        if step == OLD:
            self.old = ""
        if step != AGAIN:
            self.new = ""
        self.retranslate()
        self.tell(text if text is not None else self.asking())

    def answer(self, typed: str) -> None:
        if self.step == OLD:
            self._check_old(typed)
        elif self.step == NEW:
            self._take_new(typed)
        else:
            self._keep(typed)

    def _check_old(self, typed: str) -> None:
        result = self.place.pin.check(typed)  # a wrong one counts, as when entering
        if result:
            self.go_to(NEW)
            self.old = typed
        elif result.answer is Answer.NOT_SET:  # IT deleted it meanwhile
            self.tell(tr("There is no teacher's PIN now. Kadr asks for a new one the next "
                         "time teacher mode opens."))
        else:
            self.refused(result)

    def _take_new(self, typed: str) -> None:
        try:
            check_new_pin(typed)
        except PinError as error:
            self.tell(str(error))
            return
        if typed == self.old:
            self.tell(tr("That is the PIN you use now. Type a new one."))
            return
        self.go_to(AGAIN)
        self.new = typed

    def _keep(self, typed: str) -> None:
        if typed != self.new:
            self.go_to(NEW, tr("The two PINs are not the same. Choose a PIN again."))
            return
        try:
            result = self.place.pin.change(self.old, typed)
        except PinError as error:  # the disk would not keep it
            self.go_to(NEW, f"{error} {tr('The PIN you use now still works.')}")
            return
        if result:
            self.changed.emit()
            self.accept()
            return
        self.go_to(OLD)  # changed on another computer meanwhile, or a wait
        self.refused(result)

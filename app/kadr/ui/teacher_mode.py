"""Teacher mode: one screen over the whole window, behind the PIN.

On the left, the learners (choose one); on the right, what a teacher does for them, in
sections: the learners themselves, their settings and locks, the lessons and tools they
see (with each lesson's notes for adults), collecting work, and what the classroom file
set. Every change goes through the core's ``TeacherMode``, which exists only after the
right PIN. Done (or Esc) leaves; the learner's changed settings apply at once. "Change the
PIN…" (teacher_pin_change.py) asks the PIN used now and a new one twice. At a large UI
size the section buttons wrap and each section scrolls (teacher_fit.py).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kadr.classroom.learners import Learner
from kadr.classroom.teacher import TeacherMode
from kadr.i18n import tr
from kadr.ui.a11y import ChoiceGroup, announce, big_enough, button, describe, label_button
from kadr.ui.learner_place import LearnerPlace
from kadr.ui.teacher_fit import WrapRow, follow_focus, scrolled
from kadr.ui.who_is_drawing import avatar_icon

if TYPE_CHECKING:
    from kadr.lessons import Lesson
    from kadr.ui.teacher_pin_change import PinChangeDialog

LEARNER_ROLE = Qt.ItemDataRole.UserRole
SECTIONS = ("learners", "settings", "lessons", "work", "classroom")


class TeacherScreen(QWidget):
    """Emits ``done`` when the teacher leaves; ``learner_changed`` when another learner
    is chosen on the left (the sections follow)."""

    done = Signal()
    learner_changed = Signal()

    def __init__(self, mode: TeacherMode, place: LearnerPlace, parent: QWidget | None = None,
                 current: Learner | None = None) -> None:
        super().__init__(parent)
        from kadr.ui.teacher_learners import LearnersPage
        from kadr.ui.teacher_lessons import LessonsPage
        from kadr.ui.teacher_settings import SettingsPage
        from kadr.ui.teacher_work import WorkPage

        self.setObjectName("teacherScreen")
        self.mode, self.place = mode, place
        self._lessons: list[Lesson] | None = None  # every lesson, read when first needed
        self.heading = QLabel(self)
        self.heading.setObjectName("teacher_heading")
        self.status = QLabel(self)
        self.status.setObjectName("teacher_status")
        self.status.setWordWrap(True)
        self.status.hide()  # shown with the first news: until then its room is the page's
        self.heading.setWordWrap(True)
        self.pin_dialog: PinChangeDialog | None = None
        self.change_pin = button("teacher_change_pin", self, on_click=self.change_pin_pressed)
        self.done_button = button("teacher_done", self, on_click=self.done.emit)
        QShortcut(QKeySequence("Esc"), self, self.done.emit).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.learner_list = QListWidget(self)
        self.learner_list.setObjectName("teacher_learners")
        self.learner_list.setIconSize(QSize(40, 40))
        big_enough(self.learner_list)
        self.learner_list.currentItemChanged.connect(lambda *_: self.learner_changed.emit())
        self.section_buttons = {key: button(f"teacher_section_{key}", self, checkable=True,
                                            on_click=partial(self.show_section, key))
                                for key in SECTIONS}
        self.sections = ChoiceGroup(list(self.section_buttons.values()), self)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("teacher_pages")
        self.learners_page = LearnersPage(self)
        self.settings_page = SettingsPage(self)
        self.lessons_page = LessonsPage(self)
        self.work_page = WorkPage(self)
        self.classroom_text = QPlainTextEdit(self)
        self.classroom_text.setObjectName("teacher_classroom_file")
        self.classroom_text.setReadOnly(True)
        self.classroom_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page_of: dict[str, QWidget] = {
            "learners": self.learners_page, "settings": self.settings_page,
            "lessons": self.lessons_page, "work": self.work_page,
            "classroom": self.classroom_text}
        # a section taller than its room (UI size 200 %) scrolls; the text scrolls itself
        areas = {key: scrolled(page, f"teacher_{key}_scroll")
                 for key, page in self.page_of.items() if key != "classroom"}
        self.holder_of: dict[str, QWidget] = {**areas, "classroom": self.classroom_text}
        for key in SECTIONS:
            self.pages.addWidget(self.holder_of[key])
        follow_focus(self, list(areas.values()))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.change_pin)
        top.addWidget(self.done_button)
        row = WrapRow()  # one row, or more when the words are big
        for b in self.section_buttons.values():
            row.add(b)
        body = QHBoxLayout()
        body.addWidget(self.learner_list, 1)
        body.addWidget(self.pages, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)  # across the whole width: fewer rows at a large UI size
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.reload_learners(current.id if current is not None else None)
        self.retranslate()
        self.show_section("learners")

    def start(self) -> None:
        self.learner_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Sections that lay out by their width (the lessons beside or above their notes)."""
        self.lessons_page.fit(self.pages.width())

    def retranslate(self) -> None:
        self.heading.setText(tr("Teacher mode"))
        label_button(self.done_button, tr("Close teacher mode"), tr("Leave teacher mode"), "Esc")
        if self.place.pin.from_classroom_file():  # says where, instead of offering it
            label_button(self.change_pin, tr("Change the PIN…"),
                         tr("The PIN is set in the classroom file. Change it there."))
        else:
            label_button(self.change_pin, tr("Change the PIN…"),
                         tr("Type the PIN you use now, then a new one twice"))
        describe(self.learner_list, tr("Learners"),
                 tr("Choose a learner with the arrow keys; the sections show their things"))
        words = {"learners": (tr("Learners"), tr("Add, rename, remove and bring back learners")),
                 "settings": (tr("Settings and locks"),
                              tr("Change a learner's settings and lock settings")),
                 "lessons": (tr("Lessons and tools"),
                             tr("Choose the lessons and tools a learner sees; read the "
                                "teacher notes")),
                 "work": (tr("Work"), tr("Portfolios, the class overview, lesson journeys "
                                         "and starter films")),
                 "classroom": (tr("Classroom file"),
                               tr("What the classroom file set, and its problems"))}
        for key, (text, desc) in words.items():
            label_button(self.section_buttons[key], text, desc)
        describe(self.classroom_text, tr("Classroom file"),
                 tr("What the classroom file set, and its problems"))
        self.classroom_text.setPlainText(self.classroom_words())

    def show_section(self, key: str) -> None:
        for name, b in self.section_buttons.items():
            b.setChecked(name == key)
        self.pages.setCurrentWidget(self.holder_of[key])
        self.sections.sync()

    # -- the PIN ----------------------------------------------------------------------------
    def change_pin_pressed(self) -> PinChangeDialog | None:
        """The PIN used now, then a new one twice; a PIN from the classroom file is
        changed in the file, which is said instead."""
        from kadr.ui.teacher_pin_change import PinChangeDialog

        if self.place.pin.from_classroom_file():
            self.say(tr("The PIN is set in the classroom file. Change it there."),
                     assertive=True)
            return None
        if self.pin_dialog is not None:
            return self.pin_dialog
        dialog = PinChangeDialog(self.place, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def _pin_dialog_closed(self, result: int) -> None:
        self.pin_dialog = None
        text = tr("The PIN is changed. Use the new PIN from now on.") if result \
            else tr("The PIN was not changed.")
        # once the dialog is gone, with the focus back on the button, so it is heard
        QTimer.singleShot(0, self, lambda: self.say(text, focus=self.change_pin))

    # -- learners -------------------------------------------------------------------------
    def reload_learners(self, select: str | None = None) -> None:
        """List the learners again (after a change), keeping or moving the choice."""
        chosen = self.learner()
        keep = select or (chosen.id if chosen is not None else None)
        self.learner_list.blockSignals(True)
        self.learner_list.clear()
        for learner in self.place.store.learners():
            item = QListWidgetItem(avatar_icon(learner.avatar, 40), learner.name)
            item.setData(LEARNER_ROLE, learner.id)
            item.setSizeHint(QSize(0, 52))
            self.learner_list.addItem(item)
            if learner.id == keep:
                self.learner_list.setCurrentItem(item)
        if self.learner_list.currentItem() is None and self.learner_list.count():
            self.learner_list.setCurrentRow(0)
        self.learner_list.blockSignals(False)
        self.learner_changed.emit()

    def learner(self) -> Learner | None:
        item = self.learner_list.currentItem() if hasattr(self, "learner_list") else None
        if item is None:
            return None
        return self.place.store.get(str(item.data(LEARNER_ROLE)))

    def choose_learner(self, learner_id: str) -> None:
        for i in range(self.learner_list.count()):
            item = self.learner_list.item(i)
            if item is not None and item.data(LEARNER_ROLE) == learner_id:
                self.learner_list.setCurrentItem(item)

    def lessons(self) -> list[Lesson]:
        """Every lesson on this computer: shipped ones and the packs a teacher added."""
        if self._lessons is None:
            from kadr.ui.lessons_screen import load_all

            self._lessons = load_all(self.place.lessons_folder())[0]
        return list(self._lessons)

    def reload_lessons(self) -> None:
        self._lessons = None

    def say(self, text: str, assertive: bool = False, focus: QWidget | None = None) -> None:
        """Show ``text`` in the status line and announce it (with ``focus``: moving the
        focus there, the message read with it)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        announce(self, text, assertive, focus=focus)

    # -- the classroom file ------------------------------------------------------------------
    def classroom_words(self) -> str:
        """What the classroom files set, line by line, and every problem in them."""
        classroom = self.place.classroom
        if not classroom.files and not classroom.problems:
            return tr("No classroom file was found. Kadr works as usual. IT can put "
                      "kadr-classroom.toml beside Kadr or in the system settings folder.")
        lines = [tr("Files read:")] + [f"  {path}" for path in classroom.files]
        entries = classroom.what_was_set()
        lines.append("")
        lines.append(tr("What they set:") if entries else tr("They set nothing."))
        for entry in entries:
            value = tr("set") if entry.key == "teacher.pin" else _shown(entry.value)
            lines.append(tr("{key} = {value} ({file}, line {line})", key=entry.key,
                            value=value, file=entry.file.name, line=entry.line))
        lines.append("")
        lines.append(tr("Problems: none.") if not classroom.problems else tr("Problems:"))
        lines += [f"  {problem}" for problem in classroom.problems]
        return "\n".join(lines)


def _shown(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)

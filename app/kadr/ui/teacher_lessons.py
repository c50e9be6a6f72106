"""Teacher mode's Lessons section: which lessons and tools the chosen learner sees (ticked),
each lesson's notes for adults (why it is taught, for what age, how long, its level and its
steps), and lesson packs added for everyone on this computer."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kadr.classroom.classroom_file import TOOL_NAMES
from kadr.classroom.learners import LearnerError
from kadr.core.tools import tool_name
from kadr.i18n import tr
from kadr.lessons import PackError, import_pack
from kadr.ui.a11y import big_enough, button, describe, label_button
from kadr.ui.teacher_fit import rows_high, tall_rows, tick_by_row

if TYPE_CHECKING:
    from kadr.lessons import Lesson
    from kadr.ui.teacher_mode import TeacherScreen

ID_ROLE = Qt.ItemDataRole.UserRole
NOTES_BESIDE = 48  # ems of room wanted for the lists and the notes side by side


def lesson_notes(lesson: Lesson) -> str:
    """The teacher notes of a lesson as a small page: principle, age, minutes, level, steps."""
    parts = [f"<h2>{escape(lesson.title())}</h2>"]
    goal = lesson.text("goal")
    if goal:
        parts.append(f"<p>{escape(goal)}</p>")
    principle = lesson.text("principle")
    parts.append(f"<h3>{escape(tr('Why it is taught'))}</h3>"
                 f"<p>{escape(principle or tr('This lesson has no notes for teachers.'))}</p>")
    facts = [tr("Age: {age}", age=lesson.age) if lesson.age else "",
             tr("About {minutes} minutes", minutes=lesson.minutes),
             tr("Level {level}", level=lesson.level)]
    parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in facts if f) + "</ul>")
    parts.append(f"<h3>{escape(tr('Steps'))}</h3><ol>")
    parts += [f"<li>{escape(lesson.text('instruction', step=s.id))}</li>" for s in lesson.steps]
    parts.append("</ol>")
    return "".join(parts)


def tool_words(name: str) -> str:
    return tr("Clear picture") if name == "clear" else tool_name(name)


class LessonsPage(QWidget):
    def __init__(self, screen: TeacherScreen) -> None:
        super().__init__(screen)
        self.setObjectName("teacher_lessons_page")
        self.screen_ = screen
        self.lessons_label = QLabel(self)
        self.lessons_label.setWordWrap(True)
        self.lessons = QListWidget(self)
        self.lessons.setObjectName("teacher_lessons")
        big_enough(self.lessons)
        self.lessons_label.setBuddy(self.lessons)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("teacher_lesson_notes")
        self.notes.setOpenLinks(False)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tools_label = QLabel(self)
        self.tools_label.setWordWrap(True)
        self.tools = QListWidget(self)
        self.tools.setObjectName("teacher_tools")
        big_enough(self.tools)
        self.tools_label.setBuddy(self.tools)
        self.add_pack = button("teacher_add_pack", self, on_click=self.ask_pack)
        for box, rows in ((self.lessons, 3), (self.tools, 3), (self.notes, 3)):
            rows_high(box, rows)
        for box in (self.lessons, self.tools):
            tick_by_row(box)
        left = QVBoxLayout()
        left.addWidget(self.lessons_label)
        left.addWidget(self.lessons, 2)
        left.addWidget(self.tools_label)
        left.addWidget(self.tools, 1)
        left.addWidget(self.add_pack)
        self.beside = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.beside.addLayout(left, 1)
        self.beside.addWidget(self.notes, 1)
        self.lessons.currentItemChanged.connect(lambda *_: self.show_notes())
        self.lessons.itemChanged.connect(lambda _item: self.keep())
        self.tools.itemChanged.connect(lambda _item: self.keep())
        screen.learner_changed.connect(self.refresh)
        self.retranslate()

    def fit(self, width: int) -> None:
        """The notes beside the lists when there is room for both, else under them (at a
        large UI size a column beside would hold a few letters a line)."""
        em = self.fontMetrics().horizontalAdvance("M")
        wanted = QBoxLayout.Direction.LeftToRight if width >= NOTES_BESIDE * em \
            else QBoxLayout.Direction.TopToBottom
        if self.beside.direction() != wanted:
            self.beside.setDirection(wanted)

    def retranslate(self) -> None:
        self.lessons_label.setText(tr("Lessons the chosen learner sees (ticked):"))
        describe(self.lessons, tr("Lessons shown"),
                 tr("Space ticks or unticks a lesson; its teacher notes show beside"))
        describe(self.notes, tr("Teacher notes"), tr("Why the lesson is taught, for what age, "
                                                     "how long it takes, and its steps"))
        self.tools_label.setText(tr("Tools the chosen learner sees (ticked):"))
        describe(self.tools, tr("Tools shown"), tr("Space ticks or unticks a tool"))
        label_button(self.add_pack, tr("Add lessons"),
                     tr("Add a lesson pack (a .zip of lesson folders) for everyone"))
        self.refresh()

    def refresh(self) -> None:
        learner = self.screen_.learner()
        place = self.screen_.place
        allowed = place.classroom.lessons
        every = self.screen_.lessons()
        shown = set(place.lessons_shown(learner, [x.id for x in every])) if learner \
            else {x.id for x in every}
        row = max(0, self.lessons.currentRow())
        for box, items in ((self.lessons, [(x.id, x.title(), x.id in shown,
                                            allowed is None or x.id in allowed) for x in every]),
                           (self.tools, [(n, tool_words(n),
                                          learner is None or n in place.tools_shown(learner, [n]),
                                          place.classroom.tools is None
                                          or n in place.classroom.tools) for n in TOOL_NAMES])):
            box.blockSignals(True)
            box.clear()
            for key, text, ticked, possible in items:
                item = QListWidgetItem(text if possible else
                                       tr("{name} (not in the classroom file)", name=text))
                item.setData(ID_ROLE, key)
                flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                if possible and learner is not None:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if ticked and possible
                                   else Qt.CheckState.Unchecked)
                box.addItem(item)
            tall_rows(box)
            box.blockSignals(False)
        if self.lessons.count():
            self.lessons.setCurrentRow(min(row, self.lessons.count() - 1))
        self.show_notes()

    def show_notes(self) -> None:
        item = self.lessons.currentItem()
        lesson = next((x for x in self.screen_.lessons()
                       if item is not None and x.id == item.data(ID_ROLE)), None)
        self.notes.setHtml(lesson_notes(lesson) if lesson is not None else "")

    @staticmethod
    def ticked(box: QListWidget) -> list[str] | None:
        """The ticked ids; None when all are (then lessons added later show too)."""
        items = [box.item(i) for i in range(box.count())]
        keys = [str(x.data(ID_ROLE)) for x in items
                if x is not None and x.checkState() == Qt.CheckState.Checked]
        possible = [x for x in items if x is not None and x.flags() & Qt.ItemFlag.ItemIsEnabled]
        return None if len(keys) == len(possible) else keys

    def keep(self) -> None:
        learner = self.screen_.learner()
        if learner is None:
            return
        try:
            self.screen_.mode.set_shown(learner, self.ticked(self.lessons), self.ticked(self.tools))
        except LearnerError as error:
            self.screen_.say(str(error), assertive=True)
            return
        self.screen_.say(tr("Kept for {name}.", name=learner.name))

    def ask_pack(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Add lessons"), str(Path.home()),
                                              tr("Lesson packs (*.zip)"))
        if name:
            self.import_pack_file(Path(name))

    def import_pack_file(self, path: Path) -> list[str]:
        """Add a pack for everyone on this computer; a broken pack is refused plainly."""
        try:
            ids = import_pack(path, self.screen_.place.lessons_folder())
        except PackError as error:
            self.screen_.say(str(error), assertive=True)
            return []
        self.screen_.reload_lessons()
        self.refresh()
        self.screen_.say(tr("Lessons added: {count}.", count=len(ids)))
        return ids

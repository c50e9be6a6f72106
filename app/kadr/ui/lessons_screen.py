"""The lessons screen: the path of lessons (with stars) and "my journey", reached from the
gallery. Choosing a lesson makes a new film for it in the library and opens it with the
lesson panel beside the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kadr.i18n import tr
from kadr.lessons import Progress, load_lessons
from kadr.lessons.model import Lesson
from kadr.ui.a11y import button, label_button
from kadr.ui.lesson_panel import JourneyView, LessonPicker


class LessonsScreen(QWidget):
    lesson_chosen = Signal(object)  # the Lesson
    back_requested = Signal()

    def __init__(self, progress: Progress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsScreen")
        self.progress = progress
        self.lessons, self.problems = load_lessons()
        self.back = button("lessons_back", self, on_click=self.back_requested.emit)
        self.picker = LessonPicker(self)
        self.journey = JourneyView(self)
        self.note = QLabel(self)
        self.note.setObjectName("lessonsNote")
        self.note.setWordWrap(True)
        self.picker.set_lessons(self.lessons, progress)
        self.journey.set_lessons(self.lessons, progress)
        self.picker.lesson_chosen.connect(self._chosen)
        row = QHBoxLayout()
        row.addWidget(self.picker, 2)
        row.addWidget(self.journey, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.back)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        self.retranslate()

    def retranslate(self) -> None:
        label_button(self.back, tr("My films"), tr("Go back to all your films"), "Esc")
        # a broken lesson folder is left out and named, so a teacher can mend it
        self.note.setVisible(bool(self.problems))
        if self.problems:
            self.note.setText(tr("Some lessons could not be read: {count}. Run 'kadr lessons "
                                 "check' to see why.", count=len(self.problems)))
        self.picker.retranslate()
        self.journey.retranslate()

    def refresh(self) -> None:
        self.picker.refresh()
        self.journey.refresh()

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons if x.id == lesson_id), None)

    def _chosen(self, lesson_id: str) -> None:
        lesson = self.lesson(lesson_id)
        if lesson is not None:
            self.lesson_chosen.emit(lesson)

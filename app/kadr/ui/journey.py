"""The lesson picker (lessons in teaching order, done or not, stars) and "my journey"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kadr.core.render import Renderer
from kadr.i18n import tr
from kadr.lessons.model import Lesson
from kadr.lessons.progress import Progress
from kadr.ui.a11y import button, describe, label_button
from kadr.ui.lesson_panel import Translated, step_picture


class LessonPicker(Translated):
    """The lessons in teaching order, each with done/not yet and its stars."""

    lesson_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPicker")
        self.lessons: list[Lesson] = []
        self.progress: Progress | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("lessonPickerHeading")
        self.list = QListWidget(self)
        self.list.setObjectName("lessonList")
        self.list.setIconSize(QSize(64, 64))
        self.list.itemActivated.connect(lambda _item: self.choose())
        self.start_button = button("lessonStart", self, on_click=self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.start_button)
        self.retranslate()

    def set_lessons(self, lessons: list[Lesson], progress: Progress | None = None) -> None:
        self.lessons, self.progress = list(lessons), progress
        self.refresh()

    def refresh(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        for lesson in self.lessons:
            done = self.progress is not None and self.progress.is_done(lesson.id)
            stars = self.progress.stars(lesson.id) if self.progress is not None else 0
            status = tr("Done") if done else tr("Not done yet")
            item = QListWidgetItem(QIcon(step_picture(lesson, None, 64)),
                                   f"{lesson.title()}\n{status}  \u2605 {stars}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("{title}. {status}. Stars: {count}", title=lesson.title(),
                            status=status, count=stars))
            item.setSizeHint(QSize(200, 72))
            self.list.addItem(item)
        if self.lessons:
            self.list.setCurrentRow(min(row, len(self.lessons) - 1))

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.lesson_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def retranslate(self) -> None:
        self.heading.setText(tr("Choose a lesson"))
        describe(self.list, tr("Lessons"), tr("Choose a lesson"))
        label_button(self.start_button, tr("Start lesson"), tr("Start the chosen lesson"),
                     "Return")
        self.refresh()


class JourneyView(Translated):
    """"My journey": finished lessons with a picture from their example and their stars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonJourney")
        self.lessons: list[Lesson] = []
        self.progress: Progress | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("journeyHeading")
        self.empty = QLabel(self)
        self.empty.setObjectName("journeyEmpty")
        self.list = QListWidget(self)
        self.list.setObjectName("journeyList")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(160, 120))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.retranslate()

    def set_lessons(self, lessons: list[Lesson], progress: Progress) -> None:
        self.lessons, self.progress = list(lessons), progress
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        done = [x for x in self.lessons if self.progress is not None and self.progress.is_done(x.id)]
        for lesson in done:
            stars = self.progress.stars(lesson.id) if self.progress is not None else 0
            item = QListWidgetItem(QIcon(self._thumbnail(lesson)),
                                   f"{lesson.title()}\n\u2605 {stars}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("{title}. {status}. Stars: {count}", title=lesson.title(),
                            status=tr("Done"), count=stars))
            self.list.addItem(item)
        self.empty.setVisible(not done)

    @staticmethod
    def _thumbnail(lesson: Lesson) -> QPixmap:
        try:
            project = lesson.example_project()
            image = Renderer(project).thumbnail(len(project.frames) // 2, 160)
            return QPixmap.fromImage(image)
        except Exception:  # a missing example must not hide the journey
            return step_picture(lesson, None, 120)

    def retranslate(self) -> None:
        self.heading.setText(tr("My journey"))
        self.empty.setText(tr("No lessons finished yet."))
        describe(self.list, tr("My journey"), tr("Lessons you finished, with their stars"))
        self.refresh()

"""The lesson picker (lessons in teaching order, done or not, stars, age, minutes and
level) and "my journey"."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kadr.core.render import Renderer
from kadr.i18n import tr
from kadr.lessons.model import Lesson
from kadr.lessons.progress import Progress
from kadr.ui import icons
from kadr.ui.a11y import button, describe, label_button
from kadr.ui.confirm import give_picture
from kadr.ui.lesson_panel import Translated, step_picture


def lesson_facts(lesson: Lesson) -> tuple[str, str]:
    """Who a lesson is for, how long it takes and its level: as shown ("6+ · 20 minutes ·
    level 2") and as said by a screen reader ("age 6+, 20 minutes, level 2")."""
    shown, said = [], []
    if lesson.age:
        shown.append(lesson.age)
        said.append(tr("age {age}", age=lesson.age))
    minutes = tr("{count} minutes", count=lesson.minutes)
    level = tr("level {number}", number=lesson.level)
    shown += [minutes, level]
    said += [minutes, level]
    return " \u00b7 ".join(shown), ", ".join(said)


class LessonPicker(Translated):
    """The lessons in teaching order, each with done/not yet, its stars, its age, minutes
    and level. A lesson with a film goes on in that film ("Carry on"); "Start again"
    makes a new film and keeps the old one."""

    lesson_chosen = Signal(str)
    lesson_again = Signal(str)  # start the lesson again in a new film

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPicker")
        self.lessons: list[Lesson] = []
        self.progress: Progress | None = None
        self.with_films: set[str] = set()  # lessons that have a film in the library
        self.heading = QLabel(self)
        self.heading.setObjectName("lessonPickerHeading")
        self.list = QListWidget(self)
        self.list.setObjectName("lessonList")
        self.list.setIconSize(QSize(64, 64))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.choose())
        self.list.currentRowChanged.connect(lambda _row: self._sync_buttons())
        self.facts = LessonFacts(self)
        self.start_button = button("lessonStart", self, on_click=self.choose)
        self.again_button = button("lessonStartAgain", self, on_click=self.choose_again)
        give_picture(self.again_button, "new_film")
        row = QHBoxLayout()
        row.addWidget(self.start_button, 2)
        row.addWidget(self.again_button, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.facts)
        layout.addLayout(row)
        self.retranslate()

    def set_lessons(self, lessons: list[Lesson], progress: Progress | None = None,
                    with_films: set[str] | None = None) -> None:
        self.lessons, self.progress = list(lessons), progress
        if with_films is not None:
            self.with_films = set(with_films)
        self.refresh()

    def status(self, lesson: Lesson) -> str:
        p = self.progress
        if p is not None and p.in_progress(lesson.id) and lesson.id in self.with_films:
            last = p.last_step(lesson.id)
            number = next((i + 1 for i, s in enumerate(lesson.steps) if s.id == last), 1)
            return tr("Started: step {number} of {count}", number=number,
                      count=len(lesson.steps))
        return tr("Done") if p is not None and p.is_done(lesson.id) else tr("Not done yet")

    def refresh(self) -> None:
        row = max(0, self.list.currentRow())
        self.list.clear()
        lines = self.fontMetrics().lineSpacing()
        for lesson in self.lessons:
            stars = self.progress.stars(lesson.id) if self.progress is not None else 0
            status = self.status(lesson)
            shown, said = lesson_facts(lesson)
            item = QListWidgetItem(QIcon(step_picture(lesson, None, 64)),
                                   f"{lesson.title()}\n{status}  \u2605 {stars}\n{shown}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("{title}. {status}. Stars: {count}", title=lesson.title(),
                            status=status, count=stars) + ". " + said)
            item.setSizeHint(QSize(200, max(72, 3 * lines + 16)))
            self.list.addItem(item)
        if self.lessons:
            self.list.setCurrentRow(min(row, len(self.lessons) - 1))
        self._sync_buttons()

    def current_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def current_lesson(self) -> Lesson | None:
        return next((x for x in self.lessons if x.id == self.current_id()), None)

    def choose(self) -> None:
        if self.current_id():
            self.lesson_chosen.emit(self.current_id())

    def choose_again(self) -> None:
        if self.current_id() in self.with_films:
            self.lesson_again.emit(self.current_id())

    def _sync_buttons(self) -> None:
        """Start (no film yet), Carry on (a film in progress) or Open my film (finished);
        Start again only where there is a film to keep."""
        lesson = self.current_lesson()
        has_film = lesson is not None and lesson.id in self.with_films
        p = self.progress
        if not has_film or lesson is None:
            label_button(self.start_button, tr("Start lesson"), tr("Start the chosen lesson"),
                         "Return")
            give_picture(self.start_button, "next")
        elif p is not None and p.in_progress(lesson.id):
            label_button(self.start_button, tr("Carry on"),
                         tr("Go on with your film for this lesson, at the step you reached"),
                         "Return")
            give_picture(self.start_button, "next")
        else:
            label_button(self.start_button, tr("Open my film"),
                         tr("Open the film you made in this lesson"), "Return")
            give_picture(self.start_button, "open_film")
        self.again_button.setVisible(has_film)
        label_button(self.again_button, tr("Start again"),
                     tr("Start this lesson again with a new film. Your film stays in "
                        "My projects."))
        self.facts.show_lesson(lesson)

    def retranslate(self) -> None:
        self.heading.setText(tr("Choose a lesson"))
        describe(self.list, tr("Lessons"), tr("Choose a lesson"))
        self.refresh()


class LessonFacts(QWidget):
    """The chosen lesson's age, minutes and level, each with its pictogram."""

    PICTURES = ("age", "minutes", "level")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonFacts")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.pictures: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}
        for name in self.PICTURES:
            picture, words = QLabel(self), QLabel(self)
            picture.setObjectName(f"lessonFact_{name}_picture")
            words.setObjectName(f"lessonFact_{name}")
            picture.setAccessibleName(" ")  # the words say it: the picture is not read
            row.addWidget(picture)
            row.addWidget(words)
            row.addSpacing(16)
            self.pictures[name], self.words[name] = picture, words
        row.addStretch(1)

    def show_lesson(self, lesson: Lesson | None) -> None:
        self.setVisible(lesson is not None)
        if lesson is None:
            return
        side = max(24, self.fontMetrics().height() * 3 // 2)
        texts = {"age": tr("age {age}", age=lesson.age) if lesson.age else "",
                 "minutes": tr("{count} minutes", count=lesson.minutes),
                 "level": tr("level {number}", number=lesson.level)}
        for name in self.PICTURES:
            self.pictures[name].setPixmap(icons.icon(name).pixmap(side, side))
            self.words[name].setText(texts[name])
            self.pictures[name].setVisible(bool(texts[name]))
            self.words[name].setVisible(bool(texts[name]))
        self.setAccessibleName(lesson_facts(lesson)[1])


class JourneyView(Translated):
    """"My journey": finished lessons with a picture from their example and their stars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonJourney")
        self.lessons: list[Lesson] = []
        self.progress: Progress | None = None
        self._thumbnails: dict[str, QPixmap] = {}  # by lesson: refreshed after every star
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
            if lesson.id not in self._thumbnails:
                self._thumbnails[lesson.id] = self._thumbnail(lesson)
            item = QListWidgetItem(QIcon(self._thumbnails[lesson.id]),
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

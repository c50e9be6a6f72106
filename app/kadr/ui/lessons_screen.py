"""The lessons screen: the path of lessons (with stars) and "my journey", reached from the
gallery. Choosing a lesson opens its film (the newest, at the step the learner reached) or
makes a new one in the library, with the lesson panel beside the canvas. Stars and the
journey follow the learner's progress as it changes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from kadr.core.library import Library, LibraryError
from kadr.core.store import ProjectFileError
from kadr.i18n import tr
from kadr.lessons import PackError, Problem, Progress, import_pack, load_lessons
from kadr.lessons.model import Lesson
from kadr.ui.a11y import announce, button, label_button
from kadr.ui.confirm import ask, give_picture
from kadr.ui.journey import JourneyView, LessonPicker
from kadr.ui.wrapping import WrappedLabel


def load_all(imported: Path) -> tuple[list[Lesson], list[Problem]]:
    """The shipped lessons, then any a teacher added (in ``imported``)."""
    lessons, problems = load_lessons()
    if imported.is_dir():
        more, more_problems = load_lessons(imported)
        known = {x.id for x in lessons}
        lessons += [x for x in more if x.id not in known]
        problems += more_problems
    return lessons, problems


def forget(progress: Progress, listener: Callable[[], None]) -> None:
    """A screen that is gone hears no more changes."""
    if listener in progress.listeners:
        progress.listeners.remove(listener)


class LessonsScreen(QWidget):
    lesson_chosen = Signal(object)  # the Lesson: its film goes on, or a new one is made
    lesson_again = Signal(object)  # the Lesson, started again in a new film
    back_requested = Signal()

    def __init__(self, progress: Progress, imported: Path, parent: QWidget | None = None,
                 library: Library | None = None,
                 loaded: tuple[list[Lesson], list[Problem]] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsScreen")
        self.progress = progress
        self.imported = imported  # where a teacher's lesson packs go
        self.library = library  # where the lessons' films are
        self.lessons: list[Lesson] = []
        self.problems: list[Problem] = []
        if loaded is not None:
            self.lessons, self.problems = list(loaded[0]), list(loaded[1])
        else:
            self.load()
        # a star or a finished lesson shows here at once (once per burst of changes)
        self._stale = QTimer(self, singleShot=True, interval=0)
        self._stale.timeout.connect(self.refresh)
        listener = self._stale.start
        progress.listeners.append(listener)
        self.destroyed.connect(lambda *_: forget(progress, listener))
        self.back = button("lessons_back", self, on_click=self.back_requested.emit)
        self.add_pack = button("lessons_import_pack", self, on_click=self.ask_pack)
        give_picture(self.back, "projects")
        give_picture(self.add_pack, "import_file")
        self.picker = LessonPicker(self)
        self.journey = JourneyView(self)
        self.note = WrappedLabel(self)
        self.note.setObjectName("lessonsNote")
        self.picker.set_lessons(self.lessons, progress, self.with_films())
        self.journey.set_lessons(self.lessons, progress)
        self.picker.lesson_chosen.connect(self._chosen)
        self.picker.lesson_again.connect(self._again)
        row = QHBoxLayout()
        row.addWidget(self.picker, 2)
        row.addWidget(self.journey, 1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.add_pack)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addLayout(row, 1)
        self.retranslate()

    def retranslate(self) -> None:
        label_button(self.back, tr("My projects"), tr("Go back to all your projects"), "Esc")
        label_button(self.add_pack, tr("Add lessons"),
                     tr("For teachers: add a lesson pack (a .zip of lesson folders)"))
        # a broken lesson folder is left out and named, so a teacher can mend it
        self.note.setVisible(bool(self.problems))
        if self.problems:
            self.note.setText(tr("Some lessons could not be read: {count}. Run 'kadr lessons "
                                 "check' to see why.", count=len(self.problems)))
        self.picker.retranslate()
        self.journey.retranslate()

    def load(self) -> None:
        """The shipped lessons, then any a teacher added."""
        self.lessons, self.problems = load_all(self.imported)

    def with_films(self) -> set[str]:
        """The lessons that have a film in the library (to carry on or open)."""
        if self.library is None:
            return set()
        try:
            return {e.lesson for e in self.library.projects() if e.lesson and not e.broken}
        except (LibraryError, ProjectFileError):
            return set()  # the gallery says what is wrong with the folder

    def refresh(self) -> None:
        self.picker.with_films = self.with_films()
        self.picker.refresh()
        self.journey.refresh()

    def ask_pack(self) -> None:
        """For teachers: a pack from anywhere, by the system's file dialog; lessons that
        would replace ones already here are asked about first (✔/✘ inside Kadr)."""
        name, _ = QFileDialog.getOpenFileName(self, tr("Add lessons"), str(Path.home()),
                                              tr("Lesson packs (*.zip)"))
        if not name:
            return
        replaced = self.lessons_replaced(Path(name))
        if replaced and not ask(self, tr(
                "These lessons are here already: {names}. Put the new ones in their place?",
                names=", ".join(replaced)), tr("Replace them"), tr("Keep the old ones")):
            self.say(tr("Nothing was changed."))
            return
        self.import_pack_file(Path(name))

    def lessons_replaced(self, pack: Path) -> list[str]:
        """The lesson folders in ``pack`` that a teacher added before (a quick look at the
        names inside the .zip; the pack itself is checked when it is added)."""
        try:
            with zipfile.ZipFile(pack) as z:
                names = z.namelist()
        except (OSError, zipfile.BadZipFile, ValueError):
            return []  # import_pack_file says what is wrong with it
        folders = {PurePosixPath(n).parent.name for n in names
                   if PurePosixPath(n).name == "lesson.toml"}
        return sorted(f for f in folders if f and (self.imported / f).is_dir())

    def import_pack_file(self, path: Path) -> list[str]:
        """Add a teacher's pack; a hostile or broken pack is refused in plain words."""
        try:
            ids = import_pack(path, self.imported)
        except PackError as error:
            self.say(str(error), assertive=True)
            return []
        self.load()
        self.picker.set_lessons(self.lessons, self.progress, self.with_films())
        self.journey.set_lessons(self.lessons, self.progress)
        self.say(tr("Lessons added: {count}.", count=len(ids)))
        return ids

    def say(self, text: str, assertive: bool = False) -> None:
        self.note.setText(text)
        self.note.show()
        announce(self, text, assertive)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.lessons if x.id == lesson_id), None)

    def _chosen(self, lesson_id: str) -> None:
        lesson = self.lesson(lesson_id)
        if lesson is not None:
            self.lesson_chosen.emit(lesson)

    def _again(self, lesson_id: str) -> None:
        lesson = self.lesson(lesson_id)
        if lesson is not None:
            self.lesson_again.emit(lesson)

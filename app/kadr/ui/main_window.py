"""The window: the gallery of films first, then the studio for the film being made.

It also joins the services to the widgets: the project file, speech, language, themes,
and the flow of a class: a lesson's film goes on where the learner was, the lessons screen
follows the learner's stars as they come, and the end of a lesson is celebrated.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QWidget

from kadr import i18n
from kadr.core.library import Library
from kadr.core.session import FilmInUse, FilmSession
from kadr.core.store import ProjectFileError, ProjectStore
from kadr.i18n import tr
from kadr.settings import Settings, save_settings
from kadr.ui import dwell, theme
from kadr.ui.a11y import announce, enter_screen
from kadr.ui.studio import Studio

if TYPE_CHECKING:
    from kadr.classroom.learners import Learner
    from kadr.classroom.share_copy import WorkingCopy
    from kadr.classroom.teacher import TeacherMode
    from kadr.lessons import Lesson, Problem, Progress
    from kadr.ui.celebration import Celebration
    from kadr.ui.gallery import GalleryView
    from kadr.ui.gallery_items import LessonBadge
    from kadr.ui.learner_place import LearnerPlace
    from kadr.ui.scanning import Scanner
    from kadr.ui.teacher_mode import TeacherScreen
    from kadr.ui.teacher_pin_dialog import PinDialog
    from kadr.ui.who_is_drawing import WhoIsDrawing

_KEEPING: list[QMessageBox] = []  # boxes saying where work was kept, alive until read
WRITE_BACK_MS = 3 * 60 * 1000  # a film on a network share goes back this often while open


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, library: Library, speech: QObject | None = None,
                 place: LearnerPlace | None = None, gallery_later: bool = False) -> None:
        """``gallery_later``: another screen comes first (a film named on the command line,
        "Who is drawing?"), so the gallery is made when it is first needed (~40 ms of
        start-up the child would wait for and never see)."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.announcement_log: deque[str] = deque(maxlen=200)
        self.settings, self.library, self.speech = settings, library, speech
        # a computer's learners (None: one folder of films, as before learners existed)
        self.place = place
        self.learner: Learner | None = None
        self.chooser: WhoIsDrawing | None = None
        self.pin_dialog: PinDialog | None = None
        self.teacher_screen: TeacherScreen | None = None
        self.share_copy: WorkingCopy | None = None  # the open film's local copy (a share)
        self._write_back = QTimer(self, interval=WRITE_BACK_MS)
        self._write_back.timeout.connect(self._put_film_back)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("screens")
        self.setCentralWidget(self.stack)
        self.progress: Progress | None = None  # the learner's lessons, one for every screen
        self._lessons: tuple[list[Lesson], list[Problem]] | None = None  # read when needed
        self.celebration: Celebration | None = None
        self._celebrated = False  # the open lesson's end was celebrated
        self._gallery: GalleryView | None = None
        if not gallery_later:
            self._make_gallery()
        self.lessons_screen: QWidget | None = None
        self.studio: Studio | None = None
        self.session: FilmSession | None = None  # the open film: opened, kept, closed there
        self.store: ProjectStore | None = None
        self.path: Path | None = None
        self._qt_translator = QTranslator(self)
        QShortcut(QKeySequence("F6"), self, self.next_region)
        QShortcut(QKeySequence("Shift+F6"), self, lambda: self.next_region(-1))
        i18n.add_listener(self._language_changed)
        self._install_qt_words(i18n.language())  # Qt's own buttons speak it from the start
        self.scanner: Scanner | None = None
        self._sync_scanning()
        dwell.follow(self.settings)  # resting the pointer clicks, when chosen
        self.retranslate()

    # -- screens ---------------------------------------------------------------------
    @property
    def gallery(self) -> GalleryView:
        """The learner's projects (made the first time they are needed)."""
        return self._gallery if self._gallery is not None else self._make_gallery()

    def _make_gallery(self) -> GalleryView:
        from kadr.ui.gallery import GalleryView

        gallery = GalleryView(self.library, self, lesson_badge=self._lesson_badge)
        gallery.open_requested.connect(self.open_project)
        gallery.lessons_requested.connect(self.show_lessons)
        gallery.settings_requested.connect(self.show_settings)
        gallery.help_requested.connect(self.show_help)
        gallery.who_requested.connect(self.show_chooser)
        gallery.teacher_requested.connect(self.ask_teacher_pin)
        self._gallery = gallery
        self.stack.insertWidget(0, gallery)  # first, as when made at once; never shown by it
        return gallery

    def open_project(self, path: Path, fresh: bool = False) -> bool:
        """Open a film from disk; a bad file gets a plain message and stays untouched. A film
        open already comes forward (in this program) or is refused in plain words. A
        lesson's film opens with its lesson beside it, where the learner was (``fresh``: a
        new film, from the first step)."""
        if self.session is not None and self._open_path() == Path(path).resolve():
            self._bring_forward()
            return True
        copy = self._check_out(Path(path))
        if copy is False:
            return False
        try:
            session = FilmSession.open(copy.local if copy else Path(path))
        except FilmInUse as error:
            if error.session is None:  # in this program its window comes forward itself
                self._tell(str(error))
            self._let_go_copy(copy or None, quiet=True)
            return False
        except ProjectFileError as error:
            self._tell(str(error))
            self._let_go_copy(copy or None, quiet=True)
            return False
        if not self.close_project():
            session.close()
            self._let_go_copy(copy or None, quiet=True)
            return False
        self._show_studio(session)
        if copy:
            self.share_copy, self.path = copy, copy.origin
            self._write_back.start()
        self._attach_film_lesson(fresh)
        return True

    def _show_studio(self, session: FilmSession) -> None:
        self.session, self.store, self.path = session, session.store, session.path
        session.wanted.connect(self._bring_forward)
        project = session.project
        studio = Studio(project, self.settings, self.stack)
        if self.place is not None and self.learner is not None:
            from kadr.classroom.classroom_file import TOOL_NAMES

            shown = self.place.tools_shown(self.learner, TOOL_NAMES)
            if len(shown) < len(TOOL_NAMES):  # the teacher's (or the classroom's) choice
                studio.tools_panel.limit_tools(shown)
            locked_by = self.place.locked(self.learner).get("level")
            if locked_by:
                studio.lock_level(locked_by)
        studio.back_requested.connect(self.show_gallery)
        studio.help_requested.connect(self.show_help)
        studio.settings_requested.connect(self.show_settings)
        studio.onion_settings_requested.connect(self.show_onion_settings)
        studio.export_requested.connect(self.show_export)
        studio.said.connect(self._speak_caption)
        if self.speech is not None:
            studio.stop_speech_requested.connect(self.speech.stop)  # type: ignore[attr-defined]
        self.studio = studio
        self.stack.addWidget(studio)
        self.stack.setCurrentWidget(studio)
        self.setWindowTitle(f"{project.title or self.path.stem} — Kadr")
        # the screen named with the paper's words; a lesson's step, said next, replaces it
        enter_screen(tr("Your film: {title}.", title=project.title or self.path.stem),
                     studio.canvas)
        QTimer.singleShot(0, studio, self._focus_studio)  # after a naming dialog has closed

    def _bring_forward(self) -> None:
        """The film was opened again: this window, which has it, comes forward."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        if self.studio is not None:
            self.stack.setCurrentWidget(self.studio)
        self._focus_studio()

    def _focus_studio(self) -> None:
        if self.studio is not None:
            self.activateWindow()
            self.studio.canvas.setFocus()

    def close_project(self, quitting: bool = False) -> bool:
        """Close the film, keeping everything. False when it must stay open: not even a
        recovery copy could be written (the child is told)."""
        studio, session = self.studio, self.session
        if studio is not None:
            studio.player.stop()
            studio.canvas.finish_stroke()
            studio.keep_thumbnail()
        if session is not None:
            told = not session.is_open()  # closed already, by the quit signal
            result = session.close()
            if result.message and not told:
                self._tell_keeping(result.message, alone=quitting and result.closed)
            if not result.closed:
                return False
            self.session = self.store = None
            self._write_back.stop()
            copy, self.share_copy = self.share_copy, None
            self._let_go_copy(copy, quiet=quitting)
        if self.celebration is not None:
            self.celebration.done(0)  # it shows this film
        if studio is not None:
            studio.flash_watch.close()  # a check in the background ends now
            self.stack.removeWidget(studio)
            studio.deleteLater()
            self.studio = None
        return True

    def _tell(self, message: str) -> None:
        """A problem a child or teacher must read: said (and heard by a screen reader),
        and shown in Kadr's own message box until it is read."""
        from kadr.ui.confirm import notice

        self.say(message, assertive=True)
        self._speak_message(message)
        box = notice(self, message)
        box.finished.connect(lambda _result: box.deleteLater())
        box.open()

    def _tell_keeping(self, message: str, alone: bool) -> None:
        """Where the work went, or that it could not be kept: said, and shown in a box that
        stays until read (``alone``: the window is closing, so the box stands by itself and
        keeps the program open until it is read)."""
        self.say(message, assertive=True)
        self._speak_message(message)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Your film"), message,
                          QMessageBox.StandardButton.Ok, None if alone else self)
        box.setObjectName("keepingMessage")
        _KEEPING.append(box)
        box.finished.connect(lambda _result: _KEEPING.remove(box))
        box.open()

    def show_gallery(self) -> None:
        if self.place is not None and self.learner is None:
            self.show_chooser()  # nobody chosen yet (a film opened from the command line)
            return
        if not self.close_project():
            return  # the film stays open: it could not be kept anywhere yet
        if self.lessons_screen is not None:
            self.lessons_screen.refresh()  # type: ignore[attr-defined]
        self.gallery.refresh()
        self.stack.setCurrentWidget(self.gallery)
        self.setWindowTitle("Kadr")

    # -- learners: who is drawing, teacher mode ---------------------------------------------
    def show_chooser(self) -> WhoIsDrawing | None:
        """"Who is drawing?": every learner's picture; the film open now is closed first."""
        from kadr.ui.who_is_drawing import WhoIsDrawing

        if self.place is None or not self.close_project():
            return None
        if self.learner is not None:
            self.keep_settings()
            self.learner = None
        self.place.copy_into(self.settings, self.place.chooser_settings())
        self.apply_settings()
        if self.chooser is None:
            self.chooser = WhoIsDrawing(self)
            self.chooser.chosen.connect(self.use_learner)
            self.chooser.teacher_requested.connect(self.ask_teacher_pin)
            self.stack.addWidget(self.chooser)
        self.chooser.set_learners(self.place.store.learners())
        self.stack.setCurrentWidget(self.chooser)
        self.setWindowTitle("Kadr")
        self.chooser.focus_first()
        self.say(tr("Who is drawing? Choose your picture."))
        return self.chooser

    def use_learner(self, learner: Learner) -> bool:
        """Kadr for ``learner``: their films, lessons and settings (the film open now is
        closed and the last learner's settings kept first)."""
        from kadr.classroom.learners import LearnerError
        from kadr.core.library import LibraryError, remove_stale_parts
        from kadr.ui.who_is_drawing import avatar_icon

        place = self.place
        if place is None or not self.close_project():
            return False
        try:
            library = Library(learner.films)
        except (LibraryError, OSError) as error:
            self._tell(str(error))
            return False
        if self.learner is not None and self.learner.id != learner.id:
            self.keep_settings()
        try:
            learner = place.store.touch(learner)
        except LearnerError:
            pass  # only "last active" is not noted: the learner can still draw
        self.learner = learner
        place.copy_into(self.settings, place.settings_for(learner))
        self.library = self.gallery.library = library
        self.progress, self._lessons = None, None
        if self.lessons_screen is not None:  # the last learner's stars and lessons
            self.stack.removeWidget(self.lessons_screen)
            self.lessons_screen.deleteLater()
            self.lessons_screen = None
        self.apply_settings()
        remove_stale_parts(library.root)
        self.gallery.set_learner(learner.name, avatar_icon(learner.avatar, 40))
        self.show_gallery()
        self.say(tr("Hello, {name}! These are your projects.", name=learner.name))
        return True

    def ask_teacher_pin(self) -> PinDialog | None:
        """The PIN (a new one on first use), then teacher mode."""
        from kadr.ui.teacher_pin_dialog import PinDialog

        if self.place is None or self.pin_dialog is not None:
            return self.pin_dialog
        dialog = PinDialog(self.place, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.entered.connect(lambda mode: QTimer.singleShot(
            0, self, lambda: self.show_teacher(mode)))
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def show_teacher(self, mode: TeacherMode) -> TeacherScreen | None:
        """Teacher mode over the whole window; Done goes back to the screen before."""
        from kadr.ui.teacher_mode import TeacherScreen

        if self.place is None or not self.close_project():
            return None
        back_to = self.stack.currentWidget()
        if self.teacher_screen is not None:
            self.stack.removeWidget(self.teacher_screen)
            self.teacher_screen.deleteLater()
        screen = TeacherScreen(mode, self.place, self, current=self.learner)
        screen.done.connect(lambda: self._teacher_done(back_to))
        self.teacher_screen = screen
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        screen.start()
        self.say(tr("Teacher mode. Press Close teacher mode to leave it."))
        return screen

    def _teacher_done(self, back_to: QWidget | None) -> None:
        """Leave teacher mode: what the teacher changed applies to the learner now."""
        screen, self.teacher_screen = self.teacher_screen, None
        self._lessons = None  # a pack may have been added
        if self.lessons_screen is not None:
            self.stack.removeWidget(self.lessons_screen)
            self.lessons_screen.deleteLater()
            self.lessons_screen = None
        learner = self.place.store.get(self.learner.id) if self.place and self.learner \
            else None
        if learner is not None and back_to is not self.chooser:
            self.learner = None  # their settings were kept by the teacher's changes
            self.use_learner(learner)
        else:
            self.show_chooser()
        if screen is not None:
            self.stack.removeWidget(screen)
            screen.deleteLater()

    # -- films on a network share ---------------------------------------------------------
    def _open_path(self) -> Path | None:
        """The open film as the learner knows it (on the share, not its local copy)."""
        if self.share_copy is not None:
            return Path(self.share_copy.origin).resolve()
        return self.session.path if self.session is not None else None

    def _check_out(self, path: Path) -> WorkingCopy | None | Literal[False]:
        """A film on a network share is worked on as a local copy (docs/classroom.md).
        None: a film on this computer; False: it cannot be opened (the child is told)."""
        if self.place is None:
            return None
        from kadr.classroom.network_share import network_share
        from kadr.classroom.share_copy import check_out

        if network_share(path) is None:
            return None
        try:
            return check_out(path, self.place.work_root)
        except ProjectFileError as error:  # FilmBusy: open on another computer
            self._tell(str(error))
            return False

    def _put_film_back(self) -> None:
        """Every few minutes: the open film goes back to the share whole."""
        copy, session = self.share_copy, self.session
        if copy is None or session is None:
            return
        session.flush()
        try:
            copy.write_back()
        except ProjectFileError as error:
            self.say(str(error))

    def _let_go_copy(self, copy: WorkingCopy | None, quiet: bool = False) -> None:
        if copy is None:
            return
        try:
            copy.release()
        except ProjectFileError as error:
            if quiet:
                self.say(str(error))
            else:
                self._tell(str(error))

    def put_back_left_copies(self) -> None:
        """At start: films a crash or a lost network left on this computer go back."""
        if self.place is None:
            return
        from kadr.classroom.share_copy import left_behind

        for copy in left_behind(self.place.work_root):
            self._let_go_copy(copy, quiet=True)

    # -- lessons ---------------------------------------------------------------------------
    def learner_folder(self) -> Path:
        """Where the learner's progress is: their own folder, or (no learners) the one
        progress folder of this computer account."""
        if self.learner is not None:
            return self.learner.progress_folder
        from kadr.settings import config_dir

        return config_dir() / "learner"

    def lessons_folder(self) -> Path:
        """Where a teacher's lesson packs are, for everyone on this computer."""
        if self.place is not None:
            return self.place.lessons_folder()
        return self.library.root.parent / "lessons"

    def lesson_progress(self) -> Progress:
        """The learner's progress: one object for the studio and the lessons screen, so a
        star shows everywhere the moment it is earned."""
        from kadr.lessons import Progress

        if self.progress is None:
            self.progress = Progress(self.learner_folder())
        return self.progress

    def all_lessons(self) -> list[Lesson]:
        """Every lesson in teaching order (read once; a teacher's new pack included)."""
        if self.lessons_screen is not None:
            return list(self.lessons_screen.lessons)  # type: ignore[attr-defined]
        return self._shown_lessons(self._loaded_lessons()[0])

    def _loaded_lessons(self) -> tuple[list[Lesson], list[Problem]]:
        if self._lessons is None:
            from kadr.ui.lessons_screen import load_all

            self._lessons = load_all(self.lessons_folder())
        return self._lessons

    def _shown_lessons(self, lessons: list[Lesson]) -> list[Lesson]:
        """The lessons this learner sees (the classroom file's and the teacher's choice)."""
        if self.place is None or self.learner is None:
            return list(lessons)
        shown = set(self.place.lessons_shown(self.learner, [x.id for x in lessons]))
        return [x for x in lessons if x.id in shown]

    def lesson_by_id(self, lesson_id: str) -> Lesson | None:
        return next((x for x in self.all_lessons() if x.id == lesson_id), None)

    def _lesson_badge(self, lesson_id: str) -> LessonBadge | None:
        """What the gallery shows of a film's lesson (None when it is not installed here)."""
        from kadr.lessons.symbols import step_svg
        from kadr.ui.gallery_items import LessonBadge

        lesson = self.lesson_by_id(lesson_id)
        if lesson is None:
            return None
        return LessonBadge(lesson.title(), step_svg(lesson),
                           self.lesson_progress().is_done(lesson_id))

    def show_lessons(self) -> None:
        from kadr.ui.lessons_screen import LessonsScreen, load_all

        if self.lessons_screen is None:
            imported = self.lessons_folder()
            lessons, problems = self._lessons or load_all(imported)
            screen = LessonsScreen(self.lesson_progress(), imported, self, library=self.library,
                                   loaded=(self._shown_lessons(lessons), problems))
            screen.back_requested.connect(self.show_gallery)
            screen.lesson_chosen.connect(self.start_lesson)
            screen.lesson_again.connect(lambda lesson: self.start_lesson(lesson, again=True))
            self.stack.addWidget(screen)
            self.lessons_screen = screen
        self.lessons_screen.refresh()  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(self.lessons_screen)
        enter_screen(tr("Lessons"), self.lessons_screen.picker.list)  # type: ignore[attr-defined]

    def start_lesson(self, lesson: Lesson, again: bool = False) -> bool:
        """Go on with the lesson's newest film, where the learner was; a new film named
        after the lesson when it has none, or ``again`` (the old one is kept)."""
        from kadr.core.lesson_films import new_lesson_film, newest_film

        path = None if again else newest_film(self.library, lesson.id)
        if path is not None:
            return self.open_project(path)
        try:
            path = new_lesson_film(self.library, lesson.new_project(), lesson.id, lesson.title())
        except OSError:
            self._tell(tr("Kadr cannot write to the folder of films."))
            return False
        return self.open_project(path, fresh=True)

    def _attach_film_lesson(self, fresh: bool) -> None:
        """The open film's lesson beside the canvas, if it was made for one Kadr has (an
        older film, or one whose lesson is not here, opens as a plain film)."""
        studio = self.studio
        lesson = self.lesson_by_id(studio.project.lesson) if studio is not None and \
            studio.project.lesson else None
        if studio is None or lesson is None:
            return
        from kadr.lessons import load_teacher_settings  # a plain film needs no lessons

        teacher = load_teacher_settings(self.learner_folder())
        studio.attach_lesson(lesson, self.lesson_progress(),
                             allow_skip=teacher.allow_skip and self.settings.allow_skip,
                             hint_after=teacher.hint_after_seconds, resume=not fresh,
                             speak=lambda text: self._speak_message(text, spoken_already=True))
        panel = studio.lesson_panel
        # Say it again: Kadr's voice reads the step, screen reader or not
        panel.read_aloud.connect(lambda text: self._speak(text, spoken_already=True))
        run = panel.run
        self._celebrated = run is not None and run.finished  # opened at its end already
        if self._celebrated:
            self.say(tr("You finished this lesson. Press Back to see its steps again."))
        panel.step_changed.connect(lambda _index: self._lesson_moved())
        panel.lesson_finished.connect(lambda _id: self._lesson_moved())

    def _lesson_moved(self) -> None:
        """After every step: the end of the lesson is celebrated once (again after Back)."""
        panel = getattr(self.studio, "lesson_panel", None)
        run = panel.run if panel is not None else None
        if run is None:
            return
        if run.finished and not self._celebrated:
            self._celebrated = True
            # after the panel's own praise has been shown and said
            QTimer.singleShot(0, self, self.show_celebration)
        elif not run.finished:
            self._celebrated = False

    def next_lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson after this one in teaching order; after the last, the first one not
        finished yet; None when every lesson is finished."""
        lessons = self.all_lessons()
        index = next((i for i, x in enumerate(lessons) if x.id == lesson_id), len(lessons))
        if index + 1 < len(lessons):
            return lessons[index + 1]
        progress = self.lesson_progress()
        return next((x for x in lessons if x.id != lesson_id and not progress.is_done(x.id)),
                    None)

    def show_celebration(self) -> Celebration | None:
        """"You finished the lesson!" over the studio, with the child's film playing."""
        from kadr.ui.celebration import Celebration

        studio = self.studio
        lesson = getattr(studio, "lesson", None)
        if studio is None or lesson is None or self.celebration is not None:
            return None
        following = self.next_lesson(lesson.id)
        result = studio.flash_watch.before_play(0)
        fps = result.safe_fps if result is not None and not result.safe else None
        dialog = Celebration(studio.project, lesson.title(),
                             self.lesson_progress().stars(lesson.id),
                             following.title() if following is not None else "", fps=fps,
                             parent=self)
        dialog.resize(max(480, self.width() * 3 // 4), max(400, self.height() * 3 // 4))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if following is not None:
            dialog.next_requested.connect(lambda: QTimer.singleShot(
                0, self, lambda: self._next_lesson_chosen(following)))
        dialog.finished.connect(lambda _result: self._celebration_closed(dialog))
        self.celebration = dialog
        dialog.open()
        self._speak_message(dialog.spoken(), spoken_already=True, policy="after")
        return dialog

    def _celebration_closed(self, dialog: Celebration) -> None:
        if self.celebration is dialog:
            self.celebration = None
            self._focus_studio()

    def _next_lesson_chosen(self, lesson: Lesson) -> None:
        """The next lesson: its film in progress goes on, else a new film."""
        self.start_lesson(lesson, again=not self.lesson_progress().in_progress(lesson.id))

    def next_region(self, direction: int = 1) -> None:
        """F6: tools, canvas, pictures strip, lesson panel, top buttons, in a ring."""
        if self.studio is None:
            return
        s = self.studio
        regions: list[QWidget] = [s.tools_panel.tool_buttons[s.tools.tool], s.canvas,
                                  s.timeline.list, s.top_buttons["projects"]]
        lesson = getattr(s, "lesson_panel", None)
        if lesson is not None and lesson.isVisible():
            regions.insert(3, lesson.instruction)  # the lesson region starts at its step
        focus = QApplication.focusWidget()
        current = next((i for i, r in enumerate(regions)
                        if focus is not None and (focus is r or r.isAncestorOf(focus))), -1)
        target = regions[(current + direction) % len(regions)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if not target.hasFocus():
            target.focusNextChild()

    # -- dialogs ---------------------------------------------------------------------
    # dialogs and switch scanning load when first used: a child waits for none of them at start
    def show_help(self) -> None:
        from kadr.ui.dialogs import HelpDialog

        dialog = HelpDialog(self)
        dialog.read_aloud.connect(lambda text: self._speak(text, force=True))
        dialog.exec()

    def show_onion_settings(self) -> None:
        if self.studio is None:
            return
        from kadr.ui.dialogs import OnionDialog

        project = self.studio.project
        dialog = OnionDialog(project.settings.onion, self)
        dialog.changed.connect(project.set_onion)
        dialog.exec()
        self.studio._sync_toggles()

    def show_settings(self) -> None:
        from kadr.ui.settings_dialog import SettingsDialog

        voices = self.speech.voices() if self.speech is not None else []  # type: ignore[attr-defined]
        project = self.studio.project if self.studio is not None else None
        dialog = SettingsDialog(self.settings, self, voices=voices, project=project,
                                locked=self.locked_settings())
        dialog.changed.connect(self.apply_settings)
        dialog.onion_requested.connect(self.show_onion_settings)
        dialog.exec()
        self.keep_settings()

    def locked_settings(self) -> dict[str, str]:
        """The learner's locked settings, with the words their padlock shows."""
        if self.place is None or self.learner is None:
            return {}
        from kadr.ui.learner_settings import locked_words

        return {name: locked_words(by) for name, by in self.place.locked(self.learner).items()}

    def keep_settings(self) -> None:
        """Keep the settings: the learner's own (never a locked one), or, without
        learners, this computer account's file as before."""
        if self.place is None:
            save_settings(self.settings)
        elif self.learner is not None:
            self.place.save(self.learner, self.settings)

    def show_export(self) -> None:
        if self.studio is None:
            return
        from kadr.ui.export_dialog import ExportDialog

        allowed, folder = None, None
        if self.place is not None and self.learner is not None:
            classroom = self.place.classroom
            allowed = classroom.exports
            folder = classroom.export_folder_for(self.learner.name)
        dialog = ExportDialog(self.studio.project, self.path, self,
                              flash=self.studio.flash_watch.current(), allowed=allowed,
                              folder=folder)
        dialog.said.connect(self.studio.say)
        panel = getattr(self.studio, "lesson_panel", None)
        if panel is not None:
            dialog.exported.connect(lambda _path: panel.notice("exported"))
        dialog.exec()

    def apply_settings(self) -> None:
        s = self.settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_settings(app, s)
        if s.language and s.language != i18n.language():
            i18n.set_language(s.language)
        self._sync_scanning()
        dwell.follow(s)
        if self.studio is not None:
            self.studio.tools.stabiliser = s.stabiliser
            self.studio.canvas.use_settings(s)
        if self.speech is not None:
            self.speech.set_enabled(s.speech_enabled)  # type: ignore[attr-defined]
            self.speech.set_rate(s.speech_rate)  # type: ignore[attr-defined]
            self.speech.set_volume(s.speech_volume)  # type: ignore[attr-defined]
            self.speech.set_voice(s.voice or None)  # type: ignore[attr-defined]

    def _sync_scanning(self) -> None:
        """Switch scanning on or off as the settings say."""
        s = self.settings
        if s.switch_scan and self.scanner is None:
            from kadr.ui.scanning import Scanner

            self.scanner = Scanner(self, s.scan_seconds)
            self.scanner.configure(s)
            self.scanner.said.connect(self._scanned)
            self.scanner.start()
        elif not s.switch_scan and self.scanner is not None:
            self.scanner.stop()
            self.scanner.deleteLater()
            self.scanner = None
        if self.scanner is not None:
            self.scanner.configure(s)

    def _scanned(self, text: str) -> None:
        if self.studio is not None:
            self.studio.caption.setText(text)
        self._speak(text)

    # -- language and speech -----------------------------------------------------------
    def _install_qt_words(self, code: str) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeTranslator(self._qt_translator)
            path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if code != "en" and self._qt_translator.load(f"qtbase_{code}", path):
                app.installTranslator(self._qt_translator)

    def _language_changed(self, code: str) -> None:
        self._install_qt_words(code)
        if self.speech is not None:
            self.speech.set_language(code)  # type: ignore[attr-defined]
        self.retranslate()

    def retranslate(self) -> None:
        if self.studio is not None and self.path is not None:
            self.setWindowTitle(f"{self.studio.project.title or self.path.stem} — Kadr")
        else:
            self.setWindowTitle("Kadr")
        if self._gallery is not None:
            self._gallery.retranslate()
        if self.studio is not None:
            self.studio.retranslate()
        if self.lessons_screen is not None:
            self.lessons_screen.retranslate()  # type: ignore[attr-defined]

    def _speak_caption(self, text: str) -> None:
        self._speak_message(text)

    def _speak_message(self, text: str, spoken_already: bool = False,
                       policy: str = "now") -> None:
        """A message that was announced: with a screen reader, that reads it and Kadr's
        voice stays quiet (one voice); only what the child asks to hear is read aloud."""
        if not self.settings.uses_screen_reader:
            self._speak(text, spoken_already=spoken_already, policy=policy)

    def _speak(self, text: str, force: bool = False, spoken_already: bool = False,
               policy: str = "now") -> None:
        if self.speech is not None and (self.settings.speech_enabled or force):
            spoken = text if spoken_already else i18n.spoken_form(text)
            self.speech.say(text, policy, spoken=spoken if spoken != text else None)  # type: ignore[attr-defined]

    def say(self, text: str, assertive: bool = False) -> None:
        announce(self, text, assertive)

    # -- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        if not self.close_project(quitting=True):
            event.ignore()  # the work could not be kept anywhere: the window stays
            return
        self.keep_settings()
        i18n.remove_listener(self._language_changed)
        if self.scanner is not None:
            self.scanner.stop()
        if self.speech is not None:
            self.speech.shutdown()  # type: ignore[attr-defined]
        super().closeEvent(event)  # type: ignore[arg-type]



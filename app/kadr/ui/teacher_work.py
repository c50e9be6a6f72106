"""Teacher mode's Work section: the chosen learner's portfolio (a zip with every film as
GIF and MP4, their progress and a page to open offline) and lesson journey, the class
overview (a page and a CSV), and a starter film copied to every learner.

Files go into the Kadr folder in Pictures unless the teacher chooses another folder
(the system's folder chooser, behind "Choose another folder…", as the picture browser
does). A portfolio is encoded on a worker thread; the page says when it is ready.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from kadr.classroom.learners import Learner
from kadr.i18n import language, tr
from kadr.ui import places
from kadr.ui.a11y import button, label_button
from kadr.ui.journey_plot_view import JourneyPlotView
from kadr.ui.studio_fit import ui_scale
from kadr.ui.teacher_fit import WrapRow

if TYPE_CHECKING:
    from kadr.ui.teacher_mode import TeacherScreen


class _Worker(QObject):
    """Carries a worker thread's end to the UI thread (a queued signal)."""

    finished = Signal(str)
    failed = Signal(str)


class WorkPage(QWidget):
    def __init__(self, screen: TeacherScreen) -> None:
        super().__init__(screen)
        self.setObjectName("teacher_work_page")
        self.screen_ = screen
        self.folder = places.kadr_folder()
        self.job: threading.Thread | None = None
        self.worker = _Worker(self)
        self.worker.finished.connect(self._portfolio_made)
        self.worker.failed.connect(lambda text: self.screen_.say(text, assertive=True))
        self.where = QLabel(self)
        self.where.setObjectName("teacher_where")
        self.where.setWordWrap(True)
        self.choose_folder = button("teacher_choose_folder", self, on_click=self.ask_folder)
        self.portfolio = button("teacher_portfolio", self, on_click=self.make_portfolio)
        self.overview = button("teacher_overview", self, on_click=self.make_overview)
        self.starter = button("teacher_starter", self, on_click=self.ask_starter)
        self.show_me = button("teacher_show_me", self,
                              on_click=lambda: places.show_folder(self.folder))
        self.journey_label = QLabel(self)
        self.journey = JourneyPlotView(self)
        self.journey_label.setBuddy(self.journey)
        row = WrapRow()
        row.add(self.choose_folder)
        row.add(self.show_me)
        actions = WrapRow()
        for b in (self.portfolio, self.overview, self.starter):
            actions.add(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addLayout(row)
        layout.addLayout(actions)
        layout.addWidget(self.journey_label)
        layout.addWidget(self.journey, 1)
        screen.learner_changed.connect(self.follow)
        self.retranslate()

    def retranslate(self) -> None:
        self.where.setText(tr("Files go {where}.", where=places.where_words(self.folder)))
        label_button(self.choose_folder, tr("Choose another folder…"),
                     tr("For teachers: put the files in another folder"))
        label_button(self.show_me, tr("Show me"), tr("Open the folder with the files"))
        label_button(self.overview, tr("Class overview"),
                     tr("Make a page and a spreadsheet file of the whole class"))
        label_button(self.starter, tr("Starter film for everyone…"),
                     tr("Copy a film to every learner, for each to carry on"))
        self.journey_label.setText(tr("Lesson journey:"))
        self.follow()

    def follow(self) -> None:
        learner = self.screen_.learner()
        label_button(self.portfolio,
                     tr("Portfolio of {name}", name=learner.name) if learner else tr("Portfolio"),
                     tr("Make one zip of the chosen learner's films, progress and a page "
                        "to open anywhere"))
        self.portfolio.setEnabled(learner is not None and self.job is None)
        self.journey.show_learner(learner, self.titles())
        # the plot's words are drawn at a fixed size: drawn as large as the UI size asks
        self.journey.setMinimumHeight(round(self.journey.sizeHint().height() * ui_scale()))

    def titles(self) -> dict[str, str]:
        return {x.id: x.title() for x in self.screen_.lessons()}

    def ask_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("Choose another folder…"),
                                                str(self.folder))
        if name:
            self.use_folder(Path(name))

    def use_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.retranslate()
        self.screen_.say(self.where.text())

    def _ready_folder(self) -> bool:
        try:
            places.make_folder(self.folder)
        except OSError:
            self.screen_.say(tr("Kadr cannot make the folder {folder}. Choose another folder.",
                                folder=str(self.folder)), assertive=True)
            return False
        return True

    # -- the portfolio --------------------------------------------------------------------------
    def make_portfolio(self, learner: Learner | None = None) -> Path | None:
        """Start the chosen learner's portfolio; returns the zip it will be."""
        from kadr.classroom.portfolio import portfolio_name, prepare_portfolio

        learner = learner or self.screen_.learner()
        if learner is None or self.job is not None or not self._ready_folder():
            return None
        prepared = prepare_portfolio(learner, self.titles(), language())  # Qt: UI thread
        stem = places.free_stem(self.folder, Path(portfolio_name(learner)).stem, (".zip",))
        target = self.folder / f"{stem}.zip"
        self.portfolio.setEnabled(False)
        self.screen_.say(tr("Making the portfolio of {name}…", name=learner.name))
        self.job = threading.Thread(target=self._write, args=(prepared, target),
                                       name="kadr-portfolio", daemon=True)
        self.job.start()
        return target

    def _write(self, prepared: object, target: Path) -> None:
        from kadr.classroom.portfolio import PreparedPortfolio, write_portfolio
        from kadr.export.errors import ExportError

        assert isinstance(prepared, PreparedPortfolio)
        try:
            write_portfolio(prepared, target)
        except (ExportError, OSError) as error:
            self.worker.failed.emit(tr("The portfolio could not be made: {why}", why=str(error)))
            self.worker.finished.emit("")
            return
        self.worker.finished.emit(str(target))

    def _portfolio_made(self, path: str) -> None:
        if self.job is not None:
            self.job.join()
        self.job = None
        self.follow()
        if path:
            self.screen_.say(tr("The portfolio is ready: {name}. It is {where}.",
                                name=Path(path).name, where=places.where_words(Path(path).parent)))

    # -- the class --------------------------------------------------------------------------------
    def make_overview(self) -> tuple[Path, Path] | None:
        """Write class-overview.html and .csv into the folder."""
        from kadr.classroom.overview import write_overview

        if not self._ready_folder():
            return None
        try:
            written = write_overview(self.screen_.place.store, self.folder, self.titles(),
                                     language())
        except OSError:
            self.screen_.say(tr("Kadr could not write the class overview in {folder}.",
                                folder=str(self.folder)), assertive=True)
            return None
        self.screen_.say(tr("The class overview is ready: {page} and {table}. They are "
                            "{where}.", page=written[0].name, table=written[1].name,
                            where=places.where_words(self.folder)))
        return written

    def ask_starter(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Starter film for everyone…"),
                                              str(self.folder), tr("Kadr films (*.kadr)"))
        if name:
            self.copy_starter(Path(name))

    def copy_starter(self, film: Path) -> int:
        """Copy ``film`` into every learner's films; returns how many got it."""
        from kadr.classroom.starter import copy_starter_to_everyone
        from kadr.core.store import ProjectFileError

        try:
            result = copy_starter_to_everyone(self.screen_.place.store, film)
        except ProjectFileError as error:
            self.screen_.say(str(error), assertive=True)
            return 0
        text = tr("Every learner has the film now: {count}.", count=len(result.copied))
        if result.failed:
            names = {x.id: x.name for x in self.screen_.place.store.learners()}
            text += " " + tr("These learners could not get it: {names}.",
                             names=", ".join(names.get(k, k) for k in result.failed))
        self.screen_.say(text, assertive=bool(result.failed))
        return len(result.copied)

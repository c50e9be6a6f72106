"""The first screen: the learner's projects as big pictures. There is no Save button.

Each action has a big button, a key and a method taking plain values (a path, a title), so
tests and scripts run it without dialogs. Deleting goes to the bin; every result is shown
in the status line and announced to screen readers without moving focus.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kadr.core.library import Library, ProjectEntry, safe_stem
from kadr.i18n import tr
from kadr.ui import places
from kadr.ui.a11y import (
    MIN_TARGET,
    announce,
    button,
    describe,
    enter_screen,
    label_button,
    picture_button,
)
from kadr.ui.confirm import ConfirmDialog, notice
from kadr.ui.gallery_dialogs import BinDialog, NameDialog
from kadr.ui.gallery_items import KEYS, PATH_ROLE, PROBLEMS, Badges, ProjectGrid, Retranslating

PICTURES = {"new": "new_film", "open": "open_film", "duplicate": "copy", "import": "import_file",
            "export": "export_file"}  # pictogram of each button (else its own name)
WIDEST = 1.4  # a button may be this much wider than tall, for its word

__all__ = ["BinDialog", "GalleryView", "NameDialog", "announce"]


class GalleryView(Retranslating, QWidget):
    """The learner's projects. Emits ``open_requested`` with the file to open."""

    open_requested = Signal(Path)
    lessons_requested = Signal()
    settings_requested = Signal()
    help_requested = Signal()
    who_requested = Signal()  # "Change who is drawing" (a shared computer's learners)
    teacher_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None,
                 lesson_badge: Badges | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gallery")
        self.library = library
        self.dialog: QDialog | None = None  # the dialog open now (tests answer it)
        self.bin_dialog: BinDialog | None = None
        # a lesson's film shows its lesson (the main window knows the lessons)
        self.lesson_badge = lesson_badge
        self.heading, self.empty_label, self.status = QLabel(self), QLabel(self), QLabel(self)
        for label, name in ((self.heading, "gallery_heading"), (self.empty_label, "gallery_empty"),
                            (self.status, "gallery_status")):
            label.setObjectName(name)
            label.setWordWrap(True)
        self.list = ProjectGrid("gallery_projects", self)
        self.list.key_action.connect(self.run)
        self.list.itemDoubleClicked.connect(lambda _item: self.run("open"))
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.buttons = {name: picture_button(f"gallery_{name}", PICTURES.get(name, name), self,
                                             on_click=partial(self.run, name))
                        for name in KEYS}
        for name in ("lessons", "new", "duplicate", "bin", "import", "export", "settings", "help"):
            shortcut = QShortcut(QKeySequence(KEYS[name]), self, partial(self.run, name))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # picture buttons in rows that fit the window (fit_bar): nothing scrolls or is cut
        self.bar = QWidget(self)
        self.bar.setObjectName("galleryButtons")
        self.bar_grid = QGridLayout(self.bar)
        self.bar_grid.setContentsMargins(0, 0, 0, 0)
        self.bar_grid.setSpacing(4)
        self.bar_grid.setAlignment(Qt.AlignmentFlag.AlignLeft)
        # a shared computer's learners: who is drawing, and teacher mode (hidden at home)
        self.who = button("gallery_who", self, on_click=self.who_requested.emit)
        self.teacher = button("gallery_teacher", self, on_click=self.teacher_requested.emit)
        self.teacher.setStyleSheet("QPushButton { font-weight: normal; }")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.who)
        top.addWidget(self.teacher)
        self.set_learner(None)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def set_learner(self, name: str | None, picture: QIcon | None = None) -> None:
        """Whose projects these are (None: Kadr at home without learners)."""
        self.learner_name = name
        self.who.setVisible(name is not None)
        self.teacher.setVisible(name is not None)
        if picture is not None:
            self.who.setIcon(picture)
            self.who.setIconSize(QSize(40, 40))
        self._describe_learner()

    def _describe_learner(self) -> None:
        label_button(self.who, tr("Change who is drawing"),
                     tr("Go back to the pictures of all learners") if not self.learner_name
                     else tr("{name} is drawing now. Choose another learner.",
                             name=self.learner_name))
        label_button(self.teacher, tr("Teacher"),
                     tr("For teachers: learners, settings, locks and work. Needs the PIN."))

    def retranslate(self) -> None:
        self.heading.setText(tr("My projects"))
        self._describe_learner()
        self.empty_label.setText(tr("You have no projects yet. Press New to make one."))
        describe(self.list, tr("My projects"), tr(
            "Use the arrow keys to choose a project and Enter to open it. "
            "Delete puts it in the bin, F2 renames it."))
        texts = {
            "lessons": (tr("Lessons"), tr("Learn to animate, step by step")),
            "new": (tr("New"), tr("Make a new project")),
            "open": (tr("Open"), tr("Open the chosen project")),
            "duplicate": (tr("Duplicate"), tr("Make a copy of the chosen project")),
            "rename": (tr("Rename"), tr("Give the chosen project a new name")),
            "delete": (tr("Delete"), tr("Put the chosen project in the bin. "
                                        "You can get it back from the bin.")),
            "bin": (tr("Bin"), tr("See deleted projects and get them back")),
            "import": (tr("Import project file"),
                       tr("Add a project file (.kadr) from another place, like a USB stick")),
            "export": (tr("Export project file"), tr(
                "Save a copy of the chosen project as a file (.kadr) in the Kadr folder, "
                "in your Pictures folder")),
            "settings": (tr("Settings"), tr("Language, size, colours and speech")),
            "help": (tr("Help"), tr("All the keys, and how to use Kadr")),
        }
        for name, (text, description) in texts.items():
            label_button(self.buttons[name], text, description, KEYS[name])
        self.fit_bar()
        self.refresh()

    def fit_bar(self) -> None:
        """Picture buttons with their words, in one row or two: whichever gives bigger
        buttons, within a sixth of the window's height each; up to WIDEST times as wide
        as tall where the row has room."""
        from kadr.ui.studio_fit import BUTTON, WORDS_FROM, ui_scale
        from kadr.ui.tools_panel import fit_button

        scale = ui_scale()
        width = max(self.width() - 24, 400)
        count = len(self.buttons)
        cap = min(round(BUTTON * 1.25 * scale), max(MIN_TARGET, self.height() // 6))
        best = (0, 1)
        for rows in (1, 2):
            per_row = (count + rows - 1) // rows
            side = min(cap, width // per_row - self.bar_grid.spacing())
            if side > best[0] + 8:  # a second row only for clearly bigger buttons
                best = (side, per_row)
        side, per_row = max(MIN_TARGET, best[0]), best[1]
        # the row's spare width goes to the words ("Переименовать" was shrunk to ~9 px)
        wide = max(side, min(round(side * WIDEST), width // per_row - self.bar_grid.spacing()))
        while self.bar_grid.count():
            self.bar_grid.takeAt(0)
        for i, b in enumerate(self.buttons.values()):
            fit_button(b, side, side >= WORDS_FROM, wide)
            self.bar_grid.addWidget(b, i // per_row, i % per_row)
        rows = (count + per_row - 1) // per_row
        self.bar.setFixedHeight(rows * side + (rows - 1) * self.bar_grid.spacing())
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the list takes the rest now, not after a repaint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_bar()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, self.fit_bar)
        super().changeEvent(event)

    def say(self, text: str, assertive: bool = False) -> None:
        """Show the result in the status line and announce it without moving focus."""
        self.status.setText(text)
        announce(self, text, assertive)

    def refresh(self, select: Path | None = None) -> None:
        """Read the library again, keeping (or moving) the selection."""
        entry = self.current_entry()
        try:
            entries = self.library.projects()
        except PROBLEMS as error:
            entries = []
            self.show_problem(str(error))
        self.list.fill(entries, select or (entry.path if entry else None), self.lesson_badge)
        self.empty_label.setVisible(not entries)
        self._enable()
        self._listed_at = time.monotonic()

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        # a teacher may have changed the folder meanwhile; not again right after the
        # first listing (reading every film twice doubled the time to show the gallery)
        if time.monotonic() - getattr(self, "_listed_at", 0.0) > 1.0:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
        # keyboard users start somewhere useful: the projects, or "New" when there are none
        start = self.list if self.list.count() else self.buttons["new"]
        enter_screen(tr("My projects"), start)  # the screen named (the list says it itself)

    def current_entry(self) -> ProjectEntry | None:
        item = self.list.currentItem()
        try:
            return self.library.entry(Path(item.data(PATH_ROLE))) if item else None
        except OSError:  # gone meanwhile
            return None

    def _enable(self) -> None:
        for name in ("open", "duplicate", "rename", "delete", "export"):
            self.buttons[name].setEnabled(self.list.currentItem() is not None)

    def run(self, action: str) -> None:
        """Do what a button or key asks, on the chosen project."""
        entry = self.current_entry()
        signals = {"lessons": self.lessons_requested, "settings": self.settings_requested,
                   "help": self.help_requested}
        if action in signals:
            signals[action].emit()
        elif action in ("new", "bin", "import"):
            {"new": self.ask_new, "bin": self.show_bin, "import": self.ask_import}[action]()
        elif entry is None:
            return
        elif action == "delete":  # a broken file may go to the bin too, unchanged
            self.ask_delete(entry)
        elif entry.broken:
            self.show_problem(entry.broken)
        elif action == "open":
            self.open_requested.emit(entry.path)
        elif action == "duplicate":
            self.duplicate_entry(entry)
        elif action == "rename":
            self.ask_rename(entry)
        elif action == "export":
            self.ask_export(entry)

    # -- dialogs: they open without blocking and call the plain methods below ------------
    def _show(self, dialog: QDialog, on_accept: Callable[[], object] | None = None) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._forget(dialog))
        if on_accept is not None:
            dialog.accepted.connect(on_accept)
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:  # deleted on close
            self.dialog = self.bin_dialog if self.bin_dialog and self.bin_dialog.isVisible() \
                else None

    def ask_new(self) -> None:
        dialog = NameDialog(self, tr("My animation"))
        self._show(dialog, lambda: self.create_project(*dialog.values()))

    def ask_rename(self, entry: ProjectEntry) -> None:
        dialog = NameDialog(self, entry.title, sizes=False)
        self._show(dialog, lambda: self.rename_entry(entry, dialog.values()[0]))

    def ask_delete(self, entry: ProjectEntry) -> None:
        self._question(tr("Put “{title}” in the bin? You can get it back from the bin.",
                          title=entry.title), tr("Put in the bin"), tr("Keep it"),
                       lambda: self.delete_entry(entry))

    def confirm_empty_bin(self) -> None:
        self._question(tr("Delete everything in the bin for ever? This cannot be undone."),
                       tr("Empty the bin"), tr("Keep them"), self.empty_bin)

    def _question(self, text: str, yes: str, no: str, on_yes: Callable[[], object]) -> None:
        """Ask inside Kadr: a green tick ``yes`` and a red cross ``no``, "no" first."""
        box = ConfirmDialog(self._over(), text, yes, no, name="galleryMessage")
        self._show(box, on_yes)

    def show_problem(self, text: str) -> None:
        """A plain message inside Kadr, read out at once."""
        box = notice(self._over(), text, tr("OK"), name="galleryMessage", ok_name="problem_ok")
        box.announce_on_show = False  # said right here, at once
        self.say(text, assertive=True)
        self._show(box)

    def _over(self) -> QWidget:
        # over the bin when it is open, so the answer is not hidden behind it
        return self.bin_dialog if self.bin_dialog and self.bin_dialog.isVisible() else self

    def show_bin(self) -> None:
        if self.bin_dialog is None:
            self.bin_dialog = BinDialog(self)
            self.bin_dialog.finished.connect(lambda _r: self.refresh())
        self.bin_dialog.refresh()
        self.dialog = self.bin_dialog
        self.bin_dialog.open()

    def ask_import(self) -> None:
        """For teachers: a project file from anywhere (a USB stick), by the system's dialog."""
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Import project file"), str(Path.home()),
            tr("Kadr and Pencil2D projects (*.kadr *.pclx)"))
        if name:
            self.import_path(Path(name))

    def ask_export(self, entry: ProjectEntry) -> Path | None:
        """Save a copy into the Kadr folder in Pictures (no system save box), never over
        another file, then say where it is and offer "Show me"."""
        folder = places.kadr_folder()
        try:
            places.make_folder(folder)
        except OSError:
            self.show_problem(tr("Kadr cannot make the folder {folder}. Ask a teacher to "
                                 "choose another folder.", folder=str(folder)))
            return None
        stem = places.free_stem(folder, entry.path.stem, (".kadr", ".kadr-wal", ".kadr-shm"))
        path = self.export_path(entry, folder / f"{stem}.kadr", tell=False)
        if path is not None:
            self.show_saved(path)
        return path

    def show_saved(self, path: Path) -> ConfirmDialog:
        """Where the copy is, in words, with "Show me" (opens the folder) and "OK"."""
        text = self.saved_words(path)
        self.status.setText(text)
        box = notice(self._over(), text, tr("OK"), name="galleryMessage", ok_name="saved_ok")
        box.add_answer("gallery_show_me", tr("Show me"), tr("Open the folder with the file"),
                       "show_me", lambda: places.show_folder(path.parent))
        self._show(box)
        return box

    @staticmethod
    def saved_words(path: Path) -> str:
        return tr("A copy was saved as {name}. It is {where}.", name=path.name,
                  where=places.where_words(path.parent))

    # -- actions on plain values (the dialogs end here; tests and scripts call them) -------
    def _act(self, job: Callable[[], Path], done: str) -> Path | None:
        """Run a library job; on success refresh and say ``done`` ({title}, {name})."""
        try:
            path = job()
        except PROBLEMS as error:
            self.show_problem(str(error))
            return None
        in_library = path.parent == self.library.root
        self.refresh(path if in_library else None)
        title = self.library.entry(path).title if in_library else path.stem
        self.say(done.format(title=title, name=path.name))
        return path

    def create_project(self, title: str, width: int = 1280, height: int = 720) -> Path | None:
        """Make a project and ask to open it at once: a new project is for drawing."""
        path = self._act(lambda: self.library.create(title, width, height),
                         tr("New project made: {title}."))
        if path is not None:
            self.open_requested.emit(path)
        return path

    def duplicate_entry(self, entry: ProjectEntry) -> Path | None:
        return self._act(lambda: self.library.duplicate(entry.path), tr("Copy made: {title}."))

    def rename_entry(self, entry: ProjectEntry, title: str) -> Path | None:
        return self._act(lambda: self.library.rename(entry.path, title),
                         tr("Project renamed: {title}."))

    def delete_entry(self, entry: ProjectEntry) -> Path | None:
        path = self._act(lambda: self.library.delete(entry.path),
                         tr("Project deleted. You can get it back from the bin."))
        self.list.setFocus()
        return path

    def restore_path(self, bin_path: Path) -> Path | None:
        return self._act(lambda: self.library.restore(bin_path),
                         tr("{title} is back with your projects."))

    def empty_bin(self) -> None:
        try:
            count = self.library.empty_bin()
        except PROBLEMS as error:
            self.show_problem(str(error))
            return
        if self.bin_dialog is not None:
            self.bin_dialog.refresh()
        self.say(tr("The bin is empty now.") if count else tr("The bin was already empty."))

    def import_path(self, path: Path) -> Path | None:
        if path.suffix.lower() == ".pclx":
            return self._act(lambda: self._import_pencil2d(path), tr("Project added: {title}."))
        return self._act(lambda: self.library.import_file(path), tr("Project added: {title}."))

    def _import_pencil2d(self, path: Path) -> Path:
        """A Pencil2D project becomes a new Kadr project; what cannot come along is said."""
        from kadr.core.store import save_copy
        from kadr.export import import_pclx

        imported = import_pclx(path)
        imported.project.title = imported.project.title or path.stem
        dest = self.library.free_path(safe_stem(imported.project.title))
        save_copy(imported.project, dest)
        for note in imported.notes:
            self.say(note)
        return dest

    def export_path(self, entry: ProjectEntry, dest: Path, tell: bool = True) -> Path | None:
        path = self._act(lambda: self.library.export_file(entry.path, dest), "")
        if path is not None and tell:
            self.say(self.saved_words(path))
        return path

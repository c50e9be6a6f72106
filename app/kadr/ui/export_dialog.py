"""Share a film: GIF, video, pictures, sprite sheet or Pencil2D. Runs in the background
with a progress bar and Cancel; warns kindly about fast flashing; says when it is done.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kadr.core.library import safe_stem
from kadr.core.project import Project
from kadr.export import ExportJob, ExportOptions, FlashResult, check_project, start_export
from kadr.i18n import tr
from kadr.ui import places
from kadr.ui.a11y import announce, big_enough, button, describe, label_button
from kadr.ui.confirm import give_picture
from kadr.ui.flash_watch import kind_warning
from kadr.ui.layout import make_scrollable
from kadr.ui.wrapping import WrappedLabel

FORMATS = ("gif", "mp4", "png", "json", "pclx")
CLASSROOM_NAMES = {"json": "sheet"}  # the classroom file's name for a format
# what each choice makes beside the film's name: PNG frames are a folder of that name, a
# sprite sheet is a picture and its .json
OUTPUTS = {"gif": (".gif",), "mp4": (".mp4",), "png": ("",), "json": (".png", ".json"),
           "pclx": (".pclx",)}


def format_words() -> dict[str, tuple[str, str]]:
    return {
        "gif": (tr("Moving picture (GIF)"), tr("Plays by itself in messages and web pages")),
        "mp4": (tr("Video (MP4)"), tr("Plays on phones, tablets and computers")),
        "png": (tr("Pictures (PNG)"), tr("One picture file for every frame")),
        "json": (tr("Sprite sheet"), tr("All pictures on one sheet, for games")),
        "pclx": (tr("Pencil2D project"), tr("Keep working in Pencil2D")),
    }


class ExportDialog(QDialog):
    said = Signal(str)
    exported = Signal(str)  # the path made

    def __init__(self, project: Project, source: Path | None, parent: QWidget | None = None,
                 flash: FlashResult | None = None, allowed: Collection[str] | None = None,
                 folder: Path | None = None) -> None:
        """``allowed``: the classroom file's exports (None: every one; "sheet" is the
        sprite sheet); ``folder``: the classroom file's export folder (None: Pictures/Kadr)."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Share your film"))
        self.project, self.source = project, source
        self.job: ExportJob | None = None
        self.last_path: Path | None = None
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for i, (fmt, (text, desc)) in enumerate(format_words().items()):
            radio = QRadioButton(text, self)
            radio.setObjectName(f"format_{fmt}")
            big_enough(radio)
            describe(radio, text, desc)
            self.group.addButton(radio, i)
            self.radios[fmt] = radio
            layout.addWidget(radio)
        # the classroom file's choice: the other formats are not offered at all
        self.offered = [fmt for fmt in FORMATS
                        if allowed is None or CLASSROOM_NAMES.get(fmt, fmt) in allowed]
        for fmt, radio in self.radios.items():
            radio.setVisible(fmt in self.offered)
        if self.offered:
            self.radios[self.offered[0]].setChecked(True)
        self.size_label = QLabel(tr("Size:"), self)
        self.size_choice = QComboBox(self)
        self.size_choice.setObjectName("export_size")
        big_enough(self.size_choice)
        for text, value in ((tr("Half size"), 0.5), (tr("Same size"), 1.0),
                            (tr("Twice as big"), 2.0)):
            self.size_choice.addItem(text, value)
        self.size_choice.setCurrentIndex(1)
        describe(self.size_choice, tr("Size"), tr("Make the pictures smaller or bigger"))
        self.size_label.setBuddy(self.size_choice)
        layout.addWidget(self.size_label)
        layout.addWidget(self.size_choice)
        self.once = QCheckBox(tr("Play only once (GIF)"), self)
        self.once.setObjectName("export_once")
        self.transparent = QCheckBox(tr("See-through background"), self)
        self.transparent.setObjectName("export_transparent")
        for box, desc in ((self.once, tr("The GIF stops at the end instead of repeating")),
                          (self.transparent, tr("Leave out the paper, for GIF and pictures"))):
            big_enough(box)
            describe(box, box.text(), desc)
            layout.addWidget(box)
        # wrapped: at 200 % on a narrow screen one line was wider than the window
        self.description_label = WrappedLabel(self)
        self.description_label.setObjectName("export_description_label")
        self.description_label.setText(tr("What happens in your film? (you can leave this empty)"))
        self.description = QLineEdit(self)
        self.description.setObjectName("export_description")
        big_enough(self.description)
        describe(self.description, tr("What happens in your film"),
                 tr("Words that tell people who cannot see the film what happens in it"))
        self.description_label.setBuddy(self.description)
        layout.addWidget(self.description_label)
        layout.addWidget(self.description)
        self.flash = WrappedLabel(self)
        self.flash.setObjectName("saveWarning")
        self.flash.hide()
        self.safer = button("export_safe_speed", self, on_click=self.use_safe_speed)
        label_button(self.safer, tr("Use a safe speed"), tr("Play the film slower so it flashes less"))
        self.safer.hide()
        # a flashing film's warning comes first: read before anything else, in sight
        # before the scrolling options
        layout.insertWidget(0, self.flash)
        layout.insertWidget(1, self.safer)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("export_progress")
        describe(self.progress, tr("Progress"), tr("How much of the film is ready"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = WrappedLabel(self)
        self.status.setObjectName("export_status")
        layout.addWidget(self.status)
        # where the file goes: a known folder, no system save box for a child
        self.folder = Path(folder) if folder is not None else places.kadr_folder()
        self.fixed_folder = folder is not None  # set in the classroom file
        self.where = WrappedLabel(self)
        self.where.setObjectName("export_where")
        layout.addWidget(self.where)
        self.save = button("export_save", self, on_click=self.save_here)
        give_picture(self.save, "yes")
        label_button(self.save, tr("Save"),
                     tr("Make the file in the Kadr folder, in your Pictures folder"), "Return")
        self.save.setDefault(True)  # Return saves from any choice, as Save's words say
        self.show_me = button("export_show_me", self, on_click=self.show_folder)
        give_picture(self.show_me, "show_me")
        label_button(self.show_me, tr("Show me"), tr("Open the folder with your film"))
        self.show_me.hide()
        self.cancel = button("export_cancel", self, on_click=self.cancel_or_close)
        self._cancel_closes()
        layout.addWidget(self.save)
        layout.addWidget(self.show_me)
        layout.addWidget(self.cancel)
        # for teachers: another folder, through the system's folder chooser (kept apart)
        teachers = QHBoxLayout()
        self.teachers_label = QLabel(tr("For teachers:"), self)
        self.teachers_label.setObjectName("export_teachers")
        self.choose_folder = button("export_choose_folder", self, on_click=self.ask_folder)
        label_button(self.choose_folder, tr("Choose folder…"),
                     tr("For teachers: save into another folder"))
        self.choose_folder.setStyleSheet("QPushButton { font-weight: normal; }")
        self.teachers_label.setBuddy(self.choose_folder)
        teachers.addWidget(self.teachers_label)
        teachers.addWidget(self.choose_folder)
        teachers.addStretch(1)
        layout.addLayout(teachers)
        if self.fixed_folder:  # the classroom file says where work goes
            self.teachers_label.hide()
            self.choose_folder.hide()
            describe(self.save, tr("Save"), tr("Make the file {where}",
                                               where=places.where_words(self.folder)), "Return")
        if not self.offered:
            self.save.setEnabled(False)
            self.status.setText(tr("Your teacher has turned sharing off on this computer."))
        self.group.idToggled.connect(lambda _id, on: self.show_where() if on else None)
        self.description.textChanged.connect(lambda _text: self.show_where())
        self.show_where()
        self.check_flashing(flash)
        self.body_scroll = make_scrollable(self, "exportScroll", below=(
            self.progress, self.status, self.save, self.show_me, self.cancel))
        if self.offered:  # the choice first, even when the warning's button comes before it
            self.radios[self.offered[0]].setFocus()

    # -- flash safety ------------------------------------------------------------------
    def check_flashing(self, known: FlashResult | None = None) -> None:
        """Warn before exporting (a result checked in the background is reused)."""
        result = known or check_project(self.project)
        if not result.safe:
            self.flash.setText(kind_warning(result))
            self.flash.show()
            self.safer.show()
            self.safe_fps = result.safe_fps
            announce(self, self.flash.text())
        else:
            self.flash.hide()
            self.safer.hide()

    def use_safe_speed(self) -> None:
        self.project.set_fps(self.safe_fps)
        self.say(tr("Speed: {fps} pictures a second", fps=self.safe_fps))
        self.check_flashing()

    # -- exporting ---------------------------------------------------------------------
    def chosen_format(self) -> str:
        if self.group.checkedId() < 0:
            return self.offered[0] if self.offered else "gif"
        return FORMATS[self.group.checkedId()]

    def options(self) -> ExportOptions:
        fmt = self.chosen_format()
        return ExportOptions(format="sheet" if fmt == "json" else fmt,
                             scale=float(self.size_choice.currentData()),
                             loop=1 if self.once.isChecked() else 0,
                             transparent=self.transparent.isChecked() and fmt in ("gif", "png"),
                             description=self.description.text().strip())

    # -- where the file goes -----------------------------------------------------------
    def film_stem(self) -> str:
        return safe_stem(self.project.title or (self.source.stem if self.source else ""))

    def default_path(self) -> Path:
        """The file Save makes now: the folder, the film's name, never over another file."""
        fmt = self.chosen_format()
        ends = OUTPUTS[fmt] + ((".txt",) if self.description.text().strip() else ())
        stem = places.free_stem(self.folder, self.film_stem(), ends)
        return self.folder / f"{stem}.{fmt}"

    def file_name(self, path: Path) -> str:
        """What the learner finds: the folder for PNG frames, the picture for a sheet."""
        fmt = self.chosen_format()
        if fmt == "png":
            return path.stem
        return f"{path.stem}.png" if fmt == "json" else path.name

    def show_where(self) -> None:
        self.where.setText(tr("It will be saved {where}, as {name}.",
                              where=places.where_words(self.folder),
                              name=self.file_name(self.default_path())))
        self.where.setAccessibleName(self.where.text())

    def save_here(self) -> ExportJob | None:
        """Save into the known folder (made if missing) with the film's name."""
        try:
            places.make_folder(self.folder)
        except OSError:
            self.say(tr("Kadr cannot make the folder {folder}. Ask a teacher to choose "
                        "another folder.", folder=str(self.folder)), assertive=True)
            return None
        return self.export_to(self.default_path())

    def ask_folder(self) -> None:
        """For teachers: the system's folder chooser."""
        name = QFileDialog.getExistingDirectory(self, tr("Choose folder…"), str(self.folder))
        if name:
            self.use_folder(Path(name))

    def use_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.show_where()
        describe(self.save, tr("Save"), tr("Make the file {where}",
                                           where=places.where_words(self.folder)), "Return")
        self.say(self.where.text())

    def show_folder(self) -> None:
        """Open the folder with the film and say where it is."""
        folder = self.last_path.parent if self.last_path is not None else self.folder
        self.say(tr("Your film is {where}.", where=places.where_words(folder)))
        places.show_folder(folder)

    def export_to(self, path: Path) -> ExportJob:
        """Start making the file at ``path`` in the background."""
        fmt = self.chosen_format()
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self.last_path = path
        self.progress.setValue(0)
        self.progress.show()
        self.save.setEnabled(False)
        label_button(self.cancel, tr("Cancel"), tr("Stop making the file"), "Esc")
        give_picture(self.cancel, "stop")
        self.cancel.setFocus()  # Save is off now: the one thing to do is to stop it
        self.say(tr("Making your film…"))
        self.job = start_export(self.project, path, self.options(), on_progress=self._progress,
                                on_finished=self._finished, on_failed=self._failed,
                                on_cancelled=self._cancelled)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        left = self.job.steps.seconds_left() if self.job is not None else None
        if left is None:  # no pace to trust yet: the percentage alone
            self.progress.setFormat("%p %")
            return
        words = tr("About {n} seconds left", n=max(1, round(left))) if left < 90 else \
            tr("About {n} minutes left", n=round(left / 60))
        self.progress.setFormat(f"%p % · {words}")
        self.progress.setAccessibleDescription(words)

    def _ended(self) -> None:
        self.job = None
        self.save.setEnabled(True)
        self.progress.hide()
        self._cancel_closes()

    def _cancel_closes(self) -> None:
        """No file is being made: the last button closes the window (it stops one)."""
        label_button(self.cancel, tr("Close"), tr("Close this window"), "Esc")
        give_picture(self.cancel, "back")

    def _finished(self, path: str) -> None:
        self._ended()
        made = Path(path)
        self.last_path = made
        self.show_me.show()
        self.show_where()
        # focus goes to what comes next, seeing the film (not Cancel, now Close), and the
        # screen reader reads the news with it, once
        self.say(tr("Your film is ready: {name}. It is {where}.", name=made.name,
                    where=places.where_words(made.parent)), focus=self.show_me)
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self._ended()
        self.say(message, assertive=True)

    def _cancelled(self) -> None:
        self._ended()
        self.say(tr("Stopped. No file was made."))

    def say(self, text: str, assertive: bool = False, focus: QWidget | None = None) -> None:
        self.status.setText(text)
        announce(self, text, assertive, focus=focus)
        self.said.emit(text)

    def cancel_or_close(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.accept()

    def reject(self) -> None:  # Esc: stop a running export first, then close
        if self.job is not None:
            self.job.cancel()
            self.job.wait(10)
        super().reject()

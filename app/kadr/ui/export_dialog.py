"""Share a film: GIF, video, pictures, sprite sheet or Pencil2D. Runs in the background
with a progress bar and Cancel; warns kindly about fast flashing; says when it is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kadr.core.project import Project
from kadr.export import ExportJob, ExportOptions, FlashResult, check_project, start_export
from kadr.i18n import tr
from kadr.ui.a11y import announce, big_enough, button, describe, label_button
from kadr.ui.flash_watch import kind_warning
from kadr.ui.layout import make_scrollable

FORMATS = ("gif", "mp4", "png", "json", "pclx")


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
                 flash: FlashResult | None = None) -> None:
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
        self.radios["gif"].setChecked(True)
        self.size_label = QLabel(tr("Size:"), self)
        self.size = QComboBox(self)
        self.size.setObjectName("export_size")
        big_enough(self.size)
        for text, value in ((tr("Half size"), 0.5), (tr("Same size"), 1.0),
                            (tr("Twice as big"), 2.0)):
            self.size.addItem(text, value)
        self.size.setCurrentIndex(1)
        describe(self.size, tr("Size"), tr("Make the pictures smaller or bigger"))
        self.size_label.setBuddy(self.size)
        layout.addWidget(self.size_label)
        layout.addWidget(self.size)
        self.once = QCheckBox(tr("Play only once (GIF)"), self)
        self.once.setObjectName("export_once")
        self.transparent = QCheckBox(tr("See-through background"), self)
        self.transparent.setObjectName("export_transparent")
        for box, desc in ((self.once, tr("The GIF stops at the end instead of repeating")),
                          (self.transparent, tr("Leave out the paper, for GIF and pictures"))):
            big_enough(box)
            describe(box, box.text(), desc)
            layout.addWidget(box)
        self.description_label = QLabel(tr("What happens in your film? (you can leave this empty)"),
                                        self)
        self.description = QLineEdit(self)
        self.description.setObjectName("export_description")
        big_enough(self.description)
        describe(self.description, tr("What happens in your film"),
                 tr("Words that tell people who cannot see the film what happens in it"))
        self.description_label.setBuddy(self.description)
        layout.addWidget(self.description_label)
        layout.addWidget(self.description)
        self.flash = QLabel(self)
        self.flash.setObjectName("saveWarning")
        self.flash.setWordWrap(True)
        self.flash.hide()
        self.safer = button("export_safe_speed", self, on_click=self.use_safe_speed)
        label_button(self.safer, tr("Use a safe speed"), tr("Play the film slower so it flashes less"))
        self.safer.hide()
        layout.addWidget(self.flash)
        layout.addWidget(self.safer)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("export_progress")
        describe(self.progress, tr("Progress"), tr("How much of the film is ready"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.save = button("export_save", self, on_click=self.choose_and_export)
        label_button(self.save, tr("Save…"), tr("Choose where to put the file and make it"), "Return")
        self.cancel = button("export_cancel", self, on_click=self.cancel_or_close)
        label_button(self.cancel, tr("Close"), tr("Close this window"), "Esc")
        layout.addWidget(self.save)
        layout.addWidget(self.cancel)
        self.check_flashing(flash)
        self.body_scroll = make_scrollable(self, "exportScroll")

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
        return FORMATS[self.group.checkedId()]

    def options(self) -> ExportOptions:
        fmt = self.chosen_format()
        return ExportOptions(format=fmt, scale=float(self.size.currentData()),
                             loop=1 if self.once.isChecked() else 0,
                             transparent=self.transparent.isChecked() and fmt in ("gif", "png"),
                             description=self.description.text().strip())

    def default_path(self) -> Path:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        stem = self.project.title or (self.source.stem if self.source else "film")
        return Path(base or Path.home()) / f"{stem}.{self.chosen_format()}"

    def choose_and_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Share your film"), str(self.default_path()))
        if name:
            self.export_to(Path(name))

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
        self.say(tr("Making your film…"))
        self.job = start_export(self.project, path, self.options(), on_progress=self._progress,
                                on_finished=self._finished, on_failed=self._failed,
                                on_cancelled=self._cancelled)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _ended(self) -> None:
        self.job = None
        self.save.setEnabled(True)
        self.progress.hide()
        label_button(self.cancel, tr("Close"), tr("Close this window"), "Esc")

    def _finished(self, path: str) -> None:
        self._ended()
        self.say(tr("Your film is ready: {name}", name=Path(path).name))
        self.exported.emit(path)

    def _failed(self, message: str) -> None:
        self._ended()
        self.say(message, assertive=True)

    def _cancelled(self) -> None:
        self._ended()
        self.say(tr("Stopped. No file was made."))

    def say(self, text: str, assertive: bool = False) -> None:
        self.status.setText(text)
        announce(self, text, assertive)
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

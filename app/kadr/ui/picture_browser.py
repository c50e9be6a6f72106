"""Choose a picture from thumbnails, inside Kadr: the pictures in the user's Pictures folder
(and its folders one level down) and any example pictures that come with Kadr.

No system file dialog for a child: a grid of big thumbnails, named for screen readers,
arrow keys to move, Enter to use one. A picture that is too big or cannot be read shows a
plain note in place of its thumbnail and is never opened in full. Teachers can still pick
any file through the system's file dialog, behind "Choose another file…".
Thumbnails are read a few at a time after the window shows, so it opens at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kadr.core.importing import MAX_PIXELS
from kadr.i18n import tr
from kadr.ui import places
from kadr.ui.a11y import announce, button, describe, label_button
from kadr.ui.confirm import NO_COLOUR, YES_COLOUR, big_answer, fit_row, ui_scale
from kadr.ui.icons import as_drawn
from kadr.ui.layout import ScrollingList
from kadr.ui.wrapping import WrappedLabel

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")
EXAMPLES = Path(__file__).resolve().parents[1] / "assets" / "pictures"  # if Kadr has some
THUMB = QSize(160, 120)
MAX_FILES = 300  # the newest; a Pictures folder with thousands stays quick
MAX_BYTES = 80 * 1024 * 1024  # a bigger file is not even opened
PER_TICK = 3  # thumbnails read between two looks at the keyboard and mouse
PATH_ROLE = Qt.ItemDataRole.UserRole
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


def picture_folders() -> list[Path]:
    """Where pictures are looked for: the user's Pictures folder, then Kadr's examples."""
    folders = [places.pictures_folder()]
    if EXAMPLES.is_dir():
        folders.append(EXAMPLES)
    return folders


def find_pictures(folders: Iterable[Path], suffixes: Iterable[str] = PICTURE_SUFFIXES,
                  limit: int = MAX_FILES) -> list[Path]:
    """Picture files in ``folders`` and their folders one level down (hidden ones left
    out), the newest first within each folder; at most ``limit``."""
    wanted = tuple(s.lower() for s in suffixes)
    out: list[Path] = []
    for folder in folders:
        found: list[tuple[float, Path]] = []
        for place in _with_subfolders(Path(folder)):
            try:
                with os.scandir(place) as entries:
                    for entry in entries:
                        if entry.name.startswith(".") or not entry.name.lower().endswith(wanted):
                            continue
                        try:
                            if entry.is_file():
                                found.append((entry.stat().st_mtime, Path(entry.path)))
                        except OSError:
                            continue
            except OSError:
                continue
        found.sort(key=lambda pair: (-pair[0], pair[1].name.casefold()))
        out += [path for _time, path in found]
    return out[:limit]


def _with_subfolders(folder: Path) -> list[Path]:
    places_ = [folder]
    try:
        with os.scandir(folder) as entries:
            places_ += sorted(Path(e.path) for e in entries
                              if not e.name.startswith(".") and e.is_dir(follow_symlinks=False))
    except OSError:
        pass
    return places_


def too_big_note() -> str:
    return tr("This picture is too big. Please use a smaller picture.")


def unreadable_note() -> str:
    return tr("Kadr cannot read this file.")


def read_thumbnail(path: Path, size: QSize = THUMB) -> tuple[QImage | None, str]:
    """A small picture of ``path`` and "" , or None and a plain note saying why not.
    Never decodes a picture bigger than Kadr can use; never raises."""
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            return None, too_big_note()
    except OSError:
        return None, unreadable_note()
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if reader.canRead():
        full = reader.size()
        if full.isValid() and full.width() * full.height() > MAX_PIXELS:
            return None, too_big_note()
        if full.isValid() and not full.isEmpty():
            reader.setScaledSize(full.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
                                 .expandedTo(QSize(1, 1)))
        image = reader.read()
        if not image.isNull():
            if image.width() > size.width() or image.height() > size.height():
                image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            return image, ""
    return _pillow_thumbnail(Path(path), size)


def _pillow_thumbnail(path: Path, size: QSize) -> tuple[QImage | None, str]:
    """Pillow reads what Qt could not (as import_background does), with the same limit."""
    try:
        from PIL import Image

        with Image.open(path) as source:
            if source.width * source.height > MAX_PIXELS:
                return None, too_big_note()
            source.draft("RGB", (size.width(), size.height()))
            source.thumbnail((size.width(), size.height()))
            rgba = source.convert("RGBA")
            data = rgba.tobytes("raw", "RGBA")
            image = QImage(data, rgba.width, rgba.height, rgba.width * 4,
                           QImage.Format.Format_RGBA8888).copy()
            return image, ""
    except Exception:  # any broken file: a note, never a crash
        return None, unreadable_note()


def paper_icon(size: QSize = THUMB, crossed: bool = False) -> QPixmap:
    """A blank sheet (while loading), crossed out when the picture cannot be used."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    rect = pixmap.rect().adjusted(1, 1, -2, -2)
    painter.setPen(QPen(QColor("#6b6b6b"), 3))
    painter.drawRect(rect)
    if crossed:  # a shape as well as the words: never colour alone
        painter.drawLine(rect.topLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomLeft())
    painter.end()
    return pixmap


def framed(image: QImage, size: QSize = THUMB) -> QPixmap:
    """``image`` centred on a white card of ``size`` with a thin edge."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    x, y = (size.width() - image.width()) // 2, (size.height() - image.height()) // 2
    painter.drawImage(x, y, image)
    painter.setPen(QPen(QColor("#6b6b6b"), 1))
    painter.drawRect(QRect(0, 0, size.width() - 1, size.height() - 1))
    painter.end()
    return pixmap


class PictureGrid(ScrollingList):
    """Big thumbnails in rows; Enter uses the chosen one."""

    activated_by_key = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("picture_grid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setIconSize(THUMB)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fit_grid()

    def fit_grid(self) -> None:
        # the thumbnail and three lines of words (a long name, or a note, wraps)
        self.setGridSize(QSize(THUMB.width() + 32, THUMB.height() + 4 * self.fontMetrics().height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.activated_by_key.emit()
            return
        super().keyPressEvent(event)


class PictureBrowser(QDialog):
    """Thumbnails of the pictures found; ``chosen`` is the file picked, or None."""

    def __init__(self, parent: QWidget | None = None, *, title: str = "",
                 action: str = "", suffixes: Iterable[str] = PICTURE_SUFFIXES,
                 folders: Iterable[Path] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pictureBrowser")
        self.setModal(True)
        self.suffixes = tuple(suffixes)
        self.chosen: Path | None = None
        self.title = title or tr("Picture to trace")
        self.action = action or tr("Press Enter to put this picture under your drawing.")
        log = getattr(parent.window(), "announcement_log", None) if parent is not None else None
        if isinstance(log, list):
            self.announcement_log = log
        scale = ui_scale()
        self.heading = WrappedLabel(self)
        self.heading.setObjectName("picture_heading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.grid = PictureGrid(self)
        self.grid.activated_by_key.connect(self.use_current)
        self.grid.itemDoubleClicked.connect(lambda _item: self.use_current())
        self.grid.currentItemChanged.connect(lambda *_: self._enable())
        self.empty = WrappedLabel(self)
        self.empty.setObjectName("picture_empty")
        self.status = WrappedLabel(self)
        self.status.setObjectName("picture_status")
        self.use = big_answer(self, "picture_use", tr("Use this picture"), self.action,
                              "yes", YES_COLOUR)
        self.use.setAutoDefault(False)
        self.use.clicked.connect(self.use_current)
        self.cancel = big_answer(self, "picture_cancel", tr("Cancel"),
                                 tr("Go back without a picture"), "no", NO_COLOUR)
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        left = Qt.AlignmentFlag.AlignLeft
        answers = QHBoxLayout()
        answers.addWidget(self.use, 0, left)
        answers.addWidget(self.cancel, 0, left)
        answers.addStretch(1)  # (the spacer never grows upright when the row stacks)
        # for teachers: any file, through the system's file dialog (kept apart)
        teachers = QHBoxLayout()
        self.teachers_label = QLabel(tr("For teachers:"), self)
        self.teachers_label.setObjectName("picture_teachers")
        self.other = button("picture_other_file", self, on_click=self.ask_file)
        label_button(self.other, tr("Choose another file…"),
                     tr("For teachers: choose a picture file from any folder"))
        self.other.setStyleSheet("QPushButton { font-weight: normal; }")
        self.teachers_label.setBuddy(self.other)
        teachers.addWidget(self.teachers_label, 0, left)
        teachers.addWidget(self.other, 0, left)
        teachers.addStretch(1)
        layout = QVBoxLayout(self)
        margin = round(16 * scale)
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        layout.addLayout(answers)
        layout.addLayout(teachers)
        self.retranslate()
        fit_row(answers, self, margin)
        fit_row(teachers, self, margin)
        self.pending: list[QListWidgetItem] = []
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._load_some)
        self.fill(find_pictures(picture_folders() if folders is None else folders,
                                self.suffixes))
        columns = 4
        self.resize(max(self.sizeHint().width(),
                        columns * self.grid.gridSize().width() + 2 * margin + 40),
                    max(self.sizeHint().height(), round(620 * min(scale, 1.3))))
        self._fit_screen()

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(self.width(), screen.width()), min(self.height(), screen.height() - 40))

    def retranslate(self) -> None:
        self.setWindowTitle(self.title)
        self.heading.setText(tr("Choose a picture"))
        self.setAccessibleName(self.title)
        self.empty.setText(tr("There are no pictures in your Pictures folder yet."))
        describe(self.grid, tr("Pictures"), tr(
            "Use the arrow keys to choose a picture and Enter to use it."))

    # -- the grid ----------------------------------------------------------------------
    def fill(self, paths: list[Path]) -> None:
        self.grid.clear()
        self.pending = []
        for path in paths:
            item = QListWidgetItem(paper_icon(), path.stem, self.grid)
            item.setData(PATH_ROLE, str(path))
            item.setData(NOTE_ROLE, "")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("Picture: {name}", name=path.stem))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, self.action)
            item.setToolTip(path.name)
            self.pending.append(item)
        self.empty.setVisible(not paths)
        self.grid.setVisible(bool(paths))
        if paths:
            self.grid.setCurrentRow(0)
        self._enable()
        if self.pending:
            self._timer.start()

    def _load_some(self) -> None:
        for _ in range(PER_TICK):
            if not self.pending:
                self._timer.stop()
                return
            self.load_thumbnail(self.pending.pop(0))

    def load_all(self) -> None:
        """Read every thumbnail still to come, now."""
        while self.pending:
            self.load_thumbnail(self.pending.pop(0))
        self._timer.stop()

    def load_thumbnail(self, item: QListWidgetItem) -> None:
        path = Path(item.data(PATH_ROLE))
        image, note = read_thumbnail(path)
        if image is not None:
            item.setIcon(as_drawn(framed(image)))
            return
        short = tr("Too big") if note == too_big_note() else tr("Cannot be read")
        item.setIcon(paper_icon(crossed=True))
        item.setText(f"{path.stem}\n{short}")
        item.setData(NOTE_ROLE, note)
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     tr("Picture: {name}. {note}", name=path.stem, note=note))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, note)
        item.setToolTip(note)
        if item is self.grid.currentItem():
            self._enable()

    def note_of(self, item: QListWidgetItem) -> str:
        return str(item.data(NOTE_ROLE) or "")

    def _enable(self) -> None:
        item = self.grid.currentItem()
        self.use.setEnabled(item is not None and not self.note_of(item))

    # -- answers -----------------------------------------------------------------------
    def use_current(self) -> None:
        item = self.grid.currentItem()
        if item is None:
            return
        if item in self.pending:  # not looked at yet: look now
            self.pending.remove(item)
            self.load_thumbnail(item)
        note = self.note_of(item)
        if note:
            self.say(note, assertive=True)
            return
        self.chosen = Path(item.data(PATH_ROLE))
        self.accept()

    def ask_file(self) -> None:
        """For teachers: the system's file dialog."""
        pattern = " ".join(f"*{s}" for s in self.suffixes)
        name, _ = QFileDialog.getOpenFileName(self, self.title, str(places.pictures_folder()),
                                              tr("Pictures ({patterns})", patterns=pattern))
        if name:
            self.chosen = Path(name)
            self.accept()

    def say(self, text: str, assertive: bool = False) -> None:
        self.status.setText(text)
        announce(self, text, assertive)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        start = self.grid if self.grid.count() else self.cancel
        start.setFocus(Qt.FocusReason.OtherFocusReason)
        count = self.grid.count()
        announce(self, tr("Choose a picture") + " " + (
            tr("Pictures: {count}", count=count) if count else self.empty.text()))

    def reject(self) -> None:
        self._timer.stop()
        super().reject()

    def accept(self) -> None:
        self._timer.stop()
        super().accept()


def choose_picture(parent: QWidget | None, *, title: str = "", action: str = "",
                   suffixes: Iterable[str] = PICTURE_SUFFIXES) -> Path | None:
    """Show the browser and wait: the picture file chosen, or None."""
    dialog = PictureBrowser(parent, title=title, action=action, suffixes=suffixes)
    try:
        dialog.exec()
        return dialog.chosen
    finally:
        dialog.deleteLater()

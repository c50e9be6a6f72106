"""Pieces of the gallery: project words and pictures, the grid of projects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidgetItem,
    QWidget,
)

from kadr import i18n
from kadr.core.library import LibraryError, ProjectEntry
from kadr.core.store import ProjectFileError
from kadr.i18n import tr
from kadr.lessons.symbols import render_svg
from kadr.ui.icons import as_drawn
from kadr.ui.layout import ScrollingList

ICON = QSize(256, 192)
PATH_ROLE = Qt.ItemDataRole.UserRole
KEYS = {"lessons": "Ctrl+L", "new": "Ctrl+N", "open": "Return", "duplicate": "Ctrl+D",
        "rename": "F2", "delete": "Delete", "bin": "Ctrl+B", "import": "Ctrl+I",
        "export": "Ctrl+E", "settings": "Ctrl+,", "help": "F1"}
PROBLEMS = (ProjectFileError, LibraryError)


@dataclass(frozen=True)
class LessonBadge:
    """What the gallery shows of a film's lesson: its title, its symbol, and whether the
    learner finished it."""

    title: str
    symbol: bytes | None  # SVG
    done: bool


Badges = Callable[[str], "LessonBadge | None"]  # lesson id -> badge (None: not installed)


def when_words(stamp: float) -> str:
    """"today", "yesterday" or a date in the learner's language."""
    day, today = QDateTime.fromSecsSinceEpoch(int(stamp)).date(), QDate.currentDate()
    if day == today:
        return tr("today")
    if day == today.addDays(-1):
        return tr("yesterday")
    return QLocale(i18n.language()).toString(day, QLocale.FormatType.LongFormat)


def entry_words(entry: ProjectEntry, badge: LessonBadge | None = None) -> tuple[str, str]:
    """What a screen reader says for a project: what it is, then how to use it."""
    if entry.broken:
        return tr("Project: {title}, cannot be opened", title=entry.title), entry.broken
    if entry.deleted is not None:
        return (tr("Deleted project: {title}, deleted {when}", title=entry.title,
                   when=when_words(entry.deleted)), tr("Press Enter to get it back."))
    pictures = tr("1 picture") if entry.frames == 1 else tr("{count} pictures",
                                                              count=entry.frames or 0)
    how = tr("Press Enter to open it, F2 to rename it, Delete to put it in the bin.")
    if badge is not None:
        lesson = tr("You finished this lesson.") if badge.done else \
            tr("Open it to carry on with the lesson.")
        how = f"{lesson} {how}"
        name = tr("Project for the lesson “{lesson}”: {title}, {pictures}, changed {when}",
                  lesson=badge.title, title=entry.title, pictures=pictures,
                  when=when_words(entry.modified))
    else:
        name = tr("Project: {title}, {pictures}, changed {when}", title=entry.title,
                  pictures=pictures, when=when_words(entry.modified))
    return name, f"{entry.note} {how}" if entry.note else how


def entry_icon(entry: ProjectEntry, badge: LessonBadge | None = None) -> QPixmap:
    """The stored thumbnail, or a blank sheet of paper (crossed out when broken); a lesson's
    film wears its lesson's symbol."""
    pixmap = QPixmap()
    if not (entry.thumbnail and pixmap.loadFromData(entry.thumbnail)):
        pixmap = blank_sheet(entry)
    return with_badge(pixmap, badge.symbol) if badge is not None else pixmap


def with_badge(pixmap: QPixmap, symbol: bytes | None) -> QPixmap:
    """``pixmap`` with the lesson's symbol in a white disc with a dark ring in its lower
    left corner (drawn on the film's own picture, so it reads the same in every theme)."""
    out = QPixmap(pixmap)
    side = max(32, min(out.width(), out.height()) * 2 // 5)
    margin = max(3, side // 12)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1a1a1a"), max(2, side // 16)))
    painter.setBrush(QColor("#ffffff"))
    top = out.height() - side - margin
    painter.drawEllipse(margin, top, side, side)
    inner = side * 2 // 3
    painter.drawImage(margin + (side - inner) // 2, top + (side - inner) // 2,
                      render_svg(symbol, inner))
    painter.end()
    return out


def blank_sheet(entry: ProjectEntry) -> QPixmap:
    """A blank sheet of paper, crossed out when the film is broken."""
    pixmap = QPixmap(ICON.width(), ICON.width() * 9 // 16)
    pixmap.fill(QColor("#ffffff"))
    painter, rect = QPainter(pixmap), pixmap.rect().adjusted(1, 1, -2, -2)
    painter.setPen(QPen(QColor("#6b6b6b"), 3))
    painter.drawRect(rect)
    if entry.broken:  # a shape as well as the words: never colour alone
        painter.drawLine(rect.topLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomLeft())
    painter.end()
    return pixmap


class Retranslating:
    """Re-sets every text when Qt sends LanguageChange."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # type: ignore[attr-defined]
        super().changeEvent(event)  # type: ignore[misc]


class ProjectGrid(ScrollingList):
    """Big thumbnails in rows; Enter opens, Delete bins, F2 renames."""

    key_action = Signal(str)
    ACTIONS = {Qt.Key.Key_Return: "open", Qt.Key.Key_Enter: "open",
               Qt.Key.Key_Delete: "delete", Qt.Key.Key_F2: "rename"}

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setIconSize(ICON)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # decoding 50 PNGs is slow: kept by film, time, problem and lesson
        self._icons: dict[tuple[Path, float, str, LessonBadge | None], QPixmap] = {}
        self._fit_grid()

    def _fit_grid(self) -> None:
        # the picture plus three lines of title, so long names wrap instead of clipping
        self.setGridSize(QSize(ICON.width() + 32, ICON.height() + 4 * self.fontMetrics().height()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # a bigger UI size needs bigger cells
            self._fit_grid()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        action = self.ACTIONS.get(event.key())  # type: ignore[call-overload]
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if action and self.currentItem() is not None and mods == Qt.KeyboardModifier.NoModifier:
            self.key_action.emit(action)
        else:
            super().keyPressEvent(event)

    def fill(self, entries: list[ProjectEntry], select: Path | None = None,
             badges: Badges | None = None) -> None:
        self.clear()
        icons = {}
        for entry in entries:
            badge = badges(entry.lesson) if badges is not None and entry.lesson else None
            key = (entry.path, entry.modified, entry.broken, badge)
            icons[key] = self._icons.get(key) or entry_icon(entry, badge)
            title = (tr("{title} (cannot be opened)", title=entry.title) if entry.broken
                     else tr("{title} (some of it could not be read)", title=entry.title)
                     if entry.note else entry.title)
            item = QListWidgetItem(as_drawn(icons[key]), title, self)
            item.setData(PATH_ROLE, str(entry.path))
            text, description = entry_words(entry, badge)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
            item.setToolTip(entry.broken or entry.note or text)
            if entry.path == select:
                self.setCurrentItem(item)
        self._icons = icons
        if self.currentItem() is None and self.count():
            self.setCurrentRow(0)

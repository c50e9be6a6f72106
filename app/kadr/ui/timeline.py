"""The strip of pictures: big thumbnails a screen reader can read and a keyboard can run.

Every drag has a button: add, copy, delete, move left/right, longer/shorter. A "+" tile
ends the strip; a held picture's cell is wider by its hold; the chosen picture gets a
thick frame (never a tint over the child's colours), the playing one a green frame, and
every picture shows its paper's edge.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kadr.core.project import MAX_HOLD, Project
from kadr.core.render import Renderer, to_qimage
from kadr.i18n import tr
from kadr.ui import icons
from kadr.ui.a11y import describe, label_button, picture_button
from kadr.ui.canvas_words import frame_words

if TYPE_CHECKING:
    import numpy as np

THUMB_W = 112  # at least 96 px (design rule 7)
HOLD_STEP = 22  # a held picture's cell is this much wider per extra frame (up to 4)
ADD_TILE = "add"  # Qt.UserRole of the "+" tile that ends the strip
SIMPLE_BUTTONS = ("add", "copy")
PLAYING_GREEN = "#2e9e44"
PAPER_EDGE = "#767676"  # 4.5:1 on white: a blank picture still shows where it is
STRIP_BAR = 10  # the strip's scroll bar: thin, the only one in the studio
CELL_PAD = 10  # a cell's height beyond its thumbnail: room for the chosen one's ring
THUMBS_IN_FLIGHT = 1  # one at a time: at most ~3 ms of it overlaps playing or drawing
# thumbnails are drawn beside the UI (zlib and QPainter release the interpreter)
_drawer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadr-thumbs")


class FrameList(QListWidget):
    """Thumbnails in a row. Reordering by drag calls back into the project."""

    moved = Signal(int, int)
    key_action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frameList")
        # list mode in a row: cells keep their own widths (a held picture's is wider)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # the theme's wide scroll bars would cover the thumbnails (studio_fit gives the
        # strip STRIP_BAR for its bar); only a style sheet of its own outweighs the
        # application's (colours still come from the theme)
        self.setStyleSheet(f"QScrollBar:horizontal {{ height: {STRIP_BAR}px; border: none; }}"
                           " QScrollBar::handle:horizontal { margin: 0px; border-width: 1px;"
                           " border-radius: 4px; }")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setIconSize(QSize(THUMB_W, THUMB_W * 9 // 16))
        self.setSpacing(2)  # cells keep 3 px inside too: ~8 px between two pictures
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setUniformItemSizes(False)
        self.setItemDelegate(StripDelegate(self))
        self.playing = -1  # the picture being shown while the film plays
        self._drag_row = -1

    def startDrag(self, actions: Qt.DropAction) -> None:  # noqa: N802
        self._drag_row = self.currentRow()
        super().startDrag(actions)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        target = self.indexAt(event.position().toPoint()).row()
        source = self._drag_row
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the project reorders, then we rebuild
        event.accept()
        last = self.count() - 2  # the "+" tile is not a place
        if 0 <= source <= last:
            self.moved.emit(source, last if target < 0 or target > last else target)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        actions: dict[int, str] = {  # event.key() is an int
            Qt.Key.Key_Delete: "delete", Qt.Key.Key_Insert: "add",
            Qt.Key.Key_Plus: "longer", Qt.Key.Key_Equal: "longer", Qt.Key.Key_Minus: "shorter",
        }
        if ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.key_action.emit("move_left" if key == Qt.Key.Key_Left else "move_right")
        elif key in actions and not ctrl:
            self.key_action.emit(actions[key])
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self.count() > 1:
            self.setCurrentRow(0 if key == Qt.Key.Key_Home else self.count() - 2)  # not "+"
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.currentItem() is not None and \
                self.currentItem().data(Qt.ItemDataRole.UserRole) == ADD_TILE:
            self.itemActivated.emit(self.currentItem())
        elif key == Qt.Key.Key_Space and not ctrl:
            event.ignore()  # Space plays the film, in the strip too (the studio does it)
        else:
            super().keyPressEvent(event)


class StripDelegate(QStyledItemDelegate):
    """Draws a strip cell: the picture with its paper edge, its number, and a thick frame
    when chosen (green while playing) instead of a tint over the picture."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        view = self.parent()
        assert isinstance(view, FrameList)
        rect = option.rect.adjusted(3, 3, -3, -3)
        pal = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        size = view.iconSize()
        label_h = view.fontMetrics().height()
        picture = QRect(rect.left() + 4, rect.top() + 2, size.width(), size.height())
        if index.data(Qt.ItemDataRole.UserRole) == ADD_TILE:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.ButtonText), 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(picture, 8, 8)
            box = min(picture.width(), picture.height()) * 3 // 4
            pix = icons.icon("add").pixmap(box, box)
            painter.drawPixmap(picture.center().x() - box // 2, picture.center().y() - box // 2,
                               pix)
        else:
            holds = int(index.data(Qt.ItemDataRole.UserRole + 1) or 1)
            for k in range(min(holds, 4) - 1, 0, -1):  # held: cards behind, to the right
                behind = picture.translated(k * HOLD_STEP, 0)
                painter.fillRect(behind, pal.color(QPalette.ColorRole.Base))
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
                painter.drawRect(behind)
            if isinstance(icon, QIcon):
                painter.drawPixmap(picture, icon.pixmap(size))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(QColor(PAPER_EDGE), 1))  # the paper's edge, even on white
            painter.drawRect(picture.adjusted(0, 0, -1, -1))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        playing = index.row() == view.playing
        if chosen or playing or focused:
            colour = QColor(PLAYING_GREEN) if playing else pal.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(colour, 5 if (chosen or playing) else 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(picture.adjusted(-3, -3, 3, 3), 6, 6)
        if text and text != "+":  # the number on a badge in the corner: no extra row
            badge = QRect(picture.left() + 2, picture.bottom() - label_h - 1,
                          view.fontMetrics().horizontalAdvance(text) + 10, label_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Window))
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        assert isinstance(view, FrameList)
        size = view.iconSize()
        holds = int(index.data(Qt.ItemDataRole.UserRole + 1) or 1)
        extra = (min(holds, 4) - 1) * HOLD_STEP
        return QSize(size.width() + 12 + extra, size.height() + CELL_PAD)


class Timeline(QWidget):
    current_changed = Signal(int)
    announce = Signal(str)

    def __init__(self, project: Project, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.project, self.renderer = project, renderer
        self.list = FrameList(self)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.moved.connect(self._moved)
        self.list.key_action.connect(self.run)
        self.buttons = {
            name: picture_button(f"frame_{name}", name, self, on_click=partial(self.run, name))
            for name in ("add", "copy", "delete", "move_left", "move_right", "shorter", "longer")
        }
        self.level = "all"
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        # the buttons are placed by the studio, beside the strip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self._building = False
        # thumbnails are drawn a few at a time after the strip appears (visible ones first),
        # so a film of 600 pictures opens at once
        self._missing: set[int] = set()
        # the strip's pictures have the film's shape (4:3 or 16:9), placeholders too
        self._blank = QIcon()
        self._thumb_timer = QTimer(self, interval=5)
        # the studio says when the film plays or a stroke is drawn
        self.busy: Callable[[], bool] = lambda: False
        self._thumb_timer.timeout.connect(self._draw_some_thumbnails)
        # frame id -> (thumbnail key, its drawing job); the timer collects finished ones here
        # on the UI thread (no signal from the worker: the strip may be gone by then)
        self._drawing: dict[int, tuple[tuple[object, ...], Future[np.ndarray]]] = {}
        project.frames_changed.connect(self.rebuild)
        project.picture_changed.connect(self._picture_changed)
        project.background_changed.connect(self.rebuild)
        self._size_thumbnails(THUMB_W)
        self.retranslate()  # builds the strip

    def retranslate(self) -> None:
        texts = {
            "add": (tr("Add picture"), tr("Add a blank picture after this one"), "Ctrl+N"),
            "copy": (tr("Copy picture"), tr("Add a copy of this picture after it"), "Ctrl+D"),
            "delete": (tr("Delete picture"), tr("Delete this picture. Undo brings it back."),
                       "Delete"),
            "move_left": (tr("Move left"), tr("Move this picture one place earlier"), "Ctrl+Left"),
            "move_right": (tr("Move right"), tr("Move this picture one place later"),
                           "Ctrl+Right"),
            "shorter": (tr("Shorter"), tr("Show this picture for one frame less"), "-"),
            "longer": (tr("Longer"), tr("Make this picture last longer"), "+"),
        }
        for name, (text, desc, keys) in texts.items():
            label_button(self.buttons[name], text, desc, keys)
        describe(self.list, tr("Pictures"),  # named with the count by rebuild()
                 tr("All pictures of the film. Arrow keys choose a picture."))
        self.rebuild()

    def thumb_width(self) -> int:
        return self.list.iconSize().width()

    def set_thumb_width(self, width: int) -> None:
        """Thumbnails ``width`` px wide, the film's shape (drawn again at that size)."""
        if self._size_thumbnails(width):
            self._show_thumbnails()

    def _size_thumbnails(self, width: int) -> bool:
        """The strip's pictures ``width`` px wide and their blank; False when they were."""
        p = self.project
        height = max(1, round(width * p.height / p.width))
        if self.list.iconSize() == QSize(width, height) and not self._blank.isNull():
            return False
        self.list.setIconSize(QSize(width, height))
        blank = QPixmap(width, height)
        blank.fill(QColor(p.background.paper))
        self._blank = QIcon(blank)
        return True

    def _show_thumbnails(self) -> None:
        """Each picture's thumbnail at the strip's size: drawn already, or the blank until
        the timer draws it (only the pictures change: no need to build the strip again)."""
        width = self.thumb_width()
        for i, frame in enumerate(self.project.frames):
            item = self.list.item(i)
            if item is None:
                break
            self._set_thumbnail(item, i, frame.id, width)
        if self._missing:
            self._thumb_timer.start()

    def _set_thumbnail(self, item: QListWidgetItem, i: int, frame_id: int, width: int) -> None:
        if self.renderer.has_thumbnail(i, width):
            item.setIcon(QPixmap.fromImage(self.renderer.thumbnail(i, width)))
        else:
            item.setIcon(self._blank)
            self._missing.add(frame_id)

    def set_level(self, level: str) -> None:
        self.level = level
        for name, b in self.buttons.items():
            b.setVisible(level == "all" or name in SIMPLE_BUTTONS)

    def strip_height(self) -> int:
        """A row of cells (a thumbnail with its number on it, a ring round it when
        chosen), the spacing around them, the strip's frame and its scroll bar: the
        strip's fixed height. The frame grows with the UI size (theme.py)."""
        strip = self.list
        cell = strip.iconSize().height() + CELL_PAD
        return cell + 2 * strip.spacing() + 2 * strip.frameWidth() + STRIP_BAR

    def refit(self) -> None:
        self.list.setFixedHeight(self.strip_height())

    def set_playing(self, index: int) -> None:
        """Mark the picture being played (-1: none)."""
        if self.list.playing != index:
            self.list.playing = index
            self.list.viewport().update()

    def current(self) -> int:
        return max(0, min(self.list.currentRow(), len(self.project.frames) - 1))

    def set_current(self, index: int) -> None:
        """Follow the studio's current picture without echoing it back as a change."""
        if index != self.list.currentRow():
            self._building = True
            self.list.setCurrentRow(index)
            self._building = False
            self._update_buttons()

    def rebuild(self) -> None:
        p = self.project
        current = self.list.currentRow()
        self._building = True
        self.list.clear()
        count = len(p.frames)
        width = self.thumb_width()
        for i, frame in enumerate(p.frames):
            item = QListWidgetItem(self._label(i))
            self._set_thumbnail(item, i, frame.id, width)
            self._set_words(item, i, count, frame.hold, frame.has_drawing())
            item.setData(Qt.ItemDataRole.UserRole + 1, frame.hold)
            self.list.addItem(item)
        tile = QListWidgetItem("+")
        tile.setData(Qt.ItemDataRole.UserRole, ADD_TILE)
        tile.setData(Qt.ItemDataRole.AccessibleTextRole, tr("Add picture"))
        tile.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                     tr("Add a blank picture at the end"))
        tile.setToolTip(tr("Add picture"))
        self.list.addItem(tile)
        # a screen reader counts the "+" tile as an item ("List with 3 items" for two
        # pictures): the strip's name says so
        name = tr("Pictures: {count}, then Add picture", count=count)
        if self.list.accessibleName() != name:
            self.list.setAccessibleName(name)
        self._building = False
        if self._missing:
            self._thumb_timer.start()
        self.list.setCurrentRow(min(max(current, 0), count - 1))
        self._update_buttons()

    def _draw_some_thumbnails(self) -> None:
        """Hand missing thumbnails (visible ones first) to the drawing thread, one at a
        time, none while the film plays or strokes are drawn, and show the finished ones.
        Drawn on the UI thread they took 2-3 ms each, and up to 70 ms while an export ran
        (measured)."""
        for frame_id, (key, job) in list(self._drawing.items()):
            if job.done():
                del self._drawing[frame_id]
                if job.exception() is None:  # a damaged picture keeps its blank tile
                    self._show_thumbnail(frame_id, key, to_qimage(job.result()))
        if not self._missing and not self._drawing:
            self._thumb_timer.stop()
            return
        if self.busy() or len(self._drawing) >= THUMBS_IN_FLIGHT:
            return
        first = self.list.indexAt(self.list.viewport().rect().topLeft()).row()
        order = list(range(max(0, first), len(self.project.frames))) + list(range(max(0, first)))
        for i in order:
            frame = self.project.frames[i]
            if frame.id in self._missing and frame.id not in self._drawing:
                self._missing.discard(frame.id)
                key = self.renderer.thumbnail_key(i, self.thumb_width())
                self._drawing[frame.id] = (key, _drawer.submit(
                    self.renderer.thumbnail_job(i, self.thumb_width())))
                if len(self._drawing) >= THUMBS_IN_FLIGHT:
                    return

    def _show_thumbnail(self, frame_id: int, key: tuple[object, ...], image: QImage) -> None:
        self.renderer.keep_thumbnail(key, image)
        try:
            i = self.project.index_of(frame_id)
        except KeyError:
            return
        row = self.list.item(i)
        if row is not None and self.renderer.thumbnail_key(i, self.thumb_width()) == key:
            row.setIcon(QPixmap.fromImage(image))  # still the picture as it is now

    def _label(self, i: int) -> str:
        hold = self.project.frames[i].hold
        return f"{i + 1}" if hold == 1 else f"{i + 1}  ×{hold}"

    @staticmethod
    def _set_words(item: QListWidgetItem, i: int, count: int, hold: int, drawn: bool) -> None:
        item.setData(Qt.ItemDataRole.AccessibleTextRole, frame_words(i, count, hold))
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                     tr("Has a drawing") if drawn else tr("Empty picture"))

    def _picture_changed(self, frame_id: int, _layer: str, _rect: object) -> None:
        try:
            i = self.project.index_of(frame_id)
        except KeyError:
            return
        item = self.list.item(i)
        if item is not None:
            # drawn a moment later by the thumbnail timer: lifting the pen stays quick
            self._missing.add(frame_id)
            self._thumb_timer.start()
            frame = self.project.frames[i]
            self._set_words(item, i, len(self.project.frames), frame.hold, frame.has_drawing())

    def _row_changed(self, row: int) -> None:
        if not self._building and 0 <= row < len(self.project.frames):
            self._update_buttons()
            self.current_changed.emit(row)

    def _clicked(self, item: QListWidgetItem) -> None:
        """The "+" tile adds a blank picture at the end (a click, Enter or Space)."""
        if item.data(Qt.ItemDataRole.UserRole) == ADD_TILE and not self._building:
            self._building = True  # the tile is not a picture: keep the current one
            self.list.setCurrentRow(len(self.project.frames) - 1)
            self._building = False
            self.run("add")

    def _update_buttons(self) -> None:
        i, count = self.current(), len(self.project.frames)
        hold = self.project.frames[i].hold if count else 1
        self.buttons["delete"].setEnabled(count > 1)
        self.buttons["move_left"].setEnabled(i > 0)
        self.buttons["move_right"].setEnabled(i < count - 1)
        self.buttons["shorter"].setEnabled(hold > 1)
        self.buttons["longer"].setEnabled(hold < MAX_HOLD)

    def _moved(self, source: int, target: int) -> None:
        self.project.move_frame(source, target)
        self.list.setCurrentRow(self.project.index_of(self.project.frames[target].id))
        self.announce.emit(tr("Picture moved to place {n}.", n=target + 1))

    def run(self, action: str) -> None:
        """Do one frame action on the current picture and say what happened."""
        p, i = self.project, self.current()
        count = len(p.frames)
        if action in ("add", "copy"):
            new = p.add_frame(i, duplicate=action == "copy")
            self.list.setCurrentRow(new)
            self.announce.emit(tr("Picture {n} added. There are {count} pictures.",
                                  n=new + 1, count=len(p.frames)))
        elif action == "delete" and count > 1:
            p.delete_frame(i)
            self.list.setCurrentRow(min(i, len(p.frames) - 1))
            self.announce.emit(tr("Picture {n} deleted. Undo brings it back.", n=i + 1))
        elif action in ("move_left", "move_right"):
            to = i - 1 if action == "move_left" else i + 1
            if 0 <= to < count:
                p.move_frame(i, to)
                self.list.setCurrentRow(to)
                self.announce.emit(tr("Picture moved to place {n}.", n=to + 1))
        elif action in ("longer", "shorter"):
            hold = p.frames[i].hold + (1 if action == "longer" else -1)
            if 1 <= hold <= MAX_HOLD:
                p.set_hold(i, hold)
                self.announce.emit(frame_words(i, count, hold))

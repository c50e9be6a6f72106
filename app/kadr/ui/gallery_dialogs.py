"""The gallery's dialogs: naming a new project (with its size) and the bin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kadr.core.project import CANVAS_SIZES
from kadr.i18n import tr
from kadr.ui.a11y import MIN_TARGET, button, describe, label_button
from kadr.ui.confirm import give_picture
from kadr.ui.gallery_items import PATH_ROLE, PROBLEMS, ProjectGrid, Retranslating
from kadr.ui.layout import make_scrollable

if TYPE_CHECKING:
    from kadr.ui.gallery import GalleryView


class NameDialog(Retranslating, QDialog):
    """Asks for a name and, for a new project, the size of the paper (big radio buttons)."""

    def __init__(self, parent: QWidget, title: str = "", sizes: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("newProjectDialog" if sizes else "renameDialog")
        self.new = sizes
        self.label = QLabel(self)
        self.label.setObjectName("name_label")
        self.edit = QLineEdit(title, self)
        self.edit.setObjectName("name_edit")
        self.edit.setMinimumHeight(MIN_TARGET)
        self.label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        self.sizes = QButtonGroup(self)
        for i, (w, h) in enumerate(CANVAS_SIZES if sizes else ()):
            radio = QRadioButton(self)
            radio.setObjectName(f"size_{w}x{h}")
            radio.setMinimumSize(MIN_TARGET, MIN_TARGET)
            radio.setChecked((w, h) == (1280, 720))
            self.sizes.addButton(radio, i)
            layout.addWidget(radio)
        row = QHBoxLayout()
        self.ok = button("name_ok", self, on_click=self.accept)
        self.cancel = button("name_cancel", self, on_click=self.reject)
        if isinstance(self.ok, QPushButton):
            self.ok.setDefault(True)  # Enter in the name field answers the dialog
        give_picture(self.ok, "yes")
        give_picture(self.cancel, "no")
        row.addWidget(self.ok)
        row.addWidget(self.cancel)
        layout.addLayout(row)
        self.retranslate()
        self.body_scroll = make_scrollable(self, "nameScroll", below=(row,))
        self.edit.selectAll()
        self.edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("New project") if self.new else tr("Rename project"))
        self.label.setText(tr("Name of the project:"))
        describe(self.edit, tr("Name of the project"), tr("Type a name for the project."))
        words = (tr("Small"), tr("Medium"), tr("Large"))
        for i, (w, h) in enumerate(CANVAS_SIZES if self.new else ()):
            text = tr("{size} picture, {width} by {height}", size=words[i], width=w, height=h)
            self.sizes.button(i).setText(text)
            describe(self.sizes.button(i), text, tr("The size of the paper you draw on."))
        label_button(self.ok, tr("Make it") if self.new else tr("Rename"),
                     tr("Make the new project") if self.new else tr("Use the new name"),
                     "Return")
        label_button(self.cancel, tr("Cancel"), tr("Close without changing anything"), "Esc")

    def values(self) -> tuple[str, int, int]:
        w, h = CANVAS_SIZES[self.sizes.checkedId()] if self.new else (1280, 720)
        return self.edit.text().strip(), w, h


class BinDialog(Retranslating, QDialog):
    """The bin: deleted projects, and a way to get each one back."""

    def __init__(self, gallery: GalleryView) -> None:
        super().__init__(gallery)
        self.setObjectName("binDialog")
        self.gallery = gallery
        self.list = ProjectGrid("bin_projects", self)
        self.list.key_action.connect(lambda a: self.restore_current() if a == "open" else None)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_current())
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("bin_empty_label")
        self.restore = button("bin_restore", self, on_click=self.restore_current)
        self.empty = button("bin_empty", self, on_click=gallery.confirm_empty_bin)
        self.close_button = button("bin_close", self, on_click=self.accept)
        row = QHBoxLayout()
        for b, picture in ((self.restore, "undo"), (self.empty, "bin"),
                           (self.close_button, "back")):
            give_picture(b, picture)
            row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.retranslate()
        self.body_scroll = make_scrollable(self, "binScroll", below=(row,))
        self.resize(max(self.width(), 700), max(self.height(), 500))

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Bin"))
        self.empty_label.setText(tr("The bin is empty."))
        describe(self.list, tr("Deleted projects"),
                 tr("Use the arrow keys to choose a project and Enter to get it back."))
        label_button(self.restore, tr("Get it back"),
                     tr("Put the chosen project back with your projects"), "Return")
        label_button(self.empty, tr("Empty the bin"), tr("Delete the projects in the bin for ever"))
        label_button(self.close_button, tr("Close"), tr("Go back to your projects"), "Esc")
        self.refresh()

    def refresh(self) -> None:
        try:
            entries = self.gallery.library.bin_entries()
        except PROBLEMS as error:
            entries = []
            self.gallery.show_problem(str(error))
        self.list.fill(entries, badges=self.gallery.lesson_badge)
        self.empty_label.setVisible(not entries)
        self.restore.setEnabled(bool(entries))
        self.empty.setEnabled(bool(entries))

    def restore_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.gallery.restore_path(Path(item.data(PATH_ROLE)))
            self.refresh()

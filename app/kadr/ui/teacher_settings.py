"""Teacher mode's Settings section: a learner's settings (the usual settings window, where
only the classroom file's locks hold), and the teacher's locks, for everyone or one
learner. A setting is locked at the value the chosen learner has now."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kadr.classroom.effective import SettingLocked
from kadr.i18n import tr
from kadr.settings import Settings
from kadr.ui import icons
from kadr.ui.a11y import big_enough, button, describe, label_button
from kadr.ui.learner_settings import LOCKABLE, locked_words, setting_words
from kadr.ui.teacher_fit import rows_high, tall_rows, tick_by_row

if TYPE_CHECKING:
    from kadr.ui.settings_dialog import SettingsDialog
    from kadr.ui.teacher_mode import TeacherScreen

NAME_ROLE = Qt.ItemDataRole.UserRole


class SettingsPage(QWidget):
    def __init__(self, screen: TeacherScreen) -> None:
        super().__init__(screen)
        self.setObjectName("teacher_settings_page")
        self.screen_ = screen
        self.dialog: SettingsDialog | None = None
        self.edit = button("teacher_edit_settings", self, on_click=self.edit_settings)
        self.for_label = QLabel(self)
        self.lock_for = QComboBox(self)
        self.lock_for.setObjectName("teacher_lock_for")
        big_enough(self.lock_for)
        self.lock_for.addItem("", "everyone")
        self.lock_for.addItem("", "learner")
        self.for_label.setBuddy(self.lock_for)
        self.locks_label = QLabel(self)
        self.locks_label.setWordWrap(True)
        self.locks = QListWidget(self)
        self.locks.setObjectName("teacher_locks")
        big_enough(self.locks)
        rows_high(self.locks, 3)
        tick_by_row(self.locks)
        self.locks_label.setBuddy(self.locks)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.for_label)
        layout.addWidget(self.lock_for)
        layout.addWidget(self.locks_label)
        layout.addWidget(self.locks, 1)
        self.lock_for.currentIndexChanged.connect(lambda _i: self.refresh())
        self.locks.itemChanged.connect(self._item_changed)
        screen.learner_changed.connect(self.follow)
        self.retranslate()

    def retranslate(self) -> None:
        self.for_label.setText(tr("Lock settings for:"))
        self.lock_for.setItemText(0, tr("Everyone"))
        describe(self.lock_for, tr("Lock settings for"),
                 tr("Everyone, or only the chosen learner"))
        self.locks_label.setText(tr("Ticked settings are locked: learners cannot change them. "
                                    "A setting is locked as the chosen learner has it now."))
        describe(self.locks, tr("Locked settings"),
                 tr("Space ticks or unticks the setting: a ticked setting is locked"))
        self.follow()

    def follow(self) -> None:
        """The chosen learner's name on the button and in the choice; their locks."""
        learner = self.screen_.learner()
        name = learner.name if learner is not None else ""
        label_button(self.edit, tr("Settings of {name}…", name=name) if name else tr("Settings…"),
                     tr("Change the chosen learner's settings"))
        self.edit.setEnabled(learner is not None)
        self.lock_for.setItemText(1, tr("Only {name}", name=name) if name else tr("Only this learner"))
        self.refresh()

    def everyone(self) -> bool:
        return self.lock_for.currentData() == "everyone" or self.screen_.learner() is None

    def refresh(self) -> None:
        """The lock list for everyone or the chosen learner, ticked where locked."""
        mode, learner = self.screen_.mode, self.screen_.learner()
        mode.locks = self.screen_.place.locks()
        table = mode.locks.everyone if self.everyone() or learner is None \
            else mode.locks.learners.get(learner.id, {})
        classroom = self.screen_.place.classroom.locked
        row, scrolled = self.locks.currentRow(), self.locks.verticalScrollBar().value()
        self.locks.blockSignals(True)
        self.locks.clear()
        words = setting_words()
        for name in LOCKABLE:
            item = QListWidgetItem(words[name])
            item.setData(NAME_ROLE, name)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            if name in classroom:  # changed only in the file
                item.setText(f"{words[name]} — {locked_words('classroom', teacher=True)}")
                item.setIcon(icons.icon("padlock", 32))
                item.setCheckState(Qt.CheckState.Checked)
            else:
                flags |= Qt.ItemFlag.ItemIsEnabled
                locked = name in table
                item.setCheckState(Qt.CheckState.Checked if locked else Qt.CheckState.Unchecked)
                if locked:
                    item.setIcon(icons.icon("padlock", 32))
            item.setFlags(flags)
            self.locks.addItem(item)
        tall_rows(self.locks)
        if self.locks.count():  # where the teacher was: a tick never moves the list
            self.locks.setCurrentRow(min(max(row, 0), self.locks.count() - 1))
        self.locks.verticalScrollBar().setValue(scrolled)
        self.locks.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        self.set_locked(str(item.data(NAME_ROLE)), item.checkState() == Qt.CheckState.Checked)

    def set_locked(self, name: str, on: bool) -> bool:
        """Lock ``name`` (at the chosen learner's value now) or lift the lock."""
        mode, learner = self.screen_.mode, self.screen_.learner()
        who = None if self.everyone() else learner
        value: Any = getattr(mode.settings_of(learner) if learner is not None else Settings(),
                             name)
        try:
            if on:
                mode.lock(name, value, who)
            else:
                mode.unlock(name, who)
        except (SettingLocked, ValueError, OSError):
            self.screen_.say(tr("Kadr could not change this lock."), assertive=True)
            self.refresh()
            return False
        words = setting_words()[name]
        self.screen_.say(tr("{setting} is locked.", setting=words) if on
                         else tr("{setting} is not locked now.", setting=words))
        self.refresh()
        return True

    def edit_settings(self) -> SettingsDialog | None:
        """The chosen learner's settings in the usual window; kept as their own when it
        closes (the classroom file's locks still hold)."""
        from kadr.ui.settings_dialog import SettingsDialog

        learner = self.screen_.learner()
        if learner is None:
            return None
        place = self.screen_.place
        theirs = copy.copy(place.settings_for(learner))
        held = {name: locked_words(by, teacher=True)
                for name, by in place.locked(learner).items() if by == "classroom"}
        dialog = SettingsDialog(theirs, self, locked=held)
        dialog.setObjectName("teacherSettingsDialog")
        dialog.setWindowTitle(tr("Settings of {name}", name=learner.name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._kept(learner.id, theirs))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _kept(self, learner_id: str, theirs: Settings) -> None:
        self.dialog = None
        learner = self.screen_.place.store.get(learner_id)
        if learner is None:
            return
        changed = self.screen_.place.save(learner, theirs, teacher=True)
        if changed:
            self.screen_.say(tr("Settings of {name} kept.", name=learner.name))

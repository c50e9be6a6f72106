"""Teacher mode's Learners section: add, rename, give a picture, remove (into a list of
removed learners, from where they come back with everything they had)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kadr.classroom.avatars import AVATARS, next_free
from kadr.classroom.learners import MAX_NAME, Learner, LearnerError, RemovedLearner
from kadr.i18n import tr
from kadr.ui.a11y import ChoiceGroup, big_enough, button, describe, label_button
from kadr.ui.teacher_fit import WrapRow, rows_high, tall_rows
from kadr.ui.who_is_drawing import avatar_icon

if TYPE_CHECKING:
    from kadr.ui.teacher_mode import TeacherScreen

REMOVED_ROLE = Qt.ItemDataRole.UserRole


def avatar_words() -> dict[str, str]:
    return {"cat": tr("Cat"), "dog": tr("Dog"), "fox": tr("Fox"), "owl": tr("Owl"),
            "bear": tr("Bear"), "rabbit": tr("Rabbit"), "frog": tr("Frog"), "fish": tr("Fish"),
            "turtle": tr("Turtle"), "robot": tr("Robot"), "rocket": tr("Rocket"),
            "sun": tr("Sun")}


class LearnersPage(QWidget):
    def __init__(self, screen: TeacherScreen) -> None:
        super().__init__(screen)
        self.setObjectName("teacher_learners_page")
        self.screen_ = screen
        self.removed_learners: list[RemovedLearner] = []
        self.name_label = QLabel(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("teacher_name")
        self.name.setMaxLength(MAX_NAME)
        big_enough(self.name)
        self.name_label.setBuddy(self.name)
        self.pictures_label = QLabel(self)
        self.avatars: dict[str, QToolButton] = {}
        grid = QGridLayout()
        for i, avatar in enumerate(AVATARS):
            b = QToolButton(self)
            b.setObjectName(f"teacher_avatar_{avatar}")
            b.setCheckable(True)
            b.setIcon(avatar_icon(avatar, 48))
            b.setIconSize(QSize(48, 48))
            b.setMinimumSize(64, 64)
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            b.clicked.connect(partial(self.pick_avatar, avatar))
            self.avatars[avatar] = b
            grid.addWidget(b, i // 6, i % 6)
        choices: list[QAbstractButton] = list(self.avatars.values())
        self.avatar_group = ChoiceGroup(choices, self)
        self.add = button("teacher_add", self, on_click=self.add_pressed)
        self.rename = button("teacher_rename", self, on_click=self.rename_pressed)
        self.set_avatar = button("teacher_set_avatar", self, on_click=self.avatar_pressed)
        self.remove = button("teacher_remove", self, on_click=self.remove_pressed)
        self.removed_label = QLabel(self)
        self.removed = QListWidget(self)
        self.removed.setObjectName("teacher_removed")
        big_enough(self.removed)
        rows_high(self.removed, 2)
        self.removed_label.setBuddy(self.removed)
        self.restore = button("teacher_restore", self, on_click=self.restore_pressed)
        actions = WrapRow()
        for action in (self.add, self.rename, self.set_avatar, self.remove):
            actions.add(action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.name)
        layout.addWidget(self.pictures_label)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addWidget(self.removed_label)
        layout.addWidget(self.removed, 1)
        layout.addWidget(self.restore)
        screen.learner_changed.connect(self.follow)
        self.retranslate()
        self.pick_avatar(next_free([x.avatar for x in screen.place.store.learners()]))
        self.refresh_removed()

    def retranslate(self) -> None:
        self.name_label.setText(tr("Name:"))
        describe(self.name, tr("Name"), tr("The learner's name, as they know it"))
        self.pictures_label.setText(tr("Picture:"))
        for avatar, words in avatar_words().items():
            describe(self.avatars[avatar], words, tr("Choose this picture"))
        label_button(self.add, tr("Add learner"), tr("Add a new learner with this name and "
                                                      "picture"))
        label_button(self.rename, tr("Rename"), tr("Give the chosen learner this name"))
        label_button(self.set_avatar, tr("Use this picture"),
                     tr("Give the chosen learner this picture"))
        label_button(self.remove, tr("Remove"), tr("Remove the chosen learner. Their work is "
                                                    "kept and they can be brought back."))
        self.removed_label.setText(tr("Removed learners:"))
        describe(self.removed, tr("Removed learners"),
                 tr("Choose one and press Bring back"))
        label_button(self.restore, tr("Bring back"),
                     tr("Bring back the chosen removed learner with all their work"))

    def follow(self) -> None:
        """The chosen learner's name and picture, ready to change."""
        learner = self.screen_.learner()
        if learner is not None:
            self.name.setText(learner.name)
            self.pick_avatar(learner.avatar)
        for b in (self.rename, self.set_avatar, self.remove):
            b.setEnabled(learner is not None)

    def pick_avatar(self, avatar: str, _checked: bool = False) -> None:
        self.avatar = avatar
        for name, b in self.avatars.items():
            b.setChecked(name == avatar)
        self.avatar_group.sync()

    # -- actions (the buttons call these; tests too) ---------------------------------------
    def _do(self, job: Callable[[], Learner], done: str) -> Learner | None:
        """Run a change; say ``done`` ({name}) or, in plain words, why it was refused."""
        try:
            learner = job()
        except LearnerError as error:
            self.screen_.say(str(error), assertive=True)
            return None
        self.screen_.reload_learners(learner.id)
        self.screen_.say(done.format(name=learner.name))
        return learner

    def add_pressed(self) -> Learner | None:
        mode = self.screen_.mode
        learner = self._do(lambda: mode.add_learner(self.name.text(), self.avatar),
                           tr("{name} was added."))
        if learner is not None:
            self.pick_avatar(next_free([x.avatar for x in self.screen_.place.store.learners()]))
        return learner

    def rename_pressed(self) -> Learner | None:
        learner, mode = self.screen_.learner(), self.screen_.mode
        if learner is None:
            return None
        return self._do(lambda: mode.rename_learner(learner, self.name.text()),
                        tr("The learner is now called {name}."))

    def avatar_pressed(self) -> Learner | None:
        learner, mode = self.screen_.learner(), self.screen_.mode
        if learner is None:
            return None
        return self._do(lambda: mode.set_avatar(learner, self.avatar),
                        tr("{name} has a new picture."))

    def remove_pressed(self) -> RemovedLearner | None:
        learner = self.screen_.learner()
        if learner is None:
            return None
        try:
            gone = self.screen_.mode.remove_learner(learner)
        except LearnerError as error:
            self.screen_.say(str(error), assertive=True)
            return None
        self.screen_.reload_learners()
        self.refresh_removed()
        self.screen_.say(tr("{name} was removed. Their work is kept: choose them in Removed "
                            "learners and press Bring back.", name=learner.name))
        return gone

    def refresh_removed(self) -> None:
        self.removed_learners = self.screen_.place.store.removed()
        self.removed.clear()
        for gone in self.removed_learners:
            item = QListWidgetItem(avatar_icon(gone.learner.avatar, 32), gone.learner.name)
            item.setData(REMOVED_ROLE, str(gone.place))
            self.removed.addItem(item)
        tall_rows(self.removed)
        if self.removed.count():
            self.removed.setCurrentRow(0)
        self.restore.setEnabled(bool(self.removed_learners))

    def restore_pressed(self) -> Learner | None:
        row = self.removed.currentRow()
        if not 0 <= row < len(self.removed_learners):
            return None
        gone = self.removed_learners[row]
        learner = self._do(lambda: self.screen_.mode.restore_learner(gone),
                           tr("{name} is back, with all their work."))
        self.refresh_removed()
        return learner

"""Watch how: plays a lesson's finished example film, so the child sees the goal first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kadr.core.player import Player
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.i18n import tr
from kadr.ui.a11y import announce, button, describe, label_button
from kadr.ui.confirm import give_picture

VIEW_WIDTH = 480


class ExampleDialog(QDialog):
    def __init__(self, project: Project, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exampleDialog")
        self.setWindowTitle(tr("Watch how: {title}", title=title))
        self.project = project
        self.renderer = Renderer(project)
        self.player = Player(project, self)
        self.view = QLabel(self)
        self.view.setObjectName("exampleView")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        describe(self.view, tr("The example film"),
                 tr("A finished film for this lesson, with {count} pictures",
                    count=len(project.frames)))
        self.play = button("example_play", self, on_click=self.toggle)
        close = button("example_close", self, on_click=self.accept)
        label_button(close, tr("Close"), tr("Go back to the lesson"), "Esc")
        give_picture(close, "back")
        row = QHBoxLayout()
        row.addWidget(self.play)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.player.frame.connect(self.show_picture)
        self.player.started.connect(self._sync)
        self.player.stopped.connect(self._sync)
        self.show_picture(0)
        self.player.play(0)
        announce(self, tr("The example film is playing."))

    def show_picture(self, index: int) -> None:
        image = self.renderer.thumbnail(index, VIEW_WIDTH)
        self.view.setPixmap(QPixmap.fromImage(image))

    def toggle(self) -> None:
        self.player.toggle()

    def _sync(self) -> None:
        if self.player.is_playing():
            label_button(self.play, tr("Stop"), tr("Stop the film"), "Space")
            give_picture(self.play, "stop")
        else:
            label_button(self.play, tr("Play"), tr("Play the film"), "Space")
            give_picture(self.play, "play")

    def done(self, result: int) -> None:  # noqa: D102 - stop the timer with the dialog
        self.player.stop()
        super().done(result)

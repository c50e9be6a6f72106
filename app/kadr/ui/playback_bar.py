"""Play (the biggest, greenest control) and its speed as a picture slider, slow to fast.

How the film repeats (again and again, once, forwards and back) lives in Settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kadr.core.player import Player
from kadr.i18n import tr
from kadr.ui import icons
from kadr.ui.a11y import describe, label_button, picture_button, slider

SLOWEST, FASTEST = 1, 24  # pictures a second at the slider's ends


class PlaybackBar(QWidget):
    announce = Signal(str)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbackBar")
        self.player = player
        project = player.project
        self.toggle = player.toggle  # the studio puts its flash-safety check in front
        self.play = picture_button("play", "play", self, on_click=lambda: self.toggle())
        self.slow = QLabel(self)
        self.slow.setObjectName("speedSlowPicture")
        self.fast = QLabel(self)
        self.fast.setObjectName("speedFastPicture")
        # the value is the speed itself, so a screen reader says "12" for 12 a second
        self.speed = slider("speed", self, SLOWEST, FASTEST,
                            max(SLOWEST, min(FASTEST, project.settings.fps)), 4)
        self.speed.valueChanged.connect(self.set_fps)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        grid.addWidget(self.play, 0, 0, 2, 1)
        grid.addWidget(self.slow, 0, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.fast, 0, 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.speed, 1, 1, 1, 2)
        player.started.connect(self._sync_play)
        player.stopped.connect(self._sync_play)
        project.settings_changed.connect(self._sync_speed)
        self.retranslate()

    def set_sizes(self, play: int, picture: int) -> None:
        """Play as a square of ``play`` px; the slow/fast pictures ``picture`` px."""
        self.play.fix_size(play, play)
        self.play.setIconSize(QSize(round(play * 0.55), round(play * 0.55)))
        for label, name in ((self.slow, "slow"), (self.fast, "fast")):
            label.setPixmap(icons.icon(name).pixmap(picture, picture))
        self.speed.setFixedWidth(max(120, play * 2))

    def retranslate(self) -> None:
        describe(self.speed, tr("Speed"), tr("How fast the film plays, slow to fast"))
        self.slow.setAccessibleName(tr("Slow"))
        self.fast.setAccessibleName(tr("Fast"))
        self.slow.setToolTip(tr("Slow"))
        self.fast.setToolTip(tr("Fast"))
        self._sync_play()
        self._sync_speed()

    def set_fps(self, fps: int) -> None:
        if fps != self.player.project.settings.fps:
            self.player.set_fps(fps)
            self.announce.emit(tr("Speed: {fps} pictures a second", fps=fps))

    def _sync_play(self) -> None:
        playing = self.player.is_playing()
        if playing:
            label_button(self.play, tr("Stop"), tr("Stop the film"), "Space")
        else:
            label_button(self.play, tr("Play"), tr("Play the film"), "Space")
        self.play.setIcon(icons.icon("stop" if playing else "play"))
        self.play.setProperty("playing", playing)
        self.play.style().unpolish(self.play)
        self.play.style().polish(self.play)

    def _sync_speed(self) -> None:
        fps = self.player.project.settings.fps
        if self.speed.value() != fps:
            self.speed.blockSignals(True)
            self.speed.setValue(max(SLOWEST, min(FASTEST, fps)))
            self.speed.blockSignals(False)
        self.speed.setAccessibleDescription(
            tr("How fast the film plays, slow to fast") + ". "
            + tr("{fps} pictures a second", fps=fps))

"""Play, pause, step and speed: big buttons, named speed presets, loop / once / ping-pong."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from kadr.core.player import PRESETS, Player
from kadr.core.project import PLAY_MODES
from kadr.i18n import tr
from kadr.ui.a11y import big_enough, button, describe, label_button


class PlaybackBar(QWidget):
    announce = Signal(str)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playbackBar")
        self.player = player
        project = player.project
        self.back = button("step_back", self, on_click=lambda: player.step(-1))
        self.toggle = player.toggle  # the studio puts its flash-safety check in front
        self.play = button("play", self, on_click=lambda: self.toggle())
        self.forward = button("step_forward", self, on_click=lambda: player.step(1))
        self.presets = {name: button(f"speed_{name}", self, checkable=True,
                                     on_click=lambda n=name: self.set_fps(PRESETS[n]))
                        for name in PRESETS}
        self.fps_label = QLabel(self)
        self.fps = QSpinBox(self)
        self.fps.setObjectName("fps")
        big_enough(self.fps)
        self.fps.setRange(1, 30)
        self.fps.setValue(project.settings.fps)
        self.fps.valueChanged.connect(self.set_fps)
        self.fps_label.setBuddy(self.fps)
        self.mode = QComboBox(self)
        self.mode.setObjectName("play_mode")
        big_enough(self.mode)
        self.mode.currentIndexChanged.connect(self._mode_chosen)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.back, self.play, self.forward, *self.presets.values(), self.fps_label,
                  self.fps, self.mode):
            row.addWidget(w)
        player.started.connect(self._sync_play)
        player.stopped.connect(self._sync_play)
        project.settings_changed.connect(self._sync_speed)
        self.retranslate()

    def retranslate(self) -> None:
        label_button(self.back, tr("Back one"), tr("Show the picture before"), "Left")
        label_button(self.forward, tr("Next one"), tr("Show the next picture"), "Right")
        names = {"slow": tr("Slow"), "normal": tr("Normal"), "fast": tr("Fast")}
        for name, b in self.presets.items():
            label_button(b, names[name], tr("Play {fps} pictures a second", fps=PRESETS[name]))
        self.fps_label.setText(tr("Pictures a second:"))
        describe(self.fps, tr("Pictures a second"), tr("How fast the film plays, 1 to 30"))
        self.mode.blockSignals(True)
        self.mode.clear()
        for mode, text in zip(PLAY_MODES, (tr("Play again and again"), tr("Play once"),
                                           tr("Play forwards and back"))):
            self.mode.addItem(text, mode)
        self.mode.setCurrentIndex(PLAY_MODES.index(self.player.project.settings.play_mode))
        self.mode.blockSignals(False)
        describe(self.mode, tr("How to play"), tr("Again and again, once, or forwards and back"))
        self._sync_play()
        self._sync_speed()

    def set_fps(self, fps: int) -> None:
        if fps != self.player.project.settings.fps:
            self.player.set_fps(fps)
            self.announce.emit(tr("Speed: {fps} pictures a second", fps=fps))

    def _mode_chosen(self, row: int) -> None:
        mode = self.mode.itemData(row)
        if mode:
            self.player.project.set_play_mode(mode)

    def _sync_play(self) -> None:
        if self.player.is_playing():
            label_button(self.play, tr("Stop"), tr("Stop the film"), "Space")
        else:
            label_button(self.play, tr("Play"), tr("Play the film"), "Space")

    def _sync_speed(self) -> None:
        fps = self.player.project.settings.fps
        if self.fps.value() != fps:
            self.fps.blockSignals(True)
            self.fps.setValue(fps)
            self.fps.blockSignals(False)
        for name, b in self.presets.items():
            b.setChecked(PRESETS[name] == fps)

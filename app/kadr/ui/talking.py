"""Talking buttons: say a control's name when it gets keyboard focus or the pointer rests
on it, for learners who cannot read the labels yet. Off for screen reader users (a setting;
QAccessible.isActive() turns true for any accessibility client, so it cannot decide this).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from kadr.settings import Settings

HOVER_MS = 600


class TalkingButtons(QObject):
    def __init__(self, settings: Settings, speech: QObject, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings, self.speech = settings, speech
        self._hovered: QWidget | None = None
        self._timer = QTimer(self, singleShot=True, interval=HOVER_MS)
        self._timer.timeout.connect(self._hover_rest)

    def active(self) -> bool:
        s = self.settings
        return s.talking_buttons and s.speech_enabled and not s.uses_screen_reader

    def words(self, widget: QWidget) -> str:
        return widget.accessibleName() or ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            self.speech.stop()  # type: ignore[attr-defined]  # Escape always silences Kadr
            return False  # ... and still does its usual job (close, cancel)
        if not self.active() or not isinstance(obj, QWidget):
            return False
        if kind == QEvent.Type.FocusIn and self.words(obj):
            self.speech.say(self.words(obj), "drop_if_busy")  # type: ignore[attr-defined]
        elif kind == QEvent.Type.Enter and self.words(obj):
            self._hovered = obj
            self._timer.start()
        elif kind == QEvent.Type.Leave and obj is self._hovered:
            self._timer.stop()
            self._hovered = None
        return False

    def _hover_rest(self) -> None:
        if self._hovered is not None:
            self.speech.say(self.words(self._hovered), "drop_if_busy")  # type: ignore[attr-defined]

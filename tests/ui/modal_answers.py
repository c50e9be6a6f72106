"""Answering a modal window from a test: ``exec()`` blocks, so the answer is sent from a
timer once the window is up, with real key presses and mouse clicks. If the answer fails
(or the window is still open after a while) the window is closed, so a failing test
fails instead of hanging, and the error is raised again by ``check()``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

ERRORS: list[BaseException] = []


def when_shown(kind: type[QDialog], act: Callable[[QDialog], object],
               seen: list[QDialog] | None = None, tries: int = 400,
               give_up_ms: int = 10000) -> None:
    """Call ``act(dialog)`` as soon as a visible modal ``kind`` is up (~4 s at most)."""

    def look(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            if seen is not None:
                seen.append(dialog)
            QTimer.singleShot(give_up_ms, dialog, dialog.reject)  # never hang the tests
            try:
                act(dialog)
            except BaseException as error:  # noqa: BLE001  (re-raised by check())
                ERRORS.append(error)
                dialog.reject()
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))

    QTimer.singleShot(0, look)


def check() -> None:
    """Raise the first error an answer met (and forget them all)."""
    if ERRORS:
        error = ERRORS[0]
        ERRORS.clear()
        raise error

"""Reduced motion: the one answer the whole UI asks (`reduced()`), from the learner's
setting or, while they have not chosen, from the system (WCAG 2.3.3).

With reduced motion nothing moves by itself: a lesson's pulse is a still highlight, a
button to press stays highlighted instead of blinking, and the end of a lesson shows one
still picture until the child presses Play. The film itself still plays when asked: it
is the child's work, not decoration.

The system's choice: Qt's motion preference (Qt 6.8+, from Windows, macOS and some Linux
desktops), else GNOME's ``enable-animations`` read once through ``gsettings``, else none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

_choice: bool | None = None  # the learner's choice; None: follow the system


class _Notice(QObject):
    changed = Signal(bool)  # reduced() now says this


_notice: _Notice | None = None
_hints: object = None  # the application's style hints, kept: its accessibility dies with it


def _qt_preference() -> bool | None:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return None
    hints = app.styleHints()  # held: its accessibility hints go with it
    getter = getattr(hints, "accessibility", None)
    access = getter() if getter is not None else None
    if access is None or not hasattr(access, "motionPreference"):
        return None
    if access.motionPreference() == Qt.MotionPreference.ReducedMotion:
        return True
    return None  # "no preference" may only mean the platform does not say


@lru_cache(maxsize=1)
def _gnome_animations_off() -> bool:
    """GNOME's "Animations" switch is off (asked once: it costs a process)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return False
    try:
        out = subprocess.run([gsettings, "get", "org.gnome.desktop.interface",
                              "enable-animations"], capture_output=True, text=True,
                             timeout=2, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return out.strip() == "false"


def system_prefers_still() -> bool:
    """The system asks for reduced motion."""
    return bool(_qt_preference()) or _gnome_animations_off()


def reduced() -> bool:
    """Nothing should move by itself: the learner's choice, or the system's."""
    return system_prefers_still() if _choice is None else _choice


def from_setting(value: str) -> bool | None:
    """The setting's words ("", "on", "off") as a choice (None: follow the system)."""
    return {"on": True, "off": False}.get(value)


def set_choice(choice: bool | None) -> None:
    """The learner chose (True/False) or follows the system (None)."""
    global _choice
    before = reduced()
    _choice = choice
    if reduced() != before:
        notice().changed.emit(reduced())


def notice() -> _Notice:
    """Tells ``changed(bool)`` when the answer changes (a setting or the system's)."""
    global _notice, _hints
    if _notice is None:
        _notice = _Notice()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            _notice.setParent(app)
            _hints = app.styleHints()
            access = getattr(_hints, "accessibility", lambda: None)()
            if access is not None and hasattr(access, "motionPreferenceChanged"):
                access.motionPreferenceChanged.connect(_system_changed)
    return _notice


def _system_changed(*_args: object) -> None:
    if _choice is None:
        notice().changed.emit(reduced())

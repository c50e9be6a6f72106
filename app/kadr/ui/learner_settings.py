"""A learner's settings as teachers and locks see them: each setting's words (the same
as the settings window's), the padlock picture, and the words a locked setting shows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kadr.i18n import tr
from kadr.ui import icons

LOCKABLE = ("language", "ui_scale", "theme", "speech_enabled", "talking_buttons",
            "uses_screen_reader", "speech_rate", "speech_volume", "voice", "keyboard_pen",
            "switch_scan", "switches", "scan_seconds", "scan_pause", "scan_speak",
            "sweep_seconds", "pen_step", "stabiliser", "click_move_click", "dwell",
            "dwell_seconds", "ignore_marks", "reduced_motion", "easy_font", "text_spacing",
            "allow_skip", "level")


def setting_words() -> dict[str, str]:
    """Setting name -> its name as the settings window shows it."""
    return {
        "language": tr("Language"), "ui_scale": tr("Size of buttons and words"),
        "theme": tr("Colours"), "speech_enabled": tr("Kadr speaks"),
        "talking_buttons": tr("Talking buttons"), "uses_screen_reader": tr("I use a screen reader"),
        "speech_rate": tr("Speaking speed"), "speech_volume": tr("Loudness"),
        "voice": tr("Voice"), "keyboard_pen": tr("Keyboard pen"),
        "switch_scan": tr("Switch scanning"), "switches": tr("One switch or two"),
        "scan_seconds": tr("Scanning time"), "scan_pause": tr("Pause after a press"),
        "scan_speak": tr("Say each button"), "sweep_seconds": tr("Pointing line time"),
        "pen_step": tr("Keyboard pen step"), "stabiliser": tr("Steady hand"),
        "click_move_click": tr("Click to start and stop drawing"),
        "dwell": tr("Click by resting the pointer"), "dwell_seconds": tr("Resting time"),
        "ignore_marks": tr("Ignore tiny marks"), "reduced_motion": tr("Movement on screen"),
        "easy_font": tr("Letters easy to tell apart"),
        "text_spacing": tr("Space between letters, words and lines"),
        "allow_skip": tr("Lessons can be skipped"), "level": tr("All tools"),
    }


def locked_words(by: str, teacher: bool = False) -> str:
    """What a locked setting says beside it: to a learner, who set it; to a teacher, where
    to change it."""
    if teacher and by == "classroom":
        return tr("Set in the classroom file")
    return tr("Your teacher set this")


def padlock_file() -> str:
    """The padlock for the theme in use, as a picture file a label's words can show."""
    ink, _paper, _flat = icons.colours()
    folder = Path(tempfile.gettempdir()) / "kadr-ui"
    path = folder / f"padlock-{icons._current()}-{ink.lstrip('#')}.png"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        icons.image("padlock", 64).save(str(path))
    return path.as_posix()


def locked_label(text: str, words: str, size: int = 24) -> str:
    """A settings row's label with the padlock and the lock's words (rich text)."""
    from html import escape

    return (f'<img src="{padlock_file()}" width="{size}" height="{size}"> '
            f"{escape(text)} — <b>{escape(words)}</b>")

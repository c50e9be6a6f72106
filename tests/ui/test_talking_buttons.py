"""Talking buttons: a control's name is spoken on focus, unless a screen reader is used;
Escape silences Kadr. Uses the real speech worker with the silent sink (no sound card)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kadr.settings import Settings
from kadr.speech import SpeechService
from kadr.ui.talking import TalkingButtons


@pytest.fixture
def speech(qtbot):
    service = SpeechService(engine_env={"KADR_SPEECH_SINK": "null"})
    yield service
    service.shutdown()


def window_with_buttons(qtbot):
    w = QWidget()
    layout = QVBoxLayout(w)
    buttons = []
    for name in ("Play", "Stop"):
        b = QPushButton(name, w)
        b.setAccessibleName(name)
        layout.addWidget(b)
        buttons.append(b)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w, buttons


def test_focus_speaks_the_name(qtbot, qapp, speech):
    """With talking buttons on, moving focus to a button says its name."""
    captions = []
    speech.caption.connect(captions.append)
    talking = TalkingButtons(Settings(talking_buttons=True), speech)
    qapp.installEventFilter(talking)
    try:
        w, (play, stop) = window_with_buttons(qtbot)
        w.activateWindow()
        play.setFocus()
        stop.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: "Stop" in captions or "Play" in captions, timeout=5000)
    finally:
        qapp.removeEventFilter(talking)


def test_screen_reader_users_are_not_spoken_over(qtbot, qapp, speech):
    """With 'I use a screen reader' on, focus is not echoed by Kadr."""
    captions = []
    speech.caption.connect(captions.append)
    talking = TalkingButtons(Settings(talking_buttons=True, uses_screen_reader=True), speech)
    qapp.installEventFilter(talking)
    try:
        w, (play, stop) = window_with_buttons(qtbot)
        play.setFocus()
        stop.setFocus()
        qtbot.wait(300)
        assert captions == []
    finally:
        qapp.removeEventFilter(talking)


def test_escape_stops_speech(qtbot, qapp, speech):
    """Escape stops what Kadr is saying at once."""
    talking = TalkingButtons(Settings(), speech)
    qapp.installEventFilter(talking)
    try:
        w, (play, _stop) = window_with_buttons(qtbot)
        speech.say("This is a long sentence that keeps going for a good while so that "
                   "it is still being spoken when Escape is pressed by the learner.")
        qtbot.waitUntil(speech.is_speaking, timeout=10000)
        QTest.keyClick(play, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not speech.is_speaking(), timeout=1000)
    finally:
        qapp.removeEventFilter(talking)


def test_quiet_button_stops_speech(qtbot, qapp, speech, tmp_path):
    """The studio's 'Quiet' button stops what Kadr is saying."""
    from kadr.core.library import Library
    from kadr.core.project import blank_project
    from kadr.core.store import save_copy
    from kadr.ui import canvas_words
    from kadr.ui.main_window import MainWindow

    canvas_words.install()
    path = tmp_path / "film.kadr"
    save_copy(blank_project(64, 64), path)
    window = MainWindow(Settings(language="en"), Library(tmp_path / "lib"), speech)
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(path)
    speech.say("This is a long sentence that keeps going for a good while so that it is "
               "still being spoken when the Quiet button is pressed.")
    qtbot.waitUntil(speech.is_speaking, timeout=10000)
    QTest.mouseClick(window.studio.stop_talking, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not speech.is_speaking(), timeout=1000)
    window.close_project()

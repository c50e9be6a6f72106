"""One voice (issue 15): a child who uses a screen reader hears every lesson message from
the screen reader, and Kadr's own voice says only what the child asks it to read (the
lesson's Say it again).

In-process (offscreen, no bus): the real main window, a shipped lesson opened from the
lessons screen, real key presses on the canvas (the keyboard pen) and the real speech
service with its silent sink; what Kadr sends to its speech service is recorded at its
``say``. "Heard through the screen reader" is checked as Orca 43 reads it: the message
is in front of the focused control's description (the Orca session in
test_orca_session.py hears the same messages spoken).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.core.library import Library
from kadr.settings import Settings
from kadr.speech import SpeechService
from kadr.ui import canvas_words, theme
from kadr.ui.main_window import MainWindow

STEP = "Draw a big face."
REASON = "Make the drawing bigger in picture 1."
HELP = "Draw a circle on the dots."
PRAISE = "You drew a face."
KEYS = {"L": Qt.Key.Key_Left, "R": Qt.Key.Key_Right, "U": Qt.Key.Key_Up, "D": Qt.Key.Key_Down,
        "_": Qt.Key.Key_Space, "E": Qt.Key.Key_Return}
# the same face as the Orca session draws (10 px a key, 50 with Shift)
SHORT_LINE = "_ R R R _"
FACE = ("+L +L L L +U +U U _ +R +R +R R R R +D +D +D D D D +L +L +L L L L +U +U +U U U U _ "
        "+R +D E +R R E")


class RecordingSpeech(SpeechService):
    """The real speech service (silent sink) that keeps every text it is asked to say."""

    def __init__(self) -> None:
        super().__init__(engine_env={"KADR_SPEECH_SINK": "null"})
        self.asked: list[str] = []

    def say(self, text: str, policy: str = "now", lang: str | None = None, *,
            spoken: str | None = None) -> None:
        self.asked.append(str(text))
        super().say(text, policy, lang, spoken=spoken)


def keys(qtbot, widget, sequence: str) -> None:
    for token in sequence.split():
        shift = token.startswith("+")
        QTest.keyClick(widget, KEYS[token.lstrip("+")],
                       Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier)
        qtbot.wait(5)


def heard_by_screen_reader(widget, words: str) -> bool:
    """Orca 43 reads a changed description of the focused control: the words are there."""
    focus = QApplication.focusWidget()
    return focus is not None and focus.window() is widget.window() and \
        words in focus.accessibleDescription()


@pytest.fixture
def session(qtbot, qapp, tmp_path, request):
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    speech = RecordingSpeech()
    settings = Settings(language="en", uses_screen_reader=request.param)
    window = MainWindow(settings, Library(tmp_path / "library"), speech)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window, speech
    if window.celebration is not None:
        window.celebration.done(0)
    window.close()
    speech.shutdown()


def start_first_lesson(qtbot, window):
    """Lessons (Ctrl+L in the gallery), Enter on the first lesson: A face that blinks."""
    QTest.keyClick(window.gallery, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = window.lessons_screen
    assert screen is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.picker.list)
    QTest.keyClick(screen.picker.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.studio is not None and window.studio.canvas.hasFocus())
    studio = window.studio
    studio.tools.stabiliser = 0
    studio.toggle_keyboard_pen()
    return studio


def wait_for_message(qtbot, window, words: str) -> None:
    qtbot.waitUntil(lambda: any(words in text for text in window.announcement_log),
                    timeout=10000)
    qtbot.waitUntil(lambda: heard_by_screen_reader(window, words), timeout=5000)


@pytest.mark.parametrize("session", [True], indirect=True)
def test_with_a_screen_reader_only_say_it_again_uses_kadrs_voice(qtbot, session):
    window, speech = session
    studio = start_first_lesson(qtbot, window)
    canvas, panel = studio.canvas, studio.lesson_panel
    assert any(STEP in text for text in window.announcement_log)
    keys(qtbot, canvas, SHORT_LINE)  # too small for a face: the reason comes
    wait_for_message(qtbot, window, REASON)
    QTest.keyClick(canvas, Qt.Key.Key_F3)  # Help's first rung
    wait_for_message(qtbot, window, HELP)
    keys(qtbot, canvas, FACE)
    wait_for_message(qtbot, window, PRAISE)
    celebration = window.show_celebration()
    assert celebration is not None
    qtbot.waitUntil(lambda: celebration.announcement() in window.announcement_log)
    qtbot.wait(300)
    for words in (STEP, REASON, HELP, PRAISE, celebration.spoken()):
        assert not any(words in text for text in speech.asked), (words, speech.asked)
    celebration.done(0)
    qtbot.waitUntil(lambda: window.celebration is None)
    # the child asks: Kadr's voice reads the step
    QTest.mouseClick(panel.say_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(speech.asked))
    assert speech.asked == [panel.run.repeat()], speech.asked


@pytest.mark.parametrize("session", [False], indirect=True)
def test_without_a_screen_reader_kadr_says_the_lesson(qtbot, session):
    """The same messages are Kadr's to say when no screen reader reads them."""
    window, speech = session
    studio = start_first_lesson(qtbot, window)
    keys(qtbot, studio.canvas, SHORT_LINE)
    qtbot.waitUntil(lambda: any(REASON in text for text in speech.asked), timeout=10000)
    assert any(STEP in text for text in speech.asked), speech.asked

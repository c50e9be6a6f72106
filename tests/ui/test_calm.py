"""Calm and clear: reduced motion is one answer (ui/motion.py) that the lesson's pulse and
the celebration ask; letters easy to tell apart and more space between letters, words and
lines reach every widget, and the studio still fits with both at their most."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from test_studio_fits import SCREENS, TITLE_BAR, problems

from helpers import film
from kadr import fonts, i18n
from kadr.settings import Settings
from kadr.ui import canvas_words, motion, theme


@pytest.fixture(autouse=True)
def plain_again(qapp):
    yield
    motion.set_choice(None)
    i18n.set_language("en")
    theme.apply(qapp, "standard", 1.0)


def test_the_setting_decides_and_an_empty_one_follows_the_system(qapp):
    motion.set_choice(motion.from_setting(""))
    assert motion.reduced() == motion.system_prefers_still()
    heard = []
    motion.notice().changed.connect(heard.append)
    theme.apply_settings(qapp, Settings(reduced_motion="on"))
    assert motion.reduced() and heard[-1] is True
    theme.apply_settings(qapp, Settings(reduced_motion="off"))
    assert not motion.reduced() and heard[-1] is False
    motion.notice().changed.disconnect(heard.append)


def test_reduced_motion_stills_the_lessons_pulse(qapp):
    from kadr.lessons.guide import Guide
    from kadr.ui.lesson_overlay import LessonOverlay

    motion.set_choice(False)
    overlay = LessonOverlay()
    guide = Guide("circle", (320, 240, 80))
    assert overlay.pulse([guide])
    assert overlay.pulse_strength() < 0.5  # a swell starts from nothing
    motion.set_choice(True)  # chosen while it pulses: it is still at once
    assert overlay.reduced_motion and overlay.pulse_strength() == 1.0
    overlay.clear_help()
    assert overlay.pulse([guide]) and overlay.pulse_strength() == 1.0


def test_reduced_motion_shows_the_celebration_still_and_play_still_plays(qtbot):
    from kadr.ui.celebration import Celebration

    motion.set_choice(True)
    party = Celebration(film(3), "A ball", 2, "A frog")
    qtbot.addWidget(party)
    party.show()
    assert party.still and not party.is_playing() and not party.view.pixmap().isNull()
    QTest.mouseClick(party.play_button, Qt.MouseButton.LeftButton)
    assert party.is_playing()  # the film is the child's work: it plays when asked
    party.done(0)
    motion.set_choice(False)
    moving = Celebration(film(3), "A ball", 2, "A frog")
    qtbot.addWidget(moving)
    moving.show()
    assert not moving.still and moving.is_playing()
    moving.done(0)


def test_easy_letters_and_spacing_reach_every_widget(qtbot, qapp):
    fonts.install()
    assert fonts.EASY_FAMILY in QFontDatabase.families()
    label = QLabel("Illustrate a bird")
    qtbot.addWidget(label)
    label.show()
    plain = label.sizeHint().width()
    theme.apply_settings(qapp, Settings(easy_font=True, text_spacing=3))
    qapp.processEvents()
    font = label.font()
    assert QFontInfo(font).family() == fonts.EASY_FAMILY
    assert font.families()[1:3] == ["Noto Sans", "DejaVu Sans"]  # Cyrillic falls back
    assert font.letterSpacingType() == QFont.SpacingType.PercentageSpacing
    assert font.letterSpacing() > 100 and font.wordSpacing() > 0
    assert label.sizeHint().width() > plain * 1.1
    # Russian and Kazakh letters come from the next family: none is drawn as a box
    russian = QFont(font)
    russian.setFamilies(font.families()[1:2])
    assert all(QFontMetrics(russian).inFontUcs4(ord(ch)) for ch in "жәғқңөұүһі")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("screen", ["netbook", "laptop"])
def test_the_studio_fits_with_easy_letters_and_the_most_space(qtbot, qapp, screen, scale,
                                                               language):
    i18n.set_language(language)
    settings = Settings(language=language, level="all", ui_scale=scale, easy_font=True,
                        text_spacing=3)
    theme.apply_settings(qapp, settings)
    canvas_words.install()
    from kadr.ui.studio import Studio

    studio = Studio(film(6, 640, 480), settings)
    qtbot.addWidget(studio)
    w, h = SCREENS[screen]
    studio.resize(w, h - TITLE_BAR)
    studio.show()
    qtbot.waitExposed(studio)
    qtbot.wait(10)
    assert studio.font().letterSpacing() > 100
    assert problems(studio) == []


def test_settings_window_has_the_new_choices(qtbot, qapp):
    from kadr.ui.settings_dialog import SettingsDialog

    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        assert dialog.labels[dialog.stabiliser].text() == "Steady hand"
        assert dialog.end_words["shaky"].text() == "Off"  # words and pictures, no numbers
        assert dialog.end_words["steady"].text() == "Very steady"
        row = dialog.steady_row
        pictures = [w for w in row.findChildren(QLabel) if w.pixmap() and not w.pixmap().isNull()]
        assert len(pictures) == 2
        for box in (dialog.click_move, dialog.easy_font):
            box.setFocus()
            QTest.keyClick(box, Qt.Key.Key_Space)
        assert settings.click_move_click and settings.easy_font
        dialog.dwell.setCurrentIndex(2)
        dialog.motion.setCurrentIndex(1)
        dialog.spacing.setValue(3)
        dialog.dwell_seconds.setValue(25)
        dialog.ignore_marks.setValue(6)
        assert (settings.dwell, settings.reduced_motion, settings.text_spacing,
                settings.dwell_seconds, settings.ignore_marks) == ("paper", "on", 3, 2.5, 6)
        for w in (dialog.click_move, dialog.dwell, dialog.dwell_seconds, dialog.ignore_marks,
                  dialog.motion, dialog.easy_font, dialog.spacing):
            assert w.accessibleName() and w.accessibleDescription()
    finally:
        dialog.reject()


WORDS = ("Draw a big face with two eyes. Then press Next, and draw the same face with its "
         "eyes shut, so that it blinks when the film plays.")


def test_more_space_between_lines_of_wrapped_words(qtbot, qapp):
    """The reader's spacing also opens up the lines of wrapped words, 150 % at step 2
    (WCAG 1.4.12), live when it changes; the words stay plain for screen readers, and a
    film's name is never read as markup."""
    from PySide6.QtGui import QAccessible

    from kadr.ui.wrapping import WrappedLabel

    label = WrappedLabel()
    qtbot.addWidget(label)
    label.setFixedWidth(220)
    label.setText(WORDS)
    usual = label.heightForWidth(220)
    assert usual > 3 * QFontMetrics(label.font()).lineSpacing()  # several lines
    theme.apply_settings(qapp, Settings(text_spacing=2))
    spaced = label.heightForWidth(220)  # the label followed the change by itself
    assert spaced >= usual * 1.4
    assert label.text() == WORDS
    assert QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name) == WORDS
    label.setText("<b>My film</b> & more")
    assert QAccessible.queryAccessibleInterface(label).text(
        QAccessible.Text.Name) == "<b>My film</b> & more"
    theme.apply_settings(qapp, Settings(text_spacing=0))
    label.setText(WORDS)
    assert label.heightForWidth(220) == usual


@pytest.mark.parametrize("where", ["question", "lesson step"])
def test_the_childs_longer_words_get_the_space_between_lines(qtbot, qapp, where):
    """Where a child reads more than a few words: a question, a lesson's step."""
    from kadr.ui.confirm import ConfirmDialog
    from kadr.ui.lesson_panel import LessonPanel
    from kadr.ui.wrapping import WrappedLabel

    theme.apply_settings(qapp, Settings(text_spacing=3))
    if where == "question":
        window = ConfirmDialog(None, WORDS, "Yes", "No")
        labels = [window.label]
    else:
        window = LessonPanel()
        labels = window.findChildren(WrappedLabel)
    qtbot.addWidget(window)
    assert labels and all(isinstance(x, WrappedLabel) for x in labels)
    label = labels[0]
    label.setText(WORDS)
    label.setFixedWidth(220)
    spaced = label.heightForWidth(220)
    theme.apply_settings(qapp, Settings(text_spacing=0))
    assert spaced >= label.heightForWidth(220) * 1.5

"""A language switch changes every word on screen at once: the lesson beside the canvas,
"Watch how", a hint on show, the caption line and an open Settings window."""

from __future__ import annotations

from helpers import film
from kadr import i18n
from kadr.lessons import Progress, load_lessons
from kadr.settings import Settings
from kadr.ui import canvas_words


def test_lesson_hint_caption_and_watch_how_switch(qtbot, tmp_path):
    canvas_words.install()
    from kadr.ui.studio import Studio

    studio = Studio(film(2), Settings(language="en"))
    qtbot.addWidget(studio)
    lesson = load_lessons()[0][0]
    studio.attach_lesson(lesson, Progress(tmp_path))
    panel = studio.lesson_panel
    panel.show_hint(spoken=False)
    step = panel.run.current_step
    english = (studio.watch_example.text(), panel.hint_label.text(), studio.caption.text())
    try:
        i18n.set_language("ru")
        studio.retranslate()  # what the main window does for every screen
        assert studio.watch_example.text() == i18n.tr("Watch how") != english[0]
        assert panel.hint_label.text() == lesson.text("hint", step.id, lang="ru") != english[1]
        assert studio.caption.text() == lesson.text("instruction", step.id, lang="ru")
        assert studio.caption.text() != english[2]
        assert panel.next_button.text() == i18n.tr("Next") != "Next"
        assert panel.run.hints_shown == 1  # showing the hint again is not another hint
    finally:
        i18n.set_language("en")


def test_settings_window_follows_the_language_chosen_in_it(qtbot):
    from kadr.ui.settings_dialog import SettingsDialog

    settings = Settings(language="en")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.changed.connect(lambda: i18n.set_language(settings.language))
    try:
        russian = next(i for i in range(dialog.language.count())
                       if dialog.language.itemData(i) == "ru")
        dialog.language.setCurrentIndex(russian)
        assert dialog.windowTitle() == i18n.tr("Settings") != "Settings"
        assert dialog.close_button.text() == i18n.tr("Close") != "Close"
    finally:
        i18n.set_language("en")
        dialog.close()


def test_the_canvas_says_where_a_lessons_guide_is(qtbot, tmp_path):
    canvas_words.install()
    from kadr.ui.studio import Studio

    studio = Studio(film(2), Settings(language="en"))
    qtbot.addWidget(studio)
    lesson = next(lesson for lesson in load_lessons()[0]
                  if any(step.guides for step in lesson.steps))
    studio.attach_lesson(lesson, Progress(tmp_path))
    panel = studio.lesson_panel
    while not panel.run.current_step.guides:
        panel.skip()
    qtbot.waitUntil(lambda: "Guide: a dotted" in studio.canvas.accessibleDescription(),
                    timeout=2000)


def test_place_words_follow_the_languages_order():
    """"Top left" in English and Russian; left before top in Korean and Japanese."""
    from kadr.ui.canvas_words import place_name

    try:
        assert place_name(0.1, 0.1) == "top left"
        for lang in ("ko", "ja"):
            i18n.set_language(lang)
            assert place_name(0.1, 0.1) == f"{i18n.tr('left')} {i18n.tr('top')}"
        i18n.set_language("ru")
        assert place_name(0.1, 0.1) == f"{i18n.tr('top')} {i18n.tr('left')}"
        assert place_name(0.5, 0.5) == i18n.tr("middle")
    finally:
        i18n.set_language("en")

"""The flow of a class (issue 14): a lesson's film goes on where the child was, is named
after its lesson and wears its symbol in the gallery; stars and "my journey" follow at once;
the end of a lesson is celebrated with the child's own film and a Next lesson button.

Everything runs through a real MainWindow on real .kadr files in a temporary library, with
real clicks and keys.
"""

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr import i18n
from kadr.core.lesson_films import films_for, free_title, new_lesson_film
from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.store import load, save_copy
from kadr.lessons import load_lessons
from kadr.settings import Settings
from kadr.ui import canvas_words, theme
from kadr.ui.celebration import Celebration
from kadr.ui.journey import LessonPicker
from kadr.ui.main_window import MainWindow

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    w = MainWindow(Settings(language="en"), Library(tmp_path / "library"))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.celebration is not None:
        w.celebration.done(0)
    w.close()
    theme.apply(qapp, "standard", 1.0)  # the next test starts in the usual theme


def click(widget):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_lessons(window):
    click(window.gallery.buttons["lessons"])
    screen = window.lessons_screen
    assert screen is not None and window.stack.currentWidget() is screen
    return screen


def choose(screen, lesson_id):
    picker = screen.picker
    row = next(i for i, x in enumerate(picker.lessons) if x.id == lesson_id)
    picker.list.setCurrentRow(row)
    return picker


def start(window, lesson_id):
    """Lessons → the lesson → its Start (or Carry on) button."""
    screen = open_lessons(window)
    click(choose(screen, lesson_id).start_button)
    assert window.studio is not None
    return window.studio.lesson_panel


def skip_to(panel, index):
    while panel.run.index < index and not panel.run.finished:
        click(panel.next_button)


def play_step(studio):
    """Press Play until the lesson notices it, then stop (a real click on the big Play)."""
    click(studio.playback.play)
    if studio.player.is_playing():
        click(studio.playback.play)


def back_to_gallery(window):
    click(window.studio.top_buttons["projects"])
    assert window.studio is None and window.stack.currentWidget() is window.gallery


def lesson(lesson_id):
    return next(x for x in load_lessons()[0] if x.id == lesson_id)


def following(lesson_id):
    lessons = load_lessons()[0]
    index = next(i for i, x in enumerate(lessons) if x.id == lesson_id)
    return lessons[index + 1]


# -- the end of a lesson -----------------------------------------------------------------
def test_finishing_a_lesson_celebrates_and_next_lesson_opens_the_next(window, qtbot):
    """Stars come from a real Play; the last step ends the lesson; the celebration loops
    the child's own film, is said and announced, and Next lesson opens the next lesson in
    a new film. The lessons screen and my journey show it all without a restart."""
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    studio = window.studio
    screen = window.lessons_screen
    for _ in range(2):  # pictures to loop through
        studio.project.add_frame(len(studio.project.frames) - 1)
    pictures = len(studio.project.frames)
    played = next(i for i, s in enumerate(first.steps) if any(g.check == "played" for g in s.goals))
    skip_to(panel, played)
    play_step(studio)
    qtbot.waitUntil(lambda: panel.run.index > played or panel.run.finished, timeout=5000)
    # the star is on the lessons screen (made before the lesson began) at once
    qtbot.waitUntil(lambda: "Stars: 1" in screen.picker.list.item(0).data(ACCESSIBLE))
    assert screen.journey.list.count() == 0
    skip_to(panel, len(first.steps))
    qtbot.waitUntil(lambda: window.celebration is not None, timeout=5000)
    party = window.celebration
    assert isinstance(party, Celebration) and party.isVisible()
    assert party.heading.text() == "You finished the lesson!"
    assert party.next_button.isVisible() and party.next_button.accessibleName() == "Next lesson"
    assert following(first.id).title() in party.next_button.accessibleDescription()
    assert any("You finished the lesson!" in a and "Next lesson" in a
               for a in window.announcement_log)
    # the child's own film, again and again
    assert party.is_playing()
    qtbot.waitUntil(lambda: len(party.shown) > pictures + 1, timeout=5000)
    assert party.shown[:pictures + 1] == [*range(pictures), 0]
    assert not party.view.pixmap().isNull()
    # my journey and the stars, without a restart
    assert screen.journey.list.count() == 1
    assert "Done" in screen.picker.list.item(0).data(ACCESSIBLE)
    first_path = window.path
    click(party.next_button)
    qtbot.waitUntil(lambda: window.studio is not None and window.studio.lesson.id ==
                    following(first.id).id, timeout=5000)
    assert window.celebration is None
    assert window.path != first_path and first_path.exists()
    assert window.studio.lesson_panel.run.index == 0
    assert window.studio.project.title == following(first.id).title()


def test_celebration_by_keyboard_and_escape(window, qtbot):
    """Next lesson has the focus, Tab reaches Keep drawing and Play, Escape closes it and
    the film is there to draw on."""
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    skip_to(panel, len(first.steps))
    qtbot.waitUntil(lambda: window.celebration is not None, timeout=5000)
    party = window.celebration
    qtbot.waitUntil(lambda: QApplication.focusWidget() is party.next_button)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is party.keep_button
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is party.play_button
    for b in (party.next_button, party.keep_button, party.play_button):
        assert b.width() >= 44 and b.height() >= 44 and b.accessibleName() and b.objectName()
        assert b.accessibleDescription()
    QTest.keyClick(party.play_button, Qt.Key.Key_Space)  # the film can be stopped
    assert not party.is_playing() and party.play_button.accessibleName() == "Play"
    QTest.keyClick(party, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.celebration is None)
    assert window.studio is not None and window.studio.lesson.id == first.id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.studio.canvas)


def test_after_the_last_lesson_there_is_no_next_lesson(window, qtbot):
    """The last lesson, with every other one finished: other praise and no Next lesson."""
    lessons = load_lessons()[0]
    progress = window.lesson_progress()
    for x in lessons[:-1]:
        progress.finish(x.id)
    last = lessons[-1]
    panel = start(window, last.id)
    skip_to(panel, len(last.steps))
    qtbot.waitUntil(lambda: window.celebration is not None, timeout=5000)
    party = window.celebration
    assert party.heading.text() == "You finished all the lessons!"
    assert party.next_button.isHidden()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is party.keep_button)
    click(party.keep_button)
    qtbot.waitUntil(lambda: window.celebration is None)


def test_reduced_motion_shows_a_still_picture_until_play(qtbot):
    from helpers import film

    project = film(3)
    party = Celebration(project, "A ball", 2, "A frog", still=True)
    qtbot.addWidget(party)
    party.show()
    assert not party.is_playing() and not party.view.pixmap().isNull()
    assert party.play_button.accessibleName() == "Play"
    click(party.play_button)
    assert party.is_playing()
    party.done(0)
    assert not party.is_playing()


# -- a lesson's film, opened again -------------------------------------------------------
def test_lesson_film_from_the_gallery_opens_at_the_last_step(window, qtbot):
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    skip_to(panel, 2)
    path = window.path
    back_to_gallery(window)
    grid = window.gallery.list
    assert grid.count() == 1
    item = grid.item(0)
    assert f"for the lesson “{first.title()}”" in item.data(ACCESSIBLE)
    assert "carry on" in item.data(DESCRIPTION)
    # the badge: the lesson's symbol drawn over the film's own thumbnail
    from kadr.ui.gallery_items import entry_icon

    entry = window.library.entry(path)
    assert item.icon().pixmap(256, 192).toImage() != entry_icon(entry).toImage()
    grid.setFocus()
    grid.setCurrentRow(0)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    studio = window.studio
    assert studio is not None and window.path == path
    panel = studio.lesson_panel
    assert panel.title.text() == first.title() and panel.run.index == 2
    assert panel.instruction.text() == first.text("instruction", first.steps[2].id)


def test_finished_lesson_film_opens_at_its_end_without_a_celebration(window, qtbot):
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    skip_to(panel, len(first.steps))
    qtbot.waitUntil(lambda: window.celebration is not None, timeout=5000)
    click(window.celebration.keep_button)
    back_to_gallery(window)
    window.gallery.list.setCurrentRow(0)
    assert "You finished this lesson." in window.gallery.list.item(0).data(DESCRIPTION)
    click(window.gallery.buttons["open"])
    panel = window.studio.lesson_panel
    assert panel.run.finished and panel.instruction.text() == "You finished the lesson!"
    assert not any(a.startswith("Step 1 of") for a in list(window.announcement_log)[-3:])
    QApplication.processEvents()
    assert window.celebration is None  # it was for the moment the lesson ended
    click(panel.back_button)  # Back shows the last step
    assert not panel.run.finished and panel.run.index == len(first.steps) - 1


def test_start_carries_on_and_start_again_keeps_the_old_film(window, qtbot):
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    skip_to(panel, 1)
    path = window.path
    back_to_gallery(window)
    screen = open_lessons(window)
    picker = choose(screen, first.id)
    assert picker.start_button.accessibleName() == "Carry on"
    assert picker.again_button.isVisible()
    assert "Started: step 2" in picker.list.currentItem().data(ACCESSIBLE)
    click(picker.start_button)
    assert window.path == path and window.studio.lesson_panel.run.index == 1
    back_to_gallery(window)
    screen = open_lessons(window)
    click(choose(screen, first.id).again_button)
    assert window.path != path and path.exists()
    assert window.studio.lesson_panel.run.index == 0
    assert window.studio.project.title == f"{first.title()} 2"
    assert [e.path for e in films_for(window.library, first.id)] == [window.path, path]
    # a lesson with no film starts: the button says so, and there is nothing to start again
    back_to_gallery(window)
    screen = open_lessons(window)
    picker = choose(screen, following(first.id).id)
    assert picker.start_button.accessibleName() == "Start lesson"
    assert not picker.again_button.isVisible()


# -- names and the file --------------------------------------------------------------------
def test_lesson_films_are_named_after_the_lesson_and_never_overwrite(tmp_path):
    library = Library(tmp_path / "library")
    bounce = lesson("bounce")
    paths = [new_lesson_film(library, bounce.new_project(), "bounce", bounce.title())
             for _ in range(3)]
    titles = [library.entry(p).title for p in paths]
    assert titles == ["A bouncing ball", "A bouncing ball 2", "A bouncing ball 3"]
    assert len({p.name for p in paths}) == 3
    # a film someone named like the fourth (in other letters) and a file with its name
    library.create("a bouncing ball 4")
    other = blank_project(64, 64, "Something else")
    save_copy(other, library.root / "A bouncing ball 5.kadr")
    assert free_title(library, bounce.title()) == "A bouncing ball 6"
    assert all(load(p).lesson == "bounce" for p in paths)
    # in the child's language
    i18n.set_language("ru")
    title = bounce.title()
    path = new_lesson_film(library, bounce.new_project(), "bounce", title)
    assert library.entry(path).title == title != "A bouncing ball"


def test_a_copy_and_a_renamed_film_keep_their_lesson(tmp_path):
    library = Library(tmp_path / "library")
    bounce = lesson("bounce")
    path = new_lesson_film(library, bounce.new_project(), "bounce", bounce.title())
    copy = library.duplicate(path)
    renamed = library.rename(path, "My ball")
    assert library.entry(copy).lesson == "bounce" == library.entry(renamed).lesson


def test_old_films_without_a_lesson_still_open(window, tmp_path):
    """A film from before lessons were remembered (no 'lesson' in its meta table), one for a
    lesson not installed here and one with a damaged id open as plain films."""
    library = window.library
    for title, value in (("Old film", None), ("Unknown lesson", "nosuch"),
                         ("Odd lesson", "../../Bounce!")):
        path = library.root / f"{title}.kadr"
        save_copy(blank_project(64, 64, title), path)
        con = sqlite3.connect(path)
        with con:
            con.execute("DELETE FROM meta WHERE key = 'lesson'")
            if value is not None:
                con.execute("INSERT INTO meta VALUES ('lesson', ?)", (value,))
        con.close()
        assert load(path).lesson in ("", "nosuch")
        assert window.open_project(path)
        assert window.studio is not None and window.studio.project.title == title
        assert getattr(window.studio, "lesson_panel", None) is None
        back_to_gallery(window)
    assert window.gallery.list.count() == 3
    for i in range(3):
        assert "for the lesson" not in window.gallery.list.item(i).data(ACCESSIBLE)


# -- the picker's facts ----------------------------------------------------------------------
@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_picker_says_age_minutes_and_level_in_every_language(qtbot, code):
    i18n.set_language(code)
    lessons = load_lessons()[0]
    picker = LessonPicker()
    qtbot.addWidget(picker)
    picker.set_lessons(lessons)
    minutes_word = i18n.tr("{count} minutes", count=7).replace("7", "").strip()
    level_word = i18n.tr("level {number}", number=7).replace("7", "").strip()
    if code != "en":  # translated, not English left in
        assert minutes_word != "minutes" and level_word != "level"
    for row, x in enumerate(lessons):
        item = picker.list.item(row)
        for text in (item.text(), item.data(ACCESSIBLE)):
            assert x.age in text and str(x.minutes) in text and str(x.level) in text
            assert minutes_word in text and level_word in text
    picker.list.setCurrentRow(3)
    facts = picker.facts
    assert facts.words["minutes"].text() == i18n.tr("{count} minutes", count=lessons[3].minutes)
    assert not facts.pictures["minutes"].pixmap().isNull()
    assert lessons[3].age in facts.accessibleName()


# -- every control named, described, big enough and ringed, in every theme ---------------------
def audit(root):
    from PySide6.QtWidgets import QAbstractButton, QListWidget

    found = [w for w in root.findChildren(QAbstractButton) + root.findChildren(QListWidget)
             if w.isVisibleTo(root)]
    assert found
    for w in found:
        assert w.objectName() and w.accessibleName() and w.accessibleDescription(), w
        assert w.width() >= 44 and w.height() >= 44, (w.objectName(), w.size())
        if isinstance(w, QAbstractButton) and w.text():
            assert w.text().replace("&", "") in w.accessibleName(), w.objectName()


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_lessons_screen_and_celebration_in_every_theme(window, qtbot, qapp, name):
    from PySide6.QtGui import QColor

    from kadr.core.colour import contrast_ratio

    theme.apply(qapp, name, 1.0)
    first = load_lessons()[0][0]
    panel = start(window, first.id)
    back_to_gallery(window)
    screen = open_lessons(window)
    choose(screen, first.id)
    QApplication.processEvents()
    assert screen.picker.again_button.isVisible()
    audit(screen)
    click(screen.picker.start_button)
    panel = window.studio.lesson_panel
    skip_to(panel, len(first.steps))
    qtbot.waitUntil(lambda: window.celebration is not None, timeout=5000)
    party = window.celebration
    qtbot.waitUntil(lambda: party.next_button.hasFocus())
    audit(party)
    # a visible focus ring after a real Tab: Keep drawing changes where the ring is drawn
    b = party.keep_button
    before = b.grab().toImage()
    QTest.keyClick(party.next_button, Qt.Key.Key_Tab)
    qtbot.waitUntil(b.hasFocus)
    after = b.grab().toImage()
    y = b.height() // 2
    changed = [x for x in range(0, 8) if after.pixelColor(x, y) != before.pixelColor(x, y)]
    assert len(changed) >= 2
    ring = QColor(theme.THEMES[name].focus)
    assert any(after.pixelColor(x, y) == ring for x in range(0, 8))
    assert contrast_ratio(theme.THEMES[name].text, theme.THEMES[name].window) >= 4.5
    assert party.heading.palette().windowText().color() == QColor(theme.THEMES[name].text)


@pytest.mark.parametrize("language", ["en", "ru", "kk", "ko", "ja"])
def test_the_celebrations_buttons_show_their_whole_words(qtbot, language):
    """Next lesson, Keep drawing and Play/Stop are as wide as their picture and word, in
    every language (they were cut to 'Kee…ing' and '…' in a small window)."""
    from PySide6.QtWidgets import QWidget

    from helpers import film
    from kadr import i18n

    i18n.set_language(language)
    try:
        host = QWidget()
        qtbot.addWidget(host)
        host.resize(1024, 600)
        host.show()
        party = Celebration(film(3), "A ball", 2, "A frog", still=False, parent=host)
        party.show()
        qtbot.waitExposed(party)
        for b in (party.next_button, party.keep_button, party.play_button):
            word = b.fontMetrics().horizontalAdvance(b.text())
            assert b.width() >= word + b.iconSize().width(), (language, b.text(), b.width())
        party.done(0)
    finally:
        i18n.set_language("en")

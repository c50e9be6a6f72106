"""Teacher mode (issue 18): the PIN (set on first use, wrong ones refused in plain words,
the wait shown), then learners, settings and locks, lessons and tools, collecting work
into real files, the lesson journey, and the export window's classroom rules."""

from __future__ import annotations

import json
import zipfile

import pytest
from learner_helpers import a_computer, click, make_film, press
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kadr.classroom.pin import PIN_FILE

MIN = 44


@pytest.fixture
def computer(tmp_path, qtbot, qapp, monkeypatch):
    yield from a_computer(tmp_path, qtbot, qapp, monkeypatch)


def type_pin(dialog, pin: str, by_buttons: bool = True) -> None:
    if by_buttons:
        for digit in pin:
            click(dialog.digits[int(digit)])
        click(dialog.ok)
    else:
        dialog.field.setFocus()
        QTest.keyClicks(dialog.field, pin)
        QTest.keyClick(dialog.field, Qt.Key.Key_Return)


def enter_teacher_mode(computer, window, pin: str = "2468"):
    """From the gallery's Teacher button: set the PIN (first use) or type it."""
    first = not (computer.learners / PIN_FILE).exists()
    click(window.gallery.teacher if window.learner is not None else window.chooser.teacher)
    dialog = window.pin_dialog
    assert dialog is not None and dialog.isVisible()
    type_pin(dialog, pin)
    if first:
        type_pin(dialog, pin, by_buttons=False)
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    return window.teacher_screen


def test_the_pin_is_set_on_first_use_then_asked_and_never_kept_in_clear(computer):
    computer.store().add("Ada", "owl")
    computer.store().add("Boris", "fox")
    window = computer.start()
    click(window.chooser.teacher)
    dialog = window.pin_dialog
    assert "Choose a teacher's PIN" in dialog.message.text()
    for b in [*dialog.digits, dialog.delete, dialog.ok, dialog.cancel]:
        assert b.width() >= MIN and b.height() >= MIN and b.accessibleName()
    type_pin(dialog, "12")  # too short: said, nothing kept
    assert dialog.message.text() == "A PIN is 4 to 8 digits."
    type_pin(dialog, "1357")
    assert dialog.message.text() == "Type the same PIN again."
    type_pin(dialog, "1358", by_buttons=False)
    assert "not the same" in dialog.message.text()
    assert not (computer.learners / PIN_FILE).exists()
    type_pin(dialog, "1357")
    type_pin(dialog, "1357", by_buttons=False)
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    stored = (computer.learners / PIN_FILE).read_text(encoding="utf-8")
    assert "1357" not in stored and json.loads(stored)["hash"].startswith("scrypt$")
    assert window.stack.currentWidget() is window.teacher_screen
    click(window.teacher_screen.done_button)
    assert window.stack.currentWidget() is window.chooser


def test_a_wrong_pin_is_refused_plainly_and_the_wait_is_shown(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()  # one learner: the gallery
    enter_teacher_mode(computer, window, "2468")
    click(window.teacher_screen.done_button)
    assert window.stack.currentWidget() is window.gallery
    click(window.gallery.teacher)
    dialog = window.pin_dialog
    assert dialog.message.text() == "Type the teacher's PIN."
    type_pin(dialog, "1111")
    assert dialog.message.text() == "That PIN is not right. Try again."
    assert window.teacher_screen is None and dialog.isVisible()
    type_pin(dialog, "2222", by_buttons=False)
    type_pin(dialog, "3333")  # the third wrong one in a row: a wait
    assert "Please wait 2 seconds" in dialog.message.text()
    assert not dialog.ok.isEnabled() and dialog.field.isReadOnly()
    computer.qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=5000)
    assert dialog.message.text() == "You can try again now."
    type_pin(dialog, "2468")
    computer.qtbot.waitUntil(lambda: window.teacher_screen is not None)
    assert window.pin_dialog is None


def test_learners_are_added_renamed_removed_and_brought_back(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    page = screen.learners_page
    page.name.setFocus()
    page.name.clear()
    QTest.keyClicks(page.name, "Boris")
    click(page.avatars["fox"])
    click(page.add)
    assert [x.name for x in computer.store().learners()] == ["Ada", "Boris"]
    assert screen.learner().name == "Boris" and screen.learner().avatar == "fox"
    page.name.clear()
    QTest.keyClicks(page.name, "Borya")
    click(page.rename)
    assert screen.learner().name == "Borya"
    make_film(screen.learner().films, "Borya's film")
    click(page.remove)
    assert [x.name for x in computer.store().learners()] == ["Ada"]
    assert page.removed.count() == 1 and "Bring back" in screen.status.text()
    click(page.restore)
    back = [x for x in computer.store().learners() if x.name == "Borya"]
    assert back and (back[0].films / "Borya's film.kadr").exists()
    # Done: two learners now, and Ada was drawing: her gallery again
    click(screen.done_button)
    assert window.stack.currentWidget() is window.gallery and window.learner.name == "Ada"


def test_a_lock_set_in_teacher_mode_holds_for_the_learner_and_the_teacher_may_change_it(
        computer):
    from kadr.ui.settings_dialog import SettingsDialog

    ada = computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["settings"])
    page = screen.settings_page
    # lock "Lessons can be skipped" for everyone, at Ada's value now (on)
    rows = {page.locks.item(i).data(Qt.ItemDataRole.UserRole): i
            for i in range(page.locks.count())}
    page.locks.setFocus()
    page.locks.setCurrentRow(rows["allow_skip"])
    QTest.keyClick(page.locks, Qt.Key.Key_Space)
    assert page.locks.item(rows["allow_skip"]).checkState() == Qt.CheckState.Checked
    assert screen.status.text() == "Lessons can be skipped is locked."
    # inside teacher mode the setting can be changed (in Ada's own settings)
    dialog = page.edit_settings()
    assert dialog.skip.isEnabled()
    press(dialog.skip)
    assert not dialog.settings.allow_skip
    dialog.close()
    own = json.loads((ada.folder / "settings.json").read_text(encoding="utf-8"))
    assert own["allow_skip"] is False
    click(screen.done_button)
    # outside: locked at the value it was locked at, and disabled for Ada
    assert window.settings.allow_skip is True
    learner_dialog = SettingsDialog(window.settings, window, locked=window.locked_settings())
    learner_dialog.show()
    assert not learner_dialog.skip.isEnabled()
    assert "Your teacher set this" in learner_dialog.skip.text()
    learner_dialog.close()
    # the lock lifted in teacher mode: Ada gets what the teacher chose for her
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["settings"])
    assert screen.settings_page.set_locked("allow_skip", False)
    click(screen.done_button)
    assert window.settings.allow_skip is False and window.locked_settings() == {}


def test_lessons_and_tools_shown_and_the_teacher_notes(computer):
    ada = computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["lessons"])
    page = screen.lessons_page
    assert page.lessons.count() >= 2
    first = page.lessons.item(0)
    page.lessons.setFocus()
    page.lessons.setCurrentRow(0)
    notes = page.notes.toPlainText()
    lesson = screen.lessons()[0]
    assert lesson.text("principle") in notes and f"About {lesson.minutes} minutes" in notes
    assert lesson.text("instruction", step=lesson.steps[0].id) in notes
    QTest.keyClick(page.lessons, Qt.Key.Key_Space)  # hide the first lesson from Ada
    assert first.checkState() == Qt.CheckState.Unchecked
    tools = {page.tools.item(i).data(Qt.ItemDataRole.UserRole): page.tools.item(i)
             for i in range(page.tools.count())}
    tools["fill"].setCheckState(Qt.CheckState.Unchecked)
    learner = computer.store().get(ada.id)
    assert lesson.id not in learner.lessons_shown and "fill" not in learner.tools_shown
    click(screen.done_button)
    assert lesson.id not in [x.id for x in window.all_lessons()]
    path = window.gallery.create_project("Tools")  # the studio hides the fill
    assert path is not None and window.studio is not None
    panel = window.studio.tools_panel
    assert panel.tool_buttons["fill"].isHidden() and not panel.tool_buttons["brush"].isHidden()


def test_portfolio_and_class_overview_buttons_write_real_files(computer, tmp_path):
    from html.parser import HTMLParser

    ada = computer.store().add("Ada", "owl")
    computer.store().add("Boris", "fox")
    make_film(ada.films, "Ada's ball")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["work"])
    page = screen.work_page
    out = tmp_path / "collected"
    page.use_folder(out)  # as "Choose another folder…" does after the system dialog
    screen.choose_learner(ada.id)
    assert page.portfolio.accessibleName() == "Portfolio of Ada"
    click(page.portfolio)
    computer.qtbot.waitUntil(lambda: "The portfolio is ready" in screen.status.text(),
                             timeout=60000)
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1
    with zipfile.ZipFile(zips[0]) as z:
        names = z.namelist()
    assert "index.html" in names and any(n.endswith(".gif") for n in names) \
        and any(n.endswith(".mp4") for n in names)
    click(page.overview)
    html = (out / "class-overview.html").read_text(encoding="utf-8")
    csv = (out / "class-overview.csv").read_text(encoding="utf-8-sig")
    assert "Ada" in csv and "Boris" in csv

    class Cells(HTMLParser):
        text: list[str] = []

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    parser = Cells()
    parser.feed(html)
    assert "Ada" in parser.text and "Boris" in parser.text
    assert "class overview is ready" in screen.status.text()


def test_the_journey_plot_and_the_classroom_file_are_shown(computer):
    from kadr.lessons import Progress

    computer.write_classroom('exports = ["gif"]\nbogus = 1\n')
    ada = computer.store().add("Ada", "owl")
    progress = Progress(ada.progress_folder)
    progress.step_reached("bounce", "one")
    progress.finish("bounce")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["work"])
    plot = screen.work_page.journey
    assert plot.accessibleName() == "Lesson journey of Ada"
    assert "Ada has begun 1 lessons and finished 1" in plot.accessibleDescription()
    assert plot.renderer.isValid()
    click(screen.section_buttons["classroom"])
    text = screen.classroom_text.toPlainText()
    assert "exports = gif" in text and "bogus" in text and "line 3" in text


def test_a_starter_film_goes_to_every_learner(computer, tmp_path):
    store = computer.store()
    ada, boris = store.add("Ada", "owl"), store.add("Boris", "fox")
    starter = make_film(tmp_path / "starter", "Our sea")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    assert screen.work_page.copy_starter(starter) == 2
    assert (ada.films / "Our sea.kadr").exists() and (boris.films / "Our sea.kadr").exists()
    assert "Every learner has the film now: 2." in screen.status.text()


def test_the_export_window_hides_what_the_classroom_does_not_allow(computer, tmp_path):
    folder = (tmp_path / "work").as_posix() + "/{learner}"
    computer.write_classroom(f'exports = ["mp4", "sheet"]\nexport_folder = "{folder}"\n')
    computer.store().add("Ada", "owl")
    window = computer.start()
    window.gallery.create_project("Ball")
    assert window.studio is not None
    from kadr.ui.export_dialog import ExportDialog

    shown: list[ExportDialog] = []

    def grab() -> None:
        dialog = window.findChild(ExportDialog)
        shown.append(dialog)
        dialog.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, grab)
    window.show_export()
    dialog = shown[0]
    visible = [fmt for fmt, radio in dialog.radios.items() if radio.isVisibleTo(dialog)]
    assert visible == ["mp4", "json"] and dialog.chosen_format() == "mp4"
    assert dialog.folder == tmp_path / "work" / "Ada"
    assert dialog.choose_folder.isHidden()


def test_teacher_mode_controls_are_named_big_and_reachable(computer):
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    for key, b in screen.section_buttons.items():
        click(b)
        page = screen.page_of[key]
        for w in [*page.findChildren(QWidget), page]:
            if isinstance(w, QAbstractButton) and w.isVisibleTo(screen):
                assert w.objectName() and w.accessibleName(), w.objectName()
                assert w.width() >= MIN and w.height() >= MIN, w.objectName()
    screen.learner_list.setFocus()
    QTest.keyClick(screen.learner_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not screen.learner_list


def test_every_setting_the_settings_window_changes_can_be_locked():
    """Each setting a control of the settings window changes is in the teacher's lock list
    with the window's own words (a new setting must not escape the teacher's lock)."""
    from kadr.ui.learner_settings import LOCKABLE, setting_words
    from kadr.ui.settings_dialog import SETTING_OF

    changed = {name for names in SETTING_OF.values() for name in names}
    assert changed <= set(LOCKABLE), changed - set(LOCKABLE)
    words = setting_words()
    assert set(LOCKABLE) <= set(words) and all(words[n] for n in LOCKABLE)


def test_the_settings_button_follows_the_chosen_learner(computer):
    """The button was made before the learners were listed and kept "Settings…", off."""
    computer.store().add("Ada", "owl")
    boris = computer.store().add("Boris", "fox")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["settings"])
    page = screen.settings_page
    assert page.edit.isEnabled() and page.edit.accessibleName() == "Settings of Ada…"
    screen.learner_list.setFocus()
    QTest.keyClick(screen.learner_list, Qt.Key.Key_Down)
    assert screen.learner().id == boris.id
    assert page.edit.accessibleName() == "Settings of Boris…"
    assert page.lock_for.itemText(1) == "Only Boris"
    click(page.edit)
    dialog = page.dialog
    assert dialog is not None and dialog.windowTitle() == "Settings of Boris"
    dialog.close()


def test_a_click_anywhere_on_a_row_ticks_it(computer):
    """The box Qt draws in a list is a few pixels: the whole row (44 px and more) is the
    target, for locks, lessons and tools."""
    computer.store().add("Ada", "owl")
    window = computer.start()
    screen = enter_teacher_mode(computer, window)
    click(screen.section_buttons["settings"])
    locks = screen.settings_page.locks
    row = next(i for i in range(locks.count())
               if locks.item(i).data(Qt.ItemDataRole.UserRole) == "allow_skip")
    locks.scrollToItem(locks.item(row))
    place = locks.visualItemRect(locks.item(row))
    assert place.height() >= MIN
    words = place.center() + QPoint(place.width() // 4, 0)  # on the words, not the box
    QTest.mouseClick(locks.viewport(), Qt.MouseButton.LeftButton, pos=words)
    assert locks.item(row).checkState() == Qt.CheckState.Checked
    assert screen.status.text() == "Lessons can be skipped is locked."
    QTest.mouseClick(locks.viewport(), Qt.MouseButton.LeftButton, pos=words)
    assert locks.item(row).checkState() == Qt.CheckState.Unchecked
    assert screen.status.text() == "Lessons can be skipped is not locked now."
    click(screen.section_buttons["lessons"])
    tools = screen.lessons_page.tools
    first = tools.item(0)
    place = tools.visualItemRect(first)
    QTest.mouseClick(tools.viewport(), Qt.MouseButton.LeftButton,
                     pos=place.center() + QPoint(place.width() // 4, 0))
    assert first.checkState() == Qt.CheckState.Unchecked
    assert first.data(Qt.ItemDataRole.UserRole) not in \
        computer.store().learners()[0].tools_shown

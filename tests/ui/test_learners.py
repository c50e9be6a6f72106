"""Learners on a shared computer (issue 18): "Who is drawing?" at start when the core says
so, each learner's own films, progress and settings, kept across a restart, and locked
settings that a learner cannot change. Real folders, real films, the real start path."""

from __future__ import annotations

import pytest
from learner_helpers import a_computer, click, make_film, press
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kadr.classroom.effective import TeacherLocks
from kadr.classroom.teacher import TeacherMode
from kadr.settings import Settings

MIN = 44


@pytest.fixture
def computer(tmp_path, qtbot, qapp, monkeypatch):
    yield from a_computer(tmp_path, qtbot, qapp, monkeypatch)


def film_titles(window) -> list[str]:
    window.gallery.refresh()
    return sorted(window.gallery.list.item(i).text().split("\n")[0]
                  for i in range(window.gallery.list.count()))


def test_the_chooser_shows_every_learner_as_a_big_named_button(computer):
    store = computer.store()
    ada = store.add("Ada", "owl")
    store.add("Boris", "fox")
    make_film(ada.films, "Ada's ball")
    window = computer.start()
    chooser = window.chooser
    assert chooser is not None and window.stack.currentWidget() is chooser
    names = [b.accessibleName() for b in chooser.buttons]
    assert names == ["Ada", "Boris"]
    for b in chooser.buttons:
        assert b.isVisible() and b.width() >= 96 and b.height() >= 96
        assert b.objectName().startswith("learner_") and b.accessibleDescription()
        assert b.text() == b.accessibleName()
    assert chooser.teacher.height() >= MIN and chooser.teacher.accessibleName() == "Teacher"
    assert "Who is drawing? Choose your picture." in window.announcement_log


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_a_class_fits_the_chooser_with_names_readable(computer, size):
    """Five learners: all on screen at once, in rows (not one long column), each button
    at least 96 px with its whole name inside it; thirty: still >= 96 px, names whole,
    and the rest a scroll away."""
    store = computer.store()
    for n in range(5):
        store.add(f"Learner {n + 1}", "owl")
    window = computer.start()
    window.resize(*size)
    chooser = window.chooser
    computer.qtbot.waitUntil(lambda: chooser.width() <= size[0])
    QApplication.processEvents()
    top = {b.mapTo(window, b.rect().topLeft()).y() for b in chooser.buttons}
    assert len(top) < 5  # several in a row
    for b in chooser.buttons:
        corner = b.mapTo(window, b.rect().bottomRight())
        assert corner.x() <= window.width() and corner.y() <= window.height()  # no scrolling
        assert b.height() >= 96 and b.fontMetrics().horizontalAdvance(b.text()) < b.width()
    for n in range(5, 30):
        store.add(f"Learner {n + 1}", "fox")
    window.show_chooser()
    for b in window.chooser.buttons:
        assert b.height() >= 96 and b.fontMetrics().horizontalAdvance(b.text()) < b.width()


def test_one_learner_at_home_goes_straight_to_their_projects(computer):
    ada = computer.store().add("Ada", "owl")
    make_film(ada.films, "Only mine")
    window = computer.start()
    assert window.chooser is None and window.stack.currentWidget() is window.gallery
    assert window.learner is not None and window.learner.id == ada.id
    assert window.library.root == ada.films
    assert any("Only mine" in t for t in film_titles(window))
    assert window.gallery.who.isVisible()  # a way to the chooser (and teacher mode) stays


def test_choosing_a_learner_by_keys_shows_only_their_films(computer):
    store = computer.store()
    ada, boris = store.add("Ada", "owl"), store.add("Boris", "fox")
    make_film(ada.films, "Ada's ball")
    make_film(boris.films, "Boris's rocket")
    window = computer.start()
    chooser = window.chooser
    chooser.buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(chooser.buttons[0], Qt.Key.Key_Right)  # arrows move, as Tab does
    assert QApplication.focusWidget() is chooser.buttons[1]
    QTest.keyClick(chooser.buttons[1], Qt.Key.Key_Return)
    computer.qtbot.waitUntil(lambda: window.learner is not None)  # Enter animates a click
    assert window.learner is not None and window.learner.name == "Boris"
    assert window.stack.currentWidget() is window.gallery
    titles = film_titles(window)
    assert any("Boris's rocket" in t for t in titles)
    assert not any("Ada's ball" in t for t in titles)
    # and back to the chooser from the gallery, then Ada by a click
    click(window.gallery.who)
    assert window.stack.currentWidget() is chooser and window.learner is None
    click(chooser.buttons[0])
    titles = film_titles(window)
    assert any("Ada's ball" in t for t in titles) and not any("Boris" in t for t in titles)


def test_profiles_are_kept_apart_and_come_back_after_a_restart(computer):
    from kadr.lessons import Progress
    from kadr.ui.settings_dialog import SettingsDialog

    store = computer.store()
    store.add("Ada", "owl")
    store.add("Boris", "fox")
    window = computer.start()
    click(window.chooser.buttons[0])  # Ada
    ada = window.learner
    # Ada makes a film, earns progress and turns talking buttons on in Settings
    made = window.gallery.create_project("Ada's own film")
    assert made is not None and made.parent == ada.films
    window.show_gallery()
    window.lesson_progress().finish("bounce")
    dialog = SettingsDialog(window.settings, window, locked=window.locked_settings())
    dialog.changed.connect(window.apply_settings)
    dialog.show()
    press(dialog.talking)
    assert window.settings.talking_buttons
    dialog.close()
    window.keep_settings()
    # Boris has none of it
    click(window.gallery.who)
    click(window.chooser.buttons[1])
    assert window.learner.name == "Boris"
    assert not any("Ada's own film" in t for t in film_titles(window))
    assert not window.settings.talking_buttons
    assert not window.lesson_progress().is_done("bounce")
    window.close()
    # a new start on the same folders: Ada's things are Ada's again
    again = computer.start()
    assert again.chooser is not None
    click(again.chooser.buttons[0])
    assert again.learner.name == "Ada" and again.settings.talking_buttons
    assert any("Ada's own film" in t for t in film_titles(again))
    assert again.lesson_progress().is_done("bounce")
    assert Progress(again.learner.progress_folder).is_done("bounce")
    click(again.gallery.who)
    click(again.chooser.buttons[1])
    assert not again.settings.talking_buttons


def test_a_locked_setting_cannot_be_changed_outside_teacher_mode(computer):
    from kadr.ui.settings_dialog import SettingsDialog

    store = computer.store()
    ada = store.add("Ada", "owl")
    store.add("Boris", "fox")
    mode = TeacherMode(store, _classroom(computer), TeacherLocks(store.root))
    mode.lock("allow_skip", False)  # for everyone
    mode.lock("talking_buttons", True, ada)  # for Ada only
    window = computer.start()
    click(window.chooser.buttons[0])
    assert window.settings.talking_buttons and not window.settings.allow_skip
    dialog = SettingsDialog(window.settings, window, locked=window.locked_settings())
    dialog.show()
    for box in (dialog.skip, dialog.talking):
        assert not box.isEnabled()
        assert "Your teacher set this" in box.text()
        assert "Your teacher set this" in box.accessibleDescription()
        assert not box.icon().isNull()  # the padlock
    # a keyboard attempt: Tab never reaches it, Space on it changes nothing
    dialog.reader.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(30):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() not in (dialog.skip, dialog.talking)
    QTest.keyClick(dialog.skip, Qt.Key.Key_Space)
    QTest.keyClick(dialog.talking, Qt.Key.Key_Space)
    press(dialog.speech)  # an unlocked one still changes (and _apply runs)
    assert dialog.skip.isChecked() is False and dialog.talking.isChecked() is True
    assert window.settings.allow_skip is False and window.settings.talking_buttons is True
    dialog.close()
    window.keep_settings()
    own = (ada.folder / "settings.json").read_text(encoding="utf-8")
    assert "allow_skip" not in own and "talking_buttons" not in own
    # Boris: only the lock for everyone holds
    click(window.gallery.who)
    click(window.chooser.buttons[1])
    locked = window.locked_settings()
    assert set(locked) == {"allow_skip"} and locked["allow_skip"] == "Your teacher set this"


def test_a_locked_level_holds_in_the_studio(computer):
    """The teacher locked the level: in the studio All tools is switched off and says who
    set it, and neither a click nor its action changes the tools shown."""
    store = computer.store()
    ada = store.add("Ada", "owl")
    store.add("Boris", "fox")
    TeacherMode(store, _classroom(computer), TeacherLocks(store.root)).lock("level", "simple")
    film = make_film(ada.films, "Locked tools")
    window = computer.start()
    click(window.chooser.buttons[0])
    assert window.open_project(film)
    studio = window.studio
    button = studio.top_buttons["level"]
    assert studio.level == "simple" and not button.isEnabled()
    assert "Your teacher set this" in button.accessibleDescription()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    studio.toggle_level()  # as a key or switch scanning would
    assert studio.level == "simple" and window.settings.level == "simple"


def test_a_setting_locked_by_the_classroom_file_is_locked_too(computer):
    from kadr.ui.settings_dialog import SettingsDialog

    computer.write_classroom("[locked]\nui_scale = 1.5\n")
    computer.store().add("Ada", "owl")
    window = computer.start()
    assert window.settings.ui_scale == 1.5
    dialog = SettingsDialog(window.settings, window, locked=window.locked_settings())
    dialog.show()
    assert not dialog.scale.isEnabled()
    label = dialog.labels[dialog.scale].text()
    assert "Your teacher set this" in label and "<img" in label
    dialog.close()


def test_without_learners_settings_stay_the_computer_accounts(qtbot, qapp, tmp_path):
    """The single-user path ($KADR_LIBRARY, as every other test uses) is as before."""
    from kadr.core.library import Library
    from kadr.settings import load_settings
    from kadr.ui.main_window import MainWindow

    settings = Settings(language="en", theme="standard")
    window = MainWindow(settings, Library(tmp_path / "films"))
    qtbot.addWidget(window)
    assert window.place is None and window.learner is None
    assert not window.gallery.who.isVisibleTo(window) and window.locked_settings() == {}
    settings.talking_buttons = True
    window.keep_settings()
    assert load_settings().talking_buttons


def _classroom(computer):
    from kadr.classroom.classroom_file import load_classroom

    return load_classroom([computer.classroom_file])


def _share(monkeypatch, folder) -> None:
    """This computer's mount table says ``folder`` is an SMB share (the one thing faked:
    a test cannot mount a real share; the table is parsed as /proc/self/mounts is)."""
    from kadr.classroom import network_share

    table = f"//server/class {folder.resolve().as_posix()} cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    monkeypatch.setattr(network_share, "_read_mount_table", lambda _platform: table)


def _film_on_share(computer, monkeypatch, title):  # type: ignore[no-untyped-def]
    """A film of Ada's in the classroom's films folder, on a (pretend) network share."""
    share = computer.root / "share"
    share.mkdir()
    computer.write_classroom(f'films_folder = "{share.as_posix()}"\n')
    _share(monkeypatch, share)
    return make_film(computer.store(share).add("Ada", "owl").films, title)


def test_a_film_on_a_share_is_worked_on_as_a_local_copy_and_put_back(computer, monkeypatch):
    from kadr.classroom.share_copy import busy_path
    from kadr.core.store import load

    film = _film_on_share(computer, monkeypatch, "On the server")
    share = computer.root / "share"
    assert film.parent.parent == share
    window = computer.start()
    assert window.open_project(film)
    copy = window.share_copy
    assert copy is not None and window.session.path != film.resolve()
    assert busy_path(film).exists()  # other computers are told it is open here
    assert window.path == copy.origin and window.open_project(film)  # comes forward
    window.studio.project.set_fps(5)
    window.show_gallery()  # closing puts it back, whole, and lets go
    assert window.share_copy is None and not busy_path(film).exists()
    assert load(film).settings.fps == 5
    assert not copy.folder.exists()


def test_a_film_open_on_another_computer_is_said_plainly(computer, monkeypatch):
    import json as json_

    from kadr.classroom.share_copy import busy_path

    film = _film_on_share(computer, monkeypatch, "Busy film")
    busy_path(film).write_text(json_.dumps({"host": "ROOM2-PC7", "pid": 1, "since": 0,
                                            "token": "theirs"}), encoding="utf-8")
    window = computer.start()
    assert not window.open_project(film)
    assert window.studio is None
    told = [t for t in window.announcement_log if "ROOM2-PC7" in t]
    assert told and "Close it there, then open it here." in told[0]
    from kadr.ui.confirm import ConfirmDialog

    boxes = [b for b in window.findChildren(ConfirmDialog) if b.isVisible()]
    assert boxes and "ROOM2-PC7" in boxes[0].label.text()
    boxes[0].reject()


def test_the_whole_program_starts_with_learners_and_migrates_an_old_install(tmp_path):
    """`kadr --exit-when-ready` without a named library: an old install (settings and a
    film) becomes the first learner, with the film where it was, and Kadr starts."""
    import json as json_
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config, data = tmp_path / "config", tmp_path / "data"
    config.mkdir()
    (config / "settings.json").write_text(json_.dumps(
        {"language": "en", "theme": "standard", "talking_buttons": True}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("KADR_LIBRARY", "KADR_CLASSROOM")}
    env.update(PYTHONPATH=str(root / "app"), QT_QPA_PLATFORM="offscreen",
               KADR_CONFIG=str(config), XDG_DATA_HOME=str(data),
               KADR_CLASSROOM=str(tmp_path / "none.toml"))
    out = subprocess.run([sys.executable, "-m", "kadr", "--exit-when-ready", "--no-speech"],
                         capture_output=True, text=True, timeout=180, env=env, cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ready ") and "Traceback" not in out.stderr
    learners = list(data.rglob("learners/*/profile.json"))
    assert len(learners) == 1
    own = json_.loads((learners[0].parent / "settings.json").read_text(encoding="utf-8"))
    assert own["talking_buttons"] is True


@pytest.mark.parametrize("name", ["standard", "calm", "contrast_dark", "contrast_light"])
def test_the_chooser_in_every_theme_has_big_buttons_and_a_focus_ring(computer, qapp, name):
    from PySide6.QtGui import QColor

    from kadr.ui import theme

    store = computer.store()
    store.add("Ada", "owl")
    store.add("Boris", "fox")
    window = computer.start()
    theme.apply(qapp, name, 1.0)
    window.chooser.set_learners(store.learners())  # pictures drawn for the theme
    focus = QColor(theme.THEMES[name].focus).rgb()

    def ring(widget) -> bool:
        image = widget.grab().toImage()
        return any(image.pixel(x, image.height() // 2) == focus for x in range(6))

    for b in [*window.chooser.buttons, window.chooser.teacher]:
        assert b.width() >= 96 or b is window.chooser.teacher
        assert b.height() >= MIN
        b.clearFocus()
        assert not ring(b)
        b.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        assert ring(b), (name, b.objectName())
    theme.apply(qapp, "standard", 1.0)


def test_names_on_the_chooser_grow_with_the_ui_size(computer, qapp):
    """At UI size 200 % the heading and the Teacher button take more room, so the cards
    come out smaller than at 100 %; the names on them must still be at least as big as
    Kadr's other words at that size (they were smaller than at 100 %: seen under openbox
    at 1024x600)."""
    from kadr.ui import theme

    store = computer.store()
    for n in range(5):
        store.add(f"Learner {n + 1}", "owl")
    window = computer.start()
    points = {}
    try:
        for scale in (1.0, 2.0):
            theme.apply(qapp, "standard", scale)
            window.resize(1024, 572)
            window.chooser.set_learners(store.learners())
            QApplication.processEvents()
            words = window.chooser.teacher.font().pointSizeF()  # the theme's own size
            names = [b.font().pointSizeF() for b in window.chooser.buttons]
            assert min(names) >= words, (scale, names, words)
            for b in window.chooser.buttons:  # picture and name inside the card, not cut
                assert b.sizeHint().height() <= b.height(), (scale, b.sizeHint(), b.size())
            points[scale] = min(names)
        assert points[2.0] > points[1.0]
    finally:
        theme.apply(qapp, "standard", 1.0)

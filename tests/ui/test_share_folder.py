"""Sharing into a known folder: Pictures/Kadr with the film's name, never over another
file, then "Show me" and where it is in words. No system save box for a child; a teacher
can choose another folder. The gallery's project file goes to the same place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QWidget

from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.store import load
from kadr.ui import places, theme
from kadr.ui.confirm import ConfirmDialog
from kadr.ui.export_dialog import ExportDialog
from kadr.ui.gallery import GalleryView


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A private home: its Pictures folder is where Qt says pictures go."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs

    def no_save_box(*_args, **_kwargs):
        raise AssertionError("a child never meets the system save box")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_save_box)
    assert places.pictures_folder() == home / "Pictures"
    return home


class Opened(QObject):
    """Catches what QDesktopServices.openUrl would open (a file manager, for real)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    catcher = Opened()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def share(qtbot, qapp, home):
    theme.apply(qapp, "standard", 1.0)
    project = blank_project(96, 64)
    project.add_frame(0)
    project.title = "Bouncing ball"
    owner = QWidget()
    owner.announcement_log = []
    qtbot.addWidget(owner)
    dialog = ExportDialog(project, None, owner)
    dialog.owner = owner  # qtbot keeps only weak references: keep the parent alive
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def save_with_keys(qtbot, dialog: ExportDialog) -> Path:
    """Tab to Save and press Space, as a keyboard user does; wait for the file."""
    for _ in range(40):
        if dialog.focusWidget() is dialog.save:
            break
        QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.save
    with qtbot.waitSignal(dialog.exported, timeout=20000) as made:
        QTest.keyClick(dialog.save, Qt.Key.Key_Space)
    return Path(made.args[0])


def test_the_share_window_says_where_before_saving(share, home):
    """Before anything is made: the Kadr folder in Pictures, the film's name; the folder
    is not made until Save."""
    kadr = home / "Pictures" / "Kadr"
    assert share.default_path() == kadr / "Bouncing ball.gif"
    assert share.where.text() == ("It will be saved in the Kadr folder, in your Pictures "
                                  "folder, as Bouncing ball.gif.")
    assert not kadr.exists()
    share.radios["mp4"].setChecked(True)
    assert "Bouncing ball.mp4" in share.where.text()


def test_save_makes_the_folder_and_the_file_then_show_me(qtbot, share, home, opened):
    """Keyboard only: Save makes Pictures/Kadr and the GIF; then "Show me" appears, the
    sentence says where, and Show me opens that folder and says it in words."""
    assert not share.show_me.isVisible()
    log = []
    share.said.connect(log.append)  # the studio shows and speaks these
    path = save_with_keys(qtbot, share)
    kadr = home / "Pictures" / "Kadr"
    assert path == kadr / "Bouncing ball.gif" and path.stat().st_size > 0
    assert share.status.text() == ("Your film is ready: Bouncing ball.gif. It is in the Kadr "
                                   "folder, in your Pictures folder.")
    assert share.status.text() in log
    assert share.show_me.isVisible()
    assert share.show_me.accessibleName() == "Show me" and share.show_me.height() >= 44
    QTest.mouseClick(share.show_me, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened.urls] == [str(kadr)]
    assert log[-1] == "Your film is in the Kadr folder, in your Pictures folder."


def test_a_second_share_never_overwrites(qtbot, share, home):
    """The same film twice: "Bouncing ball.gif", then "Bouncing ball 2.gif"; the first
    file is untouched. A name taken by another file in any case is skipped too."""
    first = save_with_keys(qtbot, share)
    before = first.read_bytes()
    second = save_with_keys(qtbot, share)
    assert second.name == "Bouncing ball 2.gif" and first.read_bytes() == before
    (first.parent / "BOUNCING BALL 3.GIF").write_bytes(b"someone else's")
    third = save_with_keys(qtbot, share)
    assert third.name == "Bouncing ball 4.gif"
    assert (first.parent / "BOUNCING BALL 3.GIF").read_bytes() == b"someone else's"


@pytest.mark.parametrize(("fmt", "made", "then"), [
    ("png", ["Bouncing ball"], "Bouncing ball 2"),
    ("json", ["Bouncing ball.json", "Bouncing ball.png"], "Bouncing ball 2.png"),
    ("pclx", ["Bouncing ball.pclx"], "Bouncing ball 2.pclx"),
])
def test_every_kind_of_file_gets_a_free_name(qtbot, share, home, fmt, made, then):
    """Picture folders and sprite sheets (a picture and its .json) are never overwritten
    either; the sprite sheet works from this window."""
    share.radios[fmt].setChecked(True)
    save_with_keys(qtbot, share)
    kadr = home / "Pictures" / "Kadr"
    assert sorted(p.name for p in kadr.iterdir()) == made
    assert share.file_name(share.default_path()) == then


def test_a_teacher_chooses_another_folder(qtbot, share, home, tmp_path, monkeypatch):
    """"Choose folder…" (for teachers) uses the system's folder chooser; Save goes there."""
    stick = tmp_path / "usb stick"
    stick.mkdir()
    asked = []

    def chooser(*args, **_kwargs):
        asked.append(args)
        return str(stick)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", chooser)
    assert share.choose_folder.accessibleName() == "Choose folder…"
    assert "teachers" in share.choose_folder.accessibleDescription()
    QTest.mouseClick(share.choose_folder, Qt.MouseButton.LeftButton)
    assert asked and str(stick) in share.where.text()
    path = save_with_keys(qtbot, share)
    assert path == stick / "Bouncing ball.gif"
    assert not (home / "Pictures" / "Kadr").exists()


def test_a_folder_that_cannot_be_made_is_said_plainly(qtbot, share, home):
    """Pictures is a file: nothing is made, a plain sentence says what to do."""
    (home / "Pictures").write_text("not a folder")
    assert share.save_here() is None
    assert "Kadr cannot make the folder" in share.status.text()
    assert "Traceback" not in share.status.text()


def test_share_controls_are_named_and_big(share):
    for name in ("export_save", "export_cancel", "export_choose_folder"):
        b = share.findChild(QAbstractButton, name)
        assert b.accessibleName() and b.accessibleDescription(), name
        assert b.width() >= 44 and b.height() >= 44, name
    assert share.save.text() == "Save" and not share.save.icon().isNull()


def test_gallery_export_goes_to_the_kadr_folder_with_show_me(qtbot, qapp, home, tmp_path,
                                                             opened):
    """The gallery's "Export project file" saves into Pictures/Kadr (no save box), never
    over another file, and tells where with a "Show me" answer."""
    theme.apply(qapp, "standard", 1.0)
    library = Library(tmp_path / "library")
    library.create("Rocket")
    gallery = GalleryView(library)
    gallery.announcement_log = []
    qtbot.addWidget(gallery)
    gallery.show()
    qtbot.waitExposed(gallery)
    gallery.list.setCurrentRow(0)
    QTest.mouseClick(gallery.buttons["export"], Qt.MouseButton.LeftButton)
    kadr = home / "Pictures" / "Kadr"
    qtbot.waitUntil(lambda: isinstance(gallery.dialog, ConfirmDialog))
    box = gallery.dialog
    assert (kadr / "Rocket.kadr").exists() and load(kadr / "Rocket.kadr").title == "Rocket"
    assert box.text() == ("A copy was saved as Rocket.kadr. It is in the Kadr folder, in "
                          "your Pictures folder.")
    assert box.text() in gallery.announcement_log
    assert box.focusWidget() is box.yes  # "OK" first
    show_me = box.findChild(QAbstractButton, "gallery_show_me")
    assert show_me.accessibleName() == "Show me" and show_me.height() >= 44
    QTest.mouseClick(show_me, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened.urls] == [str(kadr)]
    QTest.keyClick(box.yes, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: not box.isVisible())
    path = gallery.ask_export(gallery.current_entry())
    assert path == kadr / "Rocket 2.kadr"
    gallery.dialog.close()


def test_a_long_export_shows_the_time_left(qtbot, tmp_path):
    """Once the pace is known, the progress bar says about how long is left."""
    dialog = ExportDialog(blank_project(640, 480, "Long"), None)
    qtbot.addWidget(dialog)

    class Job:  # a job whose steps report a known pace
        class steps:  # noqa: N801
            @staticmethod
            def seconds_left():
                return 42.0

    dialog.job = Job()  # type: ignore[assignment]
    dialog._progress(10, 100)
    assert "About 42 seconds left" in dialog.progress.format()
    dialog.job = None
    dialog._progress(1, 100)
    assert "left" not in dialog.progress.format()

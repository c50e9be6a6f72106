"""The gallery: every control named, big and reachable by keyboard; nothing lost by a click."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QListWidget,
    QWidget,
)

from kadr import i18n
from kadr.core.library import Library
from kadr.core.store import load, save_copy
from kadr.ui import theme
from kadr.ui.confirm import ConfirmDialog
from kadr.ui.gallery import BinDialog, GalleryView, NameDialog
from kadr.ui.gallery_items import entry_words

MIN = 44


@pytest.fixture
def library(tmp_path):
    return Library(tmp_path / "library")


@pytest.fixture
def gallery(qtbot, qapp, library):
    """A gallery on a real library folder with two projects, shown offscreen at 100 %."""
    theme.apply(qapp, "standard", 1.0)
    library.create("Bouncing ball", 640, 480)
    library.create("Мяч")
    view = GalleryView(library)
    view.announcement_log = []
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.list.setFocus()
    return view


def controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, (QAbstractButton, QListWidget, QLineEdit)) and w.isVisible()]


def assert_accessible(root: QWidget) -> None:
    for w in controls(root):
        assert w.objectName(), w
        assert w.accessibleName(), w.objectName()
        assert w.accessibleDescription(), w.objectName()
        assert w.width() >= MIN and w.height() >= MIN, (w.objectName(), w.size())
        if isinstance(w, QAbstractButton):
            assert w.text().replace("&", "") in w.accessibleName()


def open_dialog(qtbot, gallery):
    qtbot.waitUntil(lambda: gallery.dialog is not None and gallery.dialog.isVisible())
    return gallery.dialog


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_control_is_named_and_big(gallery):
    """Each button and the grid have an objectName, a name with the visible text, a
    description and at least 44 x 44 px."""
    assert len(gallery.buttons) == 11
    assert_accessible(gallery)
    assert "Keys: Control N" in gallery.buttons["new"].accessibleDescription()
    assert "Ctrl+N" in gallery.buttons["new"].toolTip()
    assert "F2" in gallery.buttons["rename"].accessibleDescription()


def test_items_tell_screen_readers_what_they_are(gallery):
    """Each thumbnail says which project it is, how long and when it changed."""
    texts = [gallery.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
             for i in range(gallery.list.count())]
    assert "Project: Bouncing ball, 1 picture, changed today" in texts
    assert "Project: Мяч, 1 picture, changed today" in texts
    description = gallery.list.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Enter" in description


def test_tab_reaches_every_control(gallery):
    """Tab visits every button and the grid, and comes back round."""
    wanted = {w.objectName() for w in controls(gallery)}
    seen = set()
    for _ in range(len(wanted) * 2):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget().objectName())
    assert wanted <= seen


def test_enter_opens_the_chosen_project(qtbot, gallery):
    """Arrow keys choose a project and Enter asks to open that one."""
    gallery.list.setCurrentRow(0)
    QTest.keyClick(gallery.list, Qt.Key.Key_Right)
    assert gallery.list.currentRow() == 1
    chosen = Path(gallery.list.currentItem().data(Qt.ItemDataRole.UserRole))
    with qtbot.waitSignal(gallery.open_requested) as opened:
        QTest.keyClick(gallery.list, Qt.Key.Key_Return)
    assert opened.args == [chosen]


def test_delete_key_asks_then_moves_to_bin(qtbot, gallery, library):
    """Delete asks in plain words inside Kadr (✔/✘, "Keep it" first); Esc and Enter on
    "Keep it" keep, "Put in the bin" moves it to the bin."""
    path = Path(gallery.list.currentItem().data(Qt.ItemDataRole.UserRole))
    QTest.keyClick(gallery.list, Qt.Key.Key_Delete)
    box = open_dialog(qtbot, gallery)
    assert isinstance(box, ConfirmDialog) and "bin" in box.text()
    assert_accessible(box)
    assert box.text() in gallery.announcement_log  # the question is heard
    QTest.keyClick(box, Qt.Key.Key_Escape)  # the safe answer
    qtbot.waitUntil(lambda: not box.isVisible())
    assert path.exists()
    QTest.keyClick(gallery.list, Qt.Key.Key_Delete)
    box = open_dialog(qtbot, gallery)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.no)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter on "Keep it"
    qtbot.waitUntil(lambda: not box.isVisible())
    assert path.exists()
    QTest.keyClick(gallery.list, Qt.Key.Key_Delete)
    box = open_dialog(qtbot, gallery)
    QTest.mouseClick(box.findChild(QAbstractButton, "confirm_yes"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not path.exists())
    assert [e.title for e in library.bin_entries()] == [load(library.bin_entries()[0].path).title]
    assert gallery.list.count() == 1
    said = "Project deleted. You can get it back from the bin."
    assert gallery.status.text() == said and said in gallery.announcement_log


def test_f2_renames(qtbot, gallery, library):
    """F2 asks for a new name; typing it and pressing Enter renames the file and title."""
    gallery.list.setCurrentRow(0)
    old = Path(gallery.list.currentItem().data(Qt.ItemDataRole.UserRole))
    QTest.keyClick(gallery.list, Qt.Key.Key_F2)
    dialog = open_dialog(qtbot, gallery)
    assert isinstance(dialog, NameDialog)
    assert_accessible(dialog)
    dialog.edit.setText("공 튀기기")  # as an input method would; QTest types only ASCII
    QTest.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not old.exists())
    assert (library.root / "공 튀기기.kadr").exists()
    assert load(library.root / "공 튀기기.kadr").title == "공 튀기기"
    assert gallery.current_entry().title == "공 튀기기"


def test_new_asks_name_and_size_then_opens(qtbot, gallery, library):
    """New offers three big paper sizes (1280 x 720 chosen), makes the project and opens it."""
    QTest.mouseClick(gallery.buttons["new"], Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, gallery)
    assert_accessible(dialog)
    assert dialog.findChild(QAbstractButton, "size_1280x720").isChecked()
    QTest.keyClicks(dialog.edit, "Rocket")
    QTest.mouseClick(dialog.findChild(QAbstractButton, "size_640x480"),
                     Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(gallery.open_requested) as opened:
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    project = load(opened.args[0])
    assert (project.title, project.width, project.height) == ("Rocket", 640, 480)


def test_duplicate_and_export(qtbot, gallery, library, tmp_path):
    """Duplicate adds a "(copy)" project; export writes a file outside the library (the
    Export button's own way, into Pictures/Kadr, is in test_share_folder.py)."""
    gallery.list.setCurrentRow(0)
    entry = gallery.current_entry()
    copy = gallery.duplicate_entry(entry)
    assert copy is not None and load(copy).title == f"{entry.title} (copy)"
    assert gallery.list.count() == 3 and gallery.current_entry().path == copy
    out = gallery.export_path(entry, tmp_path / "stick.kadr")
    assert out is not None and load(out).title == entry.title
    assert "stick.kadr" in gallery.status.text()


@pytest.mark.parametrize("kind", ["not_sqlite", "newer"])
def test_import_bad_file_says_why(qtbot, gallery, library, tmp_path, kind):
    """A bad file gets a plain message box; nothing is added and the file is unchanged."""
    bad = tmp_path / "bad.kadr"
    if kind == "not_sqlite":
        bad.write_bytes(b"not a project at all\n" * 40)
    else:
        save_copy(load(library.projects()[0].path), bad)
        con = sqlite3.connect(bad)
        con.execute("PRAGMA user_version = 7")
        con.close()
    before = digest(bad)
    assert gallery.import_path(bad) is None
    box = open_dialog(qtbot, gallery)
    assert isinstance(box, ConfirmDialog) and box.text().endswith(".")
    assert "Traceback" not in box.text() and "sqlite" not in box.text().lower()
    assert gallery.list.count() == 2 and len(library.projects()) == 2
    assert digest(bad) == before
    QTest.mouseClick(box.findChild(QAbstractButton, "problem_ok"), Qt.MouseButton.LeftButton)


def test_import_good_file(gallery, library, tmp_path):
    """Importing a good project file adds it to the grid, chosen."""
    src = tmp_path / "from-school.kadr"
    library.export_file(library.projects()[0].path, src)
    path = gallery.import_path(src)
    assert path is not None and gallery.current_entry().path == path
    assert gallery.list.count() == 3


def test_broken_file_is_shown_not_opened(qtbot, gallery, library):
    """A damaged file is listed as such; Enter explains instead of opening it."""
    bad = library.root / "Broken.kadr"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    gallery.refresh(bad)
    item = gallery.list.currentItem()
    assert "cannot be opened" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    with qtbot.assertNotEmitted(gallery.open_requested):
        QTest.keyClick(gallery.list, Qt.Key.Key_Return)
    box = open_dialog(qtbot, gallery)
    assert "Kadr" in box.text()
    box.close()


def test_bin_restores(qtbot, gallery, library):
    """The bin lists deleted projects and "Get it back" returns the chosen one."""
    entry = gallery.current_entry()
    gallery.delete_entry(entry)
    QTest.mouseClick(gallery.buttons["bin"], Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, gallery)
    assert isinstance(dialog, BinDialog) and dialog.list.count() == 1
    assert_accessible(dialog)
    # a picture beside every word: Get it back, Empty the bin, Close
    assert all(not b.icon().isNull() for b in (dialog.restore, dialog.empty,
                                                dialog.close_button))
    assert dialog.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        f"Deleted project: {entry.title}")
    QTest.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert entry.path.exists() and dialog.list.count() == 0
    assert gallery.list.count() == 2
    dialog.close()


def test_empty_library_says_what_to_do(qtbot, qapp, tmp_path):
    """With no projects the gallery says how to make one and the project buttons rest."""
    view = GalleryView(Library(tmp_path / "empty"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.empty_label.isVisible() and "New" in view.empty_label.text()
    assert not view.buttons["open"].isEnabled() and view.buttons["new"].isEnabled()


def test_language_change_retranslates(gallery):
    """A LanguageChange event re-sets every text and accessible name."""
    before = gallery.buttons["new"].text()
    i18n.set_language("pseudo")
    try:
        QApplication.sendEvent(gallery, QEvent(QEvent.Type.LanguageChange))
        new = gallery.buttons["new"]
        assert new.text() != before and new.accessibleName() == new.text()
        assert gallery.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("[")
    finally:
        i18n.set_language("en")
        QApplication.sendEvent(gallery, QEvent(QEvent.Type.LanguageChange))
    assert gallery.buttons["new"].text() == before


def test_ctrl_d_duplicates(qtbot, gallery):
    """The Ctrl+D shortcut named in the Duplicate button's description makes a copy."""
    qtbot.waitUntil(gallery.isActiveWindow)
    QTest.keyClick(gallery.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: gallery.list.count() == 3)
    assert gallery.current_entry().title.endswith("(copy)")


def test_old_projects_say_their_date(gallery, library):
    """A project changed days ago is described with its date, not "today"."""
    entry = library.projects()[0]
    old = dataclasses.replace(entry, modified=entry.modified - 5 * 86400)
    text, _ = entry_words(old)
    assert "today" not in text and "yesterday" not in text and text.startswith("Project:")


def test_pencil2d_project_is_imported_as_a_new_film(qtbot, qapp, tmp_path):
    """Importing a .pclx adds a Kadr project with its pictures; a broken one is refused."""
    from kadr.core.project import blank_project
    from kadr.export import ExportOptions, run_export

    source = blank_project(320, 240, "From Pencil")
    source.add_frame(0)
    run_export(source, tmp_path / "film.pclx", ExportOptions(format="pclx"))
    library = Library(tmp_path / "library")
    gallery = GalleryView(library)
    qtbot.addWidget(gallery)
    path = gallery.import_path(tmp_path / "film.pclx")
    assert path is not None and load(path).width == 320 and len(load(path).frames) == 2
    (tmp_path / "bad.pclx").write_bytes(b"PK not really")
    before = len(library.projects())
    assert gallery.import_path(tmp_path / "bad.pclx") is None
    assert len(library.projects()) == before


def test_the_chosen_film_keeps_its_colours(gallery):
    """Qt tints a chosen item's picture with the highlight colour; a child's film is shown
    as drawn (its frame shows it is chosen), in the gallery as in the strip."""
    item = gallery.list.currentItem()
    assert item is not None and item.isSelected()
    size = gallery.list.iconSize()
    chosen = item.icon().pixmap(size, QIcon.Mode.Selected).toImage()
    drawn = item.icon().pixmap(size, QIcon.Mode.Normal).toImage()
    assert chosen == drawn

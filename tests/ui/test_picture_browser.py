"""The picture to trace comes from a thumbnail browser inside Kadr: the user's Pictures
folder, big named thumbnails, keyboard and screen-reader use; huge or broken files show a
plain note and never crash; teachers can still pick any file."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from modal_answers import check, when_shown
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from helpers import film
from kadr.core.tools import ToolState
from kadr.ui import picture_browser, theme
from kadr.ui.layers_dialog import LayersDialog
from kadr.ui.picture_browser import PictureBrowser, find_pictures, read_thumbnail

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


@pytest.fixture(autouse=True)
def _answers_worked():
    """An answer that failed inside a modal window fails the test (it never hangs)."""
    yield
    check()


def huge_png(path: Path, width: int = 30000, height: int = 30000) -> None:
    """A small file whose header says it is a 900-million-pixel picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.fixture
def pictures(tmp_path, monkeypatch):
    """A home whose Pictures folder holds good, huge, broken and other files."""
    home = tmp_path / "home"
    folder = home / "Pictures"
    (folder / "Screenshots" / "deeper").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    now = time.time()
    files = [
        ("cat.png", lambda p: Image.new("RGB", (400, 300), "orange").save(p)),
        ("dog.jpg", lambda p: Image.new("RGB", (300, 400), "blue").save(p)),
        ("Screenshots/shot.png", lambda p: Image.new("RGB", (64, 64), "green").save(p)),
        ("huge.png", huge_png),
        ("broken.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))),
        ("empty.gif", lambda p: p.write_bytes(b"")),
        ("Screenshots/deeper/too-deep.png", lambda p: Image.new("RGB", (8, 8)).save(p)),
        (".hidden.png", lambda p: Image.new("RGB", (8, 8)).save(p)),
        ("notes.txt", lambda p: p.write_text("not a picture")),
    ]
    for i, (name, make) in enumerate(files):
        make(folder / name)
        stamp = now - 100 * i  # cat newest, then dog ...
        os.utime(folder / name, (stamp, stamp))
    (folder / "a folder.png").mkdir()
    return folder


@pytest.fixture
def browser(qtbot, qapp, pictures):
    theme.apply(qapp, "standard", 1.0)
    dialog = PictureBrowser()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10000)  # read a few at a time
    return dialog


def items(dialog: PictureBrowser) -> dict[str, str]:
    return {dialog.grid.item(i).text().split("\n")[0]:
            dialog.grid.item(i).data(ACCESSIBLE) for i in range(dialog.grid.count())}


def test_finds_pictures_one_level_down_newest_first(pictures):
    found = [p.relative_to(pictures).as_posix() for p in find_pictures([pictures])]
    assert found == ["cat.png", "dog.jpg", "Screenshots/shot.png", "huge.png", "broken.png",
                     "empty.gif"]
    gifs = find_pictures([pictures], (".gif",))
    assert [p.name for p in gifs] == ["empty.gif"]
    assert find_pictures([pictures / "not there"]) == []


def test_thumbnails_are_small_and_problems_are_notes(pictures, monkeypatch):
    """Good files give a thumbnail within 160 x 120; a huge or broken file gives a note,
    and a file over the size limit is not even opened."""
    image, note = read_thumbnail(pictures / "cat.png")
    assert note == "" and image.width() <= 160 and image.height() <= 120
    assert image.width() == 160  # keeps its shape
    assert read_thumbnail(pictures / "huge.png") == (None, picture_browser.too_big_note())
    assert read_thumbnail(pictures / "broken.png") == (None, picture_browser.unreadable_note())
    assert read_thumbnail(pictures / "empty.gif")[0] is None
    assert read_thumbnail(pictures / "gone.png")[0] is None
    monkeypatch.setattr(picture_browser, "MAX_BYTES", 100)
    assert read_thumbnail(pictures / "cat.png") == (None, picture_browser.too_big_note())


def test_every_picture_is_named_with_a_note_where_needed(browser):
    """Screen readers hear each picture's name; a picture that cannot be used says why,
    under its crossed-out card and in its name."""
    words = items(browser)
    assert words["cat"] == "Picture: cat"
    assert words["huge"] == ("Picture: huge. This picture is too big. Please use a smaller "
                             "picture.")
    assert words["broken"] == "Picture: broken. Kadr cannot read this file."
    texts = {browser.grid.item(i).text() for i in range(browser.grid.count())}
    assert "huge\nToo big" in texts and "broken\nCannot be read" in texts
    assert browser.grid.accessibleName() == "Pictures"
    assert browser.grid.item(0).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert browser.grid.iconSize().width() >= 96
    for b in (browser.use, browser.cancel, browser.other):
        assert b.objectName() and b.accessibleName() and b.accessibleDescription()
        assert b.width() >= 44 and b.height() >= 44


def test_keyboard_only_choose_with_arrows_and_enter(browser, qtbot):
    """Focus starts on the pictures; arrows move; Enter on a good one uses it."""
    assert QApplication.focusWidget() is browser.grid
    assert browser.grid.currentItem().text() == "cat"
    QTest.keyClick(browser.grid, Qt.Key.Key_Right)
    assert browser.grid.currentItem().text() == "dog"
    with qtbot.waitSignal(browser.accepted):
        QTest.keyClick(browser.grid, Qt.Key.Key_Return)
    assert browser.chosen.name == "dog.jpg"


def test_enter_on_a_broken_picture_says_why_and_stays(browser, qtbot):
    broken = next(browser.grid.item(i) for i in range(browser.grid.count())
                  if browser.grid.item(i).text().startswith("broken"))
    browser.grid.setCurrentItem(broken)
    assert not browser.use.isEnabled()
    QTest.keyClick(browser.grid, Qt.Key.Key_Return)
    assert browser.isVisible() and browser.chosen is None
    assert browser.status.text() == "Kadr cannot read this file."


def test_escape_and_cancel_choose_nothing(browser, qtbot):
    with qtbot.waitSignal(browser.rejected):
        QTest.keyClick(browser.grid, Qt.Key.Key_Escape)
    assert browser.chosen is None


def test_teachers_choose_another_file(browser, qtbot, monkeypatch, tmp_path):
    other = tmp_path / "from the stick.png"
    Image.new("RGB", (20, 20), "red").save(other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    assert browser.other.text() == "Choose another file…"
    assert "teachers" in browser.other.accessibleDescription()
    with qtbot.waitSignal(browser.accepted):
        QTest.mouseClick(browser.other, Qt.MouseButton.LeftButton)
    assert browser.chosen == other


def test_no_pictures_says_so_and_focuses_cancel(qtbot, qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "empty home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty home" / ".config"))
    dialog = PictureBrowser()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible() and not dialog.grid.isVisible()
    assert dialog.focusWidget() is dialog.cancel


def test_many_pictures_open_at_once(qtbot, qapp, tmp_path, monkeypatch):
    """Thumbnails are read a few at a time after the window shows: it opens at once."""
    folder = tmp_path / "home" / "Pictures"
    folder.mkdir(parents=True)
    for i in range(60):
        Image.new("RGB", (800, 600), (i * 4, 0, 0)).save(folder / f"p{i:02d}.png")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    started = time.perf_counter()
    dialog = PictureBrowser()
    qtbot.addWidget(dialog)
    dialog.show()
    opened = time.perf_counter() - started
    assert dialog.grid.count() == 60 and dialog.pending
    assert opened < 1.0, opened
    qtbot.waitUntil(lambda: not dialog.pending, timeout=20000)


def test_layers_trace_uses_the_browser(qtbot, qapp, pictures):
    """"Picture to trace" opens the browser (no system dialog); Enter puts the picture
    under the drawing."""
    theme.apply(qapp, "standard", 1.0)
    project = film(2)
    layers = LayersDialog(project, ToolState(), 0)
    qtbot.addWidget(layers)
    heard = []
    layers.said.connect(heard.append)
    seen = []
    when_shown(PictureBrowser, lambda d: QTest.keyClick(d.grid, Qt.Key.Key_Return), seen)
    QTest.mouseClick(layers.trace, Qt.MouseButton.LeftButton)
    assert seen and seen[0].windowTitle() == "Picture to trace"
    assert project.background.png is not None
    assert heard[-1] == "The picture is under your drawing now."


def test_layers_gif_pictures_come_from_the_browser_showing_gifs(qtbot, qapp, pictures):
    """"Pictures from a GIF" shows GIFs only; a broken one is said in the window."""
    theme.apply(qapp, "standard", 1.0)
    layers = LayersDialog(film(2), ToolState(), 0)
    qtbot.addWidget(layers)
    layers.show()
    seen = []

    def act(dialog):
        dialog.load_all()
        names = [dialog.grid.item(i).text() for i in range(dialog.grid.count())]
        assert names == ["empty\nCannot be read"]
        QTest.keyClick(dialog.grid, Qt.Key.Key_Escape)

    when_shown(PictureBrowser, act, seen)
    QTest.mouseClick(layers.gif, Qt.MouseButton.LeftButton)
    assert seen
    assert layers.use_gif(pictures / "broken.png") == 0
    assert layers.problem.isVisible() and "Kadr cannot read" in layers.problem.text()

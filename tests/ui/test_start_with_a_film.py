"""Starting with a film named on the command line (issue 7): the studio comes first and the
gallery is made only when the child goes to their projects, the same gallery as ever."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.store import save_copy
from kadr.settings import Settings
from kadr.ui import canvas_words, theme


@pytest.fixture
def films(tmp_path):
    library = Library(tmp_path / "library")
    for title in ("Ball", "Cat"):
        save_copy(blank_project(640, 480, title), library.root / f"{title}.kadr")
    return library


def window_for(qtbot, qapp, library, gallery_later):
    from kadr.ui.main_window import MainWindow

    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    w = MainWindow(Settings(language="en"), library, None, gallery_later=gallery_later)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_film_first_opens_the_studio_without_making_the_gallery(qtbot, qapp, films):
    w = window_for(qtbot, qapp, films, gallery_later=True)
    assert w.findChild(QWidget, "gallery") is None
    assert w.open_project(films.root / "Ball.kadr")
    try:
        assert w.stack.currentWidget() is w.studio and w.stack.count() == 1
        assert w.findChild(QWidget, "gallery") is None
        # the studio was sized as the window's page before it was first fitted
        assert w.studio.size() == w.stack.size()
        # My projects: the gallery is made now, first in the stack, with every film
        QTest.mouseClick(w.studio.top_buttons["projects"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: w.studio is None)
        gallery = w.findChild(QWidget, "gallery")
        assert gallery is w.gallery and w.stack.currentWidget() is gallery
        assert w.stack.indexOf(gallery) == 0
        titles = {gallery.list.item(i).text() for i in range(gallery.list.count())}
        assert titles == {"Ball", "Cat"}
        assert w.windowTitle() == "Kadr"
        assert gallery.buttons["new"].accessibleName() == "New"
    finally:
        if w.session is not None:
            w.session.close(force=True)


def test_the_gallery_made_later_is_the_gallery_made_at_once(qtbot, qapp, films):
    """Same controls in the same Tab order, named the same."""
    def controls(w):
        gallery = w.gallery
        w.show_gallery()
        qtbot.waitUntil(gallery.isVisible)
        first = gallery.list
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        seen, widget = [], first
        for _ in range(40):
            seen.append((widget.objectName(), widget.accessibleName()))
            widget = widget.nextInFocusChain()
            if widget is first:
                break
        return seen

    at_once = controls(window_for(qtbot, qapp, films, gallery_later=False))
    later = window_for(qtbot, qapp, films, gallery_later=True)
    assert later.open_project(films.root / "Cat.kadr")
    try:
        assert controls(later) == at_once
    finally:
        if later.session is not None:
            later.session.close(force=True)


def test_a_film_that_cannot_open_leaves_the_child_in_the_gallery(qtbot, qapp, films, tmp_path):
    bad = tmp_path / "broken.kadr"
    bad.write_bytes(b"not a film")
    w = window_for(qtbot, qapp, films, gallery_later=True)
    assert not w.open_project(bad)
    told = w.findChild(QWidget, "noticeDialog")
    assert told is not None and told.isVisible()  # the child is told in plain words
    w.show_gallery()  # as the start does after a film it could not open
    assert w.stack.currentWidget() is w.gallery and w.studio is None
    told.close()

"""Fixtures for the language tests: the whole window on a small film, at a chosen UI size."""

from __future__ import annotations

import pytest

from kadr import i18n


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    """A MainWindow (gallery, then the studio on a 3-picture film), shown offscreen."""
    from helpers import film
    from kadr.core.library import Library
    from kadr.core.store import save_copy
    from kadr.settings import Settings
    from kadr.ui import canvas_words, theme
    from kadr.ui.main_window import MainWindow

    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    library = Library(tmp_path / "library")
    path = library.root / "Ball.kadr"
    save_copy(film(3), path)
    window = MainWindow(Settings(), library)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_project(path)
    yield window
    i18n.set_language("en")  # the window takes Qt's own translator out again
    window.close()  # removes its language listener
    theme.apply(qapp, "standard", 1.0)

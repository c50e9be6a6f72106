"""Shared set-up for the learners and teacher-mode tests: a computer with a classroom file
in a tmp folder, learners made by the core, and windows built by the app's real start
path (app.open_learners + app.learners_window), closed again after each test."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

from kadr.classroom.learners import LearnerStore
from kadr.settings import Settings


class Computer:
    """One shared computer: its data folder, classroom file and learners folder."""

    def __init__(self, root: Path, qtbot: object) -> None:
        self.root = root
        self.qtbot = qtbot
        self.learners = root / "learners"
        self.classroom_file = root / "kadr-classroom.toml"
        self.write_classroom("")
        self.windows: list[QWidget] = []

    def write_classroom(self, text: str) -> None:
        self.classroom_file.write_text(
            f'learners_folder = "{self.learners.as_posix()}"\n{text}', encoding="utf-8")

    def store(self, films: Path | None = None) -> LearnerStore:
        """The learners as the core sees them (``films``: the classroom's films folder)."""
        return LearnerStore(self.learners, films)

    def start(self):  # type: ignore[no-untyped-def]
        """Kadr's start, as run_studio does it with learners: a new window each time."""
        from kadr.ui.app import learners_window, open_learners

        settings = Settings(language="en", theme="standard")
        place = open_learners(settings, quiet=True)
        assert place is not None
        window = learners_window(place, settings)
        assert window is not None
        self.qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1280, 800)
        window.show()
        self.qtbot.waitExposed(window)  # type: ignore[attr-defined]
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]
        self.windows.append(window)
        return window

    def close_all(self) -> None:
        for window in self.windows:
            if window.isVisible():
                window.close()


def a_computer(tmp_path, qtbot, qapp, monkeypatch):  # type: ignore[no-untyped-def]
    """No single-user library: the learners path, with every folder in tmp_path (a
    test module's ``computer`` fixture yields from this)."""
    from kadr.ui import canvas_words, theme

    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    monkeypatch.delenv("KADR_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the data folder
    one = Computer(tmp_path, qtbot)
    monkeypatch.setenv("KADR_CLASSROOM", str(one.classroom_file))
    yield one
    one.close_all()


def press(widget: QAbstractButton | QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    """A real key press on a control that has the focus."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(widget, key)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def make_film(folder: Path, title: str) -> Path:
    from helpers import film
    from kadr.core.library import safe_stem
    from kadr.core.store import save_copy

    project = film(2, 320, 240)
    project.title = title
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(title)}.kadr"
    save_copy(project, path)
    return path

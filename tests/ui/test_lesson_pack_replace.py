"""A teacher's lesson pack that would replace lessons added before asks first, with the
in-app ✔/✘ panel ("Keep the old ones" first)."""

from __future__ import annotations

import pytest
from modal_answers import check, when_shown
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from test_lesson_packs_screen import make_pack

from kadr.lessons import Progress
from kadr.ui.confirm import ConfirmDialog
from kadr.ui.lessons_screen import LessonsScreen


@pytest.fixture(autouse=True)
def _answers_worked():
    yield
    check()


def test_replacing_lessons_asks_first(qtbot, tmp_path, monkeypatch):
    pack = make_pack(tmp_path)
    screen = LessonsScreen(Progress(tmp_path / "learner"), tmp_path / "lessons")
    qtbot.addWidget(screen)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
    assert screen.lessons_replaced(pack) == []
    screen.ask_pack()  # the first time nothing is replaced: no question
    toml = tmp_path / "lessons" / "blink-again" / "lesson.toml"
    assert toml.exists()
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# the teacher's own change\n",
                    encoding="utf-8")
    assert screen.lessons_replaced(pack) == ["blink-again"]
    questions = []
    when_shown(ConfirmDialog, lambda d: QTest.keyClick(d.focusWidget(), Qt.Key.Key_Return),
               questions)
    screen.ask_pack()  # Enter at once: the safe answer
    assert "blink-again" in questions[0].text()
    assert "the teacher's own change" in toml.read_text(encoding="utf-8")
    assert screen.note.text() == "Nothing was changed."
    when_shown(ConfirmDialog, lambda d: [QTest.keyClick(d.focusWidget(), k)
                                         for k in (Qt.Key.Key_Left, Qt.Key.Key_Return)])
    screen.ask_pack()  # the green tick: replaced
    assert "the teacher's own change" not in toml.read_text(encoding="utf-8")
    assert screen.note.text() == "Lessons added: 1."

"""Teachers add lesson packs from the lessons screen; hostile packs are refused plainly."""

import shutil
import zipfile
from pathlib import Path

from kadr.lessons import Progress
from kadr.ui.lessons_screen import LessonsScreen

ROOT = Path(__file__).resolve().parents[2]


def make_pack(tmp_path: Path) -> Path:
    """A pack holding a copy of the blink lesson under a new id."""
    folder = tmp_path / "src" / "blink-again"
    shutil.copytree(ROOT / "lessons" / "blink", folder)
    toml = folder / "lesson.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "blink"', 'id = "blink-again"'),
                    encoding="utf-8")
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as z:
        for f in folder.rglob("*"):
            z.write(f, f"blink-again/{f.relative_to(folder)}")
    return pack


def test_pack_adds_lessons_to_the_list(qtbot, tmp_path):
    """A good pack's lessons appear in the list and are kept in the lessons folder."""
    screen = LessonsScreen(Progress(tmp_path / "learner"), tmp_path / "lessons")
    qtbot.addWidget(screen)
    shipped = len(screen.lessons)
    assert screen.import_pack_file(make_pack(tmp_path)) == ["blink-again"]
    assert len(screen.lessons) == shipped + 1
    assert screen.picker.list.count() == shipped + 1
    assert (tmp_path / "lessons" / "blink-again" / "lesson.toml").exists()
    assert "Lessons added: 1." in screen.note.text()


def test_hostile_pack_is_refused_and_writes_nothing_outside(qtbot, tmp_path):
    """A pack with a path that escapes its folder is refused; nothing is written."""
    pack = tmp_path / "evil.zip"
    with zipfile.ZipFile(pack, "w") as z:
        z.writestr("../escaped.txt", "boo")
    screen = LessonsScreen(Progress(tmp_path / "learner"), tmp_path / "lessons")
    qtbot.addWidget(screen)
    before = len(screen.lessons)
    assert screen.import_pack_file(pack) == []
    assert not (tmp_path / "escaped.txt").exists()
    assert len(screen.lessons) == before
    assert screen.note.text() and "Traceback" not in screen.note.text()


def test_every_button_on_the_lessons_screen_has_a_picture(qtbot, tmp_path):
    """A child who cannot read finds My projects, Start and Start again by their
    pictures, as everywhere else in Kadr (they were words alone)."""
    from PySide6.QtWidgets import QAbstractButton

    screen = LessonsScreen(Progress(tmp_path / "learner"), tmp_path / "lessons")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.picker.list.setCurrentRow(0)
    screen.picker.with_films = {screen.lessons[0].id}  # a film made: Open, Start again
    screen.picker.refresh()
    screen.picker.list.setCurrentRow(0)
    assert screen.picker.again_button.isVisible()
    shown = [b for b in screen.findChildren(QAbstractButton) if b.isVisible()]
    assert {b.objectName() for b in shown} >= {"lessons_back", "lessons_import_pack",
                                              "lessonStart", "lessonStartAgain"}
    assert [b.objectName() for b in shown if b.icon().isNull()] == []

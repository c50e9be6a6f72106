"""The classroom file: read from real files in temporary folders; wrong parts are
reported with file, line and key, and left out; the rest is used."""

from __future__ import annotations

from pathlib import Path

from kadr.classroom.classroom_file import load_classroom
from kadr.classroom.places import classroom_files, system_config_dir

GOOD = """\
# Class 3B
language = "ru"
films_folder = "films"
export_folder = "/srv/work/{learner}"
exports = ["gif", "mp4"]
lessons = ["bounce", "blink"]
tools = ["brush", "eraser", "fill"]

[defaults]
ui_scale = 1.5
talking_buttons = true

[locked]
allow_skip = false
scan_seconds = 2
"""


def write(folder: Path, text: str, name: str = "kadr-classroom.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_sets_everything(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    c = load_classroom([path])
    assert c.problems == []
    assert c.language == "ru"
    assert c.films_folder == tmp_path / "films"  # relative: beside the file
    assert c.exports == ("gif", "mp4") and c.allows_export("gif") and not c.allows_export("pclx")
    assert c.lessons == ("bounce", "blink") and c.tools == ("brush", "eraser", "fill")
    assert c.defaults == {"ui_scale": 1.5, "talking_buttons": True}
    assert c.locked == {"allow_skip": False, "scan_seconds": 2.0}
    assert c.export_folder_for("Ana") == Path("/srv/work/Ana")
    shown = {entry.key: (entry.line, entry.value) for entry in c.what_was_set()}
    assert shown["language"] == (2, "ru")
    assert shown["locked.allow_skip"] == (14, False)
    assert shown["defaults.ui_scale"] == (10, 1.5)
    assert all(entry.file == path for entry in c.what_was_set())


def test_a_missing_file_is_kadr_as_at_home(tmp_path: Path) -> None:
    c = load_classroom([tmp_path / "nowhere" / "kadr-classroom.toml"])
    assert c.problems == [] and c.files == [] and c.locked == {} and c.exports is None
    assert c.allows_export("pclx") and c.export_folder_for("Ana") is None


def test_wrong_values_are_reported_line_by_line_and_left_out(tmp_path: Path) -> None:
    """Each wrong value gives one problem naming the file, its real line and its key;
    the good values around it are still used."""
    path = write(tmp_path, """\
language = "xx"
exports = ["gif", "avi"]
colour = "blue"

[defaults]
ui_scale = 7
talking_buttons = "yes"
stabiliser = 4
library = "/tmp/x"
flying = true

[locked]
allow_skip = false
level = "expert"

[teacher]
pin = "1234"
""")
    c = load_classroom([path])
    found = {(p.line, p.key) for p in c.problems}
    assert found == {(1, "language"), (2, "exports"), (3, "colour"), (6, "defaults.ui_scale"),
                     (7, "defaults.talking_buttons"), (9, "defaults.library"),
                     (10, "defaults.flying"), (14, "locked.level"), (17, "teacher.pin")}
    assert c.defaults == {"stabiliser": 4} and c.locked == {"allow_skip": False}
    assert c.language is None and c.exports is None and c.pin_hash is None
    words = {p.key: str(p) for p in c.problems}
    assert words["defaults.ui_scale"] == \
        f"{path}, line 6, defaults.ui_scale: must be a number from 1.0 to 2.0"
    assert "does not know this key" in words["colour"]
    assert "true or false" in words["defaults.talking_buttons"]
    assert "films_folder" in words["defaults.library"]
    assert "simple, all" in words["locked.level"]
    assert "pin-hash" in words["teacher.pin"]


def test_broken_toml_skips_only_the_broken_lines(tmp_path: Path) -> None:
    """A line TOML cannot read is left out with its line number; a broken table heading
    takes its table along (its settings must not land in another table)."""
    path = write(tmp_path, """\
language = "kk"
exports = [gif]

[locked
allow_skip = false

[defaults]
ui_scale = 1.25
""")
    c = load_classroom([path])
    assert c.language == "kk" and c.defaults == {"ui_scale": 1.25}
    assert c.locked == {} and c.exports is None
    assert [p.line for p in c.problems] == [2, 4]
    assert "not correct TOML" in str(c.problems[0])
    assert "lines under it" in str(c.problems[1])


def test_a_file_that_is_not_text_is_reported_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "kadr-classroom.toml"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    c = load_classroom([path])
    assert len(c.problems) == 1 and "UTF-8" in str(c.problems[0])


def test_the_system_file_wins_over_the_one_beside_the_installation(tmp_path: Path) -> None:
    """Both files are read; where they differ, the later (the system folder) wins, and
    teacher mode can tell which file set what."""
    beside = write(tmp_path / "install", """\
language = "en"
exports = ["gif"]
[locked]
allow_skip = true
ui_scale = 1.5
""")
    system = write(tmp_path / "etc", """\
language = "ja"
[locked]
allow_skip = false
""")
    c = load_classroom([beside, system])
    assert c.files == [beside, system]
    assert c.language == "ja" and c.exports == ("gif",)
    assert c.locked == {"allow_skip": False, "ui_scale": 1.5}
    sources = {entry.key: entry.file for entry in c.what_was_set()}
    assert sources["language"] == system and sources["exports"] == beside
    assert sources["locked.allow_skip"] == system and sources["locked.ui_scale"] == beside


def test_where_the_files_are_looked_for(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Beside the installation (or $KADR_CLASSROOM) first, then the system folder."""
    monkeypatch.setenv("KADR_CLASSROOM", str(tmp_path / "try.toml"))
    assert classroom_files("linux") == [tmp_path / "try.toml",
                                        Path("/etc/kadr/kadr-classroom.toml")]
    assert system_config_dir("darwin") == Path("/Library/Application Support/Kadr")
    monkeypatch.setenv("PROGRAMDATA", "C:\\ProgramData")
    assert str(system_config_dir("win32")).endswith("Kadr")

"""kadr lessons check: every problem names the file, the step and the field."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from kadr.lessons.guide import GUIDE_COLOUR, Guide, paint_guides, parse_guide
from kadr.lessons.library import shipped_lessons_dir
from kadr.lessons.model import load_lesson
from kadr.lessons.problems import LessonError
from kadr.lessons.texts import mixed_script_words
from kadr.lessons.validate import validate_lesson


@pytest.fixture
def blink(tmp_path):
    folder = tmp_path / "blink"
    shutil.copytree(shipped_lessons_dir() / "blink", folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(folder):
    return [str(p) for p in validate_lesson(folder) if not p.warning]


def test_unknown_check(blink):
    """An unknown check is named with its file, step and field."""
    edit(blink / "lesson.toml", 'check = "exported"', 'check = "teleported"')
    (msg,) = messages(blink)
    assert "blink/lesson.toml" in msg and "step 'save'" in msg and "goal 1: check" in msg
    assert "unknown check 'teleported'" in msg


@pytest.mark.parametrize("old,new,words", [
    ('count = 4', 'count = "four"', "must be a whole number"),
    ('count = 4', 'count = 4, speed = 2', "has no parameter 'speed'"),
    ('{ check = "frame_count_at_least", count = 2 }', '{ check = "frame_count_at_least" }',
     "needs 'count'"),
    ('to = 1, min = 0.5 }', 'to = 1, min = 0.5, max = 7 }', "must be at most 1"),
    ('frame = 2, to = 1', 'frame = 0, to = 1', "picture number"),
    ('guide = "face"', 'guide = "nose"', "must name a guide"),
])
def test_bad_parameters(blink, old, new, words):
    """Bad check parameters are errors that say what is wrong."""
    edit(blink / "lesson.toml", old, new)
    found = messages(blink)
    assert any(words in m and "step '" in m and "field 'goal" in m for m in found), found


def test_missing_translation_file(blink):
    """Each of the five languages is required."""
    (blink / "text.kk.toml").unlink()
    assert messages(blink) == ["blink/text.kk.toml: error: the kk translation is missing"]


def test_missing_translated_field(blink):
    """A step text missing in a translation names the step and field."""
    edit(blink / "text.ru.toml", 'hint = "Сотри круглые глаза. Потом нарисуй 2 короткие линии."\n',
         "")
    assert messages(blink) == [
        "blink/text.ru.toml, step 'closed', field 'hint': error: this text is missing"]


def test_latin_letters_in_kazakh_words(blink):
    """Kazakh words with Latin look-alike letters are errors."""
    edit(blink / "text.kk.toml", "Үлкен бет сал.", "Үлкен бeт сал.")  # Latin e
    (msg,) = messages(blink)
    assert "text.kk.toml" in msg and "step 'face'" in msg and "'бeт' mixes" in msg
    assert mixed_script_words("Үлгi қате") == ["Үлгi"]
    assert mixed_script_words("GIF немесе бейне") == []


def test_japanese_needs_kana_for_speech(blink):
    """Japanese steps need say_kana, and texts with kanji need a kana reading."""
    edit(blink / "text.ja.toml", 'say_kana = "おおきな かおを かいてね。"\n', "")
    edit(blink / "text.ja.toml", 'praise = "かおが かけたね。', 'praise = "顔が かけたね。')
    found = messages(blink)
    assert any("step 'face', field 'say_kana'" in m for m in found)
    assert any("step 'face', field 'praise_kana'" in m and "kanji" in m for m in found)


def test_missing_picture(blink):
    """A missing picture names the file and the field."""
    (blink / "symbol.svg").unlink()
    found = messages(blink)
    assert any("field 'symbol'" in m and "missing" in m for m in found)
    assert any("step 'closed', field 'picture'" in m for m in found)


def test_unknown_builtin_picture(blink):
    """Built-in pictures must exist."""
    edit(blink / "lesson.toml", 'picture = "builtin:copy"', 'picture = "builtin:unicorn"')
    assert any("no such built-in picture" in m for m in messages(blink))


def test_example_that_does_not_complete(blink):
    """An example that misses a goal is reported at that step."""
    edit(blink / "lesson.toml", 'frames = [1], count = 4', 'frames = [1], count = 9')
    (msg,) = messages(blink)
    assert "blink/example.kadr, step 'longer', field 'goal'" in msg and "hold_at_least" in msg


def test_goals_that_check_nothing_drawn(blink):
    """A lesson a blank project completes is an error."""
    text = (blink / "lesson.toml").read_text(encoding="utf-8")
    head, *steps = text.split("[[steps]]")
    keep = [s for s in steps if 'check = "played"' in s or 'check = "exported"' in s]
    (blink / "lesson.toml").write_text("[[steps]]".join([head] + keep), encoding="utf-8")
    for lang in ("ru", "kk", "ko", "ja"):
        path = blink / f"text.{lang}.toml"
        blocks = path.read_text(encoding="utf-8").split("[steps.")
        path.write_text("[steps.".join([blocks[0]] + [b for b in blocks[1:] if b.startswith(
            ("play]", "play_again]", "save]"))]), encoding="utf-8")
    assert any("a blank project completes the whole lesson" in m for m in messages(blink))


def test_bad_toml_and_wrong_id(blink, tmp_path):
    """Broken TOML and an id that is not the folder name are errors; load_lesson refuses."""
    edit(blink / "text.ko.toml", 'title = "눈을', 'title = 눈을')
    assert any("blink/text.ko.toml" in m and "not valid TOML" in m for m in messages(blink))
    moved = tmp_path / "other"
    shutil.copytree(shipped_lessons_dir() / "blink", moved)
    with pytest.raises(LessonError, match="must be the same as the folder name"):
        load_lesson(moved)


def test_unknown_fields_are_errors(blink):
    """Misspelt fields are caught instead of silently ignored."""
    edit(blink / "lesson.toml", 'hint = "Press Share.', 'hnt = "x"\nhint = "Press Share.')
    assert any("step 'save', field 'hnt'" in m for m in messages(blink))


def test_guides_parse_and_paint():
    """Guides are data; paint_guides draws them in canvas coordinates, in the guide colour."""
    guide, bad = parse_guide({"id": "ring", "shape": "circle", "center": [0.5, 0.5],
                              "radius": 0.25})
    assert not bad
    dots, _ = parse_guide({"id": "d", "shape": "dots", "points": [[0.1, 0.1]]})
    path, _ = parse_guide({"id": "p", "shape": "path", "points": [[0.1, 0.9], [0.9, 0.9]]})
    _, bad = parse_guide({"id": "x", "shape": "spiral"})
    assert bad and bad[0][0] == "shape"
    image = QImage(640, 480, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    paint_guides(painter, [guide, dots, path], 640, 480)
    painter.end()
    assert image.pixelColor(64, 48) == QColor(GUIDE_COLOUR)  # the dot
    assert image.pixelColor(320, 240).alpha() == 0  # inside the ring: nothing
    assert any(image.pixelColor(320 + 120, y).alpha() for y in range(236, 245))  # the ring
    assert isinstance(guide, Guide)


def test_readme_example_is_a_valid_lesson(tmp_path):
    """The annotated lesson.toml in lessons/README.md reads without errors."""
    from kadr.lessons.checks import REGISTRY
    from kadr.lessons.model import parse_lesson

    readme = (shipped_lessons_dir() / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "tiny-bounce"
    folder.mkdir()
    (folder / "lesson.toml").write_text(block, encoding="utf-8")
    lesson, problems = parse_lesson(folder)
    assert lesson is not None and [str(p) for p in problems] == []
    for name in REGISTRY:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("old,new", [
    ('symbol = "symbol.svg"', 'symbol = "../bounce/symbol.svg"'),
    ('example = "example.kadr"', 'example = "/etc/passwd"'),
    ('picture = "symbol.svg"', 'picture = "..\\\\secret.svg"'),
])
def test_files_must_be_inside_the_lesson(blink, old, new):
    """A lesson may only name files inside its own folder."""
    edit(blink / "lesson.toml", old, new)
    assert any("must be a file in the lesson folder" in m for m in messages(blink))

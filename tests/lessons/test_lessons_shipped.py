"""The thirteen shipped lessons: valid, translated, and their examples complete them."""

from __future__ import annotations

import importlib.util
import re

import pytest

from kadr.core.project import blank_project
from kadr.lessons.checks import EVENTS, REGISTRY
from kadr.lessons.cli import lessons_main
from kadr.lessons.library import load_lessons, shipped_lessons_dir
from kadr.lessons.model import LANGS, load_lesson
from kadr.lessons.validate import run_through, validate_lesson

EXPECTED = ["blink", "flower", "roll", "bounce", "arc", "squash", "frog", "leaf", "star", "morph",
            "mouth", "wave", "walk"]
ROOT = shipped_lessons_dir()


def test_thirteen_lessons_in_teaching_order():
    """The path runs from the first flip-book to a walk cycle."""
    lessons, problems = load_lessons()
    assert not problems
    assert [x.id for x in lessons] == EXPECTED


@pytest.mark.parametrize("lesson_id", EXPECTED)
def test_lesson_passes_lessons_check(lesson_id):
    """kadr lessons check finds no errors and no warnings."""
    assert [str(p) for p in validate_lesson(ROOT / lesson_id)] == []


@pytest.mark.parametrize("lesson_id", EXPECTED)
def test_example_completes_and_blank_does_not(lesson_id):
    """The example animation completes the lesson; a blank project (or the start file) does not."""
    lesson = load_lesson(ROOT / lesson_id)
    assert run_through(lesson, lesson.example_project()) == (True, "", ())
    w, h = lesson.setup.canvas
    assert not run_through(lesson, blank_project(w, h))[0]
    assert not run_through(lesson, lesson.new_project())[0]


@pytest.mark.parametrize("lesson_id", EXPECTED)
def test_every_language_has_every_text(lesson_id):
    """All five languages have every step's instruction, hint and praise; ja has kana."""
    lesson = load_lesson(ROOT / lesson_id)
    for lang in LANGS:
        assert lesson.text("title", lang=lang)
        for step in lesson.steps:
            for field in ("instruction", "hint", "praise"):
                assert lesson.texts[lang]["steps"][step.id][field].strip()
    for step in lesson.steps:
        kana = lesson.text("say", step.id, lang="ja", speech=True)
        assert not re.search(r"[\u4e00-\u9fff]", kana)


@pytest.mark.parametrize("lesson_id", EXPECTED)
def test_easy_read_instructions(lesson_id):
    """English instructions are short (15 words at most) and start with a verb."""
    lesson = load_lesson(ROOT / lesson_id)
    verbs = {"draw", "press", "make", "go", "turn", "keep", "look", "share"}
    for step in lesson.steps:
        text = lesson.text("instruction", step.id, lang="en")
        assert len(text.split()) <= 15, text
        assert text.split()[0].lower() in verbs, text
        assert 4 <= len(lesson.steps) <= 9


def test_steps_need_only_events_the_studio_reports():
    """Checks read the document and reported events only, so mouse or keyboard both work."""
    for spec in REGISTRY.values():
        assert set(spec.events) <= set(EVENTS)


def test_cli_checks_the_shipped_lessons(capsys):
    """kadr lessons check with no path checks the shipped lessons and succeeds."""
    assert lessons_main([]) == 0
    assert "13 lesson(s) checked: 0 error(s), 0 warning(s)." in capsys.readouterr().out
    assert lessons_main(["check", str(ROOT / "blink")]) == 0
    assert lessons_main(["--help"]) == 0
    assert lessons_main(["check", "a", "b"]) == 2


def load_maker():
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_examples_is_deterministic(tmp_path):
    """make_examples.py writes the same bytes every time."""
    maker = load_maker()
    for lesson_id in ("blink", "wave"):  # strokes, fills, erasing, layers, a background
        first = maker.make(lesson_id, tmp_path / "a")
        second = maker.make(lesson_id, tmp_path / "b")
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_committed_examples_are_current(tmp_path):
    """The committed .kadr files are what make_examples.py makes now (same pictures, holds,
    speed; pixels compared with a small tolerance, since Qt versions antialias differently)."""
    from kadr.core.store import load
    from kadr.lessons.features import ink, similarity

    maker = load_maker()
    for lesson_id in EXPECTED:
        for path in maker.make(lesson_id, tmp_path):
            made, kept = load(path), load(ROOT / lesson_id / path.name)
            assert (made.width, made.height, made.settings.fps) == (
                kept.width, kept.height, kept.settings.fps), path
            assert [f.hold for f in made.frames] == [f.hold for f in kept.frames], path
            for i in range(len(made.frames)):
                assert similarity(ink(made, i), ink(kept, i)) >= 0.97, (path, i)

"""Lesson tests run offscreen with app/ on the path; shared drawing helpers and fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _app(qapp):
    """Every lesson test has a Qt application (QPainter, SVG and widgets need one)."""
    from kadr.i18n import set_language

    set_language("en")
    yield qapp
    set_language("en")


TINY_LESSON = '''
id = "tiny"
title = "A tiny lesson"
goal = "I can test the engine."
symbol = "builtin:draw"

[[guides]]
id = "ring"
shape = "circle"
center = [0.5, 0.5]
radius = 0.3

[[steps]]
id = "draw"
instruction = "Draw a ball."
hint = "Draw a circle."
praise = "A ball!"
guides = ["ring"]
goal = [{ check = "frames_have_drawing", first = 1 }]

[[steps]]
id = "add"
instruction = "Press Add picture."
say = "Press the Add picture button."
hint = "It makes a new picture."
praise = "A new picture."
goal = [{ check = "frame_count_at_least", count = 2 }]

[[steps]]
id = "play"
instruction = "Press Play."
hint = "The button with a triangle."
praise = "It plays!"
goal = [{ check = "played" }]
'''


@pytest.fixture
def tiny_lesson(tmp_path):
    """A three-step lesson (draw, add a picture, play) in a temporary folder."""
    from kadr.lessons.model import load_lesson

    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "lesson.toml").write_text(TINY_LESSON, encoding="utf-8")
    return load_lesson(folder)

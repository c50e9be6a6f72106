"""Issue 15, start to finish: a blind child makes a film with the keyboard alone under
Orca 43 (Debian's screen reader), plays it, shares a GIF, and follows a lesson step; each
test judges what Orca SAID after one action (orca_session.py runs the session once).

It takes about two minutes: the real Orca, a window manager and the studio on a virtual
screen. It runs in `make test` like every other test (CI installs the Debian packages in
docs/accessibility.md; a missing one fails under CI and skips elsewhere).
"""

from __future__ import annotations

import pytest
from orca_session import Session, count, orca_session

pytestmark = pytest.mark.a11y_bus

SHIFT = "shift+"
# The first lesson's first step, "Draw a big face", drawn with the keyboard pen (10 px a
# key, 50 with Shift) from where the pen is after a short line: a square face around the
# dotted circle, two eyes (Enter stamps a dot).
FACE = ([SHIFT + "Left"] * 2 + ["Left"] * 2 + [SHIFT + "Up"] * 2 + ["Up", "space"]
        + [SHIFT + "Right"] * 3 + ["Right"] * 3 + [SHIFT + "Down"] * 3 + ["Down"] * 3
        + [SHIFT + "Left"] * 3 + ["Left"] * 3 + [SHIFT + "Up"] * 3 + ["Up"] * 3 + ["space"]
        + [SHIFT + "Right", SHIFT + "Down", "Return", SHIFT + "Right", "Right", "Return"])


def run_english(s: Session) -> None:
    # the picture strip (F6 from the paper) and back
    s.act("strip", ["F6"], r"List with")
    s.act("back to paper", ["shift+F6"], r"Drawing paper")
    # making a film: drawing with keys on picture 1
    s.act("keys on", ["k"], r"Draw with keys: on")
    s.act("pen down", ["space"], r"Pen down")
    s.act("where", [SHIFT + "Right", SHIFT + "Down", "w"], r"Pen at")
    s.act("pen up", ["space"], r"Has a drawing|Pen up")
    s.act("add picture", ["ctrl+n"], r"Picture \d added")
    s.act("draw again", ["space", SHIFT + "Left", SHIFT + "Left", "space"], r"Has a drawing")
    s.act("keys off", ["k"], r"Draw with keys: off")
    s.act("play", ["space"], r"Playing")
    s.act("stop", ["space"], r"Stopped at picture")
    # sharing a GIF
    s.act("share", ["ctrl+e"], r"Share your film")
    s.act("save", ["Return"], r"Your film is ready", timeout=90, quiet=3.0)
    s.act("close share", ["Escape"], r"Drawing paper|canvas")
    # a lesson: from the projects to the lessons screen, the first lesson
    s.act("projects", ["ctrl+w"], r"My projects")
    s.act("lessons", ["ctrl+l"], r"A face that blinks")
    s.act("start lesson", ["Return"], r"Draw a big face", timeout=60, quiet=2.5)
    s.act("lesson keys on", ["k"], r"Draw with keys: on")
    s.act("why", ["space", "Right", "Right", "Right", "space"], r"Make the drawing bigger",
          quiet=2.5)
    s.act("help", ["F3"], r"Draw a circle on the dots")
    s.act("face", FACE, r"You got a star", timeout=45)


@pytest.fixture(scope="module")
def english():
    with orca_session("kadr-orca-en-") as s:
        run_english(s)
        s.gif = sorted(s.pictures().glob("*.gif")) if s.pictures().exists() else []
        yield s


def said(s: Session, name: str):
    step = s.steps[name]
    assert step.met, str(step)
    return step.said


def test_the_strip_counts_what_it_shows(english):
    """Orca counts the "+" tile as a list item: the strip's name says it is there."""
    heard = said(english, "strip")
    assert any("Pictures: 2, then Add picture" in line for line in heard), heard
    assert any("List with 3 items" in line for line in heard), heard
    said(english, "back to paper")


def test_draw_with_keys_is_heard(english):
    said(english, "keys on")
    said(english, "pen down")
    where = said(english, "where")
    # the pen's state once: in the message, not again in the paper's words after it
    assert " ".join(where).count("Pen down") == 1, where
    said(english, "pen up")


def test_adding_a_picture_and_drawing_on_it_are_heard(english):
    said(english, "add picture")
    said(english, "draw again")


def test_play_and_stop_are_heard(english):
    said(english, "keys off")
    said(english, "play")
    said(english, "stop")


def test_sharing_a_gif_says_ready_and_where(english):
    said(english, "share")
    heard = said(english, "save")
    # a film this short is ready before "Making your film..." could be heard
    ready = [i for i, line in enumerate(heard) if "Your film is ready" in line]
    assert len(ready) == 1, f"said {len(ready)} times: {heard}"
    assert "in the Kadr folder, in your Pictures folder" in heard[ready[0]], heard
    # focus went to Show me, the next thing to do
    assert any("Show me" in line for line in heard), heard
    ready = ready[0]
    # nothing about cancelling after the film is ready
    assert not any("Cancel" in line or "Stop making the file" in line
                   for line in heard[ready:]), heard
    assert english.gif, f"no GIF in {english.pictures()}"


def test_closing_a_dialog_says_no_layered_pane(english):
    heard = said(english, "close share")
    assert count(heard, r"layered pane") == 0, heard
    # the closed dialog's Show me is not read on the way out
    assert count(heard, r"Open the folder") == 0, heard


def test_each_screen_is_named_as_it_opens(english):
    # My projects with no projects yet: its New button, with the screen's name
    heard = said(english, "projects")
    new = next((i for i, line in enumerate(heard) if "New push button" in line), None)
    assert new is not None, heard
    assert any("My projects" in line for line in heard[new:]), heard
    # the lessons list is named Lessons
    heard = said(english, "lessons")
    assert any(line.startswith("Lessons") for line in heard), heard


def test_a_lesson_step_is_heard_once_the_film_opens(english):
    heard = said(english, "start lesson")
    assert any("Step 1 of" in line for line in heard), heard
    assert count(heard, r"layered pane") == 0, heard
    # the canvas is read once when the film opens, not twice
    assert count(heard, r"^Drawing paper") <= 1, heard


def test_why_a_step_is_not_met_is_heard(english):
    said(english, "lesson keys on")
    said(english, "why")


def test_a_help_rung_is_heard(english):
    said(english, "help")


def test_praise_is_heard(english):
    heard = said(english, "face")
    assert any("You drew a face" in line for line in heard), heard
    assert any("Step 2 of" in line for line in heard), heard


def test_orca_spoke_english_to_the_synthesiser(english):
    heard = english.speech.heard()
    assert heard, "speech-dispatcher was given nothing"
    assert any("Picture" in text for _lang, text in heard), heard[:20]

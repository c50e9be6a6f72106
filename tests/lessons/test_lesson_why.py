"""Tell the child why (issue 14): every goal not met says what is missing, in words a child
understands and in every language, and points at a real picture and a real guide.

The judged corpus (corpus.py) supplies films a teacher would reject; each is fed through
the engine at the step it is wrong for, the way the studio does after the child pauses.
"""

from __future__ import annotations

import pytest
from corpus import WRONG, Hand, _walker, bounce_film, lesson, new, roll_film, walk_film
from lesson_drawing import check, ellipse, project

from kadr import i18n
from kadr import i18n_extract as extract
from kadr.core.tools import clear_picture
from kadr.lessons.checks import run_check
from kadr.lessons.engine import LessonRun
from kadr.lessons.guide import Guide
from kadr.lessons.validate import events_for
from kadr.lessons.why import Why, why_words

LANGS = ("ru", "kk", "ko", "ja")
CHECK_MODULES = ("lessons/checks.py", "lessons/checks_ink.py", "lessons/checks_motion.py",
                 "lessons/reasons.py")


def at_step(lesson_id, step_id, project):
    """The engine's outcome for ``project`` at one step, with the events that step needs."""
    les = lesson(lesson_id)
    run = LessonRun(les, project)
    run.index = les.step_index(step_id)
    run.events = [(e, {}) for e in events_for(les, run.index)]
    return run, run.check()


def words_in(lang, why):
    i18n.set_language(lang)
    try:
        return why_words(why)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lesson_id", sorted(WRONG))
def test_every_wrong_film_is_told_why(lesson_id):
    """Every wrong film, at the step it is wrong for, gets a reason: words in every language,
    a picture the film has, and a guide the lesson has."""
    les = lesson(lesson_id)
    told = 0
    for film in WRONG[lesson_id]():
        run, outcome = at_step(lesson_id, film.target, film.project)
        if outcome.met:
            continue  # the corpus test counts the (rare) wrong film that is accepted
        why = outcome.why
        assert isinstance(why, Why), f"{film.name}: no reason for {outcome.missing}"
        english, spoken = why_words(why)
        assert english and spoken and "{" not in english, film.name
        for lang in LANGS:
            shown, said = words_in(lang, why)
            assert shown and said and shown != english and "{" not in shown, (film.name, lang)
        if why.picture is not None:
            assert 1 <= why.picture <= len(film.project.frames), film.name
        if why.guide is not None:
            assert why.guide in les.guides, film.name
        if why.place is not None:
            assert all(0.0 <= v <= 1.0 for v in why.place), film.name
        assert run.not_yet(outcome) == (english, spoken)
        told += 1
    assert told >= 10


def test_the_ball_too_high_in_picture_5():
    """A bounce whose floor picture floats: "Make the drawing lower in picture 5", pointing
    at the floor under the ball."""
    film = bounce_film(801, heights=(1.0, 0.97, 0.9, 0.75, 0.5, 0.75, 0.9, 0.97))
    _, outcome = at_step("bounce", "floor", film)
    assert not outcome.met
    shown, _ = why_words(outcome.why)
    assert shown == "Make the drawing lower in picture 5."
    assert outcome.why.picture == 5
    assert outcome.why.place[1] > 0.75  # down near the floor line (0.85)
    assert "5" in words_in("ru", outcome.why)[0] and "ниже" in words_in("ru", outcome.why)[0]


def test_an_empty_picture_is_named():
    """Picture 3 left empty: "Draw something in picture 3."."""
    film = bounce_film(700)
    clear_picture(film, 2)
    _, outcome = at_step("bounce", "down", film)
    assert why_words(outcome.why)[0] == "Draw something in picture 3."
    assert outcome.why.picture == 3
    assert words_in("ja", outcome.why)[0] == "3まいめの えに なにか かいてね。"


def test_walk_without_red_legs_asks_for_red():
    """A walker drawn all in black: use red in picture 1, in the child's language."""
    film = new(4, 6)
    _walker(Hand(film, 2403), 0, 320, 60, "#000000", "#000000", 0)
    _, outcome = at_step("walk", "red", film)
    assert outcome.why.colour == "#e6194b" and outcome.why.picture == 1
    assert why_words(outcome.why)[0] == "Use red in picture 1."
    assert "красный" in words_in("ru", outcome.why)[0]


def test_walk_with_red_behind_says_which_way():
    """The red leg behind: move the red part to the right, where the pulse shows."""
    film = walk_film(2402, fronts=["#4363d8", "#e6194b", "#4363d8", "#4363d8"])
    _, outcome = at_step("walk", "red", film)
    assert why_words(outcome.why)[0] == "Move the red part to the right in picture 1."
    assert outcome.why.place[0] > 0.5


def test_a_ball_that_does_not_roll():
    """The ball stays put: move it to the right in picture 2."""
    film = roll_film(602, xs=[90] * 7)
    _, outcome = at_step("roll", "move", film)
    assert why_words(outcome.why)[0] == "Move the drawing to the right in picture 2."


def test_too_few_pictures_and_uneven_steps():
    """Four pictures where six are needed; one step much bigger than the others."""
    _, outcome = at_step("roll", "across", roll_film(610, xs=[80, 233, 386, 540]))
    assert why_words(outcome.why)[0] == "Make 6 pictures."
    assert words_in("kk", outcome.why)[0] == "6 сурет жаса."
    film = roll_film(609, xs=[80, 150, 220, 290, 360, 520, 560])
    _, outcome = at_step("roll", "even", film)
    assert why_words(outcome.why)[0] == "Make the step smaller in picture 6."
    assert outcome.why.place is not None and outcome.why.place[0] < 520 / 640


def test_a_constant_fall_needs_bigger_steps_near_the_floor():
    """A ball that falls at one speed: the steps near the floor must grow."""
    film = bounce_film(803, heights=(1.0, 0.75, 0.5, 0.25, 0.0, 0.44, 0.75, 0.94))
    _, outcome = at_step("bounce", "down", film)
    assert why_words(outcome.why)[0] == "Make the steps bigger near the floor."


def test_guides_and_places_point_where_to_look():
    """A face in the corner: draw inside the dotted face guide."""
    p = project(1)
    ellipse(p, 0, 130, 120, 90)
    ring = Guide("face", "circle", ((0.5, 0.45),), radius=0.28)
    verdict = run_check("inside_guide", {"first": 1, "last": None, "guide": ring,
                                         "tolerance": 0.05, "min_share": 0.8, "layer": "all"},
                        p, [])
    assert isinstance(verdict, Why) and verdict.guide == "face" and verdict.picture == 1
    assert why_words(verdict)[0] == "Draw inside the dotted shape in picture 1."


def test_events_say_which_button():
    """Event checks name the button to press."""
    p = project(1)
    assert why_words(run_check("played", {"times": 1}, p, []))[0] == "Press Play."
    assert why_words(run_check("exported", {}, p, []))[0] == "Press Share."
    assert why_words(run_check("onion_on", {}, p, []))[0] == "Press See other pictures."
    assert run_check("played", {"times": 1}, p, [("played", {})]) is True


def test_a_reason_is_falsy_so_old_callers_still_work():
    """check() helpers that test truth keep working: a Why counts as not met."""
    p = project(2)
    assert not check("frames_have_drawing", p, first=2)
    verdict = run_check("frames_have_drawing", {"first": 2, "last": None, "layer": "all",
                                                "allow_misses": 0}, p, [])
    assert isinstance(verdict, Why) and not verdict and verdict.picture == 2


def test_the_words_are_easy_read():
    """Every reason a check can give: one sentence of at most 10 words (the picture number
    counted), translated into every language."""
    found = extract.extract()
    reasons = [t for t, f in found.strings.items()
               if any(p.rsplit(":", 1)[0].endswith(CHECK_MODULES) for p in f.places)]
    assert len(reasons) >= 30
    catalogues = {lang: extract.translations(extract.read_json(extract.catalogue_path(lang)))
                  for lang in LANGS}
    for text in reasons:
        words = text.format(picture=5, count=6, colour="red").split()
        assert len(words) <= 10, text
        assert text.count(".") == 1 and text.endswith("."), text
        for lang in LANGS:
            assert catalogues[lang].get(text), (lang, text)

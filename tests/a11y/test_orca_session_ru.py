"""Issue 15 in Russian: the same keyboard-only session, shorter, with Kadr in Russian and
Orca set to Russian as on a Russian desktop (its locale ru_RU.UTF-8, built with localedef
when the machine has none; Orca then gives speech-dispatcher the language "ru" and says
its own words in Russian). What Orca SAID is checked against Kadr's own Russian words.
"""

from __future__ import annotations

import re

import pytest
from orca_session import Session, count, orca_session
from screen_reader import build_locale

from kadr import i18n
from kadr.i18n import tr
from kadr.lessons.library import shipped_lessons_dir
from kadr.lessons.model import load_lesson

pytestmark = pytest.mark.a11y_bus
LOCALE = "ru_RU.UTF-8"


def russian_words() -> dict[str, str]:
    """What Kadr says at each step, in Russian (from its catalogue and the lesson)."""
    i18n.set_language("ru")
    try:
        lesson = load_lesson(shipped_lessons_dir() / "blink")
        return {
            "keys on": tr("Draw with keys: on. Arrow keys move the pen, Space puts it down."),
            "add picture": tr("Picture {n} added. There are {count} pictures.", n=2, count=3),
            "ready": tr("Your film is ready: {name}. It is {where}.", name="Test film.gif",
                        where=tr("in the Kadr folder, in your Pictures folder")),
            "lesson": lesson.title(),
            "step": lesson.text("instruction", "face"),
            "why": tr("Make the drawing bigger in picture {picture}.", picture=1),
            "help": lesson.text("hint", "face"),
            "orca on": "Чтение с экрана включено",
        }
    finally:
        i18n.set_language("en")


def run_russian(s: Session, w: dict[str, str]) -> None:
    s.act("keys on", ["k"], re.escape(w["keys on"]))
    s.act("draw", ["space", "shift+Right", "shift+Down", "space"], r".")
    s.act("add picture", ["ctrl+n"], re.escape(w["add picture"]))
    s.act("share", ["ctrl+e"], r".")
    s.act("save", ["Return"], re.escape(w["ready"]), timeout=90, quiet=3.0)
    s.act("close share", ["Escape"], r".")
    s.act("projects", ["ctrl+w"], r".")
    s.act("lessons", ["ctrl+l"], re.escape(w["lesson"]))
    s.act("start lesson", ["Return"], re.escape(w["step"]), timeout=60, quiet=2.5)
    # drawing with keys is still on (a setting): a short line, too small for a face
    s.act("why", ["space", "Right", "Right", "Right", "space"], re.escape(w["why"]), quiet=2.5)
    s.act("help", ["F3"], re.escape(w["help"]))


@pytest.fixture(scope="module")
def russian(tmp_path_factory):
    words = russian_words()
    locales = build_locale(LOCALE, tmp_path_factory.mktemp("locales"))
    env = {"LOCPATH": str(locales), "LANG": LOCALE, "LANGUAGE": "ru", "LC_ALL": LOCALE}
    with orca_session("kadr-orca-ru-", language="ru", env=env) as s:
        s.words = words
        run_russian(s, words)
        yield s


def said(s: Session, name: str) -> list[str]:
    step = s.steps[name]
    assert step.met, str(step)
    return step.said


def test_orca_itself_speaks_russian(russian):
    assert any(russian.words["orca on"] in line for line in russian.orca.said()[:3]), \
        russian.orca.said()[:5]


def test_orca_asks_the_synthesiser_for_russian(russian):
    heard = russian.speech.heard()
    ours = [(lang, text) for lang, text in heard if "Рису" in text or "рису" in text]
    assert ours, heard[-20:]
    assert all(lang.startswith("ru") for lang, _text in ours), ours


def test_drawing_and_adding_a_picture_are_heard_in_russian(russian):
    said(russian, "keys on")
    said(russian, "add picture")


def test_sharing_says_ready_and_where_in_russian(russian):
    heard = said(russian, "save")
    assert count(heard, re.escape(russian.words["ready"])) == 1, heard
    ready = next(i for i, line in enumerate(heard) if russian.words["ready"] in line)
    assert not any("Cancel" in line or "Отмен" in line for line in heard[ready:]), heard
    assert not any("Return" in line or "Esc)" in line for line in heard), heard


def test_no_english_role_noise_in_russian(russian):
    heard = said(russian, "close share") + said(russian, "start lesson")
    assert count(heard, r"layered pane") == 0, heard


def test_a_lesson_step_its_reason_and_help_are_heard_in_russian(russian):
    said(russian, "lessons")
    said(russian, "start lesson")
    said(russian, "why")
    said(russian, "help")

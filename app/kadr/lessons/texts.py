"""Translations of a lesson: one file per language, ``text.<lang>.toml``, beside lesson.toml.

    title = "..."            goal = "..."
    [steps.<step id>]
    instruction = "..."      hint = "..."      praise = "..."      say = "..." (optional)

Japanese adds kana readings for speech: ``say_kana`` for every step, and ``title_kana``,
``goal_kana``, ``hint_kana``, ``praise_kana`` for any text that has kanji in it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from kadr.lessons.problems import Problem

if TYPE_CHECKING:
    from kadr.lessons.model import Lesson

KANA_FIELDS = ("title", "goal", "say", "hint", "praise", "instruction")
WORD_RE = re.compile(r"\w+", re.UNICODE)
KANJI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_IN_CYRILLIC = re.compile(r"[A-Za-z]")


def read_translations(lesson: Lesson) -> list[Problem]:
    """Read every ``text.<lang>.toml`` of ``lesson`` into ``lesson.texts``."""
    from kadr.lessons.model import LANGS, LESSON_TEXT, STEP_TEXT, read_toml

    out: list[Problem] = []
    step_ids = {s.id for s in lesson.steps}
    for path in sorted(lesson.folder.glob("text.*.toml")):
        lang = path.name[len("text."):-len(".toml")]
        shown = f"{lesson.folder.name}/{path.name}"
        if lang not in LANGS or lang == "en":
            out.append(Problem(shown, "unknown language; use text.ru.toml, text.kk.toml, "
                               "text.ko.toml or text.ja.toml (English is in lesson.toml)",
                               warning=True))
            continue
        data, bad = read_toml(path, shown)
        out += bad
        if data is None:
            continue
        allowed_top = {*LESSON_TEXT, "steps"} | {f"{k}_kana" for k in LESSON_TEXT}
        allowed_step = {*STEP_TEXT} | {f"{k}_kana" for k in STEP_TEXT}
        table: dict[str, Any] = {}
        for key, value in data.items():
            if key not in allowed_top:
                out.append(Problem(shown, f"unknown field '{key}'", field=key))
            elif key != "steps":
                if isinstance(value, str):
                    table[key] = value
                else:
                    out.append(Problem(shown, "must be text in quotes", field=key))
        steps: dict[str, dict[str, str]] = {}
        raw_steps = data.get("steps", {})
        if not isinstance(raw_steps, dict):
            out.append(Problem(shown, "use [steps.<step id>] tables", field="steps"))
            raw_steps = {}
        for sid, fields in raw_steps.items():
            if sid not in step_ids:
                out.append(Problem(shown, "lesson.toml has no step with this id", sid))
                continue
            if not isinstance(fields, dict):
                out.append(Problem(shown, "must be a [steps.<id>] table", sid))
                continue
            steps[sid] = {}
            for key, value in fields.items():
                if key not in allowed_step:
                    out.append(Problem(shown, f"unknown field '{key}'", sid, key))
                elif not isinstance(value, str):
                    out.append(Problem(shown, "must be text in quotes", sid, key))
                else:
                    steps[sid][key] = value
        table["steps"] = steps
        lesson.texts[lang] = table
    return out


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Cyrillic and Latin letters (look-alikes such as Latin 'i' or 'c')."""
    found = []
    for word in WORD_RE.findall(text):
        cyr = any("CYRILLIC" in unicodedata.name(ch, "") for ch in word)
        if cyr and LATIN_IN_CYRILLIC.search(word):
            found.append(word)
    return found


def has_kanji(text: str) -> bool:
    return bool(KANJI_RE.search(text))


def check_texts(lesson: Lesson) -> list[Problem]:
    """Every language present and complete; Kazakh/Russian without Latin look-alikes;
    Japanese with kana readings for speech; Easy Read length warnings."""
    from kadr.lessons.model import LANGS

    out: list[Problem] = []
    for lang in LANGS:
        shown = (f"{lesson.folder.name}/lesson.toml" if lang == "en"
                 else f"{lesson.folder.name}/text.{lang}.toml")
        table = lesson.texts.get(lang)
        if table is None:
            out.append(Problem(shown, f"the {lang} translation is missing"))
            continue
        for key in ("title", "goal"):
            _one(out, shown, lang, table, key, "", required=True)
        for step in lesson.steps:
            fields = table.get("steps", {}).get(step.id)
            if fields is None:
                out.append(Problem(shown, "this step has no text", step.id))
                continue
            for key in ("instruction", "hint", "praise"):
                _one(out, shown, lang, fields, key, step.id, required=True)
            if "say" in fields:
                _one(out, shown, lang, fields, "say", step.id, required=False)
            if lang == "ja" and not fields.get("say_kana", "").strip():
                out.append(Problem(shown, "Japanese steps need say_kana: the words to speak, "
                                   "in kana", step.id, "say_kana"))
            elif lang == "ja" and has_kanji(fields["say_kana"]):
                out.append(Problem(shown, "kana readings must not contain kanji", step.id,
                                   "say_kana"))
    kk = lesson.texts.get("kk")
    if kk is not None and not re.search("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", repr(kk)):
        out.append(Problem(f"{lesson.folder.name}/text.kk.toml", "no Kazakh letters "
                           "(ә ғ қ ң ө ұ ү һ і) anywhere: is this Kazakh?", warning=True))
    return out


def _one(out: list[Problem], shown: str, lang: str, table: dict[str, Any], key: str,
         step: str, required: bool) -> None:
    text = table.get(key, "")
    if not isinstance(text, str) or not text.strip():
        if required:
            out.append(Problem(shown, "this text is missing", step, key))
        return
    if lang in ("ru", "kk"):
        for word in mixed_script_words(text):
            out.append(Problem(shown, f"'{word}' mixes Latin and Cyrillic letters", step, key))
    if lang == "ja" and has_kanji(text):
        kana = table.get(f"{key}_kana", "")
        if key != "say" and (not kana or has_kanji(kana)):
            out.append(Problem(shown, f"this text has kanji: add {key}_kana with its reading "
                               "in kana", step, f"{key}_kana"))
    if lang == "ja" and has_kanji(table.get(f"{key}_kana", "")):
        out.append(Problem(shown, "kana readings must not contain kanji", step, f"{key}_kana"))
    if key == "instruction" and lang in ("en", "ru", "kk"):
        words = len(WORD_RE.findall(text))
        if words > 15:
            out.append(Problem(shown, f"{words} words: Easy Read steps keep to 15 words or "
                               "fewer (4-10 is best)", step, key, warning=True))

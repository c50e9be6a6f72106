"""Why a goal is not met yet: words a child understands, and where to look.

A check returns True when its goal is met, and either False or a ``Why`` when it is not.
A Why is falsy, so ``if check(...)`` reads the same either way; it says what is missing
(an English template, translated at show time) and, where it can, which picture to go to
and which place on the paper or guide to pulse.

Write the words as a literal: ``Why("Draw something in picture {picture}.", 3)``. The
string extractor (kadr.i18n_extract) collects every ``Why("...")`` like a ``tr("...")``,
so translators see it. Easy Read: one action, verb first, at most 10 words, the same
template for the same thing (reasons.py and the checks share them).
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Why:
    """What is missing. ``words`` is an English template for tr(); ``{picture}`` in it is
    filled with ``picture`` (1-based), ``{count}`` with ``count`` and ``{colour}`` with the
    name of ``colour``."""

    words: str
    picture: int | None = None  # the picture to go to (1-based), if one
    place: Point | None = None  # a place on the paper (0..1 of width and height) to pulse
    guide: str | None = None  # a lesson guide's id to pulse
    count: int | None = None  # a number the words ask for ("Make {count} pictures.")
    colour: str | None = None  # a colour the words name, like "#e6194b"

    def __bool__(self) -> bool:
        return False


Verdict = bool | Why


def met_or(ok: bool, why: Why) -> Verdict:
    """True when ``ok``, else the reason."""
    return True if ok else why


def place(x: float, y: float) -> Point:
    """A place on the paper (parts of the width and height), kept on the paper."""
    return (min(1.0, max(0.0, float(x))), min(1.0, max(0.0, float(y))))


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:  # a template never shows a raw {field}
        return ""


def why_words(why: Why) -> tuple[str, str]:
    """What to show and what to say for ``why`` in the current language."""
    from kadr.core.tools import color_name
    from kadr.i18n import language, tr, tr_speech

    values = _Values()
    if why.picture is not None:
        values["picture"] = why.picture
    if why.count is not None:
        values["count"] = why.count
    if why.colour is not None:
        name = color_name(why.colour)  # inside a sentence: "Use red", "Возьми красный"
        values["colour"] = name.lower() if language() in ("en", "ru", "kk") else name
    return tr(why.words).format_map(values), tr_speech(why.words).format_map(values)

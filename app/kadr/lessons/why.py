"""Why a goal is not met yet: words a child understands, and where to look.

A check returns True when its goal is met, and either False or a ``Why`` when it is not.
A Why is falsy, so ``if check(...)`` reads the same either way; it says what is missing
(an English template, translated at show time) and, where it can, which picture to go to
and which place on the paper or guide to pulse.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Why:
    """What is missing. ``words`` is an English template for tr(); ``{picture}`` in it is
    filled with ``picture`` (1-based)."""

    words: str
    picture: int | None = None  # the picture to go to (1-based), if one
    place: Point | None = None  # a place on the paper (0..1 of width and height) to pulse
    guide: str | None = None  # a lesson guide's id to pulse

    def __bool__(self) -> bool:
        return False


Verdict = bool | Why


def why_words(why: Why) -> tuple[str, str]:
    """What to show and what to say for ``why`` in the current language."""
    from kadr.i18n import tr, tr_speech

    values = {"picture": why.picture} if why.picture is not None else {}
    return tr(why.words, **values), tr_speech(why.words, **values)

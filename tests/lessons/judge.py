"""Judging the corpus: the accept/reject matrix of every shipped lesson's films.

The judging itself is kadr.lessons.matrix (``kadr lessons check`` uses it too); this
module only gathers each lesson's good, wrong and junk films.
"""

from __future__ import annotations

from collections.abc import Callable

from corpus import GOOD, WRONG, Film, junk, lesson
from corpus_arc import arc_good, arc_junk, arc_wrong

from kadr.lessons.matrix import Matrix, judge_good, judge_junk, judge_wrong, met

__all__ = ["Matrix", "judge", "met"]

# lessons whose corpus lives in a module of its own
EXTRA: dict[str, tuple[Callable[[], list[Film]], Callable[[], list[Film]],
                       Callable[[], list[Film]]]] = {
    "arc": (arc_good, arc_wrong, arc_junk),
}


def judge(lesson_id: str) -> Matrix:
    les = lesson(lesson_id)
    if lesson_id in EXTRA:
        good, wrong, junk_films = EXTRA[lesson_id]
    else:
        good, wrong, junk_films = GOOD[lesson_id], WRONG[lesson_id], lambda: junk(lesson_id)
    m = judge_good(les, good())
    m.add(judge_wrong(les, wrong()))
    m.add(judge_junk(les, junk_films()))
    return m

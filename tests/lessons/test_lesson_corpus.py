"""The lessons judge like a teacher: the whole accept/reject matrix of the judged corpus.

Targets (issue 14): wrong films accepted <= 5 %, junk (scribbles, empty pictures, a filled
rectangle) accepted <= 1 %, acceptable step results rejected <= 3 %, and every acceptable
film finishes its lesson. The rates are printed (pytest -s shows them).
"""

from __future__ import annotations

import pytest
from judge import Matrix, judge

EXPECTED = ["blink", "flower", "roll", "bounce", "arc", "squash", "frog", "leaf", "star", "morph",
            "mouth", "wave", "walk"]
_results: dict[str, Matrix] = {}


@pytest.mark.parametrize("lesson_id", EXPECTED)
def test_lesson_judges_its_corpus(lesson_id):
    """Each lesson: every acceptable film finishes; at most one wrong film and one junk
    result slip through (the whole corpus is held to the targets below)."""
    m = judge(lesson_id)
    _results[lesson_id] = m
    print(f"\n{lesson_id}\n{m.report('  ')}")
    assert m.good_films >= 10 and m.wrong_films >= 10
    assert not m.good_unfinished, m.report()
    assert len(m.wrong_accepted) <= 1, m.report()
    assert len(m.junk_accepted) <= 1, m.report()


def test_corpus_rates_meet_the_targets():
    """The rates over all thirteen lessons meet the targets of issue 14."""
    total = Matrix()
    for lesson_id in EXPECTED:
        total.add(_results[lesson_id] if lesson_id in _results else judge(lesson_id))
    print("\n" + total.report("all lessons: "))
    rates = total.rates()
    assert rates["wrong accepted"] <= 0.05
    assert rates["junk accepted"] <= 0.01
    assert rates["acceptable rejected"] <= 0.03
    assert not total.good_unfinished

"""Judging the corpus: which steps a film meets, and the accept/reject matrix with its rates."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus import GOOD, WRONG, Film, junk, lesson

from kadr.core.project import Project
from kadr.lessons.checks import run_check
from kadr.lessons.model import Lesson
from kadr.lessons.validate import events_for

# checks that only count pictures or look at what the child pressed: they judge no drawing
NOT_JUDGING = {"frames_have_drawing", "frame_count_at_least", "played", "exported", "onion_on",
               "fps_between", "hold_at_least"}


def met(les: Lesson, step_index: int, project: Project) -> bool:
    """Is this step's goal met by ``project``, with the events the step needs?"""
    step = les.steps[step_index]
    events = [(e, {}) for e in events_for(les, step_index)]
    for goal in step.goals:
        params = dict(goal.params)
        if isinstance(params.get("guide"), str):
            params["guide"] = les.guides[params["guide"]]
        if not run_check(goal.check, params, project, events):
            return False
    return True


def judged_steps(les: Lesson) -> list[int]:
    return [i for i, s in enumerate(les.steps) if any(g.check not in NOT_JUDGING for g in s.goals)]


@dataclass
class Matrix:
    good_steps: int = 0
    good_failed: list[str] = field(default_factory=list)  # "film: step"
    good_films: int = 0
    good_unfinished: list[str] = field(default_factory=list)
    wrong_films: int = 0
    wrong_accepted: list[str] = field(default_factory=list)
    junk_results: int = 0
    junk_accepted: list[str] = field(default_factory=list)

    def add(self, other: Matrix) -> None:
        for name in vars(self):
            value = getattr(other, name)
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def rates(self) -> dict[str, float]:
        return {
            "wrong accepted": len(self.wrong_accepted) / max(1, self.wrong_films),
            "junk accepted": len(self.junk_accepted) / max(1, self.junk_results),
            "acceptable rejected": len(self.good_failed) / max(1, self.good_steps),
        }

    def report(self, title: str = "") -> str:
        r = self.rates()
        lines = [
            f"{title}wrong films accepted: {len(self.wrong_accepted)} of {self.wrong_films} "
            f"({100 * r['wrong accepted']:.1f} %)",
            f"{title}junk results accepted: {len(self.junk_accepted)} of {self.junk_results} "
            f"({100 * r['junk accepted']:.1f} %)",
            f"{title}acceptable step results rejected: {len(self.good_failed)} of "
            f"{self.good_steps} ({100 * r['acceptable rejected']:.1f} %)",
            f"{title}acceptable films that cannot finish: {len(self.good_unfinished)} of "
            f"{self.good_films}",
        ]
        for name in ("wrong_accepted", "junk_accepted", "good_failed", "good_unfinished"):
            for item in getattr(self, name):
                lines.append(f"  {name}: {item}")
        return "\n".join(lines)


def judge_good(les: Lesson, films: list[Film]) -> Matrix:
    m = Matrix()
    for film in films:
        m.good_films += 1
        failed = [les.steps[i].id for i in range(len(les.steps)) if not met(les, i, film.project)]
        m.good_steps += len(les.steps)
        m.good_failed += [f"{film.name}: {s}" for s in failed]
        if failed:
            m.good_unfinished.append(f"{film.name} (stops at {failed[0]})")
    return m


def judge_wrong(les: Lesson, films: list[Film]) -> Matrix:
    m = Matrix()
    for film in films:
        m.wrong_films += 1
        if met(les, les.step_index(film.target), film.project):
            m.wrong_accepted.append(f"{film.name}: {film.target}")
    return m


def judge_junk(les: Lesson, films: list[Film]) -> Matrix:
    m = Matrix()
    steps = judged_steps(les)
    for film in films:
        for i in steps:
            m.junk_results += 1
            if met(les, i, film.project):
                m.junk_accepted.append(f"{film.name}: {les.steps[i].id}")
    return m


def judge(lesson_id: str) -> Matrix:
    les = lesson(lesson_id)
    m = judge_good(les, GOOD[lesson_id]())
    m.add(judge_wrong(les, WRONG[lesson_id]()))
    m.add(judge_junk(les, junk(lesson_id)))
    return m

"""The accept/reject matrix: which steps of a lesson a film meets, judged like a teacher.

One place for the judging that the judged corpus (tests/lessons) and ``kadr lessons check``
share. A lesson folder may hold films that prove its checks:

    my-lesson/tests/accept/*.kadr    films a teacher accepts: each must finish the lesson
    my-lesson/tests/reject/*.kadr    films she rejects: each must fail at least one step;
                                     "down--jumps.kadr" names its step ("down"), which
                                     must then be the step that rejects it

Every step is judged on its own (with the events it needs, as validate.run_through feeds
them), so one table row says which step a film fails first, or which step passed wrongly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kadr.core.project import Project
from kadr.core.store import ProjectFileError, load
from kadr.lessons.checks import run_check
from kadr.lessons.model import Lesson
from kadr.lessons.registry import Event
from kadr.lessons.validate import MAX_FRAMES, MAX_PIXELS, events_for
from kadr.lessons.why import Why

# checks that only count pictures or look at what the child pressed: they judge no drawing
NOT_JUDGING = {"frames_have_drawing", "frame_count_at_least", "played", "exported", "onion_on",
               "fps_between", "hold_at_least"}
TARGET = "--"  # "step--what-is-wrong.kadr": a reject film wrong for that step
KINDS = ("accept", "reject")


class Film(Protocol):
    """A film to judge: its name, the project, and (wrong films) the step it is wrong for."""

    @property
    def name(self) -> str: ...
    @property
    def project(self) -> Project: ...
    @property
    def target(self) -> str: ...


def unmet(les: Lesson, step_index: int, project: Project) -> list[str]:
    """The checks of one step that ``project`` does not meet yet, with the events the step
    needs reported ([] = the step is met); each is its name, then what is missing when the
    check says (its Why, in English): "arc_path: Make the steps smaller near the top."."""
    step = les.steps[step_index]
    events: list[Event] = [(e, {}) for e in events_for(les, step_index)]
    out: list[str] = []
    for goal in step.goals:
        params = dict(goal.params)
        if isinstance(params.get("guide"), str):
            params["guide"] = les.guides[params["guide"]]
        verdict = run_check(goal.check, params, project, events)
        if not verdict:
            out.append(f"{goal.check}: {_words(verdict)}" if isinstance(verdict, Why)
                       else goal.check)
    return out


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def _words(why: Why) -> str:
    """A Why's English words with its picture (and any other number) filled in."""
    values = _Blank({k: v for k in ("picture", "count", "colour")
                     if (v := getattr(why, k, None)) is not None})
    return why.words.format_map(values)


def met(les: Lesson, step_index: int, project: Project) -> bool:
    """Is this step's goal met by ``project``, with the events the step needs?"""
    return not unmet(les, step_index, project)


def judged_steps(les: Lesson) -> list[int]:
    """The steps whose checks look at the drawing (not only at counts or button presses)."""
    return [i for i, s in enumerate(les.steps) if any(g.check not in NOT_JUDGING for g in s.goals)]


@dataclass
class Matrix:
    """Counts of a judged corpus, and the rates issue 14 sets targets for."""

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


def judge_good(les: Lesson, films: Iterable[Film]) -> Matrix:
    """Acceptable films: every step must be met."""
    m = Matrix()
    for film in films:
        m.good_films += 1
        failed = [les.steps[i].id for i in range(len(les.steps)) if not met(les, i, film.project)]
        m.good_steps += len(les.steps)
        m.good_failed += [f"{film.name}: {s}" for s in failed]
        if failed:
            m.good_unfinished.append(f"{film.name} (stops at {failed[0]})")
    return m


def judge_wrong(les: Lesson, films: Iterable[Film]) -> Matrix:
    """Wrong films: the step each is wrong for must not be met."""
    m = Matrix()
    for film in films:
        m.wrong_films += 1
        if met(les, les.step_index(film.target), film.project):
            m.wrong_accepted.append(f"{film.name}: {film.target}")
    return m


def judge_junk(les: Lesson, films: Iterable[Film]) -> Matrix:
    """Junk: no step that looks at the drawing may be met."""
    m = Matrix()
    steps = judged_steps(les)
    for film in films:
        for i in steps:
            m.junk_results += 1
            if met(les, i, film.project):
                m.junk_accepted.append(f"{film.name}: {les.steps[i].id}")
    return m


# -- a teacher's films: tests/accept and tests/reject in a lesson folder ------------------
@dataclass
class Row:
    """One film's line in the table."""

    film: str  # as shown: "accept/wobbly.kadr"
    expected: str  # "accept" or "reject"
    target: str = ""  # the step a reject film names ("" = any step)
    ok: bool = False  # judged as the teacher expects
    result: str = ""  # what happened, in a few words

    @property
    def verdict(self) -> str:
        return "ok" if self.ok else "WRONG"


def target_of(path: Path) -> str:
    """The step a reject film names before "--" in its file name ("" when none)."""
    stem = path.stem
    return stem.split(TARGET, 1)[0] if TARGET in stem else ""


def teacher_films(folder: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every film in ``folder``/tests/accept and tests/reject, sorted."""
    out = []
    for kind in KINDS:
        sub = Path(folder) / "tests" / kind
        if sub.is_dir():
            out += [(kind, p) for p in sorted(sub.glob("*.kadr")) if p.is_file()]
    return out


def _open(path: Path) -> tuple[Project | None, str]:
    try:
        project = load(path)
    except ProjectFileError as e:
        return None, f"does not open: {e}"
    if project.width * project.height > MAX_PIXELS or len(project.frames) > MAX_FRAMES:
        return None, f"too big (at most {MAX_FRAMES} pictures of 4096 x 4096)"
    return project, ""


def judge_film(les: Lesson, kind: str, path: Path) -> Row:
    """Judge one film of a lesson's tests folder step by step."""
    row = Row(f"{kind}/{path.name}", kind, target_of(path) if kind == "reject" else "")
    project, trouble = _open(path)
    if project is None:
        row.result = trouble
        return row
    ids = [s.id for s in les.steps]
    if row.target and row.target not in ids:
        row.result = f"names step '{row.target}', but the steps are: " + ", ".join(ids)
        return row
    if row.target:
        i = ids.index(row.target)
        missing = unmet(les, i, project)
        row.ok = bool(missing)
        row.result = (f"fails '{row.target}': " + " ".join(dict.fromkeys(missing)) if missing
                      else f"passes '{row.target}', the step it names")
        return row
    for i, step_id in enumerate(ids):
        missing = unmet(les, i, project)
        if missing:
            row.ok = kind == "reject"
            row.result = f"fails '{step_id}' first: " + " ".join(dict.fromkeys(missing))
            return row
    row.ok = kind == "accept"
    row.result = "finishes the lesson" if row.ok else "passes every step"
    return row


def judge_folder(les: Lesson) -> list[Row]:
    """Every film in the lesson's tests folders, judged."""
    return [judge_film(les, kind, path) for kind, path in teacher_films(les.folder)]


def table(lesson_id: str, rows: list[Row]) -> str:
    """The accept/reject matrix of one lesson as plain text, with its rates."""
    heads = ("film", "expected", "result", "what happened")
    cells = [(r.film, r.expected + (f" ({r.target})" if r.target else ""), r.verdict, r.result)
             for r in rows]
    widths = [max(len(c[k]) for c in [heads, *cells]) for k in range(3)]
    lines = [f"{lesson_id}: films in tests/accept and tests/reject"]
    for c in [heads, *cells]:
        lines.append("  " + "  ".join(c[k].ljust(widths[k]) for k in range(3)) + "  " + c[3])
    for kind, what in (("accept", "accept films that finish the lesson"),
                       ("reject", "reject films rejected")):
        these = [r for r in rows if r.expected == kind]
        if these:
            good = sum(r.ok for r in these)
            lines.append(f"  {what}: {good} of {len(these)} ({100 * good / len(these):.0f} %)")
    return "\n".join(lines)

"""``kadr lessons check``: everything a lesson needs, checked before a child meets it.

Schema and check parameters (model.py), translations (texts.py), pictures, and the two
promises every lesson makes: its example animation completes it when fed through the
engine with the events its steps need, and a blank project does not.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kadr.core.project import Project, blank_project
from kadr.core.store import ProjectFileError, load
from kadr.lessons.checks import REGISTRY
from kadr.lessons.engine import LessonRun
from kadr.lessons.library import lesson_folders
from kadr.lessons.model import Lesson, parse_lesson
from kadr.lessons.problems import Problem, errors
from kadr.lessons.symbols import BUILTIN, SYMBOLS
from kadr.lessons.texts import check_texts

MAX_STEPS = 9  # 4-8 steps plus "share your film"
MAX_PIXELS = 4096 * 4096  # examples from packs are rendered: keep hostile sizes out
MAX_FRAMES = 600


def events_for(lesson: Lesson, step_index: int) -> list[str]:
    """The events a child's actions would report for a step's goal (validator and tests)."""
    out: list[str] = []
    for goal in lesson.steps[step_index].goals:
        for event in REGISTRY[goal.check].events:
            if event not in out:
                out.append(event)
    return out


def run_through(lesson: Lesson, project: Project) -> tuple[bool, str, tuple[str, ...]]:
    """Feed ``project`` through every step with the events each step needs.
    Returns (finished, the step where it stopped, the checks not met there)."""
    run = LessonRun(lesson, project)
    while not run.finished:
        at = run.index
        step = run.current_step
        assert step is not None
        outcome = run.check()
        for event in events_for(lesson, at):
            if run.finished or run.index != at:
                break
            outcome = run.notice(event)
        if not run.finished and run.index == at:
            return False, step.id, outcome.missing
    return True, "", ()


def _svg_problem(path: Path) -> str:
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        return "the picture file is missing"
    except (ET.ParseError, OSError) as e:
        return f"the picture is not a readable SVG: {e}"
    return "" if root.tag.endswith("svg") else "the picture is not an SVG"


def _pictures(lesson: Lesson) -> list[Problem]:
    out: list[Problem] = []
    shown = f"{lesson.folder.name}/lesson.toml"
    named = [("", "symbol", lesson.symbol)] + [(s.id, "picture", s.picture) for s in lesson.steps]
    for step_id, field, name in named:
        if name.startswith(BUILTIN):
            if name[len(BUILTIN):] not in SYMBOLS:
                out.append(Problem(shown, "no such built-in picture; use one of: "
                                   + ", ".join(BUILTIN + s for s in SYMBOLS), step_id, field))
        elif name:
            why = _svg_problem(lesson.folder / name)
            if why:
                out.append(Problem(shown, f"{why} ({name})", step_id, field))
    return out


def _examples(lesson: Lesson) -> list[Problem]:
    out: list[Problem] = []
    shown = f"{lesson.folder.name}/{lesson.example}"
    try:
        example = load(lesson.folder / lesson.example)
    except ProjectFileError as e:
        return [Problem(shown, f"the example animation does not open: {e}", field="example")]
    if example.width * example.height > MAX_PIXELS or len(example.frames) > MAX_FRAMES:
        return [Problem(shown, f"the example is too big (at most {MAX_FRAMES} pictures of "
                        "4096 x 4096)", field="example")]
    done, stuck, missing = run_through(lesson, example)
    if not done:
        out.append(Problem(shown, "the example animation does not pass this step (checks not "
                           "met: " + ", ".join(missing) + ")", stuck, "goal"))
    if (example.width, example.height) != lesson.setup.canvas and not lesson.start:
        out.append(Problem(shown, f"the example is {example.width}x{example.height} but "
                           f"[setup] canvas is {lesson.setup.canvas[0]}x{lesson.setup.canvas[1]}",
                           field="setup.canvas", warning=True))
    w, h = lesson.setup.canvas
    starts: list[tuple[str, Project]] = [("a blank project", blank_project(w, h))]
    if lesson.start:
        try:
            starts.append((f"the start project ({lesson.start})", lesson.new_project()))
        except ProjectFileError as e:
            out.append(Problem(f"{lesson.folder.name}/{lesson.start}",
                               f"the start project does not open: {e}", field="start"))
    for name, project in starts:
        if run_through(lesson, project)[0]:
            out.append(Problem(f"{lesson.folder.name}/lesson.toml", f"{name} completes the "
                               "whole lesson: some goals check nothing the child draws",
                               field="goal"))
    return out


def validate_lesson(folder: Path) -> list[Problem]:
    """Every problem of one lesson folder (errors and warnings)."""
    lesson, out = parse_lesson(Path(folder))
    if lesson is None or errors(out):
        return out
    if len(lesson.steps) > MAX_STEPS:
        out.append(Problem(f"{lesson.folder.name}/lesson.toml", f"{len(lesson.steps)} steps: "
                           "keep to 4-8 steps plus saving, so a child finishes in one sitting",
                           field="steps", warning=True))
    out += check_texts(lesson)
    out += _pictures(lesson)
    out += _examples(lesson)
    return out


def validate_folder(root: Path) -> tuple[int, list[Problem]]:
    """Check a lesson folder or a folder of lessons; returns (lessons found, problems)."""
    folders = lesson_folders(Path(root))
    if not folders:
        return 0, [Problem(str(root), "no lessons here: a lesson is a folder with a lesson.toml")]
    out: list[Problem] = []
    for folder in folders:
        out += validate_lesson(folder)
    return len(folders), out

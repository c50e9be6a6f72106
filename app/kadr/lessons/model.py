"""A lesson read from its folder: lesson.toml (structure + English) and text.<lang>.toml.

See lessons/README.md for the format, written for teachers. Reading collects every
problem it finds (file, step, field) instead of stopping at the first.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

from kadr.core.project import Project, blank_project
from kadr.i18n import language
from kadr.lessons.checks import resolve_params
from kadr.lessons.guide import Guide, parse_guide
from kadr.lessons.problems import LessonError, Problem, errors
from kadr.lessons.symbols import BUILTIN

LANGS = ("en", "ru", "kk", "ko", "ja")
STEP_TEXT = ("instruction", "say", "hint", "praise")
LESSON_TEXT = ("title", "goal", "principle")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
TOP_KEYS = {"id", "order", "title", "goal", "level", "age", "principle", "minutes", "symbol",
            "example", "start", "setup", "guides", "steps"}
STEP_KEYS = {"id", "picture", "guides", "goal", *STEP_TEXT}
SETUP_KEYS = {"fps", "frames", "canvas"}


@dataclass(frozen=True)
class Goal:
    check: str
    params: dict[str, Any]  # with defaults filled in; "guide" holds the guide's id


@dataclass(frozen=True)
class Step:
    id: str
    goals: tuple[Goal, ...]
    picture: str = ""  # a file in the lesson folder, or "builtin:<name>"; "" = lesson symbol
    guides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Setup:
    fps: int = 8
    frames: int = 1
    canvas: tuple[int, int] = (640, 480)


@dataclass
class Lesson:
    id: str
    folder: Path
    steps: list[Step]
    order: int = 100
    level: int = 1
    age: str = ""
    minutes: int = 10
    symbol: str = "symbol.svg"
    example: str = "example.kadr"
    start: str = ""
    setup: Setup = field(default_factory=Setup)
    guides: dict[str, Guide] = field(default_factory=dict)
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> text table

    # -- words -------------------------------------------------------------------------
    def text(self, name: str, step: str = "", lang: str = "", speech: bool = False) -> str:
        """A lesson or step text in ``lang`` (default: the current language), falling back
        to English. ``say`` falls back to ``instruction``. With ``speech``, the Japanese
        kana reading (``<name>_kana``) is used when there is one."""
        lang = lang or language()
        for code in (lang, "en"):
            table = self.texts.get(code, {})
            if step:
                table = table.get("steps", {}).get(step, {})
            names = [name, "instruction"] if name == "say" else [name]
            for n in names:
                if speech and f"{n}_kana" in table:
                    return str(table[f"{n}_kana"])
                if n in table:
                    return str(table[n])
        return ""

    def title(self, lang: str = "") -> str:
        return self.text("title", lang=lang)

    def step_index(self, step_id: str) -> int:
        for i, s in enumerate(self.steps):
            if s.id == step_id:
                return i
        raise KeyError(step_id)

    def step_guides(self, step: Step) -> list[Guide]:
        return [self.guides[g] for g in step.guides if g in self.guides]

    def picture_file(self, step: Step | None = None) -> Path | None:
        """The picture to show beside a step (or the lesson's symbol); None for built-ins."""
        name = (step.picture if step is not None else "") or self.symbol
        return None if name.startswith(BUILTIN) else self.folder / name

    # -- projects ----------------------------------------------------------------------
    def new_project(self) -> Project:
        """The project a child starts the lesson with (the start file, or a blank one)."""
        from kadr.core.store import load

        if self.start:
            return load(self.folder / self.start)
        w, h = self.setup.canvas
        project = blank_project(w, h, self.title())
        for _ in range(self.setup.frames - 1):
            project.frames.append(project.new_frame())
        project.settings.fps = self.setup.fps
        return project

    def example_project(self) -> Project:
        from kadr.core.store import load

        return load(self.folder / self.example)


def read_toml(path: Path, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f), []
    except FileNotFoundError:
        return None, [Problem(shown, "the file is missing")]
    except tomllib.TOMLDecodeError as e:
        return None, [Problem(shown, f"this is not valid TOML: {e}")]
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(shown, f"cannot read the file: {e}")]
    except RecursionError:  # tomllib nests a call per [ or {: a hostile file runs out
        return None, [Problem(shown, "this is not valid TOML: it is nested too deeply")]


def safe_name(value: str) -> bool:
    """A file name inside the lesson folder: relative, no "..", no backslashes."""
    parts = value.split("/")
    return bool(value) and not value.startswith("/") and "\\" not in value and ":" not in value \
        and all(part not in ("", ".", "..") for part in parts)


def _int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _parse_setup(raw: Any, shown: str, out: list[Problem]) -> Setup:
    if raw is None:
        return Setup()
    if not isinstance(raw, dict):
        out.append(Problem(shown, "[setup] must be a table", field="setup"))
        return Setup()
    for key in raw:
        if key not in SETUP_KEYS:
            out.append(Problem(shown, f"[setup] has no field '{key}'", field=f"setup.{key}"))
    fps, frames, canvas = raw.get("fps", 8), raw.get("frames", 1), raw.get("canvas", [640, 480])
    if not _int(fps, 1, 30):
        out.append(Problem(shown, "fps must be a whole number from 1 to 30", field="setup.fps"))
        fps = 8
    if not _int(frames, 1, 60):
        out.append(Problem(shown, "frames must be from 1 to 60", field="setup.frames"))
        frames = 1
    if not (isinstance(canvas, list) and len(canvas) == 2 and all(_int(v, 16, 4096) for v in canvas)):
        out.append(Problem(shown, "canvas must be [width, height]", field="setup.canvas"))
        canvas = [640, 480]
    return Setup(fps, frames, (canvas[0], canvas[1]))


def _parse_step(raw: Any, n: int, guides: dict[str, Guide], shown: str,
                out: list[Problem]) -> Step | None:
    if not isinstance(raw, dict):
        out.append(Problem(shown, f"step {n} must be a [[steps]] table"))
        return None
    sid = raw.get("id")
    if not isinstance(sid, str) or not ID_RE.match(sid):
        out.append(Problem(shown, f"step {n} needs an id of small letters, digits, - or _",
                           field="id"))
        sid = f"#{n}"
    for key in raw:
        if key not in STEP_KEYS:
            out.append(Problem(shown, f"steps have no field '{key}'", sid, key))
    for key in ("instruction", "hint", "praise"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            out.append(Problem(shown, "this text is missing", sid, key))
    if "say" in raw and not isinstance(raw["say"], str):
        out.append(Problem(shown, "say must be text", sid, "say"))
    names = raw.get("guides", [])
    if not (isinstance(names, list) and all(isinstance(g, str) for g in names)):
        out.append(Problem(shown, 'guides must be a list of guide ids like ["face"]', sid, "guides"))
        names = []
    for g in names:
        if g not in guides:
            out.append(Problem(shown, f"there is no guide '{g}' in [[guides]]", sid, "guides"))
    picture = raw.get("picture", "")
    if not isinstance(picture, str) or (picture and not picture.startswith(BUILTIN)
                                        and not safe_name(picture)):
        out.append(Problem(shown, "picture must be a file in the lesson folder", sid, "picture"))
        picture = ""
    goals: list[Goal] = []
    raw_goals = raw.get("goal")
    if not isinstance(raw_goals, list) or not raw_goals:
        out.append(Problem(shown, 'goal must list at least one check, like '
                           '[{ check = "played" }]', sid, "goal"))
        raw_goals = []
    for j, g in enumerate(raw_goals, 1):
        if not isinstance(g, dict) or not isinstance(g.get("check"), str):
            out.append(Problem(shown, f'goal {j} needs check = "name"', sid, "goal"))
            continue
        params = {k: v for k, v in g.items() if k != "check"}
        resolved, bad = resolve_params(g["check"], params, set(guides))
        for fld, why in bad:
            out.append(Problem(shown, why, sid, f"goal {j}: {fld}"))
        goals.append(Goal(g["check"], resolved))
    return Step(sid, tuple(goals), picture, tuple(names))


def parse_lesson(folder: Path) -> tuple[Lesson | None, list[Problem]]:
    """Read a lesson folder; returns the lesson (None if unusable) and every problem."""
    folder = Path(folder)
    shown = f"{folder.name}/lesson.toml"
    data, out = read_toml(folder / "lesson.toml", shown)
    if data is None:
        return None, out
    for key in data:
        if key not in TOP_KEYS:
            out.append(Problem(shown, f"lessons have no field '{key}'", field=key))
    lid = data.get("id")
    if not isinstance(lid, str) or not ID_RE.match(lid):
        out.append(Problem(shown, "id must be small letters, digits, - or _ (up to 40)", field="id"))
        lid = folder.name
    elif lid != folder.name:
        out.append(Problem(shown, f"id '{lid}' must be the same as the folder name "
                           f"'{folder.name}'", field="id"))
    for key in ("title", "goal"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            out.append(Problem(shown, "this text is missing", field=key))
    checks = {"order": (1, 10000), "level": (1, 12), "minutes": (1, 240)}
    for key, (low, high) in checks.items():
        if key in data and not _int(data[key], low, high):
            out.append(Problem(shown, f"{key} must be a whole number from {low} to {high}",
                               field=key))
    for key in ("age", "principle", "symbol", "example", "start"):
        if key in data and not isinstance(data[key], str):
            out.append(Problem(shown, f"{key} must be text in quotes", field=key))
        elif key in ("example", "start") and key in data and not safe_name(data[key]) or (
                key == "symbol" and key in data and not data[key].startswith(BUILTIN)
                and not safe_name(data[key])):
            out.append(Problem(shown, "must be a file in the lesson folder", field=key))
    guides: dict[str, Guide] = {}
    raw_guides = data.get("guides", [])
    for n, g in enumerate(raw_guides if isinstance(raw_guides, list) else [None], 1):
        guide, bad = parse_guide(g) if isinstance(g, dict) else (None, [("guides", "must be a table")])
        for fld, why in bad:
            out.append(Problem(shown, why, field=f"guides {n}: {fld}"))
        if guide is not None:
            if guide.id in guides:
                out.append(Problem(shown, f"two guides are called '{guide.id}'", field="guides"))
            guides[guide.id] = guide
    steps: list[Step] = []
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        out.append(Problem(shown, "a lesson needs at least one [[steps]]", field="steps"))
        raw_steps = []
    for n, raw in enumerate(raw_steps, 1):
        step = _parse_step(raw, n, guides, shown, out)
        if step is not None:
            if any(s.id == step.id for s in steps):
                out.append(Problem(shown, "two steps have this id", step.id, "id"))
            steps.append(step)
    lesson = Lesson(
        id=lid, folder=folder, steps=steps, order=_get(data, "order", int, 100),
        level=_get(data, "level", int, 1), age=_get(data, "age", str, ""),
        minutes=_get(data, "minutes", int, 10), symbol=_get(data, "symbol", str, "symbol.svg"),
        example=_get(data, "example", str, "example.kadr"), start=_get(data, "start", str, ""),
        setup=_parse_setup(data.get("setup"), shown, out), guides=guides,
    )
    lesson.texts["en"] = _english(data)
    from kadr.lessons.texts import read_translations

    out += read_translations(lesson)
    return (None if errors(out) and not steps else lesson), out


def _get(data: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    value = data.get(key, default)
    return value if isinstance(value, kind) and not isinstance(value, bool) else default


def _english(data: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, Any] = {k: data[k] for k in LESSON_TEXT if isinstance(data.get(k), str)}
    steps = {}
    for raw in data.get("steps", []) if isinstance(data.get("steps"), list) else []:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            steps[raw["id"]] = {k: raw[k] for k in STEP_TEXT if isinstance(raw.get(k), str)}
    table["steps"] = steps
    return table


def load_lesson(folder: Path) -> Lesson:
    """A usable lesson, or LessonError listing what is wrong (missing translations only
    warn here: the text falls back to English; ``kadr lessons check`` reports them)."""
    lesson, problems = parse_lesson(folder)
    if lesson is None or errors(problems):
        raise LessonError(problems)
    return lesson

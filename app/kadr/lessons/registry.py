"""The fixed registry of goal checks and the parameters each one accepts.

A lesson names checks and gives parameters in TOML; nothing else can run. Each check is a
pure function ``fn(project, events, params) -> True | Why`` that reads pixels through the
core Renderer (never the screen), so it works the same whatever input the child used. When
the goal is not met it returns a ``Why`` (why.py): what is missing in a child's words, the
first picture that needs it, and the guide or place to show (plain False only where no
reason helps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kadr.core.project import Project
from kadr.lessons.why import Verdict

Event = tuple[str, dict[str, Any]]
CheckFn = Callable[[Project, Sequence[Event], dict[str, Any]], Verdict]

REQUIRED = object()
LAYERS = ("all", "drawing", "front")
DIRECTIONS = ("any", "left", "right", "up", "down", "horizontal", "vertical")


@dataclass(frozen=True)
class Param:
    """One parameter: its kind, default (REQUIRED if none) and, for choices, the options."""

    kind: str  # int, number, frame, frames, text, bool, point, choice, colour, guide
    default: Any = REQUIRED
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class CheckSpec:
    name: str
    fn: CheckFn
    params: dict[str, Param]
    events: tuple[str, ...]  # events the check listens for (the validator feeds them)
    summary: str


REGISTRY: dict[str, CheckSpec] = {}


def check(name: str, summary: str, events: tuple[str, ...] = (),
          **params: Param) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check called ``name`` in lesson files."""

    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = CheckSpec(name, fn, dict(params), events, summary)
        return fn

    return register


# Shared parameter shapes, so every check spells them the same way.
def frame(default: Any = REQUIRED) -> Param:
    return Param("frame", default)


def fraction(default: Any = REQUIRED, low: float = -1.0, high: float = 1.0) -> Param:
    return Param("number", default, low=low, high=high)


LAYER = Param("choice", "all", LAYERS)
MISSES = Param("int", -1, low=-1, high=100)  # -1: one miss allowed when 5+ pairs


def _is_frame(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value >= 1) or value == "last"


def _check_value(p: Param, value: Any, guides: set[str]) -> str:
    """An explanation of what is wrong with ``value``, or '' when it is fine."""
    k = p.kind
    if k == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
    elif k == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return "must be a number"
    elif k == "bool":
        if not isinstance(value, bool):
            return "must be true or false"
    elif k == "text":
        if not isinstance(value, str):
            return "must be text in quotes"
    elif k == "choice":
        if value not in p.choices:
            return "must be one of: " + ", ".join(p.choices)
    elif k == "frame":
        if not _is_frame(value):
            return 'must be a picture number (1, 2, ...) or "last"'
    elif k == "frames":
        if value != "all" and not (isinstance(value, list) and value
                                   and all(_is_frame(v) for v in value)):
            return 'must be a list of picture numbers like [1, 5] or "all"'
    elif k == "point":
        if not (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in value)):
            return "must be [x, y] with both between 0 and 1"
    elif k == "colour":
        if not (isinstance(value, str) and len(value) == 7 and value.startswith("#")
                and all(c in "0123456789abcdefABCDEF" for c in value[1:])):
            return 'must be a colour like "#e6194b"'
    elif k == "guide":
        if not isinstance(value, str) or value not in guides:
            return "must name a guide of this lesson" + (
                " (" + ", ".join(sorted(guides)) + ")" if guides else " (the lesson has none)")
    if k in ("int", "number") and isinstance(value, (int, float)):
        if p.low is not None and value < p.low:
            return f"must be at least {p.low:g}"
        if p.high is not None and value > p.high:
            return f"must be at most {p.high:g}"
    return ""


def resolve_params(name: str, raw: dict[str, Any],
                   guides: set[str] | None = None) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Parameters with defaults filled in, and a list of (field, problem) for bad ones."""
    spec = REGISTRY.get(name)
    if spec is None:
        return {}, [("check", f"unknown check '{name}'; known checks: "
                     + ", ".join(sorted(REGISTRY)))]
    out: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key in raw:
        if key not in spec.params:
            allowed = ", ".join(sorted(spec.params)) or "none"
            problems.append((key, f"'{name}' has no parameter '{key}' (it takes: {allowed})"))
    for key, p in spec.params.items():
        if key in raw:
            why = _check_value(p, raw[key], guides or set())
            if why:
                problems.append((key, f"{name}: {key} {why}"))
            out[key] = raw[key]
        elif p.default is REQUIRED:
            problems.append((key, f"'{name}' needs '{key}'"))
        else:
            out[key] = p.default
    return out, problems

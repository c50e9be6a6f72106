"""Picture numbers in lesson files (1-based, or "last") turned into list positions."""

from __future__ import annotations

from typing import Any

from kadr.core.project import Project


def index(project: Project, value: Any) -> int | None:
    """0-based position of picture ``value`` (1, 2, ... or "last"); None if there is none."""
    n = len(project.frames)
    i = n - 1 if value == "last" else int(value) - 1
    return i if 0 <= i < n else None


def sequence(project: Project, params: dict[str, Any]) -> list[int] | None:
    """The pictures a sequence check looks at: ``frames`` = [..] or ``first``..``last``.

    None when a named picture does not exist yet (so the check is simply not met).
    """
    listed = params.get("frames")
    if listed == "all":
        return list(range(len(project.frames)))
    if isinstance(listed, list):
        out = [index(project, v) for v in listed]
        return None if any(i is None for i in out) else [i for i in out if i is not None]
    first = index(project, params.get("first", 1))
    last = index(project, params.get("last", "last"))
    if first is None or last is None or last < first:
        return None
    return list(range(first, last + 1))


def misses_allowed(params: dict[str, Any], tests: int) -> int:
    """How many failed pictures or pairs a sequence may have (lenient: one in five)."""
    given = int(params.get("allow_misses", -1))
    if given >= 0:
        return given
    return 1 if tests >= 5 else 0

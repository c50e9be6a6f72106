"""The goal checks a lesson may use: a fixed registry (see registry.py for the rules).

This module holds the checks about the document's settings and about events the studio
reports; checks_ink.py and checks_motion.py hold the ones that read pixels. Importing
this module registers all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import kadr.lessons.checks_path  # noqa: F401  (registers arc_path)
from kadr.core.project import Project
from kadr.lessons import checks_ink, checks_motion  # noqa: F401  (registers their checks)
from kadr.lessons.frames import index
from kadr.lessons.registry import REGISTRY, Event, Param, check, resolve_params

P = dict[str, Any]
EVENTS = ("onion_on", "played", "fps_changed", "exported")
log = logging.getLogger(__name__)


def count(events: Sequence[Event], name: str) -> int:
    return sum(1 for e in events if e[0] == name)


@check("frame_count_at_least", "The film has at least count pictures.",
       count=Param("int", low=1, high=1000))
def frame_count_at_least(project: Project, events: Sequence[Event], p: P) -> bool:
    return bool(len(project.frames) >= p["count"])


@check("hold_at_least", "Each listed picture stays on screen for at least count frames "
       '(frames = [1, 7] or "all").',
       frames=Param("frames"), count=Param("int", low=1, high=100))
def hold_at_least(project: Project, events: Sequence[Event], p: P) -> bool:
    if p["frames"] == "all":
        chosen: list[int | None] = list(range(len(project.frames)))
    else:
        chosen = [index(project, v) for v in p["frames"]]
    return all(i is not None and project.frames[i].hold >= p["count"] for i in chosen)


@check("onion_on", "See other pictures (onion skin) is switched on.", events=("onion_on",))
def onion_on(project: Project, events: Sequence[Event], p: P) -> bool:
    return project.settings.onion.enabled or count(events, "onion_on") > 0


@check("played", "The child pressed play (times times during this step).", events=("played",),
       times=Param("int", 1, low=1, high=100))
def played(project: Project, events: Sequence[Event], p: P) -> bool:
    return bool(count(events, "played") >= p["times"])


@check("fps_between", "The film's speed (pictures per second) is min..max.",
       min=Param("int", 1, low=1, high=60), max=Param("int", 60, low=1, high=60))
def fps_between(project: Project, events: Sequence[Event], p: P) -> bool:
    return bool(p["min"] <= project.settings.fps <= p["max"])


@check("exported", "The child saved the film (exported it).", events=("exported",))
def exported(project: Project, events: Sequence[Event], p: P) -> bool:
    return count(events, "exported") > 0


def run_check(name: str, params: P, project: Project, events: Sequence[Event]) -> bool:
    """Evaluate one check. A check that breaks counts as not met yet (never a crash)."""
    spec = REGISTRY[name]
    try:
        return bool(spec.fn(project, events, params))
    except Exception:  # a lesson must never crash the studio
        log.exception("lesson check %s failed to run", name)
        return False


__all__ = ["EVENTS", "REGISTRY", "resolve_params", "run_check"]

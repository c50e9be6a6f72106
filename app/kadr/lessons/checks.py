"""The goal checks a lesson may use: a fixed registry (see registry.py for the rules).

This module holds the checks about the document's settings and about events the studio
reports; checks_ink.py and checks_motion.py hold the ones that read pixels. Importing
this module registers all of them.

Every check returns True when its goal is met, or a ``Why`` (why.py) saying what is
missing ("Press Play.", "Make picture 1 stay longer."); ``run_check`` passes it on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import kadr.lessons.checks_path  # noqa: F401  (registers arc_path)
from kadr.core.project import Project
from kadr.lessons import checks_ink, checks_motion  # noqa: F401  (registers their checks)
from kadr.lessons.frames import index
from kadr.lessons.reasons import missing
from kadr.lessons.registry import REGISTRY, Event, Param, check, resolve_params
from kadr.lessons.why import Verdict, Why, met_or

P = dict[str, Any]
EVENTS = ("onion_on", "played", "fps_changed", "exported")
log = logging.getLogger(__name__)


def count(events: Sequence[Event], name: str) -> int:
    return sum(1 for e in events if e[0] == name)


@check("frame_count_at_least", "The film has at least count pictures.",
       count=Param("int", low=1, high=1000))
def frame_count_at_least(project: Project, events: Sequence[Event], p: P) -> Verdict:
    return met_or(len(project.frames) >= p["count"], Why("Make {count} pictures.",
                                                        count=p["count"]))


@check("hold_at_least", "Each listed picture stays on screen for at least count frames "
       '(frames = [1, 7] or "all").',
       frames=Param("frames"), count=Param("int", low=1, high=100))
def hold_at_least(project: Project, events: Sequence[Event], p: P) -> Verdict:
    if p["frames"] == "all":
        chosen: list[int | None] = list(range(len(project.frames)))
    else:
        chosen = [index(project, v) for v in p["frames"]]
    for i in chosen:
        if i is None:
            return missing(project, p)
        if project.frames[i].hold < p["count"]:
            return Why("Make picture {picture} stay longer.", i + 1)
    return True


@check("onion_on", "See other pictures (onion skin) is switched on.", events=("onion_on",))
def onion_on(project: Project, events: Sequence[Event], p: P) -> Verdict:
    return met_or(project.settings.onion.enabled or count(events, "onion_on") > 0,
                  Why("Press See other pictures."))


@check("played", "The child pressed play (times times during this step).", events=("played",),
       times=Param("int", 1, low=1, high=100))
def played(project: Project, events: Sequence[Event], p: P) -> Verdict:
    return met_or(count(events, "played") >= p["times"], Why("Press Play."))


@check("fps_between", "The film's speed (pictures per second) is min..max.",
       min=Param("int", 1, low=1, high=60), max=Param("int", 60, low=1, high=60))
def fps_between(project: Project, events: Sequence[Event], p: P) -> Verdict:
    fps = project.settings.fps
    if fps < p["min"]:
        return Why("Make the film faster.")
    return met_or(fps <= p["max"], Why("Make the film slower."))


@check("exported", "The child saved the film (exported it).", events=("exported",))
def exported(project: Project, events: Sequence[Event], p: P) -> Verdict:
    return met_or(count(events, "exported") > 0, Why("Press Share."))


def run_check(name: str, params: P, project: Project, events: Sequence[Event]) -> Verdict:
    """Evaluate one check: True, or a Why (or False) when its goal is not met yet. A check
    that breaks counts as not met yet, with no reason (never a crash)."""
    spec = REGISTRY[name]
    try:
        verdict = spec.fn(project, events, params)
    except Exception:  # a lesson must never crash the studio
        log.exception("lesson check %s failed to run", name)
        return False
    return verdict if isinstance(verdict, Why) else bool(verdict)


__all__ = ["EVENTS", "REGISTRY", "resolve_params", "run_check"]

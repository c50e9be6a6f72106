"""A learner's lesson journey as a picture: one bar per lesson, in the order they were
begun, as long as the time spent in it, with its stars; an SVG to put in a page.

Finished and unfinished lessons differ in more than colour (a solid bar with a tick, or a
dashed outline), so the plot reads in black and white too. Its <title> and <desc> say the
same in words for screen readers.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kadr.classroom.svg import Svg, star_path
from kadr.i18n import tr

ROW = 34
LABEL_WIDTH = 190
BAR_WIDTH = 330
STARS_WIDTH = 180
MAX_STARS_DRAWN = 6


@dataclass(frozen=True)
class JourneyStep:
    """One lesson in a learner's journey."""

    lesson: str  # id
    title: str
    done: bool
    stars: int
    started: float  # seconds since the epoch; 0: not known (older progress files)
    finished: float  # first finished; 0: not yet or not known
    seconds: float  # time spent in it (pauses left out)
    hints: int


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def journey(progress_data: Mapping[str, Any], titles: Mapping[str, str] | None = None
            ) -> list[JourneyStep]:
    """The lessons in ``progress_data`` (a kadr.lessons.Progress's ``data``), in the
    order they were begun (those begun before Kadr kept times first, by name)."""
    lessons = progress_data.get("lessons")
    steps = []
    for lesson_id, entry in (lessons.items() if isinstance(lessons, dict) else []):
        if not isinstance(entry, dict):
            continue
        met = entry.get("met")
        hints = entry.get("hints")
        steps.append(JourneyStep(
            str(lesson_id), (titles or {}).get(lesson_id) or str(lesson_id),
            bool(entry.get("done")), len(met) if isinstance(met, list) else 0,
            _number(entry.get("started_at")), _number(entry.get("finished_at")),
            _number(entry.get("seconds")),
            int(sum(_number(v) for v in hints.values())) if isinstance(hints, dict) else 0))
    return sorted(steps, key=lambda s: (s.started, s.title.casefold()))


def minutes_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if seconds and minutes < 1:
        return tr("under a minute")
    return tr("{count} min", count=minutes)


def _fit(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(name: str, steps: list[JourneyStep]) -> str:
    """The plot in words: a summary, then each lesson."""
    done = sum(s.done for s in steps)
    words = [tr("{name} has begun {count} lessons and finished {done}, with {stars} stars.",
                name=name, count=len(steps), done=done, stars=sum(s.stars for s in steps))]
    for n, step in enumerate(steps, 1):
        state = tr("finished") if step.done else tr("not finished yet")
        words.append(tr("{number}. {title}: {state}, {time}, {stars} stars.", number=n,
                        title=step.title, state=state, time=minutes_text(step.seconds),
                        stars=step.stars))
    return " ".join(words)


def journey_svg(name: str, steps: list[JourneyStep], ident: str = "journey") -> str:
    """The plot as SVG text (``ident`` keeps ids unique when a page holds several)."""
    height = 48 + ROW * max(1, len(steps)) + 28
    width = LABEL_WIDTH + BAR_WIDTH + STARS_WIDTH
    svg = Svg(width, height, tr("Lesson journey of {name}", name=name), describe(name, steps),
              ident)
    svg.rect(0, 0, width, height, fill="#ffffff")
    svg.text(LABEL_WIDTH, 22, tr("time in the lesson"), font_size=14, fill="#1a1a1a",
             font_family="sans-serif")
    svg.text(LABEL_WIDTH + BAR_WIDTH + 10, 22, tr("stars"), font_size=14, fill="#1a1a1a",
             font_family="sans-serif")
    longest = max([s.seconds for s in steps] + [60.0])
    if not steps:
        svg.text(10, 60, tr("No lessons yet."), font_size=15, fill="#1a1a1a",
                 font_family="sans-serif")
    for n, step in enumerate(steps):
        top = 36 + n * ROW
        middle = top + ROW / 2
        svg.text(8, middle + 5, _fit(f"{n + 1}. {step.title}"), font_size=15, fill="#1a1a1a",
                 font_family="sans-serif")
        length = max(6.0, (BAR_WIDTH - 80) * step.seconds / longest)
        if step.done:
            svg.rect(LABEL_WIDTH, top + 6, length, ROW - 12, rx=4, fill="#2e7d32",
                     stroke="#1a1a1a", stroke_width=1.5)
            svg.path(f"M{LABEL_WIDTH + length + 8} {middle} l4 5 l9 -10", fill="none",
                     stroke="#1a1a1a", stroke_width=3, stroke_linecap="round")
            after = LABEL_WIDTH + length + 26
        else:
            svg.rect(LABEL_WIDTH, top + 6, length, ROW - 12, rx=4, fill="#ffffff",
                     stroke="#1a1a1a", stroke_width=2, stroke_dasharray="5 3")
            after = LABEL_WIDTH + length + 8
        svg.text(after, middle + 5, minutes_text(step.seconds), font_size=13,
                 fill="#1a1a1a", font_family="sans-serif")
        for k in range(min(step.stars, MAX_STARS_DRAWN)):
            svg.path(star_path(LABEL_WIDTH + BAR_WIDTH + 18 + k * 20, middle, 8),
                     fill="#ffd23f", stroke="#1a1a1a", stroke_width=1.2)
        if step.stars > MAX_STARS_DRAWN:
            svg.text(LABEL_WIDTH + BAR_WIDTH + 18 + MAX_STARS_DRAWN * 20, middle + 5,
                     f"+{step.stars - MAX_STARS_DRAWN}", font_size=13, fill="#1a1a1a",
                     font_family="sans-serif")
    svg.line(LABEL_WIDTH, 32, LABEL_WIDTH, height - 24, stroke="#767676", stroke_width=1)
    svg.text(8, height - 8, tr("Bars: time spent (pauses not counted). Solid with a tick: "
                               "finished. Dashed: not finished yet."),
             font_size=12, fill="#1a1a1a", font_family="sans-serif")
    return str(svg)


def when(stamp: float) -> str:
    """A date and time for a page or a CSV file ("" when not known)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else ""


def lesson_titles(language: str = "") -> dict[str, str]:
    """Lesson id -> title of the shipped lessons (in ``language`` when they have it)."""
    from kadr.lessons import load_lessons

    lessons, _problems = load_lessons()
    return {lesson.id: lesson.title(language) for lesson in lessons}

"""Lesson progress keeps when each lesson began and ended and the time spent in it;
progress files from before load as they did."""

from __future__ import annotations

import json
from pathlib import Path

from kadr.classroom.journey_plot import journey
from kadr.lessons.progress import IDLE_SECONDS, Progress


def test_times_are_kept_and_long_pauses_not_counted(tmp_path: Path) -> None:
    """Start, two steps 60 s apart, a long pause, the finish: 60 s + 30 s are counted."""
    progress = Progress(tmp_path)
    clock = iter([1000.0, 1060.0, 1060.0 + IDLE_SECONDS + 500, 1060.0 + IDLE_SECONDS + 530])
    progress.clock = lambda: next(clock)
    progress.step_reached("bounce", "one")
    progress.step_met("bounce", "one")
    progress.step_reached("bounce", "two")
    progress.finish("bounce")
    entry = Progress(tmp_path).entry("bounce")
    assert entry["started_at"] == 1000.0
    assert entry["finished_at"] == 1060.0 + IDLE_SECONDS + 530
    assert entry["seconds"] == 90.0
    [step] = journey(Progress(tmp_path).data, {"bounce": "Bouncing ball"})
    assert (step.title, step.done, step.stars, step.seconds) == ("Bouncing ball", True, 1, 90.0)


def test_finishing_again_keeps_the_first_finish(tmp_path: Path) -> None:
    progress = Progress(tmp_path)
    times = iter([10.0, 20.0, 5000.0, 5010.0])
    progress.clock = lambda: next(times)
    progress.step_reached("walk", "a")
    progress.finish("walk")
    progress.step_reached("walk", "a")
    progress.finish("walk")
    assert Progress(tmp_path).entry("walk")["finished_at"] == 20.0


def test_an_old_progress_file_still_loads(tmp_path: Path) -> None:
    """A file written before the times existed keeps its stars; its lessons have no times."""
    (tmp_path / "lessons-progress.json").write_text(json.dumps({
        "version": 1, "lessons": {"blink": {"done": True, "last_step": "", "met": ["a", "b"],
                                            "skipped": [], "hints": {}, "finished": 1}}}),
        encoding="utf-8")
    progress = Progress(tmp_path)
    assert progress.problem == "" and progress.stars("blink") == 2
    [step] = journey(progress.data)
    assert step.started == 0 and step.seconds == 0 and step.done
    progress.step_met("blink", "c")  # and it goes on from there
    assert Progress(tmp_path).entry("blink")["started_at"] > 0

"""The lesson engine: advancing with praise, hints, back and skip, the teacher lock, progress."""

from __future__ import annotations

import json

from lesson_drawing import ellipse, project

from kadr.i18n import set_language
from kadr.lessons.engine import LessonRun
from kadr.lessons.progress import PROGRESS_FILE, Progress, load_teacher_settings


def test_goal_met_advances_with_praise_and_star(tiny_lesson):
    """Meeting a goal gives the praise, a star, and the next step."""
    p = project(1)
    run = LessonRun(tiny_lesson, p)
    assert run.current_step.id == "draw"
    outcome = run.check()
    assert not outcome.met and outcome.missing == ("frames_have_drawing",)
    ellipse(p, 0, 320, 240, 40)
    outcome = run.check()
    assert outcome.met and outcome.star and outcome.feedback == "A ball!"
    assert run.current_step.id == "add" and run.step_number == 2 and run.stars == 1


def test_never_fails_and_never_times_out(tiny_lesson):
    """Checking again and again without progress changes nothing and raises nothing."""
    run = LessonRun(tiny_lesson, project(1))
    for _ in range(20):
        assert not run.check().met
    assert run.current_step.id == "draw" and not run.finished


def test_events_count_only_during_their_step(tiny_lesson):
    """Pressing play before the play step does not complete the play step."""
    p = project(1)
    run = LessonRun(tiny_lesson, p)
    run.notice("played")
    ellipse(p, 0, 320, 240, 40)
    run.check()
    p.add_frame(0)
    assert run.check().met
    assert run.current_step.id == "play"
    assert not run.check().met
    outcome = run.notice("played")
    assert outcome.met and outcome.finished and run.finished


def test_say_hint_and_repeat(tiny_lesson):
    """repeat() says the step's say text (or the instruction); hint() shows the hint."""
    run = LessonRun(tiny_lesson, project(1))
    assert run.repeat() == "Draw a ball."
    assert run.hint() == "Draw a circle."
    run.skip()
    assert run.repeat() == "Press the Add picture button."
    assert run.instruction() == "Press Add picture."


def test_back_and_skip(tiny_lesson):
    """Back goes one step back; skip goes on without a star."""
    run = LessonRun(tiny_lesson, project(1))
    assert not run.back()
    assert run.skip() and run.current_step.id == "add" and run.stars == 0
    assert run.back() and run.current_step.id == "draw"
    run.skip(), run.skip(), run.skip()
    assert run.finished
    assert run.back() and run.current_step.id == "play"


def test_teacher_lock_stops_skipping(tiny_lesson, tmp_path):
    """With allow_skip off (teacher.toml or the flag) Next does nothing."""
    (tmp_path / "teacher.toml").write_text("[lessons]\nallow_skip = false\n"
                                           "hint_after_seconds = 45\n", encoding="utf-8")
    settings = load_teacher_settings(tmp_path)
    assert settings.allow_skip is False and settings.hint_after_seconds == 45
    run = LessonRun(tiny_lesson, project(1), allow_skip=settings.allow_skip)
    assert not run.skip()
    assert run.current_step.id == "draw"


def test_broken_teacher_file_gives_defaults(tmp_path):
    """A broken teacher.toml gives the defaults instead of an error."""
    (tmp_path / "teacher.toml").write_text("[lessons\nallow_skip = ", encoding="utf-8")
    assert load_teacher_settings(tmp_path).allow_skip is True
    assert load_teacher_settings(tmp_path / "missing").allow_skip is True


def test_progress_saved_and_restored(tiny_lesson, tmp_path):
    """Stars, the last step and lessons done survive a restart; a run can resume."""
    p = project(1)
    progress = Progress(tmp_path)
    run = LessonRun(tiny_lesson, p, progress)
    ellipse(p, 0, 320, 240, 40)
    run.check()
    run.hint()
    again = Progress(tmp_path)
    assert again.stars("tiny") == 1 and again.last_step("tiny") == "add"
    assert again.entry("tiny")["hints"] == {"add": 1}
    resumed = LessonRun(tiny_lesson, p, again, resume=True)
    assert resumed.current_step.id == "add"
    p.add_frame(0)
    resumed.check()
    resumed.notice("played")
    final = Progress(tmp_path)
    assert final.is_done("tiny") and final.stars("tiny") == 3 and final.done_lessons() == ["tiny"]
    assert not list(tmp_path.glob(".progress-*"))  # no temporary files left behind


def test_a_finished_lesson_resumes_at_its_end(tiny_lesson, tmp_path):
    """Reopened after it was finished, a lesson stands at its end (Back to its last step),
    not at step 1; started again since, it goes on at that step; a remembered step the
    lesson no longer has counts as the end."""
    progress = Progress(tmp_path)
    run = LessonRun(tiny_lesson, project(1), progress)
    while not run.finished:
        run.skip()
    reopened = LessonRun(tiny_lesson, project(1), Progress(tmp_path), resume=True)
    assert reopened.finished and reopened.current_step is None
    assert reopened.back() and reopened.current_step.id == tiny_lesson.steps[-1].id
    assert Progress(tmp_path).last_step("tiny") == tiny_lesson.steps[-1].id
    again = LessonRun(tiny_lesson, project(1), Progress(tmp_path), resume=True)
    assert not again.finished and again.current_step.id == tiny_lesson.steps[-1].id
    gone = Progress(tmp_path)
    gone.step_reached("tiny", "a-step-taken-out")
    at_end = LessonRun(tiny_lesson, project(1), gone, resume=True)
    assert at_end.finished and Progress(tmp_path).last_step("tiny") == ""
    fresh = LessonRun(tiny_lesson, project(1), Progress(tmp_path))
    assert fresh.index == 0 and not fresh.finished  # without resume: step 1


def test_corrupt_progress_file_starts_fresh(tmp_path):
    """A damaged progress file gives a fresh start and a plain message, never a crash."""
    (tmp_path / PROGRESS_FILE).write_text("{not json", encoding="utf-8")
    progress = Progress(tmp_path)
    assert progress.problem and "zero" in progress.problem
    assert progress.done_lessons() == []
    assert (tmp_path / "lessons-progress.damaged.json").exists()
    progress.step_met("tiny", "draw")
    assert json.loads((tmp_path / PROGRESS_FILE).read_text())["lessons"]["tiny"]["met"] == ["draw"]


def test_wrong_shape_progress_file_starts_fresh(tmp_path):
    """Valid JSON of the wrong shape is treated as damaged too."""
    (tmp_path / PROGRESS_FILE).write_text('{"lessons": [1, 2]}', encoding="utf-8")
    assert Progress(tmp_path).problem


def test_progress_message_is_translated(tmp_path):
    """The damaged-file message is in the learner's language."""
    (tmp_path / PROGRESS_FILE).write_text("\x00\x01", encoding="utf-8")
    set_language("ru")
    assert "звёзды" in Progress(tmp_path).problem.lower()


def test_unsaveable_progress_says_so(tiny_lesson, tmp_path):
    """When the folder cannot be written, the lesson goes on and progress says why."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    progress = Progress(blocker / "learner")  # a folder inside a file cannot exist
    run = LessonRun(tiny_lesson, project(1), progress)
    run.skip()
    assert progress.problem and run.current_step.id == "add"


def test_texts_follow_the_language(tiny_lesson):
    """Texts fall back to English when a language has no translation."""
    set_language("kk")
    run = LessonRun(tiny_lesson, project(1))
    assert run.instruction() == "Draw a ball."


def test_a_broken_check_is_not_met(tiny_lesson, monkeypatch):
    """A check that raises counts as not met yet; the studio keeps going."""
    from kadr.lessons import registry

    spec = registry.REGISTRY["frames_have_drawing"]

    def boom(*_args):
        raise RuntimeError("bug")

    monkeypatch.setitem(registry.REGISTRY, "frames_have_drawing",
                        registry.CheckSpec(spec.name, boom, spec.params, spec.events, spec.summary))
    assert not LessonRun(tiny_lesson, project(1)).check().met


def test_a_goal_not_met_says_why(tiny_lesson):
    """The outcome carries the first unmet check's reason; with no guide or place of its
    own it points at the step's one guide. not_yet() gives its words to show and say."""
    run = LessonRun(tiny_lesson, project(1))
    outcome = run.check()
    assert outcome.why.words == "Draw something in picture {picture}."
    assert outcome.why.picture == 1 and outcome.why.guide == "ring"
    assert run.not_yet(outcome) == ("Draw something in picture 1.",) * 2
    assert run.why_words(outcome) == run.not_yet(outcome)
    set_language("ru")
    assert run.not_yet(outcome)[0] == "Нарисуй что-нибудь на картинке 1."
    set_language("en")
    run.skip()
    outcome = run.check()  # a step without guides: the reason stays as the check gave it
    assert run.not_yet(outcome)[0] == "Make 2 pictures." and outcome.why.guide is None
    run.skip()
    assert run.not_yet(run.check())[0] == "Press Play."
    assert run.hints_shown == 0  # a reason is not a hint the child asked for


def test_not_yet_falls_back_to_the_hint(tiny_lesson, monkeypatch):
    """A check that gives no reason (here: one that breaks) still leaves words to say: the
    step's hint. A met outcome has nothing to say."""
    from kadr.lessons import registry

    spec = registry.REGISTRY["frames_have_drawing"]

    def silent(*_args):
        raise RuntimeError("bug")

    monkeypatch.setitem(registry.REGISTRY, "frames_have_drawing",
                        registry.CheckSpec(spec.name, silent, spec.params, spec.events,
                                           spec.summary))
    run = LessonRun(tiny_lesson, project(1))
    outcome = run.check()
    assert not outcome.met and outcome.why is None and run.why_words(outcome) is None
    assert run.not_yet(outcome) == ("Draw a circle.", "Draw a circle.")
    p = project(2)
    run = LessonRun(tiny_lesson, p)
    run.skip()
    met = run.check()
    assert met.met and run.not_yet(met) == ("", "")

"""`kadr lessons check` judges the films a teacher puts in a lesson's tests/accept and
tests/reject folders, prints the accept/reject table and fails when a film is judged other
than expected. The real command runs in a child process on real .kadr files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from corpus_arc import CURVE, EVEN_X, arc_film, ship

from kadr.core.store import load, save_copy
from kadr.lessons.features import ink, similarity
from kadr.lessons.library import lesson_folders, load_lessons, shipped_lessons_dir

ROOT = Path(__file__).resolve().parents[2]
ARC = shipped_lessons_dir() / "arc"
# a straight line up to the top: wrong for step "up" (and so for the lesson)
POINTED = dict(heights=(0.0, 0.35, 0.65, 0.88, 1.0, 0.94, 0.75, 0.44, 0.0),
               xs=[0.12 + 0.38 * t for t in (0.0, 0.35, 0.65, 0.88, 1.0)] + EVEN_X[5:])


def kadr(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "kadr", *args], capture_output=True,
                          text=True, timeout=600, env=env, cwd=ROOT)


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    """The arc lesson without its own test films."""
    folder = tmp_path / "arc"
    shutil.copytree(ARC, folder, ignore=shutil.ignore_patterns("tests"))
    return folder


def put(folder: Path, kind: str, name: str, **film: object) -> None:
    path = folder / "tests" / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    save_copy(arc_film(3300 + len(name), **film), path)  # type: ignore[arg-type]


def row(out: str, film: str) -> str:
    (line,) = [x for x in out.splitlines() if f" {film} " in f"{x} "]
    return line


def test_the_shipped_arc_lesson_proves_its_checks():
    """The arc lesson ships good and bad films; every one is judged as expected (exit 0)."""
    films = sorted(p.relative_to(ARC / "tests").as_posix() for p in ARC.glob("tests/*/*.kadr"))
    assert any(f.startswith("accept/") for f in films)
    assert any(f.startswith("reject/") and "--" in f for f in films)
    out = kadr("lessons", "check", str(ARC))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 lesson(s) checked: 0 error(s), 0 warning(s)." in out.stdout
    for film in films:
        cells = row(out.stdout, film).split()
        assert cells[1] == film.split("/")[0] and " ok " in f" {' '.join(cells)} ", cells
    accept = sum(f.startswith("accept/") for f in films)
    reject = len(films) - accept
    assert f"accept films that finish the lesson: {accept} of {accept} (100 %)" in out.stdout
    assert f"reject films rejected: {reject} of {reject} (100 %)" in out.stdout
    assert f"arc: {len(films)} film(s) judged, 0 judged other than expected." in out.stdout


def test_good_and_bad_films_each_where_they_belong_pass(lesson):
    """A good film in accept, a pointed path in reject naming step "up": exit 0, and the
    table says why the reject film fails its step."""
    put(lesson, "accept", "good.kadr")
    put(lesson, "reject", "up--pointed.kadr", **POINTED)
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok" in row(out.stdout, "accept/good.kadr").split()
    line = row(out.stdout, "reject/up--pointed.kadr")
    assert "reject (up)" in line and "ok" in line.split()
    assert "fails 'up': arc_path" in line
    assert "accept films that finish the lesson: 1 of 1 (100 %)" in out.stdout
    assert "reject films rejected: 1 of 1 (100 %)" in out.stdout


def test_an_accept_film_that_cannot_finish_fails_the_check(lesson):
    """A film in accept that stops at a step: exit 1, the row says WRONG and names the step."""
    put(lesson, "accept", "good.kadr")
    put(lesson, "accept", "pointed.kadr", **POINTED)
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 1
    line = row(out.stdout, "accept/pointed.kadr")
    assert "WRONG" in line.split() and "fails 'up' first" in line
    assert "accept films that finish the lesson: 1 of 2 (50 %)" in out.stdout
    assert "arc: 2 film(s) judged, 1 judged other than expected." in out.stdout


def test_a_reject_film_that_passes_the_step_it_names_fails_the_check(lesson):
    """A good film in reject named for step "down": that step passes it, so exit 1."""
    put(lesson, "reject", "down--not-really-wrong.kadr")
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 1
    line = row(out.stdout, "reject/down--not-really-wrong.kadr")
    assert "WRONG" in line.split() and "passes 'down', the step it names" in line
    assert "reject films rejected: 0 of 1 (0 %)" in out.stdout


def test_a_reject_film_without_a_step_must_fail_some_step(lesson):
    """Unnamed reject films: one that fails a step is fine, one that passes all is not."""
    put(lesson, "reject", "rolls.kadr", heights=[0.0] * 9)
    put(lesson, "reject", "fine.kadr")
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 1
    assert "ok" in row(out.stdout, "reject/rolls.kadr").split()
    assert "fails 'top' first" in row(out.stdout, "reject/rolls.kadr")
    line = row(out.stdout, "reject/fine.kadr")
    assert "WRONG" in line.split() and "passes every step" in line


def test_a_reject_film_naming_no_step_of_the_lesson_fails(lesson):
    """A typo in the step name is reported with the lesson's steps, never silently passed."""
    put(lesson, "reject", "donw--jumps.kadr", heights=CURVE[:6] + [0.4, 0.7, 0.0])
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 1
    line = row(out.stdout, "reject/donw--jumps.kadr")
    assert "WRONG" in line.split() and "names step 'donw'" in line and "down" in line


def test_a_film_that_does_not_open_fails(lesson):
    (lesson / "tests" / "accept").mkdir(parents=True)
    (lesson / "tests" / "accept" / "broken.kadr").write_bytes(b"not a film at all" * 10)
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 1
    line = row(out.stdout, "accept/broken.kadr")
    assert "WRONG" in line.split() and "does not open" in line


def test_a_lesson_without_films_prints_no_table(lesson):
    out = kadr("lessons", "check", str(lesson))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "tests/accept" not in out.stdout and "judged" not in out.stdout


def test_a_pack_with_films_is_judged_too(lesson, tmp_path):
    """A .zip pack carries its lessons' tests folders; the check judges them."""
    put(lesson, "accept", "good.kadr")
    put(lesson, "reject", "up--pointed.kadr", **POINTED)
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as z:
        for path in sorted(lesson.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(lesson.parent).as_posix())
    out = kadr("lessons", "check", str(pack))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "arc: 2 film(s) judged, 0 judged other than expected." in out.stdout


def test_a_tests_folder_is_never_a_lesson(lesson):
    """Films in tests/ are for teachers: the folder is no lesson and adds none."""
    put(lesson, "accept", "good.kadr")
    assert lesson_folders(lesson) == [lesson]
    assert lesson_folders(lesson / "tests") == []
    lessons, problems = load_lessons(lesson.parent)
    assert [x.id for x in lessons] == ["arc"] and not problems
    assert [x.id for x in load_lessons()[0]].count("arc") == 1


def test_the_shipped_films_are_made_from_the_corpus(tmp_path):
    """lessons/arc/tests is what `python tests/lessons/corpus_arc.py` writes now (the same
    films, pixels compared with a small tolerance as for the examples)."""
    made = ship(tmp_path)
    kept = sorted(ARC.glob("tests/*/*.kadr"))
    assert sorted(p.relative_to(tmp_path) for p in made) == [p.relative_to(ARC) for p in kept]
    for path in made:
        a, b = load(path), load(ARC / path.relative_to(tmp_path))
        assert len(a.frames) == len(b.frames), path
        for i in range(len(a.frames)):
            assert similarity(ink(a, i), ink(b, i)) >= 0.97, (path, i)

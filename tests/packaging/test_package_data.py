"""A wheel built from the tree carries the lessons, the example film, icons, translations and
the logo, and an installed Kadr finds them through kadr.data (not the source tree)."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("kadr-*.whl")
    return found


def test_wheel_carries_shipped_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    lessons = sorted(p.parent.name for p in (ROOT / "lessons").glob("*/lesson.toml"))
    assert lessons, "the source tree has lessons"
    for lesson in lessons:
        assert f"kadr/shipped/lessons/{lesson}/lesson.toml" in names
        assert f"kadr/shipped/lessons/{lesson}/example.kadr" in names
    assert "kadr/shipped/lessons/README.md" in names  # the teachers' guide
    assert "kadr/shipped/examples/bouncing-ball.kadr" in names
    assert not [n for n in names if n.startswith("kadr/shipped/") and n.endswith(".py")]
    assert "kadr/assets/icons/play.svg" in names
    assert "kadr/assets/kadr.svg" in names
    assert "kadr/locale/ru.json" in names
    assert "kadr/assets/avatars/cat.svg" in names  # the learners' pictures (classroom)
    assert "kadr/classroom/learners.py" in names
    # a lesson's judged films go along, so `kadr lessons check` shows their table installed
    assert [n for n in names if n.startswith("kadr/shipped/lessons/arc/tests/accept/")]


def test_installed_kadr_finds_its_data_in_the_package(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, timeout=300)
    code = ("import kadr.data as d, kadr.lessons.library as lib, kadr.ui.app as app; "
            "print(d.lessons_dir()); print(d.examples_dir()); print(lib.shipped_lessons_dir()); "
            "print(app.EXAMPLES); print(len(lib.lesson_folders(lib.shipped_lessons_dir())))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lessons, examples, shipped, app_examples, count = out.stdout.split()
    shipped_root = target / "kadr" / "shipped"
    assert Path(lessons) == Path(shipped) == shipped_root / "lessons"
    assert Path(examples) == Path(app_examples) == shipped_root / "examples"
    assert int(count) == len(list((ROOT / "lessons").glob("*/lesson.toml")))


def test_source_tree_is_used_when_run_from_a_checkout():
    from kadr import data

    assert data.lessons_dir() == ROOT / "lessons"
    assert data.examples_dir() == ROOT / "assets" / "examples"
    assert (data.icons_dir() / "play.svg").is_file()
    assert (data.locale_dir() / "ru.json").is_file()

"""The command line: --version, --self-check, no display, export and lessons verbs."""

import os
import subprocess
import sys
from pathlib import Path

from kadr import __version__

ROOT = Path(__file__).resolve().parents[1]


def kadr(*args, env=None, timeout=120):
    base = dict(os.environ, PYTHONPATH=str(ROOT / "app"), QT_QPA_PLATFORM="offscreen")
    base.update(env or {})
    base = {k: v for k, v in base.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "kadr", *args], capture_output=True,
                          text=True, timeout=timeout, env=base, cwd=ROOT)


def test_version():
    """`kadr --version` prints the version."""
    out = kadr("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"Kadr {__version__}"


def test_self_check_reports_every_part(tmp_path):
    """One line per part; all required parts present here, so it exits 0."""
    out = kadr("--self-check", env={"KADR_LIBRARY": str(tmp_path / "lib")})
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0, out.stdout + out.stderr
    for part in ("Qt", "ffmpeg", "Speech", "Fonts", "Library folder"):
        assert any(part in line for line in lines), part
    assert all(line.split()[0] in ("ok", "warning", "MISSING") for line in lines)


def test_self_check_fails_without_ffmpeg(tmp_path):
    """With ffmpeg missing the check says so and exits non-zero."""
    out = kadr("--self-check", env={"KADR_FFMPEG": str(tmp_path / "no-ffmpeg"),
                                    "KADR_LIBRARY": str(tmp_path / "lib")})
    assert out.returncode != 0
    assert any(line.startswith("MISSING") and "ffmpeg" in line
               for line in out.stdout.splitlines())


def test_self_check_reports_missing_speech(tmp_path):
    """A broken speech engine is a warning, not a failure (Kadr works with text only)."""
    empty = tmp_path / "espeak-data"
    empty.mkdir()
    out = kadr("--self-check", env={"ESPEAK_DATA_PATH": str(empty),
                                    "KADR_LIBRARY": str(tmp_path / "lib")})
    speech = next(line for line in out.stdout.splitlines() if "Speech" in line)
    assert speech.startswith("warning")
    assert out.returncode == 0


def test_no_display_says_so_in_one_line(tmp_path):
    """Without a display the studio says so in one line and suggests xvfb-run."""
    out = kadr("--example", env={"QT_QPA_PLATFORM": None, "DISPLAY": None,
                                 "WAYLAND_DISPLAY": None, "KADR_CONFIG": str(tmp_path)})
    assert out.returncode == 1
    assert len(out.stdout.strip().splitlines()) == 1 and "xvfb-run" in out.stdout


def test_studio_exits_when_ready(tmp_path):
    """`--exit-when-ready` opens the example and quits, printing the start-up time."""
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "settings.json").write_text('{"language": "en", "theme": "standard"}')
    out = kadr("--example", "--exit-when-ready", env={"KADR_CONFIG": str(cfg),
                                                      "KADR_LIBRARY": str(tmp_path / "lib")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ready ")
    assert (tmp_path / "lib" / "Example - bouncing ball.kadr").exists()


def test_lessons_check_passes_on_shipped_lessons():
    """`kadr lessons check` validates every shipped lesson and exits 0."""
    out = kadr("lessons", "check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_lessons_check_names_the_problem(tmp_path):
    """A broken lesson folder fails the check with the file named."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "lesson.toml").write_text("id = [unclosed", encoding="utf-8")
    out = kadr("lessons", "check", str(folder))
    assert out.returncode != 0
    assert "lesson.toml" in out.stdout + out.stderr


def test_export_verb_makes_a_gif(tmp_path):
    """`kadr export FILM.kadr OUT.gif` makes a real GIF from the example film."""
    out = kadr("export", str(ROOT / "assets" / "examples" / "bouncing-ball.kadr"),
               str(tmp_path / "ball.gif"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert (tmp_path / "ball.gif").read_bytes()[:6] == b"GIF89a"


def test_export_verb_ends_with_every_line_told_and_its_exit_code(tmp_path):
    """The export verb leaves without tearing the interpreter down (os._exit): what it
    printed still reaches a pipe, a failed film still makes the exit code 1, and the
    good film's file is whole (a GIF ends with its trailer byte)."""
    broken = tmp_path / "broken.kadr"
    broken.write_bytes(b"not a film at all" * 100)
    out = kadr("export", str(ROOT / "assets" / "examples" / "bouncing-ball.kadr"),
               str(broken), str(tmp_path / "out"))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "bouncing-ball.kadr -> " in out.stdout
    assert "[2/2] broken.kadr: " in out.stderr and "Traceback" not in out.stderr
    assert (tmp_path / "out" / "bouncing-ball.gif").read_bytes()[-1:] == b"\x3b"


def test_lessons_check_into_a_reader_that_stops_early():
    """`kadr lessons check | head -1`: a reader that closed the pipe is no error and no
    traceback. (Here it is closed before Kadr writes a word, so every write fails.)"""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"), QT_QPA_PLATFORM="offscreen")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        out = subprocess.run([sys.executable, "-m", "kadr", "lessons", "check"],
                             stdout=write_end, stderr=subprocess.PIPE, text=True, env=env,
                             cwd=ROOT, timeout=120)
    finally:
        os.close(write_end)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr


def test_start_up_loads_neither_the_lesson_checks_nor_scipy(tmp_path):
    """Start-up (with learners: the migration reads lesson progress) must not load the
    lesson checks and scipy, 0.5-0.9 s that only a lesson or the fill bucket needs."""
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "settings.json").write_text('{"language": "en", "theme": "standard"}')
    env = {"KADR_CONFIG": str(cfg), "KADR_LIBRARY": None, "XDG_DATA_HOME": str(tmp_path / "data"),
           "KADR_CLASSROOM": str(tmp_path / "none.toml"), "PYTHONPROFILEIMPORTTIME": "1"}
    out = kadr("--example", "--exit-when-ready", env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    loaded = {line.split("|")[-1].strip() for line in out.stderr.splitlines()
              if line.startswith("import time:")}
    assert "kadr.classroom.migration" in loaded  # the learners' start path ran
    assert "scipy" not in loaded and "kadr.lessons.checks" not in loaded

"""Whole-process start-up: `python -m kadr FILM --exit-when-ready --no-speech` against a bare
PySide6 window (a QWidget shown, then quit) in the same run, same Python, offscreen.

Wall time from spawning the process to its exit, measured by the parent (perf_counter).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
w = QWidget()
w.resize(1366, 768)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def environment(base: Path) -> dict[str, str]:
    config = base / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(
        json.dumps({"language": "en", "theme": "standard"}), encoding="utf-8")
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", KADR_CONFIG=str(config),
               KADR_LIBRARY=str(base / "library"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "app")] + (
                   [env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])))
    return env


def timed_run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {proc.stderr[-500:]}")
    return seconds * 1000.0, proc.stdout


def measure(films: dict[str, Path], runs: int = 3) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="kadr-bench-start-"))
    env = environment(base)
    bare_script = base / "bare.py"
    bare_script.write_text(BARE, encoding="utf-8")
    result: dict[str, object] = {"bare_ms": [], "runs": runs}
    timed_run([sys.executable, str(bare_script)], env, base)  # warm the disk cache
    for name, film in films.items():
        walls, readies = [], []
        for _ in range(runs):
            # interleave bare and Kadr runs so both see the same machine state
            result["bare_ms"].append(timed_run([sys.executable, str(bare_script)], env, base)[0])  # type: ignore[union-attr]
            wall, out = timed_run([sys.executable, "-m", "kadr", str(film),
                                   "--exit-when-ready", "--no-speech"], env, base)
            walls.append(wall)
            m = re.search(r"ready (\d+) ms", out)
            readies.append(float(m.group(1)) if m else float("nan"))
        result[name] = {"wall_ms": walls, "ready_ms": readies}
    return result


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    films = {}
    for arg in argv[1:]:
        name, _, path = arg.partition("=")
        films[name] = Path(path)
    out.write_text(json.dumps(measure(films)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Whole-process start-up: `python -m kadr FILM --exit-when-ready --no-speech` against a bare
PySide6 window (a QWidget shown, then quit) in the same run, same Python, offscreen.

Wall time from spawning the process until it prints "ready" (both do so from a zero
timer once their window is up), measured by the parent (perf_counter); the time until the
process has exited is recorded too. Bytecode caches are allowed and warmed first, as in an
installed app.
"""

from __future__ import annotations

import json
import os
import resource
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
def done():
    print("ready", flush=True)  # as Kadr's --exit-when-ready does, after the first events
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def environment(base: Path) -> dict[str, str]:
    config = base / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(
        json.dumps({"language": "en", "theme": "standard"}), encoding="utf-8")
    env = dict(os.environ)
    # an installed app has its bytecode cached (pip compiles it; an editable install
    # writes it on the first start): measure that, not a compile of every module per start
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(QT_QPA_PLATFORM="offscreen", KADR_CONFIG=str(config),
               KADR_LIBRARY=str(base / "library"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "app")] + (
                   [env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])))
    return env


def timed_run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """(ms from spawning the process until it prints "ready", ms until it has exited, ms of
    CPU it used until then: wall time on 2 shared cores is noisy, CPU time much less)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    ready = float("nan")
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready"):
            ready = (time.perf_counter() - t0) * 1000.0
            break
    _out, err = proc.communicate(timeout=300)
    gone = (time.perf_counter() - t0) * 1000.0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)) * 1000.0
    if proc.returncode != 0 or ready != ready:
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {err[-500:]}")
    return ready, gone, cpu


def measure(films: dict[str, Path], runs: int = 3) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="kadr-bench-start-"))
    env = environment(base)
    bare_script = base / "bare.py"
    bare_script.write_text(BARE, encoding="utf-8")
    result: dict[str, object] = {"bare_ms": [], "bare_exit_ms": [], "bare_cpu_ms": [],
                                 "runs": runs}
    timed_run([sys.executable, str(bare_script)], env, base)  # warm the disk cache
    for film in films.values():  # and write the bytecode caches, as a first start does
        timed_run([sys.executable, "-m", "kadr", str(film), "--exit-when-ready",
                   "--no-speech"], env, base)
    for name, film in films.items():
        readies, exits, cpus = [], [], []
        for _ in range(runs):
            # interleave bare and Kadr runs so both see the same machine state
            ready, gone, cpu = timed_run([sys.executable, str(bare_script)], env, base)
            result["bare_ms"].append(ready)  # type: ignore[union-attr]
            result["bare_exit_ms"].append(gone)  # type: ignore[union-attr]
            result["bare_cpu_ms"].append(cpu)  # type: ignore[union-attr]
            ready, gone, cpu = timed_run([sys.executable, "-m", "kadr", str(film),
                                          "--exit-when-ready", "--no-speech"], env, base)
            readies.append(ready)
            exits.append(gone)
            cpus.append(cpu)
        result[name] = {"wall_ms": readies, "exit_ms": exits, "cpu_ms": cpus}
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

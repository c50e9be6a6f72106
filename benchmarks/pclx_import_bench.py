"""Pencil2D .pclx import time (issue 19: 600 x 1920x1080 in <= 5 s), each run a fresh
process, as `kadr` would start it: a QGuiApplication, then ``import_pclx``.

    python benchmarks/pclx_import_bench.py FILM.pclx [--before APP_DIR] [--runs 3] [--qt-keys]
        [--without-zlib-ng]

FILM.pclx: e.g. `python -m kadr export film600.kadr film600.pclx --no-flash-check` of the
benchmark film (benchmarks/build.py). Kadr writes its keys with its own PNG writer ("Up"
rows, zlib level 1); ``--qt-keys`` first rewrites every key through Qt's PNG writer, as
Pencil2D itself saves them (libpng's filters, zlib's default level), and times that
copy. ``--without-zlib-ng`` times Kadr as it runs where zlib-ng is not installed (the
standard zlib inflates and packs). ``--before APP_DIR`` also times another checkout's
``app`` folder (e.g. a git worktree of an older commit); the two take turns, so a busy
machine slows both alike.
Prints a table (median of the runs; whole process from spawn to exit, the import alone,
the process's CPU time, peak memory) and the load average, which matters: the 2-core machine is shared.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, os, sys, time
if os.environ.get("KADR_BENCH_NO_ZLIB_NG"):
    sys.modules["zlib_ng"] = None  # import fails: Kadr falls back to the standard zlib
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["kadr"])
from kadr.export.pclx import import_pclx
start = time.perf_counter()
result = import_pclx(sys.argv[1])
print(json.dumps({"import_s": time.perf_counter() - start,
                  "pictures": len(result.project.frames)}))
"""


def one_run(app_dir: Path, film: Path, zlib_ng: bool = True) -> dict[str, float]:
    """Wall seconds of the whole process, the import alone, the CPU time of the process
    (user + system, all threads: what a busy machine changes least) and peak memory."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(app_dir))
    if not zlib_ng:
        env["KADR_BENCH_NO_ZLIB_NG"] = "1"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(film)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the import failed in {app_dir}:\n{err[-2000:]}")
    child = json.loads(out.strip().splitlines()[-1])
    return {"wall_s": wall, "import_s": child["import_s"], "pictures": child["pictures"],
            "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def qt_written(film: Path) -> Path:
    """A copy of ``film`` whose keys were saved by Qt's PNG writer, as Pencil2D saves."""
    import zipfile

    from PySide6.QtCore import QBuffer, QByteArray
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(["bench"])
    out = film.with_name(film.stem + "-qt-keys.pclx")
    with zipfile.ZipFile(film) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".png"):
                saved = QByteArray()
                buffer = QBuffer(saved)
                buffer.open(QBuffer.OpenModeFlag.WriteOnly)
                QImage.fromData(data).save(buffer, "PNG")
                data = bytes(saved.data())
            dst.writestr(info, data)
    return out


def main(argv: list[str]) -> int:
    film = Path(argv[0])
    if "--qt-keys" in argv:
        film = qt_written(film)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    trees = {"after": ROOT / "app"}
    if "--before" in argv:
        trees = {"before": Path(argv[argv.index("--before") + 1]), **trees}
    load_start = os.getloadavg()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(runs):  # the trees take turns
        for name, app_dir in trees.items():
            results[name].append(one_run(app_dir, film, "--without-zlib-ng" not in argv))
    load_end = os.getloadavg()
    without = ", without zlib-ng" if "--without-zlib-ng" in argv else ""
    print(f"{film.name}{without}, median of {runs} fresh processes; load average "
          f"{load_start[0]:.1f} at the start, {load_end[0]:.1f} at the end")
    print("| tree | pictures | whole process | import alone | CPU time | peak memory |")
    print("|---|---|---|---|---|---|")
    for name, rows in results.items():
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        each = ", ".join(f"{r['wall_s']:.2f}" for r in rows)
        print(f"| {name} | {med['pictures']:.0f} | {med['wall_s']:.2f} s ({each}) | "
              f"{med['import_s']:.2f} s | {med['cpu_s']:.2f} s | {med['peak_mb']:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Export speed: Kadr's GIF/MP4 against the ffmpeg CLI (and Pencil2D when installed).

Builds a 100-picture 640x480 animation (a filled ball crossing the paper, a line on the
front layer), then times, in the same run:
  * our exports end to end (render through the core Renderer + encode),
  * the ffmpeg CLI from the same frames written as PNGs first (palettegen + paletteuse for
    GIF, libx264 with our settings for MP4) -- the PNG writing is not counted for ffmpeg;
    ours and ffmpeg's runs take turns, 5 each, so a machine that speeds up or slows down
    during the run does not tilt the ratio,
  * Pencil2D 0.6.6 exporting our .pclx headless, if `pencil2d` is on PATH.
Prints a table and merges the numbers into benchmarks/results.json under "export".
Never asserts: machines are noisy. Run: PYTHONPATH=app python benchmarks/export_bench.py
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402

FRAMES, SIZE, FPS, RUNS = 100, (640, 480), 12, 5


def build():  # type: ignore[no-untyped-def]
    from kadr.core.fill import fill
    from kadr.core.paint import shape_on
    from kadr.core.project import blank_project

    w, h = SIZE
    p = blank_project(w, h, "bench")
    for i in range(FRAMES):
        if i:
            p.add_frame(i - 1)
        x = 20 + i * (w - 140) / (FRAMES - 1)
        img = p.image_to_edit(i, "drawing")
        r = shape_on(img, "ellipse", QPointF(x, 150), QPointF(x + 100, 250), QColor("black"), 6)
        r = r.united(fill(img, int(x + 50), 200, QColor("#e6194b")))
        p.commit_pixels(i, "drawing", img, r, "bench")
        img = p.image_to_edit(i, "front")
        r = shape_on(img, "line", QPointF(10, 400 - i), QPointF(w - 10, 420), QColor("#4363d8"), 10)
        p.commit_pixels(i, "front", img, r, "bench")
    p.set_fps(FPS)
    return p


def timed(fn, runs: int = RUNS) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(cases, runs: int = RUNS) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Median wall time of each case, the cases run in turn ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=300)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    import imageio_ffmpeg

    from kadr.export import ExportOptions, run_export
    from kadr.export.flash import check_project
    from kadr.export.frames import Pictures

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    project = build()
    work = Path(tempfile.mkdtemp(prefix="kadr-export-bench-"))
    rows: dict[str, float | None] = {}
    try:
        pics = Pictures(project)
        rows["render only (100 pictures)"] = timed(lambda: [pics.array(i) for i in range(FRAMES)])
        run_export(project, work / "seq.png", ExportOptions())  # the PNGs ffmpeg reads
        pattern = str(work / "seq" / "seq_%04d.png")
        source = [ffmpeg, "-v", "error", "-y", "-framerate", str(FPS), "-i", pattern]
        cases = {
            "ours gif": lambda: run_export(project, work / "ours.gif", ExportOptions()),
            "ffmpeg gif": lambda: run(source + [
                "-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", str(work / "ff.gif")]),
            "ours mp4": lambda: run_export(project, work / "ours.mp4", ExportOptions()),
            "ffmpeg mp4": lambda: run(source + [
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                "-colorspace", "smpte170m", "-color_range", "tv",
                "-movflags", "+faststart", str(work / "ff.mp4")]),
        }
        rows.update(interleaved(cases))  # ours and ffmpeg take turns: the machine drifts
        rows["ours png sequence"] = timed(
            lambda: run_export(project, work / "seq.png", ExportOptions()))
        rows["ours pclx"] = timed(lambda: run_export(project, work / "ours.pclx", ExportOptions()))
        rows["flash check"] = timed(lambda: check_project(project))
        pencil = shutil.which("pencil2d")
        if pencil:
            runtime = work / "runtime"
            runtime.mkdir(mode=0o700)
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime))
            p2d = ["timeout", "120", pencil, str(work / "ours.pclx")]
            rows["pencil2d gif"] = timed(lambda: run(p2d + ["-o", str(work / "p.gif")], env), 3)
            rows["pencil2d mp4"] = timed(lambda: run(p2d + ["-o", str(work / "p.mp4")], env), 3)
            (work / "p2d").mkdir()
            rows["pencil2d png sequence"] = timed(lambda: run(
                p2d + ["-o", str(work / "p2d" / "f.png"), "--end", "last"], env), 1)
        sizes = {name: (work / name).stat().st_size
                 for name in ("ours.gif", "ff.gif", "ours.mp4", "ff.mp4")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    del app

    def cell(value: float | None) -> str:
        return f"{value:.3f}" if value else "-"

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}x" if a and b else "-"

    render = rows["render only (100 pictures)"]
    print(f"\n{FRAMES} frames {SIZE[0]}x{SIZE[1]} at {FPS} fps; seconds, median of {RUNS} "
          f"runs (Pencil2D: 3 for GIF and MP4, 1 for PNG); Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print("| format | Kadr (render+encode) | ffmpeg CLI from PNGs | Pencil2D .pclx | "
          "Kadr / ffmpeg | Kadr / Pencil2D |")
    print("|---|---|---|---|---|---|")
    for kind, label in (("gif", "GIF"), ("mp4", "MP4"), ("png sequence", "PNG frames")):
        ours, ff = rows.get(f"ours {kind}"), rows.get(f"ffmpeg {kind}")
        p2d = rows.get(f"pencil2d {kind}")
        print(f"| {label} | {cell(ours)} | {cell(ff)} | {cell(p2d)} | {ratio(ours, ff)} | "
              f"{ratio(ours, p2d)} |")
    print(f"rendering the 100 pictures alone: {render:.3f} s; .pclx export: "
          f"{rows['ours pclx']:.3f} s; flash check: {rows['flash check']:.3f} s")
    print("file sizes (bytes):", sizes)

    results_path = ROOT / "benchmarks" / "results.json"
    try:
        results = json.loads(results_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        results = {}
    results["export"] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
        "frames": FRAMES, "size": list(SIZE), "fps": FPS, "runs": RUNS,
        "seconds": {k: round(v, 4) for k, v in rows.items() if v is not None},
        "bytes": sizes,
    }
    tmp = results_path.with_name(results_path.name + ".tmp")
    tmp.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    tmp.replace(results_path)  # read-modify-write, replaced atomically
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

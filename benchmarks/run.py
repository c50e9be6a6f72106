"""`make bench`: build the benchmark films, drive the real studio offscreen, print ONE table.

Each part runs in a fresh process (memory and caches start clean, a crash loses one part):
  build.py          the films: 600 x 1920x1080 (~2 % ink, onion 3+3, 24 fps), cuts of it
                    (50/150/300), a 640x480 film cut to 50..600, and a library of 50 films
  studio_bench.py   session: open, play, turn pages, strokes, commit, UI pauses, memory;
                    open (+ play-through) for the scaling rows; the gallery
  startup_bench.py  `python -m kadr FILM --exit-when-ready` against a bare PySide6 window
  scaling_bench.py  GIF/MP4 export time against film length
  export_bench.py   (another engineer's) export against ffmpeg / Pencil2D: its ratios
  long_export_bench.py  600 x 1080p exports from the command line: time and peak memory
                    (process + ffmpeg), memory against film length, .pclx import, the CLI
                    against the ffmpeg CLI, a batch in one process (issue 19)

Writes benchmarks/results.json (read-modify-write: other keys such as "export" stay; ours
is "studio"). Never asserts: machines are noisy; the verdict column says what was met.

    python benchmarks/run.py [--quick] [--keep] [--build DIR] [--no-export-bench]
"""

from __future__ import annotations

import argparse
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from table import Row, render, summary  # noqa: E402

PY = sys.executable
FRAME_MS = 1000.0 / 24
LATE_TOLERANCE_MS = 5.0  # a tick later than one 24 fps frame + 5 ms counts as late
STARTED = time.perf_counter()
LOAD_AT_START = " / ".join(f"{x:.2f}" for x in os.getloadavg())


def say(text: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f} s] {text}", file=sys.stderr, flush=True)


def child_env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    (base / "config").mkdir(parents=True, exist_ok=True)
    (base / "config" / "settings.json").write_text(
        json.dumps({"language": "en", "theme": "standard"}), encoding="utf-8")
    env.update(QT_QPA_PLATFORM="offscreen", KADR_CONFIG=str(base / "config"),
               KADR_LIBRARY=str(base / "library"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "app")] + (
                   [env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])))
    return env


def child(args: list[str], env: dict[str, str], out: Path | None = None,
          timeout: float = 600) -> dict[str, object]:
    """Run one benchmark process; its JSON result, or {"error": ...}."""
    try:
        proc = subprocess.run([PY, *args], env=env, capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if out is not None and out.exists():
        return json.loads(out.read_text(encoding="utf-8"))
    if proc.returncode != 0 or out is None:
        tail = (proc.stderr or proc.stdout)[-800:]
        return {"error": f"exit {proc.returncode}: {tail}"} if proc.returncode else {}
    return {}


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        pyside, qt = PySide6.__version__, qVersion()
    except ImportError:
        pyside = qt = "?"
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "app"],
                               capture_output=True, text=True, timeout=10).stdout.splitlines()
        tree = f"{head}" + (f" + {len(dirty)} changed files in app/" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        tree = "?"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return {"date": time.strftime("%Y-%m-%d %H:%M"), "nproc": str(os.cpu_count()), "cpu": cpu,
            "loadavg_end": load, "loadavg_start": LOAD_AT_START,
            "python": platform.python_version(), "pyside6": pyside, "qt": qt,
            "os": platform.platform(), "platform": "offscreen", "tree": tree}


def growth(points: dict[int, float]) -> tuple[float, str]:
    """(worst T(2n)/T(n) over the doublings measured, description).

    A cost linear in the film's length (with any fixed part) grows at most 2x per
    doubling; a quadratic one 4x. The note gives ms per frame at each length.
    """
    ns = sorted(points)
    desc = "ms/frame " + ", ".join(f"{n}: {points[n] / n:.2f}" for n in ns)
    ratios = [points[b] / points[a] for a, b in zip(ns, ns[1:]) if b == 2 * a and points[a] > 0]
    return (max(ratios) if ratios else float("nan")), desc


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer samples (for trying things)")
    ap.add_argument("--keep", action="store_true", help="keep the built films")
    ap.add_argument("--build", help="reuse (or build into) this folder")
    ap.add_argument("--no-long-export", action="store_true",
                    help="skip long_export_bench.py (600 x 1080p exports, ~10 min)")
    ap.add_argument("--no-export-bench", action="store_true",
                    help="do not run export_bench.py (use its last numbers in results.json)")
    opts = ap.parse_args(argv)
    if os.getloadavg()[0] > 0.7:
        say(f"warning: the machine is busy (load average {LOAD_AT_START}); numbers will be noisy")
    base = Path(tempfile.mkdtemp(prefix="kadr-bench-"))
    env = child_env(base)
    build_dir = Path(opts.build) if opts.build else base / "films"
    raw: dict[str, object] = {}
    try:
        # -- the films -----------------------------------------------------------------
        if (build_dir / "build.json").exists():
            say(f"reusing films in {build_dir}")
        else:
            say("building the films (600 x 1920x1080, 600 x 640x480, a library of 50)")
            result = subprocess.run([PY, str(HERE / "build.py"), str(build_dir)], env=env,
                                    capture_output=True, text=True, timeout=900)
            if result.returncode:
                print(result.stderr[-2000:], file=sys.stderr)
                return 1
        films = json.loads((build_dir / "build.json").read_text(encoding="utf-8"))
        raw["build"] = films

        # -- the studio session --------------------------------------------------------
        say("studio session on the 600-picture film")
        out = base / "session.json"
        session = child([str(HERE / "studio_bench.py"), "session", films["film600"], str(out)]
                        + (["--quick"] if opts.quick else []), env, out)
        raw["session"] = session
        say("the same, quick, with background work settled (for attribution)")
        out = base / "steady.json"
        raw["steady"] = child([str(HERE / "studio_bench.py"), "session", films["film600"],
                               str(out), "--quick", "--steady"], env, out)

        # -- open (+ play-through) for the open row and the scaling rows ----------------
        opens: dict[int, list[dict[str, object]]] = {}
        for n in (50, 150, 300, 600, 600):
            if opts.quick and n == 600 and len(opens.get(600, [])) == 1:
                continue
            say(f"open + play-through, {n} pictures")
            out = base / f"open{n}-{len(opens.get(n, []))}.json"
            opens.setdefault(n, []).append(
                child([str(HERE / "studio_bench.py"), "open", films[f"film{n}"], str(out),
                       "--play"], env, out))
        raw["open"] = {str(k): v for k, v in opens.items()}

        say("gallery of 50 films")
        out = base / "gallery.json"
        gallery = child([str(HERE / "studio_bench.py"), "gallery", films["library"], str(out),
                         films["film600"]], env, out)
        raw["gallery"] = gallery

        say("start-up, whole process, against a bare PySide6 window")
        out = base / "startup.json"
        startup = child([str(HERE / "startup_bench.py"), str(out), f"film600={films['film600']}",
                         f"small100={films['small100']}"], env, out, timeout=900)
        raw["startup"] = startup

        say("export against film length (640x480, 50..600 pictures)")
        out = base / "export_scaling.json"
        exports = child([str(HERE / "scaling_bench.py"), str(out)]
                        + [f"{n}={films[f'small{n}']}" for n in (50, 150, 300, 600)], env, out)
        raw["export_scaling"] = exports

        if not opts.no_long_export:
            say("long films at 1080p: export time and memory, import, the CLI (issue 19)")
            out = base / "long_export.json"
            raw["long_export"] = child([str(HERE / "long_export_bench.py"), str(out),
                                        str(build_dir)] + (["--quick"] if opts.quick else []),
                                       env, out, timeout=3600)

        if not opts.no_export_bench and (HERE / "export_bench.py").exists():
            say("export_bench.py (GIF/MP4 against ffmpeg and Pencil2D)")
            eb = subprocess.run([PY, str(HERE / "export_bench.py")], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=600)
            raw["export_bench_exit"] = eb.returncode
            if eb.returncode:
                raw["export_bench_error"] = eb.stderr[-800:]
    finally:
        if opts.keep or opts.build:
            say(f"films kept in {build_dir}")
        else:
            shutil.rmtree(build_dir, ignore_errors=True)

    rows = make_rows(raw, films)
    info = machine()
    print()
    print(f"Kadr studio benchmarks, {info['date']}: {info['nproc']} cores, {info['cpu']}, "
          f"Python {info['python']}, PySide6 {info['pyside6']} (Qt {info['qt']}), "
          f"QT_QPA_PLATFORM=offscreen; 1920x1080 film of 600 pictures "
          f"(~{films.get('ink_percent', '?')} % ink), onion 3 before + 3 after, "
          f"window {1366}x{768}; tree {info['tree']}; load average (1/5/15 min) "
          f"{info['loadavg_start']} at start, {info['loadavg_end']} at end")
    print(render(rows))
    print(f"(total run {time.perf_counter() - STARTED:.0f} s)")
    save_results(rows, raw, info)
    if not (opts.keep and not opts.build):  # the films live in ``base`` unless --build
        shutil.rmtree(base, ignore_errors=True)
    return 0


def make_rows(raw: dict[str, object], films: dict[str, object]) -> list[Row]:
    rows: list[Row] = []
    s = raw.get("session", {})
    assert isinstance(s, dict)
    if "error" in s:
        rows.append(Row("studio session", verdict=f"failed: {str(s['error'])[:200]}"))
        s = {}
    strokes = s.get("strokes", {})
    rows.append(Row.of("pointer move: QTest.mouseMove + processEvents (segment + dirty repaint)",
                       strokes.get("move", []), target="p95 <= 1 ms", limit=1.0))
    pause = s.get("strokes_after_pause", {})
    if pause:
        busy = [t for t in s.get("threads_after_pause", []) if t not in ("MainThread", "kadr-store")]
        note = "threads then: " + (", ".join(busy) if busy else "none")
        rows.append(Row.of("  pointer move, drawing again after a 2 s pause", pause.get("move", []),
                           target="p95 <= 1 ms", limit=1.0, note=note))
        rows.append(Row.of("  mouseRelease, drawing again after a 2 s pause",
                           pause.get("release", []), target="p95 <= 1 ms", limit=1.0))
    rows.append(Row.of("next/previous picture, visited: go_to + canvas.repaint",
                       s.get("step_visited", []), target="p95 <= 8 ms", limit=8.0))
    rows.append(Row.of("next picture, never decoded: go_to + canvas.repaint",
                       s.get("step_fresh", []), target="p95 <= 30 ms", limit=30.0))
    rows.append(Row.of("jump to a far picture never decoded (its 6 ghosts too)",
                       s.get("jump_fresh", []), target="(info)"))
    play = s.get("play", {})
    cost, gaps = play.get("cost", []), play.get("gaps", [])
    rows.append(Row.of(f"playback {len(cost)} frames @24 fps: Player tick + canvas.repaint",
                       cost, target="each <= 3 ms", limit=3.0, on="max"))
    late_at = [i + 1 for i, g in enumerate(gaps) if g > FRAME_MS + LATE_TOLERANCE_MS]
    busy = play.get("busy", [])
    while_flash = sum(1 for i in late_at if i < len(busy) and "F" in busy[i])
    while_thumbs = sum(1 for i in late_at if i < len(busy) and "T" in busy[i])
    r = Row.of("playback @24 fps: gap between ticks", gaps,
               target=f"0 late (> {FRAME_MS + LATE_TOLERANCE_MS:.1f} ms)")
    r.verdict = (("ok" if not late_at else "MISSED") + f" ({len(late_at)} late)") if gaps else "no data"
    if late_at:
        r.note = (f"{while_flash} while a flash check ran, {while_thumbs} while strip "
                  f"thumbnails were drawn; flash check ran at {sum('F' in b for b in busy)} "
                  f"of {len(busy)} ticks, thumbnails at {sum('T' in b for b in busy)}")
    rows.append(r)
    with_flash = sum(1 for t in strokes.get("threads", []) if "kadr-flash" in t)
    rows.append(Row.of("commit a stroke: mouseRelease handler (UI thread)",
                       strokes.get("release", []), target="p95 <= 1 ms", limit=1.0,
                       note=f"a flash check ran after {with_flash} of "
                            f"{len(strokes.get('threads', []))} releases"))
    rows.append(Row.of("stroke on disk: mouseRelease -> ProjectStore.flush() returns",
                       strokes.get("disk", []), target="max <= 1000 ms", limit=1000.0, on="max"))
    rows.append(Row.of("  UI time after release until the tiles reach the store",
                       strokes.get("after_release", []), target="(info)"))
    # open: the session's open and the separate open runs of the 600-picture film
    totals = []
    if isinstance(s.get("open"), dict):
        totals.append(s["open"]["total"])
    opens = raw.get("open", {})
    for o in opens.get("600", []):  # type: ignore[union-attr]
        if isinstance(o, dict) and "open" in o:
            totals.append(o["open"]["total"])
    parts = []
    for o in opens.get("600", [])[:1]:  # type: ignore[union-attr]
        if isinstance(o, dict) and "open" in o:
            parts.append(o["open"])
    note = (f"load {parts[0]['load']:.0f} + Studio() {parts[0]['studio']:.0f} + first paint "
            f"{parts[0]['first_paint']:.0f} ms") if parts else ""
    rows.append(Row.of("open 600 pictures -> first frame shown (load + Studio + paint)", totals,
                       target="<= 1000 ms", limit=1000.0, on="median", note=note))
    mem = s.get("memory_after_play", {})
    rows.append(Row.value("memory after opening + playing 300 pictures (VmRSS)",
                          mem.get("rss_mb"), "MB", target="<= 400 MB", limit=400.0))
    end = s.get("memory_end", {})
    rows.append(Row.value("  peak memory of the whole session (VmHWM)", end.get("hwm_mb"), "MB",
                          target="(info)", note="includes a background export"))
    film = Path(str(films.get("film600", "")))
    if film.exists():
        kb = film.stat().st_size / 1000.0 / 600
        tiles_kb = float(films.get("tile_bytes_per_frame", 0)) / 1000  # type: ignore[arg-type]
        rows.append(Row.value("file size per drawn picture (600-picture film)", kb, "KB",
                              target="<= 60 KB", limit=60.0,
                              note=f"tiles alone {tiles_kb:.1f} KB"))
    st = raw.get("startup", {})
    if isinstance(st, dict) and "film600" in st:
        bare = statistics.median(st["bare_ms"])
        kadr = statistics.median(st["film600"]["wall_ms"])
        rows.append(Row.of("start-up, whole process: python -m kadr FILM600, spawn -> ready",
                           st["film600"]["wall_ms"], target="(info)"))
        if "small100" in st:
            rows.append(Row.of("  same with the 100-picture 640x480 film",
                               st["small100"]["wall_ms"], target="(info)"))
        rows.append(Row.of("  bare PySide6 window, spawn -> shown", st["bare_ms"], target="(info)"))
        if st["film600"].get("exit_ms"):
            rows.append(Row.of("  Kadr (600 film) until the process has exited",
                               st["film600"]["exit_ms"], target="(info)"))
        if st["film600"].get("cpu_ms") and st.get("bare_cpu_ms"):
            cpu_k = statistics.median(st["film600"]["cpu_ms"])
            cpu_b = statistics.median(st["bare_cpu_ms"])
            rows.append(Row.of("  process CPU until exit: Kadr (600 film)",
                               st["film600"]["cpu_ms"], target="(info)",
                               note=f"bare window {cpu_b:.0f} ms: CPU ratio "
                                    f"{cpu_k / max(cpu_b, 1e-9):.2f}x (less noisy than wall)"))
        rows.append(Row.value("start-up ratio: Kadr (600 film) / bare window", kadr / bare, "x",
                              target="<= 5x", limit=5.0))
    else:
        rows.append(Row("start-up ratio", verdict=f"failed: {str(st)[:200]}"))
    g = raw.get("gallery", {})
    if isinstance(g, dict) and "gallery" in g:
        rows.append(Row.of(f"gallery of {g.get('projects')} films shown (Library + GalleryView)",
                           g["gallery"], target="<= 1000 ms", limit=1000.0, on="max",
                           note="files in the OS cache"))
        rows.append(Row.value("  first of those (first widgets of a fresh process)",
                              g["gallery"][0], target="(info)"))
        if g.get("entry_big_film"):
            rows.append(Row.of("  gallery entry of one 600-picture film (check + read)",
                               g["entry_big_film"], target="(info)"))
    else:
        rows.append(Row("gallery", verdict=f"failed: {str(g)[:200]}"))
    # scaling: marginal ms per extra frame 300->600 against 50->150
    open_pts, play_pts = {}, {}
    for n, runs in opens.items():  # type: ignore[union-attr]
        good = [o for o in runs if isinstance(o, dict) and "open" in o]
        if good:
            open_pts[int(n)] = statistics.median(o["open"]["total"] for o in good)
            play_pts[int(n)] = statistics.median(sum(o["play_through"]) for o in good)
    if len(open_pts) >= 3:
        ratio, desc = growth(open_pts)
        rows.append(Row.value("scaling, open: worst T(2n)/T(n), 150..600 pictures", ratio, "x",
                              target="<= 2.5x (linear 2x)", limit=2.5, note=desc))
        ratio, desc = growth(play_pts)
        rows.append(Row.value("scaling, play-through (tick + paint, whole film): T(2n)/T(n)",
                              ratio, "x", target="<= 2.5x (linear 2x)", limit=2.5, note=desc))
    ex = raw.get("export_scaling", {})
    if isinstance(ex, dict) and not ex.get("skipped") and not ex.get("error") and len(ex) >= 3:
        for fmt in ("gif", "mp4"):
            pts = {int(n): v[f"{fmt}_s"] * 1000 for n, v in ex.items() if isinstance(v, dict)}
            ratio, desc = growth(pts)
            rows.append(Row.value(f"scaling, {fmt.upper()} export 640x480: T(2n)/T(n)", ratio,
                                  "x", target="<= 2.5x (linear 2x)", limit=2.5, note=desc))
    else:
        rows.append(Row("scaling, export", verdict=f"skipped: {str(ex)[:200]}"))
    for key, label in (("gap_alone", "strokes alone"),
                       ("gap_loaded", "strokes + background export + speech")):
        gap = s.get(key, {})
        notes = s.get("gap_loaded_notes", {}) if key == "gap_loaded" else {}
        note = "; ".join(f"{k}: {v:.1f}" if isinstance(v, float) else f"{k}: {v}"
                         for k, v in notes.items())
        # the issue: "a 10 ms QTimer sees no gap over 50 ms" while all that runs
        rows.append(Row.of(f"10 ms timer gaps, {label}", gap.get("gaps", []),
                           target="max <= 50 ms", limit=50.0, on="max", note=note))
        if gap.get("release"):
            rows.append(Row.of(f"  mouseRelease during it ({label})", gap["release"],
                               target="(info)"))
    rows += steady_rows(raw.get("steady", {}))
    rows += export_rows()
    rows += long_export_rows(raw.get("long_export"))
    return rows


def steady_rows(st: object) -> list[Row]:
    """The quick session again with the flash check paused and thumbnails done: what the
    background work costs the UI (attribution, not a target)."""
    if not isinstance(st, dict) or "error" in st or "strokes" not in st:
        return [Row("attribution run (background settled)", verdict=f"failed: {str(st)[:200]}")]
    pre = "settled: "
    play = st.get("play", {})
    gaps = play.get("gaps", [])
    late = sum(1 for g in gaps if g > FRAME_MS + LATE_TOLERANCE_MS)
    return [
        Row.of(pre + "pointer move", st["strokes"]["move"], target="p95 <= 1 ms", limit=1.0),
        Row.of(pre + "next/previous, visited", st.get("step_visited", []), target="p95 <= 8 ms",
               limit=8.0),
        Row.of(pre + "next, never decoded", st.get("step_fresh", []), target="p95 <= 30 ms",
               limit=30.0),
        Row.of(pre + "playback tick + paint", play.get("cost", []), target="each <= 3 ms",
               limit=3.0, on="max", note=f"{late} late of {len(gaps)}"),
        Row.of(pre + "commit: mouseRelease", st["strokes"]["release"], target="p95 <= 1 ms",
               limit=1.0),
        Row.value(pre + "memory after open + play (VmRSS)",
                  st.get("memory_after_play", {}).get("rss_mb"), "MB", target="<= 400 MB",
                  limit=400.0),
    ]


def export_rows() -> list[Row]:
    try:
        data = json.loads((HERE / "results.json").read_text(encoding="utf-8")).get("export")
    except (OSError, ValueError):
        data = None
    if not data or "seconds" not in data:
        return [Row("export: see export_bench.py", verdict="no data")]
    sec = data["seconds"]
    out = []
    what = f"{data.get('frames')} x {data.get('size')}"
    for fmt, limit in (("gif", 1.0), ("mp4", 1.1)):  # the targets
        ours, ff, p2d = sec.get(f"ours {fmt}"), sec.get(f"ffmpeg {fmt}"), sec.get(f"pencil2d {fmt}")
        if ours and ff:
            out.append(Row.value(f"export {fmt.upper()} ({what}): Kadr / ffmpeg CLI, same run",
                                 ours / ff, "x", target=f"<= {limit}x", limit=limit,
                                 note=f"ours {ours:.2f} s, ffmpeg {ff:.2f} s"))
        if ours and p2d:
            out.append(Row.value(f"  {fmt.upper()}: Kadr / Pencil2D 0.6.6 from our .pclx",
                                 ours / p2d, "x", target="<= 0.5x", limit=0.5,
                                 note=f"Pencil2D {p2d:.2f} s (median of 3)"))
    return out or [Row("export: see export_bench.py", verdict="no data")]


def long_export_rows(data: object) -> list[Row]:
    """Issue 19's rows: 600 x 1080p from the command line, whole process with ffmpeg."""
    if not isinstance(data, dict) or "gif_600" not in data:
        return [Row("long films at 1080p (long_export_bench.py)",
                    verdict=f"skipped: {str(data)[:200]}")]
    rows: list[Row] = []

    def get(key: str) -> dict[str, object]:
        value = data.get(key)
        return value if isinstance(value, dict) else {}

    def num(d: dict[str, object], key: str) -> float | None:
        value = d.get(key)
        return float(value) if isinstance(value, (int, float)) else None

    def cpu_note(cli: dict[str, object], label: str, reference: str) -> str:
        """"; CPU a s against b s": processor time of both (process and children)."""
        ours, theirs = (num(cli.get(k, {}), "cpu_s") for k in (label, reference))  # type: ignore[arg-type]
        return f"; CPU {ours:.2f} s against {theirs:.2f} s" if ours and theirs else ""

    gif, mp4, p2d = get("gif_600"), get("mp4_600"), get("pencil2d_mp4_600")
    rows.append(Row.value("GIF 600 x 1920x1080, kadr export, whole process", num(gif, "s"),
                          "s", target="<= 10 s", limit=10.0,
                          note=f"best of {len(gif.get('runs', []) or [])}"))
    rows.append(Row.value("  its peak memory (process + children)", num(gif, "peak_mb"), "MB",
                          target="<= 400 MB", limit=400.0))
    ours, theirs = num(mp4, "s"), num(p2d, "s")
    if ours and theirs:
        rows.append(Row.value("MP4 600 x 1920x1080: Kadr / Pencil2D 0.6.6, same run",
                              ours / theirs, "x", target="<= 0.5x", limit=0.5,
                              note=f"ours {ours:.1f} s, Pencil2D {theirs:.1f} s "
                                   f"({num(p2d, 'peak_mb') or 0:.0f} MB)"))
    else:
        rows.append(Row.value("MP4 600 x 1920x1080, kadr export", ours, "s", target="(info)",
                              note="Pencil2D not installed"))
    rows.append(Row.value("  its peak memory (with ffmpeg)", num(mp4, "peak_mb"), "MB",
                          target="<= 400 MB", limit=400.0))
    for key, label in (("png_600", "PNG frames"), ("pclx_600", ".pclx")):
        d = get(key)
        rows.append(Row.value(f"{label} 600 x 1920x1080: peak memory", num(d, "peak_mb"), "MB",
                              target="<= 400 MB", limit=400.0,
                              note=f"{num(d, 's') or 0:.1f} s"))
    mem = {int(n): v.get("peak_mb") for n, v in get("gif_memory").items()
           if isinstance(v, dict) and v.get("peak_mb")}
    if len(mem) >= 2:
        lo, hi = mem[min(mem)], mem[max(mem)]
        rows.append(Row.value(f"GIF peak memory, {min(mem)} -> {max(mem)} pictures 1080p",
                              float(hi) - float(lo), "MB", target="flat (<= 50 MB more)",
                              limit=50.0,
                              note=", ".join(f"{n}: {m:.0f} MB" for n, m in sorted(mem.items()))))
    sheet = {int(n): v.get("peak_mb") for n, v in get("sheet_memory").items()
             if isinstance(v, dict) and v.get("peak_mb")}
    if len(sheet) >= 2:
        rows.append(Row.value(f"sprite sheet (50 %) peak memory, {min(sheet)} -> "
                              f"{max(sheet)} pictures", float(sheet[max(sheet)])
                              - float(sheet[min(sheet)]), "MB", target="flat (<= 50 MB more)",
                              limit=50.0, note=", ".join(
                                  f"{n}: {m:.0f} MB" for n, m in sorted(sheet.items()))))
    imp = get("import_600")
    rows.append(Row.value("Pencil2D .pclx import, 600 x 1080p, fresh process", num(imp, "s"),
                          "s", target="<= 5 s", limit=5.0,
                          note=f"peak {num(imp, 'peak_mb') or 0:.0f} MB"))
    cli = get("cli_100")
    for fmt, limit in (("gif", 1.0), ("mp4", 1.1)):
        ff = num(cli.get(f"ffmpeg {fmt}", {}), "s")  # type: ignore[arg-type]
        for label in (f"kadr {fmt}", f"kadr {fmt} (checked in the studio)",
                      f"kadr {fmt} (no flash check)"):
            k = num(cli.get(label, {}), "s")  # type: ignore[arg-type]
            if k and ff:
                rows.append(Row.value(f"CLI 100 x 640x480 {label} / ffmpeg CLI, whole process",
                                      k / ff, "x", target=f"<= {limit}x", limit=limit,
                                      note=f"{k:.2f} s against {ff:.2f} s, best of each"
                                      + cpu_note(cli, label, f"ffmpeg {fmt}")))
        if fmt == "mp4":  # what a Python exporter costs before it draws anything
            for label, what in (("python floor mp4", "Python + numpy piping made pictures"),
                                ("kadr drawing, ffmpeg first", "the same, Kadr drawing them")):
                floor = num(cli.get(label, {}), "s")  # type: ignore[arg-type]
                if floor and ff:
                    rows.append(Row.value(f"  floor: {what} / ffmpeg CLI", floor / ff, "x",
                                          target="(info)",
                                          note=f"{floor:.2f} s: benchmarks/pipe_floor.py"
                                          + cpu_note(cli, label, "ffmpeg mp4")))
    batch = get("batch_10")
    one, separate = num(get("batch_10").get("one_process", {}), "s"), num(batch, "separate_s")  # type: ignore[arg-type]
    if one and separate:
        rows.append(Row.value("batch of 10 films (GIF): one process / 10 processes",
                              one / separate, "x", target="(info)",
                              note=f"{one:.1f} s against {separate:.1f} s"))
    return rows


def save_results(rows: list[Row], raw: dict[str, object], info: dict[str, str]) -> None:
    path = HERE / "results.json"
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        results = {}

    def digest(value: object) -> object:
        if isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
            out: dict[str, object] = {k: (round(v, 4) if isinstance(v, float) else v)
                                      for k, v in summary(value).items()}
            if len(value) <= 12:
                out["samples"] = [round(v, 3) for v in value]
            return out
        if isinstance(value, dict):
            return {k: digest(v) for k, v in value.items()}
        if isinstance(value, list):
            return [digest(v) for v in value]
        return value

    results["studio"] = {"machine": info, "rows": [r.as_json() for r in rows],
                         "raw": digest({k: v for k, v in raw.items() if k != "build"}),
                         "films": raw.get("build")}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

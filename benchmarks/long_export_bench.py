"""Long films at full HD (issue 19): whole-process export time and peak memory, from the
command line, as a learner or teacher would run it.

Every measurement is a fresh process; its peak memory is the largest resident set of it
and its children (ffmpeg included), from os.wait4 (what /usr/bin/time -v reports). Ours
and the reference take turns in the same run (the machine is shared and drifts):

  * GIF, MP4, PNG frames and .pclx of film600 (600 x 1920x1080, ~2 % ink): `python -m kadr
    export film600.kadr OUT --no-flash-check`; MP4 against Pencil2D 0.6.6 exporting the
    same film as .pclx, headless (when installed);
  * GIF peak memory at 50, 150, 300 and 600 pictures (flat = streaming);
  * Pencil2D .pclx import of the 600 pictures (`import_pclx`, in a fresh process, median
    of 3), of our own file and of the same keys written as Pencil2D writes them;
  * `kadr export` of small100 (100 x 640x480) to GIF and MP4, start-up included, against
    the ffmpeg CLI reading the same frames as PNGs (palettegen/paletteuse; libx264 with
    our settings), best of N each, interleaved: with the flash check, on a copy the
    studio has checked (its stamp kept in the film: no check needed), and without;
    and the floor of any Python exporter: an interpreter that starts ffmpeg, imports numpy
    and pipes the same pictures already converted (benchmarks/pipe_floor.py), and that
    floor drawing the pictures with Kadr's own code (--draw: nothing else of Kadr's);
    CPU seconds of each (process and children) beside the wall time;
  * a batch: 10 films in one `kadr export` against 10 processes.

    python benchmarks/long_export_bench.py OUT.json BUILD_DIR [--quick]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def env() -> dict[str, str]:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app")] + (
        [e["PYTHONPATH"]] if e.get("PYTHONPATH") else []))
    return e


def measured(cmd: list[str], extra_env: dict[str, str] | None = None,
             timeout: float = 900) -> dict[str, float]:
    """Wall seconds and peak RSS (MB, the process and its children) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**env(), **(extra_env or {})}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return {"error": "timed out"}  # type: ignore[dict-item]
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode:
        return {"error": f"exit {proc.returncode}: {err[-400:]}"}  # type: ignore[dict-item]
    return {"s": round(seconds, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            # CPU of the process and its children (ffmpeg): on 2 cores the wall time can
            # be no less than half of it
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3)}


def kadr_export(src: str, out: Path, *flags: str) -> list[str]:
    return [PY, "-m", "kadr", "export", src, str(out), *flags]


def best(runs: list[dict[str, float]]) -> dict[str, object]:
    ok = [r for r in runs if "s" in r]
    if not ok:
        return {"error": runs[0].get("error") if runs else "no runs"}
    quickest = min(ok, key=lambda r: r["s"])
    return {"s": quickest["s"], "peak_mb": max(r["peak_mb"] for r in ok),
            "cpu_s": quickest.get("cpu_s"), "runs": ok}


IMPORT = ("import sys\n"
          "from PySide6.QtGui import QGuiApplication\n"
          "app = QGuiApplication(['kadr'])\n"
          "from kadr.export.pclx import import_pclx\n"
          "import_pclx(sys.argv[1])\n")


def median(runs: list[dict[str, float]]) -> dict[str, object]:
    """The median run by time (the machine is shared: one slow run says little)."""
    ok = sorted((r for r in runs if "s" in r), key=lambda r: r["s"])
    if not ok:
        return {"error": runs[0].get("error") if runs else "no runs"}
    return {**ok[len(ok) // 2], "runs": ok}


def main(argv: list[str]) -> int:
    out_json, build = Path(argv[0]), Path(argv[1])
    quick = "--quick" in argv
    films = json.loads((build / "build.json").read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="kadr-long-export-"))
    config = work / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    os.environ["KADR_CONFIG"] = str(config)
    result: dict[str, object] = {"when": time.strftime("%Y-%m-%d %H:%M:%S"),
                                 "load_start": os.getloadavg()}
    film600 = films["film600"]
    try:
        # the .pclx first: Pencil2D and the import read it
        pclx = work / "film600.pclx"
        result["pclx_600"] = measured(kadr_export(film600, pclx, "--no-flash-check"))
        runs: dict[str, list[dict[str, float]]] = {}
        pencil = shutil.which("pencil2d")
        rounds = 1 if quick else 2
        for _ in range(rounds):  # ours and Pencil2D take turns
            for fmt in ("gif", "mp4"):
                runs.setdefault(fmt, []).append(
                    measured(kadr_export(film600, work / f"f.{fmt}", "--no-flash-check")))
            if pencil:
                runtime = work / "runtime"
                runtime.mkdir(mode=0o700, exist_ok=True)
                runs.setdefault("pencil2d_mp4", []).append(measured(
                    ["timeout", "300", pencil, str(pclx), "-o", str(work / "p.mp4")],
                    {"XDG_RUNTIME_DIR": str(runtime)}, timeout=320))
        result["gif_600"] = best(runs["gif"])
        result["mp4_600"] = best(runs["mp4"])
        if pencil:
            result["pencil2d_mp4_600"] = best(runs["pencil2d_mp4"])
        for fmt in ("gif", "mp4"):
            size = (work / f"f.{fmt}").stat().st_size if (work / f"f.{fmt}").exists() else None
            result[f"{fmt}_600_bytes"] = size
        result["png_600"] = measured(kadr_export(film600, work / "seq.png", "--no-flash-check"))
        shutil.rmtree(work / "seq", ignore_errors=True)
        result["gif_memory"] = {
            str(n): measured(kadr_export(films[f"film{n}"], work / f"g{n}.gif",
                                         "--no-flash-check")) for n in (50, 150, 300, 600)}
        result["sheet_memory"] = {
            str(n): measured(kadr_export(films[f"film{n}"], work / f"s{n}.png", "--sheet",
                                         "--scale", "50", "--no-flash-check"))
            for n in (50, 150)}
        # import: our own .pclx, and the same keys as Pencil2D writes them (Qt's PNG
        # writer: libpng's filters and zlib's default level, ~2.5x slower to inflate)
        subprocess.run([PY, "-c", "import sys; from pathlib import Path; sys.path.insert(0, "
                        f"{str(ROOT / 'benchmarks')!r}); from pclx_import_bench import "
                        "qt_written; qt_written(Path(sys.argv[1]))", str(pclx)],
                       env=env(), cwd=ROOT, check=True, capture_output=True)
        for key, src in (("import_600", pclx),
                         ("import_600_qt_keys", work / "film600-qt-keys.pclx")):
            result[key] = median([measured([PY, "-c", IMPORT, str(src)]) for _ in range(3)])

        # -- the command line against the ffmpeg CLI, 100 x 640x480 ----------------------
        import imageio_ffmpeg

        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
        small = films["small100"]
        # Kadr as installed: its modules compiled (pip and the bundle do it; without this a
        # machine that never writes .pyc files compiles every changed module at each start)
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "app" / "kadr")],
                       check=True, capture_output=True)
        subprocess.run(kadr_export(small, work / "small.png", "--no-flash-check"),
                       env=env(), cwd=ROOT, check=True, capture_output=True)
        # a copy the studio has checked: its background flash check keeps a stamp in the
        # film (ui/flash_watch.py does this after every change), so export need not check
        checked = work / "checked.kadr"
        shutil.copyfile(small, checked)
        subprocess.run([PY, "-c", (
            "import sys\n"
            "from PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication(['kadr'])\n"
            "from kadr.core.store import ProjectStore, load\n"
            "from kadr.export import flash\n"
            "p = load(sys.argv[1]); s = ProjectStore.attach(p, sys.argv[1])\n"
            "f, u = flash.film_pictures(p), flash.grid_underlay(p)\n"
            "flash.record(s, f, u, flash.check_film(f, u)); s.close()\n"), str(checked)],
            env=env(), cwd=ROOT, check=True, capture_output=True)
        source = [ffmpeg, "-v", "error", "-y", "-framerate", "24", "-i",
                  str(work / "small" / "small_%04d.png")]
        # the same pictures as yuv420p, for the floor of an exporter in Python (no drawing)
        raw = work / "small.yuv"
        subprocess.run(source + ["-pix_fmt", "yuv420p", "-f", "rawvideo", str(raw)],
                       check=True, capture_output=True)
        sys.path.insert(0, str(ROOT / "app"))
        from kadr.export.mp4 import command as mp4_command

        floor = [PY, str(ROOT / "benchmarks" / "pipe_floor.py"), str(raw), "640", "480", "--",
                 *mp4_command(ffmpeg, (640, 480), 24, work / "floor.mp4", None, "yuv420p")]
        cases = {
            "kadr gif": kadr_export(small, work / "k.gif"),
            "kadr gif (no flash check)": kadr_export(small, work / "k.gif", "--no-flash-check"),
            "kadr gif (checked in the studio)": kadr_export(str(checked), work / "k.gif"),
            "ffmpeg gif": source + ["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse",
                                    str(work / "ff.gif")],
            "kadr mp4": kadr_export(small, work / "k.mp4"),
            "kadr mp4 (no flash check)": kadr_export(small, work / "k.mp4", "--no-flash-check"),
            "kadr mp4 (checked in the studio)": kadr_export(str(checked), work / "k.mp4"),
            "ffmpeg mp4": source + ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                                    "-pix_fmt", "yuv420p", "-colorspace", "smpte170m",
                                    "-color_range", "tv", "-movflags", "+faststart",
                                    str(work / "ff.mp4")],
            "python floor mp4": floor,
            "kadr drawing, ffmpeg first": [floor[0], floor[1], "--draw", small, *floor[3:]],
        }
        cli: dict[str, list[dict[str, float]]] = {k: [] for k in cases}
        for _ in range(3 if quick else 5):
            for name, cmd in cases.items():
                cli[name].append(measured(cmd))
        result["cli_100"] = {k: best(v) for k, v in cli.items()}

        # -- a batch of films in one process ---------------------------------------------
        batch = [str(p) for p in sorted(Path(films["library"]).glob("*.kadr"))[:10]]
        one = measured([PY, "-m", "kadr", "export", *batch, str(work / "batch"),
                        "--format", "gif", "--no-flash-check"])
        start = time.perf_counter()
        for k, src in enumerate(batch):
            measured(kadr_export(src, work / f"single{k}.gif", "--no-flash-check"))
        result["batch_10"] = {"one_process": one,
                              "separate_s": round(time.perf_counter() - start, 3)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["load_end"] = os.getloadavg()
    out_json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

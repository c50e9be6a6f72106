"""Export cost against film length: GIF and MP4 of the same 640x480 film cut to 50..600
pictures, through kadr.export.run_export (render + encode, on this thread); the faster of
two runs per length and format.

    python benchmarks/scaling_bench.py OUT.json N=FILM [N=FILM ...]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    films = {int(a.split("=")[0]): Path(a.split("=", 1)[1]) for a in argv[1:]}
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["kadr-bench"])  # noqa: F841
    result: dict[str, object] = {}
    try:
        from kadr.export import ExportOptions, run_export
    except Exception as error:  # the export package may not be there yet
        result["skipped"] = f"{type(error).__name__}: {error}"
        out.write_text(json.dumps(result), encoding="utf-8")
        return 0
    from kadr.core.store import load

    work = Path(tempfile.mkdtemp(prefix="kadr-bench-export-"))
    try:
        for n, film in sorted(films.items()):
            project = load(film)
            row: dict[str, float] = {}
            for fmt in ("gif", "mp4"):
                runs = []
                for _ in range(2):  # the faster of two: other work on the machine only adds
                    t0 = time.perf_counter()
                    run_export(project, work / f"f{n}.{fmt}", ExportOptions(format=fmt))
                    runs.append(time.perf_counter() - t0)
                row[fmt + "_s"] = min(runs)
                row[fmt + "_runs_s"] = runs  # type: ignore[assignment]
                row[fmt + "_bytes"] = (work / f"f{n}.{fmt}").stat().st_size
            result[str(n)] = row
            del project
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Build the benchmark films through Kadr's own tools, and save them with kadr.core.store.

Every picture is drawn the way a child's would be: a ball (ellipse outline) that moves, a
ground line across the paper and one freehand brush stroke through a ToolSession, so the
tiles, compression and file layout are the real ones. About 2 % of each 1920x1080 picture
is ink (``ink_percent`` measures it).

    python benchmarks/build.py OUTDIR      # builds everything run.py needs into OUTDIR
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BIG = (1920, 1080)
SMALL = (640, 480)
FILM_FRAMES = 600
SMALL_FRAMES = 100
SCALING_SIZES = (50, 150, 300, 600)
GALLERY_PROJECTS = 50
ONION = {"enabled": True, "before": 3, "after": 3}


def _app():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["kadr-bench"])


def draw_picture(project, index: int) -> None:  # type: ignore[no-untyped-def]
    """One picture of a bouncing ball with a ground line and a freehand stroke."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from kadr.core.paint import PenEvent, shape_on
    from kadr.core.tools import ToolSession, ToolState

    w, h = project.width, project.height
    k = w / 1920.0  # everything scales with the paper
    t = index / 24.0
    x = 100 * k + (index % 120) / 120 * (w - 460 * k)
    y = h * 0.62 - abs(math.sin(t * 2.2)) * h * 0.4
    img = project.image_to_edit(index, "drawing")
    area = shape_on(img, "ellipse", QPointF(x, y), QPointF(x + 200 * k, y + 200 * k),
                    QColor("#e6194b"), max(2.0, 12 * k))
    gy = h * 0.85 + 6 * k * math.sin(index / 7)
    area = area.united(shape_on(img, "line", QPointF(60 * k, gy), QPointF(w - 60 * k, gy),
                                QColor("#000000"), max(2.0, 8 * k)))
    project.commit_pixels(index, "drawing", img, area, "bench")
    # a freehand stroke (a little figure waving), through the real brush with stabiliser 0
    cx, cy = w * 0.68 + 40 * k * math.sin(index / 9), h * 0.45
    phase = index / 5.0
    pts = [(cx + 90 * k * math.cos(a / 9.0 + phase) * (0.6 + 0.4 * math.sin(a / 23.0)),
            cy + 160 * k * math.sin(a / 13.0)) for a in range(100)]
    session = ToolSession(project, index, ToolState(tool="brush", color="#4363d8",
                                                    size=max(2, round(16 * k)), stabiliser=0))
    session.press(PenEvent(*pts[0]))
    for p in pts[1:]:
        session.move(PenEvent(*p))
    session.release(PenEvent(*pts[-1]))


def build_film(frames: int, size: tuple[int, int], title: str = "bench"):  # type: ignore[no-untyped-def]
    """A project with ``frames`` drawn pictures, onion skin 3+3 on, 24 fps."""
    from kadr.core.onion import OnionSettings
    from kadr.core.project import blank_project

    _app()
    project = blank_project(size[0], size[1], title)
    for i in range(frames):
        if i:
            project.frames.append(project.new_frame())  # no undo step: faster to build
        draw_picture(project, i)
    project.undo_stack.clear()
    project.cache.clear()
    project.set_onion(OnionSettings().with_(**ONION))
    project.set_fps(24)
    return project


def truncated(project, frames: int):  # type: ignore[no-untyped-def]
    """The same film cut to its first ``frames`` pictures (shares the compressed tiles)."""
    from kadr.core.project import Project

    cut = Project(project.width, project.height, f"{project.title} {frames}")
    cut.settings = project.settings
    cut.frames = [f for f in project.frames[:frames]]
    return cut


def ink_percent(project, index: int) -> float:  # type: ignore[no-untyped-def]
    from kadr.core.fill import as_array

    alpha = as_array(project.image(index, "drawing"))[:, :, 3]
    return float((alpha > 0).mean() * 100)


def save(project, path: Path, thumbnail: bool = False) -> Path:  # type: ignore[no-untyped-def]
    from kadr.core.store import ProjectStore, save_copy

    save_copy(project, path)
    if thumbnail:
        from kadr.core.library import update_thumbnail

        store = ProjectStore(path)
        update_thumbnail(store, project)
        store.flush()
        store.close()
        _checkpoint(path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the -wal file back in, so a copy of the .kadr file alone is complete."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def make_library(folder: Path, source: Path, count: int = GALLERY_PROJECTS) -> Path:
    """``count`` films (copies of ``source`` with their own titles) in one library folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        dest = folder / f"Film {i + 1:02d}.kadr"
        shutil.copyfile(source, dest)
        con = sqlite3.connect(dest)
        try:
            with con:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (f"Film {i + 1}",))
        finally:
            con.close()
        os.utime(dest, (time.time() - i, time.time() - i))
    return folder


def build_all(out: Path) -> dict[str, object]:
    """Everything the benchmarks open; returns paths and facts (as JSON-able values)."""
    out.mkdir(parents=True, exist_ok=True)
    info: dict[str, object] = {}
    started = time.perf_counter()
    film = build_film(FILM_FRAMES, BIG, "Bench 600")
    info["build_big_s"] = round(time.perf_counter() - started, 2)
    info["ink_percent"] = round(sum(ink_percent(film, i) for i in (0, 150, 300, 450)) / 4, 2)
    info["tile_bytes_per_frame"] = round(
        sum(f.pictures["drawing"].ink_bytes() for f in film.frames) / FILM_FRAMES)
    film.cache.clear()
    info["film"] = str(save(film, out / "film600.kadr"))
    for n in SCALING_SIZES:
        path = out / f"film{n}.kadr"
        if n != FILM_FRAMES:
            save(truncated(film, n), path)
        info[f"film{n}"] = str(path)
    del film
    started = time.perf_counter()
    small = build_film(max(SCALING_SIZES), SMALL, "Bench small")
    info["build_small_s"] = round(time.perf_counter() - started, 2)
    for n in SCALING_SIZES:
        info[f"small{n}"] = str(save(truncated(small, n), out / f"small{n}.kadr"))
    hundred = truncated(small, SMALL_FRAMES)
    hundred.title = "Bench 100"
    info["small100"] = str(save(hundred, out / "small100.kadr", thumbnail=True))
    info["library"] = str(make_library(out / "library", Path(str(info["small100"]))))
    return info


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("/tmp/kadr-bench-build")
    info = build_all(out)
    (out / "build.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

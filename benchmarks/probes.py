"""Micro-measurements behind the fixes proposed in docs/performance.md.

Each probe times one piece of work the studio does now against the cheaper way proposed,
on a picture of the benchmark film, in this process (nothing in app/ is changed):

    python benchmarks/probes.py FILM.kadr [OUT.json]

  tint      onion ghost: full-size copy + SourceIn fill (Renderer.ghost now) against the
            same tint drawn at the canvas's display size (1366x768 window: ~0.36 scale)
  encode    commit: per touched tile image.copy + bytes + count(0) + zlib.compress(1)
            (Picture.diff now) against image.copy alone (the UI part if zlib moves off)
  decode    Picture.decode of a 1080p picture on the UI thread; the same in a worker
            thread while the UI thread paints (does the GIL let the UI go on?)
  file      bytes per picture of the same tiles in the current schema (WITHOUT ROWID,
            4096-byte pages), with page_size=1024, and as an ordinary rowid table; load time
  imports   fresh-interpreter import time of scipy.ndimage, kadr.core.fill, kadr.export
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DISPLAY_SCALE = 0.3625  # the canvas of a 1366x768 studio window showing 1920x1080


def _ms(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {"median": round(statistics.median(s), 3), "p95": round(s[int(0.95 * (len(s) - 1))], 3)}


def timed(fn, n: int = 20) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return _ms(out)


def probe_tint(image) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage, QPainter

    from kadr.core.picture import FORMAT

    def full() -> None:
        img = image.copy()
        p = QPainter(img)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        p.fillRect(img.rect(), QColor("#1f6fd1"))
        p.end()

    w, h = round(image.width() * DISPLAY_SCALE), round(image.height() * DISPLAY_SCALE)

    def display() -> None:
        img = QImage(w, h, FORMAT)
        img.fill(0)
        p = QPainter(img)
        p.scale(DISPLAY_SCALE, DISPLAY_SCALE)
        p.drawImage(0, 0, image)
        p.resetTransform()
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        p.fillRect(img.rect(), QColor("#1f6fd1"))
        p.end()

    return {"full_size_ms": timed(full), "display_size_ms": timed(display),
            "full_size_mb": round(image.sizeInBytes() / 2**20, 1),
            "display_size_mb": round(w * h * 4 / 2**20, 1)}


def probe_encode(project, index: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from kadr.core.picture import encode_tile, tile_rect

    picture = project.frames[index].pictures["drawing"]
    image = project.image_to_edit(index, "drawing")
    rects = [tile_rect(k, picture.width, picture.height) for k in list(picture.tiles)[:6]]
    return {"tiles": len(rects),
            "encode_now_ms": timed(lambda: [encode_tile(image, r) for r in rects]),
            "copy_only_ms": timed(lambda: [image.copy(r) for r in rects])}


def probe_decode(project) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage, QPainter

    pictures = [f.pictures["drawing"] for f in project.frames[:60]]
    ui = timed(lambda: pictures[0].decode())
    shown = pictures[1].decode()
    dst = QImage(696, 392, QImage.Format.Format_ARGB32_Premultiplied)

    def paint() -> None:
        p = QPainter(dst)
        p.scale(DISPLAY_SCALE, DISPLAY_SCALE)
        p.fillRect(0, 0, 1920, 1080, 0xFFFFFFFF)
        p.drawImage(0, 0, shown)
        p.end()

    alone = []
    for _ in range(150):
        t0 = time.perf_counter()
        paint()
        alone.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.002)
    stop = threading.Event()
    done = [0]

    def worker() -> None:
        i = 0
        while not stop.is_set():
            pictures[i % len(pictures)].decode()
            i += 1
        done[0] = i

    thread = threading.Thread(target=worker)
    thread.start()
    t_start = time.perf_counter()
    loaded = []
    for _ in range(150):
        t0 = time.perf_counter()
        paint()
        loaded.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.002)
    seconds = time.perf_counter() - t_start
    stop.set()
    thread.join()
    return {"decode_on_ui_thread_ms": ui, "ui_paint_alone_ms": _ms(alone),
            "ui_paint_while_worker_decodes_ms": _ms(loaded),
            "worker_decodes_per_s": round(done[0] / seconds, 1)}


def probe_file(film: Path) -> dict[str, object]:
    from kadr.core.store import load

    src = sqlite3.connect(film)
    rows = list(src.execute("SELECT * FROM tiles"))
    frames = src.execute("SELECT count(*) FROM frames").fetchone()[0]
    src.close()
    schema = ("CREATE TABLE tiles(frame_id INTEGER NOT NULL, layer TEXT NOT NULL, tx INTEGER NOT "
              "NULL, ty INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(frame_id, layer, tx, ty))")
    out: dict[str, object] = {"now_kb_per_picture": round(film.stat().st_size / frames / 1000, 1),
                              "blob_kb_per_picture": round(
                                  sum(len(r[4]) for r in rows) / frames / 1000, 1)}
    t0 = time.perf_counter()
    load(film)
    out["load_now_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    work = Path(tempfile.mkdtemp(prefix="kadr-probe-"))
    for name, page, suffix in (("page_1024", 1024, " WITHOUT ROWID"), ("rowid_table", 4096, "")):
        path = work / f"{name}.db"
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA page_size={page}")
        con.execute(schema + suffix)
        with con:
            con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?, ?)", rows)
        t0 = time.perf_counter()
        n = sum(1 for _ in con.execute("SELECT * FROM tiles"))
        read = (time.perf_counter() - t0) * 1000
        con.close()
        out[f"{name}_kb_per_picture"] = round(path.stat().st_size / frames / 1000, 1)
        out[f"{name}_read_all_tiles_ms"] = round(read, 1)
        assert n == len(rows)
        path.unlink()
    con = sqlite3.connect(film)
    t0 = time.perf_counter()
    sum(1 for _ in con.execute("SELECT * FROM tiles"))
    out["now_read_all_tiles_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    con.close()
    work.rmdir()
    return out


def probe_imports() -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"))
    out: dict[str, object] = {}
    for module in ("numpy", "scipy.ndimage", "kadr.core.fill", "kadr.export", "PySide6.QtWidgets"):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], env=env, check=True)
            times.append((time.perf_counter() - t0) * 1000)
        out[module] = round(statistics.median(times), 1)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    out["(bare interpreter)"] = round((time.perf_counter() - t0) * 1000, 1)
    return out


def main(argv: list[str]) -> int:
    film = Path(argv[0])
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["kadr-probe"])  # noqa: F841
    from kadr.core.store import load

    project = load(film)
    index = len(project.frames) // 2
    image = project.image_to_edit(index, "drawing")
    result = {"tint": probe_tint(image), "encode": probe_encode(project, index),
              "decode": probe_decode(project), "file": probe_file(film),
              "imports_ms": probe_imports()}
    text = json.dumps(result, indent=1)
    print(text)
    if len(argv) > 1:
        Path(argv[1]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""What-if runs behind the proposed fixes: the real studio, with one behaviour changed in
THIS process only (monkeypatched; nothing in app/ is edited), measured before and after.

    python benchmarks/experiments.py FILM600.kadr [OUT.json] [NAME ...]

  ghost_cache   next/previous sweeps over 8 visited pictures with the Renderer's ghost
                cache at 12 (now) and 32 entries: is the cost tinting, or painting?
  paint         one full canvas paint (paper + 6 ghosts + picture) with full-size images
                under the canvas transform (now) against display-size images
  decode_ahead  24 fps playback with Player's decode-ahead done on the UI thread (now)
                against the same decode submitted to a worker thread
  thumbnail     lifting the pen with Timeline._picture_changed drawing the thumbnail at
                once (now) against marking it for the strip's lazy thumbnail timer
  repaint       after the pen lifts: the whole canvas repainted (now) against only the area
                that changed (Canvas.finish and Canvas._on_picture_changed)
  cache_budget  memory after playing 300 pictures and turning 40 pages with the decoded
                picture cache at 24 (now) and 10 entries

Each experiment pauses the flash check and waits for the strip's lazy thumbnails first
(studio_bench.settle_background), so only the changed behaviour differs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import studio_bench as sb  # noqa: E402
from table import summary  # noqa: E402


def _s(values: list[float]) -> dict[str, float]:
    return {k: round(v, 3) for k, v in summary(values).items()}


def fresh_studio(film: Path, work: Path):  # type: ignore[no-untyped-def]
    path = work / f"{time.monotonic_ns()}.kadr"
    shutil.copyfile(film, path)
    studio, store, _times = sb.open_studio(path)
    studio.project.set_fps(24)
    sb.settle_background(studio)
    return studio, store


def sweep(studio, rounds: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    window = list(range(340, 348))
    for i in window + window[::-1]:
        sb.step(studio, i)
    return [sb.step(studio, i)[0] for _ in range(rounds)
            for i in window[1:] + window[::-1][1:]]


def exp_ghost_cache(film: Path, work: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for size in (12, 32):
        studio, store = fresh_studio(film, work)
        studio.renderer._ghost_max = size
        out[f"ghost_cache_{size}_step_ms"] = _s(sweep(studio))
        out[f"ghost_cache_{size}_rss_mb"] = round(sb.memory()["rss_mb"], 1)
        store.close()
        studio.deleteLater()
    return out


def exp_paint(film: Path) -> dict[str, object]:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform

    from kadr.core.store import load

    project = load(film)
    images = [project.frames[i].pictures["drawing"].decode() for i in range(340, 347)]
    scale = 0.4229  # the canvas of the 1366x768 studio window
    dst = QImage(828, 476, QImage.Format.Format_ARGB32_Premultiplied)
    small = [im.scaled(round(1920 * scale), round(1080 * scale)) for im in images]

    def full() -> None:
        p = QPainter(dst)
        p.setTransform(QTransform(scale, 0, 0, scale, 8, 8))
        area = QRect(0, 0, 1920, 1080)
        p.setClipRect(area)
        p.fillRect(area, QColor("white"))
        for k, im in enumerate(images):
            p.setOpacity(0.4 if k < 6 else 1.0)
            p.drawImage(area.topLeft(), im, area)
        p.end()

    def display() -> None:
        p = QPainter(dst)
        p.fillRect(dst.rect(), QColor("white"))
        for k, im in enumerate(small):
            p.setOpacity(0.4 if k < 6 else 1.0)
            p.drawImage(8, 8, im)
        p.end()

    def timed(fn) -> list[float]:  # type: ignore[no-untyped-def]
        out = []
        for _ in range(40):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
        return out

    return {"full_size_images_ms": _s(timed(full)), "display_size_images_ms": _s(timed(display))}


def exp_decode_ahead(film: Path, work: Path) -> dict[str, object]:
    from PySide6.QtCore import QObject, Signal

    out: dict[str, object] = {}
    for variant in ("ui_thread", "worker"):
        studio, store = fresh_studio(film, work)
        player, cache = studio.player, studio.project.cache
        if variant == "worker":
            pool = ThreadPoolExecutor(max_workers=1)
            inflight: set[int] = set()

            class Deliver(QObject):
                done = Signal(object)

            deliver = Deliver()

            def put(item: object, inflight=inflight, cache=cache) -> None:  # type: ignore[no-untyped-def]
                picture, version, image = item  # type: ignore[misc]
                inflight.discard(picture.uid)
                if picture.version == version:
                    cache.put(picture, image)

            deliver.done.connect(put)

            def ahead(picture, inflight=inflight, cache=cache, pool=pool,  # type: ignore[no-untyped-def]
                      deliver=deliver):
                if not cache.has(picture) and picture.uid not in inflight:
                    inflight.add(picture.uid)
                    version = picture.version
                    future = pool.submit(picture.decode)
                    future.add_done_callback(
                        lambda f, p=picture, v=version: deliver.done.emit((p, v, f.result())))
                return None

            original = player._tick

            def tick(original=original, cache=cache, ahead=ahead) -> None:  # type: ignore[no-untyped-def]
                cache.image = ahead  # only the Player's decode-ahead goes to the worker
                try:
                    original()
                finally:
                    del cache.image

            # the timer must call the patched tick (studio_bench.play re-wires it)
            player.timer.timeout.disconnect(original)
            player._tick = tick  # type: ignore[method-assign]
            player.timer.timeout.connect(tick)
        result = sb.play(studio, 200, 0)
        late = sum(1 for g in result["gaps"] if g > 1000 / 24 + 5)  # type: ignore[union-attr]
        out[variant] = {"tick_paint_ms": _s(result["cost"]), "late": late}  # type: ignore[arg-type]
        store.close()
        studio.deleteLater()
    return out


def exp_thumbnail(film: Path, work: Path) -> dict[str, object]:
    from kadr.ui.timeline import Timeline

    out: dict[str, object] = {}
    for variant in ("now", "deferred"):
        studio, store = fresh_studio(film, work)
        timeline = studio.timeline
        if variant == "deferred" and hasattr(timeline, "_missing"):
            project = studio.project
            project.picture_changed.disconnect(timeline._picture_changed)

            def later(frame_id: int, layer: str, rect: object, t: Timeline = timeline) -> None:
                t._missing.add(frame_id)  # drawn by the lazy thumbnail timer
                t._thumb_timer.start()

            project.picture_changed.connect(later)
        studio.go_to(344)
        sb.app().processEvents()
        strokes = sb.draw_strokes(studio, store, 12, 60)
        out[variant] = {"release_ms": _s(strokes["release"]),
                        "after_release_ms": _s(strokes["after_release"])}
        store.close()
        studio.deleteLater()
    return out


def exp_repaint(film: Path, work: Path) -> dict[str, object]:
    """Canvas.finish and Canvas._on_picture_changed repaint the whole canvas now; the
    variant repaints only the area that changed (and nothing for pictures not shown)."""
    out: dict[str, object] = {}
    for variant in ("now", "area_only"):
        studio, store = fresh_studio(film, work)
        canvas, project = studio.canvas, studio.project
        if variant == "area_only":
            def finish(e, c=canvas) -> None:  # type: ignore[no-untyped-def]
                s, c.session = c.session, None
                if s is None:
                    return
                area = s.release(e)
                if s.picked:
                    c.color_picked.emit(s.picked)
                else:
                    c.edited.emit()
                if not area.isEmpty():
                    c.update(c.to_widget(area))

            canvas.finish = finish  # type: ignore[method-assign]
            project.picture_changed.disconnect(canvas._on_picture_changed)

            def changed(frame_id: int, layer: str, rect, c=canvas, p=project) -> None:  # type: ignore[no-untyped-def]
                from kadr.core.onion import ghost_plan

                near = {p.frames[g.index].id for g in ghost_plan(
                    p.settings.onion, c.index, len(p.frames), c.playing)}
                near.add(p.frames[c.index].id)
                # an empty area comes from a stroke already on screen (shown while its
                # tiles are packed): nothing to repaint; otherwise only that area
                if frame_id in near and not rect.isEmpty():
                    c.update(c.to_widget(rect))
                c._state_changed()

            project.picture_changed.connect(changed)
        studio.go_to(344)
        sb.app().processEvents()
        strokes = sb.draw_strokes(studio, store, 12, 60)
        gaps = sb.gap_run(studio, 6, 60)
        out[variant] = {"release_ms": _s(strokes["release"]),
                        "after_release_ms": _s(strokes["after_release"]),
                        "longest_10ms_timer_gap_ms": round(gaps["longest_gap_ms"], 1)}  # type: ignore[arg-type]
        store.close()
        studio.deleteLater()
    return out


def exp_cache_budget(film: Path, work: Path, size: int) -> dict[str, object]:
    studio, store = fresh_studio(film, work)
    studio.project.cache.max_items = size
    sb.play(studio, 300, 0)
    for i in range(320, 360):
        sb.step(studio, i)
    out = {"rss_mb": round(sb.memory()["rss_mb"], 1), "visited_step_ms": _s(sweep(studio, 2))}
    store.close()
    return out


def main(argv: list[str]) -> int:
    film, out_path, only = Path(argv[0]), (Path(argv[1]) if len(argv) > 1 else None), argv[2:]
    sb.prepare()
    work = Path(tempfile.mkdtemp(prefix="kadr-exp-"))
    result: dict[str, object] = {}
    try:
        if only and only[0].startswith("cache_budget="):  # one size, in its own process
            result = exp_cache_budget(film, work, int(only[0].split("=")[1]))
        else:
            for name, fn in (("paint", lambda: exp_paint(film)),
                             ("ghost_cache", lambda: exp_ghost_cache(film, work)),
                             ("decode_ahead", lambda: exp_decode_ahead(film, work)),
                             ("thumbnail", lambda: exp_thumbnail(film, work)),
                             ("repaint", lambda: exp_repaint(film, work))):
                if only and name not in only:
                    continue
                t0 = time.perf_counter()
                try:
                    result[name] = fn()
                except Exception as error:  # an experiment may not fit the code any more
                    result[name] = {"error": f"{type(error).__name__}: {error}"}
                print(f"{name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            if not only or "cache_budget" in only:
                budget: dict[str, object] = {}
                for size in (24, 10):  # memory: each size in a fresh process
                    tmp = work / f"budget{size}.json"
                    subprocess.run([sys.executable, __file__, str(film), str(tmp),
                                    f"cache_budget={size}"], capture_output=True, timeout=300)
                    budget[f"cache_{size}"] = (json.loads(tmp.read_text()) if tmp.exists()
                                               else {"error": "no result"})
                result["cache_budget"] = budget
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(result, indent=1)
    if out_path is not None:
        out_path.write_text(text, encoding="utf-8")
    print(text)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

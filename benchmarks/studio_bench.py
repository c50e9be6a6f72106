"""The real studio, offscreen, driven by QTest input; timed with perf_counter in-process.

Run by run.py, one fresh process per mode (so memory and caches start clean):

    python benchmarks/studio_bench.py open FILM OUT.json [--play]   open (+ play-through)
    python benchmarks/studio_bench.py session FILM OUT.json [--quick] [--steady]
                                                                     everything interactive
    python benchmarks/studio_bench.py gallery LIBRARY OUT.json [FILM]

What each number is (all in milliseconds, one sample per event unless said):
  open      kadr.core.store.load + ProjectStore.attach + Studio(...) + show() and the first
            processEvents() that paints the canvas (checked with an event filter).
  play      one Player tick (its _tick: emits the frame, decodes the next picture ahead) and
            canvas.repaint() of the whole canvas; the gap between ticks for lateness.
  step      studio.go_to(i) + canvas.repaint() (the rest of the window's repaint, done by the
            following processEvents(), is recorded separately as "rest").
  move      QTest.mouseMove(canvas, p) + app.processEvents(): the stroke segment painted
            into the picture and the dirty region repainted and flushed.
  release   QTest.mouseRelease(canvas, ...) alone: the UI-thread cost of the commit.
  disk      from just before mouseRelease to ProjectStore.flush() returning (the event
            loop runs meanwhile, so tiles packed on a worker reach the store).
--steady (attribution only): the FlashWatch's background checks are paused and the
strip's lazy thumbnails are left to finish before anything is measured.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WINDOW = (1366, 768)  # a school laptop's screen
LEFT = Qt.MouseButton.LeftButton
NOMOD = Qt.KeyboardModifier.NoModifier
now = time.perf_counter


def ms(seconds: float) -> float:
    return seconds * 1000.0


def memory() -> dict[str, float]:
    """VmRSS and VmHWM (peak) of this process, in MB."""
    out = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024.0
    return {"rss_mb": out.get("VmRSS", math.nan), "hwm_mb": out.get("VmHWM", math.nan)}


class PaintSpy(QObject):
    """Counts paint events a widget receives."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def app() -> QApplication:
    a = QApplication.instance() or QApplication(["kadr-bench"])
    return a  # type: ignore[return-value]


def prepare() -> None:
    """Imports and Qt set-up that every real start does before a film is opened."""
    app()
    from kadr import i18n
    from kadr.ui import canvas_words

    canvas_words.install()
    i18n.set_language("en")
    import kadr.core.store  # noqa: F401
    import kadr.ui.studio  # noqa: F401


def open_studio(path: Path) -> tuple[object, object, dict[str, float]]:
    """Open like MainWindow.open_project does; returns (studio, store, times in ms)."""
    from kadr.core.store import ProjectStore, load
    from kadr.core.undo_memory import UndoKeeper, restore
    from kadr.settings import Settings
    from kadr.ui.studio import Studio

    a = app()
    t0 = now()
    project = load(path)
    t1 = now()
    store = ProjectStore.attach(project, path)
    # its undo steps, as FilmSession.open takes them back and keeps them
    project.undo_keeper = UndoKeeper(project, store, restore(project, path))
    studio = Studio(project, Settings())
    t2 = now()
    studio.resize(*WINDOW)
    spy = PaintSpy(studio.canvas)
    studio.show()
    a.processEvents()
    if spy.count == 0:  # not painted yet: paint now, as the next event would
        studio.canvas.repaint()
    t3 = now()
    times = {"load": ms(t1 - t0), "studio": ms(t2 - t1), "first_paint": ms(t3 - t2),
             "total": ms(t3 - t0), "painted_by_event_loop": float(spy.count > 0)}
    return studio, store, times


def flash_checking(studio) -> bool:  # type: ignore[no-untyped-def]
    """A flash check is running now (not paused while playing or drawing)."""
    watch = getattr(studio, "flash_watch", None)
    if watch is not None and hasattr(watch, "is_checking"):
        return bool(watch.is_checking())
    return any(t.name.startswith("kadr-flash") for t in threading.enumerate())


def canvas_point(studio, x: float, y: float):  # type: ignore[no-untyped-def]
    return studio.canvas.transform().map(QPointF(x, y)).toPoint()


# -- playback ------------------------------------------------------------------------------
def play(studio, ticks: int, start: int = 0) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Real timer-driven playback; each tick timed with the canvas repaint it causes."""
    from PySide6.QtCore import QEventLoop

    player, canvas = studio.player, studio.canvas
    cost: list[float] = []
    starts: list[float] = []
    busy: list[str] = []  # background work alive at each tick (outside the timed part)
    thumbs = getattr(studio.timeline, "_thumb_timer", None)
    loop = QEventLoop()
    player.timer.timeout.disconnect(player._tick)

    def tick() -> None:
        t0 = now()
        player._tick()
        canvas.repaint()
        t1 = now()
        starts.append(t0)
        cost.append(ms(t1 - t0))
        flags = "F" if flash_checking(studio) else ""
        # the strip's timer runs but draws nothing while the film plays (Timeline.busy)
        idle = getattr(studio.timeline, "busy", lambda: False)
        flags += "T" if thumbs is not None and thumbs.isActive() and not idle() else ""
        busy.append(flags)
        if len(starts) >= ticks:
            player.stop()
            loop.quit()

    player.timer.timeout.connect(tick)
    player.play(start)  # its first tick runs inside play(), untimed
    loop.exec()
    player.timer.timeout.disconnect(tick)
    player.timer.timeout.connect(player._tick)
    gaps = [ms(b - a) for a, b in zip(starts, starts[1:])]
    return {"cost": cost, "gaps": gaps, "interval_ms": player.timer.interval(),
            "fps": studio.project.settings.fps, "busy": busy}


def play_through(studio) -> list[float]:  # type: ignore[no-untyped-def]
    """Every picture once, as fast as possible: Player._tick + canvas.repaint per picture.

    The Player is started for real, then its timer is stopped and its ticks are called
    directly (is_playing answers True, so the studio takes the playing path).
    """
    player, canvas = studio.player, studio.canvas
    studio.project.settings.play_mode = "once"
    player.play(0)
    player.timer.stop()
    player.is_playing = lambda: True  # type: ignore[method-assign]
    cost = []
    for _ in range(len(studio.project.frames) - 1):
        t0 = now()
        player._tick()
        canvas.repaint()
        cost.append(ms(now() - t0))
    del player.is_playing
    player.stop()
    return cost


# -- turning pages -------------------------------------------------------------------------
def step(studio, index: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    a = app()
    t0 = now()
    studio.go_to(index)
    studio.canvas.repaint()
    t1 = now()
    a.processEvents()
    t2 = now()
    return ms(t1 - t0), ms(t2 - t1)


# -- strokes -------------------------------------------------------------------------------
def stroke_points(k: int, w: int, h: int, moves: int) -> list[tuple[float, float]]:
    """A wavy stroke in canvas coordinates, a different place for each ``k``."""
    cx = w * (0.2 + 0.6 * ((k * 0.37) % 1.0))
    cy = h * (0.2 + 0.6 * ((k * 0.61) % 1.0))
    length = min(w, h) * 0.45
    pts = []
    for i in range(moves + 1):
        u = i / moves
        pts.append((cx - length / 2 + length * u,
                    cy + 0.12 * h * math.sin(u * 2 * math.pi * 1.5 + k)))
    return pts


def packing(project) -> bool:  # type: ignore[no-untyped-def]
    """True while finished strokes are still being packed on a worker (if Kadr does that)."""
    packer = getattr(project, "packer", None)
    return bool(packer is not None and packer.busy())


def draw_strokes(studio, store, count: int, moves: int) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """``count`` strokes of ``moves`` pointer moves each, on the current picture.

    After each release the event loop runs (in short processEvents() turns, 0.5 ms apart)
    until the stroke's tiles are packed and handed to the store; then store.flush().
    "after_release" is the UI-thread time spent in those turns (delivering the packed
    tiles, repainting, the strip's thumbnail), "disk" the wall time from the release to
    flush() returning.
    """
    a = app()
    canvas, p = studio.canvas, studio.project
    out: dict[str, list] = {"press": [], "move": [], "release": [], "disk": [],  # type: ignore[type-arg]
                            "after_release": [], "threads": []}
    for k in range(count):
        pts = [canvas_point(studio, x, y) for x, y in stroke_points(k, p.width, p.height, moves)]
        t0 = now()
        QTest.mousePress(canvas, LEFT, NOMOD, pts[0])
        out["press"].append(ms(now() - t0))
        a.processEvents()
        for pt in pts[1:]:
            t0 = now()
            QTest.mouseMove(canvas, pt)
            a.processEvents()
            out["move"].append(ms(now() - t0))
        t0 = now()
        QTest.mouseRelease(canvas, LEFT, NOMOD, pts[-1])
        t1 = now()
        busy = 0.0
        while True:
            t2 = now()
            a.processEvents()
            busy += now() - t2
            if not packing(p) or now() - t0 > 10:
                break
            time.sleep(0.0005)
        ok = store.flush(10.0)
        t3 = now()
        out["release"].append(ms(t1 - t0))
        out["disk"].append(ms(t3 - t0) if ok else math.inf)
        out["after_release"].append(ms(busy))
        out["threads"].append(",".join(sorted(
            t.name for t in threading.enumerate()
            if t.name.startswith("kadr-export")
            or (t.name.startswith("kadr-flash") and flash_checking(studio)))))
    return out


def gap_run(studio, strokes: int, moves: int, period_ms: int = 8) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Strokes fed by a timer (a pen at 125 Hz) while a 10 ms timer records its gaps."""
    from PySide6.QtCore import QEventLoop

    canvas, p = studio.canvas, studio.project
    loop = QEventLoop()
    beats: list[float] = []
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(10)
    beat.timeout.connect(lambda: beats.append(now()))
    script: list[tuple[str, object]] = []
    for k in range(strokes):
        pts = stroke_points(k + 100, p.width, p.height, moves)
        script.append(("press", pts[0]))
        script += [("move", q) for q in pts[1:]]
        script.append(("release", pts[-1]))
        script += [("wait", None)] * 10
    releases: list[float] = []
    feeder = QTimer()
    feeder.setTimerType(Qt.TimerType.PreciseTimer)
    feeder.setInterval(period_ms)
    position = iter(script)

    def feed() -> None:
        item = next(position, None)
        if item is None:
            feeder.stop()
            loop.quit()
            return
        kind, q = item
        if kind == "wait":
            return
        pt = canvas_point(studio, *q)  # type: ignore[misc]
        if kind == "press":
            QTest.mousePress(canvas, LEFT, NOMOD, pt)
        elif kind == "move":
            QTest.mouseMove(canvas, pt)
        else:
            t0 = now()
            QTest.mouseRelease(canvas, LEFT, NOMOD, pt)
            releases.append(ms(now() - t0))

    feeder.timeout.connect(feed)
    beat.start()
    feeder.start()
    t0 = now()
    loop.exec()
    seconds = now() - t0
    beat.stop()
    gaps = [ms(b - a) for a, b in zip(beats, beats[1:])]
    return {"gaps": gaps, "longest_gap_ms": max(gaps) if gaps else math.nan,
            "release": releases, "seconds": seconds}


def background_load(studio, work: Path) -> tuple[dict[str, object], object]:  # type: ignore[no-untyped-def]
    """Start an export job and speech (null sink); returns (notes, stop function)."""
    notes: dict[str, object] = {}
    stoppers = []
    try:
        from kadr.export import ExportOptions, start_export

        t0 = now()
        job = start_export(studio.project, work / "background.mp4", ExportOptions(format="mp4"))
        notes["export_start_ui_ms"] = ms(now() - t0)
        progress: list[int] = []
        job.progress.connect(lambda done, total: progress.append(done))

        def stop_export() -> None:
            notes["export_frames_done"] = max(progress) if progress else 0
            notes["export_still_running"] = job.wait(0) is False
            job.cancel()
            job.wait(30)

        stoppers.append(stop_export)
        notes["export"] = "running (MP4 of the open film)"
    except Exception as error:  # the API may not be there yet
        notes["export"] = f"skipped: {type(error).__name__}: {error}"
    try:
        from kadr.speech import SpeechService

        service = SpeechService(enabled=True, engine_env={"KADR_SPEECH_SINK": "null"})
        said: list[str] = []
        text = ("Picture twelve of six hundred. The ball goes up and the ball comes down. "
                "Draw the next picture a little further along.")
        service.finished.connect(lambda _t: (said.append(_t), service.say(text, "after")))
        unavailable: list[str] = []
        service.unavailable.connect(unavailable.append)
        service.say(text)

        def stop_speech() -> None:
            notes["speech_utterances_finished"] = len(said)
            notes["speech_unavailable"] = unavailable[0] if unavailable else ""
            service.stop()
            service.shutdown()

        stoppers.append(stop_speech)
        notes["speech"] = "running (null sink)"
    except Exception as error:
        notes["speech"] = f"skipped: {type(error).__name__}: {error}"

    def stop() -> None:
        for fn in stoppers:
            fn()

    return notes, stop


# -- modes ---------------------------------------------------------------------------------
def mode_open(film: Path, out: Path, playthrough: bool) -> dict[str, object]:
    prepare()
    work = Path(tempfile.mkdtemp(prefix="kadr-bench-open-"))
    try:
        path = work / film.name
        shutil.copyfile(film, path)
        studio, store, times = open_studio(path)
        result: dict[str, object] = {"open": times, "frames": len(studio.project.frames),
                                     "memory_after_open": memory()}
        if playthrough:
            result["play_through"] = play_through(studio)
            result["memory_after_play"] = memory()
        store.close()  # type: ignore[attr-defined]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def settle_background(studio) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """For attribution only: stop the flash watch's checks and let lazy thumbnails finish.

    Nothing in app/ changes: the studio's own FlashWatch timer is stopped and disconnected
    (if there is one), then the event loop runs until the strip's thumbnail timer is idle.
    """
    a = app()
    notes: dict[str, object] = {}
    watch = getattr(studio, "flash_watch", None)
    timer = getattr(watch, "_timer", None)
    if timer is not None:
        timer.stop()
        timer.timeout.disconnect()
        notes["flash_watch"] = "paused"
    thumbs = getattr(studio.timeline, "_thumb_timer", None)
    t0 = now()
    while thumbs is not None and thumbs.isActive() and now() - t0 < 30:
        a.processEvents()
    notes["waited_for_thumbnails_ms"] = ms(now() - t0)
    while any(t.name.startswith("kadr-flash") for t in threading.enumerate()) and now() - t0 < 60:
        a.processEvents()
        time.sleep(0.01)
    return notes


def mode_session(film: Path, out: Path, quick: bool, steady: bool = False) -> dict[str, object]:
    prepare()
    a = app()
    work = Path(tempfile.mkdtemp(prefix="kadr-bench-session-"))
    result: dict[str, object] = {}
    try:
        path = work / film.name
        shutil.copyfile(film, path)
        studio, store, times = open_studio(path)
        project = studio.project
        result["open"] = times
        result["memory_after_open"] = memory()
        project.set_onion(project.settings.onion.with_(enabled=True, before=3, after=3))
        project.set_fps(24)
        a.processEvents()
        if steady:
            result["steady"] = settle_background(studio)
        n = len(project.frames)

        # 1. playback, 300 ticks at 24 fps from the first picture
        ticks = 120 if quick else 300
        result["threads_at_play"] = sorted(t.name for t in threading.enumerate())
        result["play"] = play(studio, ticks, 0)
        result["threads_after_play"] = sorted(t.name for t in threading.enumerate())
        a.processEvents()
        result["memory_after_play"] = memory()

        # 2. next picture, never decoded before (beyond where playback went)
        base = min(ticks + 20, n - 80)
        step(studio, base)
        fresh = [step(studio, i) for i in range(base + 1, base + (30 if quick else 60))]
        result["step_fresh"] = [f[0] for f in fresh]
        result["step_fresh_rest"] = [f[1] for f in fresh]
        # a far jump (a click on a thumbnail): the picture and its 6 ghosts are all new
        far = [i for i in range(base + 80, n - 4, 15)][: (6 if quick else 12)]
        result["jump_fresh"] = [step(studio, i)[0] for i in far]
        # 3. next/previous among pictures already visited (a sweep back and forth)
        window = list(range(base + 20, base + 28))
        for i in window + window[::-1]:
            step(studio, i)
        visited = []
        for _ in range(2 if quick else 4):
            for i in window[1:] + window[::-1][1:]:
                visited.append(step(studio, i))
        result["step_visited"] = [v[0] for v in visited]
        result["step_visited_rest"] = [v[1] for v in visited]

        # 4. strokes: every pointer move, every release, time to disk
        studio.go_to(base + 24)
        a.processEvents()
        strokes = draw_strokes(studio, store, 8 if quick else 24, 80)
        result["strokes"] = strokes

        # 4b. a child pauses for 2 s (as children do), then draws again: whatever Kadr
        # starts in the background after a change is running now
        t0 = now()
        while now() - t0 < 2.0:
            a.processEvents()
            time.sleep(0.005)
        result["threads_after_pause"] = sorted(t.name for t in threading.enumerate())
        result["strokes_after_pause"] = draw_strokes(studio, store, 4 if quick else 8, 80)

        # 5. the UI's longest pause while strokes are committed, alone and with export+speech
        result["gap_alone"] = gap_run(studio, 3 if quick else 6, 60)
        notes, stop = background_load(studio, work)
        result["gap_loaded"] = gap_run(studio, 3 if quick else 6, 60)
        stop()
        result["gap_loaded_notes"] = notes
        a.processEvents()
        result["memory_end"] = memory()
        store.close()  # type: ignore[attr-defined]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def mode_gallery(library: Path, out: Path, film: Path | None) -> dict[str, object]:
    prepare()
    a = app()
    from kadr.core.library import Library
    from kadr.ui.gallery import GalleryView

    times = []
    for _ in range(3):
        t0 = now()
        view = GalleryView(Library(library))
        view.resize(*WINDOW)
        view.show()
        a.processEvents()
        times.append(ms(now() - t0))
        view.close()
        view.deleteLater()
        a.processEvents()
    result: dict[str, object] = {"gallery": times,
                                 "projects": len(list(library.glob("*.kadr")))}
    if film is not None:  # one long film in a gallery: its entry reads (and checks) it
        entry = []
        for _ in range(3):
            t0 = now()
            Library(library).entry(film)
            entry.append(ms(now() - t0))
        result["entry_big_film"] = entry
    return result


def main(argv: list[str]) -> int:
    mode, target, out = argv[0], Path(argv[1]), Path(argv[2])
    flags = argv[3:]
    if mode == "open":
        result = mode_open(target, out, "--play" in flags)
    elif mode == "session":
        result = mode_session(target, out, "--quick" in flags, "--steady" in flags)
    elif mode == "gallery":
        extra = [f for f in flags if not f.startswith("--")]
        result = mode_gallery(target, out, Path(extra[0]) if extra else None)
    else:
        raise SystemExit(f"unknown mode {mode}")
    out.write_text(json.dumps(result), encoding="utf-8")
    os._exit(0)  # skip Qt's and the threads' slow tear-down; the numbers are written


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

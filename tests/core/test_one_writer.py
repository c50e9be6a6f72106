"""One writer per film, tried with real processes: a second Kadr on the same film is refused
in plain words while the first draws (two windows lost 131 of 339 strokes, silently), and
a holder killed with SIGKILL leaves no lock behind."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from kadr.core.project import blank_project
from kadr.core.session import FilmLock
from kadr.core.store import check_file, load, save_copy

APP = Path(__file__).resolve().parents[2] / "app"

# Opens the film and draws strokes in its own column: one process per column, until it
# has drawn COUNT or the file STOP exists. Prints "open", then "kept N" after each stroke N
# is on disk, "closed True" when all was kept; "refused <words>" if it may not open.
DRAWER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from kadr.core.paint import PenEvent
    from kadr.core.session import FilmInUse, FilmSession
    from kadr.core.tools import ToolSession, ToolState
    column, count, stop = int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    try:
        session = FilmSession.open(Path(sys.argv[1]))
    except FilmInUse as error:
        print("refused", error, flush=True)
        sys.exit(3)
    print("open", flush=True)
    for i in range(count):
        if stop.exists():
            break
        pen = ToolSession(session.project, 0, ToolState(size=4, stabiliser=0))
        pen.soon = True
        x, y = 20 + column * 200 + (i % 8) * 20, 10 + (i // 8 % 38) * 12
        pen.press(PenEvent(x, y))
        pen.release(PenEvent(x + 10, y))
        if session.flush():
            print("kept", i, flush=True)
    print("closed", session.close().kept, flush=True)
""")


def spot(column: int, i: int) -> tuple[int, int]:
    return 20 + column * 200 + (i % 8) * 20 + 5, 10 + (i // 8 % 38) * 12


class Drawer:
    """A real Kadr process drawing on the film."""

    def __init__(self, film: Path, column: int, count: int) -> None:
        self.stop = film.with_name(f"stop-{column}")
        env = dict(os.environ, PYTHONPATH=str(APP), QT_QPA_PLATFORM="offscreen")
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRAWER, str(film), str(column), str(count), str(self.stop)],
            env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.kept: list[int] = []
        assert self.process.stdout is not None
        out = self.process.stdout
        threading.Thread(target=lambda: [self.lines.put(x.strip()) for x in out],
                         daemon=True).start()

    def next_line(self, timeout: float = 30) -> str:
        line = self.lines.get(timeout=timeout)
        if line.startswith("kept"):
            self.kept.append(int(line.split()[1]))
        return line

    def wait_for(self, word: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.next_line(max(0.1, deadline - time.monotonic()))
            if line.startswith(word):
                return line
        raise AssertionError(f"no {word!r}")

    def finish(self) -> None:
        self.process.wait(60)
        while not self.lines.empty():
            self.next_line()


def strokes_on(film: Path, column: int, numbers: list[int]) -> list[int]:
    image = load(film).image(0)
    return [i for i in numbers if image.pixelColor(*spot(column, i)).alpha() == 0]


def test_a_second_kadr_is_refused_while_the_first_draws(qapp, tmp_path):
    film = tmp_path / "ball.kadr"
    save_copy(blank_project(640, 480, "Ball"), film)
    first = Drawer(film, 0, 10_000)
    assert first.wait_for("open") == "open"
    first.wait_for("kept")  # drawing now
    second = Drawer(film, 1, 100)
    refused = second.wait_for("refused")
    second.finish()
    assert second.process.returncode == 3
    assert "open in another Kadr window" in refused
    first.stop.touch()
    assert first.wait_for("closed") == "closed True"
    first.finish()
    drawn = max(first.kept) + 1
    assert first.process.returncode == 0 and first.kept == list(range(drawn))
    assert strokes_on(film, 0, first.kept) == []  # not one stroke missing


def test_a_killed_holder_leaves_no_lock_and_nothing_is_lost(qapp, tmp_path):
    """The first Kadr is killed with SIGKILL mid-drawing: the OS lets go of its lock, the
    next Kadr opens the film at once, and every stroke either one kept is there."""
    film = tmp_path / "ball.kadr"
    save_copy(blank_project(640, 480, "Ball"), film)
    first = Drawer(film, 0, 10_000)
    first.wait_for("open")
    while len(first.kept) < 30:
        first.next_line()
    first.process.send_signal(signal.SIGKILL)
    first.finish()
    assert first.process.returncode == -signal.SIGKILL
    assert film.with_name("ball.kadr.lock").exists()  # the file stays; its lock is gone
    check_file(film)
    second = Drawer(film, 1, 40)
    assert second.wait_for("open") == "open"
    assert second.wait_for("closed") == "closed True"
    second.finish()
    assert strokes_on(film, 0, first.kept) == []
    assert strokes_on(film, 1, list(range(40))) == []
    assert not film.with_name("ball.kadr.lock").exists()


def test_the_lock_refuses_a_second_holder_in_one_process(tmp_path):
    film = tmp_path / "ball.kadr"
    first, second = FilmLock(film), FilmLock(film)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
    assert not first.path.exists()

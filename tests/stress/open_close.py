"""Open and close a film many times in one studio while its background work runs.

Run as a child process by tests/stress (a crash then fails a test instead of ending the
test run):  python open_close.py FILM LIBRARY CYCLES [--unwatched] [--import-pclx]

Each cycle opens FILM, lets the strip draw its thumbnails, draws a stroke with the mouse,
plays a little, lets the flash check run, then closes the film: background threads are
busy at every close. Every call into PySide made by a thread other than the UI thread is
recorded with a profiler hook (left out with --unwatched, which keeps the timing of a
real start). With --import-pclx, FILM is first exported as a Pencil2D file (before the
hook is set, so the export's threads are not the ones seen) and every tenth cycle the
gallery imports it, its keys decoded on the pool. The last line printed is JSON:
{"cycles": N, "threads": [names], "qt_calls_off_ui_thread": {"thread": ["QImage.copy"]},
 "imported": N}.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections import defaultdict
from pathlib import Path

OFF_UI: dict[str, set[str]] = defaultdict(set)
THREADS: set[str] = set()  # the threads that ran at all (proof the work happened)


def _thread_name() -> str | None:
    # not current_thread(): during a thread's own clean-up it makes a "Dummy" thread
    thread = threading._active.get(threading.get_ident())  # noqa: SLF001
    return None if thread is None else thread.name.rsplit("_", 1)[0]  # "kadr-thumbs_0"


def _watch(frame: object, event: str, arg: object) -> None:
    name = _thread_name()
    if name is None:
        return
    if event == "call":
        THREADS.add(name)
    if event != "c_call":
        return
    owner = getattr(arg, "__self__", None)
    module = type(owner).__module__ if owner is not None else getattr(arg, "__module__", "")
    if module and module.split(".")[0] in ("PySide6", "shiboken6", "Shiboken"):
        if threading.get_ident() != threading.main_thread().ident:
            OFF_UI[name].add(getattr(arg, "__qualname__", repr(arg)))


def _pencil2d_copy(film: Path) -> Path:
    """FILM as a .pclx beside its library (QApplication made first: export paints)."""
    from PySide6.QtWidgets import QApplication

    from kadr.core.store import load
    from kadr.export import ExportOptions, run_export

    _app = QApplication.instance() or QApplication(["kadr"])
    return run_export(load(film), film.parent.parent / "ball.pclx", ExportOptions())


def main() -> int:
    film, library, cycles = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pencil = _pencil2d_copy(film) if "--import-pclx" in sys.argv else None
    imported = 0
    if "--unwatched" not in sys.argv:
        threading.setprofile(_watch)  # every thread started from now on
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kadr.core.library import Library
    from kadr.settings import Settings
    from kadr.ui import canvas_words
    from kadr.ui.main_window import MainWindow

    canvas_words.install()
    app = QApplication.instance() or QApplication(["kadr"])
    window = MainWindow(Settings(language="en"), Library(library), None)
    window.resize(1280, 800)
    window.show()
    for n in range(cycles):
        assert window.open_project(film), "the film did not open"
        studio = window.studio
        assert studio is not None
        QTest.qWait(5 + n % 7 * 5)  # close at many different moments
        canvas = studio.canvas
        centre = canvas.rect().center()
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         centre)
        for step in range(1, 6):
            QTest.mouseMove(canvas, centre + QPoint(8 * step, 4 * step))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           centre + QPoint(40, 20))
        if n % 2:
            studio.player.play()
        # mostly short visits; every tenth lasts long enough for a whole flash check
        QTest.qWait(700 if n % 10 == 9 else n % 5 * 10)
        studio.flash_watch.check_now()
        app.processEvents()
        window.show_gallery()
        if pencil is not None and n % 10 == 5:
            assert window.gallery.import_path(pencil) is not None, "the import failed"
            imported += 1
    app.processEvents()
    print(json.dumps({"cycles": cycles, "threads": sorted(THREADS),
                      "qt_calls_off_ui_thread": {k: sorted(v) for k, v in OFF_UI.items()},
                      "imported": imported}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A film already open in another Kadr: the child hears and reads why it does not open
(Kadr's own message, spoken and announced), not a silent system box."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from kadr.core.library import Library
from kadr.core.project import blank_project
from kadr.core.store import save_copy
from kadr.settings import Settings

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kadr.core.session import FilmLock
    lock = FilmLock(Path(sys.argv[1]))
    assert lock.acquire()
    print("held", flush=True)
    sys.stdin.readline()
""")


def test_a_film_open_elsewhere_is_said_plainly(qtbot, tmp_path):
    from kadr.ui.main_window import MainWindow

    film = tmp_path / "films" / "Ball.kadr"
    film.parent.mkdir()
    save_copy(blank_project(640, 480, "Ball"), film)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(film)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        window = MainWindow(Settings(language="en"), Library(film.parent), None)
        qtbot.addWidget(window)
        assert not window.open_project(film)
        assert any("open in another Kadr window" in t for t in window.announcement_log)
        from kadr.ui.confirm import ConfirmDialog

        box = window.findChild(ConfirmDialog)
        assert box is not None and box.isVisible()
        box.reject()
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(10)

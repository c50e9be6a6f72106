"""The log file: errors and uncaught exceptions from every thread end up in the config
folder, it never grows without bound, and a folder Kadr cannot write to is no crash."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kadr import log

APP = Path(__file__).resolve().parents[2] / "app"

CHILD = textwrap.dedent("""
    import threading
    from PySide6.QtCore import QCoreApplication, QTimer
    from kadr import log

    app = QCoreApplication([])
    print(log.install(), flush=True)

    def worker():
        raise RuntimeError("boom in a worker thread")

    def slot():
        raise ValueError("boom in a Qt slot")

    t = threading.Thread(target=worker, name="kadr-test-worker")
    t.start()
    t.join()
    QTimer.singleShot(0, slot)
    QTimer.singleShot(50, app.quit)
    app.exec()
    raise KeyError("boom on the main thread")
""")


@pytest.fixture
def installed():
    path = log.install()
    yield path
    log.uninstall()


def test_uncaught_exceptions_from_every_thread_are_logged(tmp_path):
    """A worker thread, a Qt slot and the main thread each die with an exception: all three
    are in the log file, with their tracebacks."""
    config = tmp_path / "config"
    env = dict(os.environ, PYTHONPATH=str(APP), QT_QPA_PLATFORM="offscreen",
               KADR_CONFIG=str(config))
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1  # the main thread's exception still ends the program
    text = (config / "kadr.log").read_text(encoding="utf-8")
    assert "boom in a worker thread" in text and "kadr-test-worker" in text
    assert "boom in a Qt slot" in text
    assert "boom on the main thread" in text
    assert text.count("Traceback") == 3


def test_errors_are_written_and_copied(installed):
    assert installed is not None and installed.parent == Path(os.environ["KADR_CONFIG"])
    logging.getLogger("kadr.store").error("the disk said no")
    assert "the disk said no" in log.read_log()
    assert "ERROR" in installed.read_text(encoding="utf-8")


def test_the_log_rotates_and_stays_small(installed):
    """However much is logged, the files stay a few hundred KB each."""
    line = "x" * 1000
    for _ in range(3 * log.MAX_BYTES // 1000):
        logging.getLogger("kadr").warning(line)
    files = sorted(installed.parent.glob("kadr.log*"))
    assert len(files) == 1 + log.BACKUPS
    assert all(f.stat().st_size <= log.MAX_BYTES + 2000 for f in files)
    assert len(log.read_log(limit=10_000)) == 10_000


def test_a_config_folder_that_cannot_be_written_means_no_log_and_no_crash(tmp_path,
                                                                          monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("KADR_CONFIG", str(blocker / "config"))
    assert log.install() is None
    assert log.read_log() == ""
    logging.getLogger("kadr").error("nowhere to go")  # no crash either

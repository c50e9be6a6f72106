"""Running an export: off the UI thread, cancellable, and never leaving half a file.

Everything is written under a temporary hidden name in the destination folder (same
disk, so the final rename is atomic) and renamed only when complete (export/staged.py).
Cancel or any failure removes the temporary files: the result is complete or absent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kadr.core.project import Project
from kadr.export import errors
from kadr.export.errors import ExportCancelled, ExportError
from kadr.export.frames import as_film
from kadr.export.options import ExportOptions, Steps
from kadr.export.staged import SUFFIX, Staging, destination, run_export
from kadr.i18n import tr

__all__ = ["SUFFIX", "ExportJob", "Staging", "destination", "run_export", "start_export"]

POLL_MS = 30  # how often the UI thread looks at a running export


class ExportJob(QObject):
    """One export on a worker thread. Connect the signals first, then start().

    The worker never touches Qt signals or objects the UI uses: it leaves its progress and
    outcome in plain attributes, and a timer on the UI thread emits the signals.
    """

    progress = Signal(int, int)  # done, total
    finished = Signal(str)  # the path written
    failed = Signal(str)  # a plain message for the learner
    cancelled = Signal()

    def __init__(self, project: Project, path: Path, options: ExportOptions,
                 on_progress: Callable[[int, int], None] | None = None) -> None:
        super().__init__()
        # a private copy as plain data (drawn here, on the UI thread): the learner may keep
        # drawing, and the worker makes no Qt call at all
        self.film = as_film(project, options.fps)
        self.path, self.options = Path(path), options
        self.result: Path | None = None
        self.error: str | None = None
        self._callback = on_progress
        self.steps = Steps(on_progress=self._progress)
        self._thread: threading.Thread | None = None
        self._done: tuple[int, int] | None = None  # latest progress, set by the worker
        self._told: tuple[int, int] | None = None  # latest progress emitted
        self._outcome: tuple[str, str] | None = None  # ("finished" | "failed" | "cancelled", text)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._deliver)

    def _progress(self, done: int, total: int) -> None:
        self._done = (done, total)
        if self._callback is not None:
            self._callback(done, total)

    def start(self) -> ExportJob:
        self._poll.start()
        self._thread = threading.Thread(target=self._work, name="kadr-export", daemon=True)
        self._thread.start()
        return self

    def run(self) -> None:
        """The whole export on the calling thread, signals included."""
        self._work()
        self._deliver()

    def _work(self) -> None:
        try:
            self.result = run_export(self.film, self.path, self.options, self.steps)
        except ExportCancelled:
            self._outcome = ("cancelled", "")
            return
        except ExportError as error:
            self.error = str(error)
        except Exception:  # a bug must still end in a calm message, never a traceback
            errors.log.debug("export crashed", exc_info=True)
            self.error = tr("Kadr could not save the film. Please try again.")
        self._outcome = ("failed", self.error) if self.error is not None \
            else ("finished", str(self.result))

    def _deliver(self) -> None:
        """On the UI thread: emit the progress and, once ended, the outcome."""
        done = self._done
        if done is not None and done != self._told:
            self._told = done
            self.progress.emit(*done)
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        self._poll.stop()
        kind, text = outcome
        if kind == "cancelled":
            self.cancelled.emit()
        elif kind == "failed":
            self.failed.emit(text)
        else:
            self.finished.emit(text)

    def cancel(self) -> None:
        self.steps.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """True when the job has ended (finished, failed or cancelled)."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True


def start_export(project: Project, path: Path, options: ExportOptions,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_finished: Callable[[str], None] | None = None,
                 on_failed: Callable[[str], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None) -> ExportJob:
    """Copy the project, connect the given slots, and export in the background."""
    job = ExportJob(project, path, options)
    # connected before the thread starts, so even an instant failure is delivered
    for signal, slot in ((job.progress, on_progress), (job.finished, on_finished),
                         (job.failed, on_failed), (job.cancelled, on_cancelled)):
        if slot is not None:
            signal.connect(slot)
    return job.start()

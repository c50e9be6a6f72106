"""A film being worked on: opening it, keeping it on disk, closing it. No widgets.

One object does it all so that every way out (back to the gallery, closing the window,
quitting the program) keeps the same promises:

* **One writer per film.** Opening takes an OS lock on ``<film>.lock`` beside the film.
  Another Kadr (a second window from a double-click, another computer on a share) is
  refused in plain words instead of silently overwriting the same pictures. The OS drops
  the lock when the process ends, however it ends, so a crash never leaves it stuck. In
  this program a second open finds the session already open and asks its window forward.
* **Close never discards.** Closing finishes the stroke in progress, waits for the writer,
  and what it could not write is kept as a whole recovery copy of the film in a folder
  that takes it (the user's data folder first); the child or teacher is told where. When
  no folder at all takes it, the film stays open (unless the program is quitting).
* Closed on the application's quit signal too, so quitting by any path keeps the work.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kadr.core.project import Project
from kadr.core.store import ProjectFileError, ProjectStore, load, save_copy
from kadr.core.tools import finish_stroke
from kadr.core.undo_memory import UndoKeeper, restore
from kadr.i18n import tr

logger = logging.getLogger("kadr.session")
FLUSH_SECONDS = 5.0


class FilmInUse(ProjectFileError):
    """The film is open already: ``session`` is the open one when it is in this program,
    None when another program holds it."""

    def __init__(self, message: str, session: FilmSession | None = None) -> None:
        super().__init__(message)
        self.session = session


def _try_lock(fd: int) -> bool:
    """Lock ``fd`` without waiting; False when someone else holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class FilmLock:
    """An OS lock on ``<film>.lock`` beside the film, held while the film is open here."""

    def __init__(self, film: Path) -> None:
        self.path = film.with_name(film.name + ".lock")
        self._fd: int | None = None

    def _open(self) -> int | None:
        for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):  # another user's lock file
            with contextlib.suppress(OSError):
                return os.open(self.path, flags, 0o666)
        return None

    def acquire(self) -> bool:
        """Hold the lock; False when another Kadr holds it. Where no lock file can be made
        (a read-only folder) nobody can write the film either, so none is needed."""
        for _attempt in range(5):
            fd = self._open()
            if fd is None:
                return True
            if not _try_lock(fd):
                os.close(fd)
                return False
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                self._fd = fd
                return True
            os.close(fd)  # the holder removed this lock file as we locked it: lock anew
        return False

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":  # removed while still held: nobody locks a stale file
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)  # closing drops the OS lock
        if sys.platform == "win32":  # an open file cannot be removed there
            with contextlib.suppress(OSError):
                os.unlink(self.path)


@dataclass(frozen=True)
class CloseResult:
    closed: bool  # False: nothing could be kept anywhere, so the film is still open
    kept: bool  # everything is in the film's own file
    recovery: Path | None = None  # where a whole copy was kept instead
    message: str = ""  # plain words for the child or teacher ("" when all was kept)


def recovery_folders() -> list[Path]:
    """Where a film that cannot be written in its place is kept, best first: the user's
    data folder, the config folder, the temporary folder (often another disk)."""
    from kadr.core.library import default_root
    from kadr.settings import config_dir

    return [default_root().parent / "recovery", config_dir() / "recovery",
            Path(tempfile.gettempdir()) / "kadr-recovery"]


class FilmSession(QObject):
    """One open film: its project, its store and its lock."""

    wanted = Signal()  # opened again in this program: its window should come forward
    closed = Signal(object)  # CloseResult

    _open: ClassVar[dict[Path, FilmSession]] = {}

    def __init__(self, path: Path, project: Project, store: ProjectStore,
                 lock: FilmLock) -> None:
        super().__init__()
        self.path, self.project, self.store, self._lock = path, project, store, lock
        self.result: CloseResult | None = None
        app = QCoreApplication.instance()
        self._app = app
        if app is not None:
            app.aboutToQuit.connect(self._quitting)

    @classmethod
    def open(cls, path: Path) -> FilmSession:
        """Open the film at ``path`` for drawing. Raises ProjectFileError (plain words)
        when it cannot be read, FilmInUse when it is open already."""
        path = Path(path).resolve()
        existing = cls._open.get(path)
        if existing is not None:
            existing.wanted.emit()
            raise FilmInUse(tr("This film is open already."), existing)
        lock = FilmLock(path)
        if not lock.acquire():
            raise FilmInUse(tr("This film is open in another Kadr window, maybe on another "
                               "computer. Close it there, then open it here."))
        try:
            project = load(path)
            store = ProjectStore.attach(project, path)
            # Undo goes on where it stopped when the film was last open
            project.undo_keeper = UndoKeeper(project, store, restore(project, path))
        except BaseException:
            lock.release()
            raise
        session = cls(path, project, store, lock)
        cls._open[path] = session
        return session

    @classmethod
    def find(cls, path: Path) -> FilmSession | None:
        """The session that has ``path`` open in this program, if any."""
        return cls._open.get(Path(path).resolve())

    def is_open(self) -> bool:
        return self.result is None or not self.result.closed

    def flush(self, timeout: float = FLUSH_SECONDS) -> bool:
        """Finish the stroke in progress and wait for the writer; True when all is on disk."""
        finish_stroke(self.project)
        self.project.settle()
        if self.store.problem:  # the file may be gone or stale: write it whole, now
            self.store.rewrite_all(self.project)
            self.store.try_again()
        return self.store.flush(timeout)

    def close(self, force: bool = False, timeout: float = FLUSH_SECONDS) -> CloseResult:
        """Keep everything and let go of the film. What the film's own file did not take
        is kept as a recovery copy; when nothing takes it the film stays open, unless
        ``force`` (the program is quitting)."""
        if self.result is not None and self.result.closed:
            return self.result
        kept = self.flush(timeout) or not self.store.work_waiting()
        recovery = None if kept else self._keep_recovery_copy()
        if not kept and recovery is None and not force:
            self.result = CloseResult(False, False, None, tr(
                "Kadr cannot keep your film anywhere right now, so it stays open. "
                "Ask a grown-up to free some space."))
            return self.result
        kept = (self.store.close() or not self.store.work_waiting()) and kept
        self._let_go()
        self.result = CloseResult(True, kept, recovery, self._words(kept, recovery))
        if not kept and recovery is None:
            logger.critical("%s closed with changes that could not be kept anywhere", self.path)
        self.closed.emit(self.result)
        return self.result

    def _let_go(self) -> None:
        keeper = self.project.undo_keeper
        if isinstance(keeper, UndoKeeper):
            keeper.stop()
        self._lock.release()
        if FilmSession._open.get(self.path) is self:
            del FilmSession._open[self.path]
        if self._app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._app.aboutToQuit.disconnect(self._quitting)
            self._app = None

    def _quitting(self) -> None:
        self.close(force=True)

    def _keep_recovery_copy(self) -> Path | None:
        """The whole film, written to the first folder that takes it."""
        stamp = time.strftime("%Y-%m-%d %H-%M-%S")
        name = f"{self.path.stem} (kept {stamp}).kadr"
        for folder in recovery_folders():
            if folder.resolve() == self.path.parent:
                continue
            target = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True)
                save_copy(self.project, target)
            except Exception:  # noqa: BLE001 - a full or read-only disk: try the next folder
                logger.warning("No recovery copy in %s", folder, exc_info=True)
                with contextlib.suppress(OSError):
                    target.with_name(target.name + ".part").unlink(missing_ok=True)
                continue
            logger.warning("%s could not be written; a copy is kept in %s", self.path, target)
            return target
        return None

    @staticmethod
    def _words(kept: bool, recovery: Path | None) -> str:
        if kept:
            return ""
        if recovery is not None:
            return tr("Your film could not be saved in its own place. Kadr kept a copy "
                      "in {folder}. Ask a grown-up to help.", folder=str(recovery.parent))
        return tr("Some of your work could not be kept. Ask a grown-up for help.")

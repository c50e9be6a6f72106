"""Keeps a flash-safety result (WCAG 2.3.1) ready for the current film, checked in the
background a moment after each change, so Play and Share can warn without waiting.

Before a play whose film has not been checked yet (a new film played at once), the
seconds about to play are checked on the UI thread first: a black and a white picture at
20 a second flashed full-size on their first play, before the background check had run.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kadr.core.project import Project
from kadr.i18n import tr

logger = logging.getLogger("kadr.flash")

if TYPE_CHECKING:  # the export package is loaded when the first check runs (start-up)
    from kadr.export import FlashResult
    from kadr.export.flash import FilmPictures

DELAY_MS = 1500
RESUME_MS = 500  # after playing or drawing ends
COLLECT_MS = 50  # how often a running check is looked at for its result
AHEAD_SECONDS = 3  # checked before a play that would come before the background check


class _GivenUp(Exception):
    """Raised on the check's thread when the film was closed meanwhile."""


def seconds_ahead(film: FilmPictures, start: int, seconds: float) -> FilmPictures:
    """The pictures shown in the first ``seconds`` of playing from picture ``start``
    (round the end of a looping film), or the whole film when it is no longer."""
    need = seconds * film.fps + 1
    if sum(film.holds) <= need:
        return film
    order: list[int] = []
    shown, i = 0, start % len(film.holds)
    while shown < need:
        order.append(i)
        shown += film.holds[i]
        i = (i + 1) % len(film.holds)
        if i == 0 and not film.loop:
            break
    return replace(film, layers=[film.layers[i] for i in order],
                   holds=[film.holds[i] for i in order], loop=False)


def kind_warning(result: FlashResult) -> str:
    """The warning in gentle, plain words (it is never a block)."""
    return tr("This film flashes very fast. Fast flashing can make some people feel ill. "
              "Try {fps} pictures a second.", fps=result.safe_fps)


class FlashWatch(QObject):
    checked = Signal(object)  # FlashResult, for the film as it was when checked

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.result: FlashResult | None = None
        self._grids: dict[Any, Any] = {}  # colour grids by picture content, reused
        self._running = False  # one check at a time; a change meanwhile asks for another
        # a check waits while the film plays or a stroke is drawn: on 2 cores it made
        # frames late and strokes slower (benchmarks: playback, drawing after a pause)
        self._holds: set[str] = set()
        self._go = threading.Event()
        self._go.set()
        self._closed = False
        self._again = False
        self.generation = 0  # which state of the film ``result`` belongs to
        self._checked_generation = -1
        self._ahead: tuple[int, FlashResult] | None = None  # a flashing start, found before play
        self.accepted_generation = -1  # "play anyway" for this state of the film
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._resume = QTimer(self, singleShot=True, interval=RESUME_MS)
        self._finished: tuple[int, FlashResult | None] | None = None
        self._collector = QTimer(self, interval=COLLECT_MS)
        self._collector.timeout.connect(self._collect)
        self._resume.timeout.connect(self._go_on)
        self._timer.timeout.connect(self.check_now)
        self.checked.connect(self._store)
        for signal in (project.frames_changed, project.picture_changed,
                       project.settings_changed, project.background_changed):
            signal.connect(self._changed)
        self._timer.start()

    def _changed(self, *args: object) -> None:
        self.generation += 1
        self._timer.start()

    def hold(self, reason: str, on: bool) -> None:
        """Pause a running check while ``reason`` (playing, drawing) lasts."""
        if on:
            self._holds.add(reason)
        else:
            self._holds.discard(reason)
        if self._holds:
            self._resume.stop()
            self._go.clear()
        else:
            # go on a moment later: not inside the pen-up handler, and not between two
            # quick strokes (a resumed check made lifting the pen ~0.3 ms slower)
            self._resume.start()

    def _go_on(self) -> None:
        if self._holds:
            return
        self._go.set()
        if self._again and not self._running:  # a check was put off: do it now
            self._again = False
            self._timer.start()

    def is_checking(self) -> bool:
        """A check is running now (not waiting for playing or drawing to end)."""
        return self._running and self._go.is_set()

    def current(self) -> FlashResult | None:
        """The result for the film as it is now, or None while a check is still due (but a
        start found flashing before a play counts: part of a film flashing is enough)."""
        if self._checked_generation == self.generation:
            return self.result
        if self._ahead is not None and self._ahead[0] == self.generation:
            return self._ahead[1]
        return None

    def before_play(self, start: int) -> FlashResult | None:
        """What to warn with before playing from picture ``start``: the film's result, or,
        while its check has not run, a check of the seconds about to play, made now (a
        few seconds of small grids are quick; the grids are kept for the full check)."""
        result = self.current()
        if result is not None or self._closed or not self.project.frames:
            return result
        from kadr.export.flash import check_film, film_pictures, grid_underlay

        film = film_pictures(self.project)
        ahead = seconds_ahead(film, start, AHEAD_SECONDS)
        result = check_film(ahead, grid_underlay(self.project), cache=self._grids)
        if ahead is film:
            self._keep(self.generation, result)
        elif not result.safe:
            self._ahead = (self.generation, result)
        return result

    def check_now(self) -> None:
        if self._closed:
            return
        if self._running or self._holds:
            # one at a time, and none started while playing or drawing: starting one
            # copies the film and (the first time) loads the export code on this thread
            self._again = True
            return
        from kadr.export.flash import check_film, film_pictures, grid_underlay, record

        # plain data drawn and copied here: the check's thread makes no Qt call
        film, under = film_pictures(self.project), grid_underlay(self.project)
        generation, grids, store = self.generation, self._grids, self.project.store
        self._running = True

        def work() -> None:
            try:
                result = check_film(film, under, cache=grids, pause=self._wait)
                record(store, film, under, result)  # `kadr export` need not check it again
            except _GivenUp:
                result = None
            except Exception:  # noqa: BLE001 - a failed check never disturbs the child
                logger.exception("The flash check failed")
                result = None
            # picked up by the UI thread's timer: no Qt call from here, the studio may
            # be gone by now
            self._finished = (generation, result)

        self._finished = None
        self._collector.start()
        threading.Thread(target=work, name="kadr-flash-check", daemon=True).start()

    def _collect(self) -> None:
        finished, self._finished = self._finished, None
        if finished is not None:
            self._collector.stop()
            self.checked.emit(finished)

    def _wait(self) -> None:
        """On the check's thread: wait while held; give up once the film is closed."""
        self._go.wait()
        if self._closed:
            raise _GivenUp

    def close(self) -> None:
        """The film is being closed: a running (or held) check ends at its next step."""
        self._closed = True
        self._timer.stop()
        self._collector.stop()
        self._go.set()

    def check_and_wait(self) -> FlashResult:
        """Check on the UI thread (for Share, which needs the answer before asking)."""
        from kadr.export import check_project

        result = check_project(self.project)
        self._keep(self.generation, result)
        return result

    def _store(self, item: tuple[int, FlashResult | None]) -> None:
        generation, result = item
        self._running = False
        if result is not None:
            self._keep(generation, result)
        if self._again or generation != self.generation:
            self._again = False
            self._timer.start()

    def _keep(self, generation: int, result: FlashResult) -> None:
        if generation == self.generation:
            self.result, self._checked_generation = result, generation

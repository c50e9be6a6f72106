"""What the learner chose in the export dialog, and the progress/cancel hook exporters get."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kadr.export.errors import ExportCancelled, ExportError
from kadr.i18n import tr

if TYPE_CHECKING:
    import numpy as np

FORMATS = ("gif", "mp4", "png", "sheet", "pclx")
SCALES = (0.5, 1.0, 2.0)
EXTENSIONS = {".gif": "gif", ".mp4": "mp4", ".png": "png", ".json": "sheet", ".pclx": "pclx"}


@dataclass
class ExportOptions:
    format: str = ""  # one of FORMATS; "" = from the file name's extension (else gif)
    scale: float = 1.0  # 0.5, 1 or 2 (pclx is always 1:1)
    loop: int = 0  # GIF: how many times it plays; 0 = for ever
    repeat: int = 1  # MP4: the film is written this many times in a row
    transparent: bool = False  # GIF/PNG/sheet: no paper behind the drawing
    dither: bool = False  # GIF: dot patterns for smoother gradients (noisy on flat colour)
    description: str = ""  # the learner's words: a .txt beside the file, subtitles in MP4
    fps: int | None = None  # 1-30 (as in the studio); None: the project's speed
    ffmpeg_exe: str | None = None  # None: env KADR_FFMPEG, else the bundled one

    def checked(self) -> ExportOptions:
        """These options, or a plain ExportError if they make no sense."""
        if self.format and self.format not in FORMATS:
            raise ExportError(tr("Kadr cannot make this kind of file."))
        if self.scale not in SCALES:
            raise ExportError(tr("The size must be 50 %, 100 % or 200 %."))
        if self.loop < 0 or self.repeat < 1 or (self.fps is not None and not 1 <= self.fps <= 30):
            raise ExportError(tr("These export settings are not possible."))
        return self


def format_for(path: Path) -> str | None:
    """The format a file name asks for (.gif .mp4 .png .json .pclx), or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


class Steps:
    """Progress reporting and the cancel check, shared by every exporter.

    Exporters call ``tick()`` once per unit of work; it raises ExportCancelled as soon as
    cancel() was called, so the runner can throw the half-written file away. ``seen``,
    when given, is shown each picture an exporter draws on its paper, at full size
    (``seen(index, bgra)``; the array is reused after the call): the command line checks
    them for flashing as they go by, instead of drawing the film a second time.
    """

    def __init__(self, total: int = 0,
                 on_progress: Callable[[int, int], None] | None = None,
                 seen: Callable[[int, np.ndarray], None] | None = None) -> None:
        self.total = total
        self.done = 0
        self.on_progress = on_progress
        self.seen = seen
        self._cancel = threading.Event()
        self._started = time.monotonic()

    def start(self, total: int) -> None:
        self.total, self.done = max(1, total), 0
        self._started = time.monotonic()
        self._report()

    def seconds_left(self, now: float | None = None) -> float | None:
        """Time left at the pace so far, once there is a pace to trust (3 s and 5 % of
        the work done); None before. Safe to read from any thread."""
        elapsed = (time.monotonic() if now is None else now) - self._started
        done, total = self.done, self.total
        if elapsed < 3.0 or total <= 0 or done < max(1, 0.05 * total):
            return None
        return elapsed * (total - done) / done

    def tick(self, n: int = 1) -> None:
        self.check()
        self.done = min(self.total, self.done + n)
        self._report()

    def check(self) -> None:
        if self._cancel.is_set():
            raise ExportCancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)

"""SpeechService: one queue of utterances for the whole studio, spoken by a worker process.

The UI thread never waits on speech: the worker is a QProcess whose output arrives as Qt
events. Captions are emitted for every utterance, spoken or not, so the words are always on
the screen. A crashed worker is restarted when there is something to say; a worker that
cannot even start (no espeak-ng, no voice data) makes the service unavailable, said once.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kadr import i18n
from kadr.speech.launch import no_voice_message, render_to_file, unavailable_message
from kadr.speech.process import WorkerProcess
from kadr.speech.voices import DEFAULT_RATE, speech_language

log = logging.getLogger(__name__)
POLICIES = ("now", "after", "drop_if_busy")
STOP_GRACE_MS = 120  # a worker that has not stopped by then is killed (limit: 200 ms)
MAX_START_FAILURES = 2  # a worker dying twice before "ready" means the engine is broken
MAX_CRASHES = 3  # utterances in a row that killed the worker


@dataclass
class _Job:
    id: int
    text: str
    spoken: str
    lang: str
    sent: bool = False
    stopping: bool = False


class SpeechService(QObject):
    caption = Signal(str)  # every utterance as it begins, even with no engine
    started = Signal(str)  # sound began
    finished = Signal(str)  # a job given to the worker ended: spoken, stopped or failed
    unavailable = Signal(str)  # once, plain words: speech is missing or broken
    no_voice = Signal(str, str)  # (language, plain words), once per language
    busy_changed = Signal(bool)
    voices_changed = Signal(list)  # the worker reported its voices

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        engine_env: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._enabled = enabled
        self._env = dict(engine_env or {})
        self._lang: str | None = None  # None: follow the studio's language
        self._rate = DEFAULT_RATE
        self._volume = 1.0
        self._voice: str | None = None
        self._voices: list[dict[str, Any]] = []
        self._failed = self._closed = self._busy = False
        self._told_no_voice: set[str] = set()
        self._queue: deque[_Job] = deque()
        self._current: _Job | None = None
        self._worker: WorkerProcess | None = None
        self._next_id = self._start_failures = self._crashes = 0
        self._workdir = tempfile.TemporaryDirectory(prefix="kadr-speech-")
        self._watchdog = QTimer(self, singleShot=True, interval=STOP_GRACE_MS)
        self._watchdog.timeout.connect(self._on_stop_overdue)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        if enabled:
            self._ensure_worker()  # warm up, so the first word is not late

    def say(
        self, text: str, policy: str = "now", lang: str | None = None, *, spoken: str | None = None
    ) -> None:
        """Speak ``text`` (``spoken`` if given, e.g. a kana reading) and caption it."""
        if policy not in POLICIES:
            raise ValueError(f"unknown speech policy {policy!r}")
        text = str(text or "").strip()
        if not text:
            return
        if policy == "drop_if_busy" and self.is_speaking():
            return
        if policy == "now":
            self.stop()
        self._next_id += 1
        lang = speech_language(lang or self.language())
        self._queue.append(_Job(self._next_id, text, str(spoken or text), lang))
        self._pump()

    def stop(self) -> None:
        """Silence at once and forget everything queued."""
        self._queue.clear()
        job = self._current
        if job is None:
            return
        if not job.sent:
            self._finish_current()
        elif not job.stopping:
            job.stopping = True
            self._write({"cmd": "stop", "id": job.id})
            self._watchdog.start()

    def speak_to_file(
        self,
        text: str,
        path: str | os.PathLike[str],
        lang: str | None = None,
        rate: int | None = None,
    ) -> bool:
        """Render to a WAV in a fresh short-lived process (blocks up to ~20 s); False on failure."""
        lang = speech_language(lang or self.language())
        return render_to_file(
            text,
            path,
            lang=lang,
            rate=rate or self._rate,
            volume=self._volume,
            voice=self._voice_for(lang),
            env=self._env,
        )

    def set_language(self, code: str | None) -> None:
        self._lang = code

    def language(self) -> str:
        return speech_language(self._lang or i18n.language())

    def set_rate(self, wpm: int) -> None:
        self._rate = max(60, min(400, int(wpm)))

    def rate(self) -> int:
        return self._rate

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, float(volume)))

    def volume(self) -> float:
        return self._volume

    def set_voice(self, voice_id: str | None) -> None:
        """The voice for the learner's language; None lets Kadr choose."""
        self._voice = voice_id or None

    def voice(self) -> str | None:
        return self._voice

    def voices(self) -> list[dict[str, Any]]:
        """The engine's voices (id, name, languages); empty until the worker has started."""
        return [dict(v) for v in self._voices]

    def set_enabled(self, enabled: bool) -> None:
        """Off: captions only."""
        self._enabled = bool(enabled)
        if not enabled:
            self.stop()

    def is_enabled(self) -> bool:
        return self._enabled

    def available(self) -> bool:
        return not self._failed

    def is_speaking(self) -> bool:
        return self._current is not None or bool(self._queue)

    def worker_pid(self) -> int | None:
        """The running worker's process id (for diagnostics and tests)."""
        return self._worker.pid if self._worker is not None and self._worker.ready else None

    def shutdown(self) -> None:
        """End the worker now (the studio is closing)."""
        if self._closed:
            return
        self._closed = True
        self._queue.clear()
        self._watchdog.stop()
        self._kill_worker(wait_ms=1000)
        self._finish_current()
        self._workdir.cleanup()

    # --- queue ------------------------------------------------------------------------
    def _pump(self) -> None:
        while self._current is None and self._queue:
            job = self._queue.popleft()
            if self._enabled and not (self._failed or self._closed):
                self._current = job
                self._set_busy(True)
                self._send_current()
            self.caption.emit(job.text)  # after the state is set: a slot may call say()
        if self._current is None:
            self._set_busy(False)

    def _send_current(self) -> None:
        job = self._current
        if job is None or job.sent:
            return
        if self._worker is None or not self._worker.ready:
            self._ensure_worker()  # the job goes out when the worker says "ready"
            return
        job.sent = True
        voice = self._voice_for(job.lang)
        msg = dict(cmd="say", id=job.id, text=job.spoken, lang=job.lang, voice=voice)
        self._write({**msg, "rate": self._rate, "volume": self._volume})

    def _voice_for(self, lang: str) -> str | None:
        return self._voice if lang == self.language() else None

    def _finish_current(self) -> None:
        job, self._current = self._current, None
        self._watchdog.stop()
        if job is not None:
            self.finished.emit(job.text)
        self._pump()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _fail(self, reason: str) -> None:
        """The engine is missing or broken: say so once, keep the captions coming."""
        if self._failed:
            return
        log.warning("speech unavailable: %s", reason)
        self._failed = True
        self._kill_worker()
        self.unavailable.emit(unavailable_message())
        self._finish_current()

    # --- worker process ---------------------------------------------------------------
    def _ensure_worker(self) -> None:
        if self._worker is None and not (self._failed or self._closed):
            self._worker = WorkerProcess(self, self._env, self._workdir.name)
            self._worker.message.connect(self._on_event)
            self._worker.exited.connect(self._on_exit)

    def _write(self, msg: dict[str, Any]) -> None:
        if self._worker is not None:
            self._worker.send(msg)

    def _kill_worker(self, wait_ms: int = 0) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.kill(wait_ms)

    def _on_event(self, msg: dict[str, Any]) -> None:
        event, job = msg.get("event"), self._current
        if job is not None and msg.get("id") == job.id and event in ("started", "done"):
            if event == "started" and not job.stopping:
                self.started.emit(job.text)
            elif event == "done":
                self._crashes = 0 if msg.get("completed") else self._crashes
                self._finish_current()
        elif event == "ready":
            self._start_failures = 0
            self._voices = [v for v in msg.get("voices", []) if isinstance(v, dict)]
            self.voices_changed.emit(self.voices())
            self._send_current()
        elif event == "no_voice":
            lang = str(msg.get("lang") or "")
            if lang not in self._told_no_voice:
                self._told_no_voice.add(lang)
                self.no_voice.emit(lang, no_voice_message(lang))
        elif event == "unavailable":
            self._fail(str(msg.get("reason")))
        elif event in ("sink", "error"):
            log.info("speech worker: %s", msg)

    def _on_exit(self, was_ready: bool, code: int) -> None:
        self._worker = None
        job = self._current
        if not was_ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                self._fail(f"the worker exited before it was ready (exit code {code})")
            else:
                self._ensure_worker()
        elif job is not None and job.sent:
            self._crashes += 1
            if self._crashes >= MAX_CRASHES:
                self._fail("the worker died while speaking, again and again")
            else:
                self._finish_current()  # a new worker starts for whatever comes next
        elif job is not None:
            self._ensure_worker()

    def _on_stop_overdue(self) -> None:
        """The worker did not stop in time: kill it; a new one starts when needed."""
        self._kill_worker()
        self._finish_current()

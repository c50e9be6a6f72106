"""One run of the speech worker as a QProcess: JSON lines in and out, never blocking."""

from __future__ import annotations

import json
import os
import signal
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from kadr.speech.launch import worker_command, worker_env
from kadr.speech.worker import PROTOCOL


class WorkerProcess(QObject):
    """Started at once; after it exits or is killed, make a new one."""

    message = Signal(dict)  # a protocol message (not "event": that is QObject.event)
    exited = Signal(bool, int)  # (had it said "ready", exit code); not sent after kill()

    def __init__(self, parent: QObject, env: dict[str, Any], workdir: str) -> None:
        super().__init__(parent)
        self.ready = False
        self.pid = 0  # the worker's process group, reported with "ready"
        self._killed = False
        self._proc = proc = QProcess(self)
        program, *args = worker_command("--workdir", workdir)
        proc.setProgram(program)
        proc.setArguments(args)
        qenv = QProcessEnvironment()
        for key, value in worker_env(env).items():
            qenv.insert(key, value)
        proc.setProcessEnvironment(qenv)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        proc.readyReadStandardOutput.connect(self._on_output)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        proc.start()

    def send(self, msg: dict[str, Any]) -> None:
        if not self._killed and self._proc.state() == QProcess.ProcessState.Running:
            self._proc.write((json.dumps(msg) + "\n").encode("ascii"))

    def kill(self, wait_ms: int = 0) -> None:
        """Kill the worker with its player now; it deletes itself once it has gone."""
        if self._killed:
            return
        self._killed = True
        self._kill_group()
        if wait_ms:
            self._proc.waitForFinished(wait_ms)
        if self._proc.state() == QProcess.ProcessState.NotRunning:
            self.deleteLater()

    def _kill_group(self) -> None:
        pid = self._proc.processId() or self.pid
        if pid > 0 and hasattr(os, "killpg"):
            try:
                os.killpg(pid, signal.SIGKILL)  # the worker made itself a group leader
            except OSError:
                pass
        if self._proc.state() != QProcess.ProcessState.NotRunning:
            self._proc.kill()

    def _on_output(self) -> None:
        while self._proc.canReadLine():
            try:
                msg = json.loads(bytes(self._proc.readLine().data()).decode("utf-8", "replace"))
            except ValueError:
                continue  # not ours
            if self._killed or not isinstance(msg, dict) or msg.get("kadr") != PROTOCOL:
                continue
            if msg.get("event") == "ready":
                self.ready, self.pid = True, int(msg.get("pid") or 0)
            self.message.emit(msg)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._on_finished(-1)

    def _on_finished(self, code: int = -1, *_: object) -> None:
        if not self._killed:
            self._killed = True
            self._kill_group()  # a crashed worker's player may still be sounding
            self.exited.emit(self.ready, code)
        self.deleteLater()

"""The studio stays responsive while Kadr talks."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, QTimer
from speech_helpers import MEDIUM, Recorder


def test_ui_thread_never_waits_while_speaking(engine, qtbot, make_service):
    """A 10 ms UI timer never sees a gap over 50 ms from starting speech to its end."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    qtbot.wait(100)  # ticks before the worker starts, so its start-up is measured too
    service = make_service()
    events = Recorder(service)
    service.say(MEDIUM)
    qtbot.waitUntil(lambda: bool(events.values("finished")), timeout=30_000)
    qtbot.wait(50)
    timer.stop()
    assert events.values("started") == [MEDIUM]
    gaps = np.diff(ticks)
    assert len(ticks) > 150  # the sentence took seconds, as if played
    assert gaps.max() < 0.050, f"UI stalled for {gaps.max() * 1000:.0f} ms"

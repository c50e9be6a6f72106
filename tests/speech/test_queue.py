"""One utterance at a time: interrupting, queueing and dropping."""

from __future__ import annotations

import time

from speech_helpers import LONG, Recorder


def test_stop_silences_within_200_ms(engine, qtbot, make_service):
    """stop() ends the sound within 200 ms (a child must not wait for a long sentence)."""
    service = make_service()
    events = Recorder(service)
    service.say(LONG)
    qtbot.waitUntil(lambda: bool(events.values("started")), timeout=20_000)
    qtbot.wait(300)
    t0 = time.monotonic()
    service.stop()
    qtbot.waitUntil(lambda: events.first_time("busy_changed", False, t0) is not None, timeout=5_000)
    assert events.first_time("finished", LONG, t0) - t0 < 0.200
    assert events.first_time("busy_changed", False, t0) - t0 < 0.200
    assert not service.is_speaking()


def test_now_interrupts_and_speaks_the_new_words(engine, qtbot, make_service):
    """say(policy="now") cuts the current sentence short and speaks the new one."""
    service = make_service()
    events = Recorder(service)
    service.say(LONG)
    qtbot.waitUntil(lambda: bool(events.values("started")), timeout=20_000)
    t0 = time.monotonic()
    service.say("Stop!", "now")
    qtbot.waitUntil(lambda: "Stop!" in events.values("finished"), timeout=10_000)
    assert events.first_time("finished", LONG) - t0 < 0.200
    assert events.values("started") == [LONG, "Stop!"]


def test_after_keeps_the_order(engine, qtbot, make_service):
    """Queued sentences are captioned and spoken in the order they were given."""
    service = make_service()
    events = Recorder(service)
    words = ["One.", "Two.", "Three."]
    for word in words:
        service.say(word, "after")
    qtbot.waitUntil(lambda: len(events.values("finished")) == 3, timeout=20_000)
    assert events.values("caption") == words
    assert events.values("started") == words
    assert events.values("finished") == words
    assert events.values("busy_changed") == [True, False]


def test_drop_if_busy_drops_only_when_busy(engine, qtbot, make_service):
    """Talking buttons stay quiet while Kadr speaks, and speak when it is quiet."""
    service = make_service()
    events = Recorder(service)
    service.say("Hello, friend.")
    service.say("Save", "drop_if_busy")
    qtbot.waitUntil(lambda: bool(events.values("finished")), timeout=20_000)
    service.say("Play", "drop_if_busy")
    qtbot.waitUntil(lambda: len(events.values("finished")) == 2, timeout=20_000)
    assert events.values("caption") == ["Hello, friend.", "Play"]
    assert events.values("started") == ["Hello, friend.", "Play"]


def test_language_without_voice_is_captioned_and_told_once(engine, qtbot, make_service):
    """A language with no voice shows captions and says so once, not at every word."""
    service = make_service()
    events = Recorder(service)
    service.say("Qapla'", "after", lang="tlh")
    service.say("nuqneH", "after", lang="tlh")
    service.say("Hello.", "after", lang="en")
    qtbot.waitUntil(lambda: len(events.values("finished")) == 3, timeout=20_000)
    assert events.values("caption") == ["Qapla'", "nuqneH", "Hello."]
    assert events.values("no_voice") == ["tlh"]
    assert events.values("started") == ["Hello."]
    assert service.available()

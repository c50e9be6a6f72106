"""A missing, broken or killed engine never takes the studio down."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from speech_helpers import LONG, MEDIUM, Recorder

from kadr.speech import self_check
from kadr.speech.launch import unavailable_message


def test_broken_engine_keeps_captions_and_tells_once(
    qtbot, make_service, broken_engine_env, tmp_path
):
    """With the engine missing or broken, captions go on and the child is told once."""
    service = make_service(**broken_engine_env)
    events = Recorder(service)
    service.say("Hello.")
    qtbot.waitUntil(lambda: bool(events.values("unavailable")), timeout=20_000)
    service.say("Hello again.", "after")
    service.say("And again.", "drop_if_busy")
    qtbot.wait(300)
    assert events.values("caption") == ["Hello.", "Hello again.", "And again."]
    assert events.values("unavailable") == [unavailable_message()]
    assert not service.available()
    assert not service.is_speaking()
    assert not service.speak_to_file("Hello.", tmp_path / "hello.wav")


def test_self_check_reports_broken_engine(broken_engine_env):
    """kadr --self-check says plainly that speech is missing instead of crashing."""
    ok, line = self_check(env=broken_engine_env)
    assert not ok
    assert line == unavailable_message()


def test_self_check_passes_with_engine(engine):
    """kadr --self-check confirms working speech."""
    ok, line = self_check()
    assert ok, line
    assert "\n" not in line


def test_killed_worker_is_restarted(engine, qtbot, make_service):
    """After the worker is killed mid-sentence, the next sentence is spoken by a new one."""
    service = make_service()
    events = Recorder(service)
    service.say(LONG)
    qtbot.waitUntil(lambda: bool(events.values("started")), timeout=20_000)
    first_pid = service.worker_pid()
    os.kill(first_pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: events.values("finished") == [LONG], timeout=5_000)
    service.say("Still here.")
    qtbot.waitUntil(lambda: "Still here." in events.values("finished"), timeout=20_000)
    assert events.values("started") == [LONG, "Still here."]
    assert service.worker_pid() not in (None, first_pid)
    assert service.available()
    assert not events.values("unavailable")


def test_no_sound_device_still_takes_real_time(engine, qtbot, make_service, tmp_path):
    """Without a player (or sound card) speech falls back to silence of the real length."""
    service = make_service(sink="audio", PATH=str(tmp_path))  # no aplay on this PATH
    events = Recorder(service)
    service.say(LONG)
    qtbot.waitUntil(lambda: bool(events.values("started")), timeout=20_000)
    qtbot.wait(3_000)  # LONG lasts about 13 s
    assert service.is_speaking()
    assert events.values("finished") == []
    service.stop()
    qtbot.waitUntil(lambda: events.values("finished") == [LONG], timeout=5_000)


def test_worker_whose_studio_was_killed_ends_quietly(engine):
    """The studio killed mid-sentence (a crash, `kill`, a logout): the worker tells its
    "done" into a pipe nobody reads. It must end at once with exit code 0, without a
    traceback, instead of dying on BrokenPipeError (what a kill under openbox showed)."""
    app = Path(__file__).resolve().parents[2] / "app"
    env = dict(os.environ, PYTHONPATH=str(app), KADR_SPEECH_SINK="null")
    worker = subprocess.Popen([sys.executable, "-m", "kadr.speech.worker"], env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    assert json.loads(worker.stdout.readline())["event"] == "ready"
    say = {"cmd": "say", "id": 1, "text": MEDIUM, "lang": "en"}
    worker.stdin.write(json.dumps(say) + "\n")
    worker.stdin.flush()
    assert json.loads(worker.stdout.readline())["event"] == "started"
    worker.stdout.close()  # the studio is gone: its end of both pipes closes
    worker.stdin.close()
    try:
        code = worker.wait(timeout=30)
    finally:
        worker.kill()
    err = worker.stderr.read()
    assert code == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err

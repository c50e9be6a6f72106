"""The speech worker: a child process that owns the pyttsx3 engine.

``python -m kadr.speech.worker --workdir DIR`` serves SpeechService: JSON commands on stdin,
JSON events on stdout, one utterance at a time. ``--save PATH`` renders the text read from
stdin to one WAV file and exits (exit codes below). Speech runs here, not in the studio,
because libespeak-ng calls exit() when its data is missing and pyttsx3 keeps per-process
state that goes wrong after a few calls (docs/decisions/0003-speech-worker-process.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import sys
import tempfile
import threading
import time
from typing import Any, TextIO

from kadr.speech.player import Player, wav_seconds
from kadr.speech.voices import DEFAULT_RATE, pick_voice

PROTOCOL = "kadr-speech-1"  # every event line carries it; any other stdout line is ignored
RENDER_TIMEOUT = 15.0  # seconds; rendering a long sentence takes well under one
EXIT_OK, EXIT_ERROR, EXIT_NO_VOICE, EXIT_UNAVAILABLE = 0, 1, 2, 3


class Channel:
    """Events to the parent on the real stdout; fd 1 goes to /dev/null, because pyttsx3
    prints "Audio saved to ..." there and must not mix into the protocol."""

    def __init__(self) -> None:
        self._out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        self._lock = threading.Lock()

    def send(self, event: str, **fields: object) -> None:
        line = json.dumps({"kadr": PROTOCOL, "event": event, **fields})
        with self._lock:
            self._out.write(line + "\n")
            self._out.flush()


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Engine:
    """One pyttsx3 engine. Every render is one save_to_file + runAndWait with the
    properties set again, because queued saves keep only the last file."""

    def __init__(self) -> None:
        import pyttsx3  # here, so a missing pyttsx3 is reported like a missing espeak-ng

        self._engine = pyttsx3.init()
        self._written = threading.Event()
        # With espeak-ng, runAndWait() returns before the WAV is written (synthesis runs on
        # espeak's own thread); this notification comes after the file is complete.
        self._engine.connect("finished-utterance", lambda **_: self._written.set())
        self.voices = [
            {
                "id": _text(v.id),
                "name": _text(v.name),
                "languages": [_text(x).strip("\x00 ") for x in (v.languages or [])],
            }
            for v in self._engine.getProperty("voices")
        ]

    def render(self, text: str, path: str, voice: str, rate: int, volume: float) -> bool:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)  # a stale file must not pass for a fresh one
        self._written.clear()
        self._engine.setProperty("voice", voice)
        self._engine.setProperty("rate", int(rate))
        self._engine.setProperty("volume", max(0.0, min(1.0, float(volume))))
        # espeak queues parameter changes; runAndWait() cancels whatever is still queued
        _wait_for_espeak_idle()
        self._engine.save_to_file(_with_rate(text, int(rate)), path)
        self._engine.runAndWait()
        if not self._written.wait(RENDER_TIMEOUT):
            return False
        _wait_for_espeak_idle()  # its thread may still be leaving the callback
        return wav_seconds(path) > 0


def _with_rate(text: str, rate: int) -> str:
    """For espeak, the speed is also written into the text as an embedded command
    (Ctrl-A, the words per minute, "S"): under load a rate set through pyttsx3 was sometimes
    lost, so a slow voice came out at the default speed; the embedded one always holds."""
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # another driver (SAPI5, NSSS): its rate property works
        return text
    return f"\x01{rate}S{text}" if _espeak.dll is not None else text


def _wait_for_espeak_idle(timeout: float = 2.0) -> None:
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # another driver (SAPI5, NSSS): nothing to wait for
        return
    deadline = time.monotonic() + timeout
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.002)


class Cancel:
    """Jobs with an id up to ``upto`` are stopped; ``wake`` cuts waits short."""

    def __init__(self) -> None:
        self.upto = 0
        self.wake = threading.Event()

    def stop(self, job_id: int) -> None:
        self.upto = max(self.upto, job_id)
        self.wake.set()

    def __call__(self, job_id: int) -> bool:
        return job_id <= self.upto


def read_commands(stream: TextIO, jobs: queue.Queue[dict[str, Any] | None], cancel: Cancel) -> None:
    """Runs in a thread, so a stop arrives while the main thread plays."""
    for line in stream:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        cmd = msg.get("cmd") if isinstance(msg, dict) else None
        if cmd == "say":
            jobs.put(msg)
        elif cmd == "stop":
            cancel.stop(int(msg.get("id", 0)))
        elif cmd == "quit":
            break
    cancel.stop(sys.maxsize)  # the studio has gone or asked us to quit: silence at once
    jobs.put(None)


def speak(
    job: dict[str, Any], engine: Engine, player: Player, chan: Channel, cancel: Cancel, workdir: str
) -> bool:
    job_id = int(job["id"])
    voice = job.get("voice")
    if voice not in {v["id"] for v in engine.voices}:  # none chosen, or not on this computer
        voice = pick_voice(engine.voices, job.get("lang"))
    if voice is None:
        chan.send("no_voice", id=job_id, lang=job.get("lang"))
        return False
    path = os.path.join(workdir, f"{os.getpid()}-{job_id}.wav")
    try:
        if cancel(job_id):
            return False
        if not engine.render(
            str(job["text"]), path, voice, job.get("rate", DEFAULT_RATE), job.get("volume", 1.0)
        ):
            raise RuntimeError("the engine wrote no audio")
        seconds = wav_seconds(path)
        if cancel(job_id):
            return False
        chan.send("started", id=job_id, seconds=seconds, voice=voice)
        sink = player.sink
        done = player.play(path, seconds, lambda: cancel(job_id), cancel.wake)
        if player.sink != sink:
            chan.send("sink", sink=player.sink)
        return done
    finally:
        if os.path.exists(path):
            os.remove(path)


def serve(workdir: str, sink: str) -> int:
    chan = Channel()
    try:
        engine = Engine()
    except Exception as exc:  # ImportError, RuntimeError("could not initialize espeak"), ...
        chan.send("unavailable", reason=repr(exc))
        return EXIT_UNAVAILABLE
    player = Player(sink)
    chan.send("ready", voices=engine.voices, sink=player.sink, pid=os.getpid())
    jobs: queue.Queue[dict[str, Any] | None] = queue.Queue()  # None: quit
    cancel = Cancel()
    threading.Thread(target=read_commands, args=(sys.stdin, jobs, cancel), daemon=True).start()
    while (job := jobs.get()) is not None:
        completed = False
        try:
            completed = speak(job, engine, player, chan, cancel, workdir)
        except Exception as exc:  # one bad utterance must not end the worker
            chan.send("error", id=job.get("id"), reason=repr(exc))
        chan.send("done", id=job.get("id"), completed=completed)
    return EXIT_OK


def save(args: argparse.Namespace) -> int:
    Channel()  # only to keep pyttsx3's chatter off stdout
    text = sys.stdin.buffer.read().decode("utf-8", "replace").strip()
    try:
        engine = Engine()
    except Exception as exc:
        print(f"kadr speech: engine unavailable: {exc!r}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    voice = args.voice or pick_voice(engine.voices, args.lang)
    if voice is None:
        print(f"kadr speech: no voice for {args.lang!r}", file=sys.stderr)
        return EXIT_NO_VOICE
    ok = bool(text) and engine.render(text, args.save, voice, args.rate, args.volume)
    return EXIT_OK if ok else EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kadr-speech-worker")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--save", metavar="PATH")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--rate", type=int, default=DEFAULT_RATE)
    parser.add_argument("--volume", type=float, default=1.0)
    parser.add_argument("--voice")
    args = parser.parse_args(argv)
    if hasattr(os, "setsid"):
        try:
            os.setsid()  # own process group: the studio can kill us together with aplay
        except OSError:
            pass
    if args.save:
        return save(args)
    return serve(args.workdir, os.environ.get("KADR_SPEECH_SINK", "audio"))


if __name__ == "__main__":
    sys.exit(main())

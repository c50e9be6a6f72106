"""The speech worker: a child process that owns the speech engines (engines.py: the
system's voices through pyttsx3, and the eSpeak NG Kadr carries for the languages those lack).

``python -m kadr.speech.worker --workdir DIR`` serves SpeechService: JSON commands on stdin,
JSON events on stdout, one utterance at a time. ``--save PATH`` renders the text read from
stdin to one WAV file and exits (exit codes below). Speech runs here, not in the studio,
because libespeak-ng calls exit() when its data is missing and pyttsx3 keeps per-process
state that goes wrong after a few calls (docs/decisions/0003-speech-worker-process.md).
Every "started" and "saved" event names the engine that spoke ("espeak", "sapi5", "nsss",
"avspeech" or "bundled") and the voice.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import tempfile
import threading
from typing import Any, TextIO

from kadr.speech.engines import Engines
from kadr.speech.player import Player, wav_seconds
from kadr.speech.system_engine import Engine  # noqa: F401 (tests list its voices)
from kadr.speech.voices import DEFAULT_RATE

PROTOCOL = "kadr-speech-1"  # every event line carries it; any other stdout line is ignored
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
        self.gone = False  # the studio stopped reading (closed, crashed or killed)

    def send(self, event: str, **fields: object) -> None:
        line = json.dumps({"kadr": PROTOCOL, "event": event, **fields})
        with self._lock:
            if self.gone:
                return
            try:
                self._out.write(line + "\n")
                self._out.flush()
            except (OSError, ValueError):  # BrokenPipeError: nobody reads any more
                self.gone = True
                # what is still buffered would be flushed at exit, into the broken pipe
                # again, with a traceback: let it go nowhere instead
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self._out.fileno())
                os.close(devnull)


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
    job: dict[str, Any], engines: Engines, player: Player, chan: Channel, cancel: Cancel,
    workdir: str,
) -> bool:
    job_id = int(job["id"])
    # the chosen voice when this computer has it, else the best for the language
    choice = engines.choose(job.get("lang"), job.get("voice"))
    if choice is None:
        chan.send("no_voice", id=job_id, lang=job.get("lang"))
        return False
    path = os.path.join(workdir, f"{os.getpid()}-{job_id}.wav")
    try:
        if cancel(job_id):
            return False
        rate, volume = job.get("rate", DEFAULT_RATE), job.get("volume", 1.0)
        if not engines.render(
            choice, str(job["text"]), path, rate, volume, lambda: cancel(job_id)
        ):
            if cancel(job_id):
                return False
            raise RuntimeError("the engine wrote no audio")
        seconds = wav_seconds(path)
        if cancel(job_id):
            return False
        chan.send("started", id=job_id, seconds=seconds, engine=choice[0], voice=choice[1])
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
        engines = Engines()
    except Exception as exc:  # no system engine and no bundled one
        chan.send("unavailable", reason=repr(exc))
        return EXIT_UNAVAILABLE
    player = Player(sink)
    chan.send("ready", voices=engines.voices, sink=player.sink, pid=os.getpid(),
              problems=engines.problems)
    jobs: queue.Queue[dict[str, Any] | None] = queue.Queue()  # None: quit
    cancel = Cancel()
    threading.Thread(target=read_commands, args=(sys.stdin, jobs, cancel), daemon=True).start()
    while not chan.gone and (job := jobs.get()) is not None:
        completed = False
        try:
            completed = speak(job, engines, player, chan, cancel, workdir)
        except Exception as exc:  # one bad utterance must not end the worker
            chan.send("error", id=job.get("id"), reason=repr(exc))
        chan.send("done", id=job.get("id"), completed=completed)
    return EXIT_OK


def save(args: argparse.Namespace) -> int:
    chan = Channel()  # keeps pyttsx3's chatter off stdout; "saved" says who spoke
    text = sys.stdin.buffer.read().decode("utf-8", "replace").strip()
    try:
        engines = Engines()
    except Exception as exc:
        print(f"kadr speech: engine unavailable: {exc!r}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    choice = engines.choose(args.lang, args.voice)
    if choice is None:
        print(f"kadr speech: no voice for {args.lang!r}", file=sys.stderr)
        return EXIT_NO_VOICE
    ok = bool(text) and engines.render(choice, text, args.save, args.rate, args.volume)
    if ok:
        chan.send("saved", engine=choice[0], voice=choice[1])
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

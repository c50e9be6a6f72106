"""A blind child's session with Kadr, keys only, under the real Orca (issue 15).

The studio runs on the private accessibility bus with a window manager (openbox, so a
dialog gets the keyboard as on a desktop), a private HOME (what is shared lands in its
Pictures folder) and a private speech-dispatcher (orca.SpeechServer). Every action is
real key presses (xdotool); after each one the session waits until Orca has said the
words expected (or a time-out) and then until Orca is quiet, and keeps everything Orca
said for that action. The tests judge what was kept: a failed wait is not an error here,
so one missing sentence fails one test, not the whole session.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bus import KadrApp, studio_on_bus
from screen_reader import Orca, SpeechServer, press, require_orca


@dataclass
class Step:
    name: str
    expected: str
    met: bool
    said: list[str]

    def __str__(self) -> str:
        state = "heard" if self.met else "NOT heard"
        return f"{self.name}: {self.expected!r} {state}; Orca said {self.said}"


@dataclass
class Session:
    app: KadrApp
    orca: Orca
    speech: SpeechServer
    steps: dict[str, Step] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        return self.app.bus.env

    def act(self, name: str, keys: list[str], expect: str, timeout: float = 30.0,
            quiet: float = 1.5) -> Step:
        """Press ``keys``; keep what Orca says until ``expect`` (a regex) is heard and
        Orca is quiet again."""
        since = len(self.orca.said())
        if keys:
            press(self.env, *keys)
        met = self.orca.wait_for(expect, since, timeout)
        self.orca.wait_quiet(quiet=quiet)
        step = Step(name, expect, met, self.orca.said()[since:])
        self.steps[name] = step
        return step

    def pictures(self) -> Path:
        return self.app.workdir / "home" / "Pictures" / "Kadr"


@contextlib.contextmanager
def orca_session(prefix: str, language: str = "en",
                 env: dict[str, str] | None = None) -> Iterator[Session]:
    """The studio (on a two-picture film) with Orca listening, both stopped after."""
    require_orca()
    with studio_on_bus(prefix, window_manager=True, language=language, env=env,
                       private_home=True) as app:
        speech = SpeechServer(app.workdir, {**app.bus.env, **app.extra_env})
        speech.start()
        orca = Orca(app.bus, app.workdir, env=app.extra_env, speech=speech)
        try:
            orca.start()
            orca.wait_quiet(quiet=2.0, most=15)
            yield Session(app, orca, speech)
        finally:
            orca.stop()
            speech.stop()


def count(lines: list[str], pattern: str) -> int:
    rx = re.compile(pattern)
    return sum(1 for line in lines if rx.search(line))

"""What Orca, the screen reader Debian ships, says when a blind child changes something.

Orca 43 does not speak AT-SPI announcements; Kadr also puts each message in front of the
focused control's description, which Orca reads. Here the real Orca runs on the private
accessibility bus (bus.py) with its debug log (screen_reader.Orca), keys are pressed with
xdotool, and the test reads Orca's own "SPEECH OUTPUT" lines: what the child hears, not
what Kadr emits.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest
from bus import studio_on_bus, unavailable
from screen_reader import Orca, press


@pytest.fixture(scope="module")
def heard():
    """Run a short keyboard-only session under Orca; give back what Orca said, in order."""
    if shutil.which("orca") is None:
        unavailable("orca is not installed (Debian: orca speech-dispatcher)")
    with studio_on_bus("kadr-orca-") as app:
        orca = Orca(app.bus, app.workdir)
        try:
            orca.start()
            for target, key in (("frame_add", "space"), ("canvas", "o"), ("canvas", "ctrl+z")):
                focus = app.client("focus", "--id", target, "--max-tabs", "60", timeout=300)
                assert focus.get("ok"), f"could not Tab to {target}: {focus}"
                time.sleep(1.5)
                press(app.bus.env, key)
                time.sleep(2.5)
        finally:
            orca.stop()
        yield orca.said()


def test_orca_speaks(heard):
    assert any("Screen reader on" in line for line in heard), heard[:5]


def test_adding_a_picture_is_heard(heard):
    assert any(re.search(r"Picture \d added", line) for line in heard), heard


def test_onion_skin_on_is_heard(heard):
    assert any("See other pictures: on" in line for line in heard), heard


def test_undo_is_heard(heard):
    assert any(line.startswith("Undone") or " Undone" in line for line in heard), heard


def test_undo_of_an_earlier_sessions_step_is_heard():
    """A picture added the last time the film was open: the first Ctrl+Z of today takes it
    back, and Orca says so (the film keeps its undo steps, core/undo_memory.py)."""
    if shutil.which("orca") is None:
        unavailable("orca is not installed (Debian: orca speech-dispatcher)")
    with studio_on_bus("kadr-orca-undo-", earlier_work="s.project.add_frame(1)") as app:
        orca = Orca(app.bus, app.workdir)
        try:
            orca.start()
            focus = app.client("focus", "--id", "canvas", "--max-tabs", "60", timeout=300)
            assert focus.get("ok"), f"could not Tab to the canvas: {focus}"
            time.sleep(1.5)
            press(app.bus.env, "ctrl+z")
            time.sleep(2.5)
        finally:
            orca.stop()
        heard = orca.said()
    assert any("Undone: Add picture" in line for line in heard), heard

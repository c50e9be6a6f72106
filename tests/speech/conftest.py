"""Speech tests use the real engine (pyttsx3 + espeak-ng) in real worker processes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpers import speech_engine_missing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
APP = Path(__file__).resolve().parents[2] / "app"
if str(APP) not in sys.path:
    sys.path.insert(0, str(APP))


@pytest.fixture
def engine() -> None:
    """The real engine: a test needing it fails under CI when it is missing, else skips."""
    why = speech_engine_missing()
    if why and os.environ.get("CI"):
        pytest.fail(f"{why}; CI must install espeak-ng (see packaging)")
    if why:
        pytest.skip(why)


@pytest.fixture
def make_service(qtbot):
    """SpeechService factory; "null" sink unless asked, because CI has no sound card."""
    from kadr.speech import SpeechService

    made = []

    def make(sink: str = "null", **env: str):
        service = SpeechService(engine_env={"KADR_SPEECH_SINK": sink, **env})
        made.append(service)
        return service

    yield make
    for service in made:
        service.shutdown()


@pytest.fixture(params=["no voice data", "no library"])
def broken_engine_env(request, tmp_path) -> dict[str, str]:
    """Worker environments in which the real engine breaks, in the two ways users meet:
    voice data missing (libespeak-ng calls exit(1): the process dies) and the library
    missing (pyttsx3.init() raises RuntimeError). Nothing is mocked: a fake data folder
    or a non-library file is simply found first. The eSpeak NG Kadr carries (bundled.py)
    would speak in the second case, so it is switched off there: nothing can speak."""
    if request.param == "no voice data":
        (tmp_path / "espeak-ng-data").mkdir()
        return {"ESPEAK_DATA_PATH": str(tmp_path / "espeak-ng-data")}
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "libespeak-ng.so.1").write_bytes(b"")  # dlopen fails on it
    return {"LD_LIBRARY_PATH": str(tmp_path / "lib"), "KADR_SPEECH_BUNDLED": "off"}

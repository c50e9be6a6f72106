"""Kadr's own eSpeak NG (the espeakng-loader wheel) speaks what the system cannot.

Windows has no Kazakh voice; SAPI5 cannot run here, so the worker is told to take the system
engine as lacking Kazakh (KADR_SPEECH_SYSTEM_LACKS, the one simulation) and everything else
is real: the bundled libespeak-ng renders to WAV files that are measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from speech_helpers import Recorder, read_wav

from kadr.i18n import LANGUAGES
from kadr.selfcheck import speaking_languages, speech_lines
from kadr.speech.launch import (
    engine_words,
    no_voice_message,
    render,
    unavailable_message,
    what_to_do,
)

ROOT = Path(__file__).resolve().parents[2]
NO_KAZAKH = {"KADR_SPEECH_SYSTEM_LACKS": "kk"}  # as on every Windows computer
NOTHING_FOR_KAZAKH = {**NO_KAZAKH, "KADR_SPEECH_BUNDLED": "off"}
KAZAKH = "Кішкентай түлкі айдың суретін салды, содан кейін тағы біреуін салды."
JAPANESE_KANA = "ちいさな きつねが つきの えを かきました。"


def audible(path) -> tuple[float, float]:
    samples, seconds = read_wav(path)
    return float(np.sqrt(np.mean(samples**2))), seconds


@pytest.fixture(autouse=True)
def _bundled_installed():
    """The test extra installs espeakng-loader; without it these tests must fail, not skip."""
    import espeakng_loader  # noqa: F401


def test_kazakh_without_a_system_voice_speaks_through_kadrs_own(engine, tmp_path):
    """No system voice for Kazakh: the bundled library speaks it, audibly, at a child's pace."""
    path = tmp_path / "kk.wav"
    done = render(KAZAKH, path, lang="kk", rate=130, env=NO_KAZAKH)
    assert (done.ok, done.engine, done.voice) == (True, "bundled", "bundled:trk/kk")
    rms, seconds = audible(path)
    expected = len(KAZAKH.split()) / 130 * 60  # a word at a time at 130 words a minute
    assert 0.5 * expected < seconds < 2.0 * expected
    assert rms > 500  # not silence (full scale is 32767)


def test_the_system_voice_comes_first(engine, tmp_path):
    """Where the system speaks Kazakh (espeak-ng here), Kadr keeps using it."""
    done = render(KAZAKH, tmp_path / "kk.wav", lang="kk")
    assert (done.ok, done.engine, done.voice) == (True, "espeak", "trk/kk")


def test_japanese_kana_reading_speaks_through_kadrs_own(engine, tmp_path):
    """The kana reading of a Japanese line is spoken by the bundled voice too."""
    path = tmp_path / "ja.wav"
    done = render(JAPANESE_KANA, path, lang="ja", env={"KADR_SPEECH_SYSTEM_LACKS": "ja"})
    assert (done.ok, done.engine, done.voice) == (True, "bundled", "bundled:jpx/ja")
    rms, seconds = audible(path)
    assert 1.5 < seconds < 10 and rms > 500


def test_bundled_rate_is_honoured(engine, tmp_path):
    """Slow speech from the bundled voice is really slower."""
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert render(KAZAKH, slow, lang="kk", rate=90, env=NO_KAZAKH).engine == "bundled"
    assert render(KAZAKH, fast, lang="kk", rate=180, env=NO_KAZAKH).engine == "bundled"
    assert audible(slow)[1] > 1.5 * audible(fast)[1]


def test_no_system_engine_at_all_every_language_still_speaks(tmp_path):
    """With no system engine (SAPI5 broken, no espeak-ng), Kadr's own voice speaks all five."""
    found = speaking_languages(env={"KADR_SPEECH_SYSTEM_LACKS": "all"})
    assert found == dict.fromkeys(["en", "ru", "kk", "ko", "ja"], "bundled")


def test_self_check_names_the_engine_of_each_language(engine):
    """--self-check's lines say which engine speaks each language, in plain words."""
    found = speaking_languages(env=NO_KAZAKH)
    assert found == {"en": "espeak", "ru": "espeak", "kk": "bundled", "ko": "espeak",
                     "ja": "espeak"}
    lines = speech_lines(found)
    assert (True, f"{LANGUAGES['kk']} is spoken by eSpeak NG (comes with Kadr)") in lines
    assert (True, f"{LANGUAGES['en']} is spoken by eSpeak NG (installed on this computer)") \
        in lines
    assert all(ok for ok, _ in lines)


def test_with_neither_engine_the_teacher_is_told_what_to_do(engine, monkeypatch):
    """No system voice and no bundled one for Kazakh: a plain warning with what to do."""
    monkeypatch.setenv("KADR_SPEECH_BUNDLED", "off")  # this process too: a Kadr without it
    found = speaking_languages(env=NOTHING_FOR_KAZAKH)
    assert found["kk"] == "" and found["ru"] == "espeak"
    lines = speech_lines(found)
    assert (False, no_voice_message("kk")) in lines
    assert "install the espeak-ng package" in no_voice_message("kk")  # what to do on Linux
    assert sum(not ok for ok, _ in lines) == 1


def test_self_check_command_reports_kazakh(engine, tmp_path, monkeypatch):
    """`kadr --self-check` itself: the bundled engine for Kazakh, or the warning without it."""

    def speech_lines_of(env: dict[str, str]) -> list[str]:
        out = subprocess.run(
            [sys.executable, "-m", "kadr", "--self-check"], capture_output=True, text=True,
            timeout=300, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "app"), "QT_QPA_PLATFORM": "offscreen",
                 "KADR_LIBRARY": str(tmp_path / "lib"), **env})
        assert out.returncode == 0, out.stdout + out.stderr
        return [line for line in out.stdout.splitlines() if "Speech:" in line]

    kazakh = f"{LANGUAGES['kk']} is spoken by eSpeak NG (comes with Kadr)"
    assert f"ok       Speech: {kazakh}" in speech_lines_of(NO_KAZAKH)
    warned = speech_lines_of(NOTHING_FOR_KAZAKH)
    monkeypatch.setenv("KADR_SPEECH_BUNDLED", "off")  # the words as that process chose them
    assert f"warning  Speech: {no_voice_message('kk')}" in warned


def test_what_to_do_fits_each_computer():
    """The advice names the step that gives a voice on that kind of computer."""
    assert "install Kadr again" in what_to_do("win32", carries_voices=False)
    assert "install Kadr again" in what_to_do("linux", carries_voices=True)
    assert "Spoken Content" in what_to_do("darwin", carries_voices=False)
    assert "espeak-ng package" in what_to_do("linux", carries_voices=False)
    assert engine_words("sapi5") == "Windows voices"


def test_studio_speaks_kazakh_through_kadrs_own(engine, qtbot, make_service):
    """The studio's speech service lists the bundled Kazakh voice and speaks with it."""
    service = make_service(**NO_KAZAKH)
    with qtbot.waitSignal(service.voices_changed, timeout=20_000):
        pass
    kazakh = [v for v in service.voices() if "kk" in v["languages"]]
    assert [(v["id"], v["engine"]) for v in kazakh] == [("bundled:trk/kk", "bundled")]
    started: list[str] = []
    service.started.connect(started.append)
    service.say("Сәлем!", lang="kk")
    qtbot.waitUntil(lambda: started == ["Сәлем!"], timeout=20_000)
    qtbot.waitUntil(lambda: not service.is_speaking(), timeout=20_000)


def test_studio_tells_the_teacher_once_when_kazakh_has_no_voice(engine, qtbot, make_service):
    """Neither engine speaks Kazakh: the words still come, with one plain message."""
    service = make_service(**NOTHING_FOR_KAZAKH)
    told: list[tuple[str, str]] = []
    service.no_voice.connect(lambda lang, msg: told.append((lang, msg)))
    captions: list[str] = []
    service.caption.connect(captions.append)
    service.say("Сәлем!", lang="kk")
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    service.say("Сау бол!", lang="kk", policy="after")
    qtbot.waitUntil(lambda: not service.is_speaking(), timeout=20_000)
    assert told == [("kk", no_voice_message("kk"))]
    assert captions == ["Сәлем!", "Сау бол!"]


def test_nothing_speaks_is_one_plain_line(monkeypatch):
    """No system engine and no bundled one: one warning that says what to do."""
    monkeypatch.setenv("KADR_SPEECH_BUNDLED", "off")
    found = speaking_languages(env={"KADR_SPEECH_SYSTEM_LACKS": "all", "KADR_SPEECH_BUNDLED": "off"})
    assert found == dict.fromkeys(["en", "ru", "kk", "ko", "ja"], "")
    assert speech_lines(found) == [(False, f"{unavailable_message()} {what_to_do()}")]
    assert "espeak-ng package" in what_to_do()


def test_bundled_speech_is_cut_short_by_new_words(engine, qtbot, make_service):
    """say(policy="now") stops a long Kazakh sentence from the bundled voice and speaks on."""
    service = make_service(**NO_KAZAKH)
    events = Recorder(service)
    long_kazakh = " ".join([KAZAKH] * 3)  # about 15 s
    service.say(long_kazakh, lang="kk")
    qtbot.waitUntil(lambda: bool(events.values("started")), timeout=20_000)
    service.say("Сау бол!", "now", lang="kk")
    qtbot.waitUntil(lambda: "Сау бол!" in events.values("finished"), timeout=20_000)
    assert events.values("started") == [long_kazakh, "Сау бол!"]
    assert events.values("finished") == [long_kazakh, "Сау бол!"]
    assert events.first_time("finished", long_kazakh) < events.first_time("started", "Сау бол!")
    assert not events.values("unavailable")

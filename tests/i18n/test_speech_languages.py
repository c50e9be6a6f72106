"""Speech in every language: a translated sentence renders to audible WAV with that
language's own voice (Japanese from its kana reading)."""

from __future__ import annotations

import array
import json
import math
import os
import subprocess
import sys
import wave

import pytest

from helpers import speech_engine_missing
from kadr import i18n
from kadr import i18n_extract as extract

# A real sentence from the catalogues; its Japanese has kanji, so the kana reading is used.
SENTENCE = "For teachers: let learners skip lesson steps"
LANGS = ["en", "ru", "kk", "ko", "ja"]




@pytest.fixture(scope="module")
def voices() -> list[dict]:
    """The engine's voices, listed by a worker-like child process (the engine must be
    there under CI: a missing one fails instead of skipping)."""
    why = speech_engine_missing()
    if why and os.environ.get("CI"):
        pytest.fail(f"{why}; CI must install espeak-ng (see packaging)")
    if why:
        pytest.skip(why)
    code = ("import json; from kadr.speech.worker import Engine; "
            "print(json.dumps(Engine().voices))")
    from kadr.speech.launch import worker_env

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=worker_env(), timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def rms(path) -> tuple[float, float]:
    """(root mean square of the samples, seconds) of a 16-bit WAV."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        frames = w.getnframes()
        samples = array.array("h", w.readframes(frames))
        seconds = frames / w.getframerate()
    if sys.byteorder == "big":
        samples.byteswap()
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples))), seconds


@pytest.mark.parametrize("lang", LANGS)
def test_sentence_is_spoken_with_the_language_voice(voices, tmp_path, lang):
    """tr_speech() text renders, with the language's own voice, to audible WAV (ja: kana)."""
    from kadr.speech import render_to_file
    from kadr.speech.voices import PREFERRED, pick_voice

    voice = pick_voice(voices, lang)
    assert voice is not None, f"no {lang} voice among {[v['id'] for v in voices]}"
    if os.environ.get("CI"):  # the packaged espeak-ng voice, not a look-alike
        assert voice.lower() in PREFERRED[lang]
    i18n.set_language(lang)
    text = i18n.tr_speech(SENTENCE)
    if lang != "en":
        assert text != SENTENCE
    if lang == "ja":
        assert not extract.has_kanji(text), text
    path = tmp_path / f"{lang}.wav"
    assert render_to_file(text, path, lang=lang, voice=voice, rate=130)
    loudness, seconds = rms(path)
    assert loudness > 300  # full scale is 32767; silence is 0
    assert seconds > 1.0

"""Rendering speech to WAV files in a fresh worker process."""

from __future__ import annotations

import numpy as np
import pytest
from speech_helpers import read_wav

from kadr.speech import render_to_file

SENTENCES = {
    "en": "The little red fox jumps over the sleeping brown dog in the garden.",
    "ru": "Маленькая рыжая лиса прыгает через спящую собаку в саду.",
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_sentence_renders_to_audible_wav(engine, tmp_path, lang):
    """Lessons get real, audible speech of a plausible length in English and Russian."""
    path = tmp_path / f"{lang}.wav"
    assert render_to_file(SENTENCES[lang], path, lang=lang, rate=130)
    samples, seconds = read_wav(path)
    words = len(SENTENCES[lang].split())
    expected = words / 130 * 60  # a word at a time, at 130 words per minute
    assert 0.5 * expected < seconds < 2.0 * expected
    assert np.sqrt(np.mean(samples**2)) > 500  # not silence (full scale is 32767)


def test_slower_rate_gives_longer_file(engine, tmp_path):
    """A slower rate really slows the speech (pyttsx3 can silently keep the old rate)."""
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert render_to_file(SENTENCES["en"], slow, rate=90)
    assert render_to_file(SENTENCES["en"], fast, rate=180)
    assert read_wav(slow)[1] > 1.5 * read_wav(fast)[1]


def test_service_speaks_to_file_with_its_settings(engine, tmp_path, make_service):
    """speak_to_file uses the service's rate and language, and reports a missing voice."""
    service = make_service()
    service.set_rate(100)
    path = tmp_path / "ru.wav"
    assert service.speak_to_file(SENTENCES["ru"], path, lang="ru")
    assert read_wav(path)[1] > 0.5 * len(SENTENCES["ru"].split()) / 100 * 60
    assert not service.speak_to_file("Qapla'", tmp_path / "tlh.wav", lang="tlh")

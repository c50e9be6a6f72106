"""Each studio language gets its own voice."""

from __future__ import annotations

from kadr.speech import pick_voice

EXPECTED = {"en": "gmw/en-us", "ru": "zle/ru", "kk": "trk/kk", "ko": "ko", "ja": "jpx/ja"}


def test_every_studio_language_has_its_espeak_voice(engine, qtbot, make_service):
    """The worker's real voice list gives each studio language the right espeak-ng voice."""
    service = make_service()
    with qtbot.waitSignal(service.voices_changed, timeout=20_000):
        pass
    voices = service.voices()
    assert {lang: pick_voice(voices, lang) for lang in EXPECTED} == EXPECTED
    assert pick_voice(voices, "tlh") is None


def test_voices_are_found_by_language_or_name():
    """Voices without espeak ids (Windows, macOS) are still matched by language or name."""
    sapi = [
        {"id": "HKLM\\Voices\\TTS_MS_EN-US_ZIRA", "name": "Microsoft Zira", "languages": ["en_US"]},
        {
            "id": "HKLM\\Voices\\TTS_MS_RU-RU_IRINA",
            "name": "Microsoft Irina - Russian",
            "languages": [],
        },
    ]
    assert pick_voice(sapi, "en") == sapi[0]["id"]
    assert pick_voice(sapi, "ru") == sapi[1]["id"]
    assert pick_voice(sapi, "kk") is None
    assert pick_voice(sapi, "pseudo") == sapi[0]["id"]  # the test locale speaks English

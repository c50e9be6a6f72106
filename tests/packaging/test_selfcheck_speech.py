"""`kadr --self-check` says which of Kadr's languages can speak on this computer."""

from kadr import selfcheck
from kadr.speech import launch


def test_every_language_is_tried_with_its_own_voice(monkeypatch, tmp_path):
    asked = []

    def fake_render(text, path, *, lang=None, env=None, **_):
        asked.append(lang)
        if lang == "kk":
            return False  # no Kazakh voice, as on Windows
        return True

    monkeypatch.setattr(launch, "render_to_file", fake_render)
    monkeypatch.setattr(launch, "wav_rms", lambda path: 1000.0)
    found = selfcheck.speaking_languages()
    assert sorted(asked) == sorted(["en", "ru", "kk", "ko", "ja"])
    assert found == {"en": True, "ru": True, "kk": False, "ko": True, "ja": True}
    lines = selfcheck.speech_lines(found)
    assert lines[0][0] and "English" in lines[0][1] and "日本語" in lines[0][1]
    assert "Қазақша" not in lines[0][1]
    assert lines[1:] == [(False, launch.no_voice_message("kk"))]


def test_no_voice_at_all_is_one_plain_line():
    lines = selfcheck.speech_lines(dict.fromkeys(["en", "ru", "kk", "ko", "ja"], False))
    assert lines == [(False, launch.unavailable_message())]

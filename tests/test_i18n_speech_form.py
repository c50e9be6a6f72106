"""Japanese speech uses kana readings, also for strings with values filled in."""

import json

from kadr import i18n


def test_spoken_form_fills_values_into_the_reading(tmp_path, monkeypatch):
    """A filled-in Japanese template is spoken with its kana reading and the same values."""
    (tmp_path / "ja.json").write_text(json.dumps({"Picture {n} of {count}": "{count}まいの{n}枚目"}),
                                      "utf-8")
    (tmp_path / "ja.speech.json").write_text(json.dumps({"Picture {n} of {count}":
                                                         "{count}まいの{n}まいめ"}), "utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.set_language("ja")
    try:
        shown = i18n.tr("Picture {n} of {count}", n=2, count=5)
        assert shown == "5まいの2枚目"
        assert i18n.spoken_form(shown) == "5まいの2まいめ"
        assert i18n.spoken_form("ほかのことば") == "ほかのことば"
    finally:
        i18n.set_language("en")

"""The extractor tool on a small made-up package: find, update, check, todo and merge."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kadr import i18n
from kadr import i18n_extract as extract

SOURCE = '''
from kadr.i18n import tr, tr_speech as say
from kadr import i18n
from kadr.i18n import tr as ui

LABEL = tr("At import time")

def words(name):
    a = tr("Play")
    b = say("Picture {n}", n=1)
    c = i18n.tr("Stop")
    d = ui("Hint")
    e = tr(name)
    f = tr(f"Hello {name}")
    g = other.tr("Not ours")
    return a, b, c, d, e, f, g
'''


@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "kadr"
    (root / "ui").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "ui" / "__init__.py").write_text("")
    (root / "ui" / "screen.py").write_text(SOURCE, encoding="utf-8")
    (root / "ui" / "relative.py").write_text(
        "from ..i18n import tr\n\ndef f():\n    return tr('Relative import')\n")
    return root


def test_finds_literal_strings_through_every_import(package):
    """tr, aliases of tr and tr_speech, i18n.tr and relative imports are all found."""
    found = extract.extract(package)
    assert list(found.strings) == ["Relative import", "At import time", "Play", "Picture {n}",
                                   "Stop", "Hint"]
    assert found.strings["Play"].places == ["kadr/ui/screen.py:9"]


def test_warns_about_texts_translators_cannot_see(package):
    """A variable or f-string first argument, and tr() at import time, are warnings."""
    warnings = "\n".join(extract.extract(package).warnings)
    assert "screen.py:13: tr() needs a literal string, got name" in warnings
    assert "screen.py:14: tr() needs a literal string, got f'Hello {name}'" in warnings
    assert "screen.py:6: tr() runs at import time" in warnings
    assert "Not ours" not in warnings


def test_update_adds_empty_entries_and_drops_unused_ones(package, tmp_path):
    """--update: new strings get "", gone strings leave, translations and notes stay."""
    locale = tmp_path / "locale"
    locale.mkdir()
    (locale / "ru.json").write_text(json.dumps({
        "@notes": {"Play": "the film, not a game", "Gone": "x"},
        "Play": "Смотреть", "Gone": "Пропало"}), encoding="utf-8")
    report = extract.update(extract.extract(package), locale, langs=("ru",))
    data = json.loads((locale / "ru.json").read_text(encoding="utf-8"))
    assert report["ru"] == (5, 1)
    assert data["Play"] == "Смотреть" and data["Stop"] == "" and "Gone" not in data
    assert data["@notes"] == {"Play": "the film, not a game"}


def test_the_app_ignores_notes_and_empty_values(package, tmp_path, monkeypatch):
    """What --update writes loads cleanly: "@" notes and "" values fall back to English."""
    locale = tmp_path / "locale"
    locale.mkdir()
    extract.update(extract.extract(package), locale, langs=("ru",))
    data = json.loads((locale / "ru.json").read_text(encoding="utf-8"))
    data["Play"] = "Смотреть"
    (locale / "ru.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    assert i18n.load_catalogue("ru") == {"Play": "Смотреть"}
    i18n.set_language("ru")
    assert (i18n.tr("Play"), i18n.tr("Stop")) == ("Смотреть", "Stop")


def test_check_lists_missing_translations_and_placeholder_mismatches(package, tmp_path):
    """--check complains about empty values, changed placeholders and missing kana."""
    locale = tmp_path / "locale"
    locale.mkdir()
    found = extract.extract(package)
    extract.update(found, locale)
    ja = json.loads((locale / "ja.json").read_text(encoding="utf-8"))
    ja.update({k: "ことば" for k in found.strings})
    ja["Picture {n}"] = "絵 {number}"
    (locale / "ja.json").write_text(json.dumps(ja, ensure_ascii=False), encoding="utf-8")
    problems = extract.problems(found, locale, langs=("ja",))
    assert "ja: placeholders differ in 'Picture {n}': ['n'] vs ['number']" in problems
    assert "ja.speech: no kana reading for 'Picture {n}' (絵 {number})" in problems
    assert not any(p.startswith("ja: untranslated") for p in problems)
    assert any(p.startswith("ru: ") for p in extract.problems(found, locale))


def test_todo_and_merge_round_trip(package, tmp_path):
    """--todo gives what is left as JSON; --merge takes it back filled in."""
    locale = tmp_path / "locale"
    locale.mkdir()
    found = extract.extract(package)
    extract.update(found, locale)
    todo = extract.todo("kk", found, locale)
    assert set(todo) == set(found.strings) and set(todo.values()) == {""}
    filled = tmp_path / "kk-todo.json"
    filled.write_text(json.dumps({"Play": "Ойнату", "Stop": ""}, ensure_ascii=False),
                      encoding="utf-8")
    assert extract.merge("kk", filled, found, locale) == 1
    assert "Play" not in extract.todo("kk", found, locale)


def test_command_line_check_passes():
    """The real command exits 0 on the shipped catalogues (so CI can run it)."""
    app = Path(extract.__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-m", "kadr.i18n_extract", "--check"],
                            cwd=app, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout[-2000:]

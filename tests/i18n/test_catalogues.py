"""Catalogues against the source: every string translated, placeholders kept, scripts clean."""

from __future__ import annotations

import re

import pytest

from kadr import i18n
from kadr import i18n_extract as extract

LANGS = extract.LANGS
CYRILLIC = "\u0400-\u04ff"
WORD = re.compile(r"[^\W\d_]+")  # runs of letters: digits and "_" split words, like hyphens
MIXED = re.compile(rf"(?=[^\W\d_]*[A-Za-z])(?=[^\W\d_]*[{CYRILLIC}])[^\W\d_]+")
LATIN_WORD = re.compile(r"^[A-Za-z]+$")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@pytest.fixture(scope="module")
def found() -> extract.Extraction:
    return extract.extract()


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict[str, str]]:
    return {lang: extract.translations(extract.read_json(extract.catalogue_path(lang)))
            for lang in LANGS}


def test_source_strings_are_found(found):
    """The extractor finds the studio's strings and no tr() call hides a non-literal text."""
    assert len(found.strings) > 300
    for text in ("Play", "Undo", "See other pictures", "Picture {n} of {count}, lasts 1 frame"):
        assert text in found.strings
    assert [w for w in found.warnings if "literal" in w] == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_untranslated_string(found, catalogues, lang):
    """Every tr() string in the code has a translation (run --update, then translate)."""
    cat = catalogues[lang]
    missing = [text for text in found.strings if not cat.get(text)]
    assert missing == [], (
        f"{len(missing)} strings lack a {lang} translation. Run "
        f"'python -m kadr.i18n_extract --update' and translate them (docs/translations.md)")


@pytest.mark.parametrize("lang", LANGS)
def test_no_stale_string(found, catalogues, lang):
    """A catalogue holds no string the code no longer uses (--update removes them)."""
    assert [k for k in catalogues[lang] if k not in found.strings] == []


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_the_source(catalogues, lang):
    """Each translation keeps exactly the {placeholders} of its English text."""
    bad = [(k, v) for k, v in catalogues[lang].items()
           if extract.placeholders(k) != extract.placeholders(v)]
    assert bad == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_format_with_sample_values(found, catalogues, lang):
    """tr() with values works in every language (no stray braces break str.format)."""
    i18n.set_language(lang)
    for text in found.strings:
        names = extract.placeholders(text)
        values = {name: "7" for name in names}
        assert i18n.tr(text, **values) == catalogues[lang][text].format(**values)


def test_check_command_passes(found):
    """`python -m kadr.i18n_extract --check` reports no problem (it is what CI runs)."""
    assert extract.problems(found) == []


def test_kazakh_has_no_latin_letters_inside_cyrillic_words(catalogues):
    """Kazakh words are all Cyrillic: no Latin look-alike (a, e, o, p, c, x, i, K, H...)."""
    bad = {k: MIXED.findall(v) for k, v in catalogues["kk"].items() if MIXED.search(v)}
    assert bad == {}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_latin_words_in_cyrillic_text_come_from_the_source(catalogues, lang):
    """Whole Latin words (Kadr, GIF, Enter) come from the English, not look-alike typing."""
    bad = {}
    for source, text in catalogues[lang].items():
        english = set(WORD.findall(source))
        strange = [w for w in WORD.findall(text) if LATIN_WORD.match(w) and w not in english]
        if strange:
            bad[source] = strange
    assert bad == {}


def test_kazakh_uses_its_own_letters(catalogues):
    """The Kazakh catalogue really is Kazakh: its special letters appear throughout."""
    with_letters = [v for v in catalogues["kk"].values() if KAZAKH_LETTERS & set(v)]
    assert len(with_letters) > len(catalogues["kk"]) // 2


def test_mixed_script_check_catches_look_alikes():
    """The check itself finds a Latin 'c' in 'Меңзерcіз' and a Latin 'i' in 'Үлгi'."""
    assert MIXED.findall("Меңзерcіз мен Үлгi, Kadr және GIF") == ["Меңзерcіз", "Үлгi"]


def test_japanese_kanji_strings_have_kana_readings(catalogues):
    """Every Japanese string with kanji has a reading in ja.speech.json with no kanji."""
    speech = extract.translations(extract.read_json(extract.speech_path()))
    missing = [k for k, v in catalogues["ja"].items() if extract.has_kanji(v) and not speech.get(k)]
    assert missing == []
    assert [k for k, v in speech.items() if extract.has_kanji(v)] == []
    assert [k for k, v in speech.items()
            if extract.placeholders(v) != extract.placeholders(k)] == []
    assert any(extract.has_kanji(v) for v in catalogues["ja"].values())  # the test means something


def test_speech_reading_is_what_tr_speech_says():
    """tr_speech() gives the kana reading in Japanese and the plain translation elsewhere."""
    text = "Warning: {what}"
    i18n.set_language("ja")
    assert i18n.tr(text, what="x") == "注意: x"
    assert i18n.tr_speech(text, what="x") == "ちゅうい: x"
    i18n.set_language("ru")
    assert i18n.tr_speech(text, what="x") == i18n.tr(text, what="x") == "Внимание: x"

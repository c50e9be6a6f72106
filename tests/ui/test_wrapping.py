"""Japanese lines break between words, never inside one (Qt alone breaks anywhere)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

from kadr.ui.wrapping import JOIN, breakable, hyphenated_lines, may_break

SPACED = "さくひんの ファイルが こわれて います。 Kadrは そのままに しました。 せんせいに きいてね。"
PLAIN = "新しい絵をかいて、コピーボタンを押してね。"


def line_starts(text: str, width: float) -> list[int]:
    """Where Qt starts each line of ``text`` laid out ``width`` px wide."""
    layout = QTextLayout(text, QFont("Noto Sans CJK JP", 14))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts


def words_of(text: str) -> set[int]:
    """Character positions (in the text without joiners) where a line may start."""
    plain = text.replace(JOIN, "")
    return {i for i in range(1, len(plain) + 1) if plain[i - 1] == " " or plain[i - 1] in "。、"}


def test_spaced_japanese_breaks_only_at_spaces_and_punctuation(qapp):
    glued = breakable(SPACED, "ja")
    starts = line_starts(glued, 120)
    assert len(starts) > 3  # it really wraps
    allowed = words_of(SPACED)
    for start in starts[1:]:
        before = glued[:start].replace(JOIN, "")
        assert len(before) in allowed, glued[:start][-6:]


def test_unglued_japanese_would_break_inside_words(qapp):
    """The same text as Qt lays it out alone: proof the test above can fail."""
    starts = line_starts(SPACED, 120)
    allowed = words_of(SPACED)
    assert any(start not in allowed for start in starts[1:])


def test_text_without_spaces_breaks_at_phrase_ends():
    assert not may_break("新", "し")  # inside 新しい
    assert not may_break("コ", "ピ")  # inside a katakana word
    assert may_break("を", "押")  # after a particle, before the next word
    assert may_break("、", "コ")
    assert JOIN in breakable(PLAIN, "ja")


def test_other_languages_are_left_alone():
    assert breakable("Нажми «Смотреть».", "ru") == "Нажми «Смотреть»."
    assert breakable("재생 버튼을 누르세요", "ko") == "재생 버튼을 누르세요"


def test_long_words_break_with_a_hyphen_after_a_vowel():
    """A word too long for a button's line is broken with a hyphen where a syllable
    ends (after a vowel, the rest starting consonant + vowel), not between any two
    letters; words that fit are never broken."""
    def width(s: str) -> float:
        return 5.0 * len(s)

    assert hyphenated_lines("Все инструменты", width, 50) == ["Все", "инстру-", "менты"]
    assert hyphenated_lines("Я инструменты", width, 52) == ["Я инстру-", "менты"]
    assert hyphenated_lines("Скопировать картинку", width, 50) == [
        "Скопиро-", "вать", "картинку"]
    assert hyphenated_lines("Добавить картинку", width, 50) == ["Добавить", "картинку"]
    assert hyphenated_lines("Прямоугольник", width, 40) == ["Прямоу-", "гольник"]
    # no vowel to break after: the word stays whole (the button then elides it)
    assert hyphenated_lines("Xkcdmnprt", width, 30) == ["Xkcdmnprt"]


def test_a_button_word_is_hyphenated_not_cut_anywhere(qapp):
    """'Скопировать картинку' on a 56 px button: every drawn line is a whole word or a
    part of one ending in a hyphen (what the paint code draws, by its own measure)."""
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(QFont("Noto Sans", 7))
    lines = hyphenated_lines("Скопировать картинку", metrics.horizontalAdvance, 50)
    assert len(lines) >= 2 and all(metrics.horizontalAdvance(x) <= 50 for x in lines)
    assert "".join(x.rstrip("-") if x.endswith("-") else x + " " for x in lines).split() == [
        "Скопировать", "картинку"]

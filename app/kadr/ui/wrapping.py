"""Labels whose lines break between words in every language.

Qt breaks Japanese (and Chinese) text between any two characters, so a word like
「絵」「描く」 can be split across lines. Japanese has no spaces, so the places a line may
break are guessed from the scripts (a phrase ends where kana particles meet a new word)
and every other gap is glued with WORD JOINER (U+2060), which Qt's line breaker honours
and screen readers skip. The label's text() still returns the words as given.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kadr import i18n

JOIN = "\u2060"
_PUNCT = set("、。！？!?,.・：:；;」』）)]】 \u3000")
_OPENING = set("「『（([【")


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x3041 <= code <= 0x309F:
        return "hira"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or ch == "ー":
        return "kata"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or ch in "々〆":
        return "kanji"
    if ch.isascii() and ch.isalnum():
        return "latin"
    return "other"


def may_break(before: str, after: str) -> bool:
    """Whether a Japanese line may break between ``before`` and ``after``."""
    if before in _PUNCT or after in _OPENING:
        return True
    if after in _PUNCT or before in _OPENING:
        return False
    a, b = _script(before), _script(after)
    if a == "hira":
        return b in ("kanji", "kata", "latin")  # a phrase ends: 「ボタンを|おして」 is not
    if a == "kata":
        return b not in ("kata", "hira")
    if a == "latin":
        return b != "latin"
    if a == "kanji":
        return b in ("kata", "latin")
    return True


def breakable(text: str, language: str | None = None) -> str:
    """``text`` with its non-breaking gaps glued (Japanese only; others unchanged).

    Kadr's Japanese is written for children with spaces between words (wakachigaki):
    then lines break only at spaces and after punctuation. Text without spaces gets
    the script-based guess of ``may_break``."""
    if (language or i18n.language()) != "ja" or len(text) < 2:
        return text
    spaced = " " in text or "\u3000" in text
    out = [text[0]]
    for before, after in zip(text, text[1:]):
        if not before.isspace() and not after.isspace():
            allowed = before in _PUNCT if spaced else may_break(before, after)
            if not allowed:
                out.append(JOIN)
        out.append(after)
    return "".join(out)


def line_height() -> int:
    """The height of a line of wrapped words in percent of the usual: more with the
    reader's "Space between letters, words and lines" (theme.apply keeps it)."""
    from kadr.ui.theme import LINE_HEIGHT_PERCENT

    app = QApplication.instance()
    step = app.property("kadr_spacing") if app is not None else None
    return 100 + LINE_HEIGHT_PERCENT * (step if isinstance(step, int) else 0)


class WrappedLabel(QLabel):
    """A word-wrapped label of plain words that breaks Japanese lines between words, with
    the room between lines the reader chose. With a fixed height (the studio's caption line) its
    type shrinks until the words fit: long messages at UI size 200 % are never cut."""

    MIN_POINTS = 8.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._words = ""
        self._height = 100  # the line height the words are shown with

    def setText(self, text: str) -> None:  # noqa: N802
        self._words = text
        self._height = line_height()
        shown, spaced = breakable(text), self._height != 100
        if spaced:
            # Qt's rich text knows a line height (its fonts do not); the words stay plain
            # words (escaped), and screen readers get them alone
            body = html.escape(shown).replace("\n", "<br>")
            shown = f'<p style="line-height:{self._height}%; margin:0">{body}</p>'
        self.setTextFormat(Qt.TextFormat.RichText if spaced else Qt.TextFormat.PlainText)
        super().setText(shown)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        # the reader's spacing changes the application's font: show the new line height
        if event.type() == QEvent.Type.FontChange and self._height != line_height():
            self.setText(self._words)

    def text(self) -> str:
        return self._words

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        if self.minimumHeight() != self.maximumHeight() or self.width() < 20:
            return  # only a fixed-height label shrinks its words
        self.setFont(QFont())  # the style sheet's size first, then smaller if needed
        font = self.font()
        while self.heightForWidth(self.width()) > self.height() and \
                font.pointSizeF() > self.MIN_POINTS:
            font.setPointSizeF(max(self.MIN_POINTS, font.pointSizeF() * 0.9))
            self.setFont(font)


VOWELS = set("aeiouyаеёиоуыэюяәіөұүүі")  # a Russian or Kazakh word breaks after a vowel


def hyphenated_lines(text: str, width: Callable[[str], float], room: float) -> list[str]:
    """``text`` in lines no wider than ``room`` (``width`` measures a string), breaking
    between words, and a word too long for a line with a hyphen after a vowel
    ("инстру-менты", "Скопиро-вать"), never between any two letters as Qt's "wrap
    anywhere" does. A word that cannot be broken so stays whole (the caller elides)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
            continue
        if lines and width(word) > room:  # too long for any line: begin it on this one
            line = lines[-1] + " "
            cut = _hyphen_at(word, partial(_after, width, line), room)
            if cut:
                lines[-1], word = line + word[:cut] + "-", word[cut:]
        while width(word) > room:
            cut = _hyphen_at(word, width, room)
            if not cut:
                break
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return lines


def fitting_lines(text: str, metrics: QFontMetrics, room: QRect) -> str | None:
    """``text`` hyphenated into lines that all fit ``room`` in ``metrics``' type, joined by
    newlines; None when they do not fit."""
    lines = hyphenated_lines(text, metrics.horizontalAdvance, room.width())
    if len(lines) * metrics.lineSpacing() <= room.height() and all(
            metrics.horizontalAdvance(line) <= room.width() for line in lines):
        return "\n".join(lines)
    return None


def _after(width: Callable[[str], float], line: str, part: str) -> float:
    return width(line + part)


def _hyphen_at(word: str, width: Callable[[str], float], room: float) -> int:
    """Where to break ``word`` so that its first part and a hyphen fit: after a vowel,
    with at least two letters on each side, best where the rest starts with a consonant
    and a vowel ("инстру-менты", not "инструме-нты"); 0 when there is no such place."""
    def after_vowel(cut: int) -> bool:
        return word[cut - 1].lower() in VOWELS and word[cut].isalpha()

    def syllable(cut: int) -> bool:
        return word[cut].lower() not in VOWELS and word[cut + 1].lower() in VOWELS

    cuts = [c for c in range(len(word) - 2, 1, -1)
            if after_vowel(c) and width(word[:c] + "-") <= room]
    best = [c for c in cuts if syllable(c)]
    return (best or cuts or [0])[0]

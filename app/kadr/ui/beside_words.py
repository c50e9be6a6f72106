"""A picture button's word beside its picture (lesson panel, celebration): on one line when
it fits, else on two lines in a smaller type, hyphenated after a vowel if one word is too
long, and only then cut with "…" (Qt alone cuts it at once: 'もう…きく', 'Say i…ain')."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QToolButton

from kadr.ui.wrapping import breakable, fitting_lines

GAP = 4  # between the picture and the word
SMALLEST_PT = 8.0


@dataclass
class Beside:
    picture: QRect
    text_rect: QRect
    font: QFont
    text: str
    flags: int
    whole: bool  # every letter shows (False: cut with "…")


def layout(button: QToolButton, inner: QRect) -> Beside:
    """Where the picture and the word go inside ``inner`` (the button inside its border)."""
    side = min(button.iconSize().width(), inner.height())
    picture = QRect(inner.left(), inner.top() + (inner.height() - side) // 2, side, side)
    rect = QRect(picture.right() + 1 + GAP, inner.top(), inner.right() - picture.right() - GAP,
                 inner.height())
    text = breakable(button.text().replace("&", ""))  # Japanese breaks between words
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    font = QFont(button.font())
    while True:
        metrics = QFontMetrics(font)
        if metrics.horizontalAdvance(text) <= rect.width():
            return Beside(picture, rect, font, text, left, True)
        wrapped = metrics.boundingRect(rect, left | int(Qt.TextFlag.TextWordWrap), text)
        if wrapped.width() <= rect.width() and wrapped.height() <= rect.height():
            return Beside(picture, rect, font, text, left | int(Qt.TextFlag.TextWordWrap), True)
        lines = fitting_lines(text, metrics, rect)
        if lines is not None:
            return Beside(picture, rect, font, lines, left, True)
        if font.pointSizeF() <= SMALLEST_PT:
            cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            return Beside(picture, rect, font, cut, left, False)
        font.setPointSizeF(max(SMALLEST_PT, font.pointSizeF() * 0.9))

"""Built-in step pictures a lesson can use as ``picture = "builtin:<name>"``.

Simple shapes drawn for Kadr (no third-party artwork); one picture per action, the same
every time, as Easy Read asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from kadr.lessons.model import Lesson, Step

BUILTIN = "builtin:"

_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">'
_PAGE = '<rect x="{x}" y="{y}" width="30" height="38" rx="3" fill="{f}" stroke="#222" stroke-width="3"/>'

SYMBOLS: dict[str, str] = {
    "draw": ('<path d="M12 52 L16 40 L44 12 L52 20 L24 48 Z" fill="#ffe119" stroke="#222" '
             'stroke-width="3" stroke-linejoin="round"/><path d="M12 52 L16 40 L24 48 Z" '
             'fill="#222"/>'),
    "add": (_PAGE.format(x=10, y=12, f="#fff")
            + '<circle cx="46" cy="44" r="13" fill="#3cb44b" stroke="#222" stroke-width="3"/>'
            '<path d="M46 37 V51 M39 44 H53" stroke="#fff" stroke-width="4"/>'),
    "copy": (_PAGE.format(x=8, y=8, f="#fff") + _PAGE.format(x=24, y=18, f="#bfef45")),
    "see": (_PAGE.format(x=8, y=10, f="#dbe7fb") + _PAGE.format(x=26, y=16, f="#fff")
            + '<circle cx="41" cy="35" r="6" fill="none" stroke="#1f6fd1" stroke-width="3"/>'),
    "play": ('<circle cx="32" cy="32" r="26" fill="#3cb44b" stroke="#222" stroke-width="3"/>'
             '<path d="M25 19 L47 32 L25 45 Z" fill="#fff"/>'),
    "longer": ('<circle cx="32" cy="32" r="24" fill="#fff" stroke="#222" stroke-width="3"/>'
               '<path d="M32 16 V32 L43 39" fill="none" stroke="#222" stroke-width="4" '
               'stroke-linecap="round"/><circle cx="50" cy="50" r="11" fill="#4363d8"/>'
               '<path d="M50 44 V56 M44 50 H56" stroke="#fff" stroke-width="3"/>'),
    "fast": ('<path d="M8 16 L30 32 L8 48 Z M32 16 L54 32 L32 48 Z" fill="#f58231" '
             'stroke="#222" stroke-width="3" stroke-linejoin="round"/>'),
    "save": ('<rect x="10" y="10" width="44" height="44" rx="5" fill="#4363d8" stroke="#222" '
             'stroke-width="3"/><rect x="18" y="10" width="28" height="16" fill="#fff"/>'
             '<rect x="18" y="34" width="28" height="16" rx="2" fill="#fff"/>'),
    "erase": ('<path d="M14 42 L36 14 L52 26 L30 54 L18 54 Z" fill="#fabed4" stroke="#222" '
              'stroke-width="3" stroke-linejoin="round"/><path d="M8 58 H56" stroke="#222" '
              'stroke-width="3"/>'),
    "layer": ('<path d="M32 10 L56 22 L32 34 L8 22 Z" fill="#42d4f4" stroke="#222" '
              'stroke-width="3"/><path d="M8 32 L32 44 L56 32 M8 42 L32 54 L56 42" fill="none" '
              'stroke="#222" stroke-width="3"/>'),
    "look": ('<ellipse cx="32" cy="32" rx="26" ry="16" fill="#fff" stroke="#222" '
             'stroke-width="3"/><circle cx="32" cy="32" r="9" fill="#4363d8"/>'
             '<circle cx="32" cy="32" r="4" fill="#222"/>'),
}


def builtin_svg(name: str) -> bytes | None:
    """The SVG text of built-in picture ``name`` (None if there is no such picture)."""
    body = SYMBOLS.get(name)
    return None if body is None else (_HEAD + body + "</svg>").encode("utf-8")


def step_svg(lesson: Lesson, step: Step | None = None) -> bytes | None:
    """The SVG shown beside a step (or the lesson's symbol), or None if it cannot be read."""
    name = (step.picture if step is not None else "") or lesson.symbol
    if name.startswith(BUILTIN):
        return builtin_svg(name[len(BUILTIN):])
    try:
        return (lesson.folder / name).read_bytes()
    except OSError:
        return None


def render_svg(data: bytes | None, size: int) -> QImage:
    """An SVG drawn into a square, transparent image (empty if it cannot be read)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    renderer = QSvgRenderer(QByteArray(data or b""))
    if renderer.isValid():
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return image

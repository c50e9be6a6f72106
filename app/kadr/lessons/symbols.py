"""Built-in step pictures a lesson can use as ``picture = "builtin:<name>"``.

They are the studio's own pictograms (kadr/assets/icons, drawn for Kadr), so a step that
says "press the button with this picture" shows exactly what is on the button. Every
pictogram can be named (``builtin:undo``), and the lessons' older words stay: ``draw`` is
the brush, ``see`` the onion skin, ``save`` Share, ... (``SYMBOLS``). One picture per
action, the same every time, as Easy Read asks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from kadr.lessons.model import Lesson, Step

BUILTIN = "builtin:"
ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"
# The pictograms' lines on the lesson panel (the same dark ink as the standard theme's text).
INK = "#1a1a1a"

# The lessons' words for a picture -> the pictogram on the button that does it.
ALIASES: dict[str, str] = {
    "draw": "brush", "add": "add", "copy": "copy", "see": "onion", "play": "play",
    "longer": "longer", "fast": "fast", "save": "share", "erase": "eraser", "layer": "layers",
    "look": "watch",
}
# Every name a lesson may use -> its pictogram (the aliases first, then every pictogram).
SYMBOLS: dict[str, str] = {**ALIASES, **{p.stem: p.stem for p in sorted(ICONS.glob("*.svg"))}}


def builtin_svg(name: str, ink: str = INK) -> bytes | None:
    """The SVG of built-in picture ``name`` with its lines in ``ink`` (None if there is no
    such picture)."""
    icon = SYMBOLS.get(name)
    if icon is None:
        return None
    try:
        text = (ICONS / f"{icon}.svg").read_text(encoding="utf-8")
    except OSError:
        return None
    return text.replace("currentColor", ink).encode("utf-8")


def step_svg(lesson: Lesson, step: Step | None = None, ink: str = INK) -> bytes | None:
    """The SVG shown beside a step (or the lesson's symbol), or None if it cannot be read;
    a built-in picture's lines are drawn in ``ink``."""
    name = (step.picture if step is not None else "") or lesson.symbol
    if name.startswith(BUILTIN):
        return builtin_svg(name[len(BUILTIN):], ink)
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

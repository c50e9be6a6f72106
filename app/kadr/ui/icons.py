"""Kadr's pictograms: one set of SVG pictures, drawn for Kadr, on every control and in the
lessons' steps, so "press the button with the green triangle" is true.

Files live in kadr/assets/icons/NAME.svg (see the README there for the drawing rules).
Lines drawn in ``currentColor`` take the theme's text colour, so every picture keeps its
contrast in each theme. In the high-contrast themes (and for a checked or disabled button)
the picture becomes the theme's own two colours (``for_theme``): areas turn to paper, lines
to ink, and only what is marked ``data-keep="1"`` keeps its colour.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid as shiboken_valid

FOLDER = Path(__file__).resolve().parents[1] / "assets" / "icons"
SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

# How a picture is drawn on a button: its usual look, on a checked button (the theme's
# highlight behind it) and on a disabled one (greyed in place, never hidden).
STATES = ("normal", "checked", "disabled")

_PAINTS = ("fill", "stroke", "stop-color", "color")
_OPACITIES = ("opacity", "fill-opacity", "stroke-opacity", "stop-opacity")
_NO_PAINT = ("none", "transparent")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
SOFTEN = {"calm": 0.35}  # how much quieter a theme's colours are than the pictures' own


def names() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.svg"))


@lru_cache(maxsize=256)
def svg_text(name: str) -> str:
    """The SVG of pictogram ``name`` ("" when there is none: the button keeps its word)."""
    try:
        return (FOLDER / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


def _current() -> str:
    """The name of the theme in use (kadr.ui.theme.apply sets it on the application)."""
    app = QApplication.instance()
    return str(app.property("kadr_theme") or "standard") if app is not None else "standard"


def colours(theme_name: str | None = None, state: str = "normal") -> tuple[str, str, bool]:
    """(ink, paper, two colours only) for a picture on a button of theme ``theme_name`` (the
    theme in use when None) in ``state``: a checked button shows the theme's highlight, a
    disabled one its muted text, both as flat two-colour pictures."""
    from kadr.ui import theme

    theme_name = theme_name or _current()
    if theme_name not in theme.THEMES:
        theme_name = "standard"
    t = theme.THEMES[theme_name]
    if state == "checked":
        return t.highlight_text, t.highlight, True
    if state == "disabled":
        return t.muted_text, t.button, True
    return t.button_text, t.button, theme_name in theme.HIGH_CONTRAST


def _style(value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in value.split(";"):
        key, sep, val = part.partition(":")
        if sep:
            out[key.strip()] = val.strip()
    return out


def _two_colours(el: ET.Element, ink: str, paper: str, keep: bool, role: str,
                 kept: bool) -> None:
    """Make ``el`` and its children ink and paper only (see ``for_theme``)."""
    keep = keep or (kept and el.get("data-keep") == "1")
    role = el.get("data-hc") or role
    style = _style(el.get("style", ""))
    for prop in _PAINTS + _OPACITIES:
        for where in ("attr", "style"):
            value = el.get(prop) if where == "attr" else style.get(prop)
            if value is None:
                continue
            low = value.strip().lower()
            if prop in _OPACITIES:
                new = value if keep else "1"
            elif low in _NO_PAINT:
                new = value
            elif low == "currentcolor" or prop == "color":
                new = ink
            elif keep:
                new = value
            else:
                # an area becomes paper and a line ink, unless the drawing says otherwise
                new = role or (paper if prop in ("fill", "stop-color") else "ink")
                new = {"ink": ink, "paper": paper}.get(new, new)
            if where == "attr":
                el.set(prop, new)
            else:
                style[prop] = new
    if style:
        el.set("style", ";".join(f"{k}:{v}" for k, v in style.items()))
    for child in el:
        _two_colours(child, ink, paper, keep, role, kept)


def soften(svg: str, amount: float) -> str:
    """``svg`` with each #rrggbb colour ``amount`` (0-1) less saturated: the calm theme's
    pictures keep their meaning (green Play, red Stop) in quieter colours."""
    def one(match: re.Match[str]) -> str:
        c = QColor(match.group(0))
        return QColor.fromHslF(c.hslHueF(), c.hslSaturationF() * (1.0 - amount),
                               c.lightnessF()).name()

    return _HEX.sub(one, svg) if amount > 0 else svg


def for_theme(svg: str, ink: str, paper: str, high_contrast: bool, *, kept: bool = True) -> str:
    """``svg`` with ``currentColor`` in ``ink``. With ``high_contrast`` the picture is made of
    ``ink`` and ``paper`` only: every coloured area (fill) becomes paper, every coloured line
    (stroke) ink, opacity goes, and an element marked ``data-hc="ink"`` or ``"paper"`` (or
    inside one) takes that colour instead. An element marked ``data-keep="1"`` (or inside one)
    keeps its colours and opacity, e.g. the paints on the "More colours" palette (unless
    ``kept`` is False: a disabled button shows no colour at all)."""
    if not svg:
        return ""
    if not high_contrast:
        return re.sub("currentcolor", ink, svg, flags=re.IGNORECASE)
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return ""
    if root.get("fill") is None:  # SVG's default fill is black: make it the ink
        root.set("fill", "currentColor")
    _two_colours(root, ink, paper, False, "", kept)
    return ET.tostring(root, encoding="unicode")


def themed_svg(name: str, theme_name: str | None = None, state: str = "normal",
               ink: str | None = None) -> str:
    """Pictogram ``name`` as drawn on a button of ``theme_name`` in ``state``."""
    theme_ink, paper, flat = colours(theme_name, state)
    text = soften(svg_text(name), SOFTEN.get(theme_name or _current(), 0.0))
    return for_theme(text, ink or theme_ink, paper, flat, kept=state != "disabled")


@lru_cache(maxsize=1024)
def _render(text: str, size: int) -> QImage:
    out = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(0)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    if renderer.isValid():
        painter = QPainter(out)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return out


def render_svg(text: str, size: int) -> QImage:
    """SVG ``text`` drawn into a transparent square of ``size`` px (a copy of the cached
    picture: the caller may change it)."""
    return _render(text, size).copy()


def image(name: str, size: int, ink: str | None = None, *, theme: str | None = None,
          state: str = "normal") -> QImage:
    """Pictogram ``name`` drawn into a transparent square of ``size`` px (for the theme in
    use unless ``theme`` names one; ``ink`` replaces the theme's line colour)."""
    return render_svg(themed_svg(name, theme, state, ink), size)


def _device_ratio() -> float:
    """The largest device pixel ratio of the screens (2 on a high-DPI screen)."""
    app = QApplication.instance()
    screens = app.screens() if isinstance(app, QApplication) else []
    return max((sc.devicePixelRatio() for sc in screens), default=1.0)


# How each look is kept in a QIcon: the checked look is "On", the disabled one both states.
_LOOK_PLACES = {"normal": (QIcon.Mode.Normal, (QIcon.State.Off,)),
                "checked": (QIcon.Mode.Normal, (QIcon.State.On,)),
                "disabled": (QIcon.Mode.Disabled, (QIcon.State.Off, QIcon.State.On))}
LookKey = tuple[str, tuple[int, ...], str | None, str]  # picture, sizes, ink, theme
_looks: dict[LookKey, dict[str, QIcon]] = {}  # the looks drawn so far, shared by every copy
_clones: list[QIconEngine] = []


def _look_of(mode: QIcon.Mode, state: QIcon.State) -> str:
    """The look an icon with all three would give (Qt falls back from Active and
    Selected to Normal, keeping the state)."""
    if mode == QIcon.Mode.Disabled:
        return "disabled"
    return "checked" if state == QIcon.State.On else "normal"


class _Looks(QIconEngine):
    """A pictogram's three looks, each drawn the first time it is shown: most buttons are
    never checked or disabled, and drawing all three for every button at start took a
    third of the studio's making. Each look is the QIcon it always was, so Qt picks and
    scales its pixmaps as before."""

    def __init__(self, key: LookKey, changed: QIcon | None = None) -> None:
        super().__init__()
        self._key = key
        self._drawn = _looks.setdefault(key, {})
        self._changed = changed  # all three looks and what its owner added to them

    def _icon(self, mode: QIcon.Mode, state: QIcon.State) -> QIcon:
        if self._changed is not None:
            return self._changed
        look = _look_of(mode, state)
        drawn = self._drawn.get(look)
        if drawn is None:
            drawn = QIcon()
            self._draw(look, drawn)
            self._drawn[look] = drawn
        return drawn

    def _draw(self, look: str, into: QIcon) -> None:
        name, sizes, ink, theme = self._key
        place, states = _LOOK_PLACES[look]
        for px in sizes:
            text = themed_svg(name, theme, look, ink if look == "normal" else None)
            pixmap = QPixmap.fromImage(_render(text, px))
            for one in states:
                into.addPixmap(pixmap, place, one)

    def _whole(self) -> QIcon:
        """Its owner adds to it (no Kadr code does): from now on one icon of all three
        looks, as it was made before looks waited to be shown."""
        if self._changed is None:
            self._changed = QIcon()
            for look in _LOOK_PLACES:
                self._draw(look, self._changed)
        return self._changed

    def addPixmap(self, pixmap: QPixmap | QImage, mode: QIcon.Mode,  # noqa: N802
                  state: QIcon.State) -> None:
        self._whole().addPixmap(pixmap, mode, state)

    def addFile(self, fileName: str, size: QSize, mode: QIcon.Mode,  # noqa: N802, N803
                state: QIcon.State) -> None:
        self._whole().addFile(fileName, size, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._icon(mode, state).pixmap(size, mode, state)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        return self._icon(mode, state).pixmap(size, scale, mode, state)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        self._icon(mode, state).paint(painter, rect, mode=mode, state=state)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        return self._icon(mode, state).actualSize(size, mode, state)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,  # noqa: N802
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        if self._changed is not None:
            return self._changed.availableSizes(mode, state)
        return [QSize(px, px) for px in self._key[1]]

    def isNull(self) -> bool:  # noqa: N802
        return False

    def clone(self) -> QIconEngine:
        """A copy of the icon being changed (Qt deletes it with that copy). PySide leaves a
        clone with Python, which would delete it at once: it is kept until Qt has."""
        twin = _Looks(self._key, QIcon(self._changed) if self._changed is not None else None)
        _clones[:] = [c for c in _clones if shiboken_valid(c)]
        _clones.append(twin)
        return twin

    def key(self) -> str:
        return "kadr-pictogram"


def icon(name: str, size: int = 64, ink: str | None = None, *, theme: str | None = None) -> QIcon:
    """A QIcon of pictogram ``name`` for the current theme (empty if there is none), with its
    checked ("On") and disabled looks, sharp at ``size`` (and at the screen's pixel ratio on
    a high-DPI screen). Call it again after the theme changes. Each look is drawn when
    first shown, and once for every icon of the same picture, size, ink and theme."""
    if not svg_text(name):
        return QIcon()
    ratio = _device_ratio()
    sizes = (size,) if ratio <= 1.0 else (size, round(size * ratio))
    if len(_looks) > 512:  # a long session of theme and size changes
        _looks.clear()
    return QIcon(_Looks((name, sizes, ink, theme or _current())))


def icon_size(scale: float, base: int = 32) -> QSize:
    return QSize(round(base * scale), round(base * scale))


def as_drawn(picture: QPixmap) -> QIcon:
    """An icon that shows a child's ``picture`` as it is when its item is chosen: Qt's
    style tints a chosen item's picture with the highlight colour, which changes the
    child's colours (the chosen film shows by its frame and the highlight around it)."""
    result = QIcon(picture)
    result.addPixmap(picture, QIcon.Mode.Selected)
    return result

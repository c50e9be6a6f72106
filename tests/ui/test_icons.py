"""Kadr's pictograms (kadr/assets/icons): every control's picture exists, is drawn to the
set's rules, shows at 32 and 64 px, holds 3:1 against its button in every theme (WCAG
1.4.11, measured on the drawn pixels), is two colours only in the high-contrast themes,
and is the very picture the lessons' steps show."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kadr.lessons import symbols
from kadr.ui import icons, theme

PICTOGRAMS = {
    "tools": ["brush", "eraser", "fill", "line", "rectangle", "ellipse", "picker", "clear"],
    "studio": ["projects", "undo", "redo", "onion", "layers", "zoom_out", "zoom_fit", "zoom_in",
               "keyboard_pen", "share", "settings", "help", "quiet", "more", "simple_level",
               "all_tools", "colours"],
    "playback and strip": ["play", "stop", "step_back", "step_forward", "add", "copy", "delete",
                           "move_left", "move_right", "shorter", "longer", "slow", "fast",
                           "speed"],
    "lessons": ["say_again", "hint", "back", "next", "watch", "star", "age", "minutes", "level"],
    "dialogs": ["yes", "no", "show_me", "trace", "padlock"],
    "gallery": ["lessons", "new_film", "open_film", "rename", "bin", "import_file", "export_file"],
    "switch drawing": ["crosshair", "walk", "walk_up", "walk_down", "walk_left", "walk_right",
                       "walk_up_left", "walk_up_right", "walk_down_left", "walk_down_right"],
    "settings": ["shaky", "steady"],
}
ALL = [n for group in PICTOGRAMS.values() for n in group]
THEMES = list(theme.THEMES)
NS = "{http://www.w3.org/2000/svg}"


def pixels(img: QImage) -> np.ndarray:
    """An image as an (h, w, 4) RGBA array."""
    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    data = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes())
    return data.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, : img.width()].copy()


def on(img: QImage, back: str) -> np.ndarray:
    """``img`` drawn over a button of colour ``back``, as an (h, w, 3) RGB array."""
    out = QImage(img.size(), QImage.Format.Format_ARGB32)
    out.fill(QColor(back))
    p = QPainter(out)
    p.drawImage(0, 0, img)
    p.end()
    return pixels(out)[..., :3].astype(float)


def luminance(rgb: np.ndarray) -> np.ndarray:
    c = np.asarray(rgb, float) / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c[..., 0] * 0.2126 + c[..., 1] * 0.7152 + c[..., 2] * 0.0722


def contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], float)


def kept_colours(svg: str) -> set[str]:
    """The colours of elements marked data-keep="1" (and inside them)."""
    out: set[str] = set()

    def walk(el: ET.Element, keep: bool) -> None:
        keep = keep or el.get("data-keep") == "1"
        if keep:
            out.update(el.get(a, "").lower() for a in ("fill", "stroke") if el.get(a))
        for child in el:
            walk(child, keep)

    walk(ET.fromstring(svg), False)
    return out - {"none", "currentcolor"}


def paints(svg: str) -> set[str]:
    """Every colour an SVG names in its fill/stroke attributes and style properties."""
    out: set[str] = set()
    for el in ET.fromstring(svg).iter():
        for a in ("fill", "stroke", "stop-color", "color"):
            if el.get(a):
                out.add(el.get(a).lower())
        for part in el.get("style", "").split(";"):
            key, _, value = part.partition(":")
            if key.strip() in ("fill", "stroke", "stop-color", "color"):
                out.add(value.strip().lower())
    return out


def test_every_control_has_its_pictogram():
    """The set is exactly the pictograms the studio, the strip, the lessons and the dialogs
    name (a new file needs its line in PICTOGRAMS and in the README)."""
    assert icons.names() == sorted(ALL)
    assert len(set(ALL)) == len(ALL)


@pytest.mark.parametrize("name", ALL)
def test_drawn_to_the_rules(name):
    """A valid 64 x 64 SVG drawn with bold currentColor outlines; no words, no pictures
    from elsewhere, nothing outside the file."""
    text = icons.svg_text(name)
    assert QSvgRenderer(QByteArray(text.encode())).isValid()
    root = ET.fromstring(text)
    assert root.tag == NS + "svg" and root.get("viewBox") == "0 0 64 64"
    assert root.get("stroke") == "currentColor" and root.get("fill") == "none"
    assert 3 <= float(root.get("stroke-width")) <= 6
    tags = {el.tag.removeprefix(NS) for el in root.iter()}
    assert tags <= {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
    assert "href" not in text and "<text" not in text
    assert "currentColor" in text


@pytest.mark.parametrize("size", [32, 64])
@pytest.mark.parametrize("name", ALL)
def test_draws_something_visible(qapp, name, size):
    alpha = pixels(icons.image(name, size, theme="standard"))[..., 3]
    assert (alpha > 0).mean() > 0.08, "too little is drawn to see"
    assert (alpha > 0).mean() < 0.95


@pytest.mark.parametrize("state", icons.STATES)
@pytest.mark.parametrize("theme_name", THEMES)
def test_ink_holds_three_to_one_on_the_button(qapp, theme_name, state):
    """In every theme and button state, enough of each drawn picture is ink at >= 3:1
    against the button (WCAG 1.4.11), and that ink spans the whole picture, so its shape
    reads even to someone who sees no colour."""
    t = theme.THEMES[theme_name]
    back = t.highlight if state == "checked" else t.button
    for name in ALL:
        for size in (32, 64):
            img = icons.image(name, size, theme=theme_name, state=state)
            drawn = on(img, back)
            ink = contrast(drawn, rgb(back)) >= 3.0
            seen = pixels(img)[..., 3] > 0
            where = f"{name} at {size} px, {theme_name}, {state}"
            assert ink.mean() > 0.06, where
            ys, xs = np.nonzero(ink)
            sy, sx = np.nonzero(seen)
            assert np.ptp(xs) >= 0.6 * np.ptp(sx) and np.ptp(ys) >= 0.6 * np.ptp(sy), where


def test_the_theme_in_use_is_the_default(qapp):
    """image() and icon() without a theme draw for the theme the application has (the
    property theme.apply sets; set here alone so no stylesheet is left for other tests)."""
    before = qapp.property("kadr_theme")
    try:
        for name in ("contrast_dark", "calm"):
            qapp.setProperty("kadr_theme", name)
            assert icons.image("play", 32) == icons.image("play", 32, theme=name)
            assert icons.image("play", 32) != icons.image("play", 32, theme="standard")
    finally:
        qapp.setProperty("kadr_theme", before)


@pytest.mark.parametrize("theme_name", THEMES)
def test_flat_variants_have_two_colours_only(qapp, theme_name):
    """High contrast (and every checked or disabled button) is the theme's ink and paper
    only, plus what is marked to keep its colour: checked in the SVG and on the pixels."""
    t = theme.THEMES[theme_name]
    looks = [("checked", t.highlight_text, t.highlight), ("disabled", t.muted_text, t.button)]
    if theme_name in theme.HIGH_CONTRAST:
        looks.append(("normal", t.button_text, t.button))
    for state, ink, paper in looks:
        for name in ALL:
            svg = icons.themed_svg(name, theme_name, state)
            own = icons.soften(icons.svg_text(name), icons.SOFTEN.get(theme_name, 0.0))
            kept = kept_colours(own) if state != "disabled" else set()
            allowed = {ink.lower(), paper.lower(), "none"} | kept
            assert paints(svg) <= allowed, (name, state, paints(svg) - allowed)
            assert "opacity" not in svg or kept, name
            colours = [rgb(c) for c in allowed - {"none"}]
            drawn = on(icons.image(name, 64, theme=theme_name, state=state), paper)
            flat = drawn.reshape(-1, 3)
            best = np.full(len(flat), np.inf)
            for i, a in enumerate(colours):  # every pixel lies between two allowed colours
                for b in colours[i:]:
                    d = b - a
                    s = np.clip(((flat - a) @ d) / max(d @ d, 1e-9), 0, 1)
                    best = np.minimum(best, np.linalg.norm(flat - (a + s[:, None] * d), axis=1))
            off = best > 4
            # where three colours meet a pixel may mix all three: allow a few such pixels
            assert off.mean() < (0.01 if kept else 0.0005), (name, state, flat[off][:3])


def test_for_theme_keeps_marked_colours_and_follows_marks():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" fill="none" '
           'stroke="currentColor"><rect width="9" height="9" fill="#2e9e44" opacity="0.5"/>'
           '<path d="M1 1 L9 9" stroke="#ffffff"/>'
           '<g data-keep="1"><circle r="3" fill="#d93a2b" fill-opacity="0.5"/></g>'
           '<rect width="4" height="4" fill="#ffd23f" data-hc="ink"/>'
           '<circle r="2" style="fill:#3f7fd9;stroke:currentColor"/></svg>')
    plain = icons.for_theme(svg, "#1a1a1a", "#ffffff", False)
    assert "currentColor" not in plain and "#2e9e44" in plain and "#1a1a1a" in plain
    flat = ET.fromstring(icons.for_theme(svg, "#ffffff", "#000000", True))
    rect, path, group, marked, styled = list(flat)
    assert rect.get("fill") == "#000000" and rect.get("opacity") == "1"  # an area: paper
    assert path.get("stroke") == "#ffffff"  # a line: ink
    assert group[0].get("fill") == "#d93a2b" and group[0].get("fill-opacity") == "0.5"  # kept
    assert marked.get("fill") == "#ffffff"  # data-hc="ink"
    assert styled.get("style") == "fill:#000000;stroke:#ffffff"
    assert flat.get("stroke") == "#ffffff"
    unkept = ET.fromstring(icons.for_theme(svg, "#ffffff", "#000000", True, kept=False))
    assert list(unkept)[2][0].get("fill") == "#000000"
    # SVG's default fill is black: in high contrast it is the ink, never a lost black
    bare = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="9" height="9"/></svg>'
    assert ET.fromstring(icons.for_theme(bare, "#ffffff", "#000000", True)).get("fill") == "#ffffff"


def test_calm_colours_are_quieter_but_keep_their_meaning(qapp):
    calm = icons.themed_svg("play", "calm")
    green = QColor(ET.fromstring(calm)[0].get("fill"))
    assert green.hslSaturationF() < QColor("#2e9e44").hslSaturationF()
    assert abs(green.hslHueF() - QColor("#2e9e44").hslHueF()) < 0.01


def test_icon_has_a_checked_and_a_disabled_look(qapp, monkeypatch):
    ic = icons.icon("brush", 32, theme="standard")
    assert not ic.isNull() and icons.icon("no_such_picture").isNull()
    look = {(m, s): ic.pixmap(QSize(32, 32), m, s).toImage()
            for m in (QIcon.Mode.Normal, QIcon.Mode.Disabled) for s in (QIcon.State.Off, QIcon.State.On)}
    normal = look[QIcon.Mode.Normal, QIcon.State.Off]
    assert look[QIcon.Mode.Normal, QIcon.State.On] != normal
    assert look[QIcon.Mode.Disabled, QIcon.State.Off] != normal
    assert ic.availableSizes() == [QSize(32, 32)]
    # sharp on a high-DPI screen: a pixmap drawn at the screen's ratio is in the icon
    monkeypatch.setattr(icons, "_device_ratio", lambda: 2.0)
    assert QSize(64, 64) in icons.icon("brush", 32, theme="standard").availableSizes()


@pytest.mark.parametrize("name", sorted(symbols.SYMBOLS))
def test_lesson_pictures_are_the_button_pictures(qapp, name):
    """A step's built-in picture is the button's pictogram, drawn in dark ink on the panel."""
    icon_name = symbols.SYMBOLS[name]
    data = symbols.builtin_svg(name)
    assert data is not None
    assert data.decode() == icons.for_theme(icons.svg_text(icon_name), symbols.INK, "#ffffff", False)
    shown = symbols.render_svg(data, 64)
    button = icons.image(icon_name, 64, ink=symbols.INK, theme="standard")
    assert np.abs(pixels(shown).astype(int) - pixels(button).astype(int)).max() <= 2


def test_lessons_old_picture_names_are_the_buttons():
    expected = {"play": "play", "add": "add", "see": "onion", "erase": "eraser", "draw": "brush",
                "layer": "layers", "look": "watch", "fast": "fast", "longer": "longer",
                "save": "share", "copy": "copy"}
    assert {k: symbols.SYMBOLS[k] for k in expected} == expected
    assert set(ALL) <= set(symbols.SYMBOLS)
    assert symbols.builtin_svg("unicorn") is None


def eager_icon(name: str, size: int, ink: str | None, theme_name: str) -> QIcon:
    """The icon as it was made before its looks were drawn on demand: all three at once."""
    from PySide6.QtGui import QPixmap

    result = QIcon()
    looks = ((QIcon.Mode.Normal, (QIcon.State.Off,), "normal", ink),
             (QIcon.Mode.Normal, (QIcon.State.On,), "checked", None),
             (QIcon.Mode.Disabled, (QIcon.State.Off, QIcon.State.On), "disabled", None))
    for mode, states, look, look_ink in looks:
        pixmap = QPixmap.fromImage(icons.image(name, size, look_ink, theme=theme_name, state=look))
        for state in states:
            result.addPixmap(pixmap, mode, state)
    return result


@pytest.mark.parametrize("theme_name", ["standard", "contrast_dark", "calm"])
def test_looks_drawn_when_shown_are_the_looks_drawn_at_once(qapp, theme_name):
    """Every mode and state Qt asks for (Active and Selected fall back as Qt does), at
    every size and pixel ratio: the same pixels as the three looks made at once."""
    theme.apply(qapp, theme_name, 1.0)
    try:
        for name in ALL:
            for ink in (None, "#c00000"):
                lazy, eager = icons.icon(name, 64, ink), eager_icon(name, 64, ink, theme_name)
                for mode in QIcon.Mode:
                    for state in QIcon.State:
                        for side in (16, 44, 64, 100):
                            for ratio in (1.0, 2.0):
                                got = lazy.pixmap(QSize(side, side), ratio, mode, state)
                                want = eager.pixmap(QSize(side, side), ratio, mode, state)
                                assert got.toImage() == want.toImage(), (name, mode, state, side)
    finally:
        theme.apply(qapp, "standard", 1.0)


def test_a_look_is_drawn_the_first_time_it_shows_and_once(qapp):

    theme.apply(qapp, "standard", 1.0)
    icons._looks.clear()
    first, second = icons.icon("undo", 52), icons.icon("undo", 52)
    drawn = icons._looks[("undo", (52,), None, "standard")]
    assert drawn == {} and not first.isNull()  # nothing drawn until shown
    first.pixmap(52, 52)
    assert set(drawn) == {"normal"}
    normal = drawn["normal"]
    second.pixmap(40, 40)
    assert drawn["normal"] is normal  # the second icon shows what the first drew
    second.pixmap(QSize(52, 52), QIcon.Mode.Disabled, QIcon.State.Off)
    assert set(drawn) == {"normal", "disabled"}
    assert icons.icon("no such picture").isNull()


def test_an_icon_its_owner_adds_to_is_the_whole_icon_plus_that(qapp):
    """As a QIcon made of pixmaps: the added picture is used where it fits best, the copy
    it was added to changes alone."""
    from PySide6.QtGui import QColor, QPixmap

    theme.apply(qapp, "standard", 1.0)
    red = QPixmap(52, 52)
    red.fill(QColor("#ff0000"))
    lazy, eager = icons.icon("undo", 52), eager_icon("undo", 52, None, "standard")
    kept = QIcon(lazy)
    for one in (lazy, eager):
        one.addPixmap(red, QIcon.Mode.Selected, QIcon.State.On)
    for mode in QIcon.Mode:
        for state in QIcon.State:
            got = lazy.pixmap(QSize(52, 52), 1.0, mode, state).toImage()
            assert got == eager.pixmap(QSize(52, 52), 1.0, mode, state).toImage()
    selected = QSize(52, 52), 1.0, QIcon.Mode.Selected, QIcon.State.On
    assert lazy.pixmap(*selected).toImage() == red.toImage()
    assert kept.pixmap(*selected).toImage() != red.toImage()  # the copy kept before
    twice = QIcon(lazy)
    twice.addPixmap(QPixmap(8, 8), QIcon.Mode.Active, QIcon.State.Off)
    assert lazy.pixmap(*selected).toImage() == red.toImage()
    assert sorted(s.width() for s in lazy.availableSizes(QIcon.Mode.Selected, QIcon.State.On)) \
        == [52]

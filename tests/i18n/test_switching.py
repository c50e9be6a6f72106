"""Switching language at run time: every visible text and accessible name follows at once."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from kadr import i18n
from kadr import i18n_extract as extract

PROPERTIES = ("text", "toolTip")
SPOKEN = {"name": QAccessible.Text.Name, "description": QAccessible.Text.Description}
# describe() adds " (Ctrl+Z)" to a tooltip and ". Keys: Control Z" to a description
SHORTCUT_SUFFIX = re.compile(r"^(.*?)( \([^()]+\)|\. Keys: .+)$")


def snapshot(root: QWidget) -> dict[tuple[int, str], str]:
    """Every text of every widget under ``root`` (visible or not): its text and tooltip,
    and the name and description screen readers get from its accessible interface."""
    out = {}
    for w in [root, *root.findChildren(QWidget)]:
        for prop in PROPERTIES:
            if prop == "text" and not isinstance(w, (QAbstractButton, QLabel)):
                continue
            value = getattr(w, prop)()
            if value:
                out[(id(w), prop)] = value
        iface = QAccessible.queryAccessibleInterface(w)
        if iface is not None:
            for label, kind in SPOKEN.items():
                value = iface.text(kind)
                if value:
                    out[(id(w), label)] = value
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                out[(id(w), f"item{i}")] = w.itemText(i)
    return out


def expected(english: str, catalogue: dict[str, str]) -> re.Pattern[str] | None:
    """What a text made by tr() with no values must become, or None if it is not one.
    A shortcut that describe() added stays, in Qt's words for the language ("Влево")."""
    if english in catalogue:
        return re.compile(re.escape(catalogue[english]))
    m = SHORTCUT_SUFFIX.match(english)
    if m and m.group(1) in catalogue:
        tail = r" \([^()]+\)" if m.group(2).startswith(" (") else r"\. .+"
        return re.compile(re.escape(catalogue[m.group(1)]) + tail)
    return None


def test_play_button_speaks_russian_after_switching(window):
    """set_language('ru') relabels the Play button: text and accessible name."""
    play = window.studio.playback.play
    assert (play.text(), play.accessibleName()) == ("Play", "Play")
    i18n.set_language("ru")
    assert play.text() == "Смотреть"
    assert play.accessibleName() == "Смотреть"
    spoken = QAccessible.queryAccessibleInterface(play)
    assert spoken.text(QAccessible.Text.Name) == "Смотреть"
    assert play.accessibleDescription().startswith("Смотреть мультфильм")
    assert window.studio.top_buttons["undo"].text() == "Отменить"
    assert window.studio.tools_panel.tool_buttons["brush"].accessibleName() == "Кисть"
    item = window.studio.timeline.list.item(0)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Картинка 1 из 3, длится 1 кадр"


@pytest.mark.parametrize("lang", ["ru", "kk", "ko", "ja"])
def test_every_text_switches_and_switches_back(window, lang):
    """Every text, tooltip and spoken name/description switches, and English comes back."""
    catalogue = extract.translations(extract.read_json(extract.catalogue_path(lang)))
    before = snapshot(window)
    i18n.set_language(lang)
    after = snapshot(window)
    checked, stale = 0, []
    for key, english in before.items():
        want = expected(english, catalogue)
        if want is None or want.fullmatch(english):
            continue
        checked += 1
        if not want.fullmatch(after.get(key, "")):
            stale.append((english, after.get(key), want.pattern))
    assert stale == []
    assert checked > 60  # the window really was compared, not an empty snapshot
    i18n.set_language("en")
    back = snapshot(window)
    kinds = {key: type(w).__name__ for w in [window, *window.findChildren(QWidget)]
             for key in [(id(w), p) for p in (*PROPERTIES, *SPOKEN)]}
    changed = sorted((kinds.get(k, "?"), k[1], was, back.get(k)) for k, was in before.items()
                     if back.get(k) != was)
    assert changed == []  # (widget class, property, English before, after switching back)


def test_a_new_screen_opens_in_the_current_language(window, qtbot):
    """Leaving the studio for the gallery after a switch shows the gallery translated."""
    i18n.set_language("kk")
    window.show_gallery()
    texts = {b.text() for b in window.gallery.findChildren(QAbstractButton) if b.isVisible()}
    assert "Жаңа" in texts and "New" not in texts

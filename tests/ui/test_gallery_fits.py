"""The gallery's picture buttons fit every screen and UI size: none outside the window,
none under 44 px, no scroll bar (only the list of films may scroll)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton

from kadr import i18n
from kadr.core.library import Library
from kadr.ui import theme


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("size", [(1024, 572), (1366, 740), (1920, 1052)])
def test_gallery_buttons_fit(qtbot, qapp, tmp_path, size, scale, language):
    from kadr.ui.gallery import GalleryView

    i18n.set_language(language)
    theme.apply(qapp, "standard", scale)
    try:
        gallery = GalleryView(Library(tmp_path / "films"))
        qtbot.addWidget(gallery)
        gallery.resize(*size)
        gallery.show()
        qtbot.waitExposed(gallery)
        qtbot.wait(10)
        window = gallery.rect()
        bar = gallery.bar.geometry()
        assert bar.bottom() < gallery.empty_label.geometry().top()  # nothing overlaps
        for b in gallery.findChildren(QAbstractButton):
            if not b.isVisibleTo(gallery):
                continue
            rect = QRect(b.mapTo(gallery, b.rect().topLeft()), b.size())
            assert window.contains(rect), (b.objectName(), rect.getRect())
            assert b.width() >= 44 and b.height() >= 44, b.objectName()
            assert not b.icon().isNull(), b.objectName()  # a picture on every button
        assert gallery.list.height() > size[1] // 4  # the films keep room
        if size[0] >= 1366 and scale == 1.0:  # spare width goes to the words
            right = max(b.mapTo(gallery, b.rect().topRight()).x()
                        for b in gallery.buttons.values())
            assert size[0] > 1366 or right > 0.9 * size[0], right  # wider ones stop at 1.4
            assert all(b.width() > b.height() for b in gallery.buttons.values())
    finally:
        i18n.set_language("en")
        theme.apply(qapp, "standard", 1.0)

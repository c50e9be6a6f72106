"""The ✔/✘ panel, the colour grid and the picture browser with every word 40 % longer
(the pseudo language) at UI size 100 % and 200 %: no text is cut, and each fits the
screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from kadr import i18n
from kadr.ui import theme


def cut_words(root: QWidget) -> list[tuple[str, str]]:
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, (QAbstractButton, QLabel, QComboBox)) or not w.isVisibleTo(root):
            continue
        text = w.currentText() if isinstance(w, QComboBox) else w.text()
        if not text:
            continue
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            tight = w.height() < w.heightForWidth(w.width()) - 1
        else:
            tight = w.width() < hint.width() - 1 or w.height() < hint.height() - 1
        if tight:
            out.append((w.objectName(), text))
    return out


def make(name: str, tmp_path, monkeypatch) -> QWidget:
    if name == "confirm":
        from kadr.ui.confirm import ConfirmDialog

        return ConfirmDialog(None, i18n.tr("Delete everything in the bin for ever? This "
                                           "cannot be undone."),
                             i18n.tr("Empty the bin"), i18n.tr("Keep them"))
    if name == "colours":
        from kadr.ui.colour_dialog import ColourDialog

        return ColourDialog("#3cb44b")
    from PIL import Image

    from kadr.ui.picture_browser import PictureBrowser

    folder = tmp_path / "home" / "Pictures"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 30), "red").save(folder / "a cat with a very long name.png")
    (folder / "broken.png").write_bytes(b"nothing")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    browser = PictureBrowser()
    browser.load_all()
    return browser


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("name", ["confirm", "colours", "pictures"])
def test_no_word_is_cut(qtbot, qapp, tmp_path, monkeypatch, name, scale):
    theme.apply(qapp, "standard", scale)
    i18n.set_language(i18n.PSEUDO)
    try:
        dialog = make(name, tmp_path, monkeypatch)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(20)
        assert cut_words(dialog) == []
        screen = dialog.screen().availableGeometry()
        assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    finally:
        i18n.set_language("en")
        theme.apply(qapp, "standard", 1.0)

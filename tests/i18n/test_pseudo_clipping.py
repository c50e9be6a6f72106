"""Pseudo-locale: with every string 40 % longer and accented, no text is cut off, at UI
size 100 % and 200 %, on the studio, the gallery and every dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QLabel, QWidget

from helpers import film
from kadr import i18n
from kadr.ui import theme

TEXT_WIDGETS = (QAbstractButton, QLabel, QComboBox)
SCALES = (1.0, 2.0)
SCREEN = QSize(1366, 768)  # a school laptop


def show_as_on_a_laptop(dialog: QDialog) -> None:
    """Show ``dialog`` at the size Qt gives it on a 1366 x 768 screen: its size hint, at most
    2/3 of the screen, never below its minimum (the test screen is 800 x 800, so without this
    dialogs would be squeezed more than on the real thing)."""
    if not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # no size chosen in code
        size = dialog.sizeHint().boundedTo(SCREEN * 2 / 3)
        dialog.resize(size.expandedTo(dialog.minimumSizeHint()))
    dialog.show()


def clipped(root: QWidget) -> list[tuple[str, str, tuple[int, int], tuple[int, int]]]:
    """Every visible button, label, check box or drop-down narrower or lower than its text
    needs: (objectName or class, text, size, size hint). A word-wrapped label needs only
    the height its text takes at its width."""
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, TEXT_WIDGETS) or not w.isVisibleTo(root):
            continue
        if w.objectName().startswith("qt_") or w.parent() is None:
            continue
        text = w.currentText() if isinstance(w, QComboBox) else w.text()
        hint = w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            tight = w.height() < w.heightForWidth(w.width()) - 1
        else:
            tight = w.width() < hint.width() - 1 or w.height() < hint.height() - 1
        if tight:
            out.append((w.objectName() or type(w).__name__, text, w.size().toTuple(),
                        hint.toTuple()))
    return out


@pytest.fixture
def pseudo(qapp):
    """The pseudo locale at a UI size chosen by the test; English and 100 % afterwards."""
    def use(scale: float) -> None:
        theme.apply(qapp, "standard", scale)
        i18n.set_language(i18n.PSEUDO)

    yield use
    i18n.set_language("en")
    theme.apply(qapp, "standard", 1.0)


def test_pseudo_locale_is_longer_and_accented():
    """The test locale makes each string about 40 % longer, keeping {placeholders}."""
    i18n.set_language(i18n.PSEUDO)
    text = i18n.tr("Picture {n} of {count}, lasts 1 frame", n=2, count=5)
    assert text.startswith("[Pîçtüré 2 õf 5") and text.endswith("~]")
    assert len(i18n.pseudo("Play the film")) >= 1.4 * len("Play the film")


@pytest.mark.parametrize("scale", SCALES)
def test_studio_texts_are_not_clipped(window, pseudo, qtbot, scale):
    """The studio on a 1366 x 740 window: every text fits its widget."""
    window.studio.go_to(0)
    pseudo(scale)
    window.studio.refit()
    window.resize(1366, 740)
    qtbot.wait(50)
    assert window.studio.playback.play.text().startswith("[")  # really in the pseudo locale
    assert clipped(window.studio) == []


@pytest.mark.parametrize("scale", SCALES)
def test_gallery_texts_are_not_clipped(window, pseudo, qtbot, scale):
    """The gallery (the first screen) on a 1366 x 740 window: every text fits."""
    pseudo(scale)
    window.show_gallery()
    window.resize(1366, 740)
    qtbot.wait(50)
    assert clipped(window.gallery) == []


def make_dialog(name: str, tmp_path) -> QDialog:
    from kadr.core.library import Library
    from kadr.core.onion import OnionSettings
    from kadr.core.tools import ToolState
    from kadr.settings import Settings
    from kadr.ui.dialogs import HelpDialog, LanguageDialog, OnionDialog
    from kadr.ui.settings_dialog import SettingsDialog

    if name == "help":
        return HelpDialog()
    if name == "language":
        return LanguageDialog("ru")
    if name == "onion":
        return OnionDialog(OnionSettings())
    if name == "settings":
        return SettingsDialog(Settings())
    if name == "layers":
        from kadr.ui.layers_dialog import LayersDialog

        return LayersDialog(film(2), ToolState(), 0)
    if name == "export":
        from kadr.ui.export_dialog import ExportDialog

        return ExportDialog(film(2), None)
    from kadr.ui.gallery import GalleryView
    from kadr.ui.gallery_dialogs import BinDialog, NameDialog

    gallery = GalleryView(Library(tmp_path / "library"))
    return NameDialog(gallery, "My film") if name == "new_project" else BinDialog(gallery)


DIALOGS = ["help", "language", "onion", "settings", "layers", "export", "new_project", "bin"]


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("name", DIALOGS)
def test_dialog_texts_are_not_clipped(qtbot, pseudo, tmp_path, name, scale):
    """Each dialog at its own size: every text fits its widget."""
    from kadr.ui import canvas_words

    canvas_words.install()
    pseudo(scale)
    dialog = make_dialog(name, tmp_path)
    qtbot.addWidget(dialog)
    show_as_on_a_laptop(dialog)
    qtbot.waitExposed(dialog)
    qtbot.wait(20)
    assert clipped(dialog) == []


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("name", [d for d in DIALOGS if d != "language"])
def test_dialog_fits_on_a_laptop_screen(qtbot, pseudo, tmp_path, name, scale):
    """No dialog needs more than a 1366 x 768 screen (past its edge, text is cut off too)."""
    from kadr.ui import canvas_words

    canvas_words.install()
    pseudo(scale)
    dialog = make_dialog(name, tmp_path)
    qtbot.addWidget(dialog)
    need = dialog.minimumSizeHint()
    assert need.width() <= SCREEN.width() and need.height() <= SCREEN.height(), need

"""Dialogs: every control named and big enough; each does what it says."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

from helpers import film
from kadr import i18n
from kadr.core.onion import OnionSettings
from kadr.core.tools import ToolState
from kadr.settings import Settings
from kadr.ui.dialogs import HelpDialog, LanguageDialog, OnionDialog, shortcut_lines
from kadr.ui.layers_dialog import LayersDialog
from kadr.ui.settings_dialog import SettingsDialog

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider)


def make(name, qtbot):
    builders = {
        "help": lambda: HelpDialog(),
        "language": lambda: LanguageDialog("ru"),
        "onion": lambda: OnionDialog(OnionSettings()),
        "settings": lambda: SettingsDialog(Settings()),
        "layers": lambda: LayersDialog(film(2), ToolState(), 0),
    }
    dialog = builders[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("name", ["help", "language", "onion", "settings", "layers"])
def test_dialog_controls_are_named_and_big(qtbot, name):
    """Every control in the dialog: objectName, accessible name, >= 44 x 44 px."""
    dialog = make(name, qtbot)
    # a text view's own scroll bars belong to it (it scrolls by keyboard too)
    controls = [w for w in dialog.findChildren(QWidget) if isinstance(w, CONTROLS)
                and not isinstance(w, QScrollBar)
                and w.isVisibleTo(dialog) and not w.objectName().startswith("qt_")]
    assert controls
    for w in controls:
        assert w.objectName(), w
        assert w.accessibleName(), w.objectName()
        assert w.width() >= 44 and w.height() >= 44, (w.objectName(), w.size())


def test_language_buttons_show_each_language_in_itself(qtbot):
    """The first-start buttons read Қазақша, 한국어, 日本語 (no flags) and choose a language."""
    dialog = make("language", qtbot)
    texts = {b.text() for b in dialog.findChildren(QAbstractButton)}
    assert {"English", "Русский", "Қазақша", "한국어", "日本語"} <= texts
    kk = dialog.findChild(QAbstractButton, "language_kk")
    QTest.mouseClick(kk, Qt.MouseButton.LeftButton)
    assert dialog.chosen == "kk"


def test_onion_dialog_changes_settings(qtbot):
    """Counts, strength, outline and loop in the dialog become the onion settings."""
    dialog = make("onion", qtbot)
    got = []
    dialog.changed.connect(got.append)
    dialog.before.setValue(3)
    dialog.outline.setChecked(True)
    dialog.loop.setChecked(True)
    assert got[-1].before == 3 and got[-1].outline and got[-1].loop


def test_help_lists_every_key_and_reads_aloud(qtbot):
    """Help shows the key list and 'Read aloud' sends all of it to speech."""
    dialog = make("help", qtbot)
    heard = []
    dialog.read_aloud.connect(heard.append)
    QTest.mouseClick(dialog.speak, Qt.MouseButton.LeftButton)
    assert len(shortcut_lines()) >= 15
    assert "Play or stop the film" in heard[0] and "Draw with keys" in heard[0]


def test_settings_change_language_and_size(qtbot):
    """Choosing Russian and 150 % in settings changes the settings at once."""
    dialog = make("settings", qtbot)
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.scale.setCurrentIndex(dialog.scale.findData(1.5))
    assert dialog.settings.language == "ru" and dialog.settings.ui_scale == 1.5
    i18n.set_language("en")


def test_layers_draw_in_front_and_hide(qtbot, tmp_path):
    """'Draw in front' sends strokes to the front layer; hiding it hides them."""
    dialog = make("layers", qtbot)
    QTest.mouseClick(dialog.draw_on["front"], Qt.MouseButton.LeftButton)
    assert dialog.tools.layer == "front"
    dialog.shown["drawing"].setChecked(False)
    assert dialog.project.settings.visible["drawing"] is False

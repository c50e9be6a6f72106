"""Every button a child presses in Kadr's windows has a picture beside its word (the
studio's rule for children who cannot read): Close, Cancel, Play in Watch how, Make it,
Read aloud and the rest were words alone. Left as words, on purpose: what is for teachers
(the log, another folder). The colours of See other pictures show their colour."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton, QWidget

from helpers import film

FOR_TEACHERS = {"help_copy_log", "export_choose_folder"}


def make(name: str, keep: list[QWidget]) -> QWidget:
    if name == "help":
        from kadr.ui.dialogs import HelpDialog

        return HelpDialog()
    if name == "see other pictures":
        from kadr.core.onion import OnionSettings
        from kadr.ui.dialogs import OnionDialog

        return OnionDialog(OnionSettings())
    if name == "watch how":
        from kadr.ui.example_dialog import ExampleDialog

        return ExampleDialog(film(3, 64, 48), "A ball")
    if name in ("new project", "rename"):
        from kadr.ui.gallery_dialogs import NameDialog

        keep.append(QWidget())
        return NameDialog(keep[-1], "My film", sizes=name == "new project")
    if name == "settings":
        from kadr.settings import Settings
        from kadr.ui.settings_dialog import SettingsDialog

        return SettingsDialog(Settings())
    if name == "share":
        from kadr.ui.export_dialog import ExportDialog

        return ExportDialog(film(3, 64, 48), None)
    if name == "layers":
        from kadr.core.tools import ToolState
        from kadr.ui.layers_dialog import LayersDialog

        return LayersDialog(film(3, 64, 48), ToolState(), 0)
    raise AssertionError(name)


@pytest.mark.parametrize("name", ["help", "see other pictures", "watch how", "new project",
                                  "rename", "settings", "share", "layers"])
def test_every_button_has_a_picture(qtbot, name):
    keep: list[QWidget] = []
    window = make(name, keep)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    buttons = [b for b in window.findChildren(QAbstractButton)
               if b.isVisible() and b.text() and not isinstance(b, (QCheckBox, QRadioButton))]
    assert buttons
    assert [b.objectName() for b in buttons
            if b.icon().isNull() and b.objectName() not in FOR_TEACHERS] == []


def test_watch_how_shows_play_or_stop_as_it_does(qtbot):
    """The film plays as Watch how opens: its button shows Stop, then Play once pressed."""
    from kadr.ui.example_dialog import ExampleDialog

    dialog = ExampleDialog(film(3, 64, 48), "A ball")
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.play.icon().cacheKey()
    words = dialog.play.text()
    dialog.play.click()
    assert dialog.play.text() != words and dialog.play.icon().cacheKey() != first


def colour_at(button: QAbstractButton, x: float, y: float) -> str:
    size = button.iconSize()
    image = button.icon().pixmap(size).toImage()
    return image.pixelColor(round(image.width() * x), round(image.height() * y)).name()


def test_the_other_pictures_colours_show_their_colour(qtbot):
    """See other pictures' colour buttons were words alone: which colour is chosen could
    only be learnt by opening the grid. Each now shows its colour, and "Blue and orange"
    the usual pair."""
    from kadr.core.onion import AFTER_TINT, BEFORE_TINT, OnionSettings
    from kadr.ui.dialogs import OnionDialog

    dialog = OnionDialog(OnionSettings(before_tint="#3cb44b"))
    qtbot.addWidget(dialog)
    assert colour_at(dialog.before_tint, 0.5, 0.5) == "#3cb44b"
    assert colour_at(dialog.after_tint, 0.5, 0.5) == AFTER_TINT
    assert colour_at(dialog.reset, 0.3, 0.5) == BEFORE_TINT
    assert colour_at(dialog.reset, 0.7, 0.5) == AFTER_TINT
    dialog.use_tint("after_tint", "#911eb4")
    assert colour_at(dialog.after_tint, 0.5, 0.5) == "#911eb4"
    dialog.reset.click()
    assert colour_at(dialog.before_tint, 0.5, 0.5) == BEFORE_TINT
    assert colour_at(dialog.after_tint, 0.5, 0.5) == AFTER_TINT

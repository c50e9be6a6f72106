"""The studio opens filling the screen on every screen size (a 1920x1080 monitor too: the
paper as large as it can be for a child with low vision); un-maximised it is a usual
window no larger than 1280x800 and no larger than the screen."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from kadr.ui.app import show_studio


@pytest.mark.parametrize("w,h", [(1024, 600), (1366, 768), (1920, 1080), (3840, 2160)])
def test_studio_is_shown_maximised_on_every_screen(qtbot, w, h):
    window = QWidget()
    qtbot.addWidget(window)
    show_studio(window, QSize(w, h))
    assert window.isMaximized()
    window.showNormal()
    assert window.width() == min(1280, w) and window.height() == min(800, h)

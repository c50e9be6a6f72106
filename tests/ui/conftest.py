import pytest

from helpers import film
from kadr.settings import Settings
from kadr.ui import canvas_words, theme


@pytest.fixture
def studio(qtbot, qapp):
    """A studio on a 3-picture film, shown offscreen at 100 %."""
    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    from kadr.ui.studio import Studio

    project = film(3)
    project.undo_stack.clear()  # an opened film starts with no history
    s = Studio(project, Settings())
    s.announcement_log = []
    qtbot.addWidget(s)
    s.resize(1280, 800)
    s.show()
    qtbot.waitExposed(s)
    return s

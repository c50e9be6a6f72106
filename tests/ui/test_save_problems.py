"""When the disk refuses, drawing goes on and the child sees and hears a clear warning."""

import shutil

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from kadr.core.store import ProjectStore, load


def test_unwritable_folder_warns_and_drawing_continues(studio, qtbot, tmp_path):
    """A film whose folder vanishes shows a warning; when it is back, the work is kept."""
    folder = tmp_path / "films"
    folder.mkdir()
    path = folder / "film.kadr"
    store = ProjectStore.attach(studio.project, path, create=True)
    try:
        shutil.rmtree(folder)
        folder.write_text("now a file")  # the folder is gone: nothing can be written
        c = studio.canvas
        t = c.transform()
        QTest.mousePress(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         t.map(QPointF(50, 50)).toPoint())
        QTest.mouseMove(c, t.map(QPointF(200, 50)).toPoint())
        QTest.mouseRelease(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           t.map(QPointF(200, 50)).toPoint())
        qtbot.waitUntil(studio.save_warning.isVisible, timeout=5000)
        assert "NOT being kept" in studio.save_warning.text()
        assert studio.announcement_log[-1] == studio.save_warning.text()
        assert studio.project.undo_stack.count() == 1  # the stroke is there to see
        folder.unlink()
        folder.mkdir()
        qtbot.waitUntil(lambda: not studio.save_warning.isVisible(), timeout=10000)
        assert "kept again" in studio.announcement_log[-1]
        assert store.flush(5)
    finally:
        store.close()
    assert load(path).frames[0].pictures["drawing"].tiles  # the stroke reached the disk

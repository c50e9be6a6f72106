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


def test_gallery_picture_is_drawn_again_only_after_a_change(studio, tmp_path):
    """Closing a film keeps its gallery picture; unchanged films are not drawn again
    (closing stays quick), changed ones are."""
    from helpers import stroke
    from kadr.core.store import read_thumbnail

    path = tmp_path / "film.kadr"
    store = ProjectStore.attach(studio.project, path, create=True)
    writes = []
    keep = store.write_thumbnail
    store.write_thumbnail = lambda png: (writes.append(png), keep(png))  # count, then write
    try:
        studio.keep_thumbnail()  # a new file has none yet
        assert store.flush(5) and read_thumbnail(path) is not None and len(writes) == 1
        first = read_thumbnail(path)
        studio.keep_thumbnail()
        assert len(writes) == 1  # nothing changed: not drawn again
        stroke(studio.project, 0, [(10, 10), (300, 300)], size=30)
        studio.keep_thumbnail()
        assert store.flush(5) and len(writes) == 2 and read_thumbnail(path) != first
    finally:
        store.close()

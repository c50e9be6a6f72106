"""A film whose tiles are still being checked when the studio shows it (a long film:
core/tile_check.py) has its damage told once the check ends: in the warning over the
canvas and announced, once. The studio never waits for the check."""

from __future__ import annotations

from held_check import held_check
from kadr.core import film_values
from kadr.core.store import load, save_copy
from kadr.settings import Settings


def test_damage_is_told_when_the_check_ends(qtbot, qapp, tmp_path, monkeypatch):
    import sqlite3

    from helpers import film
    from kadr.ui.studio import Studio

    path = tmp_path / "hurt.kadr"
    save_copy(film(3), path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE tiles SET data = ? WHERE (frame_id, layer, tx, ty) = "
                    "(SELECT frame_id, layer, tx, ty FROM tiles LIMIT 1)", (b"not zlib",))
    con.close()
    with held_check(monkeypatch) as held:
        project = load(path)
        studio = Studio(project, Settings())
        qtbot.addWidget(studio)
        studio.announcement_log = []
        studio.resize(1280, 800)
        studio.show()
        qtbot.waitExposed(studio)
        qtbot.wait(300)  # the studio looks again and again while the check is held
        assert studio.save_warning.isHidden()
        assert not any(film_values.damaged_part() in t for t in studio.announcement_log)
        held.release()
        qtbot.waitUntil(lambda: not studio.save_warning.isHidden(), timeout=10_000)
    assert film_values.damaged_part() in studio.save_warning.text()
    qtbot.wait(300)
    told = [t for t in studio.announcement_log if film_values.damaged_part() in t]
    assert len(told) == 1

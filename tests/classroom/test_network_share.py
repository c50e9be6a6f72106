"""Films on network shares: detection from a mount table, and the local working copy
that is written back whole (real SQLite films in temporary folders)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kadr.classroom.network_share import is_unc, network_share, parse_linux_mounts
from kadr.classroom.share_copy import FilmBusy, busy_path, check_out, left_behind

MOUNTS = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
//server/class\0403B /mnt/class\0403B cifs rw,relatime,vers=3.1.1 0 0
server:/export/films /srv/films nfs4 rw,relatime 0 0
ana@box:/home/ana /home/teacher/box fuse.sshfs rw,nosuid 0 0
/dev/sdb1 /srv/films/local ext4 rw 0 0
"""


def test_linux_mount_table() -> None:
    """The longest mount point decides; spaces in /proc/mounts (\\040) are understood."""
    assert network_share(Path("/mnt/class 3B/Ana/walk.kadr"), MOUNTS, "linux") == "cifs"
    assert network_share(Path("/srv/films/x.kadr"), MOUNTS, "linux") == "nfs4"
    assert network_share(Path("/home/teacher/box/f"), MOUNTS, "linux") == "fuse.sshfs"
    assert network_share(Path("/srv/films/local/x.kadr"), MOUNTS, "linux") is None
    assert network_share(Path("/home/teacher/films"), MOUNTS, "linux") is None
    assert network_share(Path("/mnt/class"), MOUNTS, "linux") is None  # not a prefix by name
    assert parse_linux_mounts(MOUNTS)[3].point == "/mnt/class 3B"


def test_macos_mount_table() -> None:
    table = ("/dev/disk3s1s1 on / (apfs, sealed, local, read-only)\n"
             "//teacher@nas._smb._tcp.local/Kadr on /Volumes/Kadr (smbfs, nodev, nosuid)\n")
    assert network_share(Path("/Volumes/Kadr/Ana"), table, "darwin") == "smbfs"
    assert network_share(Path("/Users/ana/films"), table, "darwin") is None


def test_windows_paths() -> None:
    assert is_unc(r"\\server\films\Ana") and is_unc("//server/films")
    assert is_unc(r"\\?\UNC\server\films")
    assert not is_unc(r"C:\Users\Ana") and not is_unc(r"\\?\C:\films")
    assert network_share(Path(r"\\server\films\a.kadr"), platform="win32") == "unc"


def test_this_machines_temporary_folder_is_local(tmp_path: Path) -> None:
    """With the real mount table the test's own folder is not a share."""
    assert network_share(tmp_path) is None


def draw_title(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT value FROM meta WHERE key='title'").fetchone()[0])
    finally:
        con.close()


def retitle(path: Path, title: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('title', ?)", (title,))
    con.close()


def test_working_copy_round_trip(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    """The film is worked on locally; write_back puts a whole film on the share; release
    removes the busy file and the local copy."""
    from classroom_films import make_film

    film = make_film(tmp_path / "share", "Walk", 2)
    copy = check_out(film, tmp_path / "work")
    assert copy.local.parent.parent == tmp_path / "work" and busy_path(film).exists()
    holder = json.loads(busy_path(film).read_text(encoding="utf-8"))
    assert {"host", "user", "pid", "since"} <= set(holder)
    retitle(copy.local, "Walk, better")
    assert copy.write_back() == film
    assert draw_title(film) == "Walk, better"
    assert not any(p.name.endswith(".part") for p in film.parent.iterdir())
    retitle(copy.local, "Walk, best")
    assert copy.release() == film
    assert draw_title(film) == "Walk, best"
    assert not busy_path(film).exists() and not copy.folder.exists()


def test_another_computer_is_told_where_the_film_is_open(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    from classroom_films import make_film

    film = make_film(tmp_path / "share", "Walk", 1)
    busy_path(film).write_text(json.dumps({"host": "pc-12", "pid": 1, "since": 0,
                                           "token": "other"}), encoding="utf-8")
    with pytest.raises(FilmBusy, match="pc-12"):
        check_out(film, tmp_path / "work")


def test_a_changed_film_is_never_overwritten(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    """If the film on the share changed meanwhile (its busy file was broken), our work goes
    beside it as a copy."""
    from classroom_films import make_film

    film = make_film(tmp_path / "share", "Walk", 1)
    copy = check_out(film, tmp_path / "work")
    busy_path(film).unlink()  # a teacher broke the lock ...
    retitle(film, "Someone else's")  # ... and someone else wrote the film
    retitle(copy.local, "Mine")
    where = copy.write_back()
    assert where != film and where.parent == film.parent and "(from " in where.name
    assert draw_title(film) == "Someone else's" and draw_title(where) == "Mine"


def test_work_left_by_a_crash_goes_back_at_the_next_start(tmp_path: Path, qt) -> None:  # type: ignore[no-untyped-def]
    from classroom_films import make_film

    film = make_film(tmp_path / "share", "Walk", 1)
    copy = check_out(film, tmp_path / "work")
    retitle(copy.local, "Drawn before the crash")
    # Kadr stops here; at the next start:
    [left] = left_behind(tmp_path / "work")
    assert left.origin == film
    left.release()
    assert draw_title(film) == "Drawn before the crash"
    assert left_behind(tmp_path / "work") == [] and not busy_path(film).exists()

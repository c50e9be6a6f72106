"""The library: a folder of projects with no Save button, where nothing is lost."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from helpers import bad_project_file
from kadr.core import library as library_module
from kadr.core.library import (
    Library,
    LibraryError,
    default_root,
    safe_stem,
    update_thumbnail,
)
from kadr.core.paint import PenEvent
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.core.store import ProjectFileError, ProjectStore, check_file, load, save_copy
from kadr.core.tools import ToolSession, ToolState

BAD_KINDS = ("corrupt", "truncated", "not_sqlite", "foreign", "newer")


def stroke(project: Project, y: float, index: int = 0) -> None:
    session = ToolSession(project, index, ToolState(color="#4363d8", size=12))
    session.press(PenEvent(40, y))
    session.move(PenEvent(140, y))
    session.release(PenEvent(240, y))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def plain(message: str) -> bool:
    lowered = message.lower()
    return bool(message) and message.endswith(".") and not any(
        word in lowered for word in ("sqlite", "traceback", "errno", "disk image"))




@pytest.fixture
def lib(qapp, tmp_path):
    return Library(tmp_path / "library")


def test_create_and_list(lib):
    """New projects get readable unique file names and are listed with title and size."""
    a = lib.create("Bouncing ball", 640, 480)
    b = lib.create("Bouncing ball")
    c = lib.create("Мяч прыгает")
    d = lib.create("공 튀기기 ボール")
    assert [p.name for p in (a, b, c, d)] == [
        "Bouncing ball.kadr", "Bouncing ball 2.kadr", "Мяч прыгает.kadr", "공 튀기기 ボール.kadr"]
    entries = {e.path: e for e in lib.projects()}
    assert set(entries) == {a, b, c, d}
    assert entries[c].title == "Мяч прыгает" and entries[c].frames == 1
    assert not entries[c].broken
    assert load(a).width == 640 and load(b).width == 1280


def test_safe_names():
    """Titles lose path separators and characters Windows or SQLite URIs cannot take."""
    assert safe_stem("../../etc/passwd") == "etc passwd"
    assert safe_stem('a\\b:c*d?e"f<g>h|i#j%k') == "a b c d e f g h i j k"
    assert safe_stem("  .hidden.  ") == "hidden"
    assert safe_stem("CON") == "CON_"
    assert safe_stem("") and "/" not in safe_stem("/")
    assert len(safe_stem("길" * 200).encode()) <= 150


def test_default_root_follows_environment(monkeypatch, tmp_path):
    """KADR_LIBRARY chooses the library folder; otherwise it is under the user's data folder."""
    monkeypatch.setenv("KADR_LIBRARY", str(tmp_path / "mine"))
    assert default_root() == tmp_path / "mine"
    monkeypatch.delenv("KADR_LIBRARY")
    assert default_root().name == "library"


def test_duplicate(lib):
    """A duplicate is titled "(copy)", has the same pictures, and leaves the source alone."""
    src = lib.create("Ball")
    project = load(src)
    stroke(project, 100)
    save_copy(project, src)
    before = digest(src)
    copy = lib.duplicate(src)
    assert copy.name == "Ball (copy).kadr"
    assert load(copy).title == "Ball (copy)"
    assert Renderer(load(copy)).compose(0) == Renderer(project).compose(0)
    assert digest(src) == before


def test_duplicate_of_open_project_has_latest_edits(lib):
    """Duplicating a project that a store keeps open copies the strokes still in its -wal."""
    src = lib.create("Open ball")
    project = load(src)
    store = ProjectStore.attach(project, src)
    try:
        stroke(project, 100)
        stroke(project, 300)
        assert store.flush()
        assert src.with_name(src.name + "-wal").exists()
        copy = lib.duplicate(src)
        stroke(project, 400)  # the store keeps working after the copy
        assert store.flush()
    finally:
        store.close()
    copied = load(copy)
    assert copied.image(0).pixelColor(140, 300).alpha() > 0
    assert copied.image(0).pixelColor(140, 400).alpha() == 0
    assert load(src).image(0).pixelColor(140, 400).alpha() > 0


def test_rename(lib):
    """Rename changes the title inside the file and the file name, keeping the pictures."""
    src = lib.create("Ball")
    project = load(src)
    stroke(project, 100)
    save_copy(project, src)
    lib.create("Cat")
    new = lib.rename(src, "Cat")
    assert new.name == "Cat 2.kadr" and not src.exists()
    again = load(new)
    assert again.title == "Cat" and again.image(0).pixelColor(140, 100).alpha() > 0
    assert lib.rename(new, "cat 2").name == "cat 2.kadr"
    assert {e.title for e in lib.projects()} == {"Cat", "cat 2"}


def test_rename_refuses_open_project(lib):
    """Renaming a project a store has open fails in plain words and changes nothing."""
    src = lib.create("Ball")
    project = load(src)
    store = ProjectStore.attach(project, src)
    try:
        stroke(project, 100)
        assert store.flush()
        with pytest.raises(LibraryError) as raised:
            lib.rename(src, "Cat")
        assert plain(str(raised.value)) and "open" in str(raised.value)
        assert src.exists() and load(src).title == "Ball"
    finally:
        store.close()


def test_delete_to_bin_and_restore(lib):
    """Delete puts a project in the bin; restore brings it back under its name."""
    src = lib.create("Ball")
    binned = lib.delete(src)
    assert not src.exists() and binned.parent == lib.root / ".bin"
    assert binned.name.startswith("Ball ~")
    assert lib.projects() == []
    [entry] = lib.bin_entries()
    assert entry.title == "Ball" and entry.deleted is not None
    assert abs(entry.deleted - time.time()) < 120
    back = lib.restore(binned)
    assert back == src and load(back).title == "Ball"
    assert lib.bin_entries() == []


def test_restore_when_name_taken_and_empty_bin(lib):
    """Restoring next to a newer project of the same name keeps both; empty_bin clears it."""
    first = lib.delete(lib.create("Ball"))
    lib.create("Ball")
    assert lib.restore(first).name == "Ball 2.kadr"
    lib.delete(lib.create("Dog"))
    lib.delete(lib.create("Dog"))
    assert len(lib.bin_entries()) == 2
    assert lib.empty_bin() == 2
    assert lib.bin_entries() == [] and len(lib.projects()) == 2


def test_delete_moves_unwritten_wal_pages(lib, tmp_path):
    """A project left with a -wal after a crash keeps those strokes through bin and back."""
    src = lib.create("Crash")
    project = load(src)
    store = ProjectStore.attach(project, src)
    stroke(project, 100)
    assert store.flush()
    # Copy the file pair while the store still has it open: what a crash leaves behind.
    crashed = lib.root / "Crashed.kadr"
    shutil.copyfile(src, crashed)
    shutil.copyfile(src.with_name(src.name + "-wal"), crashed.with_name(crashed.name + "-wal"))
    store.close()
    back = lib.restore(lib.delete(crashed))
    assert load(back).image(0).pixelColor(140, 100).alpha() > 0


def test_broken_file_is_listed_and_left_alone(lib):
    """A damaged file shows up as broken with plain words, and listing never changes it."""
    lib.create("Fine")
    bad = bad_project_file("corrupt", lib.root)
    before = digest(bad)
    entries = {e.path.name: e for e in lib.projects()}
    assert entries["Fine.kadr"].broken == ""
    broken = entries["corrupt.kadr"]
    assert broken.broken and plain(broken.broken) and broken.title == "corrupt"
    assert broken.thumbnail is None
    assert digest(bad) == before
    binned = lib.delete(bad)
    assert digest(binned) == before and lib.bin_entries()[0].broken


def test_listing_skips_temporary_and_hidden_files(lib):
    """Half-written copies, side files and the bin are not shown as projects."""
    lib.create("Ball")
    (lib.root / ".Cat.kadr.part").write_bytes(b"half")
    (lib.root / "Dog.kadr.part").write_bytes(b"half")
    (lib.root / "notes.txt").write_text("hello")
    lib.delete(lib.create("Gone"))
    assert [e.title for e in lib.projects()] == ["Ball"]


def test_import_and_export(lib, tmp_path):
    """A project exported to a stick and imported back is the same, and the source is kept."""
    src = lib.create("Ball")
    project = load(src)
    stroke(project, 100)
    save_copy(project, src)
    (tmp_path / "stick").mkdir()
    out = lib.export_file(src, tmp_path / "stick" / "ball for Anna.kadr")
    check_file(out)
    assert out.read_bytes()[18:20] == b"\x01\x01"  # one plain file, no -wal needed
    assert not list(out.parent.glob("*.part"))
    before = digest(out)
    imported = lib.import_file(out)
    assert imported.name == "Ball 2.kadr"
    assert Renderer(load(imported)).compose(0) == Renderer(project).compose(0)
    assert digest(out) == before


def test_export_of_open_project_is_consistent(lib, tmp_path):
    """Exporting while a store writes gives a complete, checkable file with its latest edits."""
    src = lib.create("Ball")
    project = load(src)
    store = ProjectStore.attach(project, src)
    try:
        stroke(project, 200)
        assert store.flush()
        out = lib.export_file(src, tmp_path / "out.kadr")
    finally:
        store.close()
    check_file(out)
    assert load(out).image(0).pixelColor(140, 200).alpha() > 0


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_import_bad_file_adds_nothing(lib, tmp_path, kind):
    """Importing a bad file says why in plain words, writes nothing, and leaves it unchanged."""
    lib.create("Ball")
    bad = bad_project_file(kind, tmp_path / "stick")
    before, listing = digest(bad), names(lib.root)
    with pytest.raises(ProjectFileError) as raised:
        lib.import_file(bad)
    assert plain(str(raised.value))
    assert names(lib.root) == listing
    assert digest(bad) == before


def test_export_to_unwritable_place_is_plain(lib, tmp_path):
    """Exporting where no file can be made gives plain words and leaves nothing behind."""
    src = lib.create("Ball")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    with pytest.raises(LibraryError) as raised:
        lib.export_file(src, blocker / "ball.kadr")
    assert plain(str(raised.value))
    assert blocker.read_text() == "a file, not a folder"


def test_errors_are_explained_plainly():
    """Full and read-only disks get their own plain messages, never the system's words."""
    full = library_module._explain(OSError(errno.ENOSPC, "No space left on device"))
    ro = library_module._explain(OSError(errno.EROFS, "Read-only file system"))
    locked = library_module._explain(sqlite3.OperationalError("database is locked"))
    assert "full" in full and "allowed" in ro and "open" in locked
    assert all(plain(m) for m in (full, ro, locked))


def test_thumbnail_is_written_and_listed(lib):
    """update_thumbnail stores a 256 px picture of frame 1 that the listing returns."""
    src = lib.create("Ball", 640, 480)
    project = load(src)
    store = ProjectStore.attach(project, src)
    try:
        stroke(project, 100)
        png = update_thumbnail(store, project)
        assert store.flush()
    finally:
        store.close()
    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (256, 192)
    [entry] = lib.projects()
    assert entry.thumbnail == png


def test_a_film_without_a_gallery_picture_table_is_listed_not_broken(lib):
    """Files from before gallery pictures existed have no thumbnail table: still fine."""
    src = lib.create("Old", 640, 480)
    con = sqlite3.connect(src)
    con.execute("DROP TABLE IF EXISTS thumbnail")
    con.commit()
    con.close()
    [entry] = lib.projects()
    assert not entry.broken and entry.title == "Old" and entry.thumbnail is None


def test_looking_does_not_make_a_project_new(lib):
    """Listing a project last kept days ago still says it changed days ago."""
    src = lib.create("Old")
    project = load(src)
    store = ProjectStore.attach(project, src)  # the file is in WAL mode from now on
    stroke(project, 100)
    assert store.flush()
    store.close()
    days_ago = time.time() - 3 * 86400
    os.utime(src, (days_ago, days_ago))
    first = lib.projects()[0]
    assert Library(lib.root).projects()[0].modified == pytest.approx(days_ago, abs=1)
    assert first.modified == pytest.approx(days_ago, abs=1)


def test_export_onto_itself_is_refused(lib):
    """Exporting a project over its own file says so and keeps every stroke."""
    src = lib.create("Ball")
    project = load(src)
    store = ProjectStore.attach(project, src)
    try:
        stroke(project, 100)
        assert store.flush()
        with pytest.raises(LibraryError) as raised:
            lib.export_file(src, src)
        assert plain(str(raised.value))
        stroke(project, 200)
        assert store.flush()
    finally:
        store.close()
    again = load(src).image(0)
    assert again.pixelColor(140, 100).alpha() > 0 and again.pixelColor(140, 200).alpha() > 0

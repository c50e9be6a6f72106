"""Lesson packs: good packs import; hostile or broken packs are refused and write nothing."""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from kadr.lessons.cli import lessons_main
from kadr.lessons.library import shipped_lessons_dir
from kadr.lessons.pack import PackError, import_pack

BLINK = shipped_lessons_dir() / "blink"


def zip_folder(zpath: Path, folder: Path, prefix: str = "", extra=()) -> Path:
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, prefix + f.relative_to(folder.parent).as_posix())
        for info, data in extra:
            zf.writestr(info, data)
    return zpath


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def dest(tmp_path):
    d = tmp_path / "lessons"
    d.mkdir()
    return d


def refused(zpath: Path, dest: Path, words: str) -> None:
    """Import must fail with ``words`` in the message, leaving dest and its parent as they were."""
    before = tree(dest.parent)
    with pytest.raises(PackError) as err:
        import_pack(zpath, dest)
    assert words in str(err.value)
    assert tree(dest.parent) == before


def test_good_pack_imports(tmp_path, dest):
    """A zipped lesson folder is checked and moved into place."""
    z = zip_folder(tmp_path / "pack.zip", BLINK)
    assert import_pack(z, dest) == ["blink"]
    assert (dest / "blink" / "lesson.toml").exists()
    assert not [p for p in dest.iterdir() if p.name.startswith(".")]


def test_pack_inside_a_wrapper_folder_and_reimport(tmp_path, dest):
    """Lessons inside one top folder are found; importing again replaces the lesson."""
    z = zip_folder(tmp_path / "pack.zip", BLINK, prefix="my-pack/")
    assert import_pack(z, dest) == ["blink"]
    (dest / "blink" / "old-note.txt").write_text("old")
    assert import_pack(z, dest) == ["blink"]
    assert not (dest / "blink" / "old-note.txt").exists()


@pytest.mark.parametrize("name", ["../evil.txt", "blink/../../evil.txt", "/tmp/evil-kadr.txt",
                                  "C:/evil.txt", "..\\evil.txt"])
def test_paths_escaping_the_folder_are_refused(tmp_path, dest, name):
    """Entries with ../, absolute paths, drive letters or backslashes are refused."""
    z = zip_folder(tmp_path / "pack.zip", BLINK, extra=[(zipfile.ZipInfo(name), b"boo")])
    refused(z, dest, "outside the pack folder")
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-kadr.txt").exists()


def test_symlink_entry_is_refused(tmp_path, dest):
    """A symlink inside the pack is refused."""
    info = zipfile.ZipInfo("blink/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    z = zip_folder(tmp_path / "pack.zip", BLINK, extra=[(info, "/etc/passwd")])
    refused(z, dest, "is a link")


def test_zip_bomb_is_refused(tmp_path, dest):
    """A file that unpacks to over 100 times its packed size is refused."""
    z = zip_folder(tmp_path / "pack.zip", BLINK, extra=[("blink/zeros.bin", b"\0" * 10_000_000)])
    refused(z, dest, "zip bomb")


def test_huge_file_is_refused(tmp_path, dest):
    """A file over 20 MB is refused before anything is unpacked."""
    z = zip_folder(tmp_path / "pack.zip", BLINK, extra=[("blink/big.bin", b"\0" * 21_000_000)])
    refused(z, dest, "bigger than 20 MB")


def test_too_many_files_is_refused(tmp_path, dest):
    """More than 500 files is refused."""
    extra = [(f"blink/many/{i}.txt", b"x") for i in range(501)]
    z = zip_folder(tmp_path / "pack.zip", BLINK, extra=extra)
    refused(z, dest, "files")


def test_bad_toml_is_refused(tmp_path, dest):
    """A lesson with broken TOML is refused, naming the file."""
    broken = tmp_path / "src" / "blink"
    shutil.copytree(BLINK, broken)
    (broken / "lesson.toml").write_text('id = "blink"\ntitle = "oops\n', encoding="utf-8")
    z = zip_folder(tmp_path / "pack.zip", broken)
    refused(z, dest, "blink/lesson.toml")
    refused(z, dest, "not valid TOML")


def test_failing_validation_is_refused(tmp_path, dest):
    """A lesson using an unknown check is refused, naming the step and field."""
    broken = tmp_path / "src" / "blink"
    shutil.copytree(BLINK, broken)
    text = (broken / "lesson.toml").read_text(encoding="utf-8")
    (broken / "lesson.toml").write_text(text.replace('check = "played"', 'check = "danced"', 1),
                                        encoding="utf-8")
    z = zip_folder(tmp_path / "pack.zip", broken)
    refused(z, dest, "step 'play'")
    refused(z, dest, "unknown check 'danced'")


def test_not_a_zip_is_refused(tmp_path, dest):
    """A file that is not a zip gets a plain message."""
    z = tmp_path / "pack.zip"
    z.write_bytes(b"this is not a zip")
    refused(z, dest, "not a readable zip")


def test_empty_pack_is_refused(tmp_path, dest):
    """A zip without any lesson folder is refused."""
    z = tmp_path / "pack.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("notes.txt", "hello")
    refused(z, dest, "no lessons")


def test_cli_checks_a_zip(tmp_path, capsys):
    """kadr lessons check accepts a .zip pack and reports hostile ones."""
    good = zip_folder(tmp_path / "good.zip", BLINK)
    assert lessons_main(["check", str(good)]) == 0
    bad = zip_folder(tmp_path / "bad.zip", BLINK, extra=[(zipfile.ZipInfo("../x"), b"x")])
    assert lessons_main(["check", str(bad)]) == 1
    assert "outside the pack folder" in capsys.readouterr().err

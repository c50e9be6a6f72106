"""The export job: worker thread, signals, cancel, and complete-or-absent results."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest
from export_helpers import draw, make_film
from PIL import Image

from kadr.export import ExportError, ExportOptions, run_export, start_export
from kadr.export.runner import ExportJob


def test_job_signals_progress_and_finished(qtbot, tmp_path):
    """start_export runs off the UI thread and reports progress, then the path."""
    p = make_film([1, 2, 1])
    seen = []
    job = start_export(p, tmp_path / "f.gif", ExportOptions(),
                       on_progress=lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    assert done.args == [str(tmp_path / "f.gif")]
    assert job.wait(5) and seen and seen[-1][0] == seen[-1][1]
    with Image.open(tmp_path / "f.gif") as im:
        assert im.format == "GIF"


def test_job_works_on_a_copy(qtbot, tmp_path):
    """Drawing on after starting does not change the film being exported."""
    p = make_film([1, 1], front=False)
    job = ExportJob(p, tmp_path / "f.png", ExportOptions())
    draw(p, 0, "rectangle", (0, 0), (640, 480), "#000000", 200)  # after the snapshot
    job.run()
    with Image.open(tmp_path / "f" / "f_0001.png") as im:
        assert im.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.parametrize("fmt", ["mp4", "gif", "png", "sheet", "pclx"])
def test_cancel_leaves_nothing(qtbot, tmp_path, fmt):
    """Cancel part-way: the cancelled signal, and no file (not even a temporary one)."""
    p = make_film([1] * 12 + [12] * 4)
    out = tmp_path / "out"
    out.mkdir()
    job = ExportJob(p, out / f"film.{'png' if fmt == 'sheet' else fmt}",
                    ExportOptions(format=fmt, description="words"),
                    on_progress=lambda d, t: job.cancel() if d >= 3 else None)
    with qtbot.waitSignal(job.cancelled, timeout=20000):
        job.start()
    assert job.wait(10)
    assert os.listdir(out) == []


def test_destination_folder_missing_or_a_file(qtbot, tmp_path):
    """A folder that is not there, or is a file: a plain message and nothing written."""
    p = make_film([1])
    (tmp_path / "file").write_text("x")
    for dest in (tmp_path / "gone" / "f.gif", tmp_path / "file" / "f.gif"):
        job = ExportJob(p, dest, ExportOptions())
        with qtbot.waitSignal(job.failed, timeout=10000) as failed:
            job.start()
        assert "folder" in failed.args[0] and "\n" not in failed.args[0]
    assert sorted(os.listdir(tmp_path)) == ["file"]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs, if this machine lets us mount one (needs root in a privileged box)."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here to simulate a full disk")
    stat = os.statvfs(where)
    filler = where / ".filler"  # leave ~4 KB: far less than any of these exports needs
    filler.write_bytes(bytes(max(0, stat.f_bavail * stat.f_frsize - 4 * 1024)))
    yield where
    filler.unlink()
    subprocess.run(["umount", str(where)], check=False)


@pytest.mark.parametrize("name", ["f.gif", "f.mp4", "f.png", "f.pclx"])
@pytest.mark.may_skip("mounting a small tmpfs needs root in a privileged machine")
def test_full_disk_plain_message_no_file(tiny_disk, name):
    """A disk that fills up mid-export: 'disk is full', and no partial file."""
    p = make_film([1, 2, 1, 1, 1, 1])
    with pytest.raises(ExportError) as error:
        run_export(p, tiny_disk / name, ExportOptions())
    assert "disk is full" in str(error.value)
    assert os.listdir(tiny_disk) == [".filler"]


def test_description_txt_beside_every_export(tmp_path):
    """A description writes NAME.txt beside the GIF."""
    run_export(make_film([1]), tmp_path / "cat.gif", ExportOptions(description="A cat. "))
    assert (tmp_path / "cat.txt").read_text(encoding="utf-8") == "A cat.\n"


def test_bad_options_are_refused_plainly(tmp_path):
    """Impossible settings raise a plain ExportError before anything is written."""
    with pytest.raises(ExportError):
        run_export(make_film([1]), tmp_path / "x.gif", ExportOptions(scale=3.0))
    with pytest.raises(ExportError):
        run_export(make_film([1]), tmp_path / "x.mp4", ExportOptions(repeat=0))
    assert os.listdir(tmp_path) == []


def test_overwrites_existing_file_atomically(tmp_path):
    """An older export with the same name is replaced only by a complete new one."""
    target = tmp_path / "f.gif"
    target.write_bytes(b"old " + uuid.uuid4().bytes)
    run_export(make_film([1, 1]), target, ExportOptions())
    with Image.open(target) as im:
        assert im.format == "GIF"
    assert os.listdir(tmp_path) == ["f.gif"]


def test_fps_option_changes_the_file_not_the_project(tmp_path):
    """ExportOptions(fps=4) makes 250 ms frames; the project keeps its own speed."""
    p = make_film([1, 1], fps=12)
    run_export(p, tmp_path / "slow.gif", ExportOptions(fps=4))
    with Image.open(tmp_path / "slow.gif") as im:
        assert im.info["duration"] == 250
    assert p.settings.fps == 12

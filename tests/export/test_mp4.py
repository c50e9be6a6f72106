"""MP4 export, checked with the bundled ffmpeg as a real decoder."""

from __future__ import annotations

import logging
import os
import re
import subprocess

import imageio_ffmpeg
import numpy as np
import pytest
from export_helpers import make_film, rgb

from kadr.core.render import Renderer
from kadr.core.timing import exposures
from kadr.export import ExportError, ExportOptions, run_export

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def probe(path):
    """(width, height, ffmpeg's description) of a video file."""
    text = subprocess.run([FFMPEG, "-hide_banner", "-i", str(path)], capture_output=True,
                          text=True).stderr
    w, h = re.search(r"Video: h264.*?, (\d+)x(\d+)", text).groups()
    return int(w), int(h), text


def decode(path):
    """Every frame of the video as an (n, h, w, 3) array."""
    w, h, _ = probe(path)
    raw = subprocess.run([FFMPEG, "-v", "error", "-i", str(path), "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3).astype(int)


def top_level_atoms(path):
    data = path.read_bytes()
    atoms, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8].decode()
        if size == 1:
            size = int.from_bytes(data[pos + 8:pos + 16], "big")
        atoms.append(kind)
        pos += size if size else len(data)
    return atoms


def test_mp4_plays_and_has_every_frame(tmp_path):
    """ffmpeg decodes it without errors; frame count = sum of holds x repeat."""
    holds = [1, 3, 2, 1]
    p = make_film(holds)
    path = run_export(p, tmp_path / "film.mp4", ExportOptions(repeat=2))
    check = subprocess.run([FFMPEG, "-v", "error", "-i", str(path), "-f", "null", "-"],
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stderr == ""
    assert len(decode(path)) == sum(holds) * 2
    _w, _h, text = probe(path)
    assert "yuv420p" in text and "12 fps" in text


def test_mp4_pixels_near_renderer(tmp_path):
    """Each decoded frame is close to the renderer's picture for that film frame."""
    holds = [2, 1, 3]
    p = make_film(holds)
    frames = decode(run_export(p, tmp_path / "film.mp4", ExportOptions()))
    renderer = Renderer(p)
    for k, index in enumerate(exposures(holds)):
        diff = np.abs(frames[k] - rgb(renderer.compose(index)))
        assert diff.mean() < 3.0, k


def test_mp4_moov_before_mdat(tmp_path):
    """+faststart: the index comes first so browsers start playing at once."""
    path = run_export(make_film([1, 1]), tmp_path / "f.mp4", ExportOptions())
    atoms = top_level_atoms(path)
    assert atoms.index("moov") < atoms.index("mdat")


def test_mp4_odd_canvas_padded_not_scaled(tmp_path):
    """401x301 becomes 402x302 with the picture unscaled in the corner."""
    p = make_film([1, 2], size=(401, 301))
    path = run_export(p, tmp_path / "odd.mp4", ExportOptions())
    w, h, _ = probe(path)
    assert (w, h) == (402, 302)
    frames = decode(path)
    assert len(frames) == 3
    ours = rgb(Renderer(p).compose(0))
    assert np.abs(frames[0][:301, :401] - ours).mean() < 3.0


def test_mp4_scale_half(tmp_path):
    """50 % of 640x480 is 320x240."""
    path = run_export(make_film([1]), tmp_path / "s.mp4", ExportOptions(scale=0.5))
    assert probe(path)[:2] == (320, 240)


def test_mp4_description_subtitles_and_txt(tmp_path):
    """A description adds a mov_text subtitle track and a .txt beside the video."""
    text = "My cat jumps over the moon.\nThe end!"
    path = run_export(make_film([1, 1]), tmp_path / "cat.mp4", ExportOptions(description=text))
    assert "Subtitle: mov_text" in probe(path)[2]
    assert (tmp_path / "cat.txt").read_text(encoding="utf-8").strip() == text
    srt = subprocess.run([FFMPEG, "-v", "error", "-i", str(path), "-map", "0:s", "-f", "srt",
                          "-"], capture_output=True, text=True, check=True).stdout
    assert "My cat jumps over the moon." in srt
    assert sorted(os.listdir(tmp_path)) == ["cat.mp4", "cat.txt"]


@pytest.mark.parametrize("how", ["option", "env"])
def test_mp4_ffmpeg_missing_plain_message(tmp_path, monkeypatch, how):
    """No ffmpeg: one plain sentence, and no file at all."""
    options = ExportOptions()
    if how == "option":
        options.ffmpeg_exe = str(tmp_path / "no" / "ffmpeg")
    else:
        monkeypatch.setenv("KADR_FFMPEG", str(tmp_path / "no" / "ffmpeg"))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError) as error:
        run_export(make_film([1]), out / "f.mp4", options)
    assert "video maker" in str(error.value) and "\n" not in str(error.value)
    assert os.listdir(out) == []


def test_mp4_ffmpeg_failing_plain_message_log_has_details(tmp_path, caplog):
    """ffmpeg failing with a wall of text: the learner sees one sentence, the log the tail."""
    fake = tmp_path / "ffmpeg"
    fake.write_text("#!/bin/sh\ncat > /dev/null\nfor i in $(seq 200); do echo \"[libx264 @ 0x1]"
                    " broken thing $i\" >&2; done\nexit 1\n")
    fake.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    with caplog.at_level(logging.DEBUG, logger="kadr.export"):
        with pytest.raises(ExportError) as error:
            run_export(make_film([1, 1]), out / "f.mp4", ExportOptions(ffmpeg_exe=str(fake)))
    message = str(error.value)
    assert "libx264" not in message and len(message) < 200
    assert "broken thing 200" in caplog.text and "broken thing 1\n" not in caplog.text
    assert os.listdir(out) == []


def test_the_shipped_ffmpeg_is_found_without_running_it(monkeypatch):
    """imageio-ffmpeg's own lookup runs `ffmpeg -version` first (a twelfth of a short
    export); the video export takes the program from the package folder as it is."""
    from kadr.export.mp4 import ffmpeg_exe, shipped_ffmpeg

    monkeypatch.delenv("KADR_FFMPEG", raising=False)
    found = shipped_ffmpeg()
    assert found is not None and os.path.samefile(found, FFMPEG)
    assert ffmpeg_exe(ExportOptions()) == found

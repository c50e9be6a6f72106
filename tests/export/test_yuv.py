"""Pictures as YUV 4:2:0 for the MP4 (export/yuv.py): only ink pixels are converted, so
each picture must still come out as the whole picture converted, in any order."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from export_helpers import make_film
from test_mp4 import FFMPEG, decode, probe

from kadr.export import ExportOptions, run_export
from kadr.export.frames import Pictures, prepare, words
from kadr.export.yuv import Yuv420, chroma, luma


def whole(canvas: np.ndarray) -> bytes:
    """Every pixel of ``canvas`` converted, with no help from where the ink is."""
    px = words(canvas)
    u, v = chroma(px[0::2, 0::2], px[0::2, 1::2], px[1::2, 0::2], px[1::2, 1::2])
    return luma(px).tobytes() + u.tobytes() + v.tobytes()


def bgra(colour: tuple[int, int, int]) -> np.ndarray:
    out = np.empty((2, 2, 4), np.uint8)
    out[:, :] = (colour[2], colour[1], colour[0], 255)
    return out


@pytest.mark.parametrize(("colour", "yuv"), [
    ((255, 255, 255), (235, 128, 128)), ((0, 0, 0), (16, 128, 128)),
    ((255, 0, 0), (81, 90, 240)), ((0, 255, 0), (145, 54, 34)),
    ((0, 0, 255), (41, 240, 110))])
def test_bt601_limited_range_values(colour, yuv):
    """The published BT.601 8-bit values of white, black and the primaries."""
    assert tuple(Yuv420(bgra(colour)).base) == (yuv[0],) * 4 + yuv[1:]


def test_each_picture_is_the_whole_picture_converted():
    """Pictures in film order, backwards, repeated and empty (ink put back to paper, a
    picture drawn twice): each equals converting its every pixel; the paper around the
    ink is untouched; two layers of ink and a coloured paper count."""
    project = make_film([1, 2, 1, 1], blank=2)
    project.set_background(paper="#ffe4b5")
    pics = Pictures(prepare(project))
    yuv = Yuv420(pics.base)
    inked = {}
    for step, index in enumerate((0, 1, 2, 3, 3, 1, 0, 2, 0, 1, 3, 3, 2)):
        canvas = pics.frame(index)
        # some pictures converted whole (as when ink covers most of one): the next one,
        # converted where its ink is, must not keep any of it
        ink = None if step in (4, 5, 9, 11) else pics.ink_pixels()
        assert bytes(yuv.picture(canvas, ink)) == whole(canvas), (step, index)
        inked[index] = pics.ink_pixels().size
        assert pics.ink_count() == inked[index]
    assert inked[2] == 0 and min(inked[0], inked[1], inked[3]) > 0  # 2 is blank


def test_a_painted_background_is_converted_whole(tmp_path):
    """A picture whose ink covers the paper (a filled background) goes the whole-picture
    way (picking out every pixel costs ~6x more); the MP4 still shows it."""
    from PySide6.QtGui import QColor

    from kadr.core.fill import fill

    project = make_film([1, 1, 1])
    image = project.image_to_edit(1, "drawing")  # the paint bucket on the paper
    project.commit_pixels(1, "drawing", image, fill(image, 5, 5, QColor("#2e9e44")), "test")
    pics = Pictures(prepare(project))
    yuv = Yuv420(pics.base)
    dense = []
    for index in range(3):
        pics.frame(index)
        dense.append(yuv.dense(pics.ink_count()))
    assert dense == [False, True, False]
    frames = decode(run_export(project, tmp_path / "green.mp4", ExportOptions()))
    assert np.abs(frames[1][5, 5] - (0x2E, 0x9E, 0x44)).max() <= 4
    assert np.abs(frames[2][5, 5] - (255, 255, 255)).max() <= 2  # paper again after it


def test_odd_sizes_are_refused():
    with pytest.raises(ValueError):
        Yuv420(np.zeros((3, 4, 4), np.uint8))


def test_close_to_ffmpegs_own_conversion(tmp_path):
    """Luma within 1 of ffmpeg converting the same BGRA itself; colour (averaged over
    2x2 blocks; ffmpeg filters a little wider) the same on nearly every block."""
    project = make_film([1, 1, 1])
    pics = Pictures(prepare(project))
    yuv = Yuv420(pics.base)
    w, h = pics.size
    for index in range(3):
        canvas = pics.frame(index)
        ours = np.frombuffer(bytes(yuv.picture(canvas, pics.ink_pixels())), np.uint8)
        theirs = np.frombuffer(subprocess.run(
            [FFMPEG, "-v", "error", "-f", "rawvideo", "-pix_fmt", "bgra", "-s", f"{w}x{h}",
             "-i", "-", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"],
            input=canvas.tobytes(), capture_output=True, check=True).stdout, np.uint8)
        diff = np.abs(ours.astype(int) - theirs)
        assert diff[:w * h].max() <= 1
        assert (diff[w * h:] > 2).mean() < 0.01


def test_mp4_says_which_colours_it_holds(tmp_path):
    """The H.264 stream is tagged BT.601 limited range (players guess BT.709 for HD)."""
    for options in (ExportOptions(), ExportOptions(scale=0.5)):  # ours, and ffmpeg's
        path = run_export(make_film([1, 1]), tmp_path / "t.mp4", options)
        assert "yuv420p(tv, smpte170m" in probe(path)[2]
        assert len(decode(path)) == 2

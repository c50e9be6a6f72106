"""GIF export: pixels, timing, looping, flat colours, transparency, scale."""

from __future__ import annotations

import numpy as np
from export_helpers import make_film, rgb
from PIL import Image, ImageSequence

from kadr.core.render import Renderer
from kadr.core.timing import gif_delays_ms
from kadr.export import ExportOptions, run_export
from kadr.export.frames import Pictures

HOLDS = [1, 2, 3, 1, 2, 1, 4]  # 14 film frames at 24 fps: 583.3 ms


def _frames(path):
    """(start_ms, duration_ms, RGB array) of every frame the GIF stores."""
    out, t = [], 0
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            d = frame.info["duration"]
            out.append((t, d, np.asarray(frame.convert("RGB")).astype(int)))
            t += d
    return out


def test_gif_pixels_match_renderer(tmp_path):
    """Every GIF frame shows the renderer's picture for its time, within palette error."""
    p = make_film(HOLDS, fps=24)
    path = run_export(p, tmp_path / "film.gif", ExportOptions())
    starts = np.cumsum([0] + gif_delays_ms(HOLDS, 24))[:-1]
    renderer = Renderer(p)
    frames = _frames(path)
    assert len(frames) == len(HOLDS)  # all pictures differ, so none were merged
    for start, _d, pixels in frames:
        index = int(np.flatnonzero(starts == start)[0])
        ours = rgb(renderer.compose(index))
        diff = np.abs(pixels - ours).max(axis=2)
        assert diff.mean() < 2.0
        assert (diff > 48).mean() < 0.002
        paper = (ours == 255).all(axis=2)  # the most used colour is kept exactly
        assert paper.mean() > 0.5 and (diff[paper] == 0).all()


def test_gif_total_duration_exact(tmp_path):
    """24 fps with holds: the GIF lasts the film's length to 10 ms (rounding carried)."""
    p = make_film(HOLDS, fps=24)
    path = run_export(p, tmp_path / "film.gif", ExportOptions())
    total = sum(d for _s, d, _p in _frames(path))
    assert abs(total - sum(HOLDS) * 1000 / 24) <= 10


def test_gif_loops_forever_by_default_or_n_times(tmp_path):
    """loop=0 writes the NETSCAPE block with 0; 1 plays once (no block); 3 repeats twice."""
    p = make_film([1, 1, 1])
    with Image.open(run_export(p, tmp_path / "a.gif", ExportOptions())) as im:
        assert im.info["loop"] == 0
    with Image.open(run_export(p, tmp_path / "b.gif", ExportOptions(loop=1))) as im:
        assert "loop" not in im.info
    with Image.open(run_export(p, tmp_path / "c.gif", ExportOptions(loop=3))) as im:
        assert im.info["loop"] == 2


def test_gif_flat_colours_not_dithered(tmp_path):
    """A flat fill and the paper each decode to one colour, the one that was painted."""
    p = make_film([1, 1, 1], front=False)
    p.set_background(paper="#ffe119")
    path = run_export(p, tmp_path / "flat.gif", ExportOptions())
    _s, _d, first = _frames(path)[0]
    ball = first[144 + 30:144 + 70, 20 + 30:20 + 70].reshape(-1, 3)  # inside picture 0's ball
    paper = first[400:470, 300:600].reshape(-1, 3)
    assert len(np.unique(ball, axis=0)) == 1
    assert len(np.unique(paper, axis=0)) == 1
    assert np.abs(ball[0] - (0xe6, 0x19, 0x4b)).max() <= 4
    assert np.abs(paper[0] - (0xff, 0xe1, 0x19)).max() <= 4


def test_gif_transparent_background(tmp_path):
    """transparent=True: see-through exactly where our picture is, no ghost of old frames."""
    p = make_film([1, 2, 1], front=False)
    path = run_export(p, tmp_path / "t.gif", ExportOptions(transparent=True))
    pictures = Pictures(p, transparent=True)
    with Image.open(path) as im:
        for k, frame in enumerate(ImageSequence.Iterator(im)):
            rgba = np.asarray(frame.convert("RGBA"))
            ours = pictures.array(k)
            assert np.array_equal(rgba[:, :, 3] > 0, ours[:, :, 3] >= 128)
            assert rgba[5, 5, 3] == 0


def test_gif_scale(tmp_path):
    """50 % and 200 % give half and double size."""
    p = make_film([1, 1], front=False)
    with Image.open(run_export(p, tmp_path / "s.gif", ExportOptions(scale=0.5))) as im:
        assert im.size == (320, 240)
    with Image.open(run_export(p, tmp_path / "l.gif", ExportOptions(scale=2.0))) as im:
        assert im.size == (1280, 960)


def test_gif_dither_option_still_decodes(tmp_path):
    """Dithering on: a valid GIF of the right length."""
    p = make_film([1, 2, 1])
    path = run_export(p, tmp_path / "d.gif", ExportOptions(dither=True))
    assert abs(sum(d for _s, d, _p in _frames(path)) - 4 * 1000 / 12) <= 10


def _film_with_a_rare_colour(n: int = 70):
    """``n`` small pictures with a moving dot; one picture the palette is not chosen from
    also has a yellow box that no other picture has."""
    from export_helpers import draw

    from kadr.core.project import blank_project
    from kadr.export.gif import sampled_pictures

    rare = next(i for i in range(n) if i not in sampled_pictures(n))
    p = blank_project(96, 64)
    for i in range(n):
        if i:
            p.add_frame(i - 1)
        draw(p, i, "line", (i, 5), (i + 3, 5), "#000000", 2)
    draw(p, rare, "rectangle", (20, 20), (60, 50), "#000000", 2, fill_color="#ffe119")
    return p, rare


def test_gif_colour_only_in_an_unsampled_picture_stays_true(tmp_path):
    """Long films choose the palette from 64 pictures; a colour only another picture uses
    still comes out right (that picture gets its own palette), and paper stays exactly white."""
    p, rare = _film_with_a_rare_colour()
    with Image.open(run_export(p, tmp_path / "r.gif", ExportOptions())) as im:
        frames = [np.asarray(f.convert("RGB")).astype(int) for f in ImageSequence.Iterator(im)]
    assert len(frames) == len(p.frames)
    assert np.abs(frames[rare][35, 40] - (0xff, 0xe1, 0x19)).max() <= 4
    for pixels in frames:
        assert tuple(pixels[60, 90]) == (255, 255, 255)  # exact, not 2-7 levels off


def test_gif_transparent_with_a_rare_colour(tmp_path):
    """The same with a see-through background: the box is yellow, the paper see-through."""
    p, rare = _film_with_a_rare_colour()
    path = run_export(p, tmp_path / "t.gif", ExportOptions(transparent=True))
    pictures = Pictures(p, transparent=True)
    with Image.open(path) as im:
        for k, frame in enumerate(ImageSequence.Iterator(im)):
            rgba = np.asarray(frame.convert("RGBA")).astype(int)
            assert np.array_equal(rgba[:, :, 3] > 0, pictures.array(k)[:, :, 3] >= 128)
            if k == rare:
                assert np.abs(rgba[35, 40, :3] - (0xff, 0xe1, 0x19)).max() <= 4

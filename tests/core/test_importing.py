"""Bringing pictures in: background to trace, animated GIF as pictures, bad files."""

import pytest
from PIL import Image

from kadr.core.importing import ImportProblem, import_background, import_gif_frames
from kadr.core.project import blank_project
from kadr.core.render import Renderer


@pytest.mark.parametrize("ext", ["png", "jpg", "gif"])
def test_background_picture_shows_under_the_drawing(qapp, tmp_path, ext):
    """A PNG, JPEG or GIF becomes the background, dimmed, and undo takes it away."""
    path = tmp_path / f"bg.{ext}"
    Image.new("RGB", (320, 240), (0, 0, 255)).save(path)
    p = blank_project(320, 240)
    import_background(p, path)
    c = Renderer(p).compose(0).pixelColor(160, 120)
    assert c.blue() > 200 and c.red() > 90  # blue at half strength over white paper
    p.undo_stack.undo()
    assert Renderer(p).compose(0).pixelColor(160, 120).name() == "#ffffff"


def test_hidden_background_is_not_drawn(qapp, tmp_path):
    """Hiding the background layer hides the picture to trace."""
    path = tmp_path / "bg.png"
    Image.new("RGB", (64, 64), (255, 0, 0)).save(path)
    p = blank_project(64, 64)
    import_background(p, path)
    p.set_visible("background", False)
    assert Renderer(p).compose(0).pixelColor(32, 32).name() == "#ffffff"


def test_gif_frames_become_pictures_with_holds(qapp, tmp_path):
    """Each GIF frame becomes a picture; its delay becomes a hold at the film's speed."""
    path = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (100, 100), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=[125, 250, 125],
                   loop=0)
    p = blank_project(100, 100)
    p.set_fps(8)
    assert import_gif_frames(p, path, 0) == 3
    assert [f.hold for f in p.frames] == [1, 1, 2, 1]
    assert Renderer(p).compose(2).pixelColor(50, 50).name() == "#00ff00"
    p.undo_stack.undo()  # one step takes the whole import back
    assert len(p.frames) == 1


def test_huge_picture_is_refused_plainly(qapp, tmp_path):
    """A picture of 64 million pixels is refused with plain words before decoding."""
    path = tmp_path / "huge.png"
    Image.new("1", (8000, 8000)).save(path)
    p = blank_project(64, 64)
    with pytest.raises(ImportProblem, match="too big"):
        import_background(p, path)
    assert p.background.png is None and p.undo_stack.count() == 0


@pytest.mark.parametrize("content", [b"not a picture at all", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_broken_picture_is_refused_plainly(qapp, tmp_path, content):
    """A corrupt or truncated file gives a plain message and changes nothing."""
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    p = blank_project(64, 64)
    with pytest.raises(ImportProblem, match="cannot read"):
        import_background(p, path)
    with pytest.raises(ImportProblem):
        import_gif_frames(p, path, 0)
    assert len(p.frames) == 1 and p.undo_stack.count() == 0

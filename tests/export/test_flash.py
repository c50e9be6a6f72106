"""WCAG 2.3.1 three-flashes check."""

from __future__ import annotations

import numpy as np
from export_helpers import draw

from kadr.core.project import blank_project
from kadr.export import check_frames, check_project

W, H = 640, 480


def solid(value):
    return np.full((H, W, 3), value, np.uint8)


def strobe(n=24):
    return [solid(0 if i % 2 else 255) for i in range(n)]


def test_black_white_strobe_at_12_fps_fails():
    """Full-screen black/white at 12 fps: 6 flashes a second, unsafe; 6 fps suggested."""
    result = check_frames(strobe(), 12)
    assert not result.safe
    assert result.flashes_per_second == 6
    assert result.safe_fps == 6
    assert check_frames(strobe(), result.safe_fps).safe
    assert "6" in result.message() and "\n" not in result.message()


def test_same_strobe_at_2_fps_passes():
    """The same pictures at 2 fps flash once a second: safe."""
    result = check_frames(strobe(), 2)
    assert result.safe and result.flashes_per_second <= 1


def test_holds_slow_a_strobe_down():
    """Holding each picture for 3 frames at 12 fps is 2 flashes a second: safe."""
    assert check_frames(strobe(8), 12, picture_holds=[3] * 8).safe


def test_slow_fade_passes():
    """Black to white and back over four seconds is not flashing."""
    ramp = [solid(round(255 * i / 23)) for i in range(24)]
    result = check_frames(ramp + ramp[::-1], 12)
    assert result.safe and result.flashes_per_second <= 1


def test_small_flashing_spot_passes():
    """A 40x40 spot flashing at 12 fps is far below 25 % of a 10-degree field."""
    frames = []
    for i in range(24):
        f = solid(255)
        if i % 2:
            f[200:240, 300:340] = 0
        frames.append(f)
    assert check_frames(frames, 12).safe


def test_large_spot_flashing_fails():
    """A spot bigger than a 10-degree field (250x200 of 640x480) flashing at 12 fps fails."""
    frames = []
    for i in range(24):
        f = solid(255)
        if i % 2:
            f[100:300, 200:450] = 0
        frames.append(f)
    assert not check_frames(frames, 12).safe


def test_dark_changes_above_080_do_not_count():
    """Flicker between two very light greys (darker state >= 0.80) is not a flash."""
    frames = [solid(255 if i % 2 else 235) for i in range(24)]  # luminance 1.0 vs ~0.83
    assert check_frames(frames, 12).safe


def test_project_check_renders_through_renderer():
    """A project alternating a big filled black shape with blank paper fails at 12 fps."""
    p = blank_project(W, H)
    for i in range(6):
        if i:
            p.add_frame(i - 1)
        if i % 2 == 0:
            draw(p, i, "rectangle", (20, 20), (620, 460), "#000000", 8, fill_color="#000000")
    p.set_fps(12)
    result = check_project(p)
    assert not result.safe and result.safe_fps <= 6
    assert check_project(p, fps=result.safe_fps).safe


def colour(rgb):
    return np.full((H, W, 3), rgb, np.uint8)


def test_red_green_flashing_at_equal_brightness_fails():
    """Saturated red against green of the same luminance: no general flash at all, but
    six red flashes a second at 12 fps (WCAG's red flash), so it is not safe."""
    frames = [colour((255, 0, 0) if i % 2 else (0, 148, 0)) for i in range(24)]
    result = check_frames(frames, 12)
    assert not result.safe and result.flashes_per_second == 6
    assert result.safe_fps <= 6 and check_frames(frames, result.safe_fps).safe


def test_colour_flashing_without_red_passes():
    """Blue against green of the same luminance changes colour a lot but is not red."""
    frames = [colour((0, 0, 255) if i % 2 else (0, 89, 0)) for i in range(24)]
    assert check_frames(frames, 12).safe


def test_a_small_red_blink_passes():
    """A red dot blinking on white paper covers far less than a quarter of any field."""
    base = solid(255)
    dot = base.copy()
    dot[200:230, 300:330] = (255, 0, 0)
    assert check_frames([dot if i % 2 else base for i in range(24)], 12).safe

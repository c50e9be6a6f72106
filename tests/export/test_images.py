"""PNG frame sequence and sprite sheet: consistent with each other and the renderer."""

from __future__ import annotations

import json

import numpy as np
from export_helpers import make_film, rgb
from PIL import Image

from kadr.core.render import Renderer
from kadr.core.timing import exposures
from kadr.export import ExportOptions, run_export

HOLDS = [1, 3, 2, 1, 2]


def test_png_sequence_sheet_and_json_agree(tmp_path):
    """Frame k of the sequence equals the sheet cell of the picture shown at k."""
    p = make_film(HOLDS, fps=12)
    folder = run_export(p, tmp_path / "walk.png", ExportOptions())
    sheet_png = run_export(p, tmp_path / "sheet.json", ExportOptions())
    assert folder == tmp_path / "walk" and folder.is_dir()
    assert sheet_png == tmp_path / "sheet.png"
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [f"walk_{n:04d}.png" for n in range(1, sum(HOLDS) + 1)]
    data = json.loads((tmp_path / "sheet.json").read_text())
    sheet = np.asarray(Image.open(sheet_png).convert("RGB")).astype(int)
    assert data["image"] == "sheet.png" and data["fps"] == 12
    assert data["film_length"] == sum(HOLDS) == sum(f["hold"] for f in data["frames"])
    assert [f["hold"] for f in data["frames"]] == HOLDS
    assert sum(f["duration_ms"] for f in data["frames"]) == data["total_ms"] == 750
    assert sheet.shape[:2] == (data["rows"] * data["frame_height"],
                               data["columns"] * data["frame_width"])
    renderer = Renderer(p)
    for k, index in enumerate(exposures(HOLDS)):
        cell = data["frames"][index]
        crop = sheet[cell["y"]:cell["y"] + cell["h"], cell["x"]:cell["x"] + cell["w"]]
        frame = np.asarray(Image.open(files[k]).convert("RGB")).astype(int)
        assert np.array_equal(frame, crop)
        assert np.array_equal(frame, rgb(renderer.compose(index)))


def test_png_sequence_transparent(tmp_path):
    """Transparent PNGs: paper is see-through, the ball is opaque."""
    p = make_film([1, 1], front=False)
    folder = run_export(p, tmp_path / "t.png", ExportOptions(transparent=True, scale=0.5))
    first = np.asarray(Image.open(folder / "t_0001.png"))
    assert first.shape == (240, 320, 4)
    assert first[2, 2, 3] == 0 and first[(144 + 50) // 2, (20 + 50) // 2, 3] == 255


def test_png_sequence_replaces_an_older_export(tmp_path):
    """Exporting again over an older folder leaves only the new frames."""
    old = tmp_path / "walk"
    old.mkdir()
    (old / "walk_0099.png").write_bytes(b"old")
    run_export(make_film([2]), tmp_path / "walk.png", ExportOptions())
    assert sorted(f.name for f in old.iterdir()) == ["walk_0001.png", "walk_0002.png"]
    assert sorted(f.name for f in tmp_path.iterdir()) == ["walk"]

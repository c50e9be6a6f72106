"""Pencil2D .pclx: our export, re-import, Pencil2D's own rendering, and hostile files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import numpy as np
import pytest
from export_helpers import draw, make_film, rgb
from PIL import Image

from kadr.core.project import DRAWING_LAYERS
from kadr.core.render import Renderer
from kadr.core.store import ProjectFileError
from kadr.core.timing import exposures
from kadr.export import ExportOptions, import_pclx, run_export
from kadr.export.frames import to_array

HOLDS = [1, 3, 2, 1, 12, 1]


def layer_pixels(project, i, layer):
    return to_array(project.image(i, layer), alpha=True).astype(int)


def test_pclx_container_layout(tmp_path):
    """mimetype first and stored, DOCTYPE present, a camera key at the last frame."""
    path = run_export(make_film(HOLDS), tmp_path / "f.pclx", ExportOptions())
    with zipfile.ZipFile(path) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/x-pencil2d-pclx"
        xml = zf.read("main.xml").decode()
    assert "<!DOCTYPE PencilDocument>" in xml
    assert f'<camera frame="{sum(HOLDS)}"' in xml and 'width="640" height="480"' in xml


def test_pclx_round_trip_equals_original(tmp_path):
    """Export then import gives the same pictures, holds and speed."""
    p = make_film(HOLDS, fps=15, blank=2)
    imported = import_pclx(run_export(p, tmp_path / "f.pclx", ExportOptions()))
    q = imported.project
    assert imported.notes == []
    assert (q.width, q.height, q.settings.fps) == (640, 480, 15)
    assert [f.hold for f in q.frames] == HOLDS
    for i in range(len(HOLDS)):
        for layer in DRAWING_LAYERS:
            assert np.abs(layer_pixels(p, i, layer) - layer_pixels(q, i, layer)).max() <= 1


def test_pclx_round_trip_with_background(tmp_path):
    """Paper colour and a traced picture survive as Kadr's background layer."""
    p = make_film([1, 2], front=False)
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(picture, format="PNG")
    p.set_background(paper="#ffd8b1", png=picture.getvalue(), opacity=0.5)
    q = import_pclx(run_export(p, tmp_path / "bg.pclx", ExportOptions())).project
    a, b = Renderer(p), Renderer(q)
    for i in range(2):
        assert np.abs(rgb(a.compose(i)) - rgb(b.compose(i))).max() <= 1


def pencil2d_render(pclx, out, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    out.mkdir()
    subprocess.run(["timeout", "120", "pencil2d", str(pclx), "-o", str(out / "frame.png"),
                    "--end", "last"], env=env, capture_output=True, check=True)
    return sorted(out.iterdir())


@pytest.mark.parametrize("size", [(640, 480), (401, 301)])
def test_pencil2d_renders_our_pclx_like_we_do(tmp_path, size):
    """Pencil2D (headless) renders every frame of our file as our renderer on white."""
    if shutil.which("pencil2d") is None:
        if os.environ.get("CI"):
            pytest.fail("pencil2d must be installed on CI (apt-get install pencil2d)")
        pytest.skip("pencil2d is not installed")
    p = make_film(HOLDS, size=size, blank=2)
    draw(p, 0, "line", (0, 0), (size[0], size[1]), "#000000", 6)  # ink up to the corners
    files = pencil2d_render(run_export(p, tmp_path / "f.pclx", ExportOptions()),
                            tmp_path / "out", tmp_path)
    assert len(files) == sum(HOLDS)
    renderer = Renderer(p)
    for k, index in enumerate(exposures(HOLDS)):
        theirs = np.asarray(Image.open(files[k]).convert("RGB")).astype(int)
        diff = np.abs(theirs - rgb(renderer.compose(index)))
        assert diff.mean() < 0.5 and (diff > 32).mean() < 0.001, files[k].name


def png(w, h, colour):
    out = io.BytesIO()
    Image.new("RGBA", (w, h), colour).save(out, format="PNG")
    return out.getvalue()


def write_pclx(path, xml, files=None, doctype=True):
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ("<!DOCTYPE PencilDocument>\n"
                                                         if doctype else "")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("main.xml", head + xml)
        for name, data in (files or {}).items():
            zf.writestr(f"data/{name}", data)
    return path


FOREIGN = """<document><projectdata><fps value="8"/></projectdata><object>
<layer id="1" name="Camera Layer" visibility="1" type="5" width="200" height="100">
  <camera frame="1" r="0" s="1" dx="0" dy="0"/><camera frame="8" r="0" s="1" dx="0" dy="0"/>
</layer>
<layer id="2" name="Vector Layer" visibility="1" type="2">
  <image frame="1" src="002.001.vec"/></layer>
<layer id="3" name="Sky" visibility="1" type="1">
  <image frame="1" src="003.001.png" topLeftX="-100" topLeftY="-50"/>
</layer>
<layer id="4" name="Ball" visibility="1" type="1">
  <image frame="3" src="004.003.png" topLeftX="-10" topLeftY="-10"/>
  <image frame="6" src="004.006.png" topLeftX="0" topLeftY="0"/>
</layer>
<layer id="5" name="Hat" visibility="1" type="1">
  <image frame="3" src="005.003.png" topLeftX="50" topLeftY="-50"/>
</layer>
</object></document>"""


def test_import_foreign_file_layers_holds_and_vector_note(tmp_path):
    """Keys at 1, 3, 6 (length 8) give holds 2 3 3; layers above the bottom merge to front."""
    path = write_pclx(tmp_path / "their.pclx", FOREIGN, {
        "003.001.png": png(200, 100, (0, 0, 255, 255)),
        "004.003.png": png(20, 20, (255, 0, 0, 255)),
        "004.006.png": png(20, 20, (0, 255, 0, 255)),
        "005.003.png": png(10, 10, (0, 0, 0, 255)),
    })
    result = import_pclx(path)
    q = result.project
    assert (q.width, q.height, q.settings.fps) == (200, 100, 8)
    assert [f.hold for f in q.frames] == [2, 3, 3]
    assert any("Vector Layer" in note for note in result.notes)
    bottom = layer_pixels(q, 1, "drawing")
    assert (bottom[:, :, 3] == 255).all() and (bottom[50, 100] == (0, 0, 255, 255)).all()
    front = layer_pixels(q, 1, "front")
    assert tuple(front[50, 100]) == (255, 0, 0, 255)  # ball at the centre
    assert tuple(front[5, 155]) == (0, 0, 0, 255)  # hat merged in
    assert front[0, 0, 3] == 0 and layer_pixels(q, 0, "front")[:, :, 3].max() == 0
    assert tuple(layer_pixels(q, 2, "front")[60, 110]) == (0, 255, 0, 255)


def test_import_splits_long_holds(tmp_path):
    """A 29-frame hold becomes 12 + 12 + 5 (Kadr's longest hold is 12); length unchanged."""
    xml = """<document><projectdata><fps value="12"/></projectdata><object>
    <layer id="1" name="A" visibility="1" type="1">
      <image frame="1" src="001.001.png" topLeftX="0" topLeftY="0"/>
      <image frame="30" src="001.030.png" topLeftX="0" topLeftY="0"/></layer>
    </object></document>"""
    path = write_pclx(tmp_path / "long.pclx", xml, {"001.001.png": png(4, 4, (9, 9, 9, 255)),
                                                    "001.030.png": png(4, 4, (1, 1, 1, 255))})
    q = import_pclx(path).project
    assert [f.hold for f in q.frames] == [12, 12, 5, 1]
    assert (q.width, q.height) == (800, 600)  # Pencil2D's default camera


def bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("main.xml", "<document><object/></document>")
        zf.writestr("data/001.001.png", bytes(60 << 20))
    return path


def huge_png(path):
    ihdr = (200000).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    data = b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + ihdr + bytes(4)
    xml = ('<document><object><layer id="1" name="A" visibility="1" type="1">'
           '<image frame="1" src="001.001.png" topLeftX="0" topLeftY="0"/></layer>'
           '</object></document>')
    return write_pclx(path, xml, {"001.001.png": data})


def entities(path):
    xml = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
           "<document><object/>&b;</document>")
    return write_pclx(path, xml, doctype=False)


@pytest.mark.parametrize("make", [
    lambda p: (p.write_bytes(b"not a zip at all"), p)[1],
    lambda p: write_pclx(p, "<document><object>"),
    lambda p: write_pclx(p, "<html/>"),
    lambda p: write_pclx(p, '<document><object><layer type="2" name="V"/></object></document>'),
    lambda p: (zipfile.ZipFile(p, "w").writestr("other.txt", "x"), p)[1],
    bomb, huge_png, entities,
], ids=["not-zip", "bad-xml", "not-pencil", "vector-only", "no-main-xml", "zip-bomb",
        "huge-image", "entities"])
def test_import_refuses_bad_files_plainly(tmp_path, make):
    """Broken or hostile files raise ProjectFileError with one plain sentence."""
    path = make(tmp_path / "bad.pclx")
    with pytest.raises(ProjectFileError) as error:
        import_pclx(path)
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message

"""kadr export on the command line: one project, a class folder, and failures."""

from __future__ import annotations

from export_helpers import make_film
from PIL import Image

from kadr.core.store import save_copy
from kadr.export.cli_export import export_main


def saved(tmp_path, name, holds, fps=12):
    path = tmp_path / f"{name}.kadr"
    save_copy(make_film(holds, fps=fps), path)
    return path


def test_cli_exports_a_saved_project_to_gif(tmp_path, capsys):
    """kadr export walk.kadr walk.gif makes a looping GIF of the right length."""
    src = saved(tmp_path, "walk", [1, 2, 3])
    assert export_main([str(src), str(tmp_path / "walk.gif")]) == 0
    with Image.open(tmp_path / "walk.gif") as im:
        assert im.info["loop"] == 0 and im.size == (640, 480)
        total = 0
        for n in range(im.n_frames):
            im.seek(n)
            total += im.info["duration"]
    assert abs(total - 500) <= 10
    assert "walk.kadr -> " in capsys.readouterr().out


def test_cli_batch_of_a_class_folder(tmp_path, capsys):
    """Two projects into a folder: one output each, one progress line each."""
    a, b = saved(tmp_path, "anna", [1, 1]), saved(tmp_path, "ben", [2])
    out = tmp_path / "films"
    code = export_main(["export", str(a), str(b), str(out), "--format", "mp4", "--scale", "50"])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["anna.mp4", "ben.mp4"]
    lines = [line for line in capsys.readouterr().out.splitlines() if " -> " in line]
    assert [line.split()[0] for line in lines] == ["[1/2]", "[2/2]"]


def test_cli_options_reach_the_export(tmp_path):
    """--fps, --loop and --transparent change the GIF."""
    src = saved(tmp_path, "s", [1, 1], fps=12)
    out = tmp_path / "s.gif"
    assert export_main([str(src), str(out), "--fps", "4", "--loop", "2", "--transparent"]) == 0
    with Image.open(out) as im:
        assert im.info["duration"] == 250 and im.info["loop"] == 1
        assert "transparency" in im.info


def test_cli_failures_are_plain_and_nonzero(tmp_path, capsys):
    """A missing project fails with a plain line; an unknown extension is a usage error."""
    good = saved(tmp_path, "good", [1])
    code = export_main([str(tmp_path / "missing.kadr"), str(good), str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 1 and "missing.kadr" in err and "Traceback" not in err
    assert (tmp_path / "o" / "good.gif").exists()  # the others still export
    assert export_main([str(good), str(tmp_path / "x.avi")]) == 2
    err = capsys.readouterr().err
    assert "x.avi" in err and ".gif" in err and "Traceback" not in err


def test_cli_accepts_a_pencil2d_file(tmp_path, capsys):
    """A .pclx input is imported, then exported like a Kadr project."""
    pclx = tmp_path / "their.pclx"
    assert export_main([str(saved(tmp_path, "p", [2, 1])), str(pclx)]) == 0
    assert export_main([str(pclx), str(tmp_path / "their.mp4"), "--no-flash-check"]) == 0
    assert (tmp_path / "their.mp4").stat().st_size > 0
    assert "their.pclx -> " in capsys.readouterr().out

"""Odd settings and odd folders never stop Kadr starting; stale exports are cleaned.

settings.py promises defaults for a damaged file; these tests hold it to that for every
value (wrong type, out of range, nested too deeply), and check that the studio's start-up,
`kadr --version` and `kadr export` survive such settings and a library folder Kadr cannot
use (a file, a FIFO, /proc, a folder that cannot be made, a name too long).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, fields
from pathlib import Path

import pytest

from helpers import film
from kadr.core.library import Library, remove_stale_parts
from kadr.core.store import save_copy
from kadr.settings import Settings, load_settings, save_settings, settings_path

ROOT = Path(__file__).resolve().parents[2]

ODD = {
    "ui_scale": ["big", None, 50, 0, True, [1.5], float("inf")],
    "theme": [["dark"], 3, None, {"a": 1}, "x" * 5000],
    "library": [5, None, ["a"], "a\0b", "/" * 10_000],
    "language": [["en"], 1, "klingon", None],
    "speech_rate": ["fast", 10 ** 9, -1, 130.5, True],
    "speech_volume": ["loud", 7, -0.5, float("nan")],
    "talking_buttons": ["yes", 1, None],
    "scan_seconds": [0, 1e308, "1"],
    "pen_step": [0, 1000, 2.5],
    "stabiliser": [-1, 11, "3"],
    "allow_skip": [0, "false"],
    "voice": [7, ["x"]],
}
CASES = [(name, value) for name, values in ODD.items() for value in values]


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, allow_nan=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name,value", CASES, ids=[f"{n}-{i}" for i, (n, _v) in enumerate(CASES)])
def test_each_odd_value_falls_back_to_its_default(tmp_path, name, value):
    """One odd value: that setting is its default, the others are kept."""
    path = tmp_path / "settings.json"
    write(path, {name: value, "speech_rate": 150} if name != "speech_rate" else {name: value})
    settings = load_settings(path)
    assert getattr(settings, name) == getattr(Settings(), name)
    if name != "speech_rate":
        assert settings.speech_rate == 150


def test_every_loaded_value_has_its_type(tmp_path):
    path = tmp_path / "settings.json"
    write(path, {name: values[0] for name, values in ODD.items()})
    settings = load_settings(path)
    for f in fields(Settings):
        assert type(getattr(settings, f.name)) is type(getattr(Settings(), f.name)), f.name


def test_good_values_are_kept(tmp_path):
    path = tmp_path / "settings.json"
    chosen = Settings(language="kk", ui_scale=1.5, theme="calm", talking_buttons=True,
                      speech_rate=180, speech_volume=0.4, pen_step=20, stabiliser=0,
                      scan_seconds=2.0, library=str(tmp_path / "films"))
    assert save_settings(chosen, path)
    assert load_settings(path) == chosen
    write(path, {"ui_scale": 2})  # a whole number where a fraction is kept is fine
    assert load_settings(path).ui_scale == 2.0 and type(load_settings(path).ui_scale) is float


@pytest.mark.parametrize("text", [
    "[" * 200_000 + "]" * 200_000,
    '{"a": ' * 200_000 + "1" + "}" * 200_000,
    "null", "[]", '"text"', "{not json", "\xff\xfe",
], ids=["deep-list", "deep-object", "null", "list", "string", "broken", "not-utf8"])
def test_a_settings_file_that_is_not_an_object_means_defaults(tmp_path, text):
    path = tmp_path / "settings.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if text != "\xff\xfe"
                     else b"\xff\xfe{")
    assert load_settings(path) == Settings()


def test_settings_that_are_a_fifo_or_a_folder_are_not_read(tmp_path):
    """Reading a FIFO would wait for ever; a folder cannot be read."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert load_settings(fifo) == Settings()
    (tmp_path / "dir.json").mkdir()
    assert load_settings(tmp_path / "dir.json") == Settings()
    huge = tmp_path / "huge.json"
    huge.write_text('{"theme": "' + "x" * (2 << 20) + '"}')
    assert load_settings(huge) == Settings()


ODD_FILE = {"ui_scale": "big", "theme": ["dark"], "library": 5, "language": ["ru"],
            "speech_rate": None, "stabiliser": "many"}


def kadr(*args: str, config: Path, env: dict[str, str] | None = None,
         timeout: float = 180) -> subprocess.CompletedProcess[str]:
    base = dict(os.environ, PYTHONPATH=str(ROOT / "app"), QT_QPA_PLATFORM="offscreen",
                KADR_CONFIG=str(config), XDG_DATA_HOME=str(config / "data"),
                XDG_CONFIG_HOME=str(config / "xdg"))
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "kadr", *args], capture_output=True,
                          text=True, timeout=timeout, env=base, cwd=ROOT)


@pytest.mark.parametrize("text", [json.dumps(ODD_FILE), "[" * 100_000],
                         ids=["odd-values", "deep-json"])
def test_version_and_export_survive_odd_settings(qapp, tmp_path, text):
    """`kadr --version` and `kadr export` used to die reading such a settings file."""
    config = tmp_path / "config"
    write(config / "settings.json", text)
    out = kadr("--version", config=config)
    assert out.returncode == 0 and out.stdout.startswith("Kadr "), out.stderr
    src = tmp_path / "walk.kadr"
    save_copy(film(2), src)
    out = kadr("export", str(src), str(tmp_path / "walk.gif"), "--no-flash-check", config=config)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "walk.gif").exists() and "Traceback" not in out.stderr


def odd_folder(kind: str, tmp_path: Path) -> Path:
    if kind == "file":
        (tmp_path / "a-file").write_text("not a folder")
        return tmp_path / "a-file"
    if kind == "fifo":
        os.mkfifo(tmp_path / "a-fifo")
        return tmp_path / "a-fifo"
    if kind == "proc":
        return Path("/proc")
    if kind == "missing-on-read-only":
        return Path("/proc/kadr-films/library")  # /proc takes no new folders
    if kind == "too-long":
        return tmp_path / "/".join(["y" * 200] * 30)
    if kind == "name-too-long":
        return tmp_path / ("x" * 300)
    raise AssertionError(kind)


FOLDERS = ["file", "fifo", "proc", "missing-on-read-only", "too-long", "name-too-long"]


@pytest.mark.parametrize("kind", FOLDERS)
def test_an_unusable_library_folder_is_said_plainly(qapp, tmp_path, monkeypatch, kind, capsys):
    """The start-up's library: plain words and the usual folder, never a traceback."""
    from kadr.ui.app import open_library

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = odd_folder(kind, tmp_path)
    monkeypatch.setenv("KADR_LIBRARY", str(folder))
    library = open_library("", quiet=True)
    assert library is not None and library.root.is_dir()
    err = capsys.readouterr().err
    if kind == "proc":  # a folder Kadr can list: the gallery is empty, nothing to say
        assert library.root == folder and err == ""
        return
    assert library.root != folder and str(tmp_path / "data") in str(library.root)
    assert "Kadr cannot keep films in the folder" in err and "Traceback" not in err
    assert len(err) < 600


def test_library_itself_refuses_a_file_or_fifo_in_plain_words(tmp_path):
    from kadr.core.library import LibraryError

    for kind in ("file", "fifo", "too-long"):
        with pytest.raises(LibraryError) as error:
            Library(odd_folder(kind, tmp_path))
        assert str(error.value).endswith(".") and "Errno" not in str(error.value)


@pytest.mark.parametrize("kind", ["file", "too-long"])
def test_the_studio_starts_with_an_unusable_library(tmp_path, kind):
    """The whole start-up, as a teacher's odd KADR_LIBRARY would meet it."""
    config = tmp_path / "config"
    write(config / "settings.json", {**ODD_FILE, "language": "en", "theme": "standard"})
    out = kadr("--exit-when-ready", "--no-speech", config=config,
               env={"KADR_LIBRARY": str(odd_folder(kind, tmp_path))})
    assert out.returncode == 0, out.stderr
    assert "ready" in out.stdout and "Traceback" not in out.stderr
    assert "Kadr cannot keep films in the folder" in out.stderr


# -- point 10: stale hidden .part files ----------------------------------------------------
def aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def pictures_in(monkeypatch, tmp_path: Path) -> Path:
    """The desktop's Pictures folder, moved into the test's folder (user-dirs.dirs)."""
    config = tmp_path / "xdg-config"
    config.mkdir(exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_PICTURES_DIR="{tmp_path / "pictures"}"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return tmp_path / "pictures"


def test_stale_export_parts_are_removed_and_nothing_else(tmp_path):
    """Hidden half-written exports (".<name>.<token>.part", export/runner.py) older than
    a day are removed; recent ones (an export running now), other files and anything that
    only looks similar stay."""
    day = 24 * 3600
    old_gif = tmp_path / ".walk.gif.1a2b3c4d.part"
    old_gif.write_bytes(b"GIF89a half")
    aged(old_gif, day + 60)
    frames = tmp_path / ".walk.0badc0de.part"
    frames.mkdir()
    (frames / "walk_0001.png").write_bytes(b"png")
    aged(frames, 2 * day)
    keep = {
        ".walk.gif.feedbeef.part": day - 600,  # an export running now
        "walk.gif.1a2b3c4d.part": 3 * day,  # not hidden: not ours
        ".walk.gif.part": 3 * day,  # no token
        ".walk.gif.XYZ12345.part": 3 * day,  # not a token
        "walk.gif": 3 * day,
        "film.kadr": 3 * day,
    }
    for name, age in keep.items():
        (tmp_path / name).write_text("x")
        aged(tmp_path / name, age)
    strange = tmp_path / ".odd.12345678.part"  # a folder with a folder inside: not an export's
    (strange / "inner").mkdir(parents=True)
    aged(strange, 3 * day)
    target = tmp_path / "elsewhere"
    target.write_text("not ours")
    link = tmp_path / ".link.abcdef12.part"
    link.symlink_to(target)
    aged(link, 3 * day)
    assert remove_stale_parts(tmp_path) == 2
    left = {p.name for p in tmp_path.iterdir()}
    assert left == set(keep) | {strange.name, link.name, "elsewhere"}
    assert target.read_text() == "not ours"
    assert remove_stale_parts(tmp_path / "missing") == 0


def test_start_up_cleans_the_library_and_the_share_folder(qapp, tmp_path, monkeypatch):
    from kadr.ui.app import clean_up_exports, shared_folder

    pictures = pictures_in(monkeypatch, tmp_path)
    library = Library(tmp_path / "library")
    share = shared_folder()
    assert share == pictures / "Kadr"
    share.mkdir(parents=True)
    stale = [folder / ".film.gif.0123abcd.part" for folder in (library.root, share)]
    for path in stale:
        path.write_bytes(b"half")
        aged(path, 3 * 24 * 3600)
    fresh = library.root / ".film.mp4.89abcdef.part"
    fresh.write_bytes(b"running")
    clean_up_exports(library)
    assert not any(p.exists() for p in stale) and fresh.exists()


def test_settings_path_under_an_odd_config_folder(tmp_path, monkeypatch):
    """KADR_CONFIG pointing at a file: defaults, and saving says False instead of raising."""
    (tmp_path / "cfg").write_text("a file")
    monkeypatch.setenv("KADR_CONFIG", str(tmp_path / "cfg"))
    assert load_settings() == Settings()
    assert save_settings(Settings()) is False
    assert settings_path().name == "settings.json"
    assert asdict(load_settings()) == asdict(Settings())


@pytest.mark.parametrize("xdg", [None, "/tmp/kadr-xdg-config", "relative/ignored"])
def test_config_folder_is_the_one_qt_names_for_the_studio_without_loading_qt(tmp_path, xdg):
    """The command line works out the settings folder without Qt; it must be the folder
    the studio's Qt names (AppConfigLocation of the application "kadr"), so `kadr export`
    speaks the learner's language, and it must not load PySide6 to find it."""
    env = {k: v for k, v in os.environ.items() if k not in ("KADR_CONFIG", "XDG_CONFIG_HOME")}
    env["HOME"] = str(tmp_path)
    if xdg is not None:
        env["XDG_CONFIG_HOME"] = xdg
    code = ("import sys\n"
            "from kadr.settings import config_dir\n"
            "ours = config_dir()\n"
            "print('QT', any(m.startswith('PySide6') for m in sys.modules))\n"
            "from PySide6.QtCore import QCoreApplication, QStandardPaths\n"
            "app = QCoreApplication(['kadr']); app.setApplicationName('kadr')\n"
            "qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)\n"
            "print('OURS', ours); print('QTS', qt)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    assert lines["QT"] == "False"
    assert Path(lines["OURS"]) == Path(lines["QTS"])
    assert lines["OURS"].endswith("kadr")

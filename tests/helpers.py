"""Small builders for tests: draw like a child would, through the real tools."""

from __future__ import annotations

import ctypes.util
import shutil
import sqlite3
from pathlib import Path

from kadr.core.paint import PenEvent
from kadr.core.project import Project, blank_project
from kadr.core.tools import ToolSession, ToolState


def stroke(project: Project, index: int, points: list[tuple[float, float]], *,
           tool: str = "brush", color: str = "#000000", size: int = 10,
           layer: str = "drawing", stabiliser: int = 0) -> None:
    state = ToolState(tool=tool, color=color, size=size, stabiliser=stabiliser, layer=layer)
    session = ToolSession(project, index, state)
    session.press(PenEvent(*points[0]))
    for p in points[1:]:
        session.move(PenEvent(*p))
    session.release(PenEvent(*points[-1]))


def packed_stroke(project: Project, i: int, index: int = 0) -> None:
    """Stroke number ``i`` (each in its own place) the way the canvas makes one: its tiles
    packed on the worker."""
    session = ToolSession(project, index, ToolState(size=6, stabiliser=0))
    session.soon = True
    x, y = stroke_spot(i)
    session.press(PenEvent(x, y))
    session.move(PenEvent(x + 10, y))
    session.release(PenEvent(x + 20, y))


def stroke_spot(i: int) -> tuple[int, int]:
    return 10 + (i % 20) * 30, 10 + (i // 20) * 20


def stroke_shows(project: Project, i: int, index: int = 0) -> bool:
    """Stroke number ``i`` is in picture ``index``."""
    x, y = stroke_spot(i)
    return bool(project.image(index).pixelColor(x + 10, y).alpha() > 0)


def shape(project: Project, index: int, kind: str, a: tuple[float, float],
          b: tuple[float, float], color: str = "#000000", size: int = 6) -> None:
    stroke(project, index, [a, b], tool=kind, color=color, size=size)


def film(count: int = 3, width: int = 640, height: int = 480) -> Project:
    """A project with ``count`` pictures, a dot moving right on each."""
    project = blank_project(width, height)
    for i in range(count):
        if i:
            project.add_frame(i - 1)
        x = 100 + 80 * i
        stroke(project, i, [(x, 200), (x + 20, 200)], size=20)
    return project


def speech_engine_missing() -> str | None:
    """Why the real speech engine cannot run here, or None when it can."""
    try:
        import pyttsx3  # noqa: F401
    except ImportError:
        return "pyttsx3 is not installed"
    if not (ctypes.util.find_library("espeak-ng") or shutil.which("espeak-ng")):
        return "espeak-ng is not installed"
    return None


def bad_project_file(kind: str, folder: Path) -> Path:
    """A file Kadr must refuse: "corrupt", "truncated", "not_sqlite", "foreign" (another
    app's SQLite file) or "newer" (a later format version)."""
    from kadr.core.store import save_copy

    folder.mkdir(parents=True, exist_ok=True)
    good = folder / "good.tmp"
    project = blank_project(640, 480, "Good")
    stroke(project, 0, [(100, 100), (300, 300)], size=12)
    save_copy(project, good)
    data = good.read_bytes()
    good.unlink()
    bad = folder / f"{kind}.kadr"
    if kind == "corrupt":
        bad.write_bytes(data[:4096] + b"\xa5" * 4096 + data[8192:])
    elif kind == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "not_sqlite":
        bad.write_bytes(b"GIF89a, a picture and not a project" * 20)
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE notes(text TEXT)")
        con.execute("INSERT INTO notes VALUES ('shopping list')")
        con.commit()
        con.close()
    elif kind == "newer":
        bad.write_bytes(data)
        con = sqlite3.connect(bad)
        con.execute("PRAGMA user_version = 99")
        con.close()
    return bad

"""A .kadr file read straight into an export's plain data (frames.Film), without Qt.

``kadr export`` of a film on plain paper needs no Qt at all: the paper is one colour,
filled here as Qt fills it (premultiplied BGRA, opaque), and every value is checked as
``store.load`` checks it (core/film_values.py). A film whose picture to trace is shown
needs Qt to draw it: ``read_film`` returns None and the caller loads a Project.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from kadr.core import film_values as values
from kadr.core import store
from kadr.core.film_parts import DRAWING_LAYERS
from kadr.export.frames import Film

# no table for see-through pixels: this film is only for opaque exports (the table is Qt's)
NO_TABLE = np.zeros((0, 0), np.uint8)


def paper_rgb(paper: str) -> tuple[int, int, int]:
    """(r, g, b) of a checked "#rrggbb" colour."""
    return int(paper[1:3], 16), int(paper[3:5], 16), int(paper[5:7], 16)


def plain_paper(width: int, height: int, paper: str) -> np.ndarray:
    """Paper of one colour as premultiplied BGRA (h, w, 4): what ``QImage.fill`` makes of
    an opaque colour (tests compare the two)."""
    r, g, b = paper_rgb(paper)
    out = np.empty((height, width, 4), np.uint8)
    out[:, :] = (b, g, r, 255)
    return out


def read_film(path: Path, fps: int | None = None) -> tuple[Film, list[str]] | None:
    """The film in ``path`` for an opaque export, and plain words on parts that could not
    be read (left out, as when the studio opens it; tiles that do not unpack are found as
    they are drawn: ``Film.left_out``); None when a picture to trace is shown (Qt draws
    it: use store.load). Raises store.ProjectFileError as load does."""
    store.check_file(path)
    notes = values.Notes()
    try:
        con = store.connect_read_only(path)
        try:
            found = store.survey(con)
            for note in found.notes.items:
                notes.add(note)
            settings = values.settings(found.meta.get("settings"), notes)
            row = con.execute("SELECT paper, png FROM background").fetchone()
            if row and row[1] is not None and settings.visible.get("background", True):
                return None  # a picture to trace: Qt decodes and draws it
            frames = store.read_frames(con, notes)
            w, h = found.width, found.height
            # each tile is unpacked (checked) once, as it is drawn: damaged ones are
            # left out then, in Film.left_out (told after the export)
            tiles = store.read_tiles(con, {fid for fid, _hold in frames}, w, h, notes)
            paper = values.paper(row[0], notes) if row else "#ffffff"
        finally:
            con.close()
    except (sqlite3.DatabaseError, ValueError, TypeError, OverflowError, MemoryError):
        raise store._damaged() from None  # as load says it
    frames = frames or [(1, 1)]  # an empty film is one empty picture, as load makes it
    paper = paper.lower()
    film = Film(
        width=w, height=h, title=values.title(found.meta.get("title")),
        fps=int(fps or settings.fps), play_mode=settings.play_mode,
        visible=dict(settings.visible), holds=[hold for _fid, hold in frames],
        pictures=[{layer: tiles.get((fid, layer), {}) for layer in DRAWING_LAYERS}
                  for fid, _hold in frames],
        paper=paper, paper_rgb=paper_rgb(paper), underlay=plain_paper(w, h, paper),
        tracing=None, unpremultiply=NO_TABLE)
    return film, notes.items

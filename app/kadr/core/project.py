"""The animation document: canvas size, frames with holds, layers, playback settings.

Widgets never change a Project directly: they call its methods, which push undoable
commands (commands.py) and tell the store (store.py) what to keep. Listeners learn of
changes through the Qt signals below.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QColor, QImage, QUndoStack

from kadr.core.commands import (
    BackgroundCommand,
    DeleteFrameCommand,
    HoldCommand,
    InsertFrameCommand,
    MoveFrameCommand,
    PixelsCommand,
)
from kadr.core.film_parts import DRAWING_LAYERS, MAX_HOLD, PLAY_MODES, Settings
from kadr.core.onion import OnionSettings
from kadr.core.picture import ImageCache, Picture, tile_rect, tiles_touching
from kadr.i18n import tr

__all__ = ["CANVAS_SIZES", "DRAWING_LAYERS", "MAX_HOLD", "PLAY_MODES", "UNDO_LIMIT", "Background",
           "Frame", "Project", "Settings", "blank_project"]

CANVAS_SIZES = ((640, 480), (1280, 720), (1920, 1080))
UNDO_LIMIT = 200


@dataclass
class Frame:
    """One picture of the film: a drawing per layer, shown for ``hold`` frames."""

    id: int
    hold: int = 1
    pictures: dict[str, Picture] = field(default_factory=dict)

    def has_drawing(self) -> bool:
        return any(not p.is_empty() for p in self.pictures.values())


@dataclass
class Background:
    """The fixed layer under every frame: paper colour and an optional picture to trace."""

    paper: str = "#ffffff"
    image: QImage | None = None
    png: bytes | None = None  # the imported picture as stored
    opacity: float = 1.0  # dimming for tracing
    version: int = 0


class Project(QObject):
    """An animation being made. Signals carry frame ids, never widgets."""

    picture_changed = Signal(int, str, QRect)  # frame id, layer, changed area
    frames_changed = Signal()  # frames added, removed, moved or re-timed
    background_changed = Signal()
    settings_changed = Signal()
    save_problem = Signal(str)  # plain words; empty string when saving works again

    def __init__(self, width: int = 1280, height: int = 720, title: str = "") -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.title = title
        self.lesson = ""  # the id of the lesson this film was made for ("" for none)
        self.frames: list[Frame] = []
        self.background = Background()
        self.settings = Settings()
        self.cache = ImageCache()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.store: object | None = None  # a ProjectStore when the project lives on disk
        self.undo_keeper: object | None = None  # keeps the undo steps in the film's file
        from kadr.core.packer import TilePacker

        self.packer = TilePacker(self)
        self._ids = itertools.count(1)
        # queued from the writer thread to here: after a failed write, write everything again
        self.save_problem.connect(self._after_save_problem)

    # -- lookup -------------------------------------------------------------------------
    def new_frame(self, hold: int = 1) -> Frame:
        frame = Frame(next(self._ids), hold)
        for layer in DRAWING_LAYERS:
            frame.pictures[layer] = Picture(self.width, self.height)
        return frame

    def reserve_ids(self, highest: int) -> None:
        self._ids = itertools.count(max(highest + 1, next(self._ids)))

    def index_of(self, frame_id: int) -> int:
        for i, frame in enumerate(self.frames):
            if frame.id == frame_id:
                return i
        raise KeyError(frame_id)

    def frame_by_id(self, frame_id: int) -> Frame:
        return self.frames[self.index_of(frame_id)]

    def image(self, index: int, layer: str = "drawing") -> QImage:
        """The decoded picture (cached) to look at; to paint into it use image_to_edit."""
        return self.cache.image(self.frames[index].pictures[layer])

    def image_to_edit(self, index: int, layer: str = "drawing") -> QImage:
        """The decoded picture, once the packing worker has copied what it needs from it;
        paint into it, then keep the change with commit_pixels(_soon)."""
        self.packer.wait_copied()
        return self.image(index, layer)

    def total_length(self) -> int:
        """Length of the film in frames, holds included."""
        return sum(f.hold for f in self.frames)

    def paper_color(self) -> QColor:
        return QColor(self.background.paper)

    # -- persistence hooks --------------------------------------------------------------
    def _after_save_problem(self, message: str) -> None:
        if message and self.store is not None:
            self.store.rewrite_all(self)  # type: ignore[attr-defined]

    def _keep(self, method: str, *args: object) -> None:
        if self.store is not None:
            getattr(self.store, method)(*args)

    def keep_frames(self) -> None:
        self._keep("write_frames", [(f.id, i, f.hold) for i, f in enumerate(self.frames)])

    def keep_settings(self) -> None:
        self._keep("write_settings", self)

    # -- edits (each one undoable; see commands.py) --------------------------------------
    def commit_pixels(self, index: int, layer: str, image: QImage, rect: QRect, label: str) -> bool:
        """Keep what was painted into ``image`` inside ``rect`` as one undoable step."""
        self.settle()  # tiles of strokes still being packed are part of "before"
        picture = self.frames[index].pictures[layer]
        before, after = picture.diff(image, rect)
        if not after:
            self.cache.forget(picture)  # the image may hold pixels the tiles do not
            return False
        command = PixelsCommand(self, self.frames[index].id, layer, before, after, label)
        command.first_image = image
        self.undo_stack.push(command)
        return True

    def commit_pixels_soon(self, index: int, layer: str, image: QImage, rect: QRect,
                           label: str) -> bool:
        """Like commit_pixels, but the tiles are copied and packed on a worker thread, so
        lifting the pen costs the UI thread only the undo step. ``image`` must have come
        from image_to_edit."""
        picture = self.frames[index].pictures[layer]
        keys = tiles_touching(rect, self.width, self.height)
        if not keys:
            return False
        # the worker copies the touched tiles' area out of ``image`` and cuts it into tiles
        area = QRect()
        for k in keys:
            area = area.united(tile_rect(k, self.width, self.height))
        # "before" is read when the tiles come back: strokes are packed in order, so by
        # then every earlier stroke on this picture has been kept
        command = PixelsCommand(self, self.frames[index].id, layer, {}, None, label, picture)
        command.first_image = image
        picture.pending += 1
        self.undo_stack.push(command)
        self.packer.pack(command, image, area, keys, (self.width, self.height))
        return True

    def settle(self) -> None:
        """Finish packing every stroke now (before saving a copy, exporting or undoing)."""
        self.packer.finish_all()

    def add_frame(self, after_index: int, duplicate: bool = False) -> int:
        self.settle()
        frame = self.new_frame()
        if duplicate and self.frames:
            source = self.frames[after_index]
            frame.hold = source.hold
            frame.pictures = {k: p.copy() for k, p in source.pictures.items()}
        label = tr("Copy picture") if duplicate else tr("Add picture")
        self.undo_stack.push(InsertFrameCommand(self, after_index + 1, frame, label))
        return after_index + 1

    def delete_frame(self, index: int) -> None:
        if len(self.frames) > 1:
            self.settle()
            self.undo_stack.push(DeleteFrameCommand(self, index))

    def move_frame(self, index: int, to: int) -> None:
        to = max(0, min(to, len(self.frames) - 1))
        if to != index:
            self.undo_stack.push(MoveFrameCommand(self, index, to))

    def set_hold(self, index: int, hold: int) -> None:
        hold = max(1, min(MAX_HOLD, hold))
        if hold != self.frames[index].hold:
            self.undo_stack.push(HoldCommand(self, self.frames[index].id, hold))

    def set_background(self, paper: str | None = None, png: bytes | None | bool = False,
                       opacity: float | None = None) -> None:
        """Change paper colour, traced picture (``png=None`` removes it) or dimming."""
        self.undo_stack.push(BackgroundCommand(self, paper, png, opacity))

    def set_fps(self, fps: int) -> None:
        self.settings.fps = max(1, min(30, int(fps)))
        self.keep_settings()
        self.settings_changed.emit()

    def set_play_mode(self, mode: str) -> None:
        if mode in PLAY_MODES:
            self.settings.play_mode = mode
            self.keep_settings()
            self.settings_changed.emit()

    def set_onion(self, onion: OnionSettings) -> None:
        self.settings.onion = onion
        self.keep_settings()
        self.settings_changed.emit()

    def set_visible(self, layer: str, visible: bool) -> None:
        self.settings.visible[layer] = visible
        self.keep_settings()
        self.settings_changed.emit()


def blank_project(width: int = 1280, height: int = 720, title: str = "") -> Project:
    """A new project with one empty frame."""
    project = Project(width, height, title)
    project.frames.append(project.new_frame())
    return project

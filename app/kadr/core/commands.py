"""Undoable edits. Each command changes the Project, tells the store, and signals.

Commands keep compressed tiles, not images, so 200 steps of undo stay small in memory.
The film's file keeps them too (core/undo_memory.py), so Undo works after reopening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QUndoCommand

from kadr.core.picture import Picture, TileKey, tile_rect
from kadr.i18n import tr

if TYPE_CHECKING:
    from kadr.core.project import Frame, Project

TileChanges = dict[TileKey, bytes | None]


class Step(QUndoCommand):
    """One undo step: ``forward`` does it, ``back`` takes it back. A step read back from
    the film's file (core/undo_memory.py) is pushed onto the stack already done, or
    already undone, as the film was read: ``skip`` names the stack's first calls ("redo",
    "undo") that must do nothing."""

    skip: tuple[str, ...] = ()

    def _skipped(self, call: str) -> bool:
        if call not in self.skip:
            return False
        self.skip = tuple(s for s in self.skip if s != call)
        return True

    def redo(self) -> None:
        if not self._skipped("redo"):
            self.forward()

    def undo(self) -> None:
        if not self._skipped("undo"):
            self.back()

    def forward(self) -> None:
        raise NotImplementedError

    def back(self) -> None:
        raise NotImplementedError


class MacroStep(Step):
    """Several steps taken as one (adding a GIF's pictures), read back from the file."""

    def __init__(self, label: str, steps: list[Step]) -> None:
        super().__init__(label)
        self.steps = steps

    def forward(self) -> None:
        for step in self.steps:
            step.forward()

    def back(self) -> None:
        for step in reversed(self.steps):
            step.back()


class PixelsCommand(Step):
    """A stroke, fill, shape or clear on one layer of one frame."""

    def __init__(self, project: Project, frame_id: int, layer: str,
                 before: TileChanges, after: TileChanges | None, label: str,
                 picture: Picture | None = None) -> None:
        super().__init__(label)
        self.project, self.frame_id, self.layer = project, frame_id, layer
        # ``after`` is None while its tiles are being packed in the background (packer.py)
        self.before, self.after = before, after
        self.picture = picture or project.frame_by_id(frame_id).pictures[layer]
        self.first_image: QImage | None = None  # the painted image, reused on first redo

    def _apply(self, changes: TileChanges) -> None:
        project = self.project
        picture = self.picture
        picture.apply(changes)
        if self.first_image is not None:
            project.cache.put(picture, self.first_image)  # already holds these pixels
            self.first_image = None
        else:
            project.cache.forget(picture)
        project._keep("write_tiles", self.frame_id, self.layer, dict(changes))
        area = QRect()
        for key in changes:
            area = area.united(tile_rect(key, picture.width, picture.height))
        project.picture_changed.emit(self.frame_id, self.layer, area)

    def forward(self) -> None:
        if self.after is None:  # first redo of a stroke still being packed: just show it
            self._show_painted()
            return
        self._apply(self.after)

    def back(self) -> None:
        self.project.settle()  # the stroke's own tiles must be known before going back
        self._apply(self.before)

    def _show_painted(self) -> None:
        # the stroke is on screen already; picture_changed is sent once its tiles are
        # packed (packed() below), so lifting the pen stays cheap
        if self.first_image is not None:
            self.project.cache.put(self.picture, self.first_image)

    def packed(self, after: TileChanges) -> None:
        """The background packing is done: keep the tiles (and write them to disk)."""
        self.after = after
        project = self.project
        picture = self.picture
        self.before = {k: picture.tiles.get(k) for k in after}
        picture.pending -= 1
        image = project.cache.image(picture) if project.cache.has(picture) else self.first_image
        self.first_image = image  # the live image already holds these pixels
        self._apply(after)


class InsertFrameCommand(Step):
    def __init__(self, project: Project, index: int, frame: Frame, label: str) -> None:
        super().__init__(label)
        self.project, self.index, self.frame = project, index, frame

    def forward(self) -> None:
        self.project.frames.insert(self.index, self.frame)
        self.project._keep("write_frame_content", self.frame)
        self.project.keep_frames()
        self.project.frames_changed.emit()

    def back(self) -> None:
        self.project.frames.pop(self.index)
        self.project._keep("delete_frame", self.frame.id)
        self.project.keep_frames()
        self.project.frames_changed.emit()


class DeleteFrameCommand(InsertFrameCommand):
    def __init__(self, project: Project, index: int, frame: Frame | None = None) -> None:
        frame = project.frames[index] if frame is None else frame
        super().__init__(project, index, frame, tr("Delete picture"))

    def forward(self) -> None:
        super().back()

    def back(self) -> None:
        super().forward()


class MoveFrameCommand(Step):
    def __init__(self, project: Project, index: int, to: int) -> None:
        super().__init__(tr("Move picture"))
        self.project, self.index, self.to = project, index, to

    def _move(self, a: int, b: int) -> None:
        frames = self.project.frames
        frames.insert(b, frames.pop(a))
        self.project.keep_frames()
        self.project.frames_changed.emit()

    def forward(self) -> None:
        self._move(self.index, self.to)

    def back(self) -> None:
        self._move(self.to, self.index)


class HoldCommand(Step):
    def __init__(self, project: Project, frame_id: int, hold: int,
                 old: int | None = None) -> None:
        super().__init__(tr("Change how long a picture lasts"))
        self.project, self.frame_id = project, frame_id
        self.old = project.frame_by_id(frame_id).hold if old is None else old
        self.new = hold

    def _set(self, hold: int) -> None:
        self.project.frame_by_id(self.frame_id).hold = hold
        self.project.keep_frames()
        self.project.frames_changed.emit()

    def forward(self) -> None:
        self._set(self.new)

    def back(self) -> None:
        self._set(self.old)


class BackgroundCommand(Step):
    def __init__(self, project: Project, paper: str | None, png: bytes | None | bool,
                 opacity: float | None) -> None:
        super().__init__(tr("Change the background"))
        bg = project.background
        self.project = project
        self.old = (bg.paper, bg.png, bg.opacity)
        self.new = (
            paper if paper is not None else bg.paper,
            bg.png if png is False else png,
            opacity if opacity is not None else bg.opacity,
        )

    def _set(self, values: tuple[str, bytes | None, float]) -> None:
        bg = self.project.background
        bg.paper, png, bg.opacity = values
        if png is not bg.png:
            bg.png = png
            bg.image = QImage.fromData(png) if png else None
        bg.version += 1
        self.project._keep("write_background", bg)
        self.project.background_changed.emit()

    def forward(self) -> None:
        self._set(self.new)  # type: ignore[arg-type]

    def back(self) -> None:
        self._set(self.old)

"""Bringing pictures in: a picture to trace as the background, an animated GIF as pictures.

Pillow reads the file (PNG, JPEG, GIF, ...) with a pixel limit, so a huge or broken file
gets a plain message instead of filling the memory; nothing in the film changes then. An
animated GIF is refused before any picture is decoded when its pictures together would
need more than the memory budget (core/limits.py), and its pictures are decoded one at a
time as they are added.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from PIL import Image, ImageSequence
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter

from kadr.core import limits
from kadr.core.picture import FORMAT, new_image
from kadr.core.project import MAX_HOLD, Project
from kadr.i18n import tr

MAX_PIXELS = 40_000_000  # bigger pictures are refused before they are decoded
MAX_GIF_FRAMES = 600


class ImportProblem(Exception):
    """A picture that cannot be brought in; ``str()`` is for the learner or teacher."""


def _unreadable() -> ImportProblem:
    return ImportProblem(tr("Kadr cannot read this file. Please choose a PNG, JPEG or GIF "
                            "picture."))


# Pillow's readers raise many kinds of error on a damaged file (struct.error, IndexError,
# EOFError, RecursionError...): to the child each one means "Kadr cannot read this file"
_DAMAGED = Exception


def _open(path: Path) -> Image.Image:
    try:
        image = Image.open(path)
    except FileNotFoundError:
        raise ImportProblem(tr("This picture is not there any more.")) from None
    except _DAMAGED:  # UnidentifiedImageError and the rest
        raise _unreadable() from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise ImportProblem(tr("This picture is too big. Please use a smaller picture."))
    return image


def _to_qimage(frame: Image.Image) -> QImage:
    rgba = frame.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    image = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return image.convertToFormat(FORMAT)  # a copy that owns its pixels


def fit_into(image: QImage, width: int, height: int) -> QImage:
    """``image`` scaled to fit the canvas (keeping its shape), centred on transparency."""
    scaled = image.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    out = new_image(width, height)
    painter = QPainter(out)
    painter.drawImage((width - scaled.width()) // 2, (height - scaled.height()) // 2, scaled)
    painter.end()
    return out


def import_background(project: Project, path: Path) -> None:
    """Use the first frame of a picture file as the background to trace (undoable)."""
    with _open(Path(path)) as source:
        try:
            first = _to_qimage(next(iter(ImageSequence.Iterator(source))))
        except (StopIteration, _DAMAGED):
            raise _unreadable() from None
    fitted = fit_into(first, project.width, project.height)
    buffer = io.BytesIO()
    _qimage_png(fitted, buffer)
    project.set_background(png=buffer.getvalue(), opacity=0.5)


def _qimage_png(image: QImage, out: io.BytesIO) -> None:
    from PySide6.QtCore import QBuffer, QIODevice

    qbuf = QBuffer()
    qbuf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(qbuf, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; Qt wants str
    out.write(qbuf.data().data())


def _gif_count(source: Image.Image, project: Project) -> int:
    """How many pictures to take from ``source``, checked against the budget before any
    is decoded: each is decoded at the GIF's size, and the film may grow only so far."""
    try:
        count = min(int(getattr(source, "n_frames", 1)), MAX_GIF_FRAMES)
    except _DAMAGED:
        raise _unreadable() from None
    need = count * limits.picture_bytes(source.width, source.height)
    if not limits.fits(need) or len(project.frames) + count > limits.MAX_PICTURES:
        raise ImportProblem(tr("This GIF has too many big pictures for Kadr. Please use a "
                               "shorter or smaller GIF."))
    return count


def _gif_frames(source: Image.Image, count: int) -> Iterator[tuple[QImage, int]]:
    """The first ``count`` pictures and their delays (ms), decoded one at a time. A damaged
    picture ends the GIF there: the pictures before it are kept."""
    try:
        for n, frame in enumerate(ImageSequence.Iterator(source)):
            if n >= count:
                return
            delay = frame.info.get("duration", 100)
            delay = int(delay) if isinstance(delay, (int, float)) and 0 < delay < 1e6 else 100
            yield _to_qimage(frame), delay
    except _DAMAGED:
        return


def import_gif_frames(project: Project, path: Path, after_index: int) -> int:
    """Add every frame of an animated GIF as pictures after ``after_index``; returns how many.

    Frame delays become holds at the film's speed, so the timing stays as it was.
    """
    with _open(Path(path)) as source:
        frames = _gif_frames(source, _gif_count(source, project))
        first = next(frames, None)
        if first is None:
            raise _unreadable()
        stack = project.undo_stack
        stack.beginMacro(tr("Add pictures from a GIF"))
        try:
            index, added = after_index, 0
            for image, delay in chain([first], frames):
                index = _add_picture(project, index, image, delay)
                added += 1
        finally:
            stack.endMacro()
    return added


def _add_picture(project: Project, after: int, image: QImage, delay: int) -> int:
    """One GIF picture as a new picture after ``after``, lasting ``delay`` ms."""
    index = project.add_frame(after)
    hold = max(1, min(MAX_HOLD, round(delay * project.settings.fps / 1000)))
    project.set_hold(index, hold)
    target = project.image_to_edit(index, "drawing")
    painter = QPainter(target)
    painter.drawImage(0, 0, fit_into(image, project.width, project.height))
    painter.end()
    project.commit_pixels(index, "drawing", target, QRect(0, 0, project.width, project.height),
                          tr("Add picture"))
    return index

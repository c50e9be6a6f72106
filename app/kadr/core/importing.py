"""Bringing pictures in: a picture to trace as the background, an animated GIF as pictures.

Pillow reads the file (PNG, JPEG, GIF, ...) with a pixel limit, so a huge or broken file
gets a plain message instead of filling the memory; nothing in the film changes then.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter

from kadr.core.picture import FORMAT, new_image
from kadr.core.project import MAX_HOLD, Project
from kadr.i18n import tr

MAX_PIXELS = 40_000_000  # bigger pictures are refused before they are decoded
MAX_GIF_FRAMES = 600


class ImportProblem(Exception):
    """A picture that cannot be brought in; ``str()`` is for the learner or teacher."""


def _open(path: Path) -> Image.Image:
    try:
        image = Image.open(path)
        if image.width * image.height > MAX_PIXELS:
            raise ImportProblem(tr("This picture is too big. Please use a smaller picture."))
        return image
    except FileNotFoundError:
        raise ImportProblem(tr("This picture is not there any more.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise ImportProblem(tr("Kadr cannot read this file. Please choose a PNG, JPEG or GIF "
                               "picture.")) from None


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
        except (OSError, ValueError, StopIteration):
            raise ImportProblem(tr("Kadr cannot read this file. Please choose a PNG, JPEG or "
                                   "GIF picture.")) from None
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


def import_gif_frames(project: Project, path: Path, after_index: int) -> int:
    """Add every frame of an animated GIF as pictures after ``after_index``; returns how many.

    Frame delays become holds at the film's speed, so the timing stays as it was.
    """
    with _open(Path(path)) as source:
        frames: list[tuple[QImage, int]] = []
        try:
            for n, frame in enumerate(ImageSequence.Iterator(source)):
                if n >= MAX_GIF_FRAMES:
                    break
                delay = int(frame.info.get("duration", 100) or 100)
                frames.append((_to_qimage(frame), delay))
        except (OSError, ValueError):
            if not frames:
                raise ImportProblem(tr("Kadr cannot read this file. Please choose a PNG, JPEG "
                                       "or GIF picture.")) from None
    fps = project.settings.fps
    stack = project.undo_stack
    stack.beginMacro(tr("Add pictures from a GIF"))
    index = after_index
    for image, delay in frames:
        index = project.add_frame(index)
        hold = max(1, min(MAX_HOLD, round(delay * fps / 1000)))
        project.set_hold(index, hold)
        target = project.image_to_edit(index, "drawing")
        painter = QPainter(target)
        painter.drawImage(0, 0, fit_into(image, project.width, project.height))
        painter.end()
        project.commit_pixels(index, "drawing", target, QRect(0, 0, project.width,
                                                                project.height), tr("Add picture"))
    stack.endMacro()
    return len(frames)

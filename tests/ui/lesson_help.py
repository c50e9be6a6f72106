"""A shipped lesson in a studio on a real film file, and what the tests of its reasons and
help ladder need: real mouse strokes on the canvas, grabs of the canvas, the film's pixels."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from kadr.core.picture import const_array
from kadr.core.render import Renderer
from kadr.core.session import FilmSession
from kadr.core.store import save_copy
from kadr.lessons.library import shipped_lessons_dir
from kadr.lessons.model import load_lesson
from kadr.lessons.progress import Progress
from kadr.settings import Settings
from kadr.ui import canvas_words, theme


def open_lesson(qtbot, qapp, tmp_path: Path, lesson_id: str = "bounce", hint_after: int = 0):
    """The lesson's own new film, saved as a .kadr file and opened like the gallery opens
    it, in a studio with the lesson beside the canvas."""
    from kadr.ui.studio import Studio

    canvas_words.install()
    theme.apply(qapp, "standard", 1.0)
    lesson = load_lesson(shipped_lessons_dir() / lesson_id)
    path = tmp_path / f"{lesson_id}.kadr"
    save_copy(lesson.new_project(), path)
    session = FilmSession.open(path)
    studio = Studio(session.project, Settings())
    studio.announcement_log = []
    qtbot.addWidget(studio)
    studio.resize(1280, 800)
    studio.show()
    qtbot.waitExposed(studio)
    progress = Progress(tmp_path / "learner")
    studio.attach_lesson(lesson, progress, hint_after=hint_after)
    panel = studio.lesson_panel
    said: list[str] = []
    heard: list[str] = []
    panel.speak_requested.connect(said.append)
    panel.announced.connect(heard.append)
    studio.tools.stabiliser = 0
    settle(qtbot, studio.canvas)
    return SimpleNamespace(studio=studio, panel=panel, canvas=studio.canvas, lesson=lesson,
                           session=session, path=path, progress=progress, said=said,
                           heard=heard, overlay=panel.overlay)


def settle(qtbot, canvas) -> None:
    """Wait until the studio's layout has settled (a busy machine lays out in more
    passes): the paper keeps its place on screen for a few looks in a row."""
    last, same = None, 0
    while same < 3:
        qtbot.wait(50)
        now = (canvas.size(), canvas.transform())
        same = same + 1 if now == last else 0
        last = now


def widget_point(canvas, x: float, y: float):
    return canvas.transform().map(QPointF(x, y)).toPoint()


def drag(canvas, points) -> None:
    """One stroke with the real mouse: press, moves, release."""
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget_point(canvas, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(canvas, widget_point(canvas, *p))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       widget_point(canvas, *points[-1]))


def ring(cx: float, cy: float, r: float, steps: int = 24) -> list[tuple[float, float]]:
    """Points round a circle: a ball drawn in one stroke."""
    return [(cx + r * np.cos(2 * np.pi * k / steps), cy + r * np.sin(2 * np.pi * k / steps))
            for k in range(steps + 1)]


def grab(canvas) -> np.ndarray:
    """What the canvas shows now, as (h, w, 4) BGRA bytes."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return const_array(image).copy()


def around(canvas, pixels: np.ndarray, x: float, y: float, half: int = 30) -> np.ndarray:
    """The grabbed pixels round a place on the paper (canvas coordinates)."""
    p = widget_point(canvas, x, y)
    ratio = pixels.shape[1] / canvas.width()  # a grab is in device pixels
    cx, cy = round(p.x() * ratio), round(p.y() * ratio)
    return pixels[max(0, cy - half):cy + half, max(0, cx - half):cx + half].astype(int)


def film_pixels(project) -> list[np.ndarray]:
    """Every picture of the film as the exports render it."""
    renderer = Renderer(project)
    out = []
    for i in range(len(project.frames)):
        image = renderer.compose(i)  # alive while its pixels are copied
        out.append(const_array(image).copy())
    return out


def keep_outcomes(panel, reasons=None):
    """Record every outcome the panel judges. With ``reasons`` (a function of nothing), an
    unmet goal carries the Why it returns: the test's own reason in place of the engine's,
    so the panel's handling is tested word for word."""
    seen = []
    real = panel.run.check

    def check():
        outcome = real()
        if not outcome.met and reasons is not None:
            outcome = dataclasses.replace(outcome, why=reasons())
        seen.append(outcome)
        return outcome

    panel.run.check = check
    return seen


def target_of(why, lesson, width: int, height: int) -> tuple[float, float]:
    """The place on the paper (canvas pixels) that ``why`` points at."""
    if why.place is not None:
        return why.place[0] * width, why.place[1] * height
    guide = lesson.guides[why.guide]
    x, y = guide.points[0]
    return x * width, y * height

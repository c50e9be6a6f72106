"""The end of a lesson: the child's own film playing again and again, warm words, a big
"Next lesson" button and "Keep drawing" (Escape). Over the studio, said and announced.

The film loops at a speed that does not flash (the studio's flash check gives the safe
speed; WCAG 2.3.1) and can be stopped (2.2.2). With reduced motion (ui/motion.py: the
learner's setting or the system's; 2.3.3) it shows one still picture until the child
presses Play. Nothing on it blinks.
Pictures are drawn by the Renderer on the UI thread (core/render.py; small thumbnails).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.core.timing import playback
from kadr.i18n import tr, tr_speech
from kadr.ui import icons, motion
from kadr.ui.a11y import PictureButton, announce, describe, label_button, picture_button
from kadr.ui.studio_fit import ui_scale
from kadr.ui.theme import BASE_FONT_PT
from kadr.ui.wrapping import WrappedLabel

BUTTON_HEIGHT = 72  # the biggest buttons on screen: the one thing to do next
VIEW_WIDTH = 560  # the film's picture, at most (smaller in a small window)


def prefers_still() -> bool:
    """Reduced motion: the learner's setting, or the system's while they have not chosen."""
    return motion.reduced()


class Celebration(QDialog):
    """"You finished the lesson!" with the child's film. ``next_requested`` asks for the
    next lesson; closing (Keep drawing, Escape) goes back to the film."""

    next_requested = Signal()

    def __init__(self, project: Project, lesson_title: str, stars: int, next_title: str = "",
                 fps: int | None = None, still: bool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("celebration")
        self.project, self.lesson_title, self.stars = project, lesson_title, stars
        self.next_title = next_title  # "" after the last lesson
        self.fps = max(1, min(30, fps or project.settings.fps))
        self.still = prefers_still() if still is None else still
        self.renderer = Renderer(project)
        log = getattr(parent.window(), "announcement_log", None) if parent else None
        if log is not None:
            self.announcement_log = log  # what it says is kept with the window's own
        self.shown: list[int] = []  # pictures shown in order (tests read it)
        self._order: Iterator[int] | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.heading = self._label("celebrationHeading", 2.0, bold=True)
        self.words = self._label("celebrationWords", 1.4)
        self.view = QLabel(self)
        self.view.setObjectName("celebrationFilm")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = self._button("celebrationNext", "next", self._next)
        self.keep_button = self._button("celebrationKeepDrawing", "brush", self.reject)
        self.play_button = self._button("celebrationPlay", "stop", self.toggle)
        self.next_button.setVisible(bool(next_title))
        row = QHBoxLayout()
        for b, stretch in ((self.next_button, 3), (self.keep_button, 2), (self.play_button, 1)):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            row.addWidget(b, stretch)  # the way on is the biggest
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.words)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.setTabOrder(self.next_button, self.keep_button)
        self.setTabOrder(self.keep_button, self.play_button)
        self.retranslate()
        self.show_picture(len(project.frames) // 2 if self.still else 0)

    def _label(self, name: str, scale: float, bold: bool = False) -> QLabel:
        label = WrappedLabel(self)  # Japanese lines break between words
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a blind child can read it again
        # the theme's style sheet sets every widget's size: bigger words go in this one's
        size = round(BASE_FONT_PT * ui_scale() * scale)
        label.setStyleSheet(f"font-size: {size}pt;" + (" font-weight: bold;" if bold else ""))
        return label

    def _button(self, name: str, picture: str, on_click: object) -> PictureButton:
        b = picture_button(name, picture, self, on_click=on_click)  # type: ignore[arg-type]
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.fix_size(None, BUTTON_HEIGHT)
        b.setStyleSheet(f"font-size: {round(BASE_FONT_PT * ui_scale() * 1.3)}pt;")
        b.setIconSize(QSize(BUTTON_HEIGHT * 2 // 3, BUTTON_HEIGHT * 2 // 3))
        return b

    # -- words -------------------------------------------------------------------------
    def texts(self) -> tuple[str, str]:
        """The heading and the words under it, as shown."""
        if self.next_title:
            return (tr("You finished the lesson!"),
                    tr("“{title}” is done. Stars: {count}.", title=self.lesson_title,
                       count=self.stars))
        return (tr("You finished all the lessons!"),
                tr("You are an animator now. Stars: {count}.", count=self.stars))

    def spoken(self) -> str:
        """What is said when it opens (kana readings in Japanese)."""
        if self.next_title:
            return " ".join((tr_speech("You finished the lesson!"),
                             tr_speech("Here is your film."),
                             tr_speech("Next lesson: {title}.", title=self.next_title)))
        return " ".join((tr_speech("You finished all the lessons!"),
                         tr_speech("You are an animator now."), tr_speech("Here is your film.")))

    def announcement(self) -> str:
        heading, words = self.texts()
        more = tr("Next lesson: {title}.", title=self.next_title) if self.next_title else ""
        return " ".join(w for w in (heading, words, tr("Here is your film."), more) if w)

    def retranslate(self) -> None:
        heading, words = self.texts()
        self.setWindowTitle(heading)
        self.heading.setText(heading)
        self.words.setText("\u2605 " + words)  # the star is shown, not read out
        describe(self.heading, heading, words)
        describe(self.words, words, words)
        label_button(self.next_button, tr("Next lesson"),
                     tr("Start the next lesson: {title}", title=self.next_title))
        label_button(self.keep_button, tr("Keep drawing"),
                     tr("Close this and go on with your film"), "Esc")
        self._sync_play()

    def _sync_play(self) -> None:
        playing = self.timer.isActive()
        label_button(self.play_button, tr("Stop") if playing else tr("Play"),
                     tr("Stop your film") if playing else tr("Play your film again and again"))
        self.play_button.setIcon(icons.icon("stop" if playing else "play"))
        for b in (self.next_button, self.keep_button, self.play_button):
            b.setMinimumWidth(b.sizeHint().width())  # every word whole, never "Kee…ing"
        count = len(self.project.frames)
        describe(self.view, tr("Your film"),
                 tr("Your film plays again and again. It has {count} pictures.", count=count)
                 if playing else
                 tr("A picture from your film. Press Play to watch it."))

    # -- the film ----------------------------------------------------------------------
    def play(self) -> None:
        if self.timer.isActive() or not self.project.frames:
            return
        self._order = playback([f.hold for f in self.project.frames], "loop", 0)
        self.timer.start(round(1000 / self.fps))
        self._sync_play()
        self._tick()

    def stop(self) -> None:
        self.timer.stop()
        self._sync_play()

    def toggle(self) -> None:
        self.stop() if self.timer.isActive() else self.play()

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def _tick(self) -> None:
        index = next(self._order, None) if self._order is not None else None
        if index is None:
            self.stop()
            return
        if not self.shown or self.shown[-1] != index:  # a held picture is not drawn again
            self.show_picture(index)
        self.shown.append(index)

    def show_picture(self, index: int) -> None:
        if not self.project.frames:
            return
        index = max(0, min(index, len(self.project.frames) - 1))
        parent = self.parentWidget()
        width = min(VIEW_WIDTH, max(240, (parent.width() if parent else VIEW_WIDTH * 2) // 2))
        self.view.setPixmap(QPixmap.fromImage(self.renderer.thumbnail(index, width)))

    # -- showing and closing -----------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.still:
            self.play()
        first = self.next_button if self.next_title else self.keep_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self, self.announcement())

    def _next(self) -> None:
        self.accept()  # closed first: the next lesson closes this film
        self.next_requested.emit()

    def done(self, result: int) -> None:  # noqa: D102 - the film stops with the dialog
        self.timer.stop()
        super().done(result)

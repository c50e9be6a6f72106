"""The studio screen: tools on the left, the canvas, the pictures strip and playback below.

It owns no document state: it wires the Project, the Player and the widgets together and
says every change a child should know about (announcements and the caption line).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as shiboken_valid

from kadr.core.library import update_thumbnail
from kadr.core.player import Player
from kadr.core.project import Project
from kadr.core.render import Renderer
from kadr.core.tools import ToolState, clear_picture
from kadr.i18n import tr
from kadr.settings import Settings
from kadr.ui.a11y import announce, key_words, label_button, picture_button
from kadr.ui.canvas import Canvas
from kadr.ui.canvas_words import frame_words
from kadr.ui.flash_watch import FlashWatch, kind_warning
from kadr.ui.playback_bar import PlaybackBar
from kadr.ui.studio_fit import fit_studio
from kadr.ui.timeline import Timeline
from kadr.ui.tools_panel import TOOL_KEYS, ToolsPanel
from kadr.ui.wrapping import WrappedLabel

if TYPE_CHECKING:  # the lesson code loads only when a lesson starts
    from kadr.lessons.model import Lesson
    from kadr.lessons.progress import Progress

CHECK_POLL_MS = 100  # how often the studio looks whether the film's tiles were checked


class Studio(QWidget):
    back_requested = Signal()
    help_requested = Signal()
    settings_requested = Signal()
    export_requested = Signal()
    onion_settings_requested = Signal()
    said = Signal(str)  # every caption, for the speech service
    stop_speech_requested = Signal()

    def __init__(self, project: Project, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("studio")
        if parent is not None:  # a page of the window's screens: fitted at its size at once
            self.resize(parent.size())
        # while the studio is built, every step that would fit it waits for one fit at the
        # end (each fit sized the strip of, say, 600 pictures again)
        self._fit_held = True
        self._fit_due = False  # a fit waits for the event loop (a style or font change)
        # the studio's workers (packing, decoding, thumbnails, checks, exports) share the
        # interpreter with this thread: hand it over every 1 ms, not 5, so the UI waits
        # less for it (the longest UI pause during an export fell ~20 %, measured)
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.project, self.settings = project, settings
        self.renderer = Renderer(project)
        self.tools = ToolState(stabiliser=settings.stabiliser)
        self.player = Player(project, self)

        self.canvas = Canvas(project, self.renderer, self.tools, self)
        self.canvas.keyboard_pen = settings.keyboard_pen
        self.player.renderer = self.renderer
        self.player.frame_size = self.canvas.paper_size_shown
        self.canvas.use_settings(settings)  # pen step, click-move-click, tiny marks
        self.tools_panel = ToolsPanel(self.tools, self)
        self.timeline = Timeline(project, self.renderer, self)
        self.playback = PlaybackBar(self.player, self)
        # thumbnails wait while the film plays, a stroke is drawn or strokes follow quickly
        self.timeline.busy = lambda: self.player.is_playing() or self.canvas.drawing_now()
        self.playback.toggle = self.play_or_stop
        self.caption = WrappedLabel(self)
        self.caption.setObjectName("caption")
        # warnings lie over the top of the canvas: showing one never moves the paper
        self.save_warning = WrappedLabel(self.canvas)
        self.save_warning.setObjectName("saveWarning")
        self.save_warning.hide()
        self.flash_watch = FlashWatch(project, self)
        self.flash_bar = QWidget(self.canvas)
        self.flash_bar.setObjectName("flashBar")
        self.flash_bar.setAutoFillBackground(True)
        self.flash_text = WrappedLabel(self.flash_bar)
        self.flash_text.setObjectName("saveWarning")
        self.flash_slower = picture_button("flash_slower", "slow", self.flash_bar,
                                           on_click=self.play_safely)
        self.flash_anyway = picture_button("flash_anyway", "play", self.flash_bar,
                                           on_click=self.play_anyway)
        flash_row = QHBoxLayout(self.flash_bar)
        flash_row.setContentsMargins(6, 6, 6, 6)
        flash_row.addWidget(self.flash_text, 1)
        flash_row.addWidget(self.flash_slower)
        flash_row.addWidget(self.flash_anyway)
        self.flash_bar.hide()

        pictures = {"projects": "projects", "undo": "undo", "redo": "redo",
                    "stop_talking": "quiet", "level": "all_tools", "export": "share",
                    "more": "more", "settings": "settings", "help": "help"}
        actions = {"projects": self.back_requested.emit, "undo": self.undo, "redo": self.redo,
                   "stop_talking": self.stop_speech_requested.emit,
                   "level": self.toggle_level, "export": self.export_requested.emit,
                   "more": self.toggle_more, "settings": self.settings_requested.emit,
                   "help": self.help_requested.emit}
        b: dict[str, QAbstractButton] = {
            name: picture_button(name, picture, self, on_click=actions[name],
                                 checkable=name in ("level", "more"))
            for name, picture in pictures.items()}
        # less used controls wait in the "More" drawer, over the canvas's top right corner
        self.more_panel = QFrame(self)
        self.more_panel.setObjectName("morePanel")
        self.more_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.more_panel.setAutoFillBackground(True)
        drawer = {"layers": ("layers", self.show_layers),
                  "zoom_out": ("zoom_out", lambda: self.zoom(-1)),
                  "zoom_fit": ("zoom_fit", lambda: self.zoom(0)),
                  "zoom_in": ("zoom_in", lambda: self.zoom(1)),
                  "keyboard_pen": ("keyboard_pen", self.toggle_keyboard_pen)}
        self.more_grid = QGridLayout(self.more_panel)
        self.more_grid.setContentsMargins(6, 6, 6, 6)
        for name, (picture, fn) in drawer.items():
            b[name] = picture_button(name, picture, self.more_panel, on_click=fn,
                                     checkable=name == "keyboard_pen")
        for finer in (self.tools_panel.smaller, self.tools_panel.bigger):
            finer.setParent(self.more_panel)
            b[finer.objectName()] = finer
        self.more_panel.hide()
        self.more_panel.installEventFilter(self)
        # the onion toggle sits with the pictures it shows
        b["onion"] = picture_button("onion", "onion", self, on_click=self.toggle_onion,
                                    checkable=True)
        self.top_buttons = b
        self.stop_talking = b["stop_talking"]

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        for name in ("projects", "undo", "redo"):
            top.addWidget(b[name])
        top.addWidget(self.caption, 1)
        for name in ("stop_talking", "level", "export", "more", "settings", "help"):
            top.addWidget(b[name])
        layout.addLayout(top, 0, 0, 1, 3)
        # the column's height never holds the window up: studio_fit picks its columns
        self.tools_panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        layout.addWidget(self.tools_panel, 1, 0)
        layout.addWidget(self.canvas, 1, 1)
        self.side = QVBoxLayout()  # the lesson panel goes here, at a fixed width
        self.side.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.side, 1, 2)
        layout.addWidget(self.tools_panel.colours, 2, 0, 1, 3)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.playback)
        bottom.addWidget(self.timeline, 1)
        frame_buttons = QGridLayout()
        frame_buttons.setSpacing(4)
        # Simple shows the first column only: a level never shuffles what it keeps
        places = {"add": (0, 0), "copy": (1, 0), "delete": (0, 1), "longer": (0, 2),
                  "shorter": (1, 2), "move_left": (0, 3), "move_right": (1, 3)}
        for name, (r, c) in places.items():
            frame_buttons.addWidget(self.timeline.buttons[name], r, c)
        frame_buttons.addWidget(b["onion"], 0, 4, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        bottom.addLayout(frame_buttons)
        layout.addLayout(bottom, 3, 0, 1, 3)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(1, 1)
        self.level = settings.level if settings.level in ("simple", "all") else "simple"
        self.level_locked_by = ""  # "teacher" or "classroom" when the level is locked

        self.timeline.current_changed.connect(self.go_to)
        self.timeline.announce.connect(self.say)
        self.playback.announce.connect(self.say)
        self.tools_panel.changed.connect(self.say)
        self.tools_panel.changed.connect(self._sync_cursor)
        self.tools_panel.synced.connect(self._sync_cursor)
        self.tools_panel.clear_button.clicked.connect(self.clear)
        self.canvas.color_picked.connect(self._picked)
        self.canvas.said.connect(self.say)
        self.canvas.edited.connect(self._edited)
        self.player.frame.connect(self._played_frame)
        self.player.started.connect(lambda: self.say(tr("Playing.")))
        self.player.stopped.connect(self._stopped)
        self.player.started.connect(lambda: self.flash_watch.hold("playing", True))
        self.player.stopped.connect(lambda: self.flash_watch.hold("playing", False))
        self.canvas.drawing.connect(lambda on: self.flash_watch.hold("drawing", on))
        project.save_problem.connect(self.show_save_problem)
        project.frames_changed.connect(self._frames_changed)
        project.undo_stack.canUndoChanged.connect(self._sync_undo)
        project.undo_stack.canRedoChanged.connect(self._sync_undo)
        self._thumb_timer = QTimer(self, singleShot=True, interval=3000)
        # the gallery picture is drawn again only after a change (closing stays quick)
        self._thumbnail_due = False
        for signal in (project.picture_changed, project.frames_changed,
                       project.background_changed, project.settings_changed):
            signal.connect(self._thumbnail_changed)
        self._thumb_timer.timeout.connect(self.keep_thumbnail)
        self._actions()
        self._tab_order()
        self.set_level(self.level)
        self._retranslate_own()  # the tools, the strip and Play said theirs when made
        self._fit_held = False
        self.refit()
        self._tab_order()
        self.go_to(0)
        self._tell_how_it_opened()

    # -- words ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tools_panel.retranslate()
        self.timeline.retranslate()
        self.playback.retranslate()
        self._retranslate_own()

    def _retranslate_own(self) -> None:
        texts = {
            "projects": (tr("My projects"), tr("Go back to all your projects"), "Ctrl+W"),
            "undo": (tr("Undo"), tr("Take back the last change"), "Ctrl+Z"),
            "redo": (tr("Redo"), tr("Bring back what Undo took away"), "Ctrl+Y"),
            "onion": (tr("See other pictures"),
                      tr("Show the pictures before and after this one, faintly"), "O"),
            "level": (tr("All tools"), tr("Show all tools, or only the first few"), ""),
            "more": (tr("More"), tr("Layers, zoom, drawing with keys"), ""),
            "layers": (tr("Layers"), tr("Background picture, front drawing, show and hide"),
                       "Ctrl+L"),
            "zoom_out": (tr("Smaller"), tr("Zoom out"), "Ctrl+-"),
            "zoom_fit": (tr("Fit"), tr("Show the whole picture"), "Ctrl+0"),
            "zoom_in": (tr("Bigger"), tr("Zoom in"), "Ctrl+="),
            "keyboard_pen": (tr("Draw with keys"),
                             tr("Arrow keys move the pen, Space puts it down or lifts it, "
                                "Enter makes a dot"), "K"),
            "export": (tr("Share"), tr("Make a GIF, a video or pictures of your film"), "Ctrl+E"),
            "settings": (tr("Settings"), tr("Language, size, colours and speech"), "Ctrl+,"),
            "help": (tr("Help"), tr("All the keys, and how to use Kadr"), "F1"),
        }
        texts["stop_talking"] = (tr("Quiet"), tr("Stop Kadr talking"), "Esc")
        if self.level_locked_by:
            from kadr.ui.learner_settings import locked_words

            texts["level"] = (tr("All tools"), locked_words(self.level_locked_by), "")
        for name, (text, desc, keys) in texts.items():
            label_button(self.top_buttons[name], text, desc, keys)
        self.refit()
        label_button(self.flash_slower, tr("Play slower"), tr("Play at a speed that flashes less"))
        label_button(self.flash_anyway, tr("Play anyway"), tr("Play at this speed"))
        self._retranslate_lesson_and_caption()
        self._sync_undo()
        self._sync_toggles()

    def _retranslate_lesson_and_caption(self) -> None:
        """After a language switch nothing on screen keeps the old language: the lesson
        panel, "Watch how", and the caption (which shows what is true now)."""
        panel = getattr(self, "lesson_panel", None)
        if panel is not None:
            panel.retranslate()
            label_button(self.watch_example, tr("Watch how"),
                         tr("See the finished film for this lesson"), "F4")
            self._describe_example(self.lesson)
            run = panel.run
            if run is not None and not run.finished:
                self.caption.setText(run.instruction())
                return
        if self.project.frames:
            i = min(self.canvas.index, len(self.project.frames) - 1)
            self.caption.setText(frame_words(i, len(self.project.frames),
                                             self.project.frames[i].hold))

    def refit(self) -> None:
        """Size every control for this window, UI size and level (studio_fit.py)."""
        if self._fit_held:
            return
        fit_studio(self)
        self._sync_cursor()

    def _refit_soon(self) -> None:
        """One fit from the event loop, however many changes asked for it meanwhile."""
        if not self._fit_due:
            self._fit_due = True
            QTimer.singleShot(0, self, self._refit_if_due)  # cancelled if the studio is gone

    def _refit_if_due(self) -> None:
        if self._fit_due:
            self._fit_due = False
            self.refit()

    def _sync_cursor(self, *_args: object) -> None:
        """The pointer over the paper: a ring of the brush's size and colour."""
        from kadr.ui.pen_cursor import ring_cursor

        t = self.tools
        self.canvas.setCursor(ring_cursor(t.tool, t.size, t.color, self.canvas.scale()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.more_panel and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.toggle_more(False)
            return True
        return super().eventFilter(watched, event)

    def _tell_how_it_opened(self) -> None:
        """Parts of the film that could not be read, or a film that cannot be changed
        here (a locked stick): said once and kept in the warning over the canvas. An
        opened film's tiles are checked off this thread once the studio shows (store.py,
        core/tile_check.py): this looks again until that ended (about a second for 600
        pictures) and says it all then."""
        from kadr.core.store import is_read_only, load_notes, tiles_checked

        self.canvas.read_only = is_read_only(self.project)
        if not tiles_checked(self.project):
            QTimer.singleShot(CHECK_POLL_MS, self, self._tell_after_check)
            return
        notes = load_notes(self.project)
        if self.canvas.read_only:
            notes.append(tr("This film cannot be changed here. You can play it and share it."))
        if notes:
            self.save_warning.setText(" ".join(notes))
            self.save_warning.show()
            self.say(" ".join(notes), assertive=True)
            QTimer.singleShot(0, self, self.refit)

    def _tell_after_check(self) -> None:
        from kadr.core.store import start_tile_check

        start_tile_check(self.project)  # the first look, once the studio is up, starts it
        self._tell_how_it_opened()

    # -- levels and the More drawer ------------------------------------------------
    def set_level(self, level: str) -> None:
        """Simple (few tools, for new learners and lessons) or all tools."""
        self.level = level
        self.settings.level = level
        self.tools_panel.set_level(level)
        self.timeline.set_level(level)
        self.top_buttons["level"].setChecked(level == "all")
        self.refit()
        self._tab_order()

    def lock_level(self, by: str) -> None:
        """A teacher (or the classroom file) set the level: All tools cannot change it."""
        self.level_locked_by = by
        self.top_buttons["level"].setEnabled(False)
        self.retranslate()

    def toggle_level(self) -> None:
        if self.level_locked_by:  # its key too, not only the (disabled) button
            self.say(tr("Your teacher set this"))
            return
        self.set_level("simple" if self.level == "all" else "all")
        self.say(tr("All tools.") if self.level == "all" else tr("Simple tools."))

    def toggle_more(self, show: bool | None = None) -> None:
        show = not self.more_panel.isVisible() if show is None else show
        self.top_buttons["more"].setChecked(show)
        self.more_panel.setVisible(show)
        if show:
            self.refit()
            self.more_panel.raise_()
            self.top_buttons["layers"].setFocus()
            self.say(tr("More: layers, zoom, drawing with keys."))
        else:
            self.top_buttons["more"].setFocus()
        self._tab_order()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._refit_soon()
        super().changeEvent(event)

    def say(self, text: str, assertive: bool = False) -> None:
        """Show ``text`` on the caption line, announce it, and pass it to speech."""
        self.caption.setText(text)
        announce(self, text, assertive)
        self.said.emit(text)

    def _tab_order(self) -> None:
        """Top bar, the drawer when open, tools, the paper, the lesson, the colours, Play
        and speed, the strip and its buttons: reading order."""
        b = self.top_buttons
        chain: list[QWidget] = [b[n] for n in ("projects", "undo", "redo", "stop_talking",
                                               "level", "export", "more")]
        if self.more_panel.isVisible():
            chain += [b[n] for n in ("layers", "zoom_out", "zoom_fit", "zoom_in",
                                     "keyboard_pen", "size_smaller", "size_bigger")]
        chain += [b["settings"], b["help"]]
        # every button of a choice group is in the chain; Tab stops at its chosen one
        chain += [w for w in self.tools_panel.findChildren(QAbstractButton)
                  if w.isVisibleTo(self)]
        chain.append(self.canvas)
        lesson = getattr(self, "lesson_panel", None)
        if lesson is not None:  # the step first, then its praise, hint and buttons
            chain += [lesson.instruction, lesson.feedback, lesson.hint_label]  # when shown
            watch = getattr(self, "watch_example", None)
            chain += [watch] if watch is not None else []
            chain += [w for w in lesson.findChildren(QWidget)
                      if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(self)
                      and w not in chain]
        chain += [w for w in self.tools_panel.colours.findChildren(QAbstractButton)
                  if w.isVisibleTo(self)]
        chain += [self.playback.play, self.playback.speed, self.timeline.list]
        chain += [w for w in self.timeline.buttons.values() if w.isVisibleTo(self)]
        chain.append(b["onion"])
        chain = [w for w in chain if w.window() is self.window()]  # not an open list's popup
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- shortcuts -----------------------------------------------------------------
    def _actions(self) -> None:
        def add(keys: str, fn: object, context: Qt.ShortcutContext =
                Qt.ShortcutContext.WidgetWithChildrenShortcut) -> None:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(context)
            action.triggered.connect(fn)
            self.addAction(action)

        add("Ctrl+Z", self.undo)
        add("Ctrl+Y", self.redo)
        add("Ctrl+Shift+Z", self.redo)
        add("Ctrl+N", lambda: self.timeline.run("add"))
        add("Ctrl+D", lambda: self.timeline.run("copy"))
        add("Ctrl+=", lambda: self.zoom(1))
        add("Ctrl++", lambda: self.zoom(1))
        add("Ctrl+-", lambda: self.zoom(-1))
        add("Ctrl+0", lambda: self.zoom(0))
        add("Ctrl+E", self.export_requested.emit)
        add("Ctrl+L", self.show_layers)
        add("Ctrl+W", self.back_requested.emit)
        add("Ctrl+,", self.settings_requested.emit)
        add("F1", self.help_requested.emit)
        add("O", self.toggle_onion)
        add("K", self.toggle_keyboard_pen)
        add("[", lambda: self.tools_panel.nudge_size(-1))
        add("]", lambda: self.tools_panel.nudge_size(1))
        for tool, key in TOOL_KEYS.items():
            add(key, lambda _checked=False, t=tool: self.tools_panel.set_tool(t, announce=True))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Space plays, Left/Right turn pages, wherever focus is not drawing or typing."""
        key = event.key()
        pen = self.canvas.keyboard_pen and self.canvas.hasFocus()
        if key == Qt.Key.Key_Space and not pen:
            self.play_or_stop()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not pen:
            self.player.step(-1 if key == Qt.Key.Key_Left else 1)
        elif key == Qt.Key.Key_Home and not pen:
            self.go_to(0)
        elif key == Qt.Key.Key_End and not pen:
            self.go_to(len(self.project.frames) - 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- actions ---------------------------------------------------------------------
    def go_to(self, index: int, quiet: bool = False) -> None:
        index = max(0, min(index, len(self.project.frames) - 1))
        self.player.current = index
        self.canvas.show_frame(index)
        self.timeline.set_current(index)
        if not quiet:
            f = self.project.frames[index]
            self.say(frame_words(index, len(self.project.frames), f.hold))

    # -- playing, with a kind flash-safety warning first (WCAG 2.3.1; never a block) ----
    def play_or_stop(self) -> None:
        if self.player.is_playing():
            self.player.stop()
            return
        # a film not checked yet has the seconds about to play checked first
        result = self.flash_watch.before_play(self.player.current)
        watch = self.flash_watch
        if result is not None and not result.safe and watch.accepted_generation != watch.generation:
            self.flash_text.setText(kind_warning(result))
            self.flash_bar.show()
            self.refit()
            self.flash_slower.setFocus()
            self.say(kind_warning(result), assertive=True)
            return
        self.flash_bar.hide()
        self.player.play()

    def play_safely(self) -> None:
        result = self.flash_watch.current()
        if result is not None:
            self.playback.set_fps(result.safe_fps)
        self.play_anyway()

    def play_anyway(self) -> None:
        """Play after the warning; it is not shown again for this state of the film."""
        self.flash_watch.accepted_generation = self.flash_watch.generation
        if self.flash_bar.isAncestorOf(self.focusWidget() or self):
            self.canvas.setFocus()  # not wherever Qt puts it when the bar hides
        self.flash_bar.hide()
        self.player.play()

    def _played_frame(self, index: int) -> None:
        if self.player.is_playing():
            self.canvas.show_frame(index, playing=True)
            self.timeline.set_playing(index)
        else:
            self.go_to(index)

    def _stopped(self) -> None:
        self.timeline.set_playing(-1)
        self.go_to(self.player.current, quiet=True)
        self.say(tr("Stopped at picture {n}.", n=self.player.current + 1))

    def _frames_changed(self) -> None:
        self.canvas.show_frame(min(self.canvas.index, len(self.project.frames) - 1))
        self._thumb_timer.start()

    def _thumbnail_changed(self, *_args: object) -> None:
        self._thumbnail_due = True

    def _edited(self) -> None:
        self._thumb_timer.start()

    def undo(self) -> None:
        stack = self.project.undo_stack
        if stack.canUndo():
            text = stack.undoText()
            stack.undo()
            self.say(tr("Undone: {what}", what=text))
        else:
            self.say(tr("Nothing to undo."))

    def redo(self) -> None:
        stack = self.project.undo_stack
        if stack.canRedo():
            text = stack.redoText()
            stack.redo()
            self.say(tr("Redone: {what}", what=text))

    def clear(self) -> None:
        if clear_picture(self.project, self.canvas.index, self.tools.layer):
            self.say(tr("Picture cleared. Undo brings it back."))

    def zoom(self, direction: int) -> None:
        """Bigger (1), smaller (-1) or the whole picture (0); the ring follows."""
        if direction:
            self.canvas.zoom_step(direction)
        else:
            self.canvas.set_zoom(None)
        self._sync_cursor()

    def toggle_onion(self) -> None:
        onion = self.project.settings.onion
        self.project.set_onion(onion.with_(enabled=not onion.enabled))
        self._sync_toggles()
        self.say(tr("See other pictures: on.") if not onion.enabled
                 else tr("See other pictures: off."))

    # -- a lesson beside the canvas ----------------------------------------------------------
    def attach_lesson(self, lesson: Lesson, progress: Progress | None, allow_skip: bool = True,
                      hint_after: int = 0, resume: bool = False,
                      speak: Callable[[str], object] | None = None) -> None:
        """Put ``lesson`` beside the canvas: from step 1, or (``resume``, a film opened
        again) where the learner was (the engine's ``resume``). ``speak`` hears the panel's
        words from the first step on."""
        from kadr.ui.lesson_panel import LessonPanel

        panel = LessonPanel(self, progress=progress, allow_skip=allow_skip,
                            hint_after_seconds=hint_after)
        if speak is not None:
            panel.speak_requested.connect(speak)
        # lessons start in the Simple level, with the picture before shown faintly, unless
        # the lesson itself teaches turning that on
        self.tools_panel.set_level("simple")
        self.timeline.set_level("simple")
        self.level = "simple"
        self.top_buttons["level"].setChecked(False)
        teaches_onion = any(goal.check == "onion_on" for step in lesson.steps
                            for goal in step.goals)
        if not teaches_onion and not self.project.settings.onion.enabled:
            self.project.settings.onion = self.project.settings.onion.with_(
                enabled=True, before=1, after=0, opacity=0.35)
            self._sync_toggles()
        self.lesson_panel = panel
        self.lesson = lesson
        self.watch_example = picture_button("lesson_watch_example", "watch", self,
                                            on_click=self.show_example)
        self.watch_example.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        label_button(self.watch_example, tr("Watch how"),
                     tr("See the finished film for this lesson"), "F4")
        self._describe_example(lesson)
        self.side.addWidget(self.watch_example)
        self.side.addWidget(panel)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("F4"))
        shortcut.triggered.connect(self.show_example)
        self.addAction(shortcut)
        # the lesson's layer over the paper (guides, pulses, demonstrations, a faint
        # picture to trace): painted by the canvas, never part of the film
        overlay = panel.overlay
        overlay.page_of = lambda: self.canvas.index
        self.canvas.guides = overlay.guides  # type: ignore[attr-defined]
        self.canvas.overlays.append(overlay.paint)
        overlay.changed.connect(self.canvas.update)
        # the description says where the guide is
        panel.guides_changed.connect(lambda _g: self.canvas._state_changed())
        panel.ladder.step_controls = self.step_controls
        panel.go_to_picture.connect(self.go_to)
        panel.announced.connect(lambda text: self.caption.setText(text))
        for signal in (self.project.picture_changed, self.project.frames_changed,
                       self.project.settings_changed):
            signal.connect(panel.check_now)
        self.player.started.connect(lambda: panel.notice("played"))
        self.canvas.drawing.connect(panel.drawing)
        self.timeline.current_changed.connect(lambda _i: panel.check_at_once())
        self.project.settings_changed.connect(self._lesson_settings)
        self._last_fps = self.project.settings.fps
        self._last_onion = self.project.settings.onion.enabled
        panel.step_changed.connect(lambda _i: self._show_step_controls())
        panel.start(lesson, self.project, resume=resume)
        self._show_step_controls()
        self._tab_order()
        self.refit()

    def _describe_example(self, lesson: object) -> None:
        """'Watch how' also says what the finished film shows (the lesson's goal), for a
        child who cannot see it play."""
        try:
            goal = lesson.text("goal")  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a lesson without a goal text keeps the plain words
            goal = ""
        if goal:
            self.watch_example.setAccessibleDescription(
                tr("See the finished film for this lesson") + ". " +
                tr("It shows: {goal}", goal=goal) + " " + key_words("F4"))

    def step_controls(self) -> list[QAbstractButton | QWidget]:
        """The controls the lesson's current step asks the child to use."""
        panel = getattr(self, "lesson_panel", None)
        run = panel.run if panel is not None else None
        step = run.current_step if run is not None else None
        if step is None:
            return []
        b, frames = self.top_buttons, self.timeline.buttons
        by_check: dict[str, list[QWidget]] = {
            "played": [self.playback.play], "exported": [b["export"]],
            "onion_on": [b["onion"]], "fps_between": [self.playback.speed],
            "hold_at_least": [frames["longer"]],
            "frame_count_at_least": [frames["add"], frames["copy"]],
        }
        found: list[QWidget] = []
        for goal in step.goals:
            found += [w for w in by_check.get(goal.check, []) if w not in found]
        return found

    def _show_step_controls(self) -> None:
        """Show and highlight what the step names (even if the level hides it); the
        step before's highlights go, and hidden controls hide again."""
        wanted = self.step_controls()
        for w in getattr(self, "_highlighted", []):
            if w not in wanted:
                w.setProperty("lessonTarget", False)
                w.style().unpolish(w)
                w.style().polish(w)
        self.timeline.set_level(self.level)
        for w in wanted:
            w.setVisible(True)
            w.setProperty("lessonTarget", True)
            w.style().unpolish(w)
            w.style().polish(w)
        self._highlighted = wanted
        self._tab_order()

    def show_example(self) -> None:
        """Play the lesson's finished film in a small window."""
        from kadr.ui.example_dialog import ExampleDialog

        lesson = getattr(self, "lesson", None)
        if lesson is None:
            return
        try:
            example = lesson.example_project()
        except Exception:  # a missing or broken example must not stop the lesson
            self.say(tr("The example film cannot be shown."))
            return
        dialog = ExampleDialog(example, lesson.title(), self)
        self.example_dialog = dialog
        dialog.exec()

    def _lesson_settings(self) -> None:
        panel = getattr(self, "lesson_panel", None)
        if panel is None:
            return
        s = self.project.settings
        if s.onion.enabled and not self._last_onion:
            panel.notice("onion_on")
        if s.fps != self._last_fps:
            panel.notice("fps_changed", fps=s.fps)
        self._last_fps, self._last_onion = s.fps, s.onion.enabled

    def show_layers(self) -> None:
        from kadr.ui.layers_dialog import LayersDialog

        dialog = LayersDialog(self.project, self.tools, self.canvas.index, self)
        dialog.said.connect(self.say)
        dialog.exec()

    def toggle_keyboard_pen(self) -> None:
        self.canvas.keyboard_pen = not self.canvas.keyboard_pen
        self.settings.keyboard_pen = self.canvas.keyboard_pen
        self._sync_toggles()
        self.canvas.setFocus()
        self.canvas.update()
        self.say(tr("Draw with keys: on. Arrow keys move the pen, Space puts it down.")
                 if self.canvas.keyboard_pen else tr("Draw with keys: off."))

    def _picked(self, color: str) -> None:
        self.tools_panel.set_color(color, announce=True)
        self.tools_panel.set_tool("brush", announce=False)

    def _sync_undo(self) -> None:
        stack = self.project.undo_stack
        if not shiboken_valid(stack):  # the stack goes first when a window closes
            return
        self.top_buttons["undo"].setEnabled(True)  # stays focusable; says "nothing to undo"
        self.top_buttons["redo"].setEnabled(stack.canRedo())

    def _sync_toggles(self) -> None:
        self.top_buttons["onion"].setChecked(self.project.settings.onion.enabled)
        self.top_buttons["keyboard_pen"].setChecked(self.canvas.keyboard_pen)

    def show_save_problem(self, message: str) -> None:
        if message:
            self.save_warning.setText(message)
            self.save_warning.show()
            self.refit()
            self.say(message, assertive=True)
        elif self.save_warning.isVisible():
            self.save_warning.hide()
            self.say(tr("Your work is being kept again."))

    def keep_thumbnail(self) -> None:
        """Keep the gallery's picture of this film, if the film changed (or has none)."""
        store = self.project.store
        if store is None or not self.project.frames:
            return
        if self._thumbnail_due or not store.has_thumbnail():  # type: ignore[attr-defined]
            update_thumbnail(store, self.project)  # type: ignore[arg-type]
            self._thumbnail_due = False

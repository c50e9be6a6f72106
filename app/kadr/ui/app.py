"""Start the studio: the application object, settings, language, theme, speech, window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kadr import APP_NAME, i18n
from kadr.data import examples_dir
from kadr.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QSize
    from PySide6.QtWidgets import QWidget

    from kadr.ui.learner_place import LearnerPlace
    from kadr.ui.main_window import MainWindow

EXAMPLES = examples_dir()


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kadr", description="Kadr animation studio")
    parser.add_argument("project", nargs="?", help="a .kadr film to open")
    parser.add_argument("--example", action="store_true", help="open the bundled example film")
    parser.add_argument("--library", help="the folder of films (default: your data folder)")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="print the start-up time and quit as soon as the window is shown")
    parser.add_argument("--no-speech", action="store_true", help="do not start speech")
    return parser.parse_args(args)


def show_studio(window: QWidget, screen: QSize) -> None:
    """Show the studio filling the screen on every screen size (the paper as large as it
    can be: what a child with low vision needs most, and what children's studios do);
    un-maximised it keeps a usual window of at most 1280x800."""
    window.resize(min(1280, screen.width()), min(800, screen.height()))
    window.showMaximized()


def run_studio(args: list[str]) -> int:
    options = parse(args)
    if not has_display():
        print("Kadr needs a screen: no display was found. "
              "To try it without one, run: xvfb-run -a make run")
        return 1
    started = time.perf_counter()
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    from kadr.ui import canvas_words, theme
    from kadr.ui.main_window import MainWindow
    from kadr.ui.talking import TalkingButtons

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication), "Kadr's windows need a QApplication"
    # before any widget (Qt asks the factories when it first sees one), after the
    # application (which installs Qt's own: ours must be asked first)
    canvas_words.install()
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Kadr")
    from PySide6.QtGui import QIcon

    from kadr.data import app_icon

    app.setWindowIcon(QIcon(str(app_icon())))
    app.setDesktopFileName("kadr")  # Wayland and GNOME match the window to kadr.desktop
    from kadr import log

    log.install()  # after the name: the log goes in Kadr's config folder
    from kadr import fonts

    fonts.install()
    settings = load_settings()
    first_start = not settings.language
    i18n.set_language(settings.language or i18n.system_language(QLocale.system().name()))
    if not settings.theme:
        settings.theme = theme.preferred_theme(app)
    theme.apply_settings(app, settings)
    if first_start and not options.exit_when_ready:
        from kadr.ui.dialogs import LanguageDialog

        dialog = LanguageDialog(i18n.language())
        dialog.exec()
        settings.language = dialog.chosen
        settings.uses_screen_reader = dialog.screen_reader.isChecked()
        i18n.set_language(settings.language)
        save_settings(settings)

    # a computer's learners ("Who is drawing?"), unless one folder of films is named
    place = None if options.library or os.environ.get("KADR_LIBRARY") else \
        open_learners(settings, options.exit_when_ready)
    library = None
    if place is None:
        library = open_library(options.library or settings.library, options.exit_when_ready)
        if library is None:
            return 1
        clean_up_exports(library)
    speech = None
    if not options.no_speech and not options.exit_when_ready:
        from kadr.speech import SpeechService

        speech = SpeechService(enabled=settings.speech_enabled)
        speech.set_language(i18n.language())
        speech.set_rate(settings.speech_rate)
        speech.set_volume(settings.speech_volume)
        speech.set_voice(settings.voice or None)
    target = None
    if place is not None:
        window = learners_window(place, settings, speech)
        if window is None:
            return 1
        library = window.library
        clean_up_exports(library)
    else:
        assert library is not None
        if options.project:
            target = Path(options.project)
        elif options.example:
            target = example_in_library(library.root)
        # a film to open first: the gallery is made only if the child goes there
        window = MainWindow(settings, library, speech, gallery_later=target is not None)
    if speech is not None:
        talking = TalkingButtons(settings, speech, app)
        app.installEventFilter(talking)
        speech.unavailable.connect(lambda msg: window.say(msg))
        speech.no_voice.connect(lambda _lang, msg: window.say(msg))
    primary = app.primaryScreen()
    if primary is None:  # the screen driver started but found no screen
        print("Kadr found no screen to show its window on. Check that the computer's "
              "display is connected and working, then start Kadr again.", file=sys.stderr)
        return 1
    show_studio(window, primary.availableGeometry().size())
    if place is not None and options.project:
        target = Path(options.project)
    elif place is not None and options.example and window.learner is not None:
        target = example_in_library(window.library.root)
    if target is not None and not window.open_project(target) and place is None:
        window.show_gallery()  # the film could not be opened: the child's projects instead
    if options.exit_when_ready:
        def done() -> None:
            print(f"ready {1000 * (time.perf_counter() - started):.0f} ms", flush=True)
            app.quit()

        QTimer.singleShot(0, done)
    return app.exec()


def open_learners(settings: Settings, quiet: bool = False) -> LearnerPlace | None:
    """The classroom file and this computer's learners (an install from before learners
    becomes the first learner, once). None, said in plain words, when the learners folder
    cannot be used: then Kadr keeps one folder of films as before."""
    from kadr.classroom.learners import LearnerError
    from kadr.classroom.migration import migrate_this_account
    from kadr.ui.learner_place import LearnerPlace

    try:
        place = LearnerPlace.open(settings)
        migrate_this_account(place.store)
    except (LearnerError, OSError) as error:
        _tell(str(error), quiet)
        return None
    for problem in place.classroom.problems:  # for IT; teacher mode shows them too
        print(problem, file=sys.stderr)
    return place


def learners_window(place: LearnerPlace, settings: Settings,
                    speech: QObject | None = None) -> MainWindow | None:
    """The window for a computer's learners: straight to their projects when there is one
    learner (a home), else "Who is drawing?". None when no films folder can be used."""
    from kadr.classroom.learners import needs_chooser
    from kadr.core.library import Library, LibraryError
    from kadr.i18n import tr
    from kadr.ui.main_window import MainWindow

    learners = place.store.learners()
    only = learners[0] if len(learners) == 1 and not needs_chooser(place.store) else None
    try:  # until someone is chosen, an empty folder: nobody's films show
        library = Library(only.films if only is not None else place.nobody())
    except (LibraryError, OSError):
        _tell(tr("Kadr cannot find a folder to keep films in. Ask a grown-up for help."),
              False)
        return None
    # one learner goes to their gallery, several to "Who is drawing?": made when needed
    window = MainWindow(settings, library, speech, place=place, gallery_later=True)
    window.put_back_left_copies()
    if only is None or not window.use_learner(only):
        window.show_chooser()
    return window


def example_in_library(root: Path) -> Path | None:
    """The bundled example film, copied into the library the first time (kept after);
    None when it cannot be (a read-only library: the gallery opens instead)."""
    source = EXAMPLES / "bouncing-ball.kadr"
    if not source.exists():
        return None
    target = root / "Example - bouncing ball.kadr"
    try:
        root.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(source, target)
    except OSError:
        return None
    return target


def _shown(folder: Path) -> str:
    """A folder's name short enough for a message (an odd setting may be pages long)."""
    text = str(folder)
    return text if len(text) <= 120 else "…" + text[-119:]


def _tell(message: str, quiet: bool) -> None:
    """A start-up problem: a message box (on the terminal too, for whoever started it)."""
    print(message, file=sys.stderr)
    if not quiet:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, "Kadr", message)


def open_library(chosen: str, quiet: bool = False):  # type: ignore[no-untyped-def]
    """The library in ``chosen`` (or $KADR_LIBRARY, or the usual folder). A folder Kadr
    cannot use (a file, a FIFO, a read-only disk, a name too long) is said in plain words
    and the usual folder is used instead; None when even that cannot be used."""
    from kadr.core.library import Library, LibraryError, default_root, standard_root
    from kadr.i18n import tr

    wanted = Path(chosen) if chosen else default_root()
    try:
        return Library(wanted)
    except (LibraryError, OSError, ValueError):
        pass
    fallback = standard_root()
    try:
        library = Library(fallback)
    except (LibraryError, OSError, ValueError):
        _tell(tr("Kadr cannot find a folder to keep films in. Ask a grown-up for help."), quiet)
        return None
    _tell(tr("Kadr cannot keep films in the folder {folder}. For now Kadr keeps them in "
             "{other}. Ask a grown-up for help.", folder=_shown(wanted), other=_shown(fallback)),
          quiet)
    return library


def clean_up_exports(library) -> None:  # type: ignore[no-untyped-def]
    """Half-written exports older than a day, left by a crash, in the places Kadr exports
    to: the library and the Kadr folder in Pictures (docs/reliability.md)."""
    from kadr.core.library import remove_stale_parts

    for folder in (library.root, shared_folder()):
        remove_stale_parts(folder)


def shared_folder() -> Path:
    """Pictures/Kadr, where shared films go (as ui/places.py says)."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return (Path(base) if base else Path.home() / "Pictures") / "Kadr"

"""Screenshots of Kadr's screens at the sizes children's computers have.

    .venv/bin/python docs/screenshots/make_screenshots.py [--all] [--out DIR]

Renders offscreen (no window manager): each screen is laid out at the window size a
maximised window gets on that screen (the screen less a 28 px title bar), then grabbed.
Without --all: the small set committed beside this script and shown in README.md. With
--all: every screen x size x UI size x language x theme into DIR (default
/tmp/kadr-screenshots).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREENS = ((1024, 600), (1366, 768), (1920, 1080))
TITLE_BAR = 28
SCALES = (1.0, 2.0)
LANGUAGES = ("en", "ru", "kk", "ko", "ja")
THEMES = ("standard", "calm", "contrast_dark", "contrast_light")


def shoot(screen: str, size: tuple[int, int], scale: float, language: str, theme_name: str,
          out: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    from kadr import i18n
    from kadr.core.store import load
    from kadr.settings import Settings
    from kadr.ui import canvas_words, theme

    app = QApplication.instance()
    i18n.set_language(language)
    theme.apply(app, theme_name, scale)  # type: ignore[arg-type]
    canvas_words.install()
    film = load(ROOT / "assets" / "examples" / "bouncing-ball.kadr")
    settings = Settings(language=language, ui_scale=scale, theme=theme_name,
                        level="all" if screen == "studio-all" else "simple")
    if screen.startswith("studio") or screen == "lesson":
        from kadr.ui.studio import Studio

        widget = Studio(film, settings)
        if screen == "lesson":
            from kadr.lessons import Progress, load_lessons

            lesson = load_lessons()[0][0]
            import tempfile

            widget.attach_lesson(lesson, Progress(Path(tempfile.mkdtemp(prefix="kadr-shot-"))))
    elif screen == "gallery":
        import tempfile

        from kadr.core.library import Library
        from kadr.ui.gallery import GalleryView

        library = Library(Path(tempfile.mkdtemp(prefix="kadr-shot-")))
        library.import_file(ROOT / "assets" / "examples" / "bouncing-ball.kadr")
        widget = GalleryView(library)
    elif screen == "settings":
        from kadr.ui.settings_dialog import SettingsDialog

        widget = SettingsDialog(settings, project=film)
    elif screen == "share":
        from kadr.ui.export_dialog import ExportDialog

        widget = ExportDialog(film, None)
    else:
        raise SystemExit(f"unknown screen {screen}")
    w, h = size
    if screen in ("settings", "share"):  # dialogs keep their own size, within the screen
        widget.setMaximumSize(w, h - TITLE_BAR)
    else:
        widget.resize(w, h - TITLE_BAR)
    widget.show()
    from PySide6.QtTest import QTest

    QTest.qWait(600)  # the strip's thumbnails are drawn in the background
    name = out / f"{screen}-{w}x{h}-{round(scale * 100)}-{language}-{theme_name}.png"
    widget.grab().save(str(name))
    widget.close()
    widget.deleteLater()
    app.processEvents()  # type: ignore[union-attr]
    return name


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--out", default="")
    parser.add_argument("--screens",
                        default="studio-simple,studio-all,lesson,gallery,settings,share")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from kadr import fonts

    QApplication(sys.argv[:1])
    fonts.install()
    screens = args.screens.split(",")
    if args.all:
        out = Path(args.out or "/tmp/kadr-screenshots")
        combos = itertools.product(screens, SCREENS, SCALES, LANGUAGES, THEMES)
    else:
        out = Path(args.out) if args.out else HERE
        combos = iter([("studio-simple", (1366, 768), 1.0, "en", "standard"),
                       ("studio-all", (1024, 600), 1.0, "en", "standard"),
                       ("lesson", (1024, 600), 1.0, "en", "standard"),
                       ("studio-simple", (1366, 768), 2.0, "en", "standard"),
                       ("studio-all", (1366, 768), 1.0, "ru", "contrast_dark"),
                       ("gallery", (1024, 600), 1.0, "en", "standard")])
    out.mkdir(parents=True, exist_ok=True)
    for screen, size, scale, language, theme_name in combos:
        print(shoot(screen, size, scale, language, theme_name, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

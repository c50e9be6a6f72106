"""Known places for a child's files: the Kadr folder in the user's Pictures folder.

Sharing saves there with the film's name and never over another file ("Ball 2.gif");
"Show me" opens the folder in the file manager and says in words where it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

from kadr.i18n import tr

KADR_FOLDER = "Kadr"  # a name, not a word: the same in every language


def pictures_folder() -> Path:
    """The user's Pictures folder (from the desktop's settings; ~/Pictures if none)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(base) if base else Path.home() / "Pictures"


def kadr_folder() -> Path:
    """Pictures/Kadr: where shared films go unless a teacher chose another folder."""
    return pictures_folder() / KADR_FOLDER


def make_folder(folder: Path) -> Path:
    """``folder``, made if missing (with its parents). Raises OSError if it cannot be."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_stem(folder: Path, stem: str, suffixes: Iterable[str]) -> str:
    """``stem``, or "stem 2", "stem 3"... so that none of ``stem + suffix`` exists in
    ``folder`` (compared case-blind, as on Windows and macOS; hidden half-written files
    of an export in progress count too)."""
    ends = [s.casefold() for s in suffixes]
    try:
        taken = {p.name.casefold() for p in folder.iterdir()}
    except OSError:
        taken = set()
    n = 1
    while True:
        name = stem if n == 1 else f"{stem} {n}"
        names = [(name.casefold() + end) for end in ends]
        if not any(x in taken for x in names) and not any(
                t.startswith(f".{x}.") for x in names for t in taken):
            return name
        n += 1


def where_words(folder: Path) -> str:
    """Where ``folder`` is, in words a child understands."""
    folder = Path(folder)
    pictures = pictures_folder()
    if _same(folder, pictures / KADR_FOLDER):
        return tr("in the Kadr folder, in your Pictures folder")
    if _same(folder, pictures):
        return tr("in your Pictures folder")
    return tr("in the folder {folder}", folder=str(folder))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def show_folder(folder: Path) -> bool:
    """Open ``folder`` in the file manager. False if the desktop could not."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

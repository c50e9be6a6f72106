"""Fonts for every script: Noto Sans (Latin, Cyrillic with all Kazakh letters) comes in as a
Python package; Hangul and Japanese fall back to Noto Sans CJK or the system's own fonts.
Atkinson Hyperlegible (a package too) is the "letters easy to tell apart" choice: it has
Latin only, so Cyrillic, Hangul and kana fall back to the usual families after it.

Qt's offscreen and some minimal platforms do not ask fontconfig, so the files are also
registered with Qt directly. Families are listed per script so nothing shows as a box.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

CJK_CANDIDATES = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
)
# Fallback order: our Latin/Cyrillic font, then Korean and Japanese fonts on each system.
FAMILIES = [
    "Noto Sans", "DejaVu Sans", "Noto Sans CJK KR", "Noto Sans CJK JP",
    "Malgun Gothic", "Yu Gothic UI", "Apple SD Gothic Neo", "Hiragino Sans",
]
EASY_FAMILY = "Atkinson Hyperlegible"  # I l 1, b d p q, 0 O drawn unlike each other


def font_files() -> list[Path]:
    files: list[Path] = []
    try:
        import fontpkg_noto_sans

        files += sorted((Path(fontpkg_noto_sans.ROOT) / "files").glob("*.ttf"))
    except ImportError:
        pass
    try:
        import fontpkg_atkinson_hyperlegible

        files += sorted((Path(fontpkg_atkinson_hyperlegible.ROOT) / "files").glob("*.ttf"))
    except ImportError:
        pass
    files += [p for p in CJK_CANDIDATES if p.exists()]
    return files


def install() -> list[str]:
    """Register our fonts with Qt (needs a QGuiApplication); returns the families found."""
    from PySide6.QtGui import QFontDatabase

    found: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            found += QFontDatabase.applicationFontFamilies(font_id)
    return found


def families(easy: bool = False) -> list[str]:
    """The families in fallback order; ``easy`` puts the easy-to-read Latin font first."""
    return [EASY_FAMILY, *FAMILIES] if easy else list(FAMILIES)


def apply_families(font: QFont, easy: bool = False) -> QFont:
    """``font`` with our per-script fallback list."""
    font.setFamilies(families(easy))
    return font

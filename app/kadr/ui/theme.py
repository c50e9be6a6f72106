"""Themes and UI size. One stylesheet, generated from a small set of colours and a scale,
so every control gets the same large targets and a thick, high-contrast focus ring.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from kadr.i18n import tr
from kadr.settings import Settings

SCALES = (1.0, 1.25, 1.5, 2.0)
FONT_FAMILIES = '"Noto Sans", "DejaVu Sans", "Noto Sans CJK KR", "Noto Sans CJK JP"'
EASY_FONT_FAMILIES = '"Atkinson Hyperlegible", ' + FONT_FAMILIES  # Latin only: falls back
BASE_FONT_PT = 12
# "Space between letters, words and lines", 0..3: 3 is near the British Dyslexia Association's
# advice (letters about a third of a letter apart, words 3.5 times that)
LETTER_SPACING_PERCENT = 4  # per step, of the usual spacing
WORD_SPACING_PX = 2.5  # per step, at 100 %
# lines of wrapped words (wrapping.WrappedLabel), per step: 150 % at step 2, as WCAG's
# text spacing asks (1.4.12); Qt's fonts have no line height, so the label's text does
LINE_HEIGHT_PERCENT = 25


@dataclass(frozen=True)
class Theme:
    window: str
    text: str
    button: str
    button_text: str
    border: str  # control borders: >= 3:1 against window, and the focus ring >= 3:1 against it
    focus: str  # focus ring: >= 3:1 against window and button
    highlight: str  # selection and checked tools
    highlight_text: str
    muted_text: str  # secondary text, still >= 4.5:1 (>= 7:1 in high contrast)
    warning: str
    warning_text: str


THEMES: dict[str, Theme] = {
    "standard": Theme("#f4f4f0", "#1a1a1a", "#ffffff", "#1a1a1a", "#8a8a8a", "#00307a",
                      "#0b5cad", "#ffffff", "#4a4a4a", "#fff1c2", "#3d2b00"),
    "calm": Theme("#eef1ec", "#22302a", "#f8faf6", "#22302a", "#7a8a80", "#4a2300",
                  "#3e6b56", "#ffffff", "#45544b", "#f6ead0", "#3d2b00"),
    "contrast_dark": Theme("#000000", "#ffffff", "#000000", "#ffffff", "#808080", "#ffff00",
                           "#ffff00", "#000000", "#e6e6e6", "#ffff00", "#000000"),
    "contrast_light": Theme("#ffffff", "#000000", "#ffffff", "#000000", "#000000", "#c00000",
                            "#000080", "#ffffff", "#1a1a1a", "#000000", "#ffffff"),
}
HIGH_CONTRAST = ("contrast_dark", "contrast_light")


def theme_names() -> dict[str, str]:
    return {
        "standard": tr("Standard"),
        "calm": tr("Calm colours"),
        "contrast_dark": tr("High contrast, dark"),
        "contrast_light": tr("High contrast, light"),
    }


def stylesheet(t: Theme, scale: float, families: str = FONT_FAMILIES) -> str:
    def px(v: float) -> str:
        return f"{round(v * scale)}px"

    return f"""
QWidget {{ background: {t.window}; color: {t.text}; font-size: {round(BASE_FONT_PT * scale)}pt;
  font-family: {families}; }}
QPushButton, QToolButton, QComboBox, QSpinBox, QLineEdit {{
  background: {t.button}; color: {t.button_text}; border: {px(2)} solid {t.border};
  border-radius: {px(8)}; padding: {px(6)} {px(10)};
  /* content box: with padding and border the whole control is at least 44 x 44 */
  min-height: {px(28)}; min-width: {px(20)};
}}
QToolButton {{ padding: {px(6)} {px(6)}; min-width: {px(28)}; }}
/* the studio's picture buttons are sized by studio_fit (never under 44 px) */
QToolButton[kadrPicture="true"] {{ min-width: 0px; min-height: 0px; padding: 1px; }}
QToolButton[kadrPicture="true"]:focus {{ padding: 0px; }}
QToolButton#play {{ border: {px(5)} solid {"#2e9e44" if t.window != "#000000" else t.text}; }}
QToolButton[lessonTarget="true"], QSlider[lessonTarget="true"] {{
  border: {px(5)} dashed {t.focus}; background: {t.warning}; }}
QToolButton#play:focus {{ border: {px(5)} solid {t.focus}; }}
QPushButton:checked, QToolButton:checked {{
  background: {t.highlight}; color: {t.highlight_text}; border: {px(2)} solid {t.text};
}}
QPushButton:disabled, QToolButton:disabled {{ color: {t.muted_text}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus, QComboBox:focus, QSpinBox:focus, QLineEdit:focus,
QListWidget:focus, QCheckBox:focus, QRadioButton:focus, QSlider:focus {{
  border: {px(4)} solid {t.focus}; outline: none;
}}
QPushButton:focus {{ padding: {px(4)} {px(8)}; }}
QToolButton:focus {{ padding: {px(4)} {px(4)}; }}
QCheckBox, QRadioButton {{ min-height: {px(44)}; spacing: {px(10)}; }}
QComboBox QAbstractItemView::item {{ min-height: {px(44)}; padding: 0 {px(8)}; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {px(28)}; height: {px(28)}; }}
/* an unticked box shows in every theme (Fusion drew its edge darker than a black
   window: invisible), a ticked one is filled and carries a tick, not colour alone */
QCheckBox::indicator {{ border: {px(3)} solid {t.text}; border-radius: {px(4)};
  background: {t.button}; }}
QCheckBox::indicator:checked {{ background: {t.highlight}; image: url({tick_file(t)}); }}
/* the tick boxes in lists (teacher mode's lessons, tools, locks): as big and as clear */
QListView::indicator {{ width: {px(28)}; height: {px(28)}; border: {px(3)} solid {t.text};
  border-radius: {px(4)}; background: {t.button}; }}
QListView::indicator:checked {{ background: {t.highlight}; image: url({tick_file(t)}); }}
QRadioButton::indicator {{ border: {px(3)} solid {t.text}; border-radius: {px(14)};
  background: {t.button}; }}
QRadioButton::indicator:checked {{ background: {t.highlight};
  border: {px(8)} solid {t.text}; }}
QListWidget {{ background: {t.button}; border: {px(2)} solid {t.border}; }}
QListWidget::item {{ border: {px(3)} solid transparent; padding: {px(4)}; }}
QListWidget::item:selected {{ background: {t.highlight}; color: {t.highlight_text};
  border: {px(3)} solid {t.text}; }}
QSlider {{ min-height: {px(44)}; }}
QSlider::groove:horizontal {{ height: {px(10)}; background: {t.border}; border-radius: {px(5)}; }}
QSlider::handle:horizontal {{ width: {px(30)}; margin: -{px(12)} 0; border-radius: {px(15)};
  background: {t.highlight}; border: {px(2)} solid {t.text}; }}
QLabel#caption {{ background: {t.button}; border: {px(2)} solid {t.border}; padding: {px(6)}; }}
QLabel#saveWarning {{ background: {t.warning}; color: {t.warning_text}; padding: {px(6)};
  font-weight: bold; }}
QToolTip {{ background: {t.button}; color: {t.button_text}; border: 1px solid {t.border}; }}
/* scroll bars a shaky hand can hold (Fusion's were ~12 px, and their handle hardly showed
   in high contrast): wide, a handle at least 44 px long that stands out from its groove,
   no arrow buttons (tiny targets: a click on the groove pages, and wheel and keys scroll) */
QScrollBar:vertical {{ width: {px(24)}; }}
QScrollBar:horizontal {{ height: {px(24)}; }}
QScrollBar {{ background: {t.button}; border: 1px solid {t.border}; margin: 0; }}
QScrollBar::handle {{ background: {t.muted_text}; border: {px(2)} solid {t.text};
  border-radius: {px(6)}; margin: {px(3)}; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {t.text}; }}
QScrollBar::handle:vertical {{ min-height: {px(44)}; }}
QScrollBar::handle:horizontal {{ min-width: {px(44)}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0px; height: 0px; border: none;
  background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
/* (the picture strip keeps a thin one: timeline.STRIP_BAR, its own style sheet) */
"""


def tick_file(t: Theme) -> str:
    """A tick in the theme's highlighted-text colour, as a file a style sheet can name."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.gettempdir()) / "kadr-ui"
    colour = t.highlight_text
    path = folder / f"tick-{colour.lstrip('#')}.svg"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                        f'<path d="M5 12.5 L10 17.5 L19 7" fill="none" stroke="{colour}" '
                        'stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>'
                        "</svg>", encoding="utf-8")
    return path.as_posix()


def palette(t: Theme) -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, t.window), (roles.WindowText, t.text), (roles.Base, t.button),
        (roles.AlternateBase, t.window), (roles.Text, t.text), (roles.Button, t.button),
        (roles.ButtonText, t.button_text), (roles.Highlight, t.highlight),
        (roles.HighlightedText, t.highlight_text), (roles.ToolTipBase, t.button),
        (roles.ToolTipText, t.button_text), (roles.PlaceholderText, t.muted_text),
    ):
        p.setColor(role, QColor(value))
    return p


def apply(app: QApplication, name: str, scale: float, font_family: str = "",
          easy_font: bool = False, spacing: int = 0) -> Theme:
    """Apply theme ``name`` at UI size ``scale`` to the whole application; ``easy_font``
    and ``spacing`` (0..3) for readers who need letters easy to tell apart and room."""
    from kadr.ui import steady

    t = THEMES.get(name, THEMES["standard"])
    app.setPalette(palette(t))
    font = QFont(app.font())
    if font_family:
        font.setFamily(font_family)
    else:
        from kadr.fonts import apply_families

        apply_families(font, easy_font)
    font.setPointSizeF(BASE_FONT_PT * scale)
    # every widget's font comes from this one (the style sheet sets family and size only)
    spacing = max(0, min(3, spacing))
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing,
                          100 + LETTER_SPACING_PERCENT * spacing)
    font.setWordSpacing(WORD_SPACING_PX * spacing * scale)
    app.setProperty("kadr_scale", scale)
    app.setProperty("kadr_theme", name)
    app.setProperty("kadr_spacing", spacing)  # before the font: its change shows the lines
    app.setFont(font)
    app.setStyleSheet(stylesheet(t, scale, EASY_FONT_FAMILIES if easy_font else FONT_FAMILIES))
    steady.install(app, scale)
    return t


def apply_settings(app: QApplication, settings: Settings) -> Theme:
    """Everything the settings say about looks: theme, UI size, font, spacing, motion."""
    from kadr.ui import motion

    motion.set_choice(motion.from_setting(settings.reduced_motion))
    return apply(app, settings.theme or "standard", settings.ui_scale,
                 easy_font=settings.easy_font, spacing=settings.text_spacing)


def preferred_theme(app: QApplication) -> str:
    """High contrast when the OS asks for it (Qt 6.10+), else standard."""
    hints = app.styleHints()  # keep a reference: chaining .accessibility() crashed
    getter = getattr(hints, "accessibility", None)
    if getter is None:
        return "standard"
    acc = getter()
    pref = getattr(acc, "contrastPreference", None)
    if pref is not None:
        from PySide6.QtCore import Qt

        if pref() == Qt.ContrastPreference.HighContrast:
            return "contrast_dark"
    return "standard"

"""Draw Kadr's pictograms into one contact sheet: every picture at 64 px and 32 px on a
button of each theme, with its checked and disabled looks at 32 px.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_icon_sheet.py
    ... make_icon_sheet.py --out /tmp/sheet.png --theme contrast_dark --zoom 2

Look at the sheet after drawing or changing a pictogram (app/kadr/assets/icons/README.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "app"))

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kadr.ui import icons, theme  # noqa: E402

CELL_W, CELL_H, COLUMNS, TITLE = 170, 112, 7, 34


def tile(p: QPainter, x: int, y: int, side: int, t: theme.Theme, state: str, name: str,
         theme_name: str, px: int) -> None:
    back = t.highlight if state == "checked" else t.button
    p.setPen(QPen(QColor(t.border), 2, Qt.PenStyle.DashLine if state == "disabled"
                  else Qt.PenStyle.SolidLine))
    p.setBrush(QColor(back))
    p.drawRoundedRect(x, y, side, side, 6, 6)
    off = (side - px) // 2
    p.drawImage(x + off, y + off, icons.image(name, px, theme=theme_name, state=state))


def block(theme_name: str) -> QImage:
    t = theme.THEMES[theme_name]
    names = icons.names()
    rows = -(-len(names) // COLUMNS)
    out = QImage(COLUMNS * CELL_W, TITLE + rows * CELL_H, QImage.Format.Format_ARGB32)
    out.fill(QColor(t.window))
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(18)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor(t.text))
    p.drawText(QRect(8, 0, out.width(), TITLE), Qt.AlignmentFlag.AlignVCenter,
               f"{theme_name}: 64 px, 32 px; 32 px checked and disabled")
    font.setPixelSize(13)
    font.setBold(False)
    p.setFont(font)
    for i, name in enumerate(names):
        x, y = (i % COLUMNS) * CELL_W + 6, TITLE + (i // COLUMNS) * CELL_H + 4
        tile(p, x, y, 76, t, "normal", name, theme_name, 64)
        tile(p, x + 82, y, 40, t, "normal", name, theme_name, 32)
        tile(p, x + 82, y + 44, 40, t, "checked", name, theme_name, 32)
        tile(p, x + 126, y + 44, 40, t, "disabled", name, theme_name, 32)
        p.setPen(QColor(t.text))
        p.drawText(QRect(x, y + 80, CELL_W - 8, 22), Qt.AlignmentFlag.AlignLeft, name)
    p.end()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(Path(__file__).with_name("icons.png")))
    parser.add_argument("--theme", action="append", choices=sorted(theme.THEMES),
                        help="only these themes (default: all)")
    parser.add_argument("--zoom", type=float, default=1.0, help="enlarge the sheet to look closer")
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    blocks = [block(n) for n in (args.theme or list(theme.THEMES))]
    across = 2 if len(blocks) > 1 else 1
    w, h = blocks[0].width(), blocks[0].height()
    sheet = QImage(across * w, -(-len(blocks) // across) * h, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#808080"))
    p = QPainter(sheet)
    for i, b in enumerate(blocks):
        p.drawImage((i % across) * w, (i // across) * h, b)
    p.end()
    if args.zoom != 1.0:
        sheet = sheet.scaled(round(sheet.width() * args.zoom), round(sheet.height() * args.zoom),
                             Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
    sheet.save(args.out)
    try:  # a third of the size in 256 colours, which the sheet does not exceed by much
        from PIL import Image

        with Image.open(args.out) as img:
            small = img.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT,
                                                dither=Image.Dither.NONE)
        small.save(args.out, optimize=True)
    except ImportError:
        pass
    print(args.out, sheet.width(), "x", sheet.height())


if __name__ == "__main__":
    main()

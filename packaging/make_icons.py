"""Kadr's application icons from app/kadr/assets/kadr.svg, for every OS, at build time:
hicolor PNGs (Linux), kadr.ico (Windows: 16-256 px), kadr.icns (macOS: 16-1024 px).
Qt draws the SVG (the same renderer as the studio's icons); Pillow writes .ico and .icns,
so no other tool is needed on any build machine.

    python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "app" / "kadr" / "assets" / "kadr.svg"
HICOLOR = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO = (16, 24, 32, 48, 64, 128, 256)
ICNS = (16, 32, 64, 128, 256, 512, 1024)


def render(sizes: set[int]) -> dict[int, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    images = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        import io

        images[size] = Image.open(io.BytesIO(bytes(data))).convert("RGBA")
    return images


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    images = render(set(HICOLOR) | set(ICO) | set(ICNS))
    for size in HICOLOR:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        images[size].save(folder / "kadr.png")
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / "kadr.svg").write_bytes(SVG.read_bytes())
    biggest = images[max(ICO)]
    biggest.save(out / "kadr.ico", sizes=[(s, s) for s in ICO],
                 append_images=[images[s] for s in ICO if s != max(ICO)])
    images[1024].save(out / "kadr.icns", append_images=[images[s] for s in ICNS if s != 1024])
    images[256].save(out / "kadr.png")
    print(f"icons written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons")

"""Make the bundled example film (assets/examples/bouncing-ball.kadr) through the core.

Run: .venv/bin/python assets/examples/make_examples.py  (deterministic; commit the result)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "app"))

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication  # noqa: E402

from kadr.core.fill import fill  # noqa: E402
from kadr.core.paint import shape_on  # noqa: E402
from kadr.core.project import blank_project  # noqa: E402
from kadr.core.store import save_copy  # noqa: E402

# ball height over time (y of the centre) and squash at the ground: classic bounce spacing
BOUNCE = [(160, 1.0), (230, 1.0), (370, 1.0), (560, 0.7), (370, 1.0), (230, 1.0)]


def bouncing_ball():
    p = blank_project(1280, 720, "Bouncing ball")
    for i, (y, squash) in enumerate(BOUNCE):
        if i:
            p.add_frame(i - 1)
        image = p.image(i, "drawing")
        x = 300 + i * 120
        w, h = 120 / squash, 120 * squash
        shape_on(image, "line", QPointF(80, 640), QPointF(1200, 640), QColor("#8b4513"), 8)
        shape_on(image, "ellipse", QPointF(x - w / 2, y - h / 2 + 60), QPointF(x + w / 2, y + h / 2 + 60),
                 QColor("#000000"), 6)
        fill(image, int(x), int(y + 60), QColor("#e6194b"))
        p.commit_pixels(i, "drawing", image, image.rect(), "example")
    p.set_hold(0, 2)
    p.set_fps(8)
    return p


if __name__ == "__main__":
    app = QGuiApplication([])
    save_copy(bouncing_ball(), HERE / "bouncing-ball.kadr")
    print("wrote", HERE / "bouncing-ball.kadr")

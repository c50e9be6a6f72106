"""Export tests: headless Qt, the package on the path, and a QApplication for painting."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
APP = Path(__file__).resolve().parents[2] / "app"
if str(APP) not in sys.path:
    sys.path.insert(0, str(APP))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Every export test paints with Qt, which needs the application object."""
    yield qapp

"""The a11y bus tests share one private accessibility session (see bus.py)."""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from bus import a11y_session  # noqa: E402, F401 - a session fixture for this folder

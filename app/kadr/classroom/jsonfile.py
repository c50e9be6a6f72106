"""Small JSON files written atomically and read without ever raising.

Profiles, locks and the teacher's PIN are small JSON files. Each is written under a
temporary name and renamed (a crash leaves the old file or the new one, never half of
one); reading gives None for anything missing, too big, not JSON or not an object.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

MAX_BYTES = 1 << 20  # a profile is a few hundred bytes


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None."""
    try:
        if not path.is_file():  # a FIFO would wait for ever
            return None
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return None
        value = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def write_json(path: Path, value: dict[str, Any]) -> None:
    """Write ``value`` to ``path`` atomically; raises OSError when the disk refuses."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

"""Exports (GIF, MP4, PNG frames, sprite sheet, Pencil2D) and the flashing check.

The UI calls ``start_export(project, path, options, ...) -> ExportJob`` and
``check_project(project, fps) -> FlashResult``; ``import_pclx(path)`` opens Pencil2D files.
Each name is loaded when first used: ``kadr export`` on the command line loads only what
its film needs (no Qt for a film on plain paper).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kadr.export.errors import ExportCancelled, ExportError
    from kadr.export.flash import FlashResult, check_frames, check_project
    from kadr.export.options import ExportOptions, format_for
    from kadr.export.pclx import PclxImport, import_pclx
    from kadr.export.runner import ExportJob, run_export, start_export

_WHERE = {
    "ExportCancelled": "errors", "ExportError": "errors", "FlashResult": "flash",
    "check_frames": "flash", "check_project": "flash", "ExportOptions": "options",
    "format_for": "options", "PclxImport": "pclx", "import_pclx": "pclx",
    "ExportJob": "runner", "run_export": "runner", "start_export": "runner",
}

__all__ = [
    "ExportCancelled", "ExportError", "ExportJob", "ExportOptions", "FlashResult",
    "PclxImport", "check_frames", "check_project", "format_for", "import_pclx", "run_export",
    "start_export",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kadr.export' has no attribute {name!r}")
    value = getattr(import_module(f"kadr.export.{module}"), name)
    globals()[name] = value  # looked up once
    return value

"""Exports (GIF, MP4, PNG frames, sprite sheet, Pencil2D) and the flashing check.

The UI calls ``start_export(project, path, options, ...) -> ExportJob`` and
``check_project(project, fps) -> FlashResult``; ``import_pclx(path)`` opens Pencil2D files.
"""

from kadr.export.errors import ExportCancelled, ExportError
from kadr.export.flash import FlashResult, check_frames, check_project
from kadr.export.options import ExportOptions, format_for
from kadr.export.pclx import PclxImport, import_pclx
from kadr.export.runner import ExportJob, run_export, start_export

__all__ = [
    "ExportCancelled", "ExportError", "ExportJob", "ExportOptions", "FlashResult",
    "PclxImport", "check_frames", "check_project", "format_for", "import_pclx", "run_export",
    "start_export",
]

"""Running an export now, on this thread, never leaving half a file (no Qt: the command
line uses this alone; runner.py runs it off the UI thread).

Everything is written under a temporary hidden name in the destination folder (same
disk, so the final rename is atomic) and renamed only when complete. Cancel or any
failure removes the temporary files: the result is complete or absent.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kadr.export import errors
from kadr.export.frames import Film, as_film
from kadr.export.options import ExportOptions, Steps, format_for

if TYPE_CHECKING:
    from kadr.core.project import Project

SUFFIX = {"gif": ".gif", "mp4": ".mp4", "png": ".png", "sheet": ".png", "pclx": ".pclx"}


class Staging:
    """Temporary names beside the final ones; commit() renames, abort() deletes."""

    def __init__(self) -> None:
        self.token = uuid.uuid4().hex[:8]
        self.items: list[tuple[Path, Path]] = []  # (temporary, final), main output last

    def file(self, final: Path) -> Path:
        temp = final.with_name(f".{final.name}.{self.token}.part")
        self.items.append((temp, final))
        return temp

    def folder(self, final: Path) -> Path:
        temp = self.file(final)
        temp.mkdir()
        return temp

    def commit(self) -> None:
        done: list[Path] = []
        try:
            for temp, final in self.items:
                if temp.is_dir() and final.is_dir():  # a folder cannot replace a folder
                    old = final.with_name(f".{final.name}.{self.token}.old")
                    final.rename(old)
                    temp.rename(final)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(temp, final)
                done.append(final)
        except OSError:
            for final in done:  # all or nothing
                _remove(final)
            raise

    def abort(self) -> None:
        for temp, _final in self.items:
            _remove(temp)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def destination(path: Path, fmt: str) -> Path:
    """The main output for ``path``: the right extension, or the folder for PNG frames."""
    path = Path(path)
    if fmt == "sheet" and path.suffix.lower() == ".json":
        path = path.with_suffix("")
    if path.suffix.lower() != SUFFIX[fmt]:
        path = path.with_name(path.name + SUFFIX[fmt])
    return path.with_suffix("") if fmt == "png" else path


def run_export(project: Project | Film, path: Path, options: ExportOptions,
               steps: Steps | None = None) -> Path:
    """Export now, on this thread. Returns the final path; raises ExportError/Cancelled.

    Given a Project this must be the UI thread (its paper is drawn with Qt first); given
    a Film (frames.prepare) any thread: exporters make no Qt call."""
    options = replace(options.checked(), format=options.format or format_for(path) or "gif")
    film = as_film(project, options.fps)  # a copy: never changes the learner's project
    steps = steps or Steps()
    final = destination(path, options.format)
    if not final.parent.is_dir():
        raise errors.no_folder()
    stage = Staging()
    try:
        fmt = options.format
        if options.description.strip():
            txt = final.with_name((final.name if fmt == "png" else final.stem) + ".txt")
            stage.file(txt).write_text(options.description.strip() + "\n", encoding="utf-8")
        # each exporter is loaded when first used (the command line starts quicker)
        if fmt == "png":
            from kadr.export.images import export_png_sequence

            export_png_sequence(film, stage.folder(final), options, steps, final.name)
        elif fmt == "sheet":
            from kadr.export.images import export_sheet

            json_temp = stage.file(final.with_suffix(".json"))
            export_sheet(film, stage.file(final), json_temp, options, steps, final.name)
        elif fmt == "gif":
            from kadr.export.gif import export_gif

            export_gif(film, stage.file(final), options, steps)
        elif fmt == "mp4":
            from kadr.export.mp4 import export_mp4

            export_mp4(film, stage.file(final), options, steps)
        else:
            from kadr.export.pclx import export_pclx

            export_pclx(film, stage.file(final), options, steps)
        steps.check()
        stage.commit()
    except OSError as error:
        stage.abort()
        raise errors.explain_os_error(error) from None
    except BaseException:
        stage.abort()
        raise
    return final



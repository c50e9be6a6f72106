"""kadr export PROJECT.kadr [MORE.kadr ...] OUT: export without opening the studio.

OUT is a file when one project is given; its extension picks the format:
  .gif  animated GIF          .mp4  H.264 video          .pclx  Pencil2D project
  .png  PNG frames: walk.png -> folder walk/ with walk_0001.png ... (one per film frame)
  .json (or .png with --sheet)  sprite sheet: walk.png + walk.json
OUT is a folder (created if missing) when several projects are given, or when it is an
existing folder or has no extension: one file per project, named after the project,
in --format (default gif). Projects may also be Pencil2D .pclx files.
Each project is checked for dangerous flashing while it exports (a warning, not an
error); a film the studio has already checked, unchanged since, is not checked again.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kadr.export.options import FORMATS, ExportOptions, Steps, format_for
from kadr.i18n import tr

if TYPE_CHECKING:
    import numpy as np

    from kadr.core.project import Project
    from kadr.export.flash import FlashResult
    from kadr.export.frames import Film

# what a film read without Qt can be exported to: opaque pictures (see-through pixels
# need Qt's own unpremultiply table, and a .pclx keeps the paper as a picture)
PLAIN_FORMATS = ("gif", "mp4", "png", "sheet")

_app = None


def ensure_app() -> None:
    """Qt painting needs a QGuiApplication; the offscreen platform needs no display."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["kadr", "-platform", "offscreen"])


def parse_scale(text: str) -> float:
    value = float(text.rstrip("%"))
    value = value / 100 if value > 2 else value
    if value not in (0.5, 1.0, 2.0):
        raise argparse.ArgumentTypeError("use 50, 100 or 200")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kadr export", description=__doc__,
                                usage="kadr export PROJECT [PROJECT ...] OUT [options]",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="projects, then where to save")
    p.add_argument("--format", choices=FORMATS, help="format for a folder OUT (default gif)")
    p.add_argument("--sheet", action="store_true", help="a .png OUT is a sprite sheet")
    p.add_argument("--scale", type=parse_scale, default=1.0, help="50, 100 or 200 (%%)")
    p.add_argument("--loop", type=int, default=0, help="GIF plays N times; 0 = for ever")
    p.add_argument("--repeat", type=int, default=1, help="MP4 repeats the film N times")
    p.add_argument("--transparent", action="store_true", help="no paper (GIF, PNG)")
    p.add_argument("--dither", action="store_true", help="GIF dithering")
    p.add_argument("--fps", type=int, help="speed in pictures a second")
    p.add_argument("--description", default="", help="text: .txt beside, MP4 subtitles")
    p.add_argument("--no-flash-check", action="store_true", help="skip the flashing check")
    return p


def _plan(inputs: list[Path], out: Path, args: argparse.Namespace) -> list[tuple[Path, Path, str]]:
    """(project, output path, format) for each project; raises ValueError in plain words."""
    single_file = len(inputs) == 1 and out.suffix and not out.is_dir()
    if single_file:
        fmt = args.format or format_for(out)
        if fmt is None:
            raise ValueError(tr("Kadr cannot tell the format from '{name}'. "
                                "Use .gif, .mp4, .png, .json or .pclx.", name=out.name))
        if args.sheet and fmt == "png":
            fmt = "sheet"
        return [(inputs[0], out, fmt)]
    fmt = args.format or ("sheet" if args.sheet else "gif")
    out.mkdir(exist_ok=True)
    ext = {"sheet": ".png"}.get(fmt, "." + fmt)
    plan, used = [], set()
    for src in inputs:
        name, n = src.stem, 1
        while name in used:  # two projects with the same name from different folders
            n += 1
            name = f"{src.stem}-{n}"
        used.add(name)
        plan.append((src, out / (name + ext), fmt))
    return plan


def _load(path: Path, fmt: str, args: argparse.Namespace) -> Project | Film:
    """The film to export: plain data read without Qt when nothing in it needs Qt to be
    drawn (plain paper, an opaque format), else a Project (Qt is started for it)."""
    notes: list[str] = []
    film: Project | Film | None = None
    if path.suffix.lower() != ".pclx" and fmt in PLAIN_FORMATS and not args.transparent:
        from kadr.export.film_file import read_film

        read = read_film(path, args.fps)
        if read is not None:
            film, notes = read
    if film is None:
        ensure_app()
        from kadr.core import film_values, store

        if path.suffix.lower() == ".pclx":
            from kadr.export.pclx import import_pclx

            result = import_pclx(path)
            film, notes = result.project, result.notes
        else:
            film = store.load(path)
            # parts that could not be read were left out; that the film is read-only
            # does not matter to an export
            notes = [n for n in store.load_notes(film) if n != film_values.read_only()]
    for note in notes:
        print(f"  {path.name}: {note}")
    return film


class _FlashCheck:
    """The flashing check of one film, made from the pictures its export draws anyway
    (``seen``, handed to the exporter through Steps): drawing the film a second time to
    check it was half of a short export's work. Pictures an export never drew on paper
    (see-through, .pclx) are drawn small here afterwards."""

    def __init__(self, film: Project | Film, fps: int | None, path: Path) -> None:
        from kadr.export import flash
        from kadr.export.frames import Film

        if isinstance(film, Film):
            self.pictures, self.under = flash.export_film_pictures(film)
        else:
            self.pictures, self.under = flash.film_pictures(film), flash.grid_underlay(film)
        self.fps = fps
        self.grid = flash.grid_size(self.pictures.width, self.pictures.height)
        self.grids: dict[int, np.ndarray] = {}
        kept = flash.read_stamp(path) if path.suffix.lower() != ".pclx" else None
        # the studio already checked exactly this film: no need to check again
        self.stamped = flash.stamped_result(kept, self.pictures, self.under, fps)
        self._counting: threading.Thread | None = None
        self._counted: FlashResult | None = None
        self._failed: BaseException | None = None

    def seen(self, index: int, bgra: np.ndarray) -> None:
        from kadr.export.flash import colour_grid

        if self.stamped is None and index not in self.grids:
            self.grids[index] = colour_grid(bgra, self.grid, bgra=True)
            if len(self.grids) == len(self.pictures.layers):
                # every picture seen: count the flashes while the export writes its
                # last pictures and ffmpeg finishes (the main thread mostly waits then)
                self._counting = threading.Thread(target=self._count, daemon=True,
                                                  name="kadr-flash-count")
                self._counting.start()

    def _count(self) -> None:
        try:
            self._counted = self._check()
        except BaseException as error:  # noqa: BLE001 - handed to result()
            self._failed = error

    def _check(self) -> FlashResult:
        from kadr.export import flash

        p = self.pictures
        grids = [self.grids.get(i) for i in range(len(p.layers))]
        drawn = [g if g is not None else flash.picture_grid(p, self.under, i)
                 for i, g in enumerate(grids)]
        return flash.check_grids(drawn, p.holds, self.fps or p.fps, loop=p.loop)

    def result(self) -> FlashResult:
        if self.stamped is not None:
            return self.stamped
        if self._counting is None:
            return self._check()
        self._counting.join()
        if self._failed is not None:
            raise self._failed
        assert self._counted is not None
        return self._counted


def export_main(argv: list[str]) -> int:
    """Run ``kadr export``; returns the process exit code (0 ok, 1 failed, 2 usage)."""
    argv = list(argv)
    if argv[:1] == ["export"]:  # accept the verb too, whoever calls us
        argv = argv[1:]
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    if len(args.paths) < 2:
        print("kadr export: " + tr("Give at least one project and where to save it."),
              file=sys.stderr)
        return 2
    from kadr.core.store import ProjectFileError
    from kadr.export.errors import ExportError
    from kadr.export.staged import run_export

    inputs, out = [Path(p) for p in args.paths[:-1]], Path(args.paths[-1])
    try:
        plan = _plan(inputs, out, args)
    except (ValueError, OSError) as error:
        print(f"kadr export: {error}", file=sys.stderr)
        return 2
    failures = 0
    for k, (src, dest, fmt) in enumerate(plan, 1):
        options = ExportOptions(format=fmt, scale=args.scale, loop=args.loop,
                                repeat=args.repeat, transparent=args.transparent,
                                dither=args.dither, description=args.description,
                                fps=args.fps)
        start = time.perf_counter()
        try:
            film = _load(src, fmt, args)
            check = None if args.no_flash_check else _FlashCheck(film, args.fps, src)
            final = run_export(film, dest, options,
                               Steps(seen=check.seen if check is not None else None))
        except (ProjectFileError, ExportError) as error:
            failures += 1
            print(f"[{k}/{len(plan)}] {src.name}: " + tr("not exported: {why}", why=error),
                  file=sys.stderr)
            continue
        result = check.result() if check is not None else None
        took = time.perf_counter() - start
        print(f"[{k}/{len(plan)}] {src.name} -> {final} ({took:.1f} s)", flush=True)
        if getattr(film, "left_out", None):  # damaged tiles found while drawing
            from kadr.core.film_values import damaged_part

            print(f"  {src.name}: {damaged_part()}")
        if result is not None and not result.safe:
            print("  " + tr("Warning: {what}", what=result.message()), flush=True)
    return 1 if failures else 0

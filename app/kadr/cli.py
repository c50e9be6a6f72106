"""Command-line verbs: open the studio (default), --version, --self-check, export, lessons."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

USAGE = """usage:
  kadr [FILM.kadr] [--example] [--library DIR] [--exit-when-ready]   open the studio
  kadr export FILM.kadr [MORE.kadr ...] OUT [options]                 make GIF/MP4/PNG/.pclx
  kadr lessons check [PATH]                                            check lesson folders
  kadr --self-check                                                    check this computer
  kadr --version"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--speech-worker"]:  # frozen builds have no `python -m`
        from kadr.speech.worker import main as worker_main

        return int(worker_main(args[1:]) or 0)
    from kadr import __version__, i18n
    from kadr.settings import load_settings

    i18n.set_language(load_settings().language or "en")
    if args[:1] == ["--version"]:
        print(f"Kadr {__version__}")
        return 0
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if args[:1] == ["--self-check"]:
        from kadr.selfcheck import run

        return run()
    if args[:1] == ["export"]:
        # numpy's BLAS starts a thread per core at import; an export does no linear
        # algebra worth it, and ffmpeg wants those cores
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from kadr.export.cli_export import export_main

        code = _piped(lambda: export_main(args[1:]))
        if argv is None:  # this process's own command line, not a caller's
            _exit_now(code)
        return code
    if args[:1] == ["lessons"]:
        if args[1:2] != ["check"]:
            print(USAGE)
            return 2
        from kadr.lessons.cli import lessons_main

        return _piped(lambda: lessons_main(args[2:]))
    from kadr.ui.app import run_studio

    return run_studio(args)


def _exit_now(code: int) -> NoReturn:
    """End a finished export without tearing the interpreter down: freeing numpy and the
    other modules one by one takes ~20 ms, a fifteenth of a short film's export. Every
    file it wrote is closed and renamed by now; what was registered to run at exit (the
    log's flush among them) still runs, then the output streams are flushed."""
    import atexit

    atexit._run_exitfuncs()  # CPython's own exit runs these the same way
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # a windowed program may have none
                stream.flush()
        except (OSError, ValueError):
            pass  # nobody reads it any more
    os._exit(code)


def _piped(verb: Callable[[], int]) -> int:
    """Run a printing verb; a reader that stops early (``| head``) is not an error."""
    try:
        code = verb()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Python would complain again while closing stdout: point it at nothing first
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

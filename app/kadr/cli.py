"""Command-line verbs: open the studio (default), --version, --self-check, export, lessons."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from kadr import __version__

    if args[:1] == ["--version"]:
        print(f"Kadr {__version__}")
        return 0
    from kadr.ui.app import run_studio

    return run_studio(args)

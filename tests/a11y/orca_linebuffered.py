#!/usr/bin/python3
"""Run Orca (Debian's /usr/bin/orca, on the system Python) with its debug log written line
by line, so a test can wait for what Orca says while the session goes on.

Orca opens ``--debug-file=FILE`` with Python's default block buffering: lines reach the
file in blocks of 8 KB or when Orca ends. Here ``open`` gives that one file line buffering;
everything else about Orca is unchanged.

    orca_linebuffered.py --debug --debug-file=FILE -u PREFS_DIR
"""

import builtins
import runpy
import sys

ORCA = "/usr/bin/orca"
LOG = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--debug-file=")), None)
_open = builtins.open


def _line_buffered(file, mode="r", *args, **kwargs):
    if LOG is not None and str(file) == LOG and "w" in mode and not args:
        kwargs.setdefault("buffering", 1)
    return _open(file, mode, *args, **kwargs)


builtins.open = _line_buffered
sys.argv[0] = ORCA
# this folder holds no Orca: its modules must not stand in for Orca's own
sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
runpy.run_path(ORCA, run_name="__main__")

"""Kadr's log file: errors and uncaught exceptions from every thread, in the config folder.

A child never sees it; a teacher copies it from Help ("Copy the log") to send to whoever
looks after Kadr. It rotates (a few small files), so it never fills a school laptop, and a
folder Kadr cannot write to only means no log: logging never stops the studio.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from kadr.settings import config_dir

LOG_NAME = "kadr.log"
MAX_BYTES = 512 * 1024
BACKUPS = 2  # kadr.log, kadr.log.1, kadr.log.2: at most 1.5 MB
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

logger = logging.getLogger("kadr")
_handler: RotatingFileHandler | None = None
_hooked = False


def log_path() -> Path:
    return config_dir() / LOG_NAME


def install() -> Path | None:
    """Start the log file and record uncaught exceptions from every thread (also those
    raised in Qt slots: PySide reports them through sys.excepthook). Returns the file, or
    None when the config folder cannot be written. Calling it again changes nothing."""
    global _handler
    if _handler is None:
        path = log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                           encoding="utf-8")
        except OSError:
            return None
        _handler.setFormatter(logging.Formatter(FORMAT))
        _handler.setLevel(logging.INFO)
        logger.addHandler(_handler)
        logger.setLevel(logging.INFO)
        _hook_uncaught()
    return Path(_handler.baseFilename)


def uninstall() -> None:
    """Stop writing the log (tests; the hooks stay, logging to nowhere)."""
    global _handler
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None


def _hook_uncaught() -> None:
    global _hooked
    if _hooked:  # once: chaining the hooks again would log everything twice
        return
    _hooked = True
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def on_uncaught(kind: type[BaseException], error: BaseException,
                    trace: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logger.critical("Uncaught exception", exc_info=(kind, error, trace))
        previous_hook(kind, error, trace)

    def on_thread_uncaught(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            logger.critical("Uncaught exception in thread %s", name,
                            exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread_hook(args)

    sys.excepthook = on_uncaught
    threading.excepthook = on_thread_uncaught


def read_log(limit: int = 200_000) -> str:
    """The most recent ``limit`` characters of the log, oldest first (for "Copy the log")."""
    base = Path(_handler.baseFilename) if _handler is not None else log_path()
    parts = [base.with_name(f"{LOG_NAME}.{n}") for n in range(BACKUPS, 0, -1)] + [base]
    if _handler is not None:
        _handler.flush()
    text = ""
    for part in parts:
        try:
            text += part.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return text[-limit:]

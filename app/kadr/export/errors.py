"""Plain-language export problems.

Peers show a wall of ffmpeg text when a video fails; learners and teachers need one calm
sentence saying what happened and what to do. Technical details go to the debug log only.
"""

from __future__ import annotations

import errno
import logging

from kadr.i18n import tr

log = logging.getLogger("kadr.export")


class ExportError(Exception):
    """An export that could not be finished; ``str(error)`` is for the learner or teacher."""


class ExportCancelled(Exception):
    """The learner pressed Cancel."""


def disk_full() -> ExportError:
    return ExportError(tr("The disk is full, so the film was not saved. "
                          "Ask a grown-up to free some space, or choose another place."))


def not_writable() -> ExportError:
    return ExportError(tr("Kadr cannot save into this folder. Please choose another place."))


def no_folder() -> ExportError:
    return ExportError(tr("This folder is not there any more. Please choose another place."))


def ffmpeg_missing() -> ExportError:
    return ExportError(tr("The video maker that comes with Kadr is missing, so the video "
                          "was not made. A GIF still works. Ask a grown-up to reinstall Kadr."))


def explain_os_error(error: OSError) -> ExportError:
    """One plain sentence for a failed file operation (the details go to the log)."""
    log.debug("export file error: %r", error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full()
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return no_folder()
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EISDIR, errno.EEXIST):
        return not_writable()
    return ExportError(tr("Kadr could not save the film. Please try again or choose "
                          "another place."))


def ffmpeg_failed(stderr: str, returncode: int | None) -> ExportError:
    """ffmpeg said no: log its last lines for a grown-up, give the learner one sentence."""
    tail = "\n".join(stderr.strip().splitlines()[-20:])
    log.debug("ffmpeg exited with %s; last lines:\n%s", returncode, tail)
    lower = stderr.lower()
    if "no space left" in lower:
        return disk_full()
    if "permission denied" in lower or "read-only" in lower:
        return not_writable()
    return ExportError(tr("The video could not be made. A GIF still works. "
                          "If this keeps happening, ask a grown-up to look at the log."))

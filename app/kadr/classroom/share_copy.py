"""Films on a network share: worked on as a local copy, written back whole and atomically.

Why (docs/classroom.md): SQLite's locks are unreliable over network file systems and its
WAL mode, which Kadr uses for an open film, does not work there. So a film on a share is:

1. **taken**: a busy file ``<film>.busy`` is made beside it with an exclusive create
   (which SMB and NFS servers do honour), saying which computer has it and since when;
   another computer that opens the film is told where it is open, in plain words;
2. **copied** to a local working folder with SQLite's backup API (a consistent copy) and
   opened from there (``WorkingCopy.local``) with the usual ``FilmSession``;
3. **written back** (``write_back``: after ``FilmSession.flush``, every few minutes and on
   close) as a whole checked copy under a temporary name beside the film, then renamed over
   it (an atomic replace on the share: the film on the share is always a whole film);
4. **let go** (``release``): written back, the busy file removed, the local copy deleted.

If the film on the share changed since it was taken (the busy file was removed by hand,
a teacher broke it), the write-back never overwrites: it goes beside the film as
"<film> (from <computer> <date>).kadr". A local copy left by a crash or a lost network
is found at the next start by ``left_behind`` and written back then.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kadr.classroom.jsonfile import read_json, write_json
from kadr.core.store import ProjectFileError, check_file, connect_read_only
from kadr.i18n import tr

BUSY = ".busy"
ORIGIN = "origin.json"
SIDECARS = ("-wal", "-shm", "-journal")


class FilmBusy(ProjectFileError):
    """The film is open on another computer (``holder`` says which)."""

    def __init__(self, message: str, holder: dict[str, Any]) -> None:
        super().__init__(message)
        self.holder = holder


def _host() -> str:
    return socket.gethostname() or "?"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def busy_path(film: Path) -> Path:
    return film.with_name(film.name + BUSY)


def _copy_film(src: Path, dest: Path) -> None:
    """A whole, checked, single-file copy of ``src`` at ``dest``, put there atomically."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        source = connect_read_only(src)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one file: nothing beside it to lose
            ok = target.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            target.close()
            source.close()
        if not ok:
            raise ProjectFileError(tr("Kadr could not copy the film. Nothing was changed."))
        for end in SIDECARS:  # a stale side file must never pair with the new copy
            dest.with_name(dest.name + end).unlink(missing_ok=True)
        os.replace(tmp, dest)
    finally:
        for end in ("", *SIDECARS):
            with contextlib.suppress(OSError):
                tmp.with_name(tmp.name + end).unlink(missing_ok=True)


@dataclass
class WorkingCopy:
    """A film on a share (``origin``) being worked on as ``local``."""

    origin: Path
    local: Path
    token: str
    signature: list[int]  # the origin's size and time when last taken or written

    @property
    def folder(self) -> Path:
        return self.local.parent

    def _save(self) -> None:
        write_json(self.folder / ORIGIN, {"version": 1, "origin": str(self.origin),
                                          "token": self.token, "signature": self.signature})

    def still_ours(self) -> bool:
        """Our busy file is beside the film and the film is as we left it."""
        holder = read_json(busy_path(self.origin)) or {}
        try:
            same = _signature(self.origin) == self.signature
        except OSError:
            same = False
        return holder.get("token") == self.token and same

    def write_back(self) -> Path:
        """Put the local copy on the share; returns where it went (the film itself, or a
        copy beside it when the film was changed by someone else meanwhile). Raises
        ProjectFileError (plain words) when the share cannot take it; the local copy stays
        and a later write_back (or ``left_behind`` at the next start) tries again."""
        check_file(self.local)
        target = self.origin
        if not self.still_ours():
            stamp = time.strftime("%Y-%m-%d %H-%M")
            target = self.origin.with_name(
                f"{self.origin.stem} (from {_host()} {stamp}){self.origin.suffix}")
        try:
            _copy_film(self.local, target)
            if target == self.origin:
                self.signature = _signature(self.origin)
                self._save()
        except (OSError, sqlite3.Error) as error:
            raise ProjectFileError(tr("Kadr could not put the film back on the network "
                                      "folder. Your work is kept on this computer and goes "
                                      "back when the network is there again.")) from error
        return target

    def release(self) -> Path:
        """Write back, then let go of the film and remove the local copy."""
        where = self.write_back()
        holder = read_json(busy_path(self.origin)) or {}
        if holder.get("token") == self.token:
            with contextlib.suppress(OSError):
                busy_path(self.origin).unlink()
        for file in [*self.folder.iterdir()]:
            with contextlib.suppress(OSError):
                file.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()
        return where


def _work_folder(work_root: Path, origin: Path) -> Path:
    key = hashlib.sha256(str(origin).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(work_root) / key


def _take(origin: Path, token: str, now: float) -> None:
    """Make our busy file beside ``origin``, or raise FilmBusy."""
    busy = busy_path(origin)
    mine = {"version": 1, "host": _host(), "user": getpass.getuser(), "pid": os.getpid(),
            "since": now, "token": token}
    for _attempt in range(2):
        try:
            fd = os.open(busy, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            holder = read_json(busy) or {}
            pid = holder.get("pid")
            stale = holder.get("host") == _host() and isinstance(pid, int) and not _alive(pid)
            if holder.get("token") == token or stale or not holder:
                busy.unlink(missing_ok=True)  # ours from before a crash, or unreadable
                continue
            since = time.strftime("%H:%M", time.localtime(float(holder.get("since", 0))))
            raise FilmBusy(tr("This film is open on the computer {host} (since {time}). "
                              "Close it there, then open it here.",
                              host=str(holder.get("host", "?")), time=since), holder) from None
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            import json

            json.dump(mine, f)
        return
    raise ProjectFileError(tr("Kadr could not open the film. Please try again."))


def check_out(film: Path, work_root: Path, now: float | None = None) -> WorkingCopy:
    """Take the film on the share and make its local working copy (see the module's
    words). Raises FilmBusy when another computer has it, ProjectFileError otherwise."""
    origin = Path(os.path.abspath(film))
    check_file(origin)
    folder = _work_folder(work_root, origin)
    left = read_json(folder / ORIGIN)
    token = left.get("token") if left else None
    if not isinstance(token, str):
        token = os.urandom(8).hex()
    _take(origin, token, time.time() if now is None else now)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        local = folder / origin.name
        signature = left.get("signature") if left else None
        copy = WorkingCopy(origin, local, token,
                           signature if isinstance(signature, list) else [])
        if left and local.is_file():  # work a crash left here goes back first
            if copy.write_back() != origin:  # the film changed meanwhile: start from it
                _copy_film(origin, local)
        else:
            _copy_film(origin, local)
        copy.signature = _signature(origin)
        copy._save()
    except ProjectFileError:
        with contextlib.suppress(OSError):
            busy_path(origin).unlink()
        raise
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            busy_path(origin).unlink()
        raise ProjectFileError(tr("Kadr could not copy the film to this computer. Ask the "
                                  "person who looks after the computers.")) from error
    return copy


def left_behind(work_root: Path) -> list[WorkingCopy]:
    """Local copies that were never let go (Kadr was stopped, the network was lost):
    write each back (``write_back`` / ``release``) at the next start."""
    found = []
    try:
        folders = [p for p in Path(work_root).iterdir() if p.is_dir()]
    except OSError:
        return []
    for folder in folders:
        data = read_json(folder / ORIGIN) or {}
        origin, token = data.get("origin"), data.get("token")
        signature = data.get("signature")
        if not isinstance(origin, str) or not isinstance(token, str):
            continue
        local = folder / Path(origin).name
        if local.is_file():
            found.append(WorkingCopy(Path(origin), local, token,
                                     signature if isinstance(signature, list) else []))
    return found


def break_busy(film: Path) -> None:
    """Teacher mode: the computer that had the film is gone (crashed, switched off).
    Its copy, if it comes back, is kept beside the film, never over it."""
    busy_path(Path(film)).unlink(missing_ok=True)

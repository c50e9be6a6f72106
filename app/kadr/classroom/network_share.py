"""Is a folder on a network share? (NFS, SMB/CIFS, SSHFS, WebDAV ...)

SQLite's locking is not reliable over network file systems, and its WAL mode (how Kadr
writes an open film) does not work there at all. So a film whose folder is on a share is
worked on as a local copy (``share_copy``; the decision and its reasons: docs/classroom.md).

How each system is asked:

* Linux: the mount table (``/proc/self/mounts``): the longest mount point above the
  folder, and its file system type;
* Windows: a UNC path (``\\\\server\\share``) or a drive letter whose type is
  ``DRIVE_REMOTE`` (``GetDriveTypeW``);
* macOS: the table printed by ``/sbin/mount`` ("... on /Volumes/x (smbfs, ...)").

The mount table can be passed in as text, which is how the tests give a share to a machine
that has none.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ncpfs", "coda", "9p",
    "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "davfs", "webdav", "afpfs",
    "fuse.sshfs", "sshfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs", "fuse.s3fs",
    "fuse.gvfsd-fuse", "fuse.cephfs", "fuse.afpfs", "fuse.smbnetfs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW
_BSD_LINE = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<fstype>[^,)]+)")
_OCTAL = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True)
class Mount:
    source: str  # "//server/share", "server:/export"
    point: str  # where it is mounted
    fstype: str


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040 (and tab, newline, backslash likewise)."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_linux_mounts(text: str) -> list[Mount]:
    """The lines of /proc/mounts (or /etc/mtab): source, mount point, type, ..."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            found.append(Mount(_unescape(parts[0]), _unescape(parts[1]), parts[2]))
    return found


def parse_bsd_mounts(text: str) -> list[Mount]:
    """The lines printed by macOS's ``mount``: "source on point (type, options)"."""
    found = []
    for line in text.splitlines():
        match = _BSD_LINE.match(line.strip())
        if match:
            found.append(Mount(match["source"], match["point"], match["fstype"].strip()))
    return found


def is_network_type(fstype: str) -> bool:
    kind = fstype.lower()
    return kind in NETWORK_TYPES or kind.startswith(("nfs", "fuse.sshfs", "smb"))


def is_unc(path: str) -> bool:
    r"""A Windows network path: \\server\share\... (or //server/share/...), but not a
    device path (\\?\C:\..., \\.\...) unless it names a UNC share."""
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\")) \
        and len(text) > 2 and text[2] != "\\"


def _existing(path: Path) -> Path:
    """``path`` with symbolic links resolved, from its nearest folder that exists."""
    path = Path(os.path.abspath(path))
    for candidate in (path, *path.parents):
        try:
            if candidate.exists():
                return candidate.resolve()
        except OSError:
            continue
    return path


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount ``path`` is on: the longest mount point that contains it."""
    parts = Path(path).parts
    best: Mount | None = None
    for mount in mounts:
        point = Path(mount.point).parts
        if parts[:len(point)] == point and (best is None or len(point) > len(Path(best.point).parts)):
            best = mount
    return best


def _read_mount_table(platform: str) -> str:
    try:
        if platform == "darwin":
            return subprocess.run(["/sbin/mount"], capture_output=True, text=True,
                                  timeout=5, check=False).stdout
        for table in ("/proc/self/mounts", "/proc/mounts", "/etc/mtab"):
            if os.path.exists(table):
                with open(table, encoding="utf-8", errors="replace") as f:
                    return f.read()
    except (OSError, subprocess.SubprocessError):
        pass
    return ""


def _windows_drive_is_remote(path: str) -> bool:
    if sys.platform != "win32":  # only Windows has GetDriveTypeW
        return False
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(path))[0]
    if not drive:
        return False
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(drive + "\\")) == DRIVE_REMOTE


def network_share(path: Path, mounts_text: str | None = None,
                  platform: str = sys.platform) -> str | None:
    """What kind of network share ``path`` (a film or folder) is on, or None when it is on
    a local disk (or nobody can tell). ``mounts_text``: the mount table to use instead of
    this computer's (Linux format; macOS's ``mount`` format on "darwin")."""
    text = str(path)
    if platform == "win32":
        if is_unc(text):
            return "unc"
        return "remote drive" if _windows_drive_is_remote(text) else None
    table = mounts_text if mounts_text is not None else _read_mount_table(platform)
    mounts = parse_bsd_mounts(table) if platform == "darwin" else parse_linux_mounts(table)
    where = _existing(Path(path)) if mounts_text is None else Path(os.path.abspath(path))
    mount = mount_of(where, mounts)
    if mount is not None and is_network_type(mount.fstype):
        return mount.fstype
    return None

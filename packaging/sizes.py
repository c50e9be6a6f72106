"""The size of a built bundle by part (what takes the room), and the oldest glibc it needs.

    python packaging/sizes.py BUNDLE_DIR [--json OUT.json]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

# (part, a pattern matched against the path inside the bundle), first match wins
PARTS = [
    ("ffmpeg (imageio-ffmpeg, GPL, a separate program)", r"imageio_ffmpeg/"),
    ("espeak-ng (Windows only)", r"espeak"),
    ("Qt plugins", r"PySide6/Qt/plugins/|PySide6/plugins/"),
    ("Qt translations", r"PySide6/Qt/translations/|PySide6/translations/"),
    ("Qt libraries", r"(^|/)(lib)?Qt6[^/]*|PySide6/Qt/lib/|PySide6/Qt6"),
    ("PySide6/shiboken6 bindings", r"PySide6|shiboken6"),
    ("scipy", r"scipy"),
    ("numpy and OpenBLAS", r"numpy|openblas|libgfortran|libquadmath|scipy_openblas"),
    ("Pillow", r"PIL/|pillow"),
    ("Python runtime", r"libpython|python3\d*\.dll|python\d+\.dll|base_library\.zip|lib-dynload|"
                       r"Python\.framework|^Python$|/Python$"),
    ("fonts (Noto Sans, Atkinson Hyperlegible)", r"fontpkg"),
    ("Kadr lessons, examples, icons, translations", r"kadr/"),
    ("Kadr program (PYZ archive and launcher)", r"(^|/)(kadr|Kadr|kadr-cli)(\.exe)?$|\.pyz$|PYZ"),
]


def part_of(rel: str) -> str:
    for name, pattern in PARTS:
        if re.search(pattern, rel):
            return name
    return "other system libraries and modules"


def glibc_needed(root: Path) -> str | None:
    """The highest GLIBC_x.y symbol version any ELF file in the bundle asks for."""
    best: tuple[int, ...] = ()
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        try:
            out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                 timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out):
            best = max(best, tuple(int(x) for x in found.split(".")))
    return ".".join(map(str, best)) if best else None


def system_libraries(root: Path) -> dict[str, str]:
    """Shared libraries that ELF files in the bundle need but the bundle does not hold:
    what the target system must provide, with the Debian package that has each here."""
    held = {p.name for p in root.rglob("*.so*")}
    needed: set[str] = set()
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.stat().st_size < 4:
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                             timeout=60).stdout
        needed |= set(re.findall(r"NEEDED\s+(\S+)", out))
    missing = sorted(needed - held)
    found: dict[str, str] = {}
    for lib in missing:
        try:
            out = subprocess.run(["dpkg", "-S", f"*/{lib}"], capture_output=True, text=True,
                                 timeout=60).stdout
            found[lib] = out.split(":")[0] if out else "?"
        except OSError:
            found[lib] = "?"
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    sizes: dict[str, int] = {}
    biggest: list[tuple[int, str]] = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(root).as_posix()
            size = path.stat().st_size
            sizes[part_of(rel)] = sizes.get(part_of(rel), 0) + size
            biggest.append((size, rel))
    total = sum(sizes.values())
    print(f"{'part':52} {'MB':>8}")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"{name:52} {size / 1e6:8.1f}")
    print(f"{'total':52} {total / 1e6:8.1f}")
    print("biggest files:")
    for size, rel in sorted(biggest, reverse=True)[:8]:
        print(f"  {size / 1e6:7.1f} MB  {rel}")
    glibc = glibc_needed(root) if sys.platform.startswith("linux") else None
    system: dict[str, str] = {}
    if sys.platform.startswith("linux"):
        system = system_libraries(root)
        print("from the system (Debian package here):")
        for lib, package in system.items():
            print(f"  {lib:32} {package}")
    if glibc:
        print(f"oldest glibc this bundle runs on: {glibc}")
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        out.write_text(json.dumps({"total": total, "parts": sizes, "glibc": glibc,
                                   "system_libraries": system}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""For whoever looks after the computers:

    python -m kadr.classroom check [FILE ...]   what the classroom files set, and every
                                                problem in them (default: the usual places)
    python -m kadr.classroom pin-hash           a teacher PIN for the classroom file's
                                                [teacher] pin = "..." (the PIN is typed,
                                                never shown or kept)
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from kadr.classroom.classroom_file import load_classroom
from kadr.classroom.pin import PinError, hash_pin
from kadr.classroom.places import classroom_files


def check(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or classroom_files()
    classroom = load_classroom(files)
    print("Looked for:", *[str(f) for f in files], sep="\n  ")
    print("Read:", *[str(f) for f in classroom.files] or ["(none)"], sep="\n  ")
    for entry in classroom.what_was_set():
        print(f"  {entry.key} = {entry.value!r}   ({entry.file}, line {entry.line})")
    for problem in classroom.problems:
        print(f"PROBLEM {problem}")
    return 1 if classroom.problems else 0


def pin_hash() -> int:
    pin = getpass.getpass("PIN (4 to 8 digits): ")
    if getpass.getpass("The same PIN again: ") != pin:
        print("The two PINs differ.", file=sys.stderr)
        return 1
    try:
        print(f'[teacher]\npin = "{hash_pin(pin)}"')
    except PinError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        return check(argv[1:])
    if argv[:1] == ["pin-hash"]:
        return pin_hash()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

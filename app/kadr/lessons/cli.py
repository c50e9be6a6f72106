"""``kadr lessons check [PATH]``: check a lesson, a folder of lessons, or a pack (.zip).

The lead wires the verb: ``kadr lessons ...`` calls ``lessons_main(argv)`` with the words
after "lessons". Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kadr.lessons.problems import Problem

USAGE = """usage: kadr lessons check [PATH]

Checks lessons before children use them: the lesson files, every translation
(en ru kk ko ja), pictures, goal checks and their parameters, and that each
example animation completes its lesson while a blank project does not.
PATH is a lesson folder, a folder of lessons, or a lesson pack (.zip);
without PATH the lessons that come with Kadr are checked.

A lesson folder may hold films that prove its checks: tests/accept/*.kadr must
finish the lesson, tests/reject/*.kadr must not. A reject film may name the step
it is wrong for before "--" in its file name (down--jumps.kadr: wrong for step
"down"); that step must then reject it. The table of results is printed, and
the exit status is 1 when a film is judged other than expected."""


def lessons_main(argv: list[str]) -> int:
    args = list(argv)
    if args[:1] == ["check"]:
        args = args[1:]
    if any(a in ("-h", "--help") for a in args) or len(args) > 1 or (args and args[0].startswith("-")):
        print(USAGE, file=sys.stdout if "-h" in args or "--help" in args else sys.stderr)
        return 0 if ("-h" in args or "--help" in args) else 2
    from kadr.lessons.library import shipped_lessons_dir
    from kadr.lessons.pack import PackError, extract_safely

    path = Path(args[0]) if args else shipped_lessons_dir()
    if not path.exists():
        print(f"{path}: not found", file=sys.stderr)
        return 1
    if path.is_file():
        if path.suffix.lower() != ".zip":
            print(f"{path}: give a lesson folder, a folder of lessons or a .zip pack",
                  file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="kadr-pack-") as tmp:
            try:
                extract_safely(path, Path(tmp) / "pack")
            except PackError as e:
                print(f"{path}: {e}", file=sys.stderr)
                return 1
            root = Path(tmp) / "pack"
            inner = [p for p in root.iterdir() if p.is_dir()]
            if not (root / "lesson.toml").exists() and len(inner) == 1 and not any(
                    (p / "lesson.toml").exists() for p in inner):
                root = inner[0]
            return _check(root)
    return _check(path)


def _check(root: Path) -> int:
    """Validate every lesson under ``root``, then judge the films in their tests folders."""
    from kadr.lessons.validate import validate_folder

    status = _report(*validate_folder(root))
    return max(status, _matrices(root))


def _report(count: int, problems: list[Problem]) -> int:
    errs = [p for p in problems if not p.warning]
    warns = [p for p in problems if p.warning]
    for p in errs + warns:
        print(p, file=sys.stderr if not p.warning else sys.stdout)
    print(f"{count} lesson(s) checked: {len(errs)} error(s), {len(warns)} warning(s).")
    return 1 if errs or count == 0 else 0


def _matrices(root: Path) -> int:
    """The accept/reject table of each lesson with films in tests/accept or tests/reject;
    1 when a film is judged other than its folder (and name) expect."""
    from kadr.lessons.library import lesson_folders
    from kadr.lessons.matrix import judge_folder, table, teacher_films
    from kadr.lessons.model import parse_lesson
    from kadr.lessons.problems import errors

    status = 0
    for folder in lesson_folders(root):
        if not teacher_films(folder):
            continue
        lesson, found = parse_lesson(folder)
        if lesson is None or errors(found):
            print(f"{folder.name}: the films in tests/ were not judged: the lesson has errors")
            status = 1
            continue
        rows = judge_folder(lesson)
        print()
        print(table(lesson.id, rows))
        wrong = [r for r in rows if not r.ok]
        print(f"{lesson.id}: {len(rows)} film(s) judged, {len(wrong)} judged other than expected.")
        status = max(status, 1 if wrong else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(lessons_main(sys.argv[1:]))

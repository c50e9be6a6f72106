"""Where each key of a TOML file is written, and a reader that skips broken lines.

Python's TOML reader gives values without line numbers and stops at the first mistake.
A classroom file is written by hand, so Kadr reports every problem with its line and
uses the rest: ``key_lines`` finds the line of each dotted key (good enough for what a
person writes: tables, dotted keys, multi-line arrays and strings), and ``parse_leniently``
leaves out a line TOML cannot read (a broken table heading takes its table with it) and
tries again, saying what it skipped.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

_BARE = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY = re.compile(rf"^\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*=(.*)$")
_HEADER = re.compile(rf"^\s*\[\[?\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*\]\]?\s*(?:#.*)?$")
_PART = re.compile(_BARE)
_AT_LINE = re.compile(r"at line (\d+)")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
MAX_SKIPS = 200


def _dotted(keys: str) -> str:
    return ".".join(part.strip("\"'") for part in _PART.findall(keys))


def key_lines(text: str) -> dict[str, int]:
    """Dotted key (``locked.allow_skip``; a table is its own key) -> its line, from 1."""
    found: dict[str, int] = {}
    table, depth, open_quote = "", 0, ""
    for number, line in enumerate(text.splitlines(), 1):
        if open_quote:  # inside a multi-line string
            if open_quote in line:
                open_quote = ""
            continue
        if depth > 0:  # inside a multi-line array
            plain = _STRINGS.sub("", line.split("#")[0])
            depth += plain.count("[") - plain.count("]")
            continue
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            found.setdefault(table, number)
            continue
        pair = _KEY.match(line)
        if not pair:
            continue
        key = _dotted(pair.group(1))
        found.setdefault(f"{table}.{key}" if table else key, number)
        rest = pair.group(2)
        for quote in ('"""', "'''"):
            if rest.count(quote) % 2 == 1:
                open_quote = quote
        plain = _STRINGS.sub("", rest.split("#")[0])
        depth = max(0, plain.count("[") - plain.count("]"))
    return found


@dataclass(frozen=True)
class Skipped:
    line: int  # from 1; 0 when TOML did not say where
    what: str  # the TOML reader's own words
    lines: int = 1  # how many lines were left out from there


def parse_leniently(text: str) -> tuple[dict[str, Any], list[Skipped]]:
    """The TOML in ``text`` without the lines it cannot read, and what was left out."""
    lines = text.splitlines()
    skipped: list[Skipped] = []
    for _attempt in range(MAX_SKIPS):
        try:
            return tomllib.loads("\n".join(lines)), skipped
        except tomllib.TOMLDecodeError as error:
            where = _AT_LINE.search(str(error))
            what = str(error).split(" (at ")[0]
            if where is None or not 1 <= int(where.group(1)) <= len(lines):
                skipped.append(Skipped(0, what, len(lines)))
                return {}, skipped
            index = int(where.group(1)) - 1
            count = 1
            if lines[index].lstrip().startswith("["):  # its keys would land in another table
                while index + count < len(lines) and not lines[index + count].lstrip().startswith("["):
                    count += 1
            for k in range(index, index + count):
                lines[k] = ""
            skipped.append(Skipped(index + 1, what, count))
    return {}, [*skipped, Skipped(0, "too many mistakes", len(lines))]

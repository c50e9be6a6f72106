"""Problems found in a lesson: each names the file, the step and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str  # path as shown to the teacher (relative to the folder checked, if possible)
    message: str
    step: str = ""
    field: str = ""
    warning: bool = False  # warnings do not fail a check

    def __str__(self) -> str:
        where = [self.file]
        if self.step:
            where.append(f"step '{self.step}'")
        if self.field:
            where.append(f"field '{self.field}'")
        kind = "warning" if self.warning else "error"
        return f"{': '.join([', '.join(where)])}: {kind}: {self.message}"


class LessonError(Exception):
    """A lesson that cannot be used; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if not p.warning] or problems
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]

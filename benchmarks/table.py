"""Summaries (median, p95, max) and the one results table. Benchmarks report, never assert."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the two nearest samples."""
    data = sorted(values)
    if not data:
        return math.nan
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def summary(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {"n": 0, "median": math.nan, "p95": math.nan, "max": math.nan}
    return {"n": len(values), "median": statistics.median(values),
            "p95": percentile(values, 95), "max": max(values)}


@dataclass
class Row:
    """One line of the table. ``limit`` is compared with ``on`` (median/p95/max/value)."""

    measure: str
    unit: str = "ms"
    n: int = 0
    median: float | None = None
    p95: float | None = None
    max: float | None = None
    target: str = ""
    limit: float | None = None
    on: str = "p95"  # which number the target is about
    verdict: str = ""  # computed unless given ("info", "skipped: ...")
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, measure: str, samples: Sequence[float], unit: str = "ms", **kw: object) -> Row:
        s = summary(samples)
        return cls(measure, unit, int(s["n"]), s["median"], s["p95"], s["max"], **kw)  # type: ignore[arg-type]

    @classmethod
    def value(cls, measure: str, value: float | None, unit: str = "ms", **kw: object) -> Row:
        kw.setdefault("on", "median")
        return cls(measure, unit, 1 if value is not None else 0, value, None, None, **kw)  # type: ignore[arg-type]

    def judged(self) -> Row:
        if self.verdict:
            return self
        number = {"median": self.median, "p95": self.p95, "max": self.max}.get(self.on)
        if self.limit is None:
            self.verdict = "info"
        elif number is None or (isinstance(number, float) and math.isnan(number)):
            self.verdict = "no data"
        else:
            self.verdict = "ok" if number <= self.limit else "MISSED"
        return self

    def as_json(self) -> dict[str, object]:
        d = asdict(self.judged())
        for k in ("median", "p95", "max"):
            v = d[k]
            if isinstance(v, float):
                d[k] = None if math.isnan(v) else round(v, 4)
        return d


def fmt(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit in ("ms", "s", "x"):
        if abs(value) >= 100:
            return f"{value:.0f} {unit}"
        return f"{value:.2f} {unit}" if abs(value) < 10 else f"{value:.1f} {unit}"
    if unit in ("MB", "KB"):
        return f"{value:.1f} {unit}"
    if unit == "":
        return f"{value:g}"
    return f"{value:.3g} {unit}"


def render(rows: Sequence[Row]) -> str:
    """A Markdown table: measure | median | p95 | max | target | verdict."""
    head = ["measure", "median", "p95", "max", "target", "verdict"]
    lines = [head]
    for r in rows:
        r.judged()
        name = r.measure + (f" (n={r.n})" if r.n > 1 else "")
        verdict = r.verdict + (f" - {r.note}" if r.note else "")
        lines.append([name, fmt(r.median, r.unit), fmt(r.p95, r.unit), fmt(r.max, r.unit),
                      r.target or "-", verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for j, line in enumerate(lines):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths)) + " |")
        if j == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)

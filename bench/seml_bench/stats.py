"""Medians and ratios: the runs of one variant (a cell) and of one row of the table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .settings import MEMORY_BUDGET, TIME_BUDGET

if TYPE_CHECKING:
    from .runner import Run


@dataclass
class Cell:
    """Measurements of one variant in one row."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        ok = [r.seconds for r in self.runs if r.returncode == 0]
        return statistics.median(ok) if ok else None

    @property
    def cpu_median(self) -> float | None:
        ok = [r.cpu_seconds for r in self.runs if r.returncode == 0 and r.cpu_seconds]
        return statistics.median(ok) if ok else None

    @property
    def peak_mb(self) -> float | None:
        ok = [r.peak_kb for r in self.runs if r.returncode == 0 and r.peak_kb]
        return statistics.median(ok) / 1024 if ok else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_s": self.median,
            "times_s": [round(r.seconds, 4) for r in self.runs],
            "cpu_median_s": self.cpu_median,
            "cpu_s": [round(r.cpu_seconds, 4) for r in self.runs],
            "peak_mb_median": self.peak_mb,
            "peak_kb": [r.peak_kb for r in self.runs],
            "env_pickle_bytes": self.runs[-1].pickle_bytes if self.runs else None,
            "warnings": max((r.warnings for r in self.runs), default=0),
            "failures": sum(1 for r in self.runs if r.returncode),
        }


def _quotient(num: float | None, den: float | None) -> float | None:
    return None if num is None or not den else num / den


@dataclass
class Row:
    """One row of the table: a scenario at one shape, a cell per variant."""

    scenario: str
    pages: int
    entries: int
    cells: dict[str, Cell]
    extra: dict[str, Any] = field(default_factory=dict)

    def ratio(self, num: str, den: str) -> float | None:
        a, b = self.cells.get(num), self.cells.get(den)
        return _quotient(a.median, b.median) if a and b else None

    def cpu_ratio(self, num: str, den: str) -> float | None:
        a, b = self.cells.get(num), self.cells.get(den)
        return _quotient(a.cpu_median, b.cpu_median) if a and b else None

    def mem_ratio(self) -> float | None:
        a, b = self.cells.get("a"), self.cells.get("b")
        return _quotient(a.peak_mb, b.peak_mb) if a and b else None

    def as_dict(self) -> dict[str, Any]:
        budget = TIME_BUDGET.get(self.scenario)
        ab, mem = self.ratio("a", "b"), self.mem_ratio()
        return {
            "scenario": self.scenario,
            "pages": self.pages,
            "entries": self.entries,
            "variants": {v: c.as_dict() for v, c in self.cells.items()},
            "ratio_a_b": ab,
            "ratio_a_c": self.ratio("a", "c"),
            "cpu_ratio_a_b": self.cpu_ratio("a", "b"),
            "cpu_ratio_a_c": self.cpu_ratio("a", "c"),
            "time_budget_a_b": budget,
            "time_pass": None if budget is None or ab is None else ab <= budget,
            "memory_ratio_a_b": mem,
            "memory_budget_a_b": MEMORY_BUDGET,
            "memory_pass": None if mem is None else mem <= MEMORY_BUDGET,
            **self.extra,
        }

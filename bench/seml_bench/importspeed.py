"""Import speed of awesome-list READMEs (issue #12): read, validate and list one README.

Two cases, each against its budget:

* the largest real list, ``josephmisiti-ml.md`` (about 1,200 entries, 214 KB), from
  ``../shared/data/awesome-lists/`` next to the repository (skipped when absent): at
  most 1 second;
* a generated README of 20,000 linked items (:func:`generated_readme`: a legend, a
  level-1 heading above nested ``##``/``###`` sections, bold groups, a table, flags):
  at most 5 seconds.

Each repeat is a fresh interpreter that times, after importing the package, the three
steps a maintainer runs: ``import`` (:func:`parse_awesome` on the file's text),
``validate`` (``seml validate FILE``) and ``list`` (``seml --catalogue FILE list``),
both commands in-process with the built-in catalogue, as a user runs them. The
budget is checked on their sum and, since each step is a command of its own, on the
slowest step; the process's own wall time (interpreter start-up and imports
included) is shown beside them.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .settings import BENCH, WORK

if TYPE_CHECKING:
    from pathlib import Path

REAL_LIST = BENCH.parent.parent / "shared" / "data" / "awesome-lists" / "josephmisiti-ml.md"
GENERATED_ITEMS = 20_000
#: Case -> the budget of DESIGN.md / issue #12 on import + validate + list, in seconds.
BUDGETS = {"real": 1.0, "generated": 5.0}
STEPS = ("import", "validate", "list")

_CHILD = r"""
import contextlib, io, json, sys, time
from pathlib import Path
from sphinxext_seml.catalogue.awesome import parse_awesome
from sphinxext_seml.cli import main

path = sys.argv[1]
times = {}
start = time.perf_counter()
result = parse_awesome(Path(path).read_text(encoding="utf-8"), path)
times["import"] = time.perf_counter() - start
for step, argv in (("validate", ["validate", path]), ("list", ["--catalogue", path, "list"])):
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    times[step] = time.perf_counter() - start
    if step == "list":
        times["listed"] = len(sink.getvalue().splitlines())
times["entries"] = len(result.catalogue)
print(json.dumps(times))
"""


@dataclass
class ImportRow:
    """One case: its file, the entries it gave and the timings of every repeat."""

    case: str
    path: Path
    runs: list[dict[str, float]] = field(default_factory=list)
    process: list[float] = field(default_factory=list)

    def median(self, step: str) -> float:
        return statistics.median(run[step] for run in self.runs)

    @property
    def total(self) -> float:
        return statistics.median(sum(run[s] for s in STEPS) for run in self.runs)

    @property
    def slowest(self) -> float:
        """The slowest of the three steps (each is one ``seml`` command of its own)."""
        return max(self.median(s) for s in STEPS)

    @property
    def passed(self) -> bool:
        return self.total <= BUDGETS[self.case]

    @property
    def each_passed(self) -> bool:
        return self.slowest <= BUDGETS[self.case]

    def as_dict(self) -> dict[str, object]:
        return {
            "case": self.case,
            "file": str(self.path),
            "bytes": self.path.stat().st_size,
            "entries": self.runs[-1]["entries"] if self.runs else None,
            "runs": self.runs,
            "process_s": self.process,
            "median_s": {s: self.median(s) for s in STEPS},
            "total_s": self.total,
            "slowest_step_s": self.slowest,
            "budget_s": BUDGETS[self.case],
            "verdict": "PASS" if self.passed else "FAIL",
            "verdict_each_step": "PASS" if self.each_passed else "FAIL",
        }


def generated_readme(items: int = GENERATED_ITEMS, seed: int = 2025) -> str:
    """An awesome-list README of ``items`` linked items in the shapes real lists use.

    A legend (⭐ must-read, 🎓 scientific), a contents section, ``# Main Content`` above
    ``##`` sections with ``###`` subsections, a bold group label with nested items in
    each subsection, a flag on about one item in five, star counts, and a ``Papers``
    table (a tenth of the items) with date, keyword and institute columns.
    """
    rng = random.Random(seed)
    words = ("data", "model", "serving", "tracking", "drift", "feature", "pipeline", "vector")
    rows = items // 10
    per_subsection = 100
    lines = ["# Awesome Generated", "", "⭐ Must-read", "", "🎓 Scientific", "", "## Contents", ""]
    lines += ["- [Papers](#papers)", "", "# Main Content", "", "## Papers", ""]
    lines += ["| Date | Keywords | Institute | Paper |", "|---|---|---|---|"]
    for n in range(rows):
        title = f"{rng.choice(words).title()} {rng.choice(words)} paper {n}"
        lines.append(
            f"| 20{10 + n % 15}-0{1 + n % 9} | {rng.choice(words)} | Lab {n % 50}"
            f" | [{title}](https://arxiv.org/abs/{2000 + n % 500}.{n:05d}) |"
        )
    made, section = rows, 0
    while made < items:
        section += 1
        lines += ["", f"## Section {section}", "", f"Tools of kind {section}.", ""]
        for sub in range(1, 5):
            lines += ["", f"### Section {section}.{sub}", ""]
            for n in range(min(per_subsection, items - made)):
                made += 1
                flag = " ⭐" if made % 8 == 0 else (" 🎓" if made % 13 == 0 else "")
                stars = f" - ⭐ {made % 90}k" if made % 11 == 0 else ""
                item = (
                    f"[Tool {made}](https://github.com/org{made % 997}/tool-{made})"
                    f"{stars} - {rng.choice(words).title()} {rng.choice(words)} tool.{flag}"
                )
                if n == per_subsection // 2:
                    lines.append(f"- **Group {section}.{sub}**")
                lines.append(f"  - {item}" if n >= per_subsection // 2 else f"- {item}")
            if made >= items:
                break
    return "\n".join(lines) + "\n"


def _run_once(path: Path) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout), time.perf_counter() - start


def measure(repeat: int, silent: bool = False) -> list[ImportRow]:
    """Both cases, ``repeat`` fresh processes each (the real list only where it is)."""
    generated = WORK / "import" / "generated-20000.md"
    generated.parent.mkdir(parents=True, exist_ok=True)
    generated.write_text(generated_readme(), encoding="utf-8")
    cases = [("real", REAL_LIST)] if REAL_LIST.is_file() else []
    cases.append(("generated", generated))
    rows = []
    for case, path in cases:
        row = ImportRow(case, path)
        _run_once(path)  # warm-up: bytecode and file caches, as for the builds
        for i in range(repeat):
            times, wall = _run_once(path)
            row.runs.append(times)
            row.process.append(wall)
            if not silent:
                print(f"  import {case} {i + 1}/{repeat}: {wall:.2f} s", file=sys.stderr)
        rows.append(row)
    return rows


HEAD = (
    f"{'case':<22}{'KB':>6}{'entries':>8}{'import s':>10}{'validate s':>11}{'list s':>8}"
    f"  {'total s (budget)':<20}  {'slowest step (budget)':<23}{'process s':>10}"
)


def _verdict(seconds: float, budget: float) -> str:
    return f"{seconds:.2f} {'PASS' if seconds <= budget else 'FAIL'} (≤{budget:.0f})"


def table(rows: list[ImportRow]) -> str:
    lines = [HEAD, "-" * len(HEAD)]
    for row in rows:
        budget = BUDGETS[row.case]
        lines.append(
            f"{row.path.name:<22}{row.path.stat().st_size / 1024:>6.0f}"
            f"{int(row.runs[-1]['entries']):>8}"
            f"{row.median('import'):>10.2f}{row.median('validate'):>11.2f}"
            f"{row.median('list'):>8.2f}  {_verdict(row.total, budget):<20}"
            f"  {_verdict(row.slowest, budget):<23}{statistics.median(row.process):>10.2f}"
        )
    if not REAL_LIST.is_file():
        lines.append(f"(the real list is not at {REAL_LIST}: its row is skipped)")
    return "\n".join(lines)

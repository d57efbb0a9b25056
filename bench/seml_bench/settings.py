"""What the benchmark measures and where: variants, scenarios, budgets, directories."""

from __future__ import annotations

from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
WORK = BENCH / "_work"
RESULTS = BENCH / "results"

VARIANTS = ("a", "b", "c")
VARIANT_NAMES = {"a": "seml", "b": "plain", "c": "bibtex"}

SCENARIOS = ("full", "incr-page", "incr-catalogue", "bib-per-page", "parallel")
SCENARIO_HELP = {
    "full": "full build (-j 1) of P pages + one references page",
    "incr-page": "incremental build after editing the text of one page",
    "incr-catalogue": "incremental build after editing one entry of the catalogue"
    " (plain: the pages showing it; bibtex: the .bib and the pages listing it)",
    "bib-per-page": "full build with a bibliography on every page (plus the references page)",
    "parallel": "full builds at -j 1 and -j 2, and whether their outputs are byte-identical",
}
#: Budgets of DESIGN.md: scenario -> max ratio (a)/(b). None: no budget.
TIME_BUDGET: dict[str, float | None] = {
    "full": 1.10,
    "incr-page": 1.10,
    "incr-catalogue": None,
    "bib-per-page": 1.25,
    "parallel-j1": 1.10,
    "parallel-j2": 1.10,
}
MEMORY_BUDGET = 1.25

FULL_MATRIX = {"pages": [50, 200, 500], "entries": [60, 2000, 10000], "repeat": 5}
QUICK_MATRIX = {"pages": [50], "entries": [2000], "repeat": 3}


def shape_of(scenario: str) -> str:
    """The project a scenario builds: ``bibs`` (a bibliography on every page) or ``refs``."""
    return "bibs" if scenario == "bib-per-page" else "refs"

"""The table printed at the end of a run, and the notes under it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import MEMORY_BUDGET, TIME_BUDGET, VARIANT_NAMES, VARIANTS

if TYPE_CHECKING:
    from .stats import Row


def fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def verdict(ratio: float | None, budget: float | None) -> str:
    if ratio is None:
        return "-"
    if budget is None:
        return f"{ratio:.3f}"
    return f"{ratio:.3f} {'PASS' if ratio <= budget else 'FAIL'} (≤{budget:.2f})"


HEAD = (
    f"{'scenario':<15}{'P':>5}{'E':>7} {'a s':>7}{'b s':>7}{'c s':>8}  "
    f"{'a/b wall (budget)':<23}{'a/b cpu':>8}{'a/c':>6}  {'MB a':>5}{'MB b':>5}{'MB c':>6}  "
    f"{'mem a/b (budget)':<22}{'pickle KB a/b/c':>17}"
)


def table_line(row: Row) -> str:
    c = row.cells
    med = {v: c[v].median if v in c else None for v in VARIANTS}
    mb = {v: c[v].peak_mb if v in c else None for v in VARIANTS}
    pkl = "/".join(
        fmt(c[v].runs[-1].pickle_bytes / 1024, ".0f") if v in c and c[v].runs else "-"
        for v in VARIANTS
    )
    return (
        f"{row.scenario:<15}{row.pages:>5}{row.entries:>7} "
        f"{fmt(med['a']):>7}{fmt(med['b']):>7}{fmt(med['c']):>8}  "
        f"{verdict(row.ratio('a', 'b'), TIME_BUDGET.get(row.scenario)):<23}"
        f"{fmt(row.cpu_ratio('a', 'b')):>8}{fmt(row.ratio('a', 'c')):>6}  "
        f"{fmt(mb['a'], '.0f'):>5}{fmt(mb['b'], '.0f'):>5}{fmt(mb['c'], '.0f'):>6}  "
        f"{verdict(row.mem_ratio(), MEMORY_BUDGET):<22}{pkl:>17}"
    )


def _parallel_text(v: str, info: dict[str, Any]) -> str:
    sp = info["speedup_j2"]
    same = (
        "byte-identical"
        if info["identical"]
        else ("DIFFERS: " + ", ".join(info["differing_files"][:3]))
    )
    text = f"{VARIANT_NAMES[v]}: -j 2 speed-up {fmt(sp)}x, {same}"
    if v == "a":
        faster = sp is not None and sp > 1
        ok = faster and info["identical"]
        text += f" -> {'PASS' if ok else 'FAIL'} (budget: faster than -j 1 and byte-identical)"
    return text


def row_notes(row: Row) -> list[str]:
    """The notes of one row: the ``-j 2`` check, and variants that warned or failed."""
    notes = []
    if row.scenario == "parallel-j2":
        check = row.extra["parallel_check"]
        parts = [_parallel_text(v, info) for v, info in check.items()]
        notes.append(f"parallel P={row.pages} E={row.entries}: " + "; ".join(parts))
    for v, cell in row.cells.items():
        d = cell.as_dict()
        if d["warnings"] or d["failures"]:
            notes.append(
                f"{row.scenario} P={row.pages} E={row.entries} {VARIANT_NAMES[v]}:"
                f" {d['warnings']} warning lines, {d['failures']} failed builds"
            )
    return notes


def table(rows: list[Row]) -> str:
    lines = [HEAD, "-" * len(HEAD), *(table_line(row) for row in rows)]
    notes = [note for row in rows for note in row_notes(row)]
    return "\n".join([*lines, *(["", *notes] if notes else [])])

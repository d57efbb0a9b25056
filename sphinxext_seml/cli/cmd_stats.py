"""``seml stats``: how many entries per category, flag, type and year."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..catalogue.query import select
from ..catalogue.stats import COMPLETENESS_FIELDS, statistics
from .common import EXIT_OK, describe, load_catalogue, sources_from_args, write_stdout
from .formats import to_json
from .selection import add_selection_arguments, query_from_args

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .common import Subparsers

EPILOG = """\
examples:
  seml stats                                  the whole catalogue
  seml stats --flag must-read                 only must-read entries
  seml stats deployment --format json
  seml --no-builtin --catalogue handbook.yaml stats

Categories are listed in catalogue order (with their titles, empty ones too),
flags in catalogue order, types known ones first, years ascending with
'unknown' last. Completeness counts the entries with authors, a year, a
venue, a DOI, a summary, and both authors and a year (what an author-year
citation needs): of all entries, per category and per flag.
"""

UNKNOWN_YEAR = "unknown"
NO_FLAG = "(no flag)"
#: The columns of the completeness table: what is counted, and its heading.
COMPLETENESS_COLUMNS = (
    ("entries", "entries"),
    *((name, name) for name in COMPLETENESS_FIELDS),
    ("authors_and_year", "authors+year"),
)


def add_parser(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "stats",
        parents=parents,
        help="count entries per category, flag, type and year",
        description=describe(
            "Count the entries per category, flag, type and year. The same"
            " selection as 'seml list' restricts what is counted."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_selection_arguments(parser, ordering=False)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(run=run)


def _table(title: str, rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A titled table; the last column (the count) is right-aligned."""
    if not rows:
        return [title, "  (none)"]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [title]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        cells.append(row[-1].rjust(widths[-1]))
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def completeness_lines(found: dict[str, Any]) -> list[str]:
    """The completeness table: a heading row, then all entries, each category and each
    flag (``flag:must-read``), the counts right-aligned under their headings."""
    rows = [("", *(heading for _name, heading in COMPLETENESS_COLUMNS))]
    scoped = [
        ("all", found["all"]),
        *((c["slug"], c) for c in found["categories"]),
        *((f"flag:{f['slug']}", f) for f in found["flags"]),
    ]
    rows += [
        (scope, *(str(row[name]) for name, _h in COMPLETENESS_COLUMNS)) for scope, row in scoped
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["Completeness (entries with each field)"]
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def stats_text(stats: dict[str, Any]) -> str:
    total = stats["total"]
    lines = [f"{total} {'entry' if total == 1 else 'entries'}", ""]
    lines += _table(
        "Categories",
        [(c["slug"], c["title"], str(c["count"])) for c in stats["categories"]],
    )
    lines.append("")
    flag_rows = [(f["slug"], f["label"], str(f["count"])) for f in stats["flags"]]
    flag_rows.append((NO_FLAG, "", str(stats["no_flag"])))
    lines += _table("Flags", flag_rows)
    lines.append("")
    lines += _table("Types", [(t["type"], str(t["count"])) for t in stats["types"]])
    lines.append("")
    lines += _table(
        "Years",
        [
            (UNKNOWN_YEAR if y["year"] is None else str(y["year"]), str(y["count"]))
            for y in stats["years"]
        ],
    )
    lines.append("")
    lines += completeness_lines(stats["completeness"])
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(sources_from_args(args))
    query = query_from_args(args, catalogue)
    stats = statistics(catalogue, select(catalogue, query))
    write_stdout(to_json(stats) if args.format == "json" else stats_text(stats))
    return EXIT_OK

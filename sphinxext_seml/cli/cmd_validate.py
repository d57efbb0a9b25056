"""``seml validate FILE...``: check catalogue files as a build would read them."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..catalogue.errors import Problem, Severity
from ..catalogue.merging import merge
from .common import (
    EXIT_DATA,
    EXIT_OK,
    describe,
    print_problems,
    read,
    read_specs,
    sources_from_args,
    write_stdout,
)

if TYPE_CHECKING:
    from ..catalogue.results import LoadResult
    from .common import Subparsers

EPILOG = """\
examples:
  seml validate handbook.yaml
  seml validate handbook.yaml papers.bib README.md
  seml --no-builtin validate standalone.toml

Every problem is printed as 'file:line: message' on standard output and the
exit status is 1; valid files print 'FILE: ok (N entries)' and exit 0. A note
('file:line: note: message', such as a README item without a link) is printed
too but loses nothing and does not change the exit status. For an
awesome-list README it also says how many linked items it held: each is an
entry or a problem ('README.md: ok (84 entries from 84 linked items)'). Files are
checked together with the built-in catalogue (whose categories and flags they
may use, and whose keys they must not reuse without 'override: true') and with
any --catalogue files; --no-builtin checks them without it.
"""


def add_parser(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate",
        parents=parents,
        help="check catalogue files and report every problem",
        description=describe(
            "Check catalogue files (YAML, TOML, JSON, BibTeX, CSL-JSON, Markdown"
            " awesome lists, or entry-point:NAME) and report every problem as file:line: message."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="catalogue files to check")
    parser.set_defaults(run=run)


def _order(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in order of first appearance), by line within a file."""
    rank: dict[str, int] = {}
    for problem in problems:
        rank.setdefault(problem.location.source, len(rank))
    return sorted(problems, key=lambda p: (rank[p.location.source], p.location.line or 0))


def run(args: argparse.Namespace) -> int:
    context = read(sources_from_args(args))
    files: list[str] = args.files
    # The files checked may be unreadable: each is a problem to report, not a usage error.
    checked = read_specs(files)
    unreadable = [Problem(s.location, s.message, "unreadable") for s in checked.unreadable]
    merged = merge([result for _, result in (*context.results, *checked.results)])
    problems = _order([*unreadable, *merged.problems])
    print_problems(problems, file=sys.stdout)  # a note is marked ``note:`` (Problem.__str__)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    count = len(warnings)
    if count:
        write_stdout("".join(_readme_counts(spec, result) for spec, result in checked.results))
        bad = len({p.location.source for p in warnings})
        print(
            f"seml: {count} {'problem' if count == 1 else 'problems'}"
            f" in {bad} {'file' if bad == 1 else 'files'}",
            file=sys.stderr,
        )
        return EXIT_DATA
    write_stdout("".join(f"{spec}: ok ({_entries(result)})\n" for spec, result in checked.results))
    return EXIT_OK


def _entries(result: LoadResult) -> str:
    """``2 entries``; for a README also what they came from: ``2 entries from 3 linked items``."""
    found = len(result.catalogue)
    text = f"{found} {'entry' if found == 1 else 'entries'}"
    if result.linked_items is not None:
        linked = result.linked_items
        text += f" from {linked} linked {'item' if linked == 1 else 'items'}"
    return text


def _readme_counts(spec: str | None, result: LoadResult) -> str:
    """After the problems: what each README held and kept, so a lost item shows."""
    if result.linked_items is None:
        return ""
    return f"{spec}: {_entries(result)}\n"

"""``seml list``: the entries matching categories, flags, types and a filter."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..catalogue.query import select
from .common import EXIT_OK, describe, load_catalogue, sources_from_args, write_stdout
from .formats import ENTRY_FORMATS, format_entries
from .selection import add_selection_arguments, query_from_args

if TYPE_CHECKING:
    from .common import Subparsers

EPILOG = """\
examples:
  seml list                                   every entry, in catalogue order
  seml list deployment --flag must-read       must-read entries on deployment
  seml list Deployment and Operation          a category by its title
  seml list --type paper --sort -year --limit 5
  seml list --filter '"must-read" in flags and year >= 2019'
  seml list --filter 'contains(title, "debt")' --format json
  seml list governance --format bibtex > governance.bib
  seml --catalogue handbook.yaml list runbooks

formats:
  text      one line per entry: key, title, [flag] badges (default)
  json      a JSON array of entry objects (key, title, url, category, flags, type, ...)
  markdown  a bullet list: - [title](url) - summary and flag emoji
  bibtex    BibTeX entries
  csl-json  CSL-JSON items (for Zotero, pandoc, citeproc)
  yaml      a native catalogue file with the entries and the categories/flags they use

filter fields: key (an old key finds its entry), title, url, category, flags, type,
authors, year, venue, doi, summary, tags, archived_url, markdown, summary_from,
repository, licence, arxiv, aliases, former_urls; functions lower(x), len(x),
contains(x, "text").
"""


def add_parser(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "list",
        parents=parents,
        help="list entries by category, flag, type or filter",
        description=describe(
            "List the entries that match every condition given: any of the"
            " CATEGORY names, all --flag flags, any --type type, and the --filter expression."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_selection_arguments(parser)
    parser.add_argument(
        "--format", choices=ENTRY_FORMATS, default="text", help="output format (default: text)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(sources_from_args(args))
    query = query_from_args(args, catalogue)
    entries = select(catalogue, query)
    fmt: str = args.format
    write_stdout(format_entries(catalogue, entries, fmt))
    if not entries and fmt == "text":
        print("seml: no entries match", file=sys.stderr)
    return EXIT_OK

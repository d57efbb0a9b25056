"""``seml show KEY``: one entry with every field."""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING

from .common import (
    EXIT_DATA,
    EXIT_OK,
    CliError,
    describe,
    load_catalogue,
    sources_from_args,
    write_stdout,
)
from .formats import ENTRY_FORMATS, format_entry

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue, Entry
    from .common import Subparsers

EPILOG = """\
examples:
  seml show sculley2015hidden
  seml show sculley2015hidden --format bibtex
  seml --catalogue handbook.yaml show acme:rollback-runbook --format json

Keys are listed by 'seml list'. An old key (an entry's alias) shows the entry it
names, with a note on stderr. An unknown key exits with status 1 and names the
closest keys.
"""


def add_parser(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "show",
        parents=parents,
        help="show one entry with every field",
        description=describe("Show the entry KEY with every field (- where a field is not known)."),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("key", metavar="KEY", help="the entry key, e.g. sculley2015hidden")
    parser.add_argument(
        "--format", choices=ENTRY_FORMATS, default="text", help="output format (default: text)"
    )
    parser.set_defaults(run=run)


def closest_keys(catalogue: Catalogue, key: str, count: int = 3) -> list[str]:
    """Keys close to ``key`` (spelling first, then keys containing it), best first."""
    folded: dict[str, str] = {}
    for existing in catalogue.entries:
        folded.setdefault(existing.casefold(), existing)
    needle = key.strip().casefold()
    found = [folded[k] for k in difflib.get_close_matches(needle, list(folded), count, 0.6)]
    if len(found) < count and len(needle) >= 3:
        for lower, existing in sorted(folded.items()):
            if needle in lower and existing not in found:
                found.append(existing)
                if len(found) == count:
                    break
    return found


def find_entry(catalogue: Catalogue, key: str) -> Entry:
    """The entry ``key`` (or the one key equal to it ignoring case, or the entry it is an
    old key of, with a note on stderr); else :class:`CliError`."""
    entry = catalogue.entries.get(key)
    if entry is not None:
        return entry
    current = catalogue.current_key(key.strip())
    if current is not None:
        print(f"note: {key.strip()!r} is an old key of {current!r}", file=sys.stderr)
        return catalogue.entries[current]
    same = [e for k, e in catalogue.entries.items() if k.casefold() == key.strip().casefold()]
    if len(same) == 1:
        return same[0]
    close = closest_keys(catalogue, key)
    hint = (
        f"; did you mean {', '.join(repr(k) for k in close)}?"
        if close
        else "; 'seml list' shows the keys"
    )
    raise CliError(f"no entry with key {key!r}{hint}", code=EXIT_DATA)


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(sources_from_args(args))
    entry = find_entry(catalogue, args.key)
    fmt: str = args.format
    write_stdout(format_entry(catalogue, entry, fmt))
    return EXIT_OK

"""The ``seml`` argument parser: global options and one subcommand per module."""

from __future__ import annotations

import argparse

from ..version import __version__
from . import cmd_lint, cmd_list, cmd_show, cmd_stats, cmd_transfer, cmd_validate
from .common import PROG

__all__ = ["build_parser"]


DESCRIPTION = """\
Work with software-engineering-for-ML reading lists outside Sphinx: the
built-in catalogue (the awesome-seml list) plus your own --catalogue files.
"""

EPILOG = """\
examples:
  seml list deployment --flag must-read
  seml list --filter '"must-read" in flags and year >= 2019' --sort -year
  seml show sculley2015hidden
  seml stats
  seml --catalogue handbook.yaml list runbooks
  seml validate handbook.yaml
  seml export --format bibtex -o seml.bib
  seml import README.md -o catalogue.yaml

Names of categories and flags may be slugs (deployment), titles in any case
(Deployment and Operation) or aliases (mlops). 'seml COMMAND --help' explains
each command. Exit status: 0 success, 1 problems in the data (validation
problems, no such entry, nothing imported), 2 a bad command line (unknown
name, invalid filter, missing file, existing output file).
"""


def _catalogue_options(parser: argparse.ArgumentParser, *, suffix: str = "") -> None:
    group = parser.add_argument_group("catalogues")
    group.add_argument(
        "--catalogue",
        action="append",
        default=[],
        dest=f"catalogues{suffix}",
        metavar="FILE",
        help="also use this catalogue (YAML, TOML, JSON, BibTeX, CSL-JSON, Markdown, or"
        " entry-point:NAME; or a JSON mapping with its options, such as"
        ' \'{"path": "old.bib", "encoding": "latin-1"}\'); repeatable',
    )
    group.add_argument(
        "--no-builtin",
        action="store_true",
        dest=f"no_builtin{suffix}",
        help="leave out the built-in catalogue",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _catalogue_options(parser)

    # The same options after the command (seml list --catalogue x.yaml), kept in
    # their own attributes so that argparse's subparser defaults cannot erase
    # the values given before the command.
    after = argparse.ArgumentParser(add_help=False)
    _catalogue_options(after, suffix="_after")

    subparsers = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True
    )
    cmd_list.add_parser(subparsers, [after])
    cmd_show.add_parser(subparsers, [after])
    cmd_stats.add_parser(subparsers, [after])
    cmd_validate.add_parser(subparsers, [after])
    cmd_transfer.add_parsers(subparsers, [after])
    cmd_lint.add_parser(subparsers, [after])
    return parser

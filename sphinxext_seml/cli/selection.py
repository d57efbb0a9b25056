"""Turning ``list``/``stats`` arguments into a :class:`~..catalogue.query.Query`.

The arguments become a :class:`~..catalogue.selection.SelectionRequest`, read by
the same rules as the directives' options (:mod:`..catalogue.selection`): names
by slug, title/label or alias, unknown ones named with the closest valid
choices, ``--filter`` compiled by the whitelisting compiler. Here every problem
is an error: ``seml: error:`` lines and exit status 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..catalogue.query import parse_limit, parse_sort
from ..catalogue.selection import SelectionRequest, build_query
from .common import CliError

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue
    from ..catalogue.query import Query

__all__ = ["add_selection_arguments", "query_from_args", "selection_request"]


def _sort(text: str) -> str:
    try:
        return parse_sort(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _limit(text: str) -> int:
    try:
        return parse_limit(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_selection_arguments(parser: argparse.ArgumentParser, *, ordering: bool = True) -> None:
    """Categories, ``--flag``, ``--type``, ``--filter`` (and ``--sort``/``--limit``)."""
    parser.add_argument(
        "categories",
        nargs="*",
        metavar="CATEGORY",
        help="categories to list (slug, title or alias; none means all). A title with"
        " spaces may be written as separate words; commas also separate names",
    )
    group = parser.add_argument_group("selection")
    group.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="FLAG",
        help="only entries with this flag (repeatable; commas or spaces separate names:"
        " all must be set)",
    )
    group.add_argument(
        "--type",
        action="append",
        default=[],
        dest="types",
        metavar="TYPE",
        help="only entries of this type (repeatable; commas or spaces separate names: any of them)",
    )
    group.add_argument(
        "--no-subcategories",
        action="store_true",
        help="a CATEGORY without the categories nested in it (by default they are included)",
    )
    group.add_argument(
        "--filter",
        metavar="EXPR",
        help="a filter expression over entry fields, as in the directives' :filter:",
    )
    if ordering:
        group.add_argument(
            "--sort",
            type=_sort,
            default="catalogue",
            metavar="ORDER",
            help="catalogue (default), title, year, -year (newest first) or key",
        )
        group.add_argument(
            "--limit", type=_limit, metavar="N", help="at most N entries (after sorting)"
        )


def selection_request(args: argparse.Namespace) -> SelectionRequest:
    """The catalogue layer's request for the parsed arguments.

    The positional words are one text (a title may be written unquoted);
    ``--sort`` and ``--limit`` were checked by argparse already.
    """
    positional: list[str] = list(args.categories)
    limit: int | None = getattr(args, "limit", None)
    return SelectionRequest(
        categories=(" ".join(positional),) if positional else (),
        flags=tuple(args.flag),
        types=tuple(args.types),
        filter=args.filter,
        sort=getattr(args, "sort", None),
        limit=None if limit is None else str(limit),
        spelling="--{}",
        subcategories=not getattr(args, "no_subcategories", False),
    )


def query_from_args(args: argparse.Namespace, catalogue: Catalogue) -> Query:
    """The query the arguments ask for; unknown names and bad filters are CLI errors."""
    built = build_query(catalogue, selection_request(args))
    if built.problems:
        raise CliError(*(problem.message for problem in built.problems))
    return built.query

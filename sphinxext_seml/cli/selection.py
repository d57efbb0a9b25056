"""Turning ``list``/``stats`` arguments into a :class:`~..catalogue.query.Query`.

The same name resolution and filter language as the directives: categories,
flags and types by slug, title/label or alias; unknown names are errors naming
the closest valid choices; ``--filter`` is compiled by the catalogue layer's
whitelisting compiler.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..catalogue.errors import FilterError
from ..catalogue.filter import compile_filter
from ..catalogue.names import category_index
from ..catalogue.query import (
    Query,
    filter_resolver,
    parse_limit,
    parse_sort,
    resolve_categories,
    resolve_flags,
    resolve_types,
    split_names,
)
from .common import CliError, split_commas

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalogue.model import Catalogue

__all__ = ["add_selection_arguments", "category_names", "query_from_args"]


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
        help="only entries with this flag (repeatable or comma-separated: all must be set)",
    )
    group.add_argument(
        "--type",
        action="append",
        default=[],
        dest="types",
        metavar="TYPE",
        help="only entries of this type (repeatable or comma-separated: any of them)",
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


def category_names(arguments: Sequence[str], catalogue: Catalogue) -> list[str]:
    """Category names from positional arguments, split like the ``seml-list`` argument.

    The words are joined and split again, so ``Deployment and Operation`` (quoted
    or not) is one name and ``deployment data`` two; commas also separate names.
    """
    text = " ".join(arguments)
    index = category_index(catalogue)
    return [name for part in text.split(",") for name in split_names(part, index)]


def query_from_args(args: argparse.Namespace, catalogue: Catalogue) -> Query:
    """The query the arguments ask for; unknown names and bad filters are CLI errors."""
    errors: list[str] = []
    categories: list[str] = []
    positional: list[str] = list(args.categories)
    if positional:
        found, unknown = resolve_categories(catalogue, category_names(positional, catalogue))
        categories = found
        errors += [error.message for error in unknown]
    flags: list[str] = []
    flag_values: list[str] = list(args.flag)
    if flag_values:
        flags, unknown = resolve_flags(catalogue, split_commas(flag_values))
        errors += [error.message for error in unknown]
    types: list[str] = []
    type_values: list[str] = list(args.types)
    if type_values:
        types, unknown = resolve_types(catalogue, split_commas(type_values))
        errors += [error.message for error in unknown]
    entry_filter = None
    text: str | None = args.filter
    if text is not None:
        try:
            entry_filter = compile_filter(text, filter_resolver(catalogue))
        except FilterError as exc:
            errors.append(f"invalid --filter {_quote(text)}: {exc}")
    if errors:
        raise CliError(*errors)
    sort: str = getattr(args, "sort", "catalogue")
    limit: int | None = getattr(args, "limit", None)
    return Query(
        categories=tuple(categories),
        flags=tuple(flags),
        types=tuple(types),
        filter=entry_filter,
        sort=sort,
        limit=limit,
    )


def _quote(text: str) -> str:
    return repr(" ".join(text.split()))

"""From a selection as the user wrote it to a :class:`~.query.Query`: one set of rules.

The directives' options (``:flag:``, ``:type:``, ``:filter:``, ``:sort:``,
``:limit:``) and the ``seml list``/``seml stats`` arguments ask the same
question in two notations. Both front ends put the text they were given in a
:class:`SelectionRequest` and call :func:`build_query`, so names split, resolve
and fail the same way everywhere; they differ only in how a problem is shown
(a warning at the directive's line, or ``seml: error:`` and exit status 2).

The rules:

* names are separated by commas; between commas, words are grouped into the
  longest runs that are known names (:func:`~.query.split_names`), so
  ``Deployment and Operation`` is one category, ``must-read scientific`` two
  flags and ``Must read`` the flag ``must-read``;
* an unknown name is a problem naming the closest choices. Categories and types
  match *any* of theirs, so the known ones still apply and nothing matches only
  when none is known; flags must *all* be set, so one unknown flag means
  nothing matches (never a wider list than asked for);
* an invalid filter is a problem, and nothing matches;
* a bad sort or limit is a problem, and the default is used.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import FilterError
from .query import (
    Query,
    filter_resolver,
    index_for,
    parse_limit,
    parse_sort,
    resolve_categories,
    resolve_flags,
    resolve_types,
    split_names,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .errors import UnknownNameError
    from .filter import EntryFilter
    from .model import Catalogue
    from .names import NameIndex

    _Resolve = Callable[[Catalogue, Iterable[str]], tuple[list[str], list[UnknownNameError]]]

__all__ = [
    "BuiltQuery",
    "SelectionOption",
    "SelectionProblem",
    "SelectionRequest",
    "build_query",
    "split_name_texts",
    "with_subcategories",
]

# The filter compiler reads each line break as a space: quote the expression the same
# way, so that the column of its message points into the quoted text, on one line.
_FLAT = str.maketrans("\r\n\t\f\v", "     ")


class SelectionOption(enum.StrEnum):
    """The part of a selection a problem is about (the front end picks its wording)."""

    CATEGORIES = "categories"
    FLAG = "flag"
    TYPE = "type"
    FILTER = "filter"
    SORT = "sort"
    LIMIT = "limit"


@dataclass(frozen=True, slots=True)
class SelectionRequest:
    """A selection as written: each name field holds texts of one or more names."""

    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    filter: str | None = None
    sort: str | None = None
    limit: str | None = None
    #: Sort names the caller implements itself (a bibliography's ``cited``, ``author``):
    #: the first is the default; with one of them the query keeps catalogue order and
    #: no limit, and :attr:`BuiltQuery.sort`/``limit`` tell the caller what to apply.
    extra_sorts: tuple[str, ...] = ()
    #: How an option is written in messages: ``:{}:`` in a directive, ``--{}`` in a shell.
    spelling: str = ":{}:"
    #: Whether a category stands for its subcategories too (a README's ``###`` under
    #: ``##``): ``:no-subcategories:`` / ``--no-subcategories`` turn it off.
    subcategories: bool = True


@dataclass(frozen=True, slots=True)
class SelectionProblem:
    """One thing in a request that could not be understood."""

    option: SelectionOption
    message: str


@dataclass(frozen=True, slots=True)
class BuiltQuery:
    """The query a request asks for, and what was wrong with it.

    ``ok`` is False when a condition could not be understood: then nothing
    matches, whatever ``query`` would select.
    """

    query: Query
    problems: tuple[SelectionProblem, ...] = ()
    ok: bool = True
    sort: str = "catalogue"
    limit: int | None = None


def with_subcategories(catalogue: Catalogue, slugs: tuple[str, ...]) -> tuple[str, ...]:
    """``slugs`` and, after each, every category below it (by ``parent``, at any depth)."""
    if not slugs:
        return slugs
    children: dict[str, list[str]] = {}
    for category in catalogue.ordered_categories():
        if category.parent:
            children.setdefault(category.parent, []).append(category.slug)
    if not children:
        return slugs
    out: dict[str, None] = {}
    pending = list(reversed(slugs))
    while pending:  # depth first, each slug once: a parent cycle cannot loop
        slug = pending.pop()
        if slug not in out:
            out[slug] = None
            pending.extend(reversed(children.get(slug, ())))
    return tuple(out)


def split_name_texts(texts: Iterable[str], index: NameIndex) -> list[str]:
    """The names in ``texts``: split at commas, then into the longest known runs of words."""
    return [name for text in texts for part in text.split(",") for name in split_names(part, index)]


@dataclass
class _Builder:
    """The state of one :func:`build_query` call: problems found so far, and ``ok``."""

    catalogue: Catalogue
    request: SelectionRequest
    problems: list[SelectionProblem] = field(default_factory=list)
    ok: bool = True

    def report(self, option: SelectionOption, message: str) -> None:
        self.problems.append(SelectionProblem(option, message))

    def names(
        self, option: SelectionOption, texts: tuple[str, ...], index: NameIndex, resolve: _Resolve
    ) -> tuple[str, ...]:
        """Slugs of the names in ``texts``, each unknown one reported."""
        slugs, errors = resolve(self.catalogue, split_name_texts(texts, index))
        for error in errors:
            self.report(option, error.message)
        if option is SelectionOption.FLAG:
            # All must be set: one unknown flag is a condition no entry meets.
            self.ok = self.ok and not errors
        elif any(text.strip() for text in texts) and not slugs:
            # Any of them may match: only when none is known does nothing match.
            self.ok = False
        return tuple(slugs)

    def entry_filter(self) -> EntryFilter | None:
        text = self.request.filter
        if text is None:
            return None
        # lazy: the filter language (its parser and compiler) only for a :filter: option
        from .filter import compile_filter

        try:
            return compile_filter(text, filter_resolver(self.catalogue))
        except FilterError as exc:
            option = self.request.spelling.format(SelectionOption.FILTER)
            self.report(
                SelectionOption.FILTER, f"invalid {option} {text.translate(_FLAT)!r}: {exc}"
            )
            self.ok = False
            return None

    def sort(self) -> str:
        extra = self.request.extra_sorts
        text = self.request.sort
        if text is None:
            return extra[0] if extra else "catalogue"
        if text.strip().lower() in extra:
            return text.strip().lower()
        try:
            return parse_sort(text)
        except ValueError as exc:
            hint = f" (or {', '.join(extra)})" if extra else ""
            self.report(SelectionOption.SORT, f"{exc}{hint}")
            return extra[0] if extra else "catalogue"

    def limit(self) -> int | None:
        if self.request.limit is None:
            return None
        try:
            return parse_limit(self.request.limit)
        except ValueError as exc:
            self.report(SelectionOption.LIMIT, str(exc))
            return None


def build_query(catalogue: Catalogue, request: SelectionRequest) -> BuiltQuery:
    """The query ``request`` asks of ``catalogue``, with every problem found in it."""
    builder = _Builder(catalogue, request)
    index = index_for(catalogue)
    categories = builder.names(
        SelectionOption.CATEGORIES, request.categories, index.categories, resolve_categories
    )
    if request.subcategories:
        categories = with_subcategories(catalogue, categories)
    flags = builder.names(SelectionOption.FLAG, request.flags, index.flags, resolve_flags)
    types = builder.names(SelectionOption.TYPE, request.types, index.types, resolve_types)
    entry_filter = builder.entry_filter()
    sort = builder.sort()
    limit = builder.limit()
    own_sort = sort in request.extra_sorts
    query = Query(
        categories=categories,
        flags=flags,
        types=types,
        filter=entry_filter,
        sort="catalogue" if own_sort else sort,
        limit=None if own_sort else limit,
    )
    return BuiltQuery(query, tuple(builder.problems), builder.ok, sort, limit)

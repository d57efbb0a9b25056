"""Options shared by the list-like directives, and their reading into a query.

Options are read as plain text and checked here rather than by docutils
converters, so that a bad value is a located ``seml.*`` warning naming the valid
choices (and the directive still renders) instead of a generic directive error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..catalogue.errors import FilterError
from ..catalogue.filter import compile_filter
from ..catalogue.query import (
    Query,
    filter_resolver,
    parse_limit,
    parse_sort,
    resolve_flags,
    resolve_types,
)
from .config import LIST_STYLES, SemlConfig, get_config
from .diagnostics import Subtype, warn
from .domain import seml_domain
from .render import Renderer, RenderOptions
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..catalogue.model import Catalogue


def split_list(text: str) -> list[str]:
    """``a, b`` or ``a b`` -> ``["a", "b"]``."""
    return [part for part in text.replace(",", " ").split() if part]


@dataclass
class Selection:
    """What a directive asked for, after checking: the query, how to render it, and
    ``ok`` False when a condition could not be understood (nothing then matches)."""

    query: Query
    render: RenderOptions
    ok: bool = True
    sort: str = "catalogue"
    limit: int | None = None


def _no_warning(message: str, subtype: Subtype) -> None:
    pass


def read_selection(
    catalogue: Catalogue,
    config: SemlConfig,
    options: Mapping[str, Any],
    categories: tuple[str, ...] = (),
    warn: Callable[[str, Subtype], None] = _no_warning,
    extra_sorts: tuple[str, ...] = (),
) -> Selection:
    """Read the common options into a query; every bad value is reported through ``warn``.

    ``extra_sorts`` are sort names the caller implements itself (the bibliography's
    ``cited`` and ``author``): they are kept in ``Selection.sort``, the query sorts
    in catalogue order and does not apply the limit.
    """
    ok = True
    flags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    if "flag" in options:
        found, errors = resolve_flags(catalogue, split_list(options["flag"]))
        for error in errors:
            warn(error.message, Subtype.UNKNOWN_FLAG)
        # An unknown flag is a condition no entry meets: never widen the list.
        ok = ok and not errors
        flags = tuple(found)
    if "type" in options:
        found, errors = resolve_types(catalogue, split_list(options["type"]))
        for error in errors:
            warn(error.message, Subtype.UNKNOWN_TYPE)
        ok = ok and bool(found)
        types = tuple(found)
    entry_filter = None
    if "filter" in options:
        try:
            entry_filter = compile_filter(options["filter"], filter_resolver(catalogue))
        except FilterError as exc:
            warn(f"invalid :filter: {options['filter']!r}: {exc}", Subtype.INVALID_FILTER)
            ok = False
    sort = extra_sorts[0] if extra_sorts else "catalogue"
    if "sort" in options:
        text = options["sort"].strip().lower()
        if text in extra_sorts:
            sort = text
        else:
            try:
                sort = parse_sort(text)
            except ValueError as exc:
                hint = f" (or {', '.join(extra_sorts)})" if extra_sorts else ""
                warn(f"{exc}{hint}", Subtype.INVALID_OPTION)
    limit = None
    if "limit" in options:
        try:
            limit = parse_limit(options["limit"])
        except ValueError as exc:
            warn(str(exc), Subtype.INVALID_OPTION)
    style = options.get("style", config.default_style).strip()
    if style not in LIST_STYLES:
        warn(
            f"unknown :style: {style!r}; use one of {', '.join(LIST_STYLES)}."
            f" Using {config.default_style!r}.",
            Subtype.INVALID_OPTION,
        )
        style = config.default_style
    render = RenderOptions(
        style=style,
        badges="no-badges" not in options,
        summary=config.show_summary,
        classes=list(options.get("class", [])),
    )
    own_sort = sort in extra_sorts
    query = Query(
        categories=categories,
        flags=flags,
        types=types,
        filter=entry_filter,
        sort="catalogue" if own_sort else sort,
        limit=None if own_sort else limit,
    )
    return Selection(query, render, ok, sort, limit)


class SemlDirective(SphinxDirective):
    """Base of the directives: option reading, warnings at the directive, the domain."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "flag": directives.unchanged_required,
        "type": directives.unchanged_required,
        "filter": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "limit": directives.unchanged_required,
        "style": directives.unchanged_required,
        "no-badges": directives.flag,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    @property
    def catalogue(self) -> Catalogue:
        return catalogue_for(self.env)

    def warn(self, message: str, subtype: Subtype) -> None:
        warn(f"{self.name}: {message}", subtype, self.get_location())

    def selection(
        self, categories: tuple[str, ...] = (), extra_sorts: tuple[str, ...] = ()
    ) -> Selection:
        return read_selection(
            self.catalogue,
            get_config(self.config),
            self.options,
            categories,
            self.warn,
            extra_sorts,
        )

    def named(self, *output: nodes.Node) -> list[nodes.Node]:
        """``output`` preceded by a target carrying ``:name:``, if given.

        A target rather than ``add_name`` on the element: docutils moves its id
        onto the element (HTML), and LaTeX writes a ``\\label`` for it, which it
        does not for lists and containers.
        """
        if "name" not in self.options:
            return list(output)
        target = nodes.target("", "")
        self.add_name(target)
        return [target, *output]

    def usage_options(self) -> dict[str, Any]:
        """The options that decide what the directive shows, for usage records."""
        return {k: v for k, v in self.options.items() if k != "name"}

    def renderer(self, render: RenderOptions) -> Renderer:
        return Renderer(self.env, self.state.document, render)

    def register(self, renderer: Renderer) -> None:
        domain = seml_domain(self.env)
        for key, anchor in renderer.rendered:
            domain.note_entry(self.env.docname, key, anchor)

"""Options shared by the list-like directives, and their reading into a query.

Options are read as plain text and checked here rather than by docutils
converters, so that a bad value is a located ``seml.*`` warning naming the valid
choices (and the directive still renders) instead of a generic directive error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..catalogue.errors import FilterError, UnknownNameError
from ..catalogue.filter import compile_filter
from ..catalogue.query import (
    Query,
    filter_resolver,
    parse_limit,
    parse_sort,
    resolve_flags,
    resolve_types,
)
from .config import LIST_STYLES, get_config
from .diagnostics import Subtype, warn
from .domain import seml_domain
from .render import Renderer, RenderOptions
from .store import catalogue_for, note_sources

if TYPE_CHECKING:
    from collections.abc import Callable

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

    def selection(self, categories: tuple[str, ...] = ()) -> Selection:
        catalogue = self.catalogue
        ok = True
        flags: tuple[str, ...] = ()
        types: tuple[str, ...] = ()
        if "flag" in self.options:
            found, errors = resolve_flags(catalogue, split_list(self.options["flag"]))
            for error in errors:
                self.warn(error.message, Subtype.UNKNOWN_FLAG)
            # An unknown flag is a condition no entry meets: never widen the list.
            ok = ok and not errors
            flags = tuple(found)
        if "type" in self.options:
            found, errors = resolve_types(catalogue, split_list(self.options["type"]))
            for error in errors:
                self.warn(error.message, Subtype.UNKNOWN_TYPE)
            ok = ok and bool(found)
            types = tuple(found)
        entry_filter = None
        if "filter" in self.options:
            try:
                entry_filter = compile_filter(self.options["filter"], filter_resolver(catalogue))
            except FilterError as exc:
                self.warn(
                    f"invalid :filter: {self.options['filter']!r}: {exc}", Subtype.INVALID_FILTER
                )
                ok = False
        sort = "catalogue"
        if "sort" in self.options:
            try:
                sort = parse_sort(self.options["sort"])
            except ValueError as exc:
                self.warn(str(exc), Subtype.INVALID_OPTION)
        limit = None
        if "limit" in self.options:
            try:
                limit = parse_limit(self.options["limit"])
            except ValueError as exc:
                self.warn(str(exc), Subtype.INVALID_OPTION)
        config = get_config(self.config)
        style = self.options.get("style", config.default_style).strip()
        if style not in LIST_STYLES:
            self.warn(
                f"unknown :style: {style!r}; use one of {', '.join(LIST_STYLES)}."
                f" Using {config.default_style!r}.",
                Subtype.INVALID_OPTION,
            )
            style = config.default_style
        render = RenderOptions(
            style=style,
            badges="no-badges" not in self.options,
            summary=config.show_summary,
            classes=list(self.options.get("class", [])),
        )
        query = Query(
            categories=categories, flags=flags, types=types, filter=entry_filter,
            sort=sort, limit=limit,
        )
        return Selection(query, render, ok)

    def renderer(self, render: RenderOptions) -> Renderer:
        note_sources(self.env)
        return Renderer(self.env, self.state.document, render)

    def register(self, renderer: Renderer) -> None:
        domain = seml_domain(self.env)
        for key, anchor in renderer.rendered:
            domain.note_entry(self.env.docname, key, anchor)

    def unknown_name(self, error: UnknownNameError, subtype: Subtype) -> None:
        self.warn(error.message, subtype)

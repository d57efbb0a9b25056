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

from ..catalogue.selection import SelectionOption, SelectionRequest, build_query
from .config import LIST_STYLES, SemlConfig, get_config
from .diagnostics import Subtype, warn
from .domain import seml_domain
from .downloads import directive_formats, downloads_node
from .filters import add_filters, filters_on
from .render import Renderer, RenderOptions
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ..catalogue.model import Catalogue
    from ..catalogue.query import Query

#: The warning subtype of each kind of selection problem.
SUBTYPES: dict[SelectionOption, Subtype] = {
    SelectionOption.CATEGORIES: Subtype.UNKNOWN_CATEGORY,
    SelectionOption.FLAG: Subtype.UNKNOWN_FLAG,
    SelectionOption.TYPE: Subtype.UNKNOWN_TYPE,
    SelectionOption.FILTER: Subtype.INVALID_FILTER,
    SelectionOption.SORT: Subtype.INVALID_OPTION,
    SelectionOption.LIMIT: Subtype.INVALID_OPTION,
}


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


def selection_request(
    options: Mapping[str, Any], categories: tuple[str, ...] = (), extra_sorts: tuple[str, ...] = ()
) -> SelectionRequest:
    """The catalogue layer's request for a directive's options (and its categories)."""

    def texts(name: str) -> tuple[str, ...]:
        return (options[name],) if name in options else ()

    return SelectionRequest(
        categories=categories,
        flags=texts("flag"),
        types=texts("type"),
        filter=options.get("filter"),
        sort=options.get("sort"),
        limit=options.get("limit"),
        extra_sorts=extra_sorts,
        subcategories="no-subcategories" not in options,
    )


def render_options(
    config: SemlConfig,
    options: Mapping[str, Any],
    warn: Callable[[str, Subtype], None],
    scope: Scope | None = None,
) -> RenderOptions:
    """How the directive's entries look: ``:style:``, ``:no-badges:``, ``:class:``."""
    default = (scope and scope.default_style) or config.default_style
    styles = (*(scope.extra_styles if scope else ()), *LIST_STYLES)
    style = options.get("style", default).strip()
    if style not in styles:
        warn(
            f"unknown :style: {style!r}; use one of {', '.join(styles)}. Using {default!r}.",
            Subtype.INVALID_OPTION,
        )
        style = default
    return RenderOptions(
        style=style,
        badges="no-badges" not in options,
        summary=config.show_summary,
        classes=list(options.get("class", [])),
    )


@dataclass(frozen=True, slots=True)
class Scope:
    """What a directive adds to its options: the categories of its argument, and
    ``extra_sorts``, sort names it implements itself (the bibliography's ``cited``
    and ``author``): those are kept in ``Selection.sort``, the query then sorts in
    catalogue order and does not apply the limit."""

    categories: tuple[str, ...] = ()
    extra_sorts: tuple[str, ...] = ()
    #: Styles the directive draws itself (the bibliography's ``references``), and its
    #: default style when not ``seml_default_style``.
    extra_styles: tuple[str, ...] = ()
    default_style: str | None = None


def read_selection(
    catalogue: Catalogue,
    config: SemlConfig,
    options: Mapping[str, Any],
    warn: Callable[[str, Subtype], None] = _no_warning,
    scope: Scope = Scope(),  # frozen: one shared default is safe
) -> Selection:
    """Read the common options into a query; every bad value is reported through ``warn``.

    The query follows the catalogue layer's rules (:mod:`..catalogue.selection`), the
    same as the ``seml`` command line's.
    """
    built = build_query(catalogue, selection_request(options, scope.categories, scope.extra_sorts))
    for problem in built.problems:
        warn(problem.message, SUBTYPES[problem.option])
    render = render_options(config, options, warn, scope)
    return Selection(built.query, render, built.ok, built.sort, built.limit)


#: The ``:download:`` option of the directives that offer downloads.
DOWNLOAD_OPTION: dict[str, Callable[[str], object]] = {"download": directives.unchanged}


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
        "no-subcategories": directives.flag,
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
            self.warn,
            Scope(categories, extra_sorts),
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

    def downloads(self, keys: Sequence[str], kind: str) -> list[nodes.Node]:
        """The downloads of ``keys`` this directive offers (``:download:`` or the setting)."""
        formats = self.download_formats()
        serial = self.env.new_serialno("seml-downloads") + 1
        return downloads_node(keys, formats, f"{self.env.docname}-{kind}-{serial}")

    def download_formats(self) -> tuple[str, ...]:
        return directive_formats(
            self.options, self.config, lambda message: self.warn(message, Subtype.INVALID_OPTION)
        )

    def filters(self, output: Sequence[nodes.Node], renderer: Renderer) -> list[nodes.Node]:
        """The filter controls for the entries ``renderer`` placed in ``output``, if this
        directive filters (``:filters:``, else ``seml_html_filters``)."""
        if not filters_on(self.options, self.config, self.warn_option):
            return []
        return add_filters(self.env, output, renderer.rendered)

    def warn_option(self, message: str) -> None:
        self.warn(message, Subtype.INVALID_OPTION)

    def register(self, renderer: Renderer) -> None:
        domain = seml_domain(self.env)
        for key, anchor in renderer.rendered:
            domain.note_entry(self.env.docname, key, anchor)

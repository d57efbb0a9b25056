"""Filtering a list in the page: the ``:filters:`` option and ``seml_html_filters``.

A :rst:dir:`seml-list` or :rst:dir:`seml-catalogue` with filters leaves a
``seml_filters`` node above its entries, and an invisible ``seml_entry_data`` node in
each entry's element (list item, card, table row) with what the script filters on.
The HTML writer writes the first as an empty, hidden ``<div>`` holding the chips'
labels, and the second as ``data-seml-*`` attributes on its element's start tag;
``static/sphinxext-seml-filters.js`` builds the controls inside the ``<div>``.
Without JavaScript every entry shows and no control does.

Every other builder leaves both nodes out, so its output is what it is without
filters. The script and its stylesheet are linked only from the pages that have
filters, which the environment records while reading (:class:`FilterPages`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.locale import get_translation

from ..catalogue.names import fold
from ..catalogue.persons import parse_name
from ..catalogue.summaries import summary_plain
from .badges import badge_label
from .config import get_config
from .i18n import translated
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from ..catalogue.model import Catalogue, Entry

_ = get_translation("sphinxext_seml")

SCRIPT: Final = "sphinxext-seml-filters.js"
STYLESHEET: Final = "sphinxext-seml-filters.css"
#: The environment attribute naming the documents that have filters.
PAGES_ATTRIBUTE: Final = "seml_filter_pages"

#: The ``:filters:`` option of seml-list and seml-catalogue.
FILTERS_OPTION: dict[str, Callable[[str], object]] = {"filters": directives.unchanged}

#: The facets, in the order the chips show them: data attribute -> the chips' label.
FACETS: Final = ("flag", "category", "type", "year")


class seml_filters(nodes.General, nodes.Element):
    """Where the controls go. Attributes: ``box`` (its id), ``total`` (entries),
    ``facets`` (``[[facet, [[value, label], ...]], ...]``)."""


class seml_entry_data(nodes.Invisible, nodes.Element):
    """The data of one entry, first in its element's first paragraph. Attributes:
    ``owner`` (the element's id), ``data`` (its ``data-*`` attributes). Invisible, so
    docutils' compact-list and compact-paragraph checks do not see it; every builder
    but HTML leaves it out."""


#: The nodes an entry is rendered as, in a list, in cards and in a table.
_ENTRY_NODES: Final = (nodes.list_item, nodes.container, nodes.row)


def filters_on(options: Mapping[str, object], config: Config, warn: Callable[[str], None]) -> bool:
    """Whether a directive filters: ``:filters:`` on, ``:filters: none`` off, else
    ``seml_html_filters``. Any other value warns and turns them on."""
    given = options.get("filters")
    if not isinstance(given, str):
        return get_config(config).html_filters
    value = given.strip().lower()
    if value not in ("", "none"):
        warn(f":filters: takes no value, or none to turn them off, not {given.strip()!r}")
    return value != "none"


# -- reading: the controls' node and the entries' data ------------------------------------


def _searchable(entry: Entry) -> str:
    """What the text box matches: key, title, authors, year, venue, DOI, tags and
    summary, folded as :func:`..catalogue.names.fold` folds (case and accents)."""
    parts = [entry.key, entry.title, *(parse_name(a).display for a in entry.authors)]
    parts += [str(entry.year or ""), entry.venue or "", entry.doi or "", *entry.tags]
    parts.append(summary_plain(entry.summary, "{text}") if entry.summary else "")
    return fold(" ".join(p for p in parts if p))


def entry_data(entry: Entry, box: str) -> dict[str, str]:
    """The ``data-*`` attributes of one entry element in the box ``box``."""
    data = {
        "seml-filter": box,
        "seml-flags": " ".join(entry.flags),
        "seml-category": entry.category,
        "seml-type": entry.type,
        "seml-text": _searchable(entry),
    }
    if entry.year:
        data["seml-year"] = str(entry.year)
    return data


def _facets(env: BuildEnvironment, catalogue: Catalogue, shown: Sequence[Entry]) -> list[Any]:
    """Each facet with two values or more among ``shown`` (one cannot narrow
    anything), its values in catalogue order (years newest first) and their labels."""
    flags = {f for e in shown for f in e.flags if f in catalogue.flags}
    categories = {e.category for e in shown}
    types = {e.type for e in shown}
    years = sorted({e.year for e in shown if e.year}, reverse=True)
    groups: list[tuple[str, list[list[str]]]] = [
        ("flag", [[f, badge_label(env, f)] for f in catalogue.flags if f in flags]),
        (
            "category",
            [
                [c.slug, translated(c.title)]
                for c in catalogue.categories.values()
                if c.slug in categories
            ],
        ),
        ("type", [[t, translated(t)] for t in sorted(types)]),
        ("year", [[str(y), str(y)] for y in years]),
    ]
    return [[name, values] for name, values in groups if len(values) > 1]


def _box_id(env: BuildEnvironment) -> str:
    """Unique in a page, and across the pages singlehtml joins."""
    serial = env.new_serialno("seml-filters") + 1
    return nodes.make_id(f"seml-filters-{env.docname}-{serial}")


def add_filters(
    env: BuildEnvironment,
    output: Iterable[nodes.Node],
    rendered: Iterable[tuple[str, str]],
) -> list[nodes.Node]:
    """The controls for the entries ``rendered`` (``(key, anchor)``) in ``output``, whose
    elements get their data; nothing where there is no entry."""
    catalogue = catalogue_for(env)
    by_anchor = {anchor: catalogue.entries[key] for key, anchor in rendered}
    found = [
        node
        for root in output
        if isinstance(root, nodes.Element)
        for node in root.findall(nodes.Element)
        if isinstance(node, _ENTRY_NODES) and node["ids"] and node["ids"][0] in by_anchor
    ]
    if not found:
        return []
    box = _box_id(env)
    shown = []
    for node in found:
        entry = by_anchor[node["ids"][0]]
        shown.append(entry)
        marker = seml_entry_data("", owner=node["ids"][0], data=entry_data(entry, box))
        # In the first paragraph: a row holds cells only, and docutils' compact-list
        # check looks into a list item's children but not into its paragraphs.
        where = node.next_node(nodes.paragraph)
        assert isinstance(where, nodes.Element)
        where.insert(0, marker)
    filter_pages(env).add(env.docname)
    return [seml_filters("", box=box, total=len(found), facets=_facets(env, catalogue, shown))]


# -- the pages that have filters -----------------------------------------------------------


def filter_pages(env: BuildEnvironment) -> set[str]:
    """The documents with filters (kept in the environment, right for ``-j N`` and
    incremental builds by :class:`FilterPages`)."""
    pages: set[str] | None = getattr(env, PAGES_ATTRIBUTE, None)
    if pages is None:
        pages = set()
        setattr(env, PAGES_ATTRIBUTE, pages)
    return pages


class FilterPages(EnvironmentCollector):
    """Forgets a document re-read, and merges what parallel readers found."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        filter_pages(env).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        filter_pages(env).update(filter_pages(other) & set(docnames))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass  # recorded by the directives themselves, with no walk of the doctree


def _link_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Link the script and its stylesheet from the pages with filters only (singlehtml:
    its one page, when any document has filters)."""
    pages = filter_pages(app.env)
    if not pages or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    if app.builder.name == "singlehtml":
        if pagename != app.config.root_doc:
            return
    elif pagename not in pages:
        return
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, loading_method="defer")


# -- writing -----------------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    """The controls' texts, in the project's language."""
    return {
        "region": str(_("Filter these entries")),
        "search": str(_("Filter by text")),
        "placeholder": str(_("Filter…")),
        "count": str(_("%(shown)s of %(total)s")),
        "clear": str(_("Clear filters")),
        "flag": str(_("Flags")),
        "category": str(_("Categories")),
        "type": str(_("Types")),
        "year": str(_("Years")),
    }


def visit_filters_html(self: HTML5Translator, node: seml_filters) -> None:
    # Ids a target gave the node (``:name:``) stay outside the hidden box, so that a
    # link to them lands there with or without the script.
    self.body.extend(f'<span id="{self.attval(anchor)}"></span>' for anchor in node["ids"])
    if self.builder.name.startswith("epub"):
        raise nodes.SkipNode
    attributes = {
        "class": "seml-filters",
        "id": node["box"],
        "data-seml-total": str(node["total"]),
        "data-seml-facets": json.dumps(node["facets"], ensure_ascii=False, separators=(",", ":")),
        "data-seml-labels": json.dumps(_labels(), ensure_ascii=False, separators=(",", ":")),
    }
    written = "".join(f' {name}="{self.attval(value)}"' for name, value in attributes.items())
    self.body.append(f"<div{written} hidden></div>\n")
    raise nodes.SkipNode


def visit_entry_data_html(self: HTML5Translator, node: seml_entry_data) -> None:
    """Add the data attributes to the start tag of the entry's element, written a
    few tags before (those of its paragraph, and a row's cell)."""
    if self.builder.name.startswith("epub"):
        raise nodes.SkipNode
    owner = f' id="{self.attval(node["owner"])}"'
    attributes = "".join(
        f' data-{name}="{self.attval(value)}"' for name, value in node["data"].items()
    )
    for index in range(len(self.body) - 1, max(len(self.body) - 8, -1), -1):
        tag = self.body[index]
        end = tag.find(">")
        if tag.startswith("<") and owner in tag[:end]:
            self.body[index] = tag[:end] + attributes + tag[end:]
            break
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: seml_filters) -> None:
    raise nodes.SkipNode


def setup_filters(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(
        seml_filters, html=(visit_filters_html, None), latex=skip, text=skip, man=skip, texinfo=skip
    )
    app.add_node(
        seml_entry_data,
        html=(visit_entry_data_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_env_collector(FilterPages)
    app.connect("html-page-context", _link_assets)

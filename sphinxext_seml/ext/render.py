"""Turning catalogue entries into standard docutils nodes.

Everything but the badge is a standard node (lists, tables, field lists,
containers, references), so every builder renders it and ``linkcheck`` sees
each entry URL. An entry without a URL has its title as text
(:func:`entry_title`), so there is nothing to check. Text goes in as ``Text``
nodes: writers escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ..catalogue.citations import shown_title
from ..catalogue.cslformat import format_reference
from ..catalogue.model import OTHERS
from ..catalogue.persons import parse_name
from ..catalogue.summaries import summary_parts
from ..catalogue.values import resolved_url
from .anchors import anchor_for
from .badges import make_badge
from .coins import coins_node
from .config import get_config
from .i18n import translated
from .references import csl_nodes
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.text import TextTranslator

    from ..catalogue.model import Catalogue, Entry

_ = get_translation("sphinxext_seml")


def href(url: str) -> str:
    """Where a link goes (:func:`..catalogue.values.resolved_url`)."""
    return resolved_url(url)


def format_authors(authors: Sequence[str], *, short: bool) -> str:
    """``A``, ``A and B``, ``A, B and C``; with ``short``, four or more become ``A et al.``.

    Each name in reading order ("Guido van Rossum", "Google Research" for ``{Google Research}``).
    """
    names = [parse_name(a).display for a in authors if a != OTHERS]
    truncated = len(names) != len(authors)
    if not names:
        return ""
    if short and (len(names) > 3 or (truncated and len(names) > 1)):
        return f"{names[0]} {_('et al.')}"
    if truncated:
        return ", ".join(names) + f" {_('et al.')}"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {_('and')} " + names[-1]


def untranslatable(node: nodes.Node) -> nodes.Node:
    """Keep generated text out of the project's message catalogues (gettext):
    catalogue data is not the project's prose, and our labels have their own."""
    for text_node in node.findall(nodes.TextElement):
        # Inline nodes are never extracted, and Sphinx strips any inline that
        # carries a 'translatable' attribute (RemoveTranslatableInline).
        if not isinstance(text_node, nodes.Inline):
            text_node["translatable"] = False
    return node


def _reference_parts(entry: Entry, year_text: str | None = None) -> tuple[str, str]:
    """The text before and after the title in a formatted reference."""
    authors = format_authors(entry.authors, short=False)
    if year_text is None:
        year_text = str(entry.year) if entry.year else str(_("n.d."))
    year = f"({year_text})"
    before = f"{authors} {year}. " if authors else ""
    after = "." if authors else f" {year}."
    if entry.venue:
        after += " " + entry.venue.rstrip(".") + "."
    return before, after


def reference_text(entry: Entry) -> str:
    """The formatted reference as plain text, e.g. for a citation's tooltip:
    ``Authors (Year). Title. Venue.``; without authors ``Title (Year). Venue.``"""
    before, after = _reference_parts(entry)
    if not (entry.title or entry.url) and before:
        return before.rstrip() + after.removeprefix(".")  # nothing stands for a title
    return f"{before}{shown_title(entry).rstrip('.')}{after}"


class seml_summary_link(nodes.reference):
    """A link inside a summary: a reference everywhere (found by ``linkcheck``); the
    text builder adds its URL, ``Bar (https://bar.example)``, as it shows no links."""


def depart_summary_link_text(self: TextTranslator, node: seml_summary_link) -> None:
    if node.astext() != node["refuri"]:
        self.add_text(f" ({node['refuri']})")


def summary_paragraph(summary: str, cls: str = "seml-summary") -> nodes.paragraph:
    """A summary (or a category's description) with its links
    (:mod:`..catalogue.summaries`) as references."""
    para = nodes.paragraph("", "", classes=[cls])
    for part in summary_parts(summary):
        if isinstance(part, str):
            para += nodes.Text(part)
        else:
            para += seml_summary_link("", part.text, refuri=href(part.url), internal=False)
    return para


class seml_unlinked(nodes.inline):
    """The title of an entry without a link: text, with the ``tooltip`` attribute (if
    any) as its HTML ``title``, as a linked title has its ``reftitle``."""


def entry_title(entry: Entry, cls: str, tooltip: str = "") -> nodes.TextElement:
    """The entry's title linked to its URL (class ``cls``), or as text when it has none;
    for a work without a title, what stands for it (:func:`.citations.shown_title`)."""
    title = shown_title(entry)
    if not entry.url:
        return seml_unlinked("", title, classes=[cls, "seml-unlinked"], tooltip=tooltip)
    ref = nodes.reference("", title, refuri=href(entry.url), internal=False, classes=[cls])
    if tooltip:
        ref["reftitle"] = tooltip
    return ref


def visit_unlinked_html(self: HTML5Translator, node: seml_unlinked) -> None:
    attrs = {"title": node["tooltip"]} if node.get("tooltip") else {}
    self.body.append(self.starttag(node, "span", "", **attrs))


def depart_unlinked_html(self: HTML5Translator, node: seml_unlinked) -> None:
    self.body.append("</span>")


def setup_render(app: Sphinx) -> None:
    # Every other builder renders these as the reference and the inline they are
    # (Sphinx visits by class hierarchy).
    app.add_node(seml_summary_link, text=(_visit_nothing, depart_summary_link_text))
    app.add_node(seml_unlinked, html=(visit_unlinked_html, depart_unlinked_html))


def _visit_nothing(self: TextTranslator, node: seml_summary_link) -> None:
    pass


@dataclass
class RenderOptions:
    style: str = "bullets"
    badges: bool = True
    summary: bool = True
    classes: list[str] = field(default_factory=list)


class Renderer:
    """Renders entries of one directive into one document.

    ``rendered`` collects ``(key, anchor)`` of every entry it placed, for the domain.
    """

    def __init__(
        self, env: BuildEnvironment, document: nodes.document, options: RenderOptions
    ) -> None:
        self.env = env
        self.document = document
        self.options = options
        self.catalogue: Catalogue = catalogue_for(env)
        self.rendered: list[tuple[str, str]] = []
        #: Anchors chosen beforehand (bibliographies), by entry key.
        self.fixed_anchors: dict[str, str] = {}

    # -- pieces -------------------------------------------------------------

    def anchor(self, node: nodes.Element, key: str, para: nodes.Element | None = None) -> None:
        """Give ``node`` the entry's anchor, suffixed when the page already has it.

        A fixed (bibliography) anchor goes on a target at the start of ``para``
        instead: citations link there, and LaTeX labels targets, not list items.
        """
        if key in self.fixed_anchors:
            target = nodes.target("", "", ids=[self.fixed_anchors[key]])
            if para is not None:
                para.insert(0, target)
            else:
                node["ids"].append(self.fixed_anchors[key])
            return
        base = anchor_for(key)
        anchor, n = base, 1
        while anchor in self.document.ids:
            n += 1
            anchor = f"{base}-{n}"
        node["ids"].append(anchor)
        self.document.ids[anchor] = node
        self.rendered.append((key, anchor))

    def title(self, entry: Entry) -> nodes.TextElement:
        return entry_title(entry, "seml-title")

    def badges(self, entry: Entry) -> list[nodes.Node]:
        if not self.options.badges or not entry.flags:
            return []
        order = list(self.catalogue.flags)
        out: list[nodes.Node] = []
        for slug in sorted(entry.flags, key=lambda s: order.index(s) if s in order else len(order)):
            if slug in self.catalogue.flags:
                out += [nodes.Text(" "), make_badge(self.env, slug)]
        return out

    def byline(self, entry: Entry) -> str:
        """``Authors (year). Venue.`` with the parts an entry has; without authors
        ``Venue, year.``, since a year in parentheses reads as a stray aside there."""
        authors = format_authors(entry.authors, short=True)
        venue = entry.venue.rstrip(".") if entry.venue else ""
        if not authors:
            given = [str(part) for part in (venue, entry.year) if part]
            return ", ".join(given) + "." if given else ""
        parts = [f"{authors} ({entry.year})." if entry.year else f"{authors}."]
        if venue:
            parts.append(venue + ".")
        return " ".join(parts)

    def doi(self, entry: Entry) -> nodes.reference | None:
        if not entry.doi:
            return None
        return nodes.reference(
            "", f"doi:{entry.doi}", refuri=f"https://doi.org/{entry.doi}", classes=["seml-doi"]
        )

    def summary(self, entry: Entry) -> nodes.paragraph | None:
        if not (self.options.summary and entry.summary):
            return None
        return summary_paragraph(entry.summary)

    def headline(self, entry: Entry) -> nodes.paragraph:
        """Title, badges, byline and DOI on one paragraph: the list item's first line."""
        para = nodes.paragraph("", "", coins_node(entry), classes=["seml-headline"])
        para += self.title(entry)
        para += self.badges(entry)
        byline = self.byline(entry)
        if byline:
            para += nodes.Text(" — ")
            para += nodes.inline("", byline, classes=["seml-byline"])
        doi = self.doi(entry)
        if doi is not None:
            para += nodes.Text(" ")
            para += doi
        return para

    def reference(self, entry: Entry, year_text: str | None = None) -> nodes.paragraph:
        """The formatted reference of a bibliography: authors, year, linked title,
        venue, DOI link and badges (the built-in ``default`` reference style), or
        the entry formatted by the CSL style ``seml_reference_style`` names."""
        para = nodes.paragraph("", "", coins_node(entry), classes=["seml-reference"])
        style = get_config(self.env.config).reference_style
        if style != "default":
            para += csl_nodes(format_reference(style, entry))
            para += self.badges(entry)
            return para
        before, after = _reference_parts(entry, year_text)
        if not (entry.title or entry.url) and before:
            # Nothing stands for a title: "Mr. Author (1337)."
            para += nodes.Text(before.rstrip() + after.removeprefix("."))
        else:
            if before:
                para += nodes.Text(before)
            para += self.title(entry)
            para += nodes.Text(after)
        doi = self.doi(entry)
        if doi is not None:
            para += [nodes.Text(" "), doi]
        para += self.badges(entry)
        return para

    def _entry_classes(self, entry: Entry) -> list[str]:
        return ["seml-entry", f"seml-type-{entry.type}", f"seml-category-{entry.category}"]

    # -- styles -------------------------------------------------------------

    def render(self, entries: Sequence[Entry]) -> nodes.Element:
        classes = ["seml-list", f"seml-style-{self.options.style}", *self.options.classes]
        if not entries:
            return nodes.paragraph(
                "", str(_("No matching entries.")), classes=["seml-empty", *self.options.classes]
            )
        style = self.options.style
        if style == "table":
            return self._table(entries, classes)
        if style == "cards":
            return self._cards(entries, classes)
        lst: nodes.enumerated_list | nodes.bullet_list
        if style == "enumerated":
            lst = nodes.enumerated_list(
                "", classes=classes, enumtype="arabic", prefix="", suffix="."
            )
        else:
            lst = nodes.bullet_list("", classes=classes, bullet="-")
        for entry in entries:
            item = nodes.list_item("", classes=self._entry_classes(entry))
            headline = self.headline(entry)
            self.anchor(item, entry.key, headline)
            item += headline
            summary = self.summary(entry)
            if summary is not None:
                item += summary
            lst.append(item)
        return lst

    def _cards(self, entries: Sequence[Entry], classes: list[str]) -> nodes.Element:
        grid = nodes.container("", classes=classes)
        for entry in entries:
            card = nodes.container("", classes=["seml-card", *self._entry_classes(entry)])
            head = nodes.paragraph("", "", coins_node(entry), classes=["seml-card-title"])
            head += nodes.strong("", "", self.title(entry))
            self.anchor(card, entry.key, head)
            card += head
            byline = self.byline(entry)
            if byline or entry.doi:
                meta = nodes.paragraph("", byline, classes=["seml-card-meta"])
                doi = self.doi(entry)
                if doi is not None:
                    meta += [nodes.Text(" "), doi] if byline else [doi]
                card += meta
            summary = self.summary(entry)
            if summary is not None:
                card += summary
            badges = self.badges(entry)
            if badges:
                card += nodes.paragraph("", "", *badges[1:], classes=["seml-card-badges"])
            grid += card
        return grid

    def _table(self, entries: Sequence[Entry], classes: list[str]) -> nodes.Element:
        headers = [str(_("Title")), str(_("Authors")), str(_("Year")), str(_("Type"))]
        widths = [42, 26, 8, 11]
        if self.options.badges:
            headers.append(str(_("Flags")))
            widths.append(13)
        # colwidths-given: LaTeX keeps these proportions instead of squeezing "article".
        table = nodes.table("", classes=[*classes, "colwidths-given"])
        tgroup = nodes.tgroup("", cols=len(headers))
        table += tgroup
        for width in widths:
            tgroup += nodes.colspec(colwidth=width)
        thead = nodes.thead()
        tgroup += thead
        thead += self._row([[nodes.Text(h)] for h in headers])
        tbody = nodes.tbody()
        tgroup += tbody
        for entry in entries:
            title: list[nodes.Node] = [coins_node(entry), self.title(entry)]
            summary = self.summary(entry)
            cells: list[list[nodes.Node]] = [
                title,
                [nodes.Text(format_authors(entry.authors, short=True))],
                [nodes.Text(str(entry.year) if entry.year else "")],
                [nodes.Text(translated(entry.type))],
            ]
            if self.options.badges:
                cells.append(self.badges(entry)[1:])
            row = self._row(cells, extra=summary)
            row["classes"] += self._entry_classes(entry)
            first_cell = row.children[0]
            assert isinstance(first_cell, nodes.entry)
            first_para = first_cell.children[0]
            assert isinstance(first_para, nodes.paragraph)
            self.anchor(row, entry.key, first_para)
            tbody += row
        return table

    @staticmethod
    def _row(cells: Iterable[list[nodes.Node]], extra: nodes.Node | None = None) -> nodes.row:
        row = nodes.row()
        for i, content in enumerate(cells):
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *content)
            if i == 0 and extra is not None:
                entry += extra
            row += entry
        return row

    # -- one entry in full ----------------------------------------------------

    def detail(self, entry: Entry) -> nodes.container:
        box = nodes.container(
            "", classes=["seml-entry-detail", *self._entry_classes(entry), *self.options.classes]
        )
        head = nodes.paragraph("", "", coins_node(entry), classes=["seml-entry-title"])
        head += nodes.strong("", "", self.title(entry))
        self.anchor(box, entry.key, head)
        head += self.badges(entry)
        box += head
        fields = nodes.field_list("", classes=["seml-fields"])
        category = self.catalogue.categories.get(entry.category)

        def add(name: str, *content: nodes.Node) -> None:
            fields.append(
                nodes.field(
                    "",
                    nodes.field_name("", name),
                    nodes.field_body("", nodes.paragraph("", "", *content)),
                )
            )

        if entry.authors:
            add(str(_("Authors")), nodes.Text(format_authors(entry.authors, short=False)))
        if entry.year:
            add(str(_("Year")), nodes.Text(str(entry.year)))
        if entry.venue:
            add(str(_("Venue")), nodes.Text(entry.venue))
        add(str(_("Type")), nodes.Text(translated(entry.type)))
        add(
            str(_("Category")),
            nodes.Text(translated(category.title) if category else entry.category),
        )
        doi = self.doi(entry)
        if doi is not None:
            add(str(_("DOI")), doi)
        if entry.tags:
            add(str(_("Tags")), nodes.Text(", ".join(entry.tags)))
        if entry.archived_url:
            add(
                str(_("Archived copy")),
                nodes.reference("", entry.archived_url, refuri=href(entry.archived_url)),
            )
        add(str(_("Key")), nodes.literal("", entry.key))
        box += fields
        if entry.summary:
            box += summary_paragraph(entry.summary)
        return box

    def legend(self, flags: Iterable[str]) -> nodes.bullet_list:
        lst = nodes.bullet_list("", classes=["seml-legend"], bullet="-")
        for slug in flags:
            flag = self.catalogue.flags[slug]
            para = nodes.paragraph("", "", make_badge(self.env, slug))
            if flag.description:
                para += nodes.Text(f" {translated(flag.description)}")
            lst += nodes.list_item("", para)
        return lst

"""Citation roles: ``:seml:cite:`` (parenthetical), ``:seml:citet:`` (textual) and
``:seml:ref:`` (the entry's title linked to its URL), with hyphenated aliases.

A citation is read into a ``seml_citation`` placeholder that records its keys
in the domain. Its label and link depend on the whole project (numbering, which
bibliography shows the entry), so a post-transform turns it into text and
``pending_xref`` nodes at write time, before Sphinx resolves references; the
domain then links each to its bibliography entry with the builder's own URIs. A
citation that no bibliography lists links to the entry's URL, or for an entry
without one to the first list showing it (``SemlDomain.first_shown``), else is text.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..catalogue.cslformat import format_locator
from ..catalogue.names import unknown_key_message
from .backrefs import citation_target, note_citation_anchors
from .citemap import cite_map
from .citesyntax import CiteItem, CiteSyntaxError, parse_citation, parse_locator
from .config import get_config
from .diagnostics import Subtype, warn
from .domain import note_usage, seml_domain
from .oldkeys import current_key
from .records import CatalogueUsage, KeysUsage, freeze_options
from .render import entry_title, href, reference_text, seml_unlinked
from .store import catalogue_for

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue, Entry
    from .citemap import CiteMap, Target


class seml_citation(nodes.Inline, nodes.Element):
    """Placeholder of a citation until write time. Attributes: ``keys``, ``notes``
    (a ``[pre, post]`` pair per key), ``form`` (one of :data:`FORMS`), ``capital`` (the
    first letter capitalised) and ``in_bibliography_order`` (:func:`key_order`), both
    absent in older doctrees, ``docname`` (the
    citing document, kept for LaTeX and singlehtml, which resolve many documents in one
    tree), ``cite_ids`` (each key's anchor, which back-references link to:
    ``backrefs.py``)."""


class KeysRole(SphinxRole):
    """Common part of the citation roles (here and in :mod:`.footcite`): read the keys
    and notes (:mod:`.citesyntax`), warn about unknown keys visibly."""

    def known_items(self, catalogue: Catalogue) -> tuple[list[CiteItem], list[Node]]:
        try:
            items = parse_citation(self.text)
        except CiteSyntaxError as exc:
            warn(
                f"{self.name}: {exc.message} at column {exc.column + 1} of {self.text!r}",
                Subtype.CITATION_SYNTAX,
                self.get_location(),
            )
            return [], [nodes.problematic(self.rawtext, self.rawtext, classes=["seml-unknown"])]
        problems: list[Node] = []
        if not items:
            warn(f"{self.name}: no entry key given", Subtype.UNKNOWN_KEY, self.get_location())
            return [], [nodes.problematic(self.rawtext, self.rawtext)]
        known = []
        given = [item.key for item in items]
        for item in items:
            key = current_key(catalogue, item.key, self.get_location())
            if key is not None:
                # An old key cites as the current one: same label, same link.
                known.append(item if key == item.key else dataclasses.replace(item, key=key))
                continue
            warn(
                f"{self.name}: {unknown_key_message(item.key, catalogue.entries)}",
                Subtype.UNKNOWN_KEY,
                self.get_location(),
            )
            # Visible in the output, never silent plain text.
            problems.append(nodes.problematic(item.key, f"[{item.key}?]", classes=["seml-unknown"]))
        # Unknown keys too: the page is read again when the catalogue gains them.
        note_usage(self.env, KeysUsage(tuple(given)))
        return known, problems

    def known_keys(self, catalogue: Catalogue) -> tuple[list[str], list[Node]]:
        """The known keys, for the roles that print no notes (a note warns)."""
        items, problems = self.known_items(catalogue)
        if any(item.pre or item.post for item in items):
            warn(
                f"{self.name}: notes ({{...}}) have no effect in this role",
                Subtype.CITATION_SYNTAX,
                self.get_location(),
            )
        return [item.key for item in items], problems


@dataclass(frozen=True, slots=True)
class Form:
    """How a citation shows its keys: in the style's brackets (``bracketed``); each key
    after its authors (``textual``: ``Sculley et al. [3]``); every author (``full``,
    natbib's starred forms); the linked text of each key (``text``: its label, its
    authors or its year)."""

    bracketed: bool = False
    textual: bool = False
    full: bool = False
    text: Literal["label", "author", "year"] = "label"
    #: Several keys joined by the style's separator (else by a comma).
    style_separator: bool = True


#: The forms of a citation (natbib's and sphinxcontrib-bibtex's): parenthetical
#: ``[3]``/``(Sculley et al., 2015)``, textual ``Sculley et al. [3]``, ``alp`` without
#: brackets, the authors alone, the year alone, the label alone (``Sculley15``, what
#: ``p`` puts in brackets); ``-full`` names every author, ``-par`` adds the brackets.
FORMS: dict[str, Form] = {
    "p": Form(bracketed=True),
    "p-full": Form(bracketed=True, full=True),
    "t": Form(textual=True, style_separator=False),
    "t-full": Form(textual=True, full=True, style_separator=False),
    "alp": Form(),
    "alp-full": Form(full=True),
    "author": Form(text="author", style_separator=False),
    "author-full": Form(full=True, text="author", style_separator=False),
    "author-par": Form(bracketed=True, text="author"),
    "author-full-par": Form(bracketed=True, full=True, text="author"),
    "year": Form(text="year", style_separator=False),
    "year-par": Form(bracketed=True, text="year"),
    "label": Form(style_separator=False),
    "label-par": Form(bracketed=True),
}


class CiteRole(KeysRole):
    """A citation in one of the :data:`FORMS`; ``capital`` capitalises the first letter
    of the text ("Van Rossum [3]" at the start of a sentence); ``in_bibliography_order``
    shows several keys in the order of their bibliography (:func:`key_order`)."""

    def __init__(
        self, form: str, *, capital: bool = False, in_bibliography_order: bool = False
    ) -> None:
        super().__init__()
        self.form = form
        self.capital = capital
        self.in_bibliography_order = in_bibliography_order

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        known, problems = self.known_items(catalogue)
        out: list[Node] = []
        if known:
            keys = [item.key for item in known]
            seml_domain(self.env).note_citation(self.env.docname, keys)
            # The text child is only a fallback for copies no post-transform sees
            # (a citation in a section title is copied into the table of contents).
            fallback = ", ".join(keys)
            if FORMS[self.form].bracketed:
                fallback = f"[{fallback}]"
            node = seml_citation(
                self.rawtext,
                nodes.Text(fallback),
                keys=keys,
                notes=[[item.pre, item.post] for item in known],
                form=self.form,
                capital=self.capital,
                in_bibliography_order=self.in_bibliography_order,
                docname=self.env.docname,
                cite_ids=note_citation_anchors(self.env, keys),
            )
            self.set_source_info(node)
            out.append(node)
        return out + problems, []


class NoCiteRole(KeysRole):
    """``:seml:nocite:`key``` — cites without text, as LaTeX's ``\\nocite``: the entry
    joins the bibliographies that list cited entries. ``*`` cites every entry."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        if self.text.strip() == "*":
            # Every entry, so the page depends on the whole catalogue.
            note_usage(self.env, CatalogueUsage(freeze_options({})))
            known: list[str] = list(catalogue.entries)
            problems: list[Node] = []
        else:
            known, problems = self.known_keys(catalogue)
        if known:
            seml_domain(self.env).note_citation(self.env.docname, known)
        return problems, []


class RefRole(KeysRole):
    """``:seml:ref:`key``` — the entry's title, linked to its URL (text with the same
    tooltip when it has none)."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        known, problems = self.known_keys(catalogue)
        out: list[Node] = []
        for i, key in enumerate(known):
            entry = catalogue.entries[key]
            if i:
                out.append(nodes.Text(", "))
            out.append(entry_title(entry, "seml-ref", reference_text(entry)))
        return out + problems, []


class CitationTransform(SphinxPostTransform):
    """Turns ``seml_citation`` placeholders into labels linked to bibliography entries."""

    # Before ReferencesResolver (10), which resolves the pending_xref nodes made here.
    default_priority = 5

    def run(self, **kwargs: object) -> None:
        found = list(self.document.findall(seml_citation))
        if not found:
            return
        cmap = cite_map(self.env)
        for node in found:
            node.replace_self(self.citation(cmap, node))

    def citation(self, cmap: CiteMap, node: seml_citation) -> nodes.inline:
        docname = node["docname"]
        form = FORMS[node["form"]]
        labeller = cmap.labeller_for(docname)
        open_, close = labeller.brackets
        out = nodes.inline("", "", classes=["seml-citation"])
        if form.bracketed:
            out += nodes.Text(open_)
        notes = node.get("notes") or [["", ""]] * len(node["keys"])
        separator = labeller.separator if form.style_separator else ", "
        if any(post for _pre, post in notes):
            separator = "; "  # "[see 1, p. 3; 2, ch. 2]": a comma would join the notes
        for n, i in enumerate(key_order(cmap, node)):
            key, (pre, post) = node["keys"][i], notes[i]
            entry = cmap.catalogue.entries.get(key)
            if entry is None:  # the catalogue changed since this page was read
                out += nodes.problematic(key, f"{key}?")
                continue
            if n:
                out += nodes.Text(separator)
            target = cmap.target(docname, key)
            if form.textual:
                head = labeller.full_head(entry) if form.full else labeller.textual_head(entry)
                out += nodes.Text(f"{head} {open_}")
            if pre:
                out += nodes.Text(f"{pre} ")
            link = self.link(entry, docname, target)
            label = self.label(cmap, form, entry, target, docname)
            link += nodes.inline(label, label, classes=["seml-cite-label"])
            out += citation_target(node, i)
            out += link
            if post:
                out += nodes.Text(self.post_note(entry, post))
            if form.textual:
                out += nodes.Text(close)
        if form.bracketed:
            out += nodes.Text(close)
        if node.get("capital"):
            capitalise_first(out)
        return out

    @staticmethod
    def label(cmap: CiteMap, form: Form, entry: Entry, target: Target | None, docname: str) -> str:
        """The linked text of one key in ``form``."""
        labeller = cmap.labeller_for(docname)
        if form.textual:
            prefix = target.prefix if target else ""
            return prefix + labeller.textual_tail(entry, cmap.number(docname, entry.key))
        if form.text == "author":
            return labeller.full_head(entry) if form.full else labeller.textual_head(entry)
        if form.text == "year":
            return labeller.year(entry)
        if form.full and labeller.style == "author-year":
            return f"{labeller.full_head(entry)}, {labeller.year(entry)}"
        return cmap.label(entry, target, docname)

    def post_note(self, entry: Entry, post: str) -> str:
        return post_note(self.env, entry, post)

    def link(self, entry: Entry, docname: str, target: Target | None) -> nodes.Element:
        """What holds a citation's label: a link to its bibliography entry, else to the
        entry's URL, else to where a list shows the entry; else (no bibliography or list
        shows an entry without a URL) text with the same tooltip."""
        tooltip = reference_text(entry)
        xref = addnodes.pending_xref(
            "",
            refdomain="seml",
            reftype="cite",
            reftarget=entry.key,
            refdoc=docname,
            refexplicit=True,
            reftitle=tooltip,
        )
        if target is not None:
            xref["seml_doc"], xref["seml_anchor"] = target.docname, target.anchor
        elif entry.url:
            xref["seml_url"] = href(entry.url)
        elif (shown := seml_domain(self.env).first_shown().get(entry.key)) is not None:
            xref["seml_doc"], xref["seml_anchor"] = shown
        else:
            return seml_unlinked("", classes=["seml-cite-unlinked"], tooltip=tooltip)
        return xref


def key_order(cmap: CiteMap, node: seml_citation) -> list[int]:
    """The indices of a citation's keys in the order it shows them: as written, or with
    ``in_bibliography_order`` in the order of the bibliography they link to (by number),
    as sphinxcontrib-bibtex shows them."""
    order = list(range(len(node["keys"])))
    if node.get("in_bibliography_order"):
        docname = node["docname"]
        order.sort(key=lambda i: cmap.number(docname, node["keys"][i]) or math.inf)
    return order


def capitalised(text: str) -> str:
    """``text`` with its first letter capitalised ("van Rossum" -> "Van Rossum")."""
    index = next((i for i, char in enumerate(text) if char.isalpha()), None)
    return text if index is None else text[:index] + text[index].upper() + text[index + 1 :]


def capitalise_first(node: nodes.Element) -> None:
    """Capitalise the first letter of the text in ``node``."""
    for text in node.findall(nodes.Text):
        if any(char.isalpha() for char in text):
            text.parent.replace(text, nodes.Text(capitalised(text)))
            return


def post_note(env: BuildEnvironment, entry: Entry, post: str) -> str:
    """``, p. 3``: a post-note as written, or as the CSL reference style prints a
    locator (``, pp. 4–5`` in apa, ``, Fig. 4`` in ieee)."""
    written = f", {post}"
    style = get_config(env.config).reference_style
    locator = parse_locator(post)
    if style == "default" or locator is None:
        return written
    printed = format_locator(style, entry, *locator)
    # A style that drops the term of a chapter or a figure (", 2") would lose what
    # the author wrote: keep the note as written then.
    if not printed or (locator[0] != "page" and printed.strip(" ,") == locator[1]):
        return written
    return printed


def _visit_fallback(self: nodes.NodeVisitor, node: seml_citation) -> None:
    pass  # render the text child as it is


def _depart_fallback(self: nodes.NodeVisitor, node: seml_citation) -> None:
    pass


def setup_citations(app: Sphinx) -> None:
    fallback = (_visit_fallback, _depart_fallback)
    app.add_node(
        seml_citation, html=fallback, latex=fallback, text=fallback, man=fallback, texinfo=fallback
    )
    roles: dict[str, SphinxRole] = {
        "cite": CiteRole("p"),
        "citep": CiteRole("p"),
        "citet": CiteRole("t"),
        "citealp": CiteRole("alp"),
        "citeauthor": CiteRole("author"),
        "citeyear": CiteRole("year"),
        "citep-full": CiteRole("p-full"),
        "citet-full": CiteRole("t-full"),
        "citeauthor-full": CiteRole("author-full"),
        "ref": RefRole(),
        "nocite": NoCiteRole(),
    }
    # The hyphenated alias (:seml-cite:) is the same role object as :seml:cite:,
    # so both spellings behave identically.
    for name, role in roles.items():
        app.add_role_to_domain("seml", name, role)
        app.add_role(f"seml-{name}", role)
    app.add_post_transform(CitationTransform)

"""Footnote citations: ``:seml:footcite:`` (a numbered footnote mark), ``:seml:footcitet:``
(the authors, then the mark), with hyphenated aliases, and ``seml-footbibliography``
(where the footnotes go).

Each footcited entry gets one footnote per page holding its formatted reference, the
same as a bibliography's (``Renderer.reference``, ``seml_reference_style``); citing it
again on the page reuses that footnote. They are docutils' own auto-numbered footnotes,
numbered with the page's other footnotes, so each builder shows them its own way: HTML
where the footnotes are placed, LaTeX as a ``\\footnote`` at the foot of the page,
text, man and Texinfo as their footnotes.

The marks and footnotes are made while the page is read (only the authors of a textual
one are written at write time, by the citation labeller): a footnote depends on its page
and the entry only (an edited entry re-reads the pages that cite it, ``usage.py``), never
on other pages, so ``-j N`` and incremental builds need nothing more. As in sphinxcontrib-bibtex,
a footnote citation does not cite for :rst:dir:`seml-bibliography`: the footnote is the
reference (``:seml:nocite:`` lists the entry too).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_trim_footnote_ref_space
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .citations import KeysRole, capitalised, post_note
from .citemap import cite_map
from .render import Renderer, RenderOptions, untranslatable
from .store import catalogue_for

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

    from .citesyntax import CiteItem

#: The class of a footnote citation's mark and of its footnote.
MARK_CLASS = "seml-footcite"
FOOTNOTE_CLASS = "seml-footnote"


class seml_footbibliography(nodes.General, nodes.Element):
    """Where the page's footnotes so far go; replaced when the page is read."""


class seml_footcite_author(nodes.inline):
    """The authors of a textual footnote citation until write time (``key``, ``docname``,
    ``full``: every author, ``capital``: the first letter capitalised): the labeller's, as
    :rst:role:`seml:citet` writes them. An inline, so a copy that no
    post-transform sees (a table of contents) still renders its text, the key."""


class FootCiteRole(KeysRole):
    """``:seml:footcite:`key``` — a footnote mark per key; textual (``footcitet``): the
    authors before each mark. Notes (``{see}key{p. 3}``) go into the footnote, which is
    then that citation's own: "See <reference>, p. 3.". ``full`` names every author and
    ``capital`` capitalises the first (sphinxcontrib-bibtex's ``footcite:ts``/``ct``)."""

    def __init__(self, *, textual: bool, full: bool = False, capital: bool = False) -> None:
        super().__init__()
        self.textual = textual
        self.full = full
        self.capital = capital

    def run(self) -> tuple[list[Node], list[system_message]]:
        known, problems = self.known_items(catalogue_for(self.env))
        out: list[Node] = []
        for item in known:
            out += self.citation(item, first=not out)
        return out + problems, []

    def citation(self, item: CiteItem, *, first: bool) -> list[Node]:
        mark = nodes.footnote_reference(
            self.rawtext,
            auto=1,
            classes=[MARK_CLASS],
            seml_key=item.key,
            seml_notes=[item.pre, item.post],
        )
        self.set_source_info(mark)
        # Noted now, in text order (MyST numbers its footnotes in reference order);
        # its name is given with the footnote (FootnotePlacement).
        self.inliner.document.note_autofootnote_ref(mark)
        if not self.textual:
            return [mark]
        author = seml_footcite_author(
            "",
            item.key,
            key=item.key,
            docname=self.env.docname,
            full=self.full,
            capital=self.capital and first,
            classes=["seml-footcite-author"],
        )
        return [*([] if first else [nodes.Text(", ")]), author, mark]


class FootBibliographyDirective(SphinxDirective):
    """``.. seml-footbibliography::`` — the footnotes of the footnote citations above it
    (since the previous one)."""

    def run(self) -> list[Node]:
        node = seml_footbibliography("")
        self.set_source_info(node)
        return [node]


def _is_mark(node: Node) -> bool:
    return isinstance(node, nodes.footnote_reference) and "seml_key" in node


def _is_mark_or_place(node: Node) -> bool:
    return isinstance(node, seml_footbibliography) or _is_mark(node)


def _end_of_document(document: nodes.document) -> nodes.Element:
    """The innermost last section: where a footnote list at the end of the source goes."""
    parent: nodes.Element = document
    while parent.children and isinstance(parent[-1], nodes.section):
        parent = parent[-1]
    return parent


def _trim_space_before(mark: nodes.Element) -> None:
    index = mark.parent.index(mark)
    before = mark.parent[index - 1] if index else None
    if isinstance(before, nodes.Text) and before.endswith((" ", "\n")):
        before.parent.replace(before, nodes.Text(before.rstrip()))


class FootnotePlacement(SphinxTransform):
    """Gives each footcited entry its footnote (one per page) and places the footnotes at
    the next ``seml-footbibliography``, the rest at the end of the document."""

    # Before MyST's SortFootnotes (618) and docutils' Footnotes (620), which number them.
    default_priority = 615

    def apply(self, **kwargs: object) -> None:
        found = list(self.document.findall(_is_mark_or_place))
        if not found:
            return
        renderer = Renderer(self.env, self.document, RenderOptions())
        # The setting docutils applies to ``[#]_`` (conf.py's trim_footnote_reference_space).
        trim = get_trim_footnote_ref_space(self.document.settings)
        names: dict[tuple[str, tuple[str, ...]], str] = {}
        made: list[nodes.footnote] = []
        pending: list[nodes.footnote] = []
        for node in found:
            if isinstance(node, seml_footbibliography):
                node.replace_self(_footbibliography(pending))
                pending = []
                continue
            assert isinstance(node, nodes.footnote_reference)
            # One footnote per entry and notes: the same citation again reuses it.
            key = node["seml_key"]
            notes = tuple(node.get("seml_notes") or ("", ""))
            if (key, notes) not in names:
                footnote = self.footnote(renderer, key, notes, node)
                names[key, notes] = footnote["names"][0]
                made.append(footnote)
                pending.append(footnote)
            node["refname"] = names[key, notes]
            self.document.note_footnote_ref(node)
            if trim:
                _trim_space_before(node)
        if pending:
            _end_of_document(self.document).extend(_footbibliography(pending))
        _in_reference_order(self.document, made)

    def footnote(
        self, renderer: Renderer, key: str, notes: tuple[str, ...], mark: nodes.Element
    ) -> nodes.footnote:
        name = base = nodes.fully_normalize_name(f"{MARK_CLASS}-{key}")
        n = 1
        while name in self.document.nameids:  # keys differing in case only, or a user's label
            n += 1
            name = f"{base}-{n}"
        footnote = nodes.footnote("", auto=1, names=[name], classes=[FOOTNOTE_CLASS])
        footnote.source, footnote.line = mark.source, mark.line
        entry = renderer.catalogue.entries[key]
        pre, post = notes
        post = post_note(self.env, entry, post) if post else ""
        footnote += untranslatable(_with_notes(renderer.reference(entry), pre, post))
        self.document.note_autofootnote(footnote)
        self.document.note_explicit_target(footnote, footnote)
        return footnote


def _with_notes(reference: nodes.paragraph, pre: str, post: str) -> nodes.paragraph:
    """The footnote's reference with a citation's notes, as a note of the Chicago style
    has them: "see D. Sculley et al. (2015). ..., p. 3." (``post`` with its delimiter,
    before the last full stop of the reference's text; a DOI and the badges after it)."""
    if pre:
        reference.insert(0, nodes.Text(f"{pre} "))
    if not post:
        return reference
    stops = [n for n in reference.findall(nodes.Text) if n.rstrip().endswith(".")]
    if not stops:
        reference += nodes.Text(post)
        return reference
    last = stops[-1]
    stripped = last.rstrip()
    last.parent.replace(last, nodes.Text(f"{stripped[:-1]}{post}.{last[len(stripped) :]}"))
    return reference


def _in_reference_order(document: nodes.document, made: list[nodes.footnote]) -> None:
    """Put the footnote citations among the page's own auto-numbered footnotes by first
    mark, keeping the order of those (docutils numbers in this list's order, and pairs
    anonymous ``[#]_`` marks with anonymous footnotes by it): the numbers then follow
    the text, as MyST numbers all footnotes (its SortFootnotes)."""
    if not made:
        return
    position = {id(r): i for i, r in enumerate(document.findall(nodes.footnote_reference))}
    anonymous = iter([r for r in document.autofootnote_refs if "refname" not in r])

    def first_mark(footnote: nodes.footnote) -> float:
        if footnote["names"]:
            refs = document.footnote_refs.get(footnote["names"][0], [])
        elif not footnote["dupnames"]:
            refs = [ref] if (ref := next(anonymous, None)) is not None else []
        else:
            refs = []
        return min((position.get(id(r), math.inf) for r in refs), default=math.inf)

    ours = {id(f) for f in made}
    own = [(first_mark(f), f) for f in document.autofootnotes if id(f) not in ours]
    cited = [(first_mark(f), f) for f in made]
    merged: list[nodes.footnote] = []
    while own and cited:
        merged.append((cited if cited[0][0] < own[0][0] else own).pop(0)[1])
    merged += [f for _, f in own + cited]
    document.autofootnotes[:] = merged


def _footbibliography(footnotes: list[nodes.footnote]) -> list[Node]:
    if not footnotes:
        return []
    return [nodes.container("", *footnotes, classes=["seml-footbibliography"])]


class KeepFootnotesInPlace(SphinxTransform):
    """MyST moves every auto-numbered footnote to the end of the document (its
    ``CollectFootnotes``, 623): footnote citations stay where they were placed."""

    # After docutils' Footnotes (620) numbered them: nothing else needs the list.
    default_priority = 621

    def apply(self, **kwargs: object) -> None:
        notes = self.document.autofootnotes
        notes[:] = [n for n in notes if FOOTNOTE_CLASS not in n["classes"]]


class FootciteAuthorTransform(SphinxPostTransform):
    """Writes the authors of textual footnote citations."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        found = list(self.document.findall(seml_footcite_author))
        if not found:
            return
        cmap = cite_map(self.env)
        for node in found:
            entry = cmap.catalogue.entries.get(node["key"])
            if entry is None:  # the catalogue changed since this page was read
                node.replace_self(nodes.problematic(node["key"], f"{node['key']}?"))
                continue
            labeller = cmap.labeller_for(node["docname"])
            head = labeller.full_head if node.get("full") else labeller.textual_head
            text = head(entry)
            if node.get("capital"):
                text = capitalised(text)
            node.replace_self(nodes.inline(text, text, classes=node["classes"]))


class LatexMarkSeparator(SphinxPostTransform):
    """A superscript comma between adjacent footnote marks: LaTeX's bare ``¹²`` reads
    as twelve."""

    formats = ("latex",)
    # Before Sphinx's LaTeXFootnoteTransform (600) turns the marks into footnotes.
    default_priority = 5

    def run(self, **kwargs: object) -> None:
        for mark in list(self.document.findall(_is_mark)):
            following = mark.next_node(descend=False, siblings=True)
            if following is not None and _is_mark(following):
                separator = nodes.raw("", r"\textsuperscript{,}", format="latex")
                mark.parent.insert(mark.parent.index(mark) + 1, separator)


def setup_footcite(app: Sphinx) -> None:
    app.add_node(seml_footbibliography)
    app.add_directive("seml-footbibliography", FootBibliographyDirective)
    roles = {"footcite": FootCiteRole(textual=False), "footcitet": FootCiteRole(textual=True)}
    # The hyphenated alias is the same role object, so both spellings behave the same.
    for name, role in roles.items():
        app.add_role_to_domain("seml", name, role)
        app.add_role(f"seml-{name}", role)
    app.add_transform(FootnotePlacement)
    app.add_transform(KeepFootnotesInPlace)
    app.add_post_transform(FootciteAuthorTransform)
    app.add_post_transform(LatexMarkSeparator)

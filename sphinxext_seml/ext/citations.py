"""Citation roles: ``:seml:cite:`` (parenthetical), ``:seml:citet:`` (textual) and
``:seml:ref:`` (the entry's title linked to its URL), with hyphenated aliases.

A citation is read into a ``seml_citation`` placeholder that records its keys
in the domain. Its label and link depend on the whole project (numbering, which
bibliography shows the entry), so a post-transform turns it into text and
``pending_xref`` nodes at write time, before Sphinx resolves references; the
domain then links each to its bibliography entry with the builder's own URIs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..catalogue.names import unknown_key_message
from .backrefs import citation_target, note_citation_anchors
from .citemap import cite_map
from .diagnostics import Subtype, warn
from .domain import note_usage, seml_domain
from .records import CatalogueUsage, KeysUsage, freeze_options
from .render import href, reference_text
from .store import catalogue_for

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

    from ..catalogue.model import Catalogue, Entry
    from .citemap import CiteMap, Target


class seml_citation(nodes.Inline, nodes.Element):
    """Placeholder of a citation until write time. Attributes: ``keys``,
    ``form`` (one of :data:`FORMS`), ``docname`` (the citing document, kept for LaTeX and
    singlehtml, which resolve many documents in one tree), ``cite_ids`` (each key's
    anchor, which back-references link to: ``backrefs.py``)."""


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.replace(";", ",").split(",") if k.strip()]


class _KeysRole(SphinxRole):
    """Common part of the roles: split keys, warn about unknown ones visibly."""

    def known_keys(self, catalogue: Catalogue) -> tuple[list[str], list[Node]]:
        keys = _keys(self.text)
        # Unknown keys too: the page is read again when the catalogue gains them.
        note_usage(self.env, KeysUsage(tuple(keys)))
        problems: list[Node] = []
        if not keys:
            warn(f"{self.name}: no entry key given", Subtype.UNKNOWN_KEY, self.get_location())
            return [], [nodes.problematic(self.rawtext, self.rawtext)]
        known = []
        for key in keys:
            if key in catalogue.entries:
                known.append(key)
                continue
            warn(
                f"{self.name}: {unknown_key_message(key, catalogue.entries)}",
                Subtype.UNKNOWN_KEY,
                self.get_location(),
            )
            # Visible in the output, never silent plain text.
            problems.append(nodes.problematic(key, f"[{key}?]", classes=["seml-unknown"]))
        return known, problems


#: The forms of a citation (natbib's): parenthetical ``[3]``/``(Sculley et al., 2015)``,
#: textual ``Sculley et al. [3]``, ``alp`` without brackets, the authors alone, the year alone.
FORMS = ("p", "t", "alp", "author", "year")


class CiteRole(_KeysRole):
    def __init__(self, form: str) -> None:
        super().__init__()
        self.form = form

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        known, problems = self.known_keys(catalogue)
        out: list[Node] = []
        if known:
            seml_domain(self.env).note_citation(self.env.docname, known)
            # The text child is only a fallback for copies no post-transform sees
            # (a citation in a section title is copied into the table of contents).
            fallback = f"[{', '.join(known)}]" if self.form == "p" else ", ".join(known)
            node = seml_citation(
                self.rawtext,
                nodes.Text(fallback),
                keys=known,
                form=self.form,
                docname=self.env.docname,
                cite_ids=note_citation_anchors(self.env, known),
            )
            self.set_source_info(node)
            out.append(node)
        return out + problems, []


class NoCiteRole(_KeysRole):
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


class RefRole(_KeysRole):
    """``:seml:ref:`key``` — the entry's title, linked to its URL."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        catalogue = catalogue_for(self.env)
        known, problems = self.known_keys(catalogue)
        out: list[Node] = []
        for i, key in enumerate(known):
            entry = catalogue.entries[key]
            if i:
                out.append(nodes.Text(", "))
            ref = nodes.reference(
                "", entry.title, refuri=href(entry.url), internal=False, classes=["seml-ref"]
            )
            ref["reftitle"] = reference_text(entry)
            out.append(ref)
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
        form = node["form"]
        labeller = cmap.labeller_for(docname)
        open_, close = labeller.brackets
        out = nodes.inline("", "", classes=["seml-citation"])
        if form == "p":
            out += nodes.Text(open_)
        for i, key in enumerate(node["keys"]):
            entry = cmap.catalogue.entries.get(key)
            if entry is None:  # the catalogue changed since this page was read
                out += nodes.problematic(key, f"{key}?")
                continue
            if i:
                out += nodes.Text(labeller.separator if form in ("p", "alp") else ", ")
            target = cmap.target(docname, key)
            xref = self.xref(entry, docname, target)
            number = cmap.number(docname, key)
            if form == "t":
                out += nodes.Text(labeller.textual_head(entry) + " " + open_)
                label = labeller.textual_tail(entry, number)
            elif form == "author":
                label = labeller.textual_head(entry)
            elif form == "year":
                label = labeller.year(entry)
            else:
                label = cmap.label(entry, target, docname)
            xref += nodes.inline(label, label, classes=["seml-cite-label"])
            out += citation_target(node, i)
            out += xref
            if form == "t":
                out += nodes.Text(close)
        if form == "p":
            out += nodes.Text(close)
        return out

    @staticmethod
    def xref(entry: Entry, docname: str, target: Target | None) -> addnodes.pending_xref:
        xref = addnodes.pending_xref(
            "",
            refdomain="seml",
            reftype="cite",
            reftarget=entry.key,
            refdoc=docname,
            refexplicit=True,
            reftitle=reference_text(entry),
            seml_url=href(entry.url),
        )
        if target is not None:
            xref["seml_doc"] = target.docname
            xref["seml_anchor"] = target.anchor
        return xref


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
        "ref": RefRole(),
        "nocite": NoCiteRole(),
    }
    # The hyphenated alias (:seml-cite:) is the same role object as :seml:cite:,
    # so both spellings behave identically.
    for name, role in roles.items():
        app.add_role_to_domain("seml", name, role)
        app.add_role(f"seml-{name}", role)
    app.add_post_transform(CitationTransform)

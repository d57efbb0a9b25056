"""Back-references: an anchor at each citation, and links back to them from a bibliography.

Each citation in the text gets one anchor per key, ``seml-cite-<key>-<n>`` for the
n-th citation of the key on its page in reading order, given when the page is read:
the same in every build, ``-j N`` or not. A bibliography with ``:backrefs:`` (or
``seml_bibliography_backrefs``) ends each entry with links to them: ``↩`` when the entry
is cited once, ``↩ 1 2 3`` when more often in HTML; "Cited on pages 3, 7." with
``\\pageref`` in LaTeX (``texinputs/sphinxextseml.sty``, which leaves out a page named
twice); nothing in text, man and Texinfo, which have no links to follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from .anchors import anchor_for
from .domain import seml_domain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator

_ = get_translation("sphinxext_seml")

#: The arrow of the links back.
ARROW = "↩"


def citation_anchor(key: str, n: int) -> str:
    """The anchor of the ``n``-th citation of ``key`` on its page: ``seml-cite-<key>-<n>``."""
    return f"{anchor_for(key, prefix='seml-cite')}-{n}"


def note_citation_anchors(env: BuildEnvironment, keys: list[str]) -> list[str]:
    """Count a citation of ``keys`` in the current document; the anchor of each key there."""
    numbers = seml_domain(env).note_occurrences(env.docname, keys)
    return [citation_anchor(key, n) for key, n in zip(keys, numbers, strict=True)]


def citation_target(node: nodes.Element, index: int) -> list[nodes.Node]:
    """The target a citation placeholder's ``index``-th key links back to (``cite_ids``)."""
    ids = node.get("cite_ids") or ()
    return [nodes.target("", "", ids=[ids[index]])] if index < len(ids) else []


class seml_backrefs(nodes.inline):
    """The links back from a bibliography entry. Attribute ``places``: ``[docname,
    anchor]`` of each citation, for the LaTeX page references."""


def backrefs_node(places: Sequence[tuple[str, str]], key: str, docname: str) -> seml_backrefs:
    """The links back to ``places`` from the entry of ``key`` in ``docname``."""
    node = seml_backrefs("", classes=["seml-backrefs"], places=[list(p) for p in places])
    node += nodes.Text(" ")
    if len(places) == 1:
        node += _link(places[0], key, docname, ARROW)
        return node
    node += nodes.Text(ARROW)
    for n, place in enumerate(places, 1):
        node += nodes.Text(" ")
        node += _link(place, key, docname, str(n))
    return node


def _link(place: tuple[str, str], key: str, docname: str, text: str) -> addnodes.pending_xref:
    # A citation link with its target chosen (xref.py resolves it for every builder).
    xref = addnodes.pending_xref(
        "",
        refdomain="seml",
        reftype="cite",
        reftarget=key,
        refdoc=docname,
        refexplicit=True,
        reftitle=str(_("Back to the citation")),
        seml_doc=place[0],
        seml_anchor=place[1],
    )
    xref += nodes.inline(text, text, classes=["seml-backref"])
    return xref


def _visit_latex(self: LaTeXTranslator, node: seml_backrefs) -> None:
    # Only the citations in this PDF: a page elsewhere has no page number here.
    included = set(self.builder.docnames)
    labels = [f"{doc}:{anchor}" for doc, anchor in node["places"] if doc in included]
    if labels:
        # How many pages there are is known to TeX only (two citations may share a
        # page): sphinxextseml.sty picks the singular or the plural and drops repeats.
        one, _sep, after = str(_("Cited on page %s.")).partition("%s")
        many = str(_("Cited on pages %s.")).partition("%s")[0]
        refs = ",".join(self.idescape(label) for label in labels)
        self.body.append(
            rf" \sphinxextsemlpagerefs{{{self.encode(one)}}}{{{self.encode(many)}}}"
            rf"{{{self.encode(after)}}}{{{refs}}}"
        )
    raise nodes.SkipNode


def _skip(self: nodes.NodeVisitor, node: seml_backrefs) -> None:
    raise nodes.SkipNode


def setup_backrefs(app: Sphinx) -> None:
    # HTML renders it as the inline it is (Sphinx visits by class hierarchy).
    app.add_node(
        seml_backrefs,
        latex=(_visit_latex, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )

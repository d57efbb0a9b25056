"""``seml-bibliography``: the entries cited in the project (or this page, or all).

The directive leaves a placeholder and records its options in the domain; its
contents depend on every document's citations, so a post-transform fills it at
write time, in place (in LaTeX too: never moved to the end of the book).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .citemap import BIBLIOGRAPHY_SORTS, cite_map
from .config import get_config
from .diagnostics import Subtype
from .domain import seml_domain
from .options import Scope, SemlDirective, read_selection
from .records import BibliographyRecord, freeze_options, option_map
from .render import Renderer, RenderOptions, untranslatable

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from .citemap import CiteMap

_ = get_translation("sphinxext_seml")

#: The bibliography's own layout: labelled references (numeric, label) or a plain
#: alphabetical list (author-year). The list styles of seml-list work too.
REFERENCES = "references"
#: The bibliography's own sorts, and its own default style, ``references``.
BIBLIOGRAPHY_SCOPE = Scope(
    extra_sorts=BIBLIOGRAPHY_SORTS, extra_styles=(REFERENCES,), default_style=REFERENCES
)


class seml_bibliography(nodes.General, nodes.Element):
    """Placeholder until write time. Attributes: ``docname``, ``index``."""


class SemlBibliographyDirective(SemlDirective):
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **SemlDirective.option_spec,
        "all": directives.flag,
        "local": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        options = dict(self.options)
        if "all" in options and "local" in options:
            self.warn(":all: and :local: exclude each other; using :all:", Subtype.INVALID_OPTION)
            del options["local"]
        # Check the options now, where the warnings can point at the directive.
        read_selection(
            self.catalogue,
            get_config(self.config),
            options,
            self.warn,
            BIBLIOGRAPHY_SCOPE,
        )
        domain = seml_domain(self.env)
        docname = self.env.docname
        index = len(domain.bibliographies.get(docname, ()))
        bib_id = f"seml-bibliography-{index + 1}"
        stored = freeze_options(
            {k: v for k, v in options.items() if k not in ("name", "all", "local")}
        )
        record = BibliographyRecord(bib_id, "all" in options, "local" in options, stored)
        domain.note_bibliography(docname, record)
        node = seml_bibliography("", docname=docname, index=index, ids=[bib_id])
        self.set_source_info(node)
        return self.named(node)


def render_bibliography(
    node: seml_bibliography, cmap: CiteMap, renderer_for: Callable[[RenderOptions], Renderer]
) -> nodes.Element:
    docname, index = node["docname"], node["index"]
    record = seml_domain(cmap.env).bibliographies[docname][index]
    options = option_map(record.options)
    keys = cmap.contents.get((docname, index), [])
    anchors = cmap.anchors.get((docname, index), {})
    box = nodes.container(
        "", classes=["seml-bibliography", *(record.option("class") or ())], ids=node["ids"]
    )
    if not keys:
        # An :all: bibliography lists its selection, cited or not: nothing matched it.
        empty = _("No matching entries.") if record.all_entries else _("No cited entries.")
        box += nodes.paragraph("", str(empty), classes=["seml-empty"])
        return box
    entries = [cmap.catalogue.entries[k] for k in keys]
    selection = read_selection(cmap.catalogue, cmap.config, options, scope=BIBLIOGRAPHY_SCOPE)
    renderer = renderer_for(selection.render)
    renderer.fixed_anchors = anchors
    if selection.render.style != REFERENCES:
        box += renderer.render(entries)
        return box
    labeller = cmap.labeller_for(docname)
    if labeller.style == "author-year":
        lst = nodes.bullet_list("", classes=["seml-references"], bullet="-")
        for entry in entries:
            # The year as citations show it: 2021a / 2021b for the same author.
            para = renderer.reference(entry, labeller.year(entry))
            para.insert(0, nodes.target("", "", ids=[anchors[entry.key]]))
            lst += nodes.list_item("", para, classes=["seml-entry"])
        box += lst
        return box
    open_, close = labeller.brackets
    dlist = nodes.definition_list("", classes=["seml-references"])
    for number, entry in enumerate(entries, 1):
        label = f"{open_}{labeller.label(entry, number)}{close}"
        # The target sits in the definition, not the term: LaTeX typesets a
        # description label in a box where \label would be lost.
        para = renderer.reference(entry)
        para.insert(0, nodes.target("", "", ids=[anchors[entry.key]]))
        item = nodes.definition_list_item("", classes=["seml-entry"])
        item += nodes.term("", label)
        item += nodes.definition("", para)
        dlist += item
    box += dlist
    return box


class BibliographyTransform(SphinxPostTransform):
    # Before the citations (5) and ReferencesResolver (10).
    default_priority = 4

    def run(self, **kwargs: object) -> None:
        found = list(self.document.findall(seml_bibliography))
        if not found:
            return
        cmap = cite_map(self.env)

        def renderer_for(options: RenderOptions) -> Renderer:
            return Renderer(self.env, self.document, options)

        for node in found:
            node.replace_self(untranslatable(render_bibliography(node, cmap, renderer_for)))


def setup_bibliography(app: Sphinx) -> None:
    app.add_node(seml_bibliography)
    app.add_directive("seml-bibliography", SemlBibliographyDirective)
    app.add_post_transform(BibliographyTransform)

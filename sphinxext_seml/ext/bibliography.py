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

from ..catalogue.names import unknown_key_message
from .backrefs import backrefs_node, setup_backrefs
from .citemap import BIBLIOGRAPHY_SORTS, cite_map
from .config import get_config
from .diagnostics import Subtype, warn
from .domain import note_usage, seml_domain
from .downloads import downloads_node
from .oldkeys import current_key
from .options import DOWNLOAD_OPTION, Scope, SemlDirective, read_selection
from .records import BibliographyRecord, KeysUsage, freeze_options, option_map
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


#: The options that say which entries a bibliography starts from, in the order in
#: which one wins over another given with it.
SCOPES = ("notcited", "all", "local")


class SemlBibliographyDirective(SemlDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **SemlDirective.option_spec,
        "all": directives.flag,
        "local": directives.flag,
        "notcited": directives.flag,
        "backrefs": directives.flag,
        "no-backrefs": directives.flag,
        **DOWNLOAD_OPTION,
    }

    def run(self) -> list[nodes.Node]:
        options = dict(self.options)
        self.check_scope(options, any(line.strip() for line in self.content))
        if "backrefs" in options and "no-backrefs" in options:
            self.warn(
                ":backrefs: and :no-backrefs: exclude each other; using :backrefs:",
                Subtype.INVALID_OPTION,
            )
            del options["no-backrefs"]
        keys = self.body_keys()
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
        stored = freeze_options({k: v for k, v in options.items() if k not in _NOT_STORED})
        record = BibliographyRecord(
            bib_id,
            "all" in options,
            "local" in options,
            stored,
            notcited="notcited" in options,
            keys=tuple(keys),
        )
        domain.note_bibliography(docname, record)
        node = seml_bibliography(
            "",
            docname=docname,
            index=index,
            ids=[bib_id],
            # The files are made at write time, from the entries the bibliography lists.
            downloads=list(self.download_formats()),
        )
        self.set_source_info(node)
        return self.named(node)

    def check_scope(self, options: dict[str, object], explicit: bool) -> None:
        """Keep one of the options that choose the entries, warning about the others."""
        given = [name for name in SCOPES if name in options]
        if explicit and given:
            names = " and ".join(f":{name}:" for name in given)
            self.warn(
                f"the keys in the body exclude {names}; listing the keys",
                Subtype.INVALID_OPTION,
            )
        elif len(given) > 1:
            others = " and ".join(f":{name}:" for name in given[1:])
            self.warn(
                f":{given[0]}: and {others} exclude each other; using :{given[0]}:",
                Subtype.INVALID_OPTION,
            )
            given = given[:1]
        else:
            return
        for name in SCOPES:
            if name in options and (explicit or name not in given):
                del options[name]

    def body_keys(self) -> list[str]:
        """The entry keys of the body, one a line (commas and spaces separate too); an
        unknown one is a warning at its line naming the closest keys."""
        keys: dict[str, None] = {}
        given: dict[str, None] = {}
        catalogue = self.catalogue
        for offset, line in enumerate(self.content):
            for key in line.replace(",", " ").split():
                found = current_key(catalogue, key, self.line_location(offset))
                if found is None:
                    warn(
                        f"{self.name}: {unknown_key_message(key, catalogue.entries)}",
                        Subtype.UNKNOWN_KEY,
                        self.line_location(offset),
                    )
                given.setdefault(key, None)
                keys.setdefault(found or key, None)  # an old key lists its entry
        if given:
            # Unknown keys too: the page is read again when the catalogue gains them.
            note_usage(self.env, KeysUsage(tuple(given)))
        return list(keys)

    def line_location(self, offset: int) -> str:
        """``source:line`` of the body's ``offset``-th line (the directive's, if unknown)."""
        source, line = self.content.info(offset)
        if not source or line is None:
            return self.get_location()
        if self.content.info(0)[1] == 0:
            # MyST numbers the body's lines from 0, and its offset from the line after
            # the directive's (docutils numbers them in the source: never 0 for a body).
            return f"{source}:{self.lineno + 1 + self.content_offset + offset}"
        return f"{source}:{line + 1}"


#: Options kept out of the record: they are its fields, or change nothing shown.
_NOT_STORED = ("name", "all", "local", "notcited")


def _labelled_references(
    labels: list[str], paras: list[nodes.paragraph], brackets: tuple[str, str]
) -> nodes.definition_list:
    open_, close = brackets
    dlist = nodes.definition_list("", classes=["seml-references"])
    for label, para in zip(labels, paras, strict=True):
        item = nodes.definition_list_item("", classes=["seml-entry"])
        item += nodes.term("", f"{open_}{label}{close}")
        item += nodes.definition("", para)
        dlist += item
    return dlist


def _add_backrefs(box: nodes.Element, cmap: CiteMap, docname: str, index: int) -> None:
    """End each entry's first paragraph (where its anchor is) with the links back."""
    anchors = {anchor: key for key, anchor in cmap.anchors[docname, index].items()}
    backrefs = cmap.backrefs(docname, index)
    for target in list(box.findall(nodes.target)):
        key = next((anchors[i] for i in target["ids"] if i in anchors), None)
        places = backrefs.get(key, []) if key else []
        if key and places and isinstance(target.parent, nodes.Element):
            target.parent += backrefs_node(places, key, docname)


def render_bibliography(
    node: seml_bibliography, cmap: CiteMap, renderer_for: Callable[[RenderOptions], Renderer]
) -> nodes.Element:
    docname, index = node["docname"], node["index"]
    record = seml_domain(cmap.env).bibliographies[docname][index]
    box = nodes.container(
        "", classes=["seml-bibliography", *(record.option("class") or ())], ids=node["ids"]
    )
    if not cmap.contents.get((docname, index)):
        # Listing a selection, cited or not (:all:, keys, :notcited:): nothing matched.
        cited_only = not (record.all_entries or record.notcited or record.explicit)
        empty = _("No cited entries.") if cited_only else _("No matching entries.")
        box += nodes.paragraph("", str(empty), classes=["seml-empty"])
        return box
    box += _entries(cmap, docname, index, renderer_for)
    if cmap.backrefs_on(docname, index):
        _add_backrefs(box, cmap, docname, index)
    keys = cmap.contents[docname, index]
    box += downloads_node(keys, node.get("downloads") or (), f"{docname}-{node['ids'][0]}")
    return box


def _entries(
    cmap: CiteMap,
    docname: str,
    index: int,
    renderer_for: Callable[[RenderOptions], Renderer],
) -> nodes.Element:
    record = seml_domain(cmap.env).bibliographies[docname][index]
    entries = [cmap.catalogue.entries[k] for k in cmap.contents[docname, index]]
    anchors = cmap.anchors[docname, index]
    options = option_map(record.options)
    selection = read_selection(cmap.catalogue, cmap.config, options, scope=BIBLIOGRAPHY_SCOPE)
    renderer = renderer_for(selection.render)
    renderer.fixed_anchors = anchors
    if selection.render.style != REFERENCES:
        return renderer.render(entries)
    labeller = cmap.labeller_for(docname)
    paras = []
    for entry in entries:
        # The year as citations show it: 2021a / 2021b for the same author.
        year = labeller.year(entry) if labeller.style == "author-year" else None
        para = renderer.reference(entry, year)
        # The target sits in the paragraph, not a term: LaTeX typesets a description
        # label in a box where \label would be lost.
        para.insert(0, nodes.target("", "", ids=[anchors[entry.key]]))
        paras.append(para)
    if labeller.style == "author-year":
        lst = nodes.bullet_list("", classes=["seml-references"], bullet="-")
        for para in paras:
            lst += nodes.list_item("", para, classes=["seml-entry"])
        return lst
    return _labelled_references(cmap.bibliography_labels(docname, index), paras, labeller.brackets)


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
    setup_backrefs(app)
    app.add_node(seml_bibliography)
    app.add_directive("seml-bibliography", SemlBibliographyDirective)
    app.add_post_transform(BibliographyTransform)

"""sphinxcontrib-bibtex's ``bibliography`` and ``footbibliography`` directives, on
``seml-bibliography`` and ``seml-footbibliography``, for the drop-in mode.

Their options become ours: ``:all:``, ``:cited:``, ``:notcited:`` and ``:filter:`` the
bibliography's scope and filter (:mod:`.compat_filter`), ``:style:`` its order (labels
follow the project's citation style), ``:labelprefix:`` the start of its labels
(``citemap.py``); ``:keyprefix:`` needs nothing (citations link to their page's
bibliography, :mod:`.compat_roles`). Keys listed in the body are cited without text, as
``:cite:empty:`` does, so the bibliography lists them with the cited entries (with
``:filter: False``, only them).

The bibliography is wrapped in a container until write time, which then draws it as
sphinxcontrib-bibtex does: a ``:list:`` of ``bullet`` or ``enumerated`` references
(``:enumtype:``, ``:start:``), ``bibtex_bibliography_header`` before it, nothing at all
when it is empty; the same for a footnote list and ``bibtex_footbibliography_header``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, directives
from docutils.utils import new_document
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .bibliography import SemlBibliographyDirective
from .compat_bibtex import BIB_STYLES, bib_style, closest, project_bib_style
from .compat_filter import translate
from .config import get_config
from .diagnostics import Subtype
from .domain import seml_domain
from .footcite import seml_footbibliography

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils.nodes import Node
    from sphinx.application import Sphinx

#: The class of the container around a bibliography, and around a footnote list.
BIBLIOGRAPHY_CLASS = "seml-bibtex-bibliography"
FOOT_CLASS = "seml-bibtex-footbibliography"
LISTS = ("citation", "bullet", "enumerated")
ENUMTYPES = ("arabic", "loweralpha", "upperalpha", "lowerroman", "upperroman")


def parse_header(text: str, source: str) -> list[Node]:
    """A ``bibtex_*_header`` setting, reStructuredText in any document (as theirs)."""
    if not text:
        return []
    settings = get_default_settings(Parser)
    settings.report_level = 4  # the setting is conf.py's: no system messages in pages
    document = new_document(source, settings)
    Parser().parse(text, document)
    return list(document.children)


class BibtexBibliographyDirective(SemlBibliographyDirective):
    """``.. bibliography::`` with sphinxcontrib-bibtex's options."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "all": directives.flag,
        "cited": directives.flag,
        "notcited": directives.flag,
        "filter": directives.unchanged,
        "style": directives.unchanged,
        "list": directives.unchanged,
        "enumtype": directives.unchanged,
        "start": directives.unchanged,
        "labelprefix": directives.unchanged,
        "keyprefix": directives.unchanged,
        "disable-curly-bracket-strip": directives.flag,
    }

    def run(self) -> list[Node]:
        theirs = dict(self.options)
        self.check_files()
        ours = self.scope(theirs)
        ours["sort"] = self.sort(theirs.get("style"))
        if theirs.get("labelprefix"):
            ours["labelprefix"] = theirs["labelprefix"]
        list_type, enumtype, start = self.list_options(theirs)
        self.options = ours
        box = nodes.container(
            "",
            *parse_header(self.config.bibtex_bibliography_header, "bibtex_bibliography_header"),
            classes=[BIBLIOGRAPHY_CLASS],
            seml_list=list_type,
            seml_enumtype=enumtype,
            seml_start=start,
        )
        box += super().run()
        return [box]

    def check_files(self) -> None:
        """The bib files of the argument: seml lists the entries of every source."""
        named = set(self.arguments[0].split()) if self.arguments else set()
        bibfiles = set(self.config.bibtex_bibfiles or ())
        if named and named != bibfiles:
            self.warn(
                f"the bib files {', '.join(sorted(named))} are ignored: the entries of every"
                " source are listed; use :filter: to narrow them",
                Subtype.INVALID_OPTION,
            )

    def scope(self, theirs: dict[str, object]) -> dict[str, object]:
        """Our options for their ``:all:``, ``:cited:``, ``:notcited:`` and ``:filter:``."""
        flags = [name for name in ("all", "cited", "notcited") if name in theirs]
        text = theirs.get("filter")
        if isinstance(text, str):
            if flags:
                self.warn(
                    f":filter: overrides :{flags[0]}:; using the filter", Subtype.INVALID_FILTER
                )
            translation = translate(text, self.env.docname)
            if translation.problem:
                self.warn(
                    f":filter: {text!r}: {translation.problem}; listing the cited entries",
                    Subtype.INVALID_FILTER,
                )
            scope, condition = translation.scope, translation.filter
        else:
            scope, condition = (flags[-1] if flags else "cited"), None
        ours: dict[str, object] = {} if condition is None else {"filter": condition}
        return self.keys_in_scope(scope, ours)

    def keys_in_scope(self, scope: str, ours: dict[str, object]) -> dict[str, object]:
        """The body's keys join the scope: cited without text, or alone (``none``)."""
        listed = any(line.strip() for line in self.content)
        if scope == "none":
            if not listed:
                ours["filter"] = "False"
            return ours
        if listed:
            if scope == "notcited":
                self.warn(
                    "keys listed with :notcited: are not listed; give them a bibliography"
                    " of their own (:filter: False)",
                    Subtype.INVALID_OPTION,
                )
            else:
                keys = [k for k in self.body_keys() if k in self.catalogue.entries]
                seml_domain(self.env).note_citation(self.env.docname, keys)
            self.content = self.content[0:0]
        if scope != "cited":
            ours[scope] = None
        return ours

    def sort(self, style: object) -> str:
        """The order of the bibliography's ``:style:`` (or ``bibtex_default_style``)."""
        if style is None:
            return project_bib_style(self.config).sort
        found = bib_style(str(style).strip())
        if found is None:
            choice = closest(str(style), list(BIB_STYLES))
            self.warn(
                f":style: {style!r} is a pybtex style plugin, which cannot be used;"
                f" using {choice!r}",
                Subtype.INVALID_OPTION,
            )
            found = BIB_STYLES[choice]
        project = get_config(self.config).citation_style
        if found.citation_style != project and project != "author-year":
            self.warn(
                f":style: {style!r}: labels follow the project's citation style"
                f" ({project}); the page field :seml-citation-style: sets a page's",
                Subtype.INVALID_OPTION,
            )
        return found.sort

    def list_options(self, theirs: dict[str, object]) -> tuple[str, str, str]:
        """``:list:``, ``:enumtype:`` and ``:start:``, checked."""
        list_type = str(theirs.get("list") or "citation").strip()
        if list_type not in LISTS:
            self.warn(
                f":list: {list_type!r} is not valid; use one of {', '.join(LISTS)}."
                f" Using {closest(list_type, list(LISTS))!r}",
                Subtype.INVALID_OPTION,
            )
            list_type = closest(list_type, list(LISTS))
        enumtype = str(theirs.get("enumtype") or "arabic").strip()
        if enumtype not in ENUMTYPES:
            self.warn(
                f":enumtype: {enumtype!r} is not valid; use one of {', '.join(ENUMTYPES)}",
                Subtype.INVALID_OPTION,
            )
            enumtype = "arabic"
        start = str(theirs.get("start") or "1").strip()
        if start != "continue" and not (start.isdigit() and int(start) > 0):
            self.warn(
                f":start: {start!r} is not valid; use a positive number or continue",
                Subtype.INVALID_OPTION,
            )
            start = "1"
        return list_type, enumtype, start


class BibtexFootBibliographyDirective(SphinxDirective):
    """``.. footbibliography::``: ``seml-footbibliography`` after the header."""

    def run(self) -> list[Node]:
        header = self.config.bibtex_footbibliography_header
        place = seml_footbibliography("")
        self.set_source_info(place)
        box = nodes.container(
            "",
            *parse_header(header, "bibtex_footbibliography_header"),
            place,
            classes=[FOOT_CLASS],
        )
        return [box]


def _boxes(tree: nodes.Element, name: str) -> list[nodes.container]:
    """The containers of class ``name`` in ``tree``."""
    return [box for box in tree.findall(nodes.container) if name in box["classes"]]


def _unwrap(box: nodes.Element, children: list[Node]) -> None:
    """Replace ``box`` by ``children`` (``replace_self`` would refuse to drop its class)."""
    box.parent.replace(box, children)


def _references(box: nodes.Element) -> list[nodes.Element]:
    """The references of a drawn bibliography, each its paragraph (with its anchor)."""
    found: list[nodes.Element] = []
    for definition in box.findall(nodes.definition):
        found += [c for c in definition.children if isinstance(c, nodes.Element)]
    for item in box.findall(nodes.list_item):
        found += [c for c in item.children if isinstance(c, nodes.Element)]
    return found


class BibtexListTransform(SphinxPostTransform):
    """Draws the bibliographies as sphinxcontrib-bibtex does (:mod:`this module's <.>`)."""

    # After the bibliographies are filled (4), before references are resolved (10).
    default_priority = 6

    def run(self, **kwargs: object) -> None:
        enumerated = 0  # the references enumerated so far, for :start: continue
        for box in _boxes(self.document, BIBLIOGRAPHY_CLASS):
            if any("seml-empty" in p["classes"] for p in box.findall(nodes.paragraph)):
                _unwrap(box, [])
                continue
            list_type = box.get("seml_list", "citation")
            if list_type != "citation":
                start = box.get("seml_start", "1")
                first = enumerated + 1 if start == "continue" else int(start)
                last = self.relist(box, list_type, box.get("seml_enumtype"), first)
                enumerated = last if list_type == "enumerated" else enumerated
            _unwrap(box, list(box.children))

    @staticmethod
    def relist(box: nodes.Element, list_type: str, enumtype: str, start: int) -> int:
        """Put the references into a bullet or enumerated list; the last number."""
        drawn = _boxes(box, "seml-bibliography")[0]
        refs = _references(drawn)
        if list_type == "bullet":
            out: nodes.Element = nodes.bullet_list("", bullet="*")
        else:
            out = nodes.enumerated_list("", enumtype=enumtype, prefix="", suffix=".")
            if start != 1:
                out["start"] = start
        for ref in refs:
            out += nodes.list_item("", ref.deepcopy(), classes=["seml-entry"])
        drawn.children = []
        drawn += out
        return start + len(refs) - 1


class BibtexFootListTransform(SphinxTransform):
    """A footnote list's header only where it has footnotes, as theirs."""

    # After the footnotes are placed (615), before docutils numbers them (620).
    default_priority = 616

    def apply(self, **kwargs: object) -> None:
        for box in _boxes(self.document, FOOT_CLASS):
            if next(iter(box.findall(nodes.footnote)), None) is None:
                box.parent.remove(box)  # replace_self([]) would refuse to drop its class
            else:
                _unwrap(box, list(box.children))


def setup_bibtex_bibliography(app: Sphinx) -> None:
    app.add_directive("bibliography", BibtexBibliographyDirective)
    app.add_directive("footbibliography", BibtexFootBibliographyDirective)
    app.add_post_transform(BibtexListTransform)
    app.add_transform(BibtexFootListTransform)

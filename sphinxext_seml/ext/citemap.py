"""What citations and bibliographies resolve to, across the whole project.

Derived from the domain's per-document data after reading: the project's
citation order (documents in toctree order), each bibliography's entries (the
cited ones, a page's, the whole catalogue's, the uncited ones or the keys its
body names), for every cited key in every document the bibliography it links to
and its label (numbers unique on each page: ``numbering.py``), and the places
each entry is cited, for back-references. Computed once per build and cached on
the domain, so the cost is linear in documents + citations + bibliography
entries, never documents x entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..catalogue.citations import CITATION_STYLES, Labeller, Texts, shown_title
from ..catalogue.model import OTHERS
from ..catalogue.names import fold
from ..catalogue.persons import parse_name
from ..catalogue.query import in_order, matching_keys
from .anchors import anchor_for
from .backrefs import citation_anchor
from .config import get_config
from .diagnostics import Subtype, warn
from .domain import SemlDomain, seml_domain
from .numbering import Numbers, number_pages
from .options import Scope, read_selection
from .records import BibliographyRecord, option_map
from .store import catalogue_for, catalogue_key
from .usage import entry_digest

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue, Entry

_ = get_translation("sphinxext_seml")

BIBLIOGRAPHY_SORTS = ("cited", "author")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a citation links: an entry of a bibliography, with its number there."""

    docname: str
    anchor: str
    number: int
    #: The bibliography's ``:labelprefix:`` (sphinxcontrib-bibtex's), before its labels.
    prefix: str = ""


#: Where a bibliography stands: its page and its index among the page's bibliographies.
BibliographyId = tuple[str, int]
#: A place a citation stands: its page and its anchor there.
Place = tuple[str, str]


#: The file-wide field (at the top of a page) that sets its citation style.
STYLE_FIELD = "seml-citation-style"


def page_style(env: BuildEnvironment, docname: str) -> str | None:
    style = env.metadata.get(docname, {}).get(STYLE_FIELD)
    return style if style in CITATION_STYLES else None


def _check_page_style(app: Sphinx, doctree: nodes.document) -> None:
    value = app.env.metadata.get(app.env.docname, {}).get(STYLE_FIELD)
    if value is not None and value not in CITATION_STYLES:
        warn(
            f":{STYLE_FIELD}: {value!r} is not a citation style; use one of"
            f" {', '.join(CITATION_STYLES)}. Using the project's.",
            Subtype.INVALID_OPTION,
            (app.env.docname, 1),
        )


def doc_order(env: BuildEnvironment) -> list[str]:
    """Documents in reading order: depth first through the toctrees from the root
    document, then any document no toctree reaches, sorted."""
    seen: dict[str, None] = {}
    stack = [env.config.root_doc]
    while stack:
        doc = stack.pop()
        if doc in seen or doc not in env.all_docs:
            continue
        seen[doc] = None
        stack.extend(reversed(env.toctree_includes.get(doc, [])))
    rest = sorted(set(env.all_docs) - seen.keys())
    return [*seen, *rest]


def _target_rank(record: BibliographyRecord) -> int:
    """How well a project-wide bibliography serves as a citation target: the
    references page (cited entries, unfiltered) first, then a filtered one or one
    of given keys, then a whole-catalogue (``:all:``) listing."""
    if record.all_entries:
        return 2
    narrowed = ("flag", "type", "filter", "limit")
    return int(record.explicit or any(record.has_option(name) for name in narrowed))


def _author_key(entry: Entry) -> tuple[tuple[str, ...], int, str]:
    """``:sort: author``: the first author in Chicago order ("Rossum, Guido van"
    under R), else the title; then year and title."""
    first = next((a for a in entry.authors if a != OTHERS), None)
    title = fold(shown_title(entry))
    name = parse_name(first).sort_key if first is not None else (title,)
    return (name, entry.year or 9999, title)


class _Labellers(dict[str, Labeller]):
    """style -> Labeller, made on first use: most projects use one style."""

    def __init__(self, cited: list[str], entries: Mapping[str, Entry], texts: Texts) -> None:
        super().__init__()
        self.cited = cited
        self.entries = entries
        self.texts = texts

    def __missing__(self, style: str) -> Labeller:
        labeller = self[style] = Labeller(style, self.cited, self.entries, self.texts)
        return labeller


class CiteMap:
    """Resolution of every citation and bibliography of the project, for one build."""

    def __init__(self, env: BuildEnvironment, domain: SemlDomain) -> None:
        self.env = env
        self.domain = domain
        self.catalogue: Catalogue = catalogue_for(env)
        self.config = get_config(env.config)
        self.order = doc_order(env)
        self.rank = {doc: i for i, doc in enumerate(self.order)}
        entries = self.catalogue.entries
        cited: dict[str, None] = {}
        for doc in self.order:
            for key in domain.citations.get(doc, ()):
                if key in entries:
                    cited.setdefault(key, None)
        #: Every cited key, in project citation order.
        self.cited = list(cited)
        # (docname, index) -> keys shown, and -> {key: anchor}
        self.contents: dict[BibliographyId, list[str]] = {}
        self.anchors: dict[BibliographyId, dict[str, str]] = {}
        for doc in self.order:
            for index, record in enumerate(domain.bibliographies.get(doc, ())):
                keys = self._select(doc, record)
                self.contents[doc, index] = keys
                self.anchors[doc, index] = self._anchors(doc, index, record, keys)
        texts = Texts(str(_("et al.")), str(_("and")), str(_("n.d.")))
        #: One labeller per citation style: the project's, and any a page sets with
        #: the ``:seml-citation-style:`` field. Its letters (2015a) tell apart every
        #: entry shown, cited or only listed: the cited ones first, in citation order.
        self.labellers = _Labellers(self._labelled(), entries, texts)
        self.labeller = self.labellers[self.config.citation_style]
        # key -> the project-wide bibliography that shows it: an unfiltered one
        # (the references page) before a filtered one, then in document order.
        self._global: dict[str, BibliographyId] = {}
        project_wide = [bib for bib in self.contents if not self.record(bib).local]
        project_wide.sort(key=lambda bib: _target_rank(self.record(bib)))
        for bib in project_wide:
            for key in self.contents[bib]:
                self._global.setdefault(key, bib)
        # docname -> key -> the first bibliography of the page that shows it
        self.own: dict[str, dict[str, int]] = {}
        for (doc, index), keys in self.contents.items():
            mine = self.own.setdefault(doc, {})
            for key in keys:
                mine.setdefault(key, index)
        self.numbers = self._number(project_wide)
        #: key -> where a citation on a page whose bibliographies do not show it links.
        self.global_target = {key: self._target(key, bib) for key, bib in self._global.items()}
        self._places: dict[str, list[Place]] | None = None

    def record(self, bib: BibliographyId) -> BibliographyRecord:
        return self.domain.bibliographies[bib[0]][bib[1]]

    def _labelled(self) -> list[str]:
        """The keys labels are made for: the cited ones in project citation order,
        then those only listed, in the order of the bibliographies."""
        labelled = dict.fromkeys(self.cited)
        for keys in self.contents.values():
            labelled.update(dict.fromkeys(keys))
        return list(labelled)

    def _linked(self, docname: str, key: str) -> BibliographyId | None:
        index = self.own.get(docname, {}).get(key)
        if index is not None:
            return (docname, index)
        return self._global.get(key)

    def _target(self, key: str, bib: BibliographyId) -> Target:
        number = self.numbers.on_page(bib[0], key)
        assert number is not None  # every work a bibliography shows is numbered
        return Target(bib[0], self.anchors[bib][key], number, self.label_prefix(bib))

    def label_prefix(self, bib: BibliographyId) -> str:
        """What a bibliography's labels start with (``:labelprefix:``; not in author-year)."""
        prefix = self.record(bib).option("labelprefix")
        if not isinstance(prefix, str) or self.style_for(bib[0]) == "author-year":
            return ""
        return prefix

    def _number(self, project_wide: list[BibliographyId]) -> Numbers:
        shown: dict[str, list[list[str]]] = {}
        prefixes: dict[str, list[str]] = {}
        for (doc, index), keys in self.contents.items():
            shown.setdefault(doc, []).append(keys)
            prefixes.setdefault(doc, []).append(self.label_prefix((doc, index)))
        links: dict[str, dict[str, str | None]] = {}
        targets: dict[str, None] = {}
        for doc in self.order:
            for key in self.domain.cite_counts.get(doc, ()):
                if key not in self.catalogue.entries:
                    continue
                bib = self._linked(doc, key)
                links.setdefault(doc, {})[key] = bib[0] if bib else None
                if bib is not None and bib[0] != doc:
                    targets[bib[0]] = None
        # Target pages in the order links prefer their bibliographies.
        order = dict.fromkeys(doc for doc, _index in project_wide if doc in targets)
        return number_pages(shown, links, list(order), self.cited, prefixes)

    def _candidates(self, docname: str, record: BibliographyRecord) -> Iterable[str]:
        entries = self.catalogue.entries
        if record.explicit:
            return [k for k in record.keys if k in entries]
        if record.notcited:
            cited = set(self.cited)
            return [k for k in entries if k not in cited]  # in catalogue order
        if record.all_entries:
            return entries  # the keys, in catalogue order
        if record.local:
            return [k for k in self.domain.citations.get(docname, ()) if k in entries]
        return self.cited

    def _select(self, docname: str, record: BibliographyRecord) -> list[str]:
        options = option_map(record.options)
        # Numbered styles list in citation order by default, the others by author.
        numeric = self.style_for(docname) == "numeric"
        sorts = BIBLIOGRAPHY_SORTS if numeric else ("author", "cited")
        selection = read_selection(
            self.catalogue, self.config, options, scope=Scope(extra_sorts=sorts)
        )
        if not selection.ok:
            return []
        query = selection.query
        # By key: the entries themselves are looked at only for a filter or an author sort.
        chosen = matching_keys(self.catalogue, query, self._candidates(docname, record))
        if record.explicit and not record.has_option("sort"):
            pass  # the order of the directive's body
        elif selection.sort == "cited":
            # Citation order (the page's own for :local:); with :all:, the uncited
            # entries follow in catalogue order.
            order = chosen if record.local else self.cited
            position = {k: i for i, k in enumerate(order)}
            chosen.sort(key=lambda k: position.get(k, len(position)))
        elif selection.sort == "author":
            chosen.sort(key=lambda k: _author_key(self.catalogue.entries[k]))
        else:
            chosen = in_order(self.catalogue, chosen, query.sort)
        if selection.limit is not None:
            chosen = chosen[: selection.limit]
        return chosen

    def _anchors(
        self, docname: str, index: int, record: BibliographyRecord, keys: list[str]
    ) -> dict[str, str]:
        """``seml-<key>`` when that is free on the page, else ``<bibliography id>-<key>``."""
        taken = self.domain.anchors.get(docname, {})
        earlier = {key for i in range(index) for key in self.contents.get((docname, i), ())}
        out = {}
        for key in keys:
            if key in taken or key in earlier:
                out[key] = anchor_for(key, prefix=record.bib_id)
            else:
                out[key] = anchor_for(key)
        return out

    def number(self, docname: str, key: str) -> int | None:
        """The number of ``key``'s work on ``docname``: in its bibliographies, else that
        of the bibliography its citations link to, else its number as an unlisted entry."""
        linked = self._linked(docname, key)
        if linked is None:
            return self.numbers.unlisted.get(key)
        return self.numbers.on_page(linked[0], key)

    def target(self, docname: str, key: str) -> Target | None:
        """Where a citation of ``key`` in ``docname`` links: the page's own
        bibliography showing it, else the project-wide one."""
        linked = self._linked(docname, key)
        return None if linked is None else self._target(key, linked)

    def style_for(self, docname: str) -> str:
        """The citation style of a page: its ``:seml-citation-style:`` field, else the project's."""
        return page_style(self.env, docname) or self.config.citation_style

    def labeller_for(self, docname: str) -> Labeller:
        """The labeller of a page (:meth:`style_for`)."""
        return self.labellers[self.style_for(docname)]

    def label(self, entry: Entry, target: Target | None, docname: str) -> str:
        number = target.number if target else self.numbers.unlisted.get(entry.key)
        prefix = target.prefix if target else ""
        return prefix + self.labeller_for(docname).label(entry, number)

    def bibliography_labels(self, docname: str, index: int) -> list[str]:
        """The label of each entry of a bibliography, as its page numbers them."""
        labeller = self.labeller_for(docname)
        entries = self.catalogue.entries
        prefix = self.label_prefix((docname, index))
        return [
            prefix + labeller.label(entries[key], self.numbers.on_page(docname, key))
            for key in self.contents[docname, index]
        ]

    # -- back-references -----------------------------------------------------------

    def backrefs_on(self, docname: str, index: int) -> bool:
        """Whether a bibliography links back to the citations: ``:backrefs:``, or the
        setting ``seml_bibliography_backrefs`` unless ``:no-backrefs:``."""
        record = self.domain.bibliographies[docname][index]
        if record.has_option("backrefs"):
            return True
        return self.config.bibliography_backrefs and not record.has_option("no-backrefs")

    def places(self, key: str) -> list[Place]:
        """Every citation of ``key`` in the text, in reading order: page and anchor."""
        if self._places is None:
            found: dict[str, list[Place]] = {}
            for doc in self.order:
                for cited, count in self.domain.cite_counts.get(doc, {}).items():
                    spots = found.setdefault(cited, [])
                    spots.extend((doc, citation_anchor(cited, n)) for n in range(1, count + 1))
            self._places = found
        return self._places.get(key, [])

    def backrefs(self, docname: str, index: int) -> dict[str, list[Place]]:
        """key -> the places that cite it, for each entry of a bibliography: on its
        page for a ``:local:`` one, in the whole project otherwise."""
        record = self.domain.bibliographies[docname][index]
        out = {}
        for key in self.contents[docname, index]:
            spots = self.places(key)
            out[key] = [p for p in spots if p[0] == docname] if record.local else spots
        return out

    def fingerprint(self, docname: str) -> str:
        """A digest of everything in ``docname``'s output that other documents decide."""
        data: list[object] = []
        for key in self.domain.citations.get(docname, ()):
            target = self.target(docname, key)
            entry = self.catalogue.entries.get(key)
            data.append(
                [
                    key,
                    [target.docname, target.anchor, target.number] if target else None,
                    # Where a citation of an entry without a URL links instead.
                    self.domain.first_shown().get(key) if entry and not entry.url else None,
                    self.label(entry, target, docname) if entry else None,
                    # The tooltip shows the entry: an edited entry rewrites its citers.
                    entry_digest(entry) if entry else None,
                ]
            )
        for index in range(len(self.domain.bibliographies.get(docname, ()))):
            keys = self.contents[docname, index]
            entries = [self.catalogue.entries[k] for k in keys]
            backrefs = self.backrefs(docname, index) if self.backrefs_on(docname, index) else {}
            data.append(
                [
                    keys,
                    self.bibliography_labels(docname, index),
                    [entry_digest(e) for e in entries],
                    # Back-references: a citation added on another page adds one here.
                    [backrefs.get(k, ()) for k in keys],
                ]
            )
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]


def cite_map(env: BuildEnvironment) -> CiteMap:
    domain = seml_domain(env)
    found = domain.cache.get("citemap")
    if not isinstance(found, CiteMap):
        found = CiteMap(env, domain)
        domain.cache["citemap"] = found
    return found


def updated_docs(env: BuildEnvironment, builder: str) -> list[str]:
    """Documents whose cross-document output changed since ``builder`` last wrote
    them: to be written again (``env-get-updated``) though their source did not change.

    Fingerprints are kept per builder: builders share one environment (``make html``
    then ``make text``), and one builder's rewrite must not hide a change from another.
    """
    domain = seml_domain(env)
    stored = domain.fingerprints
    before, domain.before = domain.before, {}
    if not domain.citations and not domain.bibliographies and not stored.get(builder):
        return []
    # Fast path: the pages read again cite and list what they did, the page order
    # and the catalogues are the same as when this builder last wrote: no page's
    # cross-document output can have changed.
    basis = hashlib.sha256(repr((doc_order(env), catalogue_key(env))).encode()).hexdigest()[:32]
    bases = domain.fingerprint_basis
    # Builders share the environment: a change read by one build is pending for
    # every other builder until it recomputes too.
    pending = domain.pending_builders
    if any(old != domain.cited_and_listed(doc) for doc, old in before.items()):
        pending.update(stored)
    if builder in stored and bases.get(builder) == basis and builder not in pending:
        return []
    bases[builder] = basis
    pending.discard(builder)
    cmap = cite_map(env)
    old = stored.get(builder, {})
    new = {
        doc: cmap.fingerprint(doc)
        for doc in cmap.order
        if doc in domain.citations or doc in domain.bibliographies
    }
    stored[builder] = new
    return sorted(doc for doc, digest in new.items() if old.get(doc) != digest)


def _env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return updated_docs(env, app.builder.name)


def setup_citemap(app: Sphinx) -> None:
    app.connect("env-get-updated", _env_get_updated)
    app.connect("doctree-read", _check_page_style)

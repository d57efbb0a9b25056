"""What citations and bibliographies resolve to, across the whole project.

Derived from the domain's per-document data after reading: the project's
citation order (documents in toctree order), each bibliography's entries, and
for every cited key in every document the bibliography it links to and its
label. Computed once per build and cached on the domain, so the cost is linear
in documents + citations + bibliography entries, never documents x entries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from ..catalogue.citations import CITATION_STYLES, Labeller, Texts
from ..catalogue.model import OTHERS
from ..catalogue.names import fold
from ..catalogue.persons import parse_name
from ..catalogue.query import in_order, matching_keys
from .anchors import anchor_for
from .config import get_config
from .diagnostics import Subtype, warn
from .domain import SemlDomain, seml_domain
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
    docname: str
    anchor: str
    number: int


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
    references page (cited entries, unfiltered) first, then a filtered one, then
    a whole-catalogue (``:all:``) listing."""
    if record.all_entries:
        return 2
    return int(any(record.has_option(name) for name in ("flag", "type", "filter", "limit")))


def _author_key(entry: Entry) -> tuple[tuple[str, ...], int, str]:
    """``:sort: author``: the first author in Chicago order ("Rossum, Guido van"
    under R), else the title; then year and title."""
    first = next((a for a in entry.authors if a != OTHERS), None)
    title = fold(entry.title)
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
        cited: dict[str, None] = {}
        for doc in self.order:
            for key in domain.citations.get(doc, ()):
                if key in self.catalogue.entries:
                    cited.setdefault(key, None)
        #: Every cited key, in project citation order.
        self.cited = list(cited)
        texts = Texts(str(_("et al.")), str(_("and")), str(_("n.d.")))
        #: One labeller per citation style: the project's, and any a page sets
        #: with the ``:seml-citation-style:`` field.
        self.labellers = _Labellers(self.cited, self.catalogue.entries, texts)
        self.labeller = self.labellers[self.config.citation_style]
        # (docname, index) -> keys shown, and -> {key: anchor}
        self.contents: dict[tuple[str, int], list[str]] = {}
        self.anchors: dict[tuple[str, int], dict[str, str]] = {}
        for doc in self.order:
            for index, record in enumerate(domain.bibliographies.get(doc, ())):
                keys = self._select(doc, record)
                self.contents[doc, index] = keys
                self.anchors[doc, index] = self._anchors(doc, index, record, keys)
        # key -> the project-wide bibliography that shows it: an unfiltered one
        # (the references page) before a filtered one, then in document order.
        self.global_target: dict[str, Target] = {}
        project_wide = [
            (doc, index)
            for (doc, index) in self.contents
            if not domain.bibliographies[doc][index].local
        ]
        project_wide.sort(key=lambda d: _target_rank(domain.bibliographies[d[0]][d[1]]))
        for doc, index in project_wide:
            keys = self.contents[doc, index]
            for number, key in enumerate(keys, 1):
                if key not in self.global_target:
                    self.global_target[key] = Target(doc, self.anchors[doc, index][key], number)

    def _select(self, docname: str, record: BibliographyRecord) -> list[str]:
        options = option_map(record.options)
        # Numbered styles list in citation order by default, the others by author.
        numeric = self.labeller_for(docname).style == "numeric"
        sorts = BIBLIOGRAPHY_SORTS if numeric else ("author", "cited")
        selection = read_selection(
            self.catalogue, self.config, options, scope=Scope(extra_sorts=sorts)
        )
        if not selection.ok:
            return []
        entries = self.catalogue.entries
        candidates: Iterable[str]
        if record.all_entries:
            candidates = entries  # the keys, in catalogue order
        elif record.local:
            candidates = [k for k in self.domain.citations.get(docname, ()) if k in entries]
        else:
            candidates = self.cited
        query = selection.query
        # By key: the entries themselves are looked at only for a filter or an author sort.
        chosen = matching_keys(self.catalogue, query, candidates)
        if selection.sort == "cited":
            # Citation order (the page's own for :local:); with :all:, the uncited
            # entries follow in catalogue order.
            order = chosen if record.local else self.cited
            position = {k: i for i, k in enumerate(order)}
            chosen.sort(key=lambda k: position.get(k, len(position)))
        elif selection.sort == "author":
            chosen.sort(key=lambda k: _author_key(entries[k]))
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

    def target(self, docname: str, key: str) -> Target | None:
        """Where a citation of ``key`` in ``docname`` links: the page's own
        bibliography showing it, else the project-wide one."""
        for index in range(len(self.domain.bibliographies.get(docname, ()))):
            keys = self.contents[docname, index]
            if key in keys:
                return Target(docname, self.anchors[docname, index][key], keys.index(key) + 1)
        return self.global_target.get(key)

    def labeller_for(self, docname: str) -> Labeller:
        """The labeller of a page: its ``:seml-citation-style:`` field, else the project's."""
        return self.labellers[page_style(self.env, docname) or self.config.citation_style]

    def label(self, entry: Entry, target: Target | None, docname: str) -> str:
        return self.labeller_for(docname).label(entry, target.number if target else None)

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
                    self.label(entry, target, docname) if entry else None,
                    # The tooltip shows the entry: an edited entry rewrites its citers.
                    entry_digest(entry) if entry else None,
                ]
            )
        for index in range(len(self.domain.bibliographies.get(docname, ()))):
            keys = self.contents[docname, index]
            entries = [self.catalogue.entries[k] for k in keys]
            data.append(
                [
                    keys,
                    [self.labeller_for(docname).label(e, n) for n, e in enumerate(entries, 1)],
                    [entry_digest(e) for e in entries],
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
    if any(
        old != (domain.citations.get(doc), domain.bibliographies.get(doc))
        for doc, old in before.items()
    ):
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

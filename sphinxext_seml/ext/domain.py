"""The ``seml`` domain: per-document state, kept right for ``-j N`` and incremental builds.

Per document it records where catalogue entries are rendered (so entries are
objects of the domain and appear in ``objects.inv``), which keys the document
cites, the options of its bibliographies and what it asked of the catalogue.
Only keys, anchors and option strings are stored, as the typed records of
``records.py``: the catalogue itself is never pickled. What depends on the
whole project (bibliography contents, citation numbers and targets) is derived
from this data when documents are written, never stored per document.

The domain only keeps data. Its roles are registered by their own modules
(``badges.py``, ``citations.py``) with ``app.add_role_to_domain``, and links are
resolved by ``xref.py``, which installs itself as :attr:`SemlDomain.resolution`:
it needs the citation map, which is derived from this data and so sits above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation

from .anchors import anchor_for
from .records import KeysUsage

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from docutils.nodes import Element, reference
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue
    from .records import BibliographyRecord, Usage

    #: What a page cites (the keys, and how often in the text) and lists, kept when
    #: it is cleared: see :meth:`SemlDomain.cited_and_listed`.
    Before = tuple[
        list[str] | None,
        list[BibliographyRecord] | None,
        dict[str, int] | None,
        dict[str, str] | None,
    ]

_ = get_translation("sphinxext_seml")

#: A row of :meth:`~sphinx.domains.Domain.get_objects`:
#: ``(name, dispname, type, docname, anchor, priority)``.
ObjectRow = tuple[str, str, str, str, str, int]


class BuildCatalogues(Protocol):
    """The catalogues of this build as ``store.py`` loads them (its ``Loaded``)."""

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def key(self) -> str: ...

    @property
    def content(self) -> str: ...


class Resolution(Protocol):
    """Where links to entries go and how they resolve: ``xref.py``'s, installed by
    its ``setup_xref``."""

    def objects(self, domain: SemlDomain) -> Iterable[ObjectRow]: ...

    def resolve_cite(
        self, builder: Builder, fromdocname: str, node: pending_xref, contnode: Element
    ) -> reference | None: ...

    def resolve_entry(
        self, builder: Builder, fromdocname: str, target: str, node: pending_xref, contnode: Element
    ) -> reference | None: ...


#: The domain data kept per document (cleared and merged per document).
_PER_DOC = ("anchors", "citations", "bibliographies", "usages", "digests", "cite_counts")


class SemlDomain(Domain):
    name = "seml"
    label = _("SE4ML catalogue")  # lazy: translated when used, not at import
    object_types = {"entry": ObjType(_("catalogue entry"), "ref", "cite")}
    initial_data = {
        # docname -> {entry key -> anchor of its first rendering on that page}
        "anchors": {},
        # docname -> keys cited there, in order of first citation
        "citations": {},
        # docname -> key -> how many citations in the text show it there (each one
        # an anchor that back-references link to; nocite has none)
        "cite_counts": {},
        # docname -> its bibliographies (BibliographyRecord), in document order
        "bibliographies": {},
        # docname -> what it asked of the catalogue (records.Usage, see usage.py)
        "usages": {},
        # docname -> digest of the catalogue's answers when it was read
        "digests": {},
        # the catalogue sources' identity at the last build
        "catalogue_key": None,
        # builder name -> docname -> fingerprint of its cross-document output
        # when that builder last wrote it (citemap.py)
        "fingerprints": {},
        # builder name -> the page order and catalogues its fingerprints were made with
        "fingerprint_basis": {},
        # builders whose fingerprints a change read since they last wrote makes stale
        "pending_builders": set(),
    }
    # Bump when the stored data changes shape: Sphinx then rebuilds the environment.
    data_version = 7

    #: Link resolution, installed by ``xref.setup_xref``.
    resolution: ClassVar[Resolution | None] = None

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Derived, per process: dropped whenever the data changes.
        self.cache: dict[str, object] = {}
        # docname -> (citations, bibliographies, citation counts) before it was
        # cleared in this build
        self.before: dict[str, Before] = {}
        # The catalogues of this build (store.py): loaded once per build, not pickled.
        self.loaded: BuildCatalogues | None = None

    # -- the data, typed ------------------------------------------------------

    @property
    def anchors(self) -> dict[str, dict[str, str]]:
        anchors: dict[str, dict[str, str]] = self.data["anchors"]
        return anchors

    @property
    def citations(self) -> dict[str, list[str]]:
        citations: dict[str, list[str]] = self.data["citations"]
        return citations

    @property
    def cite_counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = self.data["cite_counts"]
        return counts

    @property
    def bibliographies(self) -> dict[str, list[BibliographyRecord]]:
        bibliographies: dict[str, list[BibliographyRecord]] = self.data["bibliographies"]
        return bibliographies

    @property
    def usages(self) -> dict[str, list[Usage]]:
        usages: dict[str, list[Usage]] = self.data["usages"]
        return usages

    @property
    def digests(self) -> dict[str, str]:
        digests: dict[str, str] = self.data["digests"]
        return digests

    @property
    def catalogue_key(self) -> str | None:
        key: str | None = self.data["catalogue_key"]
        return key

    @catalogue_key.setter
    def catalogue_key(self, key: str) -> None:
        self.data["catalogue_key"] = key

    @property
    def fingerprints(self) -> dict[str, dict[str, str]]:
        fingerprints: dict[str, dict[str, str]] = self.data["fingerprints"]
        return fingerprints

    @property
    def fingerprint_basis(self) -> dict[str, str]:
        basis: dict[str, str] = self.data["fingerprint_basis"]
        return basis

    @property
    def pending_builders(self) -> set[str]:
        pending: set[str] = self.data["pending_builders"]
        return pending

    # -- recording ------------------------------------------------------------

    def note_usage(self, docname: str, usage: Usage) -> None:
        usages = self.usages.setdefault(docname, [])
        if isinstance(usage, KeysUsage):
            # One record of cited keys per page, not one per role: the environment
            # is pickled on every build, and 500 pages cite thousands of times.
            for index, record in enumerate(usages):
                if isinstance(record, KeysUsage):
                    new = [k for k in dict.fromkeys(usage.keys) if k not in record.keys]
                    if new:
                        usages[index] = KeysUsage((*record.keys, *new))
                    return
            usage = KeysUsage(tuple(dict.fromkeys(usage.keys)))
        if usage not in usages:
            usages.append(usage)

    def note_entry(self, docname: str, key: str, anchor: str) -> None:
        # The usual anchor is stored as "" (one shared string in the pickle).
        stored = "" if anchor == anchor_for(key) else anchor
        self.anchors.setdefault(docname, {}).setdefault(key, stored)
        self.cache.clear()

    def anchor(self, docname: str, key: str) -> str | None:
        """The anchor of ``key``'s entry in ``docname``'s lists, if it shows there."""
        stored = self.anchors.get(docname, {}).get(key)
        return None if stored is None else stored_anchor(key, stored)

    def note_citation(self, docname: str, keys: list[str]) -> None:
        cited = self.citations.setdefault(docname, [])
        cited.extend(k for k in keys if k not in cited)
        self.cache.clear()

    def note_occurrences(self, docname: str, keys: list[str]) -> list[int]:
        """Count a citation in the text showing ``keys``; returns, for each key, which
        citation of it on the page this is (1 for the first)."""
        counts = self.cite_counts.setdefault(docname, {})
        out = []
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
            out.append(counts[key])
        self.cache.clear()
        return out

    def note_bibliography(self, docname: str, record: BibliographyRecord) -> int:
        """Record a bibliography; returns its index on the page."""
        bibs = self.bibliographies.setdefault(docname, [])
        bibs.append(record)
        self.cache.clear()
        return len(bibs) - 1

    # -- Sphinx's per-document protocol ---------------------------------------

    def clear_doc(self, docname: str) -> None:
        # What the page cited and listed before it is read again (or removed):
        # if nothing of it changes, no other page's citations can (citemap.py).
        self.before.setdefault(docname, self.cited_and_listed(docname))
        for name in _PER_DOC:
            self.data[name].pop(docname, None)
        self.cache.clear()

    def cited_and_listed(self, docname: str) -> Before:
        """What other pages' output depends on in ``docname``: what it cites, how
        often, its bibliographies, and the entries its lists show (citations of an
        entry without a URL that no bibliography lists link there)."""
        return (
            self.citations.get(docname),
            self.bibliographies.get(docname),
            self.cite_counts.get(docname),
            self.anchors.get(docname),
        )

    def first_shown(self) -> dict[str, tuple[str, str]]:
        """Entry key -> ``(docname, anchor)`` of the first list that shows the entry, in
        document name order (so ``-j N`` gives the same); cached until the data changes."""
        cached = self.cache.get("first_shown")
        if isinstance(cached, dict):
            return cached
        found: dict[str, tuple[str, str]] = {}
        for docname in sorted(self.anchors):
            for key, stored in sorted(self.anchors[docname].items()):
                found.setdefault(key, (docname, stored_anchor(key, stored)))
        self.cache["first_shown"] = found
        return found

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, object]) -> None:
        for name in _PER_DOC:
            other = otherdata[name]
            assert isinstance(other, dict)
            for docname in docnames:
                if docname in other:
                    self.data[name][docname] = other[docname]
        self.cache.clear()

    # -- resolution: delegated to xref.py --------------------------------------

    def _resolution(self) -> Resolution:
        if self.resolution is None:
            raise RuntimeError("the seml domain is used without sphinxext_seml's setup()")
        return self.resolution

    def get_objects(self) -> Iterable[ObjectRow]:
        """Every rendered entry, once, where links to it go; sorted, so ``objects.inv``
        is the same bytes whatever order the documents were read in."""
        return self._resolution().objects(self)

    def resolve_xref(  # noqa: PLR0913 -- Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> reference | None:
        """Citations arrive with their target already chosen (see ``citations.py``)."""
        if typ != "cite":
            return None
        return self._resolution().resolve_cite(builder, fromdocname, node, contnode)

    def resolve_any_xref(  # noqa: PLR0913 -- Sphinx's signature
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, reference]]:
        """``:any:`key``` and MyST ``[](key)`` links go where the entry is rendered."""
        found = self._resolution().resolve_entry(builder, fromdocname, target, node, contnode)
        return [] if found is None else [("seml:ref", found)]


def stored_anchor(key: str, stored: str) -> str:
    """An anchor as :meth:`SemlDomain.note_entry` stored it ("" for the usual one)."""
    return stored or anchor_for(key)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SemlDomain)


def seml_domain(env: BuildEnvironment) -> SemlDomain:
    domain = env.domains["seml"]
    assert isinstance(domain, SemlDomain)
    return domain


def note_usage(env: BuildEnvironment, usage: Usage) -> None:
    """Record what the current document asked of the catalogue."""
    seml_domain(env).note_usage(env.docname, usage)

"""The ``seml`` domain: per-document state, kept right for ``-j N`` and incremental builds.

Per document it records where catalogue entries are rendered (so entries are
objects of the domain and appear in ``objects.inv``), which keys the document
cites, and the options of its bibliographies. Only keys, anchors and option
strings are stored: the catalogue itself is never pickled. What depends on the
whole project (bibliography contents, citation numbers and targets) is derived
from this data when documents are written, never stored per document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation
from sphinx.util.nodes import make_refnode

from .badges import BadgeRole
from .citations import CiteRole, RefRole

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .store import Loaded

_ = get_translation("sphinxext_seml")


#: The domain data kept per document (cleared and merged per document).
_PER_DOC = ("anchors", "citations", "bibliographies", "usages", "digests")


class SemlDomain(Domain):
    name = "seml"
    label = _("SE4ML catalogue")  # lazy: translated when used, not at import
    object_types = {"entry": ObjType(_("catalogue entry"), "ref", "cite")}
    roles = {
        "badge": BadgeRole(),
        "cite": CiteRole(textual=False),
        "citet": CiteRole(textual=True),
        "ref": RefRole(),
    }
    initial_data = {
        # docname -> {entry key -> anchor of its first rendering on that page}
        "anchors": {},
        # docname -> keys cited there, in order of first citation
        "citations": {},
        # docname -> bibliographies there, in document order: dicts with
        # "id" (anchor prefix), "local", "all" and "options" (raw option strings)
        "bibliographies": {},
        # docname -> what it asked of the catalogue (see usage.py)
        "usages": {},
        # docname -> digest of the catalogue's answers when it was read
        "digests": {},
        # the catalogue sources' identity at the last build
        "catalogue_key": None,
        # builder name -> docname -> fingerprint of its cross-document output
        # when that builder last wrote it
        "fingerprints": {},
    }
    # Bump when the stored data changes shape: Sphinx then rebuilds the environment.
    data_version = 5

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Derived, per process: dropped whenever the data changes.
        self.cache: dict[str, Any] = {}
        # docname -> (citations, bibliographies) before it was cleared in this build
        self.before: dict[str, tuple[Any, Any]] = {}
        # The catalogues of this build (store.py): loaded once per build, not pickled.
        self.loaded: Loaded | None = None

    @property
    def anchors(self) -> dict[str, dict[str, str]]:
        anchors: dict[str, dict[str, str]] = self.data["anchors"]
        return anchors

    @property
    def citations(self) -> dict[str, list[str]]:
        citations: dict[str, list[str]] = self.data["citations"]
        return citations

    @property
    def bibliographies(self) -> dict[str, list[dict[str, Any]]]:
        bibliographies: dict[str, list[dict[str, Any]]] = self.data["bibliographies"]
        return bibliographies

    @property
    def usages(self) -> dict[str, list[list[Any]]]:
        usages: dict[str, list[list[Any]]] = self.data["usages"]
        return usages

    def note_usage(self, docname: str, usage: list[Any]) -> None:
        usages = self.usages.setdefault(docname, [])
        if usage[0] == "keys":
            # One record of cited keys per page, not one per role: the environment
            # is pickled on every build, and 500 pages cite thousands of times.
            for record in usages:
                if record[0] == "keys":
                    for key in usage[1]:
                        if key not in record[1]:
                            record[1].append(key)
                    return
            usage = ["keys", list(dict.fromkeys(usage[1]))]
        if usage not in usages:
            usages.append(usage)

    def note_entry(self, docname: str, key: str, anchor: str) -> None:
        from .render import anchor_for

        # The usual anchor is stored as "" (one shared string in the pickle).
        stored = "" if anchor == anchor_for(key) else anchor
        self.anchors.setdefault(docname, {}).setdefault(key, stored)
        self.cache.clear()

    def anchor(self, docname: str, key: str) -> str | None:
        """The anchor of ``key``'s entry in ``docname``'s lists, if it shows there."""
        stored = self.anchors.get(docname, {}).get(key)
        return None if stored is None else _stored_anchor(key, stored)

    def note_citation(self, docname: str, keys: list[str]) -> None:
        cited = self.citations.setdefault(docname, [])
        cited.extend(k for k in keys if k not in cited)
        self.cache.clear()

    def note_bibliography(self, docname: str, info: dict[str, Any]) -> int:
        """Record a bibliography; returns its index on the page."""
        bibs = self.bibliographies.setdefault(docname, [])
        bibs.append(info)
        self.cache.clear()
        return len(bibs) - 1

    def clear_doc(self, docname: str) -> None:
        # What the page cited and listed before it is read again (or removed):
        # if nothing of it changes, no other page's citations can (citemap.py).
        self.before.setdefault(
            docname,
            (self.citations.get(docname), self.bibliographies.get(docname)),
        )
        for name in _PER_DOC:
            self.data[name].pop(docname, None)
        self.cache.clear()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in _PER_DOC:
            for docname in docnames:
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]
        self.cache.clear()

    def entry_targets(self) -> dict[str, tuple[str, str]]:
        """Entry key -> ``(docname, anchor)`` where links to the entry go: the first
        list that shows it, else the bibliography its citations link to."""
        cached: dict[str, tuple[str, str]] | None = self.cache.get("targets")
        if cached is not None:
            return cached
        found: dict[str, tuple[str, str]] = {}
        for docname in sorted(self.anchors):
            for key, stored in sorted(self.anchors[docname].items()):
                found.setdefault(key, (docname, _stored_anchor(key, stored)))
        if self.bibliographies:
            from .citemap import cite_map

            cmap = cite_map(self.env)
            for key, target in sorted(cmap.global_target.items()):
                found.setdefault(key, (target.docname, target.anchor))
            for (docname, index), keys in cmap.contents.items():  # :local: ones last
                for key in keys:
                    found.setdefault(key, (docname, cmap.anchors[docname, index][key]))
        self.cache["targets"] = found
        return found

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every rendered entry, once (see :meth:`entry_targets`). Sorted, so
        ``objects.inv`` is the same bytes whatever order the documents were read in."""
        # Priority -1, as Sphinx gives its labels: in objects.inv for intersphinx,
        # not in the search index's objects (the full-text search finds titles).
        for key, (docname, anchor) in sorted(self.entry_targets().items()):
            yield key, key, "entry", docname, anchor, -1

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Citations arrive with their target already chosen (see ``citations.py``)."""
        if typ != "cite":
            return None
        todoc = node.get("seml_doc")
        title = node.get("reftitle")
        if todoc:
            return make_refnode(builder, fromdocname, todoc, node["seml_anchor"], contnode, title)
        url = node.get("seml_url")
        if not url:
            return None
        ref = nodes.reference("", "", contnode, refuri=url, internal=False)
        if title:
            ref["reftitle"] = title
        return ref

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """``:any:`key``` and MyST ``[](key)`` links go where the entry is rendered."""
        found = self.entry_targets().get(target)
        if found is None:
            return []
        docname, anchor = found
        entry = self.loaded.catalogue.entries.get(target) if self.loaded else None
        if entry is not None and not node.get("refexplicit"):
            # No text of its own: the entry's title, as :ref: gives a section's title.
            contnode = nodes.inline(entry.title, entry.title, classes=contnode["classes"])
        return [("seml:ref", make_refnode(builder, fromdocname, docname, anchor, contnode))]


def _stored_anchor(key: str, stored: str) -> str:
    """An anchor as :meth:`SemlDomain.note_entry` stored it ("" for the usual one)."""
    if stored:
        return stored
    from .render import anchor_for  # render imports this module

    return anchor_for(key)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SemlDomain)


def seml_domain(env: BuildEnvironment) -> SemlDomain:
    domain = env.domains["seml"]
    assert isinstance(domain, SemlDomain)
    return domain

"""Links to catalogue entries: where they go, and their resolution for the ``seml`` domain.

An entry's link target is the first list that shows it, else the bibliography its
citations link to (``citemap.py``). That answers ``:any:`key``` and MyST
``[](key)`` links and fills ``objects.inv``. Citations arrive as ``pending_xref``
nodes with their target already chosen (``citations.py``): resolving them only
makes the builder's link.

The domain delegates here (:attr:`SemlDomain.resolution <.domain.SemlDomain.resolution>`):
this module reads the citation map, which is derived from the domain's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes
from sphinx.util.nodes import make_refnode

from ..catalogue.citations import shown_title
from .citemap import cite_map
from .domain import SemlDomain, seml_domain
from .oldkeys import current_key
from .store import catalogue_for

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.nodes import Element, reference
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .domain import ObjectRow


class EntryTarget(NamedTuple):
    """Where links to an entry go."""

    docname: str
    anchor: str


class EntryTargets(dict[str, EntryTarget]):
    """Entry key -> :class:`EntryTarget`, for one state of the domain's data."""


_TARGETS = "targets"


def entry_targets(env: BuildEnvironment) -> EntryTargets:
    """Entry key -> where links to the entry go: the first list that shows it (in
    document name order), else the bibliography its citations link to. Cached on
    the domain until its data changes."""
    domain = seml_domain(env)
    cached = domain.cache.get(_TARGETS)
    if isinstance(cached, EntryTargets):
        return cached
    found = EntryTargets((key, EntryTarget(*shown)) for key, shown in domain.first_shown().items())
    if domain.bibliographies:
        cmap = cite_map(env)
        for key, target in sorted(cmap.global_target.items()):
            found.setdefault(key, EntryTarget(target.docname, target.anchor))
        for (docname, index), keys in cmap.contents.items():  # :local: ones last
            for key in keys:
                found.setdefault(key, EntryTarget(docname, cmap.anchors[docname, index][key]))
    domain.cache[_TARGETS] = found
    return found


class XrefResolution:
    """The ``seml`` domain's :class:`~.domain.Resolution`."""

    def objects(self, domain: SemlDomain) -> Iterator[ObjectRow]:
        # Priority -1, as Sphinx gives its labels: in objects.inv for intersphinx,
        # not in the search index's objects (the full-text search finds titles).
        targets = entry_targets(domain.env)
        for key, (docname, anchor) in sorted(targets.items()):
            yield key, key, "entry", docname, anchor, -1
        # Old keys too, so that other projects' links by them keep resolving.
        for alias, key in sorted(catalogue_for(domain.env).aliases.items()):
            if key in targets and alias not in targets:
                yield alias, key, "entry", *targets[key], -1

    def resolve_cite(
        self, builder: Builder, fromdocname: str, node: pending_xref, contnode: Element
    ) -> reference | None:
        """A citation's link: to its bibliography entry (or, for an entry without a URL, a
        list showing it: ``seml_doc``), else to the entry's URL."""
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

    def resolve_entry(
        self, builder: Builder, fromdocname: str, target: str, node: pending_xref, contnode: Element
    ) -> reference | None:
        """A link to an entry by key, to where it is rendered (None: no such entry shown)."""
        env = builder.env
        catalogue = catalogue_for(env)
        key = current_key(catalogue, target, node) or target
        found = entry_targets(env).get(key)
        if found is None:
            return None
        entry = catalogue.entries.get(key)
        if entry is not None and not node.get("refexplicit"):
            # No text of its own: the entry's title, as :ref: gives a section's title.
            title = shown_title(entry)
            contnode = nodes.inline(title, title, classes=contnode["classes"])
        return make_refnode(builder, fromdocname, found.docname, found.anchor, contnode)


def setup_xref(app: Sphinx) -> None:
    """Install the resolution on the domain (stateless: the same for every app)."""
    SemlDomain.resolution = XrefResolution()

"""The ``seml`` domain: per-document state, kept right for ``-j N`` and incremental builds.

It records where each catalogue entry is rendered (document and anchor), so
entries are objects of the domain and appear in ``objects.inv`` for intersphinx.
Only keys and anchors are stored: the catalogue itself is never pickled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain, ObjType
from sphinx.locale import get_translation

from .badges import BadgeRole

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("sphinxext_seml")


class SemlDomain(Domain):
    name = "seml"
    label = "SE4ML catalogue"
    object_types = {"entry": ObjType(str(_("catalogue entry")), "ref")}
    roles = {"badge": BadgeRole()}
    initial_data = {
        # docname -> {entry key -> anchor of its first rendering on that page}
        "anchors": {},
    }
    # Bump when the stored data changes shape: Sphinx then rebuilds the environment.
    data_version = 1

    @property
    def anchors(self) -> dict[str, dict[str, str]]:
        anchors: dict[str, dict[str, str]] = self.data["anchors"]
        return anchors

    def note_entry(self, docname: str, key: str, anchor: str) -> None:
        self.anchors.setdefault(docname, {}).setdefault(key, anchor)

    def clear_doc(self, docname: str) -> None:
        self.anchors.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["anchors"]:
                self.anchors[docname] = otherdata["anchors"][docname]

    def locations(self, key: str) -> list[tuple[str, str]]:
        """Every ``(docname, anchor)`` where an entry is rendered, in document order."""
        return sorted(
            (docname, anchors[key]) for docname, anchors in self.anchors.items() if key in anchors
        )

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        seen: set[str] = set()
        # Sorted, so objects.inv is the same bytes whatever order documents were read in.
        for docname in sorted(self.anchors):
            for key, anchor in sorted(self.anchors[docname].items()):
                if key not in seen:
                    seen.add(key)
                    yield key, key, "entry", docname, anchor, 1


def setup_domain(app: Sphinx) -> None:
    app.add_domain(SemlDomain)


def seml_domain(env: BuildEnvironment) -> SemlDomain:
    domain = env.domains["seml"]
    assert isinstance(domain, SemlDomain)
    return domain

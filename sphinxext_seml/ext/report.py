"""``seml.json``: what a build used from the catalogues, for other tools.

Written by the html, dirhtml and singlehtml builders once the build has succeeded: every entry
rendered in a list or bibliography and every cited entry, with the pages that
use or cite it (as the builder's own page URIs). Sorted, so rebuilding the same
sources gives the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .domain import seml_domain
from .store import catalogue_for

if TYPE_CHECKING:
    from sphinx.application import Sphinx

REPORT_NAME = "seml.json"
REPORT_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def build_report(app: Sphinx) -> dict[str, Any]:
    env = app.env
    domain = seml_domain(env)
    catalogue = catalogue_for(env)
    used: dict[str, set[str]] = {}
    cited: dict[str, set[str]] = {}
    for docname, anchors in domain.anchors.items():
        for key in anchors:
            used.setdefault(key, set()).add(docname)
    for docname, keys in domain.citations.items():
        for key in keys:
            cited.setdefault(key, set()).add(docname)
    from .citemap import cite_map

    if domain.bibliographies:
        cmap = cite_map(env)
        for (docname, _index), keys in cmap.contents.items():
            for key in keys:
                used.setdefault(key, set()).add(docname)

    uris: dict[str, str] = {}

    def pages(docnames: set[str]) -> list[str]:
        for d in docnames.difference(uris):
            uris[d] = app.builder.get_target_uri(d)
        return sorted(uris[d] for d in docnames)

    entries = []
    for key in sorted(used.keys() | cited.keys()):
        entry = catalogue.entries.get(key)
        if entry is None:
            continue
        item = entry.as_dict()
        item["used_in"] = pages(used.get(key, set()))
        item["cited_in"] = pages(cited.get(key, set()))
        entries.append(item)
    return {"generator": f"sphinxext-seml {__version__}", "entries": entries}


def _write_report(app: Sphinx, exception: BaseException | None) -> None:
    # epub packs every file of its outdir into the book: no report there.
    if exception is not None or app.builder.name not in REPORT_BUILDERS:
        return
    data = build_report(app)
    target = Path(app.outdir) / REPORT_NAME
    # Atomic: a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".seml-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        # One entry per line: readable, and without indent= the C encoder does the work.
        handle.write('{"entries": [\n')
        handle.write(
            ",\n".join(
                json.dumps(e, ensure_ascii=False, sort_keys=True) for e in data["entries"]
            )
        )
        handle.write(f'\n], "generator": {json.dumps(data["generator"])}}}\n')
    os.replace(tmp, target)


def setup_report(app: Sphinx) -> None:
    app.connect("build-finished", _write_report)

"""``seml.json``: what a build used from the catalogues, for other tools.

Written by the html, dirhtml and singlehtml builders once the build has succeeded: every entry
rendered in a list or bibliography and every cited entry, with the pages that
use or cite it (as the builder's own page URIs). Sorted, so rebuilding the same
sources gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from ..catalogue.atomic import write_atomic
from ..version import __version__
from .citemap import cite_map
from .domain import seml_domain
from .store import catalogue_for, content_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx

REPORT_NAME = "seml.json"
REPORT_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
_DIGEST_LINE = re.compile(r'\{"digest": "([0-9a-f]{64})", "entries": \[$')


class Report(TypedDict):
    """The contents of ``seml.json``."""

    #: Changes whenever the contents would (see :func:`_digest`).
    digest: str
    #: Each used or cited entry as plain data, with ``used_in`` and ``cited_in``.
    entries: list[dict[str, object]]
    generator: str


def _usage(app: Sphinx) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """key -> sorted page URIs that use it, and key -> those that cite it."""
    env = app.env
    domain = seml_domain(env)
    used: dict[str, set[str]] = {}
    cited: dict[str, set[str]] = {}
    for docname, anchors in domain.anchors.items():
        for key in anchors:
            used.setdefault(key, set()).add(docname)
    for docname, keys in domain.citations.items():
        for key in keys:
            cited.setdefault(key, set()).add(docname)
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

    return (
        {key: pages(docs) for key, docs in used.items()},
        {key: pages(docs) for key, docs in cited.items()},
    )


def _digest(app: Sphinx, used: dict[str, list[str]], cited: dict[str, list[str]]) -> str:
    """Changes whenever the report's contents would: the usage and the catalogues."""
    basis = [__version__, content_key(app.env), sorted(used.items()), sorted(cited.items())]
    return hashlib.sha256(json.dumps(basis).encode()).hexdigest()


def build_report(
    app: Sphinx, usage: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
) -> Report:
    """The report's contents; ``usage`` is :func:`_usage`'s answer when already known."""
    used, cited = usage if usage is not None else _usage(app)
    catalogue = catalogue_for(app.env)
    entries = []
    for key in sorted(used.keys() | cited.keys()):
        entry = catalogue.entries.get(key)
        if entry is None:
            continue
        item = entry.as_dict()
        item["used_in"] = used.get(key, [])
        item["cited_in"] = cited.get(key, [])
        entries.append(item)
    return {
        "digest": _digest(app, used, cited),
        "entries": entries,
        "generator": f"sphinxext-seml {__version__}",
    }


def _written_digest(target: Path) -> str | None:
    try:
        with target.open(encoding="utf-8") as handle:
            match = _DIGEST_LINE.match(handle.readline())
    except (OSError, UnicodeDecodeError):
        return None
    return match.group(1) if match else None


def _write_report(app: Sphinx, exception: BaseException | None) -> None:
    # epub packs every file of its outdir into the book: no report there.
    if exception is not None or app.builder.name not in REPORT_BUILDERS:
        return
    target = Path(app.outdir) / REPORT_NAME
    usage = _usage(app)
    # An incremental build mostly changes nothing the report says: comparing the
    # digest on its first line spares serialising every used entry again.
    if _written_digest(target) == _digest(app, *usage):
        return
    data = build_report(app, usage)
    # One entry per line: readable, and without indent= the C encoder does the work.
    lines = ",\n".join(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in data["entries"])
    text = (
        f'{{"digest": "{data["digest"]}", "entries": [\n{lines}'
        f'\n], "generator": {json.dumps(data["generator"])}}}\n'
    )
    write_atomic(target, text.encode("utf-8"))  # a reader never sees half a file


def setup_report(app: Sphinx) -> None:
    app.connect("build-finished", _write_report)

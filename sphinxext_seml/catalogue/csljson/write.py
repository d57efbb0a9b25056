"""Writing CSL-JSON: :func:`entry_to_csl` (for CSL processors) and :func:`dump_csl_json`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from ..model import OTHERS
from ..persons import parse_name
from ..summaries import summary_plain
from .reader import CSL_TYPES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Catalogue, Entry

__all__ = ["dump_csl_json", "entry_to_csl"]

#: The CSL type :func:`dump_csl_json` writes for a catalogue type; others are
#: ``document`` with a ``seml-type`` line in ``note``.
_WRITE_TYPES: Mapping[str, str] = {
    "paper": "paper-conference",
    "article": "webpage",
    "blog": "post-weblog",
    "book": "book",
    "report": "report",
    "tool": "software",
    "dataset": "dataset",
    "video": "motion_picture",
    "talk": "speech",
}
_WRITE_OTHER: Final = "document"
#: CSL types whose venue is their publisher rather than a container.
_PUBLISHED: Final = frozenset({"book", "report", "software", "dataset", "document"})


def entry_to_csl(entry: Entry) -> dict[str, Any]:
    """The bibliographic data of ``entry`` as a CSL item, for CSL processors.

    The catalogue's own data (category, flags, ``seml-type``, archived URL,
    authors beyond those listed) is left out, so that no style prints it;
    :func:`dump_csl_json` adds it as ``note`` lines.
    """
    kind = _WRITE_TYPES.get(entry.type, _WRITE_OTHER)
    item: dict[str, Any] = {"id": entry.key, "type": kind}
    if entry.title:  # a work without one (a BibTeX @misc) has none in CSL either
        item["title"] = entry.title
    authors = [a for a in entry.authors if a != OTHERS]
    if authors:
        item["author"] = [parse_name(a).csl() for a in authors]
    if entry.year is not None:
        item["issued"] = {"date-parts": [[entry.year]]}
    if entry.venue:
        item["publisher" if kind in _PUBLISHED else "container-title"] = entry.venue
    if entry.doi:
        item["DOI"] = entry.doi
    if entry.url:
        item["URL"] = entry.url
    if entry.summary:
        item["abstract"] = summary_plain(entry.summary)
    if entry.tags:
        item["keyword"] = ", ".join(entry.tags)
    return item


def _item(entry: Entry) -> dict[str, Any]:
    item = entry_to_csl(entry)
    note = [f"seml-category: {entry.category}"]
    if entry.flags:
        note.append(f"seml-flags: {', '.join(entry.flags)}")
    if CSL_TYPES.get(item["type"], "other") != entry.type:
        note.append(f"seml-type: {entry.type}")
    if entry.archived_url:
        note.append(f"seml-archived-url: {entry.archived_url}")
    if OTHERS in entry.authors and "author" in item:
        note.append("seml-et-al: true")
    if entry.aliases:
        note.append(f"seml-aliases: {', '.join(entry.aliases)}")
    note += [
        f"seml-{name.replace('_', '-')}: {value}"
        for name in ("arxiv", "repository", "licence", "summary_from")
        if (value := getattr(entry, name))
    ]
    if entry.former_urls:
        note.append(f"seml-former-urls: {' '.join(entry.former_urls)}")
    item["note"] = "\n".join(note)
    return item


def dump_csl_json(catalogue: Catalogue) -> str:
    """The entries of ``catalogue`` as CSL-JSON, in catalogue order; deterministic."""
    items = [_item(entry) for entry in catalogue]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

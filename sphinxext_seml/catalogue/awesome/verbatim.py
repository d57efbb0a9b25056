"""Which imported items the README writer may write as they were written.

An entry read from a README item written in its own way (a badge, code in the
title, ``**[Deprecated]**``, an en dash) keeps that item's Markdown in its
``markdown`` field. The writer uses it only while it still reads as the entry:
once the title, link, summary or flags are edited (in a native catalogue, or by
a merge), the conventional line is written instead, so an export never shows a
stale item. "Reads as" is decided by the README reader itself, on all such
items at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .parser import Parser, make_markdown

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Catalogue, Entry

__all__ = ["still_as_written"]


def still_as_written(catalogue: Catalogue, markers: Mapping[str, str]) -> frozenset[str]:
    """The keys of the entries whose ``markdown`` still reads as the entry, with the
    flag ``markers`` (flag slug -> emoji or shortcode) the README will use."""
    kept = [e for e in catalogue if e.markdown]
    if not kept:
        return frozenset()
    # One section per item, so that each item's reading is known however many entries
    # it gives (an item that now gives none, or two, is not written as it was).
    parts = ["# Items", ""]
    for number, entry in enumerate(kept):
        item = (entry.markdown or "").replace("\n", "\n  ")
        parts += [f"## Item {number}", "", f"- {item}", ""]
    text = "\n".join(parts)
    parser = Parser("", {marker: slug for slug, marker in markers.items() if marker}, {})
    parser.run(make_markdown().parse(text), text.splitlines())
    drafts = parser.categories.values()
    read = {draft.title: [data for data, _ in draft.entries] for draft in drafts}
    return frozenset(
        entry.key
        for number, entry in enumerate(kept)
        if _reads_as(read.get(f"Item {number}", []), entry)
    )


def _reads_as(found: list[dict[str, Any]], entry: Entry) -> bool:
    if len(found) != 1:
        return False
    data = found[0]
    return (
        data["title"] == entry.title
        and (data["url"] or None) == entry.url  # "" read: no link
        and (data.get("summary") or None) == (entry.summary or None)
        and set(data.get("flags", ())) == set(entry.flags)
    )

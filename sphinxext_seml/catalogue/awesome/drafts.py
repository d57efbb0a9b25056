"""What the README reader collects, and how it becomes :class:`.Raw` catalogue data.

A :class:`CategoryDraft` is a heading or group with its entries' data and
source lines; :func:`collected_raw` keeps the categories that hold entries
(themselves or in a subcategory) and places every datum at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Location, Problem
from ..reading.lines import KeyPath, LineMap, Members
from ..reading.raw import Raw

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["CategoryDraft", "Item", "collected_raw", "holding"]


@dataclass
class CategoryDraft:
    slug: str
    title: str
    line: int | None
    parent: str = ""
    layout: str = ""  # see model.Category.layout
    description: list[str] = field(default_factory=list)
    entries: list[tuple[dict[str, Any], int | None]] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """What an entry is made of, whatever it was written as."""

    title: str
    href: str
    lead: str  # the text before the link (flag markers)
    rest: str  # the text after it (the summary, flag markers)
    line: int | None
    markdown: str = ""  # the item as written, for a list item that is one entry


def _place(lines: LineMap, path: KeyPath, line: int | None) -> None:
    if line is not None:
        lines[path] = line


def holding(categories: Mapping[str, CategoryDraft]) -> list[CategoryDraft]:
    """The categories with entries of their own or in a subcategory, in document order."""
    kept: set[str] = set()
    for draft in categories.values():
        if draft.entries:
            slug = draft.slug
            while slug and slug not in kept:
                kept.add(slug)
                slug = categories[slug].parent
    return [d for d in categories.values() if d.slug in kept]


def collected_raw(
    source: str,
    categories: Mapping[str, CategoryDraft],
    flags: Mapping[str, tuple[dict[str, Any], int | None]],
    problems: Sequence[Problem],
) -> Raw:
    """The catalogue data of a README with the line of each category, entry and flag."""
    lines = LineMap()
    rows: Members | None = None  # the entries' lines, once there is one
    category_data: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for order, draft in enumerate(holding(categories)):
        data: dict[str, Any] = {"slug": draft.slug, "title": draft.title, "order": order}
        if draft.parent:
            data["parent"] = draft.parent
        if draft.layout:
            data["layout"] = draft.layout
        if draft.description:
            data["description"] = "\n\n".join(draft.description)
        _place(lines, ("categories", len(category_data)), draft.line)
        category_data.append(data)
        for entry, line in draft.entries:
            if line is not None:  # the entry, its category and its flags are at its line
                number = len(entries)
                if rows is None:
                    rows = lines.members(("entries",))  # (lines stored as they are: base 0)
                rows[number] = line
                fields = lines.members(("entries", number))
                fields["category"] = fields["flags"] = line
            entries.append(entry)
    flag_data: list[dict[str, Any]] = []
    for flag, line in flags.values():
        _place(lines, ("flags", len(flag_data)), line)
        flag_data.append(flag)
    found = list(problems)
    if not entries:
        found.append(
            Problem(
                Location(source, 1),
                "no entries found: expected sections (## headings) with list items"
                " that start with a link",
                "empty",
            )
        )
    return Raw({"categories": category_data, "flags": flag_data, "entries": entries}, lines, found)

"""The catalogue as nested sections, as a whole-catalogue page shows it.

:func:`outline` answers one query over the whole catalogue and groups its entries by
category in one pass: a :class:`Section` per category holding its own entries and
its subcategories' sections (a category's ``parent``), in category order. A section
is kept when it or one of its subsections holds an entry, so a parent category
without entries of its own (``# Main Content`` above a README's sections) still
holds its children. A query's ``limit`` applies to each section.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .query import select

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .model import Catalogue, Category, Entry
    from .query import Query

__all__ = ["Section", "outline"]


@dataclass(frozen=True, slots=True)
class Section:
    """A category, the entries it holds itself and the sections of its subcategories."""

    category: Category
    entries: tuple[Entry, ...]
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and every section inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def outline(catalogue: Catalogue, query: Query) -> list[Section]:
    """The top-level sections of the entries ``query`` selects (see the module docstring)."""
    grouped: dict[str, list[Entry]] = {}
    for entry in select(catalogue, replace(query, limit=None)):
        group = grouped.setdefault(entry.category, [])
        if query.limit is None or len(group) < query.limit:
            group.append(entry)
    ordered = catalogue.ordered_categories()
    children: dict[str, list[Category]] = {}
    for category in ordered:
        if category.parent in catalogue.categories and category.parent != category.slug:
            children.setdefault(category.parent, []).append(category)
    placed: set[str] = set()

    def section(category: Category) -> Section | None:
        placed.add(category.slug)
        inner = (section(c) for c in children.get(category.slug, ()) if c.slug not in placed)
        kept = tuple(s for s in inner if s is not None)
        entries = tuple(grouped.get(category.slug, ()))
        return Section(category, entries, kept) if entries or kept else None

    tops = [c for c in ordered if c.parent not in catalogue.categories]
    found = [s for s in map(section, tops) if s is not None]
    # A category in a cycle of parents (validation reports those) has no top: show it
    # at the top rather than lose it.
    found += [s for c in ordered if c.slug not in placed and (s := section(c)) is not None]
    return found

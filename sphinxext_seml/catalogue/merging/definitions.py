"""Merging the categories and flags of several catalogues, in order.

A definition a later catalogue gives again is combined with the earlier one
(:func:`combined`): a native catalogue's non-empty fields win, so it can
retitle a category; a *supplementary* source (an imported README) only fills
empty fields. A category is "the same" as an earlier one by slug, or by title
or alias under the same parent; a supplementary flag also by emoji or label.
Only categories and flags of *earlier* catalogues are matched: two sections of
one README never join. What a source called by another slug is returned as a
rename, which the entries of that source follow.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from ..model import Catalogue, Category, Flag
from ..names import NameIndex, category_index, flag_index

if TYPE_CHECKING:
    from ..results import LoadResult

__all__ = ["Definitions", "combined", "is_empty"]

_Named = TypeVar("_Named", Category, Flag)

#: Fields that are the definition's identity or bookkeeping, never combined.
_OWN_FIELDS = frozenset({"slug", "location", "aliases", "order"})


def is_empty(value: object) -> bool:
    """Whether a model field holds nothing (None, ``""``, ``()``)."""
    return value is None or value == "" or value == ()


def combined(old: _Named, new: _Named, *, fill: bool, order: bool = False) -> _Named:
    """``old`` defined again as ``new``: with ``fill`` only ``old``'s empty fields are
    taken from ``new``, else ``new``'s non-empty fields win. Aliases add up (``new``'s
    slug among them when it differs); ``order`` says whether ``new`` gives an order."""
    changes: dict[str, Any] = {
        "aliases": tuple(
            dict.fromkeys((*old.aliases, *(a for a in (new.slug, *new.aliases) if a != old.slug)))
        )
    }
    for f in dataclasses.fields(old):
        if f.name in _OWN_FIELDS:
            continue
        mine, theirs = getattr(old, f.name), getattr(new, f.name)
        if not is_empty(theirs) and (is_empty(mine) or not fill):
            changes[f.name] = theirs
    if isinstance(old, Category) and isinstance(new, Category) and order and not fill:
        changes["order"] = new.order
    return dataclasses.replace(old, **changes)


class Definitions:
    """The categories and flags merged so far."""

    def __init__(self) -> None:
        self.categories: dict[str, Category] = {}
        self.flags: dict[str, Flag] = {}

    def add(self, result: LoadResult) -> tuple[dict[str, str], dict[str, str]]:
        """Merge the definitions of ``result``; the category and flag renames, each
        ``{slug in the source: slug in the merge}``, for its entries to follow."""
        categories = self.add_categories(result)
        flags: dict[str, str] = {}
        earlier = flag_index(Catalogue(flags=self.flags.values()))
        for flag in result.catalogue.flags.values():
            slug = self.add_flag(flag, result.supplementary, earlier)
            if slug != flag.slug:
                flags[flag.slug] = slug
        return categories, flags

    # ----------------------------------------------------------------- categories

    def add_categories(self, result: LoadResult) -> dict[str, str]:
        earlier = dict(self.categories)
        index = category_index(Catalogue(earlier.values()))
        renamed: dict[str, str] = {}
        added: list[str] = []
        # Parents usually come before their children, so a child's parent is renamed first.
        for category in result.catalogue.categories.values():
            parent = renamed.get(category.parent, category.parent)
            if parent != category.parent:
                category = dataclasses.replace(category, parent=parent)
            slug = self.add_category(category, result, earlier, index)
            added.append(slug)
            if slug != category.slug:
                renamed[category.slug] = slug
        for slug in added:  # a child defined before its parent still follows the rename
            category = self.categories[slug]
            if slug not in earlier and category.parent in renamed:
                self.categories[slug] = dataclasses.replace(
                    category, parent=renamed[category.parent]
                )
        return renamed

    def add_category(
        self,
        category: Category,
        result: LoadResult,
        earlier: dict[str, Category],
        index: NameIndex,
    ) -> str:
        """Merge one category; the slug it has in the merge."""
        supplementary = result.supplementary
        # A non-zero order is always given; ``ordered`` tells a given 0 from none.
        explicit = category.slug in result.ordered or category.order != 0
        known = _known_category(category, earlier, index)
        if known is not None and (known == category.slug and not supplementary):
            # A native catalogue defining a slug again: the same category, retitled.
            self.categories[known] = combined(
                self.categories[known], category, fill=False, order=explicit
            )
            return known
        if known is not None and earlier[known].parent == category.parent:
            self.categories[known] = combined(self.categories[known], category, fill=True)
            return known
        slug = category.slug
        if slug in earlier:  # another category of the same name elsewhere in the tree
            slug = self.free_slug(category)
            category = dataclasses.replace(category, slug=slug)
        if self.categories and (supplementary or not explicit):
            # A category a later catalogue adds goes after the others, in its own order.
            last = max(c.order for c in self.categories.values())
            category = dataclasses.replace(category, order=last + 1)
        self.categories[slug] = category
        return slug

    def free_slug(self, category: Category) -> str:
        """A slug for ``category`` that no category has: qualified by its parent, else numbered."""
        base = category.slug
        if category.parent and f"{category.parent}-{base}" not in self.categories:
            return f"{category.parent}-{base}"
        number = 2
        while f"{base}-{number}" in self.categories:
            number += 1
        return f"{base}-{number}"

    # ---------------------------------------------------------------------- flags

    def add_flag(self, flag: Flag, supplementary: bool, earlier: NameIndex) -> str:
        """Merge one flag; the slug it has in the merge."""
        known = flag.slug if flag.slug in self.flags else None
        if known is None and supplementary:
            known = _known_flag(flag, self.flags, earlier)
        if known is None:
            self.flags[flag.slug] = flag
            return flag.slug
        fill = supplementary or known != flag.slug
        self.flags[known] = combined(self.flags[known], flag, fill=fill)
        return known


def _known_category(
    category: Category, earlier: dict[str, Category], index: NameIndex
) -> str | None:
    """The earlier category ``category`` names by its slug, else by its title or slug
    as a title or alias."""
    if category.slug in earlier:
        return category.slug
    for name in (category.title, category.slug):
        if name and name in index:
            found = index.resolve(name)
            if earlier[found].parent == category.parent:
                return found
    return None


def _known_flag(flag: Flag, flags: dict[str, Flag], index: NameIndex) -> str | None:
    """The earlier flag a README's flag stands for: by its emoji, else by its label."""
    for slug, old in flags.items():
        if flag.emoji and old.emoji == flag.emoji and slug in index:
            return slug
    if flag.label and flag.label in index:
        return index.resolve(flag.label)
    return None

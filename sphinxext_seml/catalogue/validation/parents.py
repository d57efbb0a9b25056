"""The category tree: ``parent`` names a category, and no category is its own ancestor.

:func:`parent_problems` checks the categories of one file at load time (a
parent the file does not define may come from another catalogue, so only
cycles and self-parents are refused there); after a merge, with
``complete=True``, a parent that names no category at all is refused too.
A refused parent is cleared (the category moves to the top level), never the
category itself.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..errors import Location, Problem

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Category

__all__ = ["checked_parents", "parent_problems"]


def _cycle(slug: str, categories: Mapping[str, Category]) -> list[str] | None:
    """The cycle of parents starting at ``slug``, if following them comes back to it."""
    seen = [slug]
    parent = categories[slug].parent
    while parent and parent in categories:
        if parent == slug:
            return seen
        if parent in seen:
            return None  # a cycle further up, reported at its own categories
        seen.append(parent)
        parent = categories[parent].parent
    return None


def parent_problems(
    categories: Mapping[str, Category], *, complete: bool = False
) -> tuple[dict[str, Category], list[Problem]]:
    """``categories`` with refused parents cleared, and a located problem for each.

    A cycle is broken (and reported) at its first category in definition order.
    """
    problems: list[Problem] = []
    kept = dict(categories)
    for slug, category in categories.items():
        if not category.parent:
            continue
        cycle = _cycle(slug, kept)
        if cycle is not None:
            path = " -> ".join([*cycle, slug])
            reason, code = f"makes a cycle ({path})", "invalid_field"
        elif complete and category.parent not in kept:
            reason, code = "is not a category", "unknown_category"
        else:
            continue
        where = category.location or Location("<catalogue>")
        problems.append(
            Problem(
                where,
                f"category {slug!r}: parent {category.parent!r} {reason}; parent ignored",
                code,
            )
        )
        kept[slug] = dataclasses.replace(category, parent="")
    return kept, problems


def checked_parents(
    categories: Mapping[str, Category],
) -> tuple[dict[str, Category], list[Problem]]:
    """After a merge: every parent must name one of ``categories``, without cycles."""
    return parent_problems(categories, complete=True)

"""How many entries per category, flag, type and year: the counts ``seml stats`` prints
and the ``seml-stats`` directive draws, from one function each, no Sphinx; and how
complete the entries are (how many have authors, a year, a venue, a DOI, a summary).

Every table is in display order: categories in catalogue order (empty ones too), flags
in catalogue order, types the catalogue's known ones first, years ascending with the
entries without a year last.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Catalogue, Entry

__all__ = ["BY", "COMPLETENESS_FIELDS", "Bar", "bars", "completeness", "statistics"]

#: What ``seml-stats`` can count by.
BY: Final = ("category", "flag", "type", "year")

#: The fields whose presence :func:`completeness` counts, then ``authors_and_year``
#: (what an author-year citation needs).
COMPLETENESS_FIELDS: Final = ("authors", "year", "venue", "doi", "summary")


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a count: what it counts (``slug``: a category, flag, type or year as
    text, "" for entries without a year), how it is shown, and the count."""

    slug: str
    label: str
    count: int


def statistics(catalogue: Catalogue, entries: Sequence[Entry]) -> dict[str, Any]:
    """The counts as plain data (``seml stats --format json``), every table a list in
    its display order."""
    per_category = Counter(entry.category for entry in entries)
    per_flag = Counter(flag for entry in entries for flag in entry.flags)
    per_type = Counter(entry.type for entry in entries)
    per_year = Counter(entry.year for entry in entries)

    categories = [
        {"slug": c.slug, "title": c.title, "count": per_category[c.slug]}
        for c in catalogue.ordered_categories()
    ]
    listed = {c.slug for c in catalogue.categories.values()}
    categories += [  # merged catalogues resolve every category; kept for safety
        {"slug": slug, "title": slug, "count": count}
        for slug, count in sorted(per_category.items())
        if slug not in listed
    ]
    flags = [
        {"slug": f.slug, "label": f.label, "count": per_flag[f.slug]}
        for f in catalogue.flags.values()
    ]
    flags += [
        {"slug": slug, "label": slug, "count": count}
        for slug, count in sorted(per_flag.items())
        if slug not in catalogue.flags
    ]
    type_order = [t for t in catalogue.types() if t in per_type]
    type_order += sorted(set(per_type).difference(type_order))
    years: list[int] = sorted(y for y in per_year if y is not None)
    return {
        "total": len(entries),
        "completeness": completeness(catalogue, entries),
        "categories": categories,
        "flags": flags,
        "no_flag": sum(1 for entry in entries if not entry.flags),
        "types": [{"type": t, "count": per_type[t]} for t in type_order],
        "years": [{"year": y, "count": per_year[y]} for y in years]
        + ([{"year": None, "count": per_year[None]}] if None in per_year else []),
    }


def _filled(entries: Sequence[Entry]) -> dict[str, int]:
    """How many of ``entries`` there are, and how many have each completeness field."""
    row = {"entries": len(entries)}
    for name in COMPLETENESS_FIELDS:
        row[name] = sum(1 for entry in entries if getattr(entry, name))
    row["authors_and_year"] = sum(1 for e in entries if e.authors and e.year is not None)
    return row


def completeness(catalogue: Catalogue, entries: Sequence[Entry]) -> dict[str, Any]:
    """How many ``entries`` have each of :data:`COMPLETENESS_FIELDS` (and authors and
    a year both): over all of them, per category and per flag (in display order, those
    with entries only)."""
    per_category: dict[str, list[Entry]] = {}
    per_flag: dict[str, list[Entry]] = {}
    for entry in entries:
        per_category.setdefault(entry.category, []).append(entry)
        for flag in entry.flags:
            per_flag.setdefault(flag, []).append(entry)
    category_order = [c.slug for c in catalogue.ordered_categories() if c.slug in per_category]
    category_order += sorted(set(per_category).difference(category_order))
    flag_order = [f for f in catalogue.flags if f in per_flag]
    flag_order += sorted(set(per_flag).difference(flag_order))
    return {
        "all": _filled(entries),
        "categories": [{"slug": c, **_filled(per_category[c])} for c in category_order],
        "flags": [{"slug": f, **_filled(per_flag[f])} for f in flag_order],
    }


def bars(
    catalogue: Catalogue, entries: Sequence[Entry], by: str, *, unknown_year: str = "n.d."
) -> list[Bar]:
    """The rows of one count (``by`` one of :data:`BY`), in display order. Categories
    and flags that no entry has are left out (a chart of zeros says nothing); entries
    without a year are counted under ``unknown_year``."""
    stats = statistics(catalogue, entries)
    if by == "category":
        rows = [Bar(c["slug"], c["title"], c["count"]) for c in stats["categories"]]
    elif by == "flag":
        rows = [Bar(f["slug"], f["label"], f["count"]) for f in stats["flags"]]
    elif by == "type":
        rows = [Bar(t["type"], t["type"], t["count"]) for t in stats["types"]]
    elif by == "year":
        rows = [
            Bar(
                "" if y["year"] is None else str(y["year"]),
                unknown_year if y["year"] is None else str(y["year"]),
                y["count"],
            )
            for y in stats["years"]
        ]
    else:
        raise ValueError(f"cannot count by {by!r}; use one of {', '.join(BY)}")
    return [row for row in rows if row.count]

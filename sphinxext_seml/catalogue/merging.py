"""Merging: several loaded catalogues, in order, into one.

Names of entries' categories and flags are resolved here, against every
catalogue merged (an entry usually uses a built-in category).
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import TYPE_CHECKING, TypeVar

from .errors import Location, Problem, UnknownNameError
from .model import Catalogue, Category, Entry, Flag, Front
from .names import NameIndex, category_index, flag_index
from .results import LoadResult

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["merge"]

_Named = TypeVar("_Named", Category, Flag)


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def _merge_category(old: Category, new: Category) -> Category:
    return Category(
        old.slug,
        new.title or old.title,
        new.description or old.description,
        _union(old.aliases, new.aliases),
        new.order or old.order,
        old.location,
        new.parent or old.parent,
    )


def _merge_flag(old: Flag, new: Flag) -> Flag:
    return Flag(
        old.slug,
        new.label or old.label,
        new.emoji or old.emoji,
        new.description or old.description,
        _union(old.aliases, new.aliases),
        old.location,
    )


def _named_after(item: _Named, slug: str) -> _Named:
    """A category titled, or a flag labelled, by its slug."""
    if isinstance(item, Category):
        return dataclasses.replace(item, title=slug)
    return dataclasses.replace(item, label=slug)


def _origin(catalogue: Catalogue) -> Location:
    return Location(catalogue.sources[0] if catalogue.sources else "<catalogue>")


def _field_location(
    entry: Entry, name: str, field_lines: Mapping[tuple[str, str], int]
) -> Location | None:
    line = field_lines.get((entry.key, name))
    if line is None or entry.location is None:
        return entry.location
    return Location(entry.location.source, line)


class _Resolver:
    """Resolves names through a :class:`NameIndex`, once per distinct name."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.cache: dict[str, str | UnknownNameError] = {}

    def __call__(self, name: str) -> str | UnknownNameError:
        found = self.cache.get(name)
        if found is None:
            try:
                found = self.index.resolve(name)
            except UnknownNameError as exc:
                found = exc
            self.cache[name] = found
        return found


def merge(results: Sequence[LoadResult]) -> LoadResult:
    """Combine catalogues in order (the built-in one usually first).

    - A category or flag defined again: the later definition's non-empty
      fields win and aliases add up, so a catalogue can retitle one.
    - An entry key defined again: a ``duplicate_key`` problem, the first is
      kept, unless the later entry says ``override: true``.
    - ``exclude: [keys]`` removes entries of the catalogues before it.
    - Then every entry's category and flags are resolved (by slug, title or
      alias) to slugs: an unknown category skips the entry, an unknown flag is
      dropped from it, each with a problem naming the closest valid names.

    The problems of all ``results`` come first in the merged result.
    """
    merger = _Merger()
    for result in results:
        merger.add(result)
    return merger.result()


class _Merger:
    """The catalogues merged so far, and the problems found."""

    def __init__(self) -> None:
        self.categories: dict[str, Category] = {}
        self.flags: dict[str, Flag] = {}
        self.entries: dict[str, Entry] = {}
        self.field_lines: dict[tuple[str, str], int] = {}
        self.problems: list[Problem] = []
        self.sources: list[str] = []
        self.front = Front()  # the catalogue's title and intro: the last given of each

    def report(self, location: Location, message: str, code: str) -> None:
        self.problems.append(Problem(location, message, code))

    def add(self, result: LoadResult) -> None:
        self.problems.extend(result.problems)
        self.sources.extend(s for s in result.catalogue.sources if s not in self.sources)
        self.add_definitions(result.catalogue)
        self.exclude(result.excludes)
        self.add_entries(result)
        new = result.catalogue.front
        self.front = Front(new.title or self.front.title, new.intro or self.front.intro)

    def add_definitions(self, catalogue: Catalogue) -> None:
        categories, flags = self.categories, self.flags
        for category in catalogue.categories.values():
            old_category = categories.get(category.slug)
            if old_category is not None:
                categories[category.slug] = _merge_category(old_category, category)
            elif not category.order and categories:
                # No order given: a category a later catalogue adds goes after the others.
                last = max(c.order for c in categories.values())
                categories[category.slug] = dataclasses.replace(category, order=last + 1)
            else:
                categories[category.slug] = category
        for flag in catalogue.flags.values():
            old_flag = flags.get(flag.slug)
            flags[flag.slug] = flag if old_flag is None else _merge_flag(old_flag, flag)

    def exclude(self, excludes: Sequence[tuple[str, Location]]) -> None:
        for key, location in excludes:
            if self.entries.pop(key, None) is None:
                close = difflib.get_close_matches(key, list(self.entries), n=3, cutoff=0.7)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                self.report(
                    location,
                    f"exclude: no earlier catalogue has an entry {key!r}{hint}",
                    "unknown_key",
                )

    def add_entries(self, result: LoadResult) -> None:
        entries, field_lines = self.entries, self.field_lines
        for entry in result.catalogue:
            first = entries.get(entry.key)
            if first is not None and entry.key not in result.overrides:
                self.report(
                    entry.location or _origin(result.catalogue),
                    f"duplicate entry key {entry.key!r}: first defined at {first.location};"
                    " this entry is ignored (add 'override: true' to replace the first)",
                    "duplicate_key",
                )
                continue
            entries[entry.key] = entry
            for name in ("category", "flags"):
                line = result.field_lines.get((entry.key, name))
                if line is not None:
                    field_lines[entry.key, name] = line
                else:
                    field_lines.pop((entry.key, name), None)

    def result(self) -> LoadResult:
        fallback = Location(self.sources[0] if self.sources else "<catalogue>")
        categories, flags = self.titled(fallback)
        resolved = self.resolved(Catalogue(categories.values(), flags.values()), fallback)
        kept = {entry.key for entry in resolved}
        return LoadResult(
            Catalogue(categories.values(), flags.values(), resolved, self.sources, self.front),
            self.problems,
            field_lines={k: v for k, v in self.field_lines.items() if k[0] in kept},
        )

    def titled(self, fallback: Location) -> tuple[dict[str, Category], dict[str, Flag]]:
        """The categories and flags, each without a title or label given its slug."""
        return (
            self.named(self.categories, "category", "title", fallback),
            self.named(self.flags, "flag", "label", fallback),
        )

    def named(
        self, items: Mapping[str, _Named], what: str, field: str, fallback: Location
    ) -> dict[str, _Named]:
        out: dict[str, _Named] = {}
        for slug, item in items.items():
            if not getattr(item, field):
                self.report(
                    item.location or fallback,
                    f"{what} {slug!r} has no {field} in any catalogue (the slug is used)",
                    "missing_field",
                )
                item = _named_after(item, slug)
            out[slug] = item
        return out

    def resolved(self, names: Catalogue, fallback: Location) -> list[Entry]:
        """The entries with their category and flags resolved to slugs of ``names``."""
        resolve_category = _Resolver(category_index(names))
        resolve_flag = _Resolver(flag_index(names))
        resolved: list[Entry] = []
        for entry in self.entries.values():
            found = resolve_category(entry.category)
            if isinstance(found, UnknownNameError):
                self.report(
                    _field_location(entry, "category", self.field_lines) or fallback,
                    f"entry {entry.key!r}: {found.message} (entry skipped)",
                    "unknown_category",
                )
                continue
            entry_flags = self.resolved_flags(entry, resolve_flag, fallback)
            if found != entry.category or entry_flags != entry.flags:
                entry = dataclasses.replace(entry, category=found, flags=entry_flags)
            resolved.append(entry)
        return resolved

    def resolved_flags(
        self, entry: Entry, resolve_flag: _Resolver, fallback: Location
    ) -> tuple[str, ...]:
        """The slugs of an entry's flags, unknown ones dropped (and reported)."""
        entry_flags: list[str] = []
        for name in entry.flags:
            flag_slug = resolve_flag(name)
            if isinstance(flag_slug, UnknownNameError):
                self.report(
                    _field_location(entry, "flags", self.field_lines) or fallback,
                    f"entry {entry.key!r}: {flag_slug.message} (flag dropped)",
                    "unknown_flag",
                )
            elif flag_slug not in entry_flags:
                entry_flags.append(flag_slug)
        return tuple(entry_flags)

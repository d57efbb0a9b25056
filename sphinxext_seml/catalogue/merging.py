"""Merging: several loaded catalogues, in order, into one.

Names of entries' categories and flags are resolved here, against every
catalogue merged (an entry usually uses a built-in category).
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import TYPE_CHECKING, TypeVar

from .errors import Location, Problem, UnknownNameError
from .identity import normalize_url
from .keys import suffixed_key
from .model import ENTRY_FIELDS, Catalogue, Category, Entry, Flag, Front
from .names import NameIndex, category_index, flag_index
from .results import LoadResult
from .validation.parents import checked_parents

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["merge", "reference_ids"]

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


def _fill_category(old: Category, new: Category) -> Category:
    """``old`` with what a supplementary source adds: aliases, and fields ``old`` lacks."""
    return dataclasses.replace(
        old,
        title=old.title or new.title,
        description=old.description or new.description,
        aliases=_union(old.aliases, tuple(a for a in (new.slug, *new.aliases) if a != old.slug)),
        parent=old.parent or new.parent,
    )


def _fill_flag(old: Flag, new: Flag) -> Flag:
    return dataclasses.replace(
        old,
        label=old.label or new.label,
        emoji=old.emoji or new.emoji,
        description=old.description or new.description,
        aliases=_union(old.aliases, tuple(a for a in (new.slug, *new.aliases) if a != old.slug)),
    )


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


#: Fields a later entry for the same reference never changes (who it is and where it goes).
_FIXED_FIELDS = frozenset({"key", "title", "url", "category", "type"})


def _fill_entry(old: Entry, new: Entry) -> Entry:
    """``old`` with the fields it lacks taken from ``new``, another entry for it."""
    changes = {
        name: getattr(new, name)
        for name in ENTRY_FIELDS
        if name not in _FIXED_FIELDS
        and _empty(getattr(old, name))
        and not _empty(getattr(new, name))
    }
    return dataclasses.replace(old, **changes) if changes else old


def reference_ids(entry: Entry) -> tuple[str, ...]:
    """What makes two entries one reference: the DOI and the normalised URL."""
    ids = [f"url:{normalize_url(entry.url)}"] if entry.url else []
    if entry.doi:
        ids.insert(0, f"doi:{entry.doi.lower()}")
    return tuple(ids)


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
    - An entry with a generated key (an imported README's) whose DOI or
      normalised URL equals an earlier catalogue's entry is that entry: it only
      fills the fields the earlier one lacks (summary, tags...), silently. A
      generated key that an earlier catalogue uses for another reference gets
      a suffix from the URL (:func:`.keys.suffixed_key`), never dropped.
    - A category whose slug or title matches an earlier category's slug, title
      or alias is that category (its slug becomes an alias); so is a flag of a
      supplementary source with a known emoji or label. A supplementary source
      only fills empty fields of known categories and flags.
    - A category new to the merge goes after the earlier ones unless its source
      gives its ``order`` (``0`` is an order); a supplementary source's new
      categories go after the earlier ones, in their own order.
    - ``exclude: [keys]`` removes entries of the catalogues before it.
    - Then every entry's category and flags are resolved (by slug, title or
      alias) to slugs: an unknown category skips the entry, an unknown flag is
      dropped from it, each with a problem naming the closest valid names.

    - Then every category's parent must be a category (else it is cleared,
      with a problem).

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
        #: reference id (:func:`reference_ids`) -> key, of the catalogues before this one.
        self.references: dict[str, str] = {}
        self.front = Front()  # the catalogue's title and intro: the last given of each

    def report(self, location: Location, message: str, code: str) -> None:
        self.problems.append(Problem(location, message, code))

    def add(self, result: LoadResult) -> None:
        self.problems.extend(result.problems)
        self.sources.extend(s for s in result.catalogue.sources if s not in self.sources)
        self.add_definitions(result)
        self.exclude(result.excludes)
        self.add_entries(result)
        for key, entry in self.entries.items():
            for ref in reference_ids(entry):
                self.references.setdefault(ref, key)
        new = result.catalogue.front
        self.front = Front(new.title or self.front.title, new.intro or self.front.intro)

    def add_definitions(self, result: LoadResult) -> None:
        renamed: dict[str, str] = {}
        for category in result.catalogue.categories.values():
            self.add_category(category, result, renamed)
        if renamed:  # a parent named by the slug of a category that joined an earlier one
            for slug, category in self.categories.items():
                if category.parent in renamed:
                    self.categories[slug] = dataclasses.replace(
                        category, parent=renamed[category.parent]
                    )
        for flag in result.catalogue.flags.values():
            self.add_flag(flag, result.supplementary)

    def known_category(self, category: Category) -> str | None:
        """The slug of the earlier category ``category`` is, by slug, title or alias."""
        if category.slug in self.categories:
            return category.slug
        if not self.categories:
            return None
        index = category_index(Catalogue(self.categories.values()))
        for name in (category.title, category.slug):
            if name and name in index:
                return index.resolve(name)
        return None

    def add_category(self, category: Category, result: LoadResult, renamed: dict[str, str]) -> None:
        categories = self.categories
        known = self.known_category(category)
        if known is not None:
            old = categories[known]
            if known != category.slug:
                renamed[category.slug] = known
                categories[known] = _fill_category(old, category)
            elif result.supplementary:
                categories[known] = _fill_category(old, category)
            else:
                categories[known] = _merge_category(old, category)
        elif categories and (result.supplementary or category.slug not in result.ordered):
            # A category a later catalogue adds goes after the others, in its own order.
            last = max(c.order for c in categories.values())
            categories[category.slug] = dataclasses.replace(category, order=last + 1)
        else:
            categories[category.slug] = category

    def known_flag(self, flag: Flag, supplementary: bool) -> str | None:
        if flag.slug in self.flags or not supplementary:
            return flag.slug if flag.slug in self.flags else None
        for slug, old in self.flags.items():
            if flag.emoji and old.emoji == flag.emoji:
                return slug
        index = flag_index(Catalogue(flags=self.flags.values()))
        return index.resolve(flag.label) if flag.label and flag.label in index else None

    def add_flag(self, flag: Flag, supplementary: bool) -> None:
        known = self.known_flag(flag, supplementary)
        if known is None:
            self.flags[flag.slug] = flag
        elif supplementary or known != flag.slug:
            self.flags[known] = _fill_flag(self.flags[known], flag)
        else:
            self.flags[known] = _merge_flag(self.flags[known], flag)

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
        entries = self.entries
        for entry in result.catalogue:
            if entry.key in result.generated_keys:
                same = self.same_reference(entry)
                if same is not None:
                    entries[same] = _fill_entry(entries[same], entry)
                    continue
                entry = self.unclashed(entry)
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
            self.keep_lines(entry, result)

    def same_reference(self, entry: Entry) -> str | None:
        """The key of an earlier catalogue's entry for the reference ``entry`` is."""
        for ref in reference_ids(entry):
            key = self.references.get(ref)
            if key is not None and key in self.entries:
                return key
        return None

    def unclashed(self, entry: Entry) -> Entry:
        """``entry`` under a key no earlier catalogue uses (its generated key may clash)."""
        key = entry.key
        if key not in self.entries or self.entries[key].location is None:
            return entry
        first = self.entries[key].location
        if (
            first is not None
            and entry.location is not None
            and first.source == entry.location.source
        ):
            return entry  # the same source: its own duplicates are reported as such
        new_key = suffixed_key(key, entry.url, self.entries.__contains__)
        return dataclasses.replace(entry, key=new_key)

    def keep_lines(self, entry: Entry, result: LoadResult) -> None:
        for name in ("category", "flags"):
            line = result.field_lines.get((entry.key, name))
            if line is not None:
                self.field_lines[entry.key, name] = line
            else:
                self.field_lines.pop((entry.key, name), None)

    def result(self) -> LoadResult:
        fallback = Location(self.sources[0] if self.sources else "<catalogue>")
        categories, flags = self.titled(fallback)
        categories, tree_problems = checked_parents(categories)
        self.problems.extend(tree_problems)
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

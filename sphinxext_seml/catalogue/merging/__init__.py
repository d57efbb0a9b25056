"""Merging: several loaded catalogues, in order, into one.

Names of entries' categories and flags are resolved here, against every
catalogue merged (an entry usually uses a built-in category).
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import TYPE_CHECKING, TypeVar

from ..errors import Location, Problem, UnknownNameError
from ..identity import reference_ids
from ..keys import suffixed_key
from ..model import ENTRY_FIELDS, Catalogue, Category, Entry, Flag, Front
from ..names import NameIndex, category_index, flag_index
from ..results import LoadResult
from ..validation.parents import checked_parents
from .aliases import AliasBook
from .definitions import Definitions, is_empty

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["merge"]

_Named = TypeVar("_Named", Category, Flag)


#: Fields a later entry for the same reference never changes (who it is and where it goes).
_FIXED_FIELDS = frozenset({"key", "title", "url", "category", "type"})


def _fill_entry(old: Entry, new: Entry) -> Entry:
    """``old`` with the fields it lacks taken from ``new``, another entry for it."""
    changes = {
        name: getattr(new, name)
        for name in ENTRY_FIELDS
        if name not in _FIXED_FIELDS
        and is_empty(getattr(old, name))
        and not is_empty(getattr(new, name))
    }
    return dataclasses.replace(old, **changes) if changes else old


def _renamed(entry: Entry, categories: Mapping[str, str], flags: Mapping[str, str]) -> Entry:
    """``entry`` with the category and flag slugs its source's definitions were merged as."""
    category = categories.get(entry.category, entry.category)
    entry_flags = tuple(flags.get(f, f) for f in entry.flags)
    if category == entry.category and entry_flags == entry.flags:
        return entry
    return dataclasses.replace(entry, category=category, flags=entry_flags)


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
    - Categories and flags: see :mod:`.definitions` (a category named like an
      earlier catalogue's under the same parent is that category; a
      supplementary source only fills empty fields). Entries follow the slugs
      their source's definitions were merged as.
    - A category new to the merge goes after the earlier ones unless its source
      gives its ``order`` (``0`` is an order); a supplementary source's new
      categories go after the earlier ones, in their own order.
    - ``exclude: [keys]`` removes entries of the catalogues before it.
    - Keys and aliases (old keys) share one space of names: see :mod:`.aliases`.
      ``exclude`` and ``override`` accept an alias for the entry it names.
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
        self.definitions = Definitions()
        self.entries: dict[str, Entry] = {}
        self.aliases = AliasBook()
        self.field_lines: dict[tuple[str, str], int] = {}
        self.problems: list[Problem] = []
        self.sources: list[str] = []
        #: reference id (:func:`reference_ids`) -> key, of the catalogues before this one.
        self.references: dict[str, str] = {}
        #: Entries added but not yet in ``references``: indexed only when a later catalogue
        #: looks references up, so the last catalogue's (often a large README's) never are.
        self.unindexed: list[Entry] = []
        self.front = Front()  # the catalogue's title and intro: the last given of each

    def report(self, location: Location, message: str, code: str) -> None:
        self.problems.append(Problem(location, message, code))

    def add(self, result: LoadResult) -> None:
        self.problems.extend(result.problems)
        self.sources.extend(s for s in result.catalogue.sources if s not in self.sources)
        renames = self.definitions.add(result)
        self.exclude(result.excludes)
        if result.generated_keys:
            self.index_references()  # before this one's own entries: they never match each other
        added = self.add_entries(result, renames)
        self.unindexed.extend(self.entries[key] for key in added)
        new = result.catalogue.front
        self.front = Front(new.title or self.front.title, new.intro or self.front.intro)

    def exclude(self, excludes: Sequence[tuple[str, Location]]) -> None:
        for given, location in excludes:
            key = self.aliases.current(given, self.entries) or given
            gone = self.entries.pop(key, None)
            if gone is not None:
                self.aliases.forget(gone)
            else:
                close = difflib.get_close_matches(key, list(self.entries), n=3, cutoff=0.7)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                self.report(
                    location,
                    f"exclude: no earlier catalogue has an entry {given!r}{hint}",
                    "unknown_key",
                )

    def add_entries(
        self, result: LoadResult, renames: tuple[Mapping[str, str], Mapping[str, str]]
    ) -> list[str]:
        """Add the entries of ``result``; the keys it added."""
        added: list[str] = []
        for entry in result.catalogue:
            if entry.key in result.generated_keys:
                same = self.same_reference(entry)
                if same is not None:
                    self.entries[same] = _fill_entry(self.entries[same], _renamed(entry, *renames))
                    continue
                if self.taken(entry.key) and entry.key not in added:
                    # Taken by an earlier catalogue's other reference: a generated key moves.
                    new_key = suffixed_key(entry.key, entry.url or "", self.taken)
                    entry = dataclasses.replace(entry, key=new_key)
            placed = self.placed(entry, result)
            if placed is None:
                continue
            self.entries[placed.key] = _renamed(placed, *renames)
            added.append(placed.key)
            self.keep_lines(placed, result)
        return added

    def taken(self, key: str) -> bool:
        """Whether ``key`` names a merged entry, as its key or as an alias."""
        return self.aliases.current(key, self.entries) is not None

    def placed(self, entry: Entry, result: LoadResult) -> Entry | None:
        """``entry`` as it joins the merge, or None when an earlier entry has its key
        (or has it as an alias) and it does not say ``override: true``."""
        earlier = self.aliases.current(entry.key, self.entries)
        if earlier is not None:
            first = self.entries[earlier]
            if entry.key not in result.overrides:
                named = "" if earlier == entry.key else f" (an alias of entry {earlier!r})"
                self.report(
                    entry.location or _origin(result.catalogue),
                    f"duplicate entry key {entry.key!r}{named}: first defined at"
                    f" {first.location}; this entry is ignored (add 'override: true' to"
                    " replace the first)",
                    "duplicate_key",
                )
                return None
            entry = self.aliases.taking_over(entry, first)
            if earlier != entry.key:  # in the replaced entry's place, under the new key
                self.entries = {
                    (entry.key if k == earlier else k): e for k, e in self.entries.items()
                }
        origin = _origin(result.catalogue)
        return self.aliases.admit(
            entry,
            self.entries,
            lambda where, message: self.report(where or origin, message, "duplicate_key"),
        )

    def index_references(self) -> None:
        """Put the entries added so far in ``references`` (the entry as it was added)."""
        for entry in self.unindexed:
            for ref in reference_ids(entry):
                self.references.setdefault(ref, entry.key)
        self.unindexed = []

    def same_reference(self, entry: Entry) -> str | None:
        """The key of an earlier catalogue's entry for the reference ``entry`` is."""
        for ref in reference_ids(entry):
            key = self.references.get(ref)
            if key is not None and key in self.entries:
                return key
        return None

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
            self.named(self.definitions.categories, "category", "title", fallback),
            self.named(self.definitions.flags, "flag", "label", fallback),
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

"""Entry aliases across merged catalogues: which entry an old key names.

An entry's ``aliases`` are its old keys. Merged catalogues share one space of
names: a key or alias names one entry, so an alias that is an earlier
entry's key or alias is reported where it is written and dropped, and a later
entry whose key is an earlier entry's alias is a duplicate (or, with
``override: true``, replaces that entry and keeps its names as aliases, so
citations by any of them keep working).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..errors import Location
    from ..model import Entry

__all__ = ["AliasBook"]


class AliasBook:
    """Alias -> key of the entries merged so far."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    def current(self, key: str, entries: Mapping[str, Entry]) -> str | None:
        """The key of the merged entry ``key`` names (itself, or the owner of the alias)."""
        if key in entries:
            return key
        return self.owners.get(key)

    def forget(self, entry: Entry) -> None:
        """An entry left the merge (excluded or replaced): its aliases are free again."""
        for alias in entry.aliases:
            if self.owners.get(alias) == entry.key:
                del self.owners[alias]

    def taking_over(self, new: Entry, old: Entry) -> Entry:
        """``new``, replacing ``old`` under another key, with ``old``'s key and
        aliases added to its own aliases."""
        self.forget(old)
        names = (*new.aliases, old.key, *old.aliases)
        aliases = tuple(dict.fromkeys(a for a in names if a != new.key))
        return dataclasses.replace(new, aliases=aliases)

    def admit(
        self,
        entry: Entry,
        entries: Mapping[str, Entry],
        report: Callable[[Location | None, str], None],
    ) -> Entry:
        """``entry`` (about to be merged) with every alias that names another entry
        reported and dropped; the others are recorded."""
        kept: list[str] = []
        for alias in entry.aliases:
            other = alias if alias in entries and alias != entry.key else self.owners.get(alias)
            if other is None or other == entry.key:
                kept.append(alias)
                continue
            what = "the key" if other == alias else "an alias"
            first = entries[other].location if other in entries else None
            where = f" (defined at {first})" if first is not None else ""
            report(
                entry.location,
                f"entry {entry.key!r}: alias {alias!r} is already {what} of entry {other!r}"
                f"{where}; the alias is ignored",
            )
        for alias in kept:
            self.owners[alias] = entry.key
        if len(kept) < len(entry.aliases):
            entry = dataclasses.replace(entry, aliases=tuple(kept))
        return entry

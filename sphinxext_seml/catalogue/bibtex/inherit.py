"""``crossref`` and biblatex ``xdata``: the fields an entry takes from other entries of its file.

An entry lacking a field takes it from the entries its ``xdata`` names (in
order), then from its ``crossref`` parent, as BibTeX and biblatex do: a book
chapter (``@inbook``, ``@incollection``, ``@inproceedings``) gets the author,
year, publisher and link of its book, and the book's ``title`` as its
``booktitle`` when it has none. Parents' own parents are followed; a key that
names no entry of the file, or a cycle, is reported and inherits nothing.
Every entry loads, whether or not other entries cite it as their parent;
``@xdata`` entries only hold fields for others and are not entries themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .latex import latex_to_text

if TYPE_CHECKING:
    from .entry import Field, Report

__all__ = ["Pending", "resolve_inheritance"]

#: Fields that say where to inherit from, or what only the entry itself can say.
_OWN_FIELDS: Final = frozenset({"crossref", "xdata", "ids", "seml-override"})
#: Entry types that are part of a book: the parent's title is their ``booktitle``.
_PART_TYPES: Final = frozenset(
    {"inbook", "incollection", "inproceedings", "bookinbook", "suppbook", "suppcollection"}
)

_CODE: Final = "invalid_field"


@dataclass(slots=True)
class Pending:
    """One entry read but not yet built: its type, key, fields by lower-case name, line."""

    kind: str
    key: str
    fields: dict[str, Field]
    line: int


class _Resolver:
    """Fills the fields of the entries of one file from their ``xdata`` and ``crossref``."""

    def __init__(self, entries: list[Pending], report: Report) -> None:
        self.by_key = {entry.key.lower(): entry for entry in entries}
        self.report = report
        self.done: set[str] = set()
        self.active: set[str] = set()

    def resolve(self, entry: Pending) -> Pending:
        """``entry`` with every inherited field, resolved once."""
        lower = entry.key.lower()
        if lower in self.done or lower in self.active:
            return entry
        self.active.add(lower)
        for name in _names(entry.fields.get("xdata")):
            source = self.parent(entry, "xdata", name)
            if source is not None:
                self.inherit(entry, source, part=False)
        parent_name = entry.fields.get("crossref")
        if parent_name is not None and latex_to_text(parent_name.raw):
            parent = self.parent(entry, "crossref", latex_to_text(parent_name.raw))
            if parent is not None:
                self.inherit(entry, parent, part=entry.kind.lower() in _PART_TYPES)
        self.active.discard(lower)
        self.done.add(lower)
        return entry

    def parent(self, entry: Pending, field: str, name: str) -> Pending | None:
        """The resolved entry ``name`` that ``entry``'s ``field`` names, or None (reported)."""
        found = self.by_key.get(name.lower())
        line = entry.fields[field].line
        what = f"entry {entry.key!r}: {field} {name!r}"
        if found is None:
            self.report(line, f"{what} names no entry of this file (nothing inherited)", _CODE)
            return None
        if found.key.lower() in self.active:
            self.report(line, f"{what} leads back to this entry (nothing inherited)", _CODE)
            return None
        return self.resolve(found)

    @staticmethod
    def inherit(entry: Pending, parent: Pending, *, part: bool) -> None:
        for name, field in parent.fields.items():
            if name not in _OWN_FIELDS:
                entry.fields.setdefault(name, field)
        title = parent.fields.get("title")
        if part and title is not None:
            entry.fields.setdefault("booktitle", title)


def _names(field: Field | None) -> list[str]:
    if field is None:
        return []
    return [name.strip() for name in latex_to_text(field.raw).split(",") if name.strip()]


def resolve_inheritance(entries: list[Pending], report: Report) -> list[Pending]:
    """The entries of a file with their inherited fields, ``@xdata`` entries left out."""
    resolver = _Resolver(entries, report)
    return [resolver.resolve(entry) for entry in entries if entry.kind.lower() != "xdata"]

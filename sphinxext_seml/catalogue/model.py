"""The catalogue data model: categories, flags and entries.

Plain frozen dataclasses, no Sphinx: the command line, the importers and the
Sphinx layer all share them. A :class:`Catalogue` is immutable once built, so
it can be cached per build and shared by parallel readers without copying.

The entry fields are declared once, by :class:`Entry`: :data:`ENTRY_FIELDS`,
the serialiser :meth:`Entry.as_dict`, the filter's names and the cache
identity derive from it. This module also owns the packed representation of
entries (:class:`PackedEntries`: marshalled rows, each unpacked on first
lookup) and how a catalogue pickles (its entries packed); keeping a catalogue
in a file between builds is :mod:`.cache`'s.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import Location

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator

#: Entry types the built-in catalogue uses; user catalogues may add others.
KNOWN_TYPES: tuple[str, ...] = (
    "paper",
    "article",
    "blog",
    "book",
    "guide",
    "tool",
    "talk",
    "video",
    "course",
    "dataset",
    "report",
    "other",
)

#: Author name meaning "and more authors not listed" (BibTeX's convention).
OTHERS = "others"


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    title: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    order: int = 0
    location: Location | None = field(default=None, compare=False)
    #: The slug of the enclosing category ("" at the top), e.g. a README's "###" under "##".
    #: Last, so that positional construction without it keeps working.
    parent: str = ""
    #: How an imported README wrote it: "" (a heading), "numbered" (a heading over a
    #: numbered list), "group" (a bold label over a nested list) or "details" (a
    #: ``<details>`` block); the Markdown export writes it the same way.
    layout: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    slug: str
    label: str
    emoji: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Front:
    """A catalogue's optional front matter, Markdown: its title and its introduction (an
    imported README's title heading and what is between it and the first section)."""

    title: str = ""
    intro: str = ""


def _described(text: str, **default: Any) -> Any:
    """A dataclass field of an entry with its description (the filter docs show it)."""
    return field(metadata={"doc": text}, **default)


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalogue entry. Its fields, in this order, ARE the entry fields: the native
    format's order, the serialiser's keys, the filter's names and the cache identity."""

    key: str = _described("the entry key (str), e.g. 'sculley2015hidden'")
    title: str = _described("the title (str)")
    #: None for an entry without a link (a book in a .bib file): its title is shown unlinked.
    url: str | None = _described("the link (str or None: an entry may have none)")
    category: str = _described("the category slug (str), e.g. 'deployment'")
    flags: tuple[str, ...] = _described(
        "the flag slugs (tuple of str), e.g. 'must-read' in flags", default=()
    )
    type: str = _described(
        "the entry type (str): paper, article, blog, book, guide, tool, ...", default="other"
    )
    authors: tuple[str, ...] = _described("the author names (tuple of str)", default=())
    year: int | None = _described("the publication year (int or None)", default=None)
    venue: str | None = _described(
        "the journal, conference or publisher (str or None)", default=None
    )
    doi: str | None = _described("the DOI (str or None)", default=None)
    summary: str | None = _described("a one-line summary (str or None)", default=None)
    tags: tuple[str, ...] = _described("free-form tags (tuple of str)", default=())
    archived_url: str | None = _described(
        "an archived copy of a dead link (str or None)", default=None
    )
    markdown: str | None = _described(
        "the README item an imported entry was read from, as written (str or None)",
        default=None,
    )
    summary_from: str | None = _described(
        "whose words the summary is (str or None): 'own' for the catalogue's own words",
        default=None,
    )
    repository: str | None = _described("a tool's source repository (str or None)", default=None)
    licence: str | None = _described(
        "a tool's licence as its repository states it (str or None)", default=None
    )
    arxiv: str | None = _described("the arXiv identifier (str or None)", default=None)
    #: Old keys of this entry: citations, directives, filters and commands given one
    #: resolve to this entry (:meth:`Catalogue.current_key`).
    aliases: tuple[str, ...] = _described(
        "old keys that still resolve to this entry (tuple of str)", default=()
    )
    former_urls: tuple[str, ...] = _described(
        "earlier links of the entry, moved or dead (tuple of str)", default=()
    )
    location: Location | None = field(default=None, compare=False)

    def __reduce__(self) -> tuple[Callable[..., Entry], tuple[object, ...]]:
        # Positional: unpickling frozen slotted dataclasses field by field is slow,
        # and parsed catalogues are unpickled on every build (the store's cache).
        return (Entry, tuple(getattr(self, f) for f in ENTRY_SLOTS))

    def as_dict(self, *, always: Collection[str] = ()) -> dict[str, Any]:
        """The entry as plain data: the native format's field names in its order, empty
        fields left out except the required ones, ``type`` and the names in ``always``.

        The one serialiser of entries: the native writers, ``seml.json``, the
        command line's JSON and the benchmark's catalogues all use it."""
        return plain_data(self, ENTRY_FIELDS, always=ALWAYS_WRITTEN.union(always))


def plain_data(
    record: object, names: Iterable[str], *, always: Collection[str] = ()
) -> dict[str, Any]:
    """The fields ``names`` of a model record as plain data, in that order: tuples as
    lists, empty values (None, ``""``, ``()``) left out except the names in ``always``."""
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        if name in always or not (value is None or value == "" or value == ()):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


_ENTRY_DECLARATION = tuple(f for f in fields(Entry) if "doc" in f.metadata)

#: Every slot of an entry, positional order (the fields, then ``location``).
ENTRY_SLOTS: tuple[str, ...] = tuple(f.name for f in fields(Entry))

#: Fields of an entry in the order the native format writes them.
ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in _ENTRY_DECLARATION)

#: Entry field -> its description (the filter language's names).
ENTRY_FIELD_DOCS: Mapping[str, str] = MappingProxyType(
    {f.name: f.metadata["doc"] for f in _ENTRY_DECLARATION}
)

#: Fields every entry has (no default and never None): written even when empty. ``url``
#: has no default but may be None, so that the fields keep the native format's order.
REQUIRED_FIELDS: tuple[str, ...] = tuple(
    f.name
    for f in _ENTRY_DECLARATION
    if f.default is MISSING
    and f.default_factory is MISSING
    and not str(f.type).replace(" ", "").endswith("|None")
)

#: Written at its default too, so that a reader sees it.
ALWAYS_WRITTEN: frozenset[str] = frozenset({*REQUIRED_FIELDS, "type"})

#: The values of :attr:`Category.layout`.
CATEGORY_LAYOUTS: tuple[str, ...] = ("", "numbered", "group", "details")

#: Fields of a category and of a flag, in the order the native format writes them.
CATEGORY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Category) if f.name != "location")
FLAG_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Flag) if f.name != "location")
#: Optional top-level text fields of a catalogue (Markdown), in the native format's order.
CATALOGUE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Front))


def alias_map(entries: Iterable[Entry], keys: Collection[str]) -> dict[str, str]:
    """Alias -> key over ``entries``: the first entry giving an alias has it, and an
    alias that is a key in ``keys`` names that entry, never an alias (validation and
    merging report such clashes where they are written)."""
    out: dict[str, str] = {}
    for entry in entries:
        for alias in entry.aliases:
            if alias not in keys:
                out.setdefault(alias, entry.key)
    return out


def _pack(entry: Entry) -> bytes:
    """One entry as a marshalled row of its fields (location as source and line)."""
    location = entry.location
    row = tuple(getattr(entry, name) for name in ENTRY_FIELDS)
    if location is None:
        return marshal.dumps(row)
    return marshal.dumps((*row, location.source, location.line))


def _unpack(data: bytes) -> Entry:
    row = marshal.loads(data)
    if len(row) == len(ENTRY_FIELDS):
        return Entry(*row)
    *values, source, line = row
    return Entry(*values, location=Location(source, line))  # type: ignore[misc]


class PackedEntries(Mapping[str, Entry]):
    """Entries kept as marshalled rows, each made an :class:`Entry` when first looked up.

    A cached catalogue is read again on every build, and an incremental build
    looks at a handful of its entries: unpacking only those keeps the cost of a
    10,000-entry catalogue out of a one-page rebuild (and out of the garbage
    collector's work). Bytes are not tracked by the collector; entries are.
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: dict[str, bytes | Entry]) -> None:
        self._rows = rows

    def __getitem__(self, key: str) -> Entry:
        row = self._rows[key]
        if type(row) is bytes:
            # Two threads may both unpack a row: equal entries, so no harm.
            row = self._rows[key] = _unpack(row)
        return row  # type: ignore[return-value]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._rows else default

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def packed(self) -> dict[str, bytes]:
        return {k: v if isinstance(v, bytes) else _pack(v) for k, v in self._rows.items()}


class Catalogue:
    """Categories, flags and entries, each kept in catalogue order and keyed by slug/key.

    ``front`` is its optional :class:`Front` matter (an imported README's title and
    introduction), which the README writer uses when no other is given."""

    __slots__ = (
        "__weakref__",
        "_aliases",
        "_categories",
        "_entries",
        "_flags",
        "front",
        "sources",
    )

    def __init__(
        self,
        categories: Iterable[Category] = (),
        flags: Iterable[Flag] = (),
        entries: Iterable[Entry] = (),
        sources: Iterable[str] = (),
        front: Front | None = None,
    ) -> None:
        entries_by_key = MappingProxyType({e.key: e for e in entries})
        aliases = alias_map(entries_by_key.values(), entries_by_key)
        self._set(categories, flags, entries_by_key, sources, front or Front(), aliases)

    def _set(  # noqa: PLR0913 - one parameter per slot, filled in one place
        self,
        categories: Iterable[Category],
        flags: Iterable[Flag],
        entries: Mapping[str, Entry],
        sources: Iterable[str],
        front: Front,
        aliases: Mapping[str, str],
    ) -> None:
        # The one place the slots are filled: by __init__, packed() and unpickling.
        self._categories = MappingProxyType({c.slug: c for c in categories})
        self._flags = MappingProxyType({f.slug: f for f in flags})
        self._entries: Mapping[str, Entry] = entries
        self.sources: tuple[str, ...] = tuple(sources)
        self.front = front
        # Kept apart from the entries, so that resolving an old key unpacks nothing.
        self._aliases: Mapping[str, str] = MappingProxyType(dict(aliases))

    @property
    def categories(self) -> Mapping[str, Category]:
        return self._categories

    @property
    def flags(self) -> Mapping[str, Flag]:
        return self._flags

    @property
    def entries(self) -> Mapping[str, Entry]:
        return self._entries

    @property
    def aliases(self) -> Mapping[str, str]:
        """Old key -> the current key of its entry (each entry's ``aliases``)."""
        return self._aliases

    def current_key(self, key: str) -> str | None:
        """The key of the entry ``key`` names: itself when it is a key, the entry's
        key when it is one of its aliases (an old key), else None."""
        if key in self._entries:
            return key
        return self._aliases.get(key)

    def packed(self) -> Catalogue:
        """This catalogue with its entries packed, each unpacked again when looked up
        (what unpickling gives: the Sphinx layer builds with it, as it will next time)."""
        out = Catalogue.__new__(Catalogue)
        out._set(
            self._categories.values(),
            self._flags.values(),
            PackedEntries(dict(self._packed_rows())),
            self.sources,
            self.front,
            self._aliases,
        )
        return out

    def _packed_rows(self) -> dict[str, bytes]:
        entries = self._entries
        if isinstance(entries, PackedEntries):
            return entries.packed()  # the rows still packed are reused, not packed again
        return {k: _pack(e) for k, e in entries.items()}

    # Mapping proxies do not pickle: a catalogue pickles as its plain parts, the
    # entries packed (the build cache keeps parsed catalogues between builds,
    # and unpickling must not cost in proportion to the entries).
    def __getstate__(self) -> tuple[object, ...]:
        return (
            list(self._categories.values()),
            list(self._flags.values()),
            self._packed_rows(),
            self.sources,
            self.front,
            dict(self._aliases),
        )

    def __setstate__(self, state: tuple[object, ...]) -> None:
        categories, flags, packed, sources, front, aliases = state
        self._set(categories, flags, PackedEntries(packed), sources, front, aliases)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __repr__(self) -> str:
        return (
            f"<Catalogue {len(self._categories)} categories, {len(self._flags)} flags,"
            f" {len(self._entries)} entries>"
        )

    def ordered_categories(self) -> list[Category]:
        """Categories by their ``order`` value, ties kept in definition order."""
        return sorted(self._categories.values(), key=lambda c: c.order)

    def types(self) -> list[str]:
        """The entry types in use, known ones first in their usual order."""
        used = {e.type for e in self._entries.values()}
        known = [t for t in KNOWN_TYPES if t in used]
        return known + sorted(used.difference(KNOWN_TYPES))

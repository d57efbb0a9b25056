"""Selecting and ordering entries: the query API of the directives and the ``seml`` CLI.

A :class:`Query` says which entries (categories, flags, types, a filter) and in
which order; :func:`select` answers it. Each catalogue gets one
:class:`CatalogueIndex`, built on first use and reused by every later query, so
a query costs work proportional to its candidates, not to the catalogue.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .errors import Location, UnknownNameError
from .names import NameIndex, category_index, flag_index, normalize, type_index

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .filter import EntryFilter
    from .model import Catalogue, Entry

__all__ = [
    "SORTS",
    "CatalogueIndex",
    "CatalogueResolver",
    "Query",
    "filter_resolver",
    "index_for",
    "parse_limit",
    "parse_sort",
    "resolve_categories",
    "resolve_flags",
    "resolve_types",
    "select",
    "split_names",
]

#: Accepted ``:sort:`` values; ``catalogue`` is the default.
SORTS: Final[tuple[str, ...]] = ("catalogue", "title", "year", "-year", "key")


@dataclass(frozen=True)
class Query:
    """Which entries to list, and how.

    ``categories`` and ``types`` match any of their names, ``flags`` all of
    theirs; empty means no constraint. Names are slugs (titles and aliases also
    resolve; an unknown name matches nothing). ``filter`` runs last, on the
    entries the other constraints leave.
    """

    categories: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    filter: EntryFilter | None = None
    sort: str = "catalogue"
    limit: int | None = None

    def __post_init__(self) -> None:
        # Accept any iterable (a list from the CLI) but keep the query hashable.
        for name in ("categories", "flags", "types"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Query.{name} must be a tuple of names, not a string")
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        if self.sort not in SORTS:
            object.__setattr__(self, "sort", parse_sort(self.sort))  # or ValueError
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must be 0 or more, not {self.limit}")


class CatalogueResolver:
    """Category/flag/type name -> slug for :func:`~.filter.compile_filter`.

    Holds only the small name indexes (not the catalogue), so the filter cache
    keeping it alive keeps no entries alive.
    """

    __slots__ = ("_indexes",)

    def __init__(self, categories: NameIndex, flags: NameIndex, types: NameIndex) -> None:
        self._indexes = {"category": categories, "flag": flags, "type": types}

    def __call__(self, kind: str, name: str, /) -> str:
        return self._indexes[kind].resolve(name)

    def __getstate__(self) -> dict[str, NameIndex]:
        return self._indexes

    def __setstate__(self, state: dict[str, NameIndex]) -> None:
        self._indexes = state


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class CatalogueIndex:
    """Everything :func:`select` needs, computed once per catalogue.

    It must not refer to the catalogue itself: the weak cache maps the
    catalogue to its index, and a strong back-reference would keep it alive.
    """

    #: How many distinct query results to remember per catalogue.
    RESULT_CACHE_SIZE: Final = 512

    def __init__(self, catalogue: Catalogue) -> None:
        self.categories = category_index(catalogue)
        self.flags = flag_index(catalogue)
        self.types = type_index(catalogue)
        self.resolver = CatalogueResolver(self.categories, self.flags, self.types)

        # Declared categories in their order, then undeclared ones as first met.
        rank = {c.slug: i for i, c in enumerate(catalogue.ordered_categories())}
        for entry in catalogue:
            rank.setdefault(entry.category, len(rank))
        listed = sorted(enumerate(catalogue), key=lambda pair: (rank[pair[1].category], pair[0]))
        #: All entries in catalogue order (category order, then position).
        self.ordered: tuple[Entry, ...] = tuple(entry for _, entry in listed)
        #: Entry key -> position in :attr:`ordered`.
        self.position: dict[str, int] = {e.key: i for i, e in enumerate(self.ordered)}

        by_category: dict[str, list[Entry]] = {slug: [] for slug in rank}
        by_flag: dict[str, set[str]] = {slug: set() for slug in catalogue.flags}
        by_type: dict[str, list[Entry]] = {}
        for entry in self.ordered:
            by_category[entry.category].append(entry)
            for flag in entry.flags:
                by_flag.setdefault(flag, set()).add(entry.key)
            by_type.setdefault(entry.type, []).append(entry)
        #: Category slug -> its entries in catalogue order.
        self.by_category: dict[str, tuple[Entry, ...]] = {
            k: tuple(v) for k, v in by_category.items()
        }
        #: Flag slug -> keys of the entries that have it.
        self.by_flag: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in by_flag.items()}
        #: Type -> its entries in catalogue order.
        self.by_type: dict[str, tuple[Entry, ...]] = {k: tuple(v) for k, v in by_type.items()}

        self._ranks: dict[str, dict[str, int]] = {"catalogue": self.position}
        self._results: OrderedDict[Query, tuple[Entry, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def rank(self, sort: str) -> dict[str, int]:
        """Entry key -> rank in the ``sort`` order; sorted once per catalogue and order."""
        found = self._ranks.get(sort)
        if found is not None:
            return found
        key: Callable[[Entry], tuple[object, ...]]
        pos = self.position
        if sort == "title":
            key = lambda e: (_fold(e.title), pos[e.key])  # noqa: E731
        elif sort == "year":
            key = lambda e: (e.year is None, e.year or 0, pos[e.key])  # noqa: E731
        elif sort == "-year":
            key = lambda e: (e.year is None, -(e.year or 0), pos[e.key])  # noqa: E731
        elif sort == "key":
            key = lambda e: (e.key.casefold(), e.key)  # noqa: E731
        else:
            parse_sort(sort)  # raises with the list of choices
            raise AssertionError(sort)
        ranks = {e.key: i for i, e in enumerate(sorted(self.ordered, key=key))}
        self._ranks[sort] = ranks
        return ranks

    @staticmethod
    def slugs(
        index: NameIndex, names: Iterable[str], known: Mapping[str, object]
    ) -> tuple[set[str], bool]:
        """The slugs of ``names`` (exact slugs first, else titles/aliases) and
        whether every name was known."""
        out: set[str] = set()
        all_known = True
        for name in names:
            if name in known:
                out.add(name)
            elif name in index:
                out.add(index.resolve(name))
            else:
                all_known = False
        return out, all_known

    def cached(self, query: Query) -> tuple[Entry, ...] | None:
        with self._lock:
            found = self._results.get(query)
            if found is not None:
                self._results.move_to_end(query)
            return found

    def remember(self, query: Query, result: tuple[Entry, ...]) -> None:
        with self._lock:
            self._results[query] = result
            if len(self._results) > self.RESULT_CACHE_SIZE:
                self._results.popitem(last=False)


# Catalogue does not (yet) allow weak references; then a few are kept strongly.
_WEAK_INDEXES: weakref.WeakKeyDictionary[Catalogue, CatalogueIndex] = weakref.WeakKeyDictionary()
_STRONG_INDEXES: OrderedDict[int, tuple[Catalogue, CatalogueIndex]] = OrderedDict()
_STRONG_LIMIT: Final = 8
_INDEX_LOCK = threading.Lock()


def index_for(catalogue: Catalogue) -> CatalogueIndex:
    """The (cached) index of ``catalogue``; catalogues are immutable, so it never goes stale."""
    with _INDEX_LOCK:
        try:
            found = _WEAK_INDEXES.get(catalogue)
        except TypeError:  # not weakly referenceable
            held = _STRONG_INDEXES.get(id(catalogue))
            if held is not None and held[0] is catalogue:
                _STRONG_INDEXES.move_to_end(id(catalogue))
                return held[1]
            index = CatalogueIndex(catalogue)
            # Holding the catalogue keeps its id from being reused while cached.
            _STRONG_INDEXES[id(catalogue)] = (catalogue, index)
            while len(_STRONG_INDEXES) > _STRONG_LIMIT:
                _STRONG_INDEXES.popitem(last=False)
            return index
        if found is None:
            found = _WEAK_INDEXES[catalogue] = CatalogueIndex(catalogue)
        return found


def filter_resolver(catalogue: Catalogue) -> CatalogueResolver:
    """A resolver for :func:`~.filter.compile_filter`: names in filters may be titles/aliases."""
    return index_for(catalogue).resolver


def select(catalogue: Catalogue, query: Query) -> list[Entry]:
    """The entries of ``catalogue`` that match ``query``, sorted and limited."""
    index = index_for(catalogue)
    try:
        found = index.cached(query)
    except TypeError:  # a query holding something unhashable: just don't cache
        return list(_select(index, query))
    if found is None:
        found = _select(index, query)
        index.remember(query, found)
    return list(found)


def _select(index: CatalogueIndex, query: Query) -> tuple[Entry, ...]:
    # Each constraint: (size, candidates in catalogue order, membership test).
    constraints: list[tuple[int, Iterable[Entry], Callable[[Entry], bool]]] = []
    if query.categories:
        cats, _ = index.slugs(index.categories, query.categories, index.by_category)
        lists = [index.by_category[c] for c in cats if c in index.by_category]
        constraints.append((sum(map(len, lists)), _chain(lists), lambda e: e.category in cats))
    if query.flags:
        flag_slugs, all_known = index.slugs(index.flags, query.flags, index.by_flag)
        if not all_known:
            return ()  # an unknown flag: no entry has all of them
        keysets = sorted((index.by_flag.get(f, frozenset()) for f in flag_slugs), key=len)
        # set intersection iterates the smaller side: cost ~ the rarest flag's entries
        flagged = keysets[0].intersection(*keysets[1:])
        in_order = sorted(flagged, key=index.position.__getitem__)
        constraints.append(
            (
                len(flagged),
                [index.ordered[index.position[k]] for k in in_order],
                lambda e: e.key in flagged,
            )
        )
    if query.types:
        type_slugs, _ = index.slugs(index.types, query.types, index.by_type)
        lists = [index.by_type[t] for t in type_slugs if t in index.by_type]
        constraints.append((sum(map(len, lists)), _chain(lists), lambda e: e.type in type_slugs))

    if constraints:
        constraints.sort(key=lambda c: c[0])
        _, candidates, _ = constraints[0]
        tests = [test for _, _, test in constraints[1:]]
        pool: Iterable[Entry] = (e for e in candidates if all(t(e) for t in tests))
    else:
        pool = index.ordered
    if query.filter is not None:
        keep = query.filter
        pool = (e for e in pool if keep(e))

    ranks = index.rank(query.sort)
    if query.limit is not None:
        return tuple(heapq.nsmallest(query.limit, pool, key=lambda e: ranks[e.key]))
    return tuple(sorted(pool, key=lambda e: ranks[e.key]))


def matches(query: Query, entry: Entry) -> bool:
    """Whether one entry meets the query's conditions (categories, all flags, any
    type, filter), as :func:`select` decides them: for callers that already hold
    a short list of candidates, such as a bibliography's cited entries."""
    if query.categories and entry.category not in query.categories:
        return False
    if query.flags and not set(query.flags) <= set(entry.flags):
        return False
    if query.types and entry.type not in query.types:
        return False
    return query.filter is None or query.filter(entry)


def in_order(catalogue: Catalogue, entries: Iterable[Entry], sort: str) -> list[Entry]:
    """``entries`` in one of the :data:`SORTS` orders, using the catalogue's
    precomputed ranks: cost in the entries given, not in the catalogue."""
    ranks = index_for(catalogue).rank(parse_sort(sort))
    return sorted(entries, key=lambda e: ranks[e.key])


def _chain(lists: list[tuple[Entry, ...]]) -> Iterable[Entry]:
    return (entry for entries in lists for entry in entries)


# -- names from directive arguments and options -------------------------------------------


def _resolve(
    index: NameIndex, names: Iterable[str], location: Location | None
) -> tuple[list[str], list[UnknownNameError]]:
    slugs: list[str] = []
    errors: list[UnknownNameError] = []
    for name in names:
        try:
            slug = index.resolve(name, location)
        except UnknownNameError as exc:
            errors.append(exc)
            continue
        if slug not in slugs:
            slugs.append(slug)
    return slugs, errors


def resolve_categories(
    catalogue: Catalogue, names: Iterable[str], location: Location | None = None
) -> tuple[list[str], list[UnknownNameError]]:
    """Slugs of the known ``names`` (deduplicated, in order) and an error per unknown one."""
    return _resolve(index_for(catalogue).categories, names, location)


def resolve_flags(
    catalogue: Catalogue, names: Iterable[str], location: Location | None = None
) -> tuple[list[str], list[UnknownNameError]]:
    """Like :func:`resolve_categories`, for flags (slug, label or alias)."""
    return _resolve(index_for(catalogue).flags, names, location)


def resolve_types(
    catalogue: Catalogue, names: Iterable[str], location: Location | None = None
) -> tuple[list[str], list[UnknownNameError]]:
    """Like :func:`resolve_categories`, for entry types: ``KNOWN_TYPES`` and those in use."""
    return _resolve(index_for(catalogue).types, names, location)


def split_names(argument: str, index: NameIndex) -> list[str]:
    """Split a directive argument into names.

    Commas separate names when present (``deployment, Data Management``).
    Otherwise words are grouped greedily into the longest runs that are known
    names, so ``Deployment and Operation`` is one name and ``deployment data``
    two; a word that starts no known name stays on its own (and will be
    reported as unknown by the resolver).
    """
    if "," in argument:
        return [part.strip() for part in argument.split(",") if part.strip()]
    words = argument.split()
    # A run can only be a known name if it has no more words than the longest
    # spelling (words that fold to nothing, such as a dash, do not count); this
    # keeps a hostile argument of thousands of words linear.
    significant = [bool(normalize(word).strip("-")) for word in words]
    names: list[str] = []
    start = 0
    while start < len(words):
        stop, counted = start, 0
        while stop < len(words) and counted + significant[stop] <= index.max_words:
            counted += significant[stop]
            stop += 1
        for end in range(max(stop, start + 1), start, -1):
            candidate = " ".join(words[start:end])
            if end - start == 1 or candidate in index:
                names.append(candidate)
                start = end
                break
    return names


# -- option values -----------------------------------------------------------------------


def parse_sort(text: str) -> str:
    """A ``:sort:`` value: one of :data:`SORTS` (case and surrounding blanks ignored)."""
    value = (text or "").strip().lower()
    if value in SORTS:
        return value
    if value == "catalog":
        return "catalogue"
    raise ValueError(f"unknown sort {text!r}; valid sorts: {', '.join(SORTS)}")


_INT = re.compile(r"[0-9]+")


def parse_limit(text: str) -> int:
    """A ``:limit:`` value: a whole number of entries, 1 or more."""
    value = (text or "").strip()
    # (more than 18 digits: no list is that long, and int() refuses 4300+ digits)
    if not _INT.fullmatch(value) or len(value.lstrip("0")) > 18 or int(value) < 1:
        raise ValueError(f"invalid limit {text!r}; expected a whole number of entries, 1 or more")
    return int(value)

"""Selecting and ordering entries: the query API of the directives and the ``seml`` CLI.

A :class:`Query` says which entries (categories, flags, types, a filter) and in
which order; :func:`select` answers it. Each catalogue gets one
:class:`CatalogueIndex`, built on first use and reused by every later query, so
a query costs work proportional to its candidates, not to the catalogue.

The index's pickled form (:meth:`CatalogueIndex.warm` before pickling,
:func:`adopt_index` after) is this module's; the file it is kept in between
builds is :mod:`.cache`'s.
"""

from __future__ import annotations

import functools
import heapq
import re
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .errors import Location, UnknownNameError
from .names import NameIndex, category_index, flag_index, fold, normalize, type_index

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .filter import EntryFilter
    from .model import Catalogue, Entry

__all__ = [
    "SORTS",
    "CatalogueIndex",
    "CatalogueResolver",
    "Query",
    "adopt_index",
    "filter_resolver",
    "in_order",
    "index_for",
    "matches",
    "matching_keys",
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

    __slots__ = ("_aliases", "_indexes")

    def __init__(
        self,
        categories: NameIndex,
        flags: NameIndex,
        types: NameIndex,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._indexes = {"category": categories, "flag": flags, "type": types}
        #: Old key -> current key: ``key == "oldkey"`` finds the renamed entry.
        self._aliases = dict(aliases or {})

    def __call__(self, kind: str, name: str, /) -> str:
        if kind == "key":  # any text is a key; only an old one changes
            return self._aliases.get(name, name)
        return self._indexes[kind].resolve(name)

    def __getstate__(self) -> tuple[dict[str, NameIndex], dict[str, str]]:
        return self._indexes, self._aliases

    def __setstate__(self, state: tuple[dict[str, NameIndex], dict[str, str]]) -> None:
        self._indexes, self._aliases = state


#: Not pickled: the entries (the catalogue pickles them), the results, the lock, and the
#: key -> category/type/rank maps, which the key tuples rebuild on first use faster
#: than pickle reads them (a one-page rebuild needs one or two of them).
_UNPICKLED: Final = frozenset({"entries", "_results", "_lock", "_ranks", "category_of", "type_of"})


class CatalogueIndex:
    """Everything :func:`select` needs, computed once per catalogue.

    Keyed by entry key, so that a selection looks at entries only to filter
    them and to return them: a catalogue whose entries are unpacked on demand
    (a cached one) unpacks the answer, not the catalogue. The index pickles
    (without the entries) beside its catalogue in the build cache
    (:mod:`.cache`); :func:`adopt_index` joins it to the catalogue it was made from.

    It must not refer to the catalogue itself: the weak cache maps the
    catalogue to its index, and a strong back-reference would keep it alive.
    """

    #: How many distinct query results to remember per catalogue.
    RESULT_CACHE_SIZE: Final = 512

    entries: Mapping[str, Entry]

    def __init__(self, catalogue: Catalogue) -> None:
        self.entries = catalogue.entries
        self.categories = category_index(catalogue)
        self.flags = flag_index(catalogue)
        self.types = type_index(catalogue)
        self.resolver = CatalogueResolver(
            self.categories, self.flags, self.types, catalogue.aliases
        )

        # Declared categories in their order, then undeclared ones as first met.
        rank = {c.slug: i for i, c in enumerate(catalogue.ordered_categories())}
        category_of: dict[str, str] = {}
        type_of: dict[str, str] = {}
        by_flag: dict[str, set[str]] = {slug: set() for slug in catalogue.flags}
        for entry in catalogue:
            rank.setdefault(entry.category, len(rank))
            category_of[entry.key] = entry.category
            type_of[entry.key] = entry.type
            for flag in entry.flags:
                by_flag.setdefault(flag, set()).add(entry.key)
        #: All entry keys in catalogue order (category order, then position).
        self.ordered: tuple[str, ...] = tuple(
            sorted(category_of, key=lambda k: rank[category_of[k]])  # stable: position kept
        )

        by_category: dict[str, list[str]] = {slug: [] for slug in rank}
        by_type: dict[str, list[str]] = {}
        for key in self.ordered:
            by_category[category_of[key]].append(key)
            by_type.setdefault(type_of[key], []).append(key)
        #: Category slug -> its entry keys in catalogue order.
        self.by_category: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in by_category.items()}
        #: Flag slug -> keys of the entries that have it.
        self.by_flag: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in by_flag.items()}
        #: Type -> its entry keys in catalogue order.
        self.by_type: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in by_type.items()}

        #: Sort order -> the entry keys in that order (pickled); and -> key -> rank (not).
        self._orders: dict[str, tuple[str, ...]] = {}
        self._ranks: dict[str, dict[str, int]] = {}
        self._results: OrderedDict[Query, tuple[Entry, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _UNPICKLED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._ranks = {}
        self._results = OrderedDict()
        self._lock = threading.Lock()

    @functools.cached_property
    def category_of(self) -> dict[str, str]:
        """Entry key -> its category slug."""
        return {key: slug for slug, keys in self.by_category.items() for key in keys}

    @functools.cached_property
    def type_of(self) -> dict[str, str]:
        """Entry key -> its type."""
        return {key: kind for kind, keys in self.by_type.items() for key in keys}

    def warm(self) -> CatalogueIndex:
        """Compute every sort order now (before pickling: later builds reuse them)."""
        for sort in SORTS:
            self.rank(sort)
        return self

    def rank(self, sort: str) -> dict[str, int]:
        """Entry key -> rank in the ``sort`` order; sorted once per catalogue and order."""
        found = self._ranks.get(sort)
        if found is None:
            order = self.ordered if sort == "catalogue" else self._orders.get(sort)
            if order is None:
                order = self._orders[sort] = self._sorted(sort)
            found = self._ranks[sort] = {key: i for i, key in enumerate(order)}
        return found

    def _sorted(self, sort: str) -> tuple[str, ...]:
        """Every entry key in the ``sort`` order (``catalogue`` is :attr:`ordered`)."""
        pos = self.rank("catalogue")
        keys: dict[str, Callable[[Entry], tuple[object, ...]]] = {
            "title": lambda e: (fold(e.title), pos[e.key]),
            "year": lambda e: (e.year is None, e.year or 0, pos[e.key]),
            "-year": lambda e: (e.year is None, -(e.year or 0), pos[e.key]),
            "key": lambda e: (e.key.casefold(), e.key),
        }
        if sort not in keys:
            parse_sort(sort)  # raises with the list of choices
            raise AssertionError(sort)
        entries = self.entries
        return tuple(e.key for e in sorted((entries[k] for k in self.ordered), key=keys[sort]))

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


# Catalogues are weakly referenceable (``__weakref__`` in their slots): an index lives
# as long as its catalogue.
_WEAK_INDEXES: weakref.WeakKeyDictionary[Catalogue, CatalogueIndex] = weakref.WeakKeyDictionary()
_INDEX_LOCK = threading.Lock()


def index_for(catalogue: Catalogue) -> CatalogueIndex:
    """The (cached) index of ``catalogue``; catalogues are immutable, so it never goes stale."""
    with _INDEX_LOCK:
        found = _WEAK_INDEXES.get(catalogue)
        if found is None:
            found = _WEAK_INDEXES[catalogue] = CatalogueIndex(catalogue)
        return found


def adopt_index(catalogue: Catalogue, index: CatalogueIndex) -> None:
    """Use ``index`` (unpickled with ``catalogue``, made from the same entries) for it."""
    index.entries = catalogue.entries
    with _INDEX_LOCK:
        _WEAK_INDEXES[catalogue] = index


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
    # Each constraint: (size, candidate keys in catalogue order, membership test).
    constraints: list[tuple[int, Iterable[str], Callable[[str], bool]]] = []
    if query.categories:
        cats, _ = index.slugs(index.categories, query.categories, index.by_category)
        lists = [index.by_category[c] for c in cats if c in index.by_category]
        category_of = index.category_of
        constraints.append((sum(map(len, lists)), _chain(lists), lambda k: category_of[k] in cats))
    if query.flags:
        flag_slugs, all_known = index.slugs(index.flags, query.flags, index.by_flag)
        if not all_known:
            return ()  # an unknown flag: no entry has all of them
        keysets = sorted((index.by_flag.get(f, frozenset()) for f in flag_slugs), key=len)
        # set intersection iterates the smaller side: cost ~ the rarest flag's entries
        flagged = keysets[0].intersection(*keysets[1:])
        in_catalogue_order = sorted(flagged, key=index.rank("catalogue").__getitem__)
        constraints.append((len(flagged), in_catalogue_order, flagged.__contains__))
    if query.types:
        type_slugs, _ = index.slugs(index.types, query.types, index.by_type)
        lists = [index.by_type[t] for t in type_slugs if t in index.by_type]
        type_of = index.type_of
        constraints.append(
            (sum(map(len, lists)), _chain(lists), lambda k: type_of[k] in type_slugs)
        )

    pool: Iterable[str]
    if constraints:
        constraints.sort(key=lambda c: c[0])
        _, candidates, _ = constraints[0]
        tests = [test for _, _, test in constraints[1:]]
        pool = (k for k in candidates if all(t(k) for t in tests))
    else:
        pool = index.ordered
    entries = index.entries
    if query.filter is not None:
        keep = query.filter
        pool = (k for k in pool if keep(entries[k]))

    ranks = index.rank(query.sort)
    if query.limit is not None:
        chosen = heapq.nsmallest(query.limit, pool, key=ranks.__getitem__)
    else:
        chosen = sorted(pool, key=ranks.__getitem__)
    return tuple(entries[k] for k in chosen)


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


def matching_keys(catalogue: Catalogue, query: Query, keys: Iterable[str]) -> list[str]:
    """The ``keys`` (of entries in ``catalogue``) that meet ``query``'s conditions, as
    :func:`matches` decides them, in the order given. Entries are looked at only
    for a filter: cost in the keys given, not in the catalogue."""
    index = index_for(catalogue)
    out = list(keys)
    if query.categories:
        out = [k for k in out if index.category_of[k] in query.categories]
    if query.flags:
        wanted = [index.by_flag.get(f, frozenset()) for f in query.flags]
        out = [k for k in out if all(k in flagged for flagged in wanted)]
    if query.types:
        out = [k for k in out if index.type_of[k] in query.types]
    if query.filter is not None:
        keep, entries = query.filter, catalogue.entries
        out = [k for k in out if keep(entries[k])]
    return out


def in_order(catalogue: Catalogue, keys: Iterable[str], sort: str) -> list[str]:
    """Entry ``keys`` in one of the :data:`SORTS` orders, using the catalogue's
    precomputed ranks: cost in the keys given, not in the catalogue."""
    ranks = index_for(catalogue).rank(parse_sort(sort))
    return sorted(keys, key=ranks.__getitem__)


def _chain(lists: list[tuple[str, ...]]) -> Iterable[str]:
    return (key for keys in lists for key in keys)


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

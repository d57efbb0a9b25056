"""The query API: selection, ordering, limits, name resolution, and the per-catalogue index."""

from __future__ import annotations

import gc
import pickle
import weakref

import pytest

from sphinxext_seml.catalogue.errors import FilterError, Location, UnknownNameError
from sphinxext_seml.catalogue.filter import compile_filter
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry, Flag
from sphinxext_seml.catalogue.names import category_index
from sphinxext_seml.catalogue.query import (
    SORTS,
    Query,
    adopt_index,
    filter_resolver,
    in_order,
    index_for,
    matches,
    matching_keys,
    parse_limit,
    parse_sort,
    resolve_categories,
    resolve_flags,
    resolve_types,
    select,
    split_names,
)

CATEGORIES = [
    # Defined out of order on purpose: "catalogue" order follows ``order``.
    Category("deployment", "Deployment and Operation", aliases=("ops", "mlops"), order=3),
    Category("overviews", "Broad Overviews", order=0),
    Category("data", "Data Management", order=1),
    Category("training", "Model Training", order=2),
]
FLAGS = [
    Flag("must-read", "Must-read", emoji="⭐"),
    Flag("scientific", "Scientific", emoji="🎓", aliases=("academic",)),
]


def entry(key: str, category: str, title: str = "", **fields: object) -> Entry:
    url = f"https://example.org/{key}"
    return Entry(key=key, title=title or key, url=url, category=category, **fields)  # type: ignore[arg-type]


ENTRIES = [
    entry("d1", "deployment", "Zebra ops", year=2019, flags=("must-read",), type="paper"),
    entry("o1", "overviews", "Écoles of thought", year=2015, type="article"),
    entry("d2", "deployment", "alpha deploy", year=None, flags=("scientific",), type="blog"),
    entry("t1", "training", "Beta training", year=2021, flags=("must-read", "scientific")),
    entry("a1", "data", "ecology of data", year=2019, type="paper", flags=("must-read",)),
    entry("d3", "deployment", "Delta rollout", year=2015, type="tool"),
    entry("o2", "overviews", "Omega survey", year=None, type="paper", flags=("scientific",)),
]


@pytest.fixture(params=["parsed", "cached"])
def cat(request: pytest.FixtureRequest) -> Catalogue:
    """Each test twice: on a catalogue as parsed, and as the Sphinx layer reads it back
    from its cache (entries packed, the index pickled with every order computed)."""
    catalogue = Catalogue(CATEGORIES, FLAGS, ENTRIES)
    if request.param == "cached":
        index = index_for(catalogue).warm()
        catalogue, index = pickle.loads(pickle.dumps((catalogue, index)))
        adopt_index(catalogue, index)
        assert index_for(catalogue) is index
    return catalogue


def keys(entries: list[Entry]) -> list[str]:
    return [e.key for e in entries]


# -- selection --------------------------------------------------------------------------


def test_everything_in_catalogue_order(cat: Catalogue) -> None:
    # category order (overviews, data, training, deployment), then catalogue position
    assert keys(select(cat, Query())) == ["o1", "o2", "a1", "t1", "d1", "d2", "d3"]


def test_categories_any_of(cat: Catalogue) -> None:
    assert keys(select(cat, Query(categories=("deployment",)))) == ["d1", "d2", "d3"]
    assert keys(select(cat, Query(categories=("deployment", "data")))) == [
        "a1",
        "d1",
        "d2",
        "d3",
    ]


def test_categories_by_title_and_alias(cat: Catalogue) -> None:
    expected = ["d1", "d2", "d3"]
    assert keys(select(cat, Query(categories=("Deployment and Operation",)))) == expected
    assert keys(select(cat, Query(categories=("DEPLOYMENT AND OPERATION",)))) == expected
    assert keys(select(cat, Query(categories=("ops",)))) == expected
    assert keys(select(cat, Query(categories=("ops", "deployment")))) == expected


def test_unknown_names_match_nothing(cat: Catalogue) -> None:
    assert select(cat, Query(categories=("nope",))) == []
    assert keys(select(cat, Query(categories=("nope", "data")))) == ["a1"]
    assert select(cat, Query(flags=("must-read", "nope"))) == []
    assert select(cat, Query(types=("nope",))) == []
    assert select(cat, Query(types=("book",))) == []  # known type, unused


def test_flags_all_of(cat: Catalogue) -> None:
    assert keys(select(cat, Query(flags=("must-read",)))) == ["a1", "t1", "d1"]
    assert keys(select(cat, Query(flags=("scientific",)))) == ["o2", "t1", "d2"]
    assert keys(select(cat, Query(flags=("must-read", "scientific")))) == ["t1"]
    assert keys(select(cat, Query(flags=("Must-read", "academic")))) == ["t1"]
    # two spellings of one flag are one constraint
    assert keys(select(cat, Query(flags=("must-read", "Must-read")))) == ["a1", "t1", "d1"]


def test_types_any_of(cat: Catalogue) -> None:
    assert keys(select(cat, Query(types=("paper",)))) == ["o2", "a1", "d1"]
    assert keys(select(cat, Query(types=("paper", "blog")))) == ["o2", "a1", "d1", "d2"]
    assert keys(select(cat, Query(types=("other",)))) == ["t1"]  # the default type


def test_constraints_combine_with_and(cat: Catalogue) -> None:
    q = Query(categories=("deployment", "data"), flags=("must-read",), types=("paper",))
    assert keys(select(cat, q)) == ["a1", "d1"]
    q = Query(
        categories=("deployment",),
        types=("paper", "blog", "tool"),
        filter=compile_filter("year is not None"),
    )
    assert keys(select(cat, q)) == ["d1", "d3"]


def test_filter_only(cat: Catalogue) -> None:
    f = compile_filter("'must-read' in flags and year >= 2019 and category == 'deployment'")
    assert keys(select(cat, Query(filter=f))) == ["d1"]
    assert keys(select(cat, Query(filter=compile_filter("year >= 2019")))) == ["a1", "t1", "d1"]


def test_filter_with_catalogue_resolver(cat: Catalogue) -> None:
    resolver = filter_resolver(cat)
    assert filter_resolver(cat) is resolver
    f = compile_filter("category == 'Deployment and Operation' and 'academic' in flags", resolver)
    assert keys(select(cat, Query(filter=f))) == ["d2"]
    f = compile_filter("type in ('Paper', 'TOOL')", resolver)
    assert keys(select(cat, Query(filter=f))) == ["o2", "a1", "d1", "d3"]
    with pytest.raises(FilterError, match="did you mean 'deployment'"):
        compile_filter("category == 'deploymnet'", resolver)
    # the resolver pickles (filters travel to parallel Sphinx workers)
    g = pickle.loads(pickle.dumps(compile_filter("category == 'ops'", resolver)))
    assert keys(select(cat, Query(filter=g))) == ["d1", "d2", "d3"]


# -- sorting and limits -----------------------------------------------------------------


def test_sort_title_case_insensitive_and_accent_folded(cat: Catalogue) -> None:
    assert keys(select(cat, Query(sort="title"))) == ["d2", "t1", "d3", "o1", "a1", "o2", "d1"]


def test_sort_year_unknown_last_ties_by_catalogue(cat: Catalogue) -> None:
    assert keys(select(cat, Query(sort="year"))) == ["o1", "d3", "a1", "d1", "t1", "o2", "d2"]


def test_sort_minus_year_unknown_last_ties_by_catalogue(cat: Catalogue) -> None:
    assert keys(select(cat, Query(sort="-year"))) == ["t1", "a1", "d1", "o1", "d3", "o2", "d2"]


def test_sort_key(cat: Catalogue) -> None:
    assert keys(select(cat, Query(sort="key"))) == sorted(e.key for e in ENTRIES)


def test_every_sort_is_a_permutation(cat: Catalogue) -> None:
    for sort in SORTS:
        assert sorted(keys(select(cat, Query(sort=sort)))) == sorted(e.key for e in ENTRIES)


def test_limit_after_sort(cat: Catalogue) -> None:
    assert keys(select(cat, Query(sort="-year", limit=2))) == ["t1", "a1"]
    assert keys(select(cat, Query(limit=3))) == ["o1", "o2", "a1"]
    assert keys(select(cat, Query(categories=("deployment",), sort="year", limit=2))) == [
        "d3",
        "d1",
    ]
    assert len(select(cat, Query(limit=100))) == len(ENTRIES)
    assert select(cat, Query(limit=0)) == []


def test_query_validation() -> None:
    with pytest.raises(ValueError, match="valid sorts: catalogue, title, year, -year, key"):
        Query(sort="newest")
    with pytest.raises(ValueError, match="limit"):
        Query(limit=-1)
    with pytest.raises(TypeError, match="tuple of names"):
        Query(categories="deployment")  # type: ignore[arg-type]
    assert Query(sort=" -Year").sort == "-year"
    q = Query(categories=["data"], flags=["must-read"], types=["paper"])  # type: ignore[arg-type]
    assert q.categories == ("data",)
    assert hash(q) == hash(Query(categories=("data",), flags=("must-read",), types=("paper",)))


def test_parse_sort() -> None:
    assert parse_sort("catalogue") == "catalogue"
    assert parse_sort(" -Year ") == "-year"
    assert parse_sort("catalog") == "catalogue"
    for sort in SORTS:
        assert parse_sort(sort) == sort
    with pytest.raises(ValueError, match=r"unknown sort 'date'; valid sorts: catalogue, title"):
        parse_sort("date")
    with pytest.raises(ValueError, match="valid sorts"):
        parse_sort("")


@pytest.mark.parametrize(("text", "value"), [("1", 1), (" 25 ", 25), ("007", 7)])
def test_parse_limit(text: str, value: int) -> None:
    assert parse_limit(text) == value


@pytest.mark.parametrize("text", ["", "0", "-3", "2.5", "ten", "1e3", "+4"])
def test_parse_limit_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="whole number of entries, 1 or more"):
        parse_limit(text)


# -- the index is built once and bounds the work ----------------------------------------


def test_index_is_built_once(cat: Catalogue) -> None:
    index = index_for(cat)
    assert index_for(cat) is index
    select(cat, Query(categories=("data",)))
    select(cat, Query(sort="title"))
    assert index_for(cat) is index
    assert index_for(Catalogue(CATEGORIES, FLAGS, ENTRIES)) is not index


def test_index_does_not_keep_the_catalogue_alive() -> None:
    catalogue = Catalogue(CATEGORIES, FLAGS, ENTRIES)
    index_for(catalogue)
    ref = weakref.ref(catalogue)
    del catalogue
    gc.collect()
    assert ref() is None


class CountingFilter:
    """Stands in for an EntryFilter and counts the entries it is asked about."""

    def __init__(self, text: str) -> None:
        self.inner = compile_filter(text)
        self.seen: list[str] = []

    def __call__(self, entry: Entry) -> bool:
        self.seen.append(entry.key)
        return self.inner(entry)


def big_catalogue(n: int) -> Catalogue:
    slugs = [c.slug for c in CATEGORIES]
    entries = [
        entry(
            f"e{i:05d}",
            slugs[i % len(slugs)],
            year=2000 + i % 25,
            flags=("must-read",) if i % 10 == 0 else (),
            type="paper" if i % 3 == 0 else "blog",
        )
        for i in range(n)
    ]
    return Catalogue(CATEGORIES, FLAGS, entries)


def test_filter_runs_only_on_candidates() -> None:
    catalogue = big_catalogue(2000)
    per_category = 2000 // len(CATEGORIES)
    filters = [CountingFilter("year >= 2010") for _ in range(50)]
    for f in filters:
        result = select(catalogue, Query(categories=("data",), filter=f))  # type: ignore[arg-type]
        assert {e.category for e in result} == {"data"}
        assert len(f.seen) == per_category
        assert all(catalogue.entries[k].category == "data" for k in f.seen)


def test_smallest_candidate_set_drives_the_filter() -> None:
    catalogue = big_catalogue(2000)
    f = CountingFilter("True")
    # 500 in the category, 200 must-read: the flag index is the smaller start
    result = select(catalogue, Query(categories=("data",), flags=("must-read",), filter=f))  # type: ignore[arg-type]
    assert len(f.seen) == len(result) == 100
    g = CountingFilter("True")
    result = select(catalogue, Query(types=("paper",), categories=("data",), filter=g))  # type: ignore[arg-type]
    assert len(g.seen) == len(result) == 167


def test_identical_queries_are_answered_from_the_cache() -> None:
    catalogue = big_catalogue(400)
    f = CountingFilter("year >= 2010")
    query = Query(categories=("training",), filter=f)  # type: ignore[arg-type]
    first = select(catalogue, query)
    for _ in range(20):
        again = select(catalogue, Query(categories=("training",), filter=f))  # type: ignore[arg-type]
        assert again == first
        again.clear()  # callers get their own list
    assert len(f.seen) == 100
    assert select(catalogue, query) == first


# -- name resolution for callers that warn and go on ------------------------------------


def test_resolve_categories(cat: Catalogue) -> None:
    slugs, errors = resolve_categories(
        cat, ["Deployment and Operation", "data", "ops", "deploymnet"], Location("a.rst", 3)
    )
    assert slugs == ["deployment", "data"]
    assert len(errors) == 1
    err = errors[0]
    assert isinstance(err, UnknownNameError)
    assert err.name == "deploymnet"
    assert err.suggestions[0] == "deployment"
    assert err.location == Location("a.rst", 3)
    assert str(err).startswith("a.rst:3: unknown category 'deploymnet'")


def test_resolve_flags(cat: Catalogue) -> None:
    slugs, errors = resolve_flags(cat, ["Must-read", "academic", "mustread", "zzz"])
    assert slugs == ["must-read", "scientific"]
    assert [e.name for e in errors] == ["mustread", "zzz"]
    assert errors[0].suggestions == ["must-read"]
    assert errors[1].suggestions == []
    assert "valid flags: must-read, scientific" in errors[1].message


def test_resolve_types(cat: Catalogue) -> None:
    slugs, errors = resolve_types(cat, ["Paper", "book", "tool", "podcast"])
    assert slugs == ["paper", "book", "tool"]  # book: a known type though unused
    assert [e.name for e in errors] == ["podcast"]
    custom = Catalogue(CATEGORIES, FLAGS, [entry("p", "data", type="podcast")])
    assert resolve_types(custom, ["podcast"]) == (["podcast"], [])


@pytest.mark.parametrize(
    ("argument", "names"),
    [
        ("deployment", ["deployment"]),
        ("Deployment and Operation", ["Deployment and Operation"]),
        ("  deployment   data ", ["deployment", "data"]),
        ("deployment, data", ["deployment", "data"]),
        (
            "Deployment and Operation, Data Management",
            ["Deployment and Operation", "Data Management"],
        ),
        ("deployment,,data,", ["deployment", "data"]),
        ("Data Management training", ["Data Management", "training"]),
        ("data Deployment and Operation", ["data", "Deployment and Operation"]),
        ("deploymnet data", ["deploymnet", "data"]),
        ("Unknown Words Here", ["Unknown", "Words", "Here"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_names(cat: Catalogue, argument: str, names: list[str]) -> None:
    assert split_names(argument, category_index(cat)) == names


# -- by key: bibliographies' short lists ---------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        Query(),
        Query(categories=("deployment", "data")),
        Query(flags=("must-read", "scientific")),
        Query(flags=("scientific",), types=("paper", "blog")),
        Query(types=("other",)),
        Query(filter=compile_filter("year is None or year < 2019")),
        Query(categories=("overviews",), flags=("nope",)),
    ],
    ids=["all", "categories", "flags", "flag+types", "type", "filter", "unknown flag"],
)
def test_matching_keys_agrees_with_matches(cat: Catalogue, query: Query) -> None:
    given = ["d3", "o1", "t1", "a1", "d2", "o2", "d1"]  # any order: kept as given
    expected = [k for k in given if matches(query, cat.entries[k])]
    assert matching_keys(cat, query, given) == expected


@pytest.mark.parametrize("sort", SORTS)
def test_in_order_sorts_keys_as_select_does(cat: Catalogue, sort: str) -> None:
    everything = keys(select(cat, Query(sort=sort)))
    some = ["d2", "o1", "a1"]
    assert in_order(cat, some, sort) == [k for k in everything if k in some]

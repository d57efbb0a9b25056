"""The catalogue as nested sections (``seml-catalogue``'s page): grouped in one pass."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue import outline as outline_module
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry
from sphinxext_seml.catalogue.outline import Section, outline
from sphinxext_seml.catalogue.query import Query, select

CATEGORIES = [
    Category("tools", "Tools", order=0),
    Category("serving", "Serving", order=1, parent="tools"),
    Category("hosted", "Hosted", order=2, parent="serving"),
    Category("papers", "Papers", order=3),
    Category("empty", "Empty", order=4),
]


def entry(key: str, category: str, **fields: object) -> Entry:
    return Entry(key=key, title=key, url=f"https://example.org/{key}", category=category, **fields)  # type: ignore[arg-type]


CATALOGUE = Catalogue(
    CATEGORIES,
    (),
    [
        entry("h1", "hosted", year=2020),
        entry("t1", "tools", year=2019),
        entry("p1", "papers", year=2015),
        entry("s1", "serving", year=2018),
        entry("t2", "tools", year=2021),
    ],
)


def shape(sections: list[Section]) -> list[object]:
    return [
        (s.category.slug, [e.key for e in s.entries], shape(list(s.children))) for s in sections
    ]


def test_sections_nest_by_parent_in_category_order() -> None:
    assert shape(outline(CATALOGUE, Query())) == [
        ("tools", ["t1", "t2"], [("serving", ["s1"], [("hosted", ["h1"], [])])]),
        ("papers", ["p1"], []),
    ]


def test_a_parent_is_kept_for_a_subsection_with_entries() -> None:
    query = Query(filter=None, sort="-year", limit=1)
    assert shape(outline(CATALOGUE, query)) == [
        ("tools", ["t2"], [("serving", ["s1"], [("hosted", ["h1"], [])])]),
        ("papers", ["p1"], []),
    ]
    only_hosted = Catalogue(CATEGORIES, (), [entry("h1", "hosted")])
    assert shape(outline(only_hosted, Query())) == [
        ("tools", [], [("serving", [], [("hosted", ["h1"], [])])])
    ]


def test_one_query_for_the_whole_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Query] = []

    def counting(catalogue: Catalogue, query: Query) -> list[Entry]:
        calls.append(query)
        return select(catalogue, query)

    monkeypatch.setattr(outline_module, "select", counting)
    outline(CATALOGUE, Query(limit=2))
    assert len(calls) == 1


def test_a_cycle_of_parents_loses_no_section() -> None:
    cycle = Catalogue(
        [Category("a", "A", order=0, parent="b"), Category("b", "B", order=1, parent="a")],
        (),
        [entry("x", "a"), entry("y", "b")],
    )
    assert shape(outline(cycle, Query())) == [("a", ["x"], [("b", ["y"], [])])]

"""The one query builder of the directives and the command line (``catalogue/selection.py``)."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.model import Catalogue
from sphinxext_seml.catalogue.query import index_for
from sphinxext_seml.catalogue.selection import (
    SelectionOption,
    SelectionRequest,
    build_query,
    split_name_texts,
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_builtin()


def problems(cat: Catalogue, **request: object) -> list[tuple[SelectionOption, str]]:
    built = build_query(cat, SelectionRequest(**request))  # type: ignore[arg-type]
    return [(p.option, p.message) for p in built.problems]


# -- splitting names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "names"),
    [
        (["must-read scientific"], ["must-read", "scientific"]),
        (["must-read, scientific"], ["must-read", "scientific"]),
        (["must-read", "scientific"], ["must-read", "scientific"]),
        (["Must read"], ["Must read"]),  # a label written with a space is one name
        (["must-read nonsense"], ["must-read", "nonsense"]),
        ([" , "], []),
    ],
)
def test_flag_names_split_like_category_names(
    cat: Catalogue, texts: list[str], names: list[str]
) -> None:
    assert split_name_texts(texts, index_for(cat).flags) == names


def test_commas_then_known_runs(cat: Catalogue) -> None:
    index = index_for(cat).categories
    assert split_name_texts(["Deployment and Operation, data governance"], index) == [
        "Deployment and Operation",
        "data",
        "governance",
    ]


# -- what an unknown name does -----------------------------------------------------------------


def test_an_unknown_flag_matches_nothing(cat: Catalogue) -> None:
    built = build_query(cat, SelectionRequest(flags=("must-read nonsense",)))
    assert not built.ok
    assert built.query.flags == ("must-read",)
    assert [p.option for p in built.problems] == [SelectionOption.FLAG]
    assert built.problems[0].message.startswith("unknown flag 'nonsense'")


def test_an_unknown_type_beside_a_known_one_still_lists(cat: Catalogue) -> None:
    built = build_query(cat, SelectionRequest(types=("paper papper",)))
    assert built.ok
    assert built.query.types == ("paper",)
    assert [p.message for p in built.problems] == ["unknown type 'papper'; did you mean 'paper'?"]


@pytest.mark.parametrize("field", ["categories", "types"])
def test_only_unknown_names_match_nothing(cat: Catalogue, field: str) -> None:
    built = build_query(cat, SelectionRequest(**{field: ("nonsense",)}))  # type: ignore[arg-type]
    assert not built.ok
    assert len(built.problems) == 1


def test_every_problem_in_option_order(cat: Catalogue) -> None:
    got = problems(
        cat,
        categories=("datta",),
        flags=("sientific",),
        types=("papr",),
        filter="year >=",
        sort="newest",
        limit="0",
    )
    assert [option for option, _ in got] == list(SelectionOption)
    assert got[0][1] == "unknown category 'datta'; did you mean 'data'?"


def test_a_valid_request(cat: Catalogue) -> None:
    built = build_query(
        cat,
        SelectionRequest(
            categories=("Deployment and Operation",),
            flags=("Must read",),
            filter="year >= 2019",
            sort=" -Year ",
            limit="3",
        ),
    )
    assert (built.problems, built.ok) == ((), True)
    query = built.query
    assert (query.categories, query.flags, query.sort, query.limit) == (
        ("deployment",),
        ("must-read",),
        "-year",
        3,
    )
    assert query.filter is not None


# -- filters, sorts and limits -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "written"), [(":{}:", "invalid :filter:"), ("--{}", "invalid --filter")]
)
def test_a_bad_filter_is_named_as_the_front_end_spells_it(
    cat: Catalogue, spelling: str, written: str
) -> None:
    built = build_query(cat, SelectionRequest(filter="year >=", spelling=spelling))
    assert not built.ok
    assert built.problems[0].message == f"{written} 'year >=': invalid syntax (at column 8)"


def test_a_filter_over_lines_is_quoted_on_one_line_its_column_in_it(cat: Catalogue) -> None:
    (problem,) = build_query(cat, SelectionRequest(filter="year >= 2019\nand")).problems
    assert problem.message == "invalid :filter: 'year >= 2019 and': invalid syntax (at column 17)"


def test_a_bad_sort_or_limit_keeps_the_default(cat: Catalogue) -> None:
    built = build_query(cat, SelectionRequest(sort="newest", limit="many"))
    assert built.ok
    assert (built.query.sort, built.query.limit) == ("catalogue", None)
    assert [p.option for p in built.problems] == [SelectionOption.SORT, SelectionOption.LIMIT]


def test_extra_sorts_are_left_to_the_caller(cat: Catalogue) -> None:
    extra = ("cited", "author")
    built = build_query(cat, SelectionRequest(limit="2", extra_sorts=extra))
    assert (built.sort, built.limit) == ("cited", 2)
    assert (built.query.sort, built.query.limit) == ("catalogue", None)
    built = build_query(cat, SelectionRequest(sort="Author", extra_sorts=extra))
    assert built.sort == "author"
    built = build_query(cat, SelectionRequest(sort="year", limit="2", extra_sorts=extra))
    assert (built.query.sort, built.query.limit) == ("year", 2)
    (problem,) = build_query(cat, SelectionRequest(sort="x", extra_sorts=extra)).problems
    assert problem.message.endswith(" (or cited, author)")

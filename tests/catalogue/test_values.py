"""The single-value checks shared by validation and the importers."""

from __future__ import annotations

import datetime

import pytest

from sphinxext_seml.catalogue.values import kind_of, url_problem


@pytest.mark.parametrize(
    ("value", "integers", "word"),
    [
        (None, True, "empty"),
        (True, True, "a boolean"),
        (True, False, "a boolean"),
        (3, True, "an integer"),
        (3, False, "a number"),
        (2.5, True, "a number"),
        ("x", True, "a string"),
        ([], True, "a list"),
        ({}, True, "a mapping"),
        (datetime.date(2020, 1, 1), True, "a date or time"),
        (datetime.datetime(2020, 1, 1), True, "a date or time"),
        (datetime.time(12), True, "a date or time"),
        (b"x", True, "a bytes"),
    ],
)
def test_kind_of(value: object, integers: bool, word: str) -> None:
    assert kind_of(value, integers=integers) == word


@pytest.mark.parametrize(
    ("url", "code", "start"),
    [
        ("https://a b", "invalid_field", "contains spaces"),
        ("javascript:a b", "invalid_field", "contains spaces"),  # characters first
        ("http:\\\\a", "invalid_field", "contains a backslash"),
        ("www.a.example", "unsafe_url", "is not an absolute URL"),
        ("javascript:alert(1)", "unsafe_url", "uses the scheme 'javascript:'"),
        ("https:/a", "invalid_field", "has no host name"),
        ("doi:11.1/x", "invalid_field", "is not a DOI"),
        ("mailto:", "invalid_field", "is incomplete"),
    ],
)
def test_url_problem_reasons_in_order(url: str, code: str, start: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert problem[0] == code
    assert problem[1].startswith(start)


@pytest.mark.parametrize("url", ["https://a.example/x", "mailto:a@b.example", "doi:10.1234/x"])
def test_url_problem_accepts(url: str) -> None:
    assert url_problem(url) is None

"""The scanner of a citation role's text (``ext/citesyntax.py``): keys with notes in
sphinxcontrib-bibtex's syntax, locators, and the columns of mistakes."""

from __future__ import annotations

import pytest

from sphinxext_seml.ext.citesyntax import CiteItem, CiteSyntaxError, parse_citation, parse_locator


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("a", [CiteItem("a")]),
        ("{see}a{p. 3}", [CiteItem("a", "see", "p. 3")]),
        ("{see}a{p. 3}, b{ch. 2}", [CiteItem("a", "see", "p. 3"), CiteItem("b", "", "ch. 2")]),
        (" {see also} a ; b ", [CiteItem("a", "see also"), CiteItem("b")]),
        ("a,,b,", [CiteItem("a"), CiteItem("b")]),
        ("{for example, see}x{pp. 3, 7}", [CiteItem("x", "for example, see", "pp. 3, 7")]),
        ("{a {nested} note}x", [CiteItem("x", "a {nested} note")]),
        ("1987:nelson{fig. 2}", [CiteItem("1987:nelson", "", "fig. 2")]),
        ("", []),
        (" , ", []),
    ],
)
def test_items(text, items) -> None:
    assert parse_citation(text) == items


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("a{p. 3", "unclosed '{' in a note", 1),
        ("{see a", "unclosed '{' in a note", 0),
        ("a b", "unexpected 'b' after the key 'a' (separate keys with commas)", 2),
        ("a}", "unexpected '}' without '{' after the key 'a' (separate keys with commas)", 1),
        ("{see}", "an entry key is missing", 5),
        ("x, {see}{p. 3}", "an entry key is missing", 8),
    ],
)
def test_mistakes_have_a_column(text, message, column) -> None:
    with pytest.raises(CiteSyntaxError) as caught:
        parse_citation(text)
    assert (caught.value.message, caught.value.column) == (message, column)


@pytest.mark.parametrize(
    ("note", "locator"),
    [
        ("p. 3", ("page", "3")),
        ("pp. 4-5", ("page", "4-5")),
        ("p 12", ("page", "12")),
        ("12", ("page", "12")),
        ("3–7", ("page", "3–7")),
        ("ch. 2", ("chapter", "2")),
        ("Chapter 11", ("chapter", "11")),
        ("sec. 1.2", ("section", "1.2")),
        ("§ 4", ("section", "4")),
        ("fig. 4", ("figure", "4")),
        ("and elsewhere", None),
        ("vol. 2", None),
        ("p.", None),
        ("", None),
    ],
)
def test_locators(note, locator) -> None:
    assert parse_locator(note) == locator

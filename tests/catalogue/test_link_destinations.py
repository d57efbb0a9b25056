"""The README reader's link-destination scanner gives markdown-it-py's own results."""

from __future__ import annotations

import random

import pytest
from markdown_it import helpers

from sphinxext_seml.catalogue.awesome.destinations import parse_link_destination
from sphinxext_seml.catalogue.awesome.parser import make_markdown


def _both(text: str, pos: int, maximum: int) -> tuple[object, object]:
    mine = parse_link_destination(text, pos, maximum)
    theirs = helpers.parseLinkDestination(text, pos, maximum)
    return (mine.ok, mine.pos, mine.str), (theirs.ok, theirs.pos, theirs.str)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "https://github.com/mlflow/mlflow)",
        "https://en.wikipedia.org/wiki/Foo_(bar)) rest",
        "a\\)b) c",
        "a\\ b)",
        "a\\",
        "<https://example.com/a b>",
        "<a<b>",
        "",
        ")",
        "a" + "(" * 33 + ")" * 33,
        "a" + "(" * 32 + ")" * 32 + ")",
        "a(b",
        "é日\x85\xa0)",
        "a\x7fb)",
        "a\tb)",
    ],
)
def test_same_as_markdown_it(text: str) -> None:
    mine, theirs = _both(text, 0, len(text))
    assert mine == theirs


def test_same_as_markdown_it_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = "ab\\() \t\n\x00\x7f\x1f<>é日\x85\xa0%"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pos = rng.randint(0, len(text))
        maximum = rng.randint(pos, len(text))
        mine, theirs = _both(text, pos, maximum)
        assert mine == theirs, (text, pos, maximum)


def test_links_read_as_markdown_it_reads_them() -> None:
    text = "- [A](https://a.example/x_(y)) - [B](<https://b.example/c d>) [C](d\\)e)\n"
    stock = make_markdown()
    stock.helpers = helpers  # type: ignore[assignment]
    assert make_markdown().parse(text) == stock.parse(text)

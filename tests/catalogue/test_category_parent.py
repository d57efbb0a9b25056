"""The optional ``parent`` of a category (issue 12): every format reads and writes it,
the schema knows it, and the tree is checked (a located problem, never a crash)."""

from __future__ import annotations

import json

import pytest

from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry
from sphinxext_seml.catalogue.schema import load_schema
from sphinxext_seml.catalogue.validation.parents import checked_parents

TREE = Catalogue(
    [
        Category("tools", "Tools", order=0),
        Category("python", "Python", order=1, parent="tools"),
    ],
    [],
    [Entry("a", "A", "https://a.example.org", "python")],
)


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_every_format_keeps_the_parent(fmt: str) -> None:
    text = dump_native(TREE, fmt)
    again = load_text(text, f"c.{fmt}", fmt)
    assert again.problems == []
    assert list(again.catalogue.categories.values()) == list(TREE.categories.values())
    # A top-level category writes no parent.
    assert text.count("parent") == 1


def test_schema_lists_parent() -> None:
    schema = load_schema()
    prop = schema["$defs"]["category"]["properties"]["parent"]
    assert prop["$ref"] == "#/$defs/slug"


def test_cycles_and_bad_parents_are_located_problems() -> None:
    categories = [
        {"slug": "a", "title": "A", "parent": "b"},
        {"slug": "b", "title": "B", "parent": "a"},
        {"slug": "c", "title": "C", "parent": "c"},
        {"slug": "d", "title": "D", "parent": "Not a slug"},
        {"slug": "e", "title": "E", "parent": "elsewhere"},
    ]
    text = '{"categories": [\n' + ",\n".join(map(json.dumps, categories)) + "\n]}"
    result = load_text(text, "c.json", "json")
    found = [(p.location.line, p.code) for p in result.problems]
    assert found == [(2, "invalid_field"), (4, "invalid_field"), (5, "invalid_field")]
    assert "cycle (a -> b -> a)" in result.problems[0].message
    parents = {c.slug: c.parent for c in result.catalogue.categories.values()}
    # One parent of the cycle is cleared, which breaks it; a parent this file does not
    # define may come from another catalogue and is kept until the merge.
    assert parents == {"a": "", "b": "a", "c": "", "d": "", "e": "elsewhere"}

    kept, problems = checked_parents(result.catalogue.categories)
    assert kept["e"].parent == ""
    assert [p.code for p in problems] == ["unknown_category"]

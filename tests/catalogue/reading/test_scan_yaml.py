"""The YAML builder on PyYAML's event stream, on its own."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.reading.raw import MAX_DEPTH, Malformed
from sphinxext_seml.catalogue.reading.scan_yaml import read_yaml, scan_yaml, yaml_bytes_ok

TEXT = """\
categories:
  - slug: data
    title: Data
entries:
  - key: a
    year: 2019
    tags: [x,
           y]
    summary: >
      folded
      text
  - key: "b"
    flags:
      - must-read
"""


def test_data_is_what_safe_load_gives_with_lines() -> None:
    data, lines, duplicates = scan_yaml(TEXT)
    assert duplicates == []
    assert data == {
        "categories": [{"slug": "data", "title": "Data"}],
        "entries": [
            {"key": "a", "year": 2019, "tags": ["x", "y"], "summary": "folded text\n"},
            {"key": "b", "flags": ["must-read"]},
        ],
    }
    assert lines.get(("categories", 0, "slug")) == 2
    assert lines.get(("entries", 0)) == 5
    assert lines.get(("entries", 0, "year")) == 6
    assert lines.get(("entries", 0, "tags", 1)) == 8
    assert lines.get(("entries", 1, "flags", 0)) == 14


def test_bytes_and_text_give_the_same_result() -> None:
    data, lines, _ = scan_yaml(TEXT.encode())
    assert data == scan_yaml(TEXT)[0]
    assert lines.get(("entries", 1, "flags", 0)) == 14


def test_duplicate_keys_are_reported() -> None:
    raw = read_yaml("entries:\n  - key: a\n    key: b\n", "c.yaml")
    [problem] = raw.problems
    assert (problem.code, problem.location.line) == ("duplicate_field", 3)
    assert "(first at line 2)" in problem.message


def test_aliases_are_refused() -> None:
    with pytest.raises(Malformed) as info:
        read_yaml("a: &x [1]\nb: *x\n", "c.yaml")
    assert info.value.line == 2
    assert "alias" in info.value.message


def test_syntax_error_is_located() -> None:
    with pytest.raises(Malformed) as info:
        read_yaml("entries:\n  - key: [a\nb: 1\n", "c.yaml")
    assert info.value.line == 3
    assert info.value.message == (
        "invalid YAML: while parsing a flow sequence started at line 2:"
        " did not find expected ',' or ']' (column 2)"
    )


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    with pytest.raises(Malformed) as info:
        read_yaml(text, "c.yaml")
    assert info.value.line == 1
    assert "nested more than" in info.value.message


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        (b"entries: []\n", True),
        (b"   \n", False),  # blank: the text path says so
        (b"\xef\xbb\xbfentries: []\n", False),  # a BOM is normalised on the text path
        (b"a: 1\r\n", False),
        (b"a: \xff\n", False),  # not UTF-8
    ],
)
def test_yaml_bytes_ok_sends_anything_unusual_to_the_text_path(raw: bytes, ok: bool) -> None:
    from sphinxext_seml.catalogue.reading import scan_yaml as module

    expected = ok and module.YAML_PARSER is not module.yaml.SafeLoader
    assert yaml_bytes_ok(raw) is expected

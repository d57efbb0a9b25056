"""The JSON line scanner on its own: the lines json.loads does not report."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.reading.raw import MAX_DEPTH, MAX_DIGITS, Malformed
from sphinxext_seml.catalogue.reading.scan_json import parse_json, read_json, scan_json

TEXT = """{
  "entries": [
    {"key": "a",
     "url": "https://a.example"},

    {
      "key": "b\\u00e9", "tags": ["x",
                                 "y"]
    }
  ]
}
"""


def test_every_key_and_item_has_its_line() -> None:
    lines, duplicates = scan_json(TEXT)
    assert duplicates == []
    assert lines.get(()) == 1
    assert lines.get(("entries",)) == 2
    assert lines.get(("entries", 0)) == 3
    assert lines.get(("entries", 0, "key")) == 3
    assert lines.get(("entries", 0, "url")) == 4
    assert lines.get(("entries", 1)) == 6
    assert lines.get(("entries", 1, "key")) == 7
    assert lines.get(("entries", 1, "tags", 0)) == 7
    assert lines.get(("entries", 1, "tags", 1)) == 8


def test_an_unrecorded_value_falls_back_to_its_closest_ancestor() -> None:
    lines, _ = scan_json(TEXT)
    assert lines.line(("entries", 1, "missing", 3)) == 6


def test_escaped_keys_are_decoded() -> None:
    lines, _ = scan_json('{\n"k\\u00e9y": 1}')
    assert lines.get(("k\u00e9y",)) == 2


def test_strings_with_brackets_and_escaped_quotes_do_not_confuse_it() -> None:
    text = '[\n"a ] \\" {",\n{"b": "[x]"},\n3\n]'
    lines, _ = scan_json(text)
    assert [lines.get((i,)) for i in range(3)] == [2, 3, 4]
    assert lines.get((1, "b")) == 3


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    raw = read_json('{"entries": [\n{"key": "a",\n "key": "b"}]}', "c.json")
    assert raw.data == {"entries": [{"key": "b"}]}
    [problem] = raw.problems
    assert problem.code == "duplicate_field"
    assert problem.location.line == 3
    assert "field 'entries[1].key' is given twice (first at line 2)" in problem.message


def test_syntax_error_is_located() -> None:
    with pytest.raises(Malformed) as info:
        parse_json('{\n"a": 1,\n}')
    assert info.value.line == 3
    assert info.value.message.startswith("invalid JSON: ")


def test_nesting_deeper_than_the_limit_is_refused_at_its_line() -> None:
    text = "[\n" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    with pytest.raises(Malformed) as info:
        scan_json(text)
    assert info.value.line == MAX_DEPTH + 1
    assert "nested more than 64 levels" in info.value.message


def test_a_number_too_long_to_convert_is_located() -> None:
    text = '{"a":\n' + "1" * (MAX_DIGITS + 1) + "}"
    with pytest.raises(Malformed) as info:
        parse_json(text)
    assert info.value.line == 2
    assert f"a number with {MAX_DIGITS + 1} digits is too long" in info.value.message

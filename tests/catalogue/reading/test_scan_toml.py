"""The TOML line scanner on its own: the lines tomllib does not report."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.reading.raw import MAX_DEPTH, Malformed
from sphinxext_seml.catalogue.reading.scan_toml import read_toml, scan_toml

TEXT = '''# a comment with [brackets] and = signs
[[categories]]
slug = "data"
title = """a
multi-line = "title"
"""

[[entries]]
key = "a"
tags = [
  "x", # comment
  "y",
]
author.name = "Ada"

[[entries]]
key = 'b'
'''


def test_tables_keys_and_array_items_have_their_lines() -> None:
    lines = scan_toml(TEXT)
    assert lines.get(("categories", 0)) == 2
    assert lines.get(("categories", 0, "slug")) == 3
    assert lines.get(("categories", 0, "title")) == 4
    assert lines.get(("entries", 0)) == 8
    assert lines.get(("entries", 0, "key")) == 9
    assert lines.get(("entries", 0, "tags", 0)) == 11
    assert lines.get(("entries", 0, "tags", 1)) == 12
    assert lines.get(("entries", 0, "author", "name")) == 14
    assert lines.get(("entries", 1, "key")) == 17


def test_read_toml_returns_the_data_with_its_lines() -> None:
    raw = read_toml(TEXT, "c.toml")
    assert raw.data["entries"][1] == {"key": "b"}  # type: ignore[index]
    assert raw.problems == []
    assert raw.lines.line(("entries", 1, "url")) == 16


def test_syntax_error_is_located_with_its_column() -> None:
    with pytest.raises(Malformed) as info:
        read_toml('a = 1\nb = "unterminated\n', "c.toml")
    assert info.value.line == 2
    assert info.value.message.startswith("invalid TOML: ")
    assert "(column " in info.value.message


def test_a_dotted_key_longer_than_the_depth_limit_is_refused() -> None:
    text = "x = 1\n" + ".".join(["k"] * (MAX_DEPTH + 1)) + " = 1\n"
    with pytest.raises(Malformed) as info:
        read_toml(text, "c.toml")
    assert info.value.line == 2
    assert f"more than {MAX_DEPTH} parts" in info.value.message

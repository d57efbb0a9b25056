"""Writing catalogues in the native format, and loading them back unchanged."""

from __future__ import annotations

import json
import tomllib

import pytest
import yaml

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.dump import catalogue_data, dump_native
from sphinxext_seml.catalogue.errors import CatalogueError
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.model import ENTRY_FIELDS, OTHERS, Catalogue, Category, Entry, Flag

FORMATS = ["yaml", "json", "toml"]

SAMPLE = Catalogue(
    [
        Category(
            "runbooks", "Runbooks", "How we deploy.\n\nAnd roll back.", ("ops", "on-call"), 100
        ),
        Category("papers", "Internal Papers", order=0),
    ],
    [
        Flag("internal", "Internal", "🔒", "Only on the company network.", ("private",)),
        Flag("must-read", "Must-read", "⭐️"),
    ],
    [
        Entry(
            key="crespo2015debt",
            title='Hidden "Debt": a <b>tale</b> of \\ and & and # and: colons',
            url="https://example.org/a?b=1&c=%20#frag",
            category="papers",
            flags=("must-read", "internal"),
            type="paper",
            authors=("Jean-François Crespo", "D. Sculley", OTHERS),
            year=2015,
            venue="NIPS 2015, pp. 2503-2511",
            doi="10.1109/ICSE-SEIP.2019.00042",
            summary="Spark’s “naïve” 日本語 summary 🎓 with emoji.",
            tags=("debt", "tech debt"),
            archived_url="https://web.archive.org/web/2020/https://example.org/a",
            markdown="[**A**](https://example.org/a) – As written.",
            summary_from="own",
            repository="https://github.com/example/debt",
            licence="Apache-2.0",
            arxiv="1501.00001",
            aliases=("hiddendebt", "crespo-2015"),
            former_urls=("https://example.org/old-a",),
        ),
        Entry("minimal", "Minimal", "https://example.org/m", "runbooks"),
        Entry("yes", "yes", "https://example.org/no", "runbooks", type="tool", summary="123"),
        Entry("nullish", "null", "https://example.org/null", "runbooks", summary="- [x]: ~"),
    ],
)


def same(a: Catalogue, b: Catalogue) -> None:
    """Catalogues are equal field by field (``Catalogue`` itself has no ``==``)."""
    assert list(a.categories.values()) == list(b.categories.values())
    assert list(a.flags.values()) == list(b.flags.values())
    assert list(a) == list(b)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(fmt: str) -> None:
    text = dump_native(SAMPLE, fmt)
    result = load_text(text, f"sample.{fmt}", fmt)
    assert result.problems == []
    same(result.catalogue, SAMPLE)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_of_builtin_catalogue(fmt: str) -> None:
    builtin = load_builtin()
    result = load_text(dump_native(builtin, fmt), f"seml.{fmt}", fmt)
    assert result.problems == []
    same(result.catalogue, builtin)


@pytest.mark.parametrize("fmt", FORMATS)
def test_deterministic_and_unicode_kept(fmt: str) -> None:
    text = dump_native(SAMPLE, fmt)
    assert text == dump_native(SAMPLE, fmt)
    assert text.endswith("\n")
    for word in ("Jean-François", "Spark’s", "“naïve”", "日本語", "🎓", "🔒", "⭐️"):
        assert word in text
    assert "\\u" not in text
    assert "\\U" not in text


def test_field_order_and_empty_fields_left_out() -> None:
    data = catalogue_data(SAMPLE)
    assert list(data) == ["categories", "flags", "entries"]
    full, minimal = data["entries"][0], data["entries"][1]
    assert list(full) == [
        *("key", "title", "url", "category", "flags", "type", "authors", "year", "venue"),
        *("doi", "summary", "tags", "archived_url", "markdown", "summary_from", "repository"),
        *("licence", "arxiv", "aliases", "former_urls"),
    ]
    assert list(full) == list(ENTRY_FIELDS)
    assert minimal == {
        "key": "minimal",
        "title": "Minimal",
        "url": "https://example.org/m",
        "category": "runbooks",
        "type": "other",
    }
    assert data["categories"][1] == {"slug": "papers", "title": "Internal Papers", "order": 0}
    assert data["flags"][1] == {"slug": "must-read", "label": "Must-read", "emoji": "⭐️"}
    # Catalogue order, not sorted.
    assert [e["key"] for e in data["entries"]] == ["crespo2015debt", "minimal", "yes", "nullish"]


def test_empty_top_level_lists_left_out() -> None:
    only = Catalogue(entries=[Entry("k", "T", "https://example.org", "c")])
    assert list(catalogue_data(only)) == ["entries"]
    assert dump_native(Catalogue(), "toml") == ""
    assert json.loads(dump_native(Catalogue(), "json")) == {}


def test_yaml_layout() -> None:
    text = dump_native(SAMPLE, "yaml")
    assert "categories:\n  - slug: runbooks\n" in text
    assert "    aliases: [ops, on-call]\n" in text
    assert "    flags: [must-read, internal]\n" in text
    assert "    description: |-\n      How we deploy.\n\n      And roll back.\n" in text
    assert "    authors:\n      - Jean-François Crespo\n" in text
    # Strings YAML would read as other types are quoted.
    assert yaml.safe_load(text)["entries"][2]["title"] == "yes"
    assert yaml.safe_load(text)["entries"][2]["summary"] == "123"
    assert yaml.safe_load(text)["entries"][3]["title"] == "null"


def test_toml_is_valid_and_escaped() -> None:
    text = dump_native(SAMPLE, "toml")
    data = tomllib.loads(text)
    assert data == json.loads(dump_native(SAMPLE, "json"))
    assert '[[entries]]\nkey = "crespo2015debt"\n' in text
    assert 'description = "How we deploy.\\n\\nAnd roll back."' in text
    control = Catalogue(entries=[Entry("k", "a\x01b\x7fc", "https://example.org", "c")])
    assert tomllib.loads(dump_native(control, "toml"))["entries"][0]["title"] == "a\x01b\x7fc"


def test_format_names() -> None:
    assert dump_native(SAMPLE, ".YAML") == dump_native(SAMPLE, "yml") == dump_native(SAMPLE)
    with pytest.raises(CatalogueError, match="cannot write catalogues as 'bib'"):
        dump_native(SAMPLE, "bib")

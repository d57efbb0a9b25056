"""Links inside descriptions (issue 12, item 5): kept as summary links in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome import dump_awesome, parse_awesome
from sphinxext_seml.catalogue.csljson import dump_csl_json
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.summaries import SummaryLink, summary_parts, summary_plain
from sphinxext_seml.cli import main

README = """\
# Awesome Links

## Tools

- [Foo](https://foo.example.org/) - Uses [Bar](https://bar.example.org/v) for x.
- [Esc](https://esc.example.org/) - Shows \\[Bar\\](https://bar.example.org/v) as text [1].
- [Rel](https://rel.example.org/) - See [the docs](docs/x.md) and [mail us](mailto:a@example.org).
"""


@pytest.fixture(scope="module")
def summaries() -> dict[str, str | None]:
    result = parse_awesome(README, "README.md")
    assert result.problems == []
    return {e.title: e.summary for e in result.catalogue}


def test_links_in_descriptions_are_kept(summaries: dict[str, str | None]) -> None:
    assert summaries["Foo"] == "Uses [Bar](https://bar.example.org/v) for x."
    # A relative link is no absolute URL: its text only, as before.
    assert summaries["Rel"] == "See the docs and [mail us](mailto:a@example.org)."


def test_escaped_brackets_stay_text(summaries: dict[str, str | None]) -> None:
    summary = summaries["Esc"]
    assert summary is not None
    assert summary_parts(summary) == ["Shows [Bar](https://bar.example.org/v) as text [1]."]
    assert summary_parts("Uses [Bar](https://b.example/) [x](javascript:alert(1)).") == [
        "Uses ",
        SummaryLink("Bar", "https://b.example/"),
        " [x](javascript:alert(1)).",
    ]


def test_markdown_export_writes_the_links_back(summaries: dict[str, str | None]) -> None:
    catalogue = parse_awesome(README, "README.md").catalogue
    text = dump_awesome(catalogue)
    foo = "- [Foo](https://foo.example.org/) - Uses [Bar](https://bar.example.org/v) for x.\n"
    assert foo in text
    assert "- [Esc](https://esc.example.org/) - Shows \\[Bar\\](https://bar.example.org/v)" in text
    again = {e.title: e.summary for e in parse_awesome(text, "again.md").catalogue}
    assert again == summaries


def test_native_formats_keep_the_links(summaries: dict[str, str | None]) -> None:
    catalogue = parse_awesome(README, "README.md").catalogue
    for fmt in ("yaml", "json", "toml"):
        back = load_text(dump_native(catalogue, fmt), f"c.{fmt}", fmt).catalogue
        assert {e.title: e.summary for e in back} == summaries


def test_bibtex_and_csl_json_get_plain_text() -> None:
    catalogue = parse_awesome(README, "README.md").catalogue
    items = {i["title"]: i for i in json.loads(dump_csl_json(catalogue))}
    assert items["Foo"]["abstract"] == "Uses Bar (https://bar.example.org/v) for x."
    assert items["Esc"]["abstract"] == "Shows [Bar](https://bar.example.org/v) as text [1]."
    assert summary_plain("[https://a.example/](https://a.example/)") == "https://a.example/"


def test_bibtex_abstract_is_plain_text() -> None:
    pytest.importorskip("pybtex")
    from sphinxext_seml.catalogue.bibtex import dump_bibtex

    catalogue = parse_awesome(README, "README.md").catalogue
    bib = dump_bibtex(catalogue)
    assert "Uses Bar (https://bar.example.org/v) for x." in bib


def test_show_and_list_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    base = ["--no-builtin", "--catalogue", str(readme)]
    assert main([*base, "show", "foo"]) == 0
    out = capsys.readouterr().out
    assert "summary:" in out
    assert "Uses Bar <https://bar.example.org/v> for x." in out
    assert main([*base, "list", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Uses [Bar](https://bar.example.org/v) for x." in out

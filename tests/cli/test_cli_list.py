"""``seml list``: selection, name resolution, every output format, errors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.query import Query, select
from sphinxext_seml.cli import main

HANDBOOK = """\
categories:
  - slug: runbooks
    title: Runbooks
    description: How we operate our models.
    aliases: [ops-guides]
flags:
  - slug: internal
    label: Internal
    emoji: "🏢"
entries:
  - key: acme-rollback
    title: Rolling back a model
    url: https://wiki.example.com/rollback
    category: runbooks
    flags: [internal, must-read]
    type: guide
    year: 2023
    summary: How to roll back in five minutes.
  - key: acme-canary
    title: Canary releases at ACME
    url: https://wiki.example.com/canary
    category: Deployment and Operation
    flags: [Internal]
    type: guide
    year: 2021
    authors: ["Doe, Jane"]
"""

HAS_PYBTEX = importlib.util.find_spec("pybtex") is not None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    path = tmp_path / "handbook.yaml"
    path.write_text(HANDBOOK, encoding="utf-8")
    return path


def keys_of(text: str) -> list[str]:
    return [line.split()[0] for line in text.splitlines()]


# --------------------------------------------------------------------------- text


def test_list_everything_in_catalogue_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0
    assert err == ""
    expected = [e.key for e in select(load_builtin(), Query())]
    assert keys_of(out) == expected
    assert len(expected) == len(load_builtin())


def test_text_lines_are_key_title_badges_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "overviews")
    lines = out.splitlines()
    line = next(line for line in lines if line.startswith("sculley2015hidden "))
    assert line.endswith(
        "Hidden Technical Debt in Machine Learning Systems  [Must-read] [Scientific]"
    )
    # Titles start in one column (keys are padded to the longest one).
    columns = {len(line) - len(line[len(line.split()[0]) :].lstrip()) for line in lines}
    assert len(columns) == 1


def test_category_by_slug_title_alias_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, by_slug, _ = run(capsys, "list", "deployment")
    _, by_title, _ = run(capsys, "list", "Deployment and Operation")
    _, by_words, _ = run(capsys, "list", "deployment", "and", "OPERATION")
    _, by_alias, _ = run(capsys, "list", "mlops")
    assert by_slug == by_title == by_words == by_alias
    expected = [e.key for e in load_builtin() if e.category == "deployment"]
    assert sorted(keys_of(by_slug)) == sorted(expected)


def test_several_categories_any_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    _, spaced, _ = run(capsys, "list", "data", "training")
    _, commas, _ = run(capsys, "list", "data,Model Training")
    assert spaced == commas
    categories = {load_builtin().entries[k].category for k in keys_of(spaced)}
    assert categories == {"data", "training"}


def test_flags_all_must_be_set(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--flag", "must-read", "--flag", "Scientific")
    _, commas, _ = run(capsys, "list", "--flag", "must-read,scientific")
    assert out == commas
    expected = [e.key for e in load_builtin() if {"must-read", "scientific"} <= set(e.flags)]
    assert sorted(keys_of(out)) == sorted(expected)
    assert expected


def test_flags_split_like_the_directive_option(capsys: pytest.CaptureFixture[str]) -> None:
    """``--flag`` reads names as ``:flag:`` does: spaces separate them too, and a label
    written with a space is one name (both front ends build the query the same way)."""
    _, repeated, _ = run(capsys, "list", "--flag", "must-read", "--flag", "scientific")
    code, spaced, err = run(capsys, "list", "--flag", "must-read scientific")
    assert (code, err, spaced) == (0, "", repeated)
    _, label, _ = run(capsys, "list", "--flag", "Must read")
    _, slug, _ = run(capsys, "list", "--flag", "must-read")
    assert label == slug


def test_types_any_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--type", "book", "--type", "guide")
    expected = [e.key for e in load_builtin() if e.type in ("book", "guide")]
    assert sorted(keys_of(out)) == sorted(expected)


def test_filter_sort_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "list",
        "--filter",
        '"scientific" in flags and year >= 2017',
        "--sort=-year",
        "--limit",
        "4",
    )
    assert code == 0
    catalogue = load_builtin()
    years = [catalogue.entries[k].year or 0 for k in keys_of(out)]
    assert len(years) == 4
    assert years == sorted(years, reverse=True)
    assert all(y >= 2017 for y in years)


def test_filter_resolves_titles_like_the_directives(capsys: pytest.CaptureFixture[str]) -> None:
    _, by_title, _ = run(capsys, "list", "--filter", 'category == "Deployment and Operation"')
    _, by_slug, _ = run(capsys, "list", "deployment")
    assert by_title == by_slug


def test_sort_newest_first_with_or_without_equals(capsys: pytest.CaptureFixture[str]) -> None:
    joined = run(capsys, "list", "--sort=-year")
    spaced = run(capsys, "list", "--sort", "-year")
    assert joined == spaced
    assert joined[0] == 0
    years = [load_builtin().entries[k].year for k in keys_of(joined[1])]
    known = [y for y in years if y is not None]
    assert known == sorted(known, reverse=True)
    assert years[-1] is None  # unknown years last


def test_sort_by_title_and_key(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--sort", "key")
    assert keys_of(out) == sorted(keys_of(out), key=str.casefold)
    _, out, _ = run(capsys, "list", "tooling", "--sort", "title")
    titles = [load_builtin().entries[k].title.casefold() for k in keys_of(out)]
    assert titles == sorted(titles)


def test_no_match_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--filter", "year > 3000")
    assert (code, out) == (0, "")
    assert err == "seml: no entries match\n"
    code, out, err = run(capsys, "list", "--filter", "year > 3000", "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str], handbook: Path) -> None:
    for fmt in ("text", "json", "markdown", "yaml"):
        first = run(capsys, "--catalogue", str(handbook), "list", "--format", fmt)
        second = run(capsys, "--catalogue", str(handbook), "list", "--format", fmt)
        assert first == second


# --------------------------------------------------------------------------- formats


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code == 0
    data = json.loads(out)
    catalogue = load_builtin()
    assert [item["key"] for item in data] == [e.key for e in select(catalogue, Query())]
    for item in data:
        assert {"key", "title", "url", "category", "flags", "type"} <= set(item)
        entry = catalogue.entries[item["key"]]
        assert item["flags"] == list(entry.flags)
        assert item.get("year") == entry.year
        assert item.get("authors", []) == list(entry.authors)
        assert item.get("venue") == entry.venue
        assert item.get("doi") == entry.doi
    sculley = next(item for item in data if item["key"] == "sculley2015hidden")
    assert sculley["year"] == 2015
    assert "Jean-François Crespo" in sculley["authors"]  # real Unicode, not escapes
    assert "Jean-François" in out


def test_markdown_format(capsys: pytest.CaptureFixture[str], handbook: Path) -> None:
    code, out, _ = run(
        capsys,
        "--catalogue",
        str(handbook),
        "list",
        "runbooks",
        "overviews",
        "--format",
        "markdown",
    )
    assert code == 0
    lines = out.splitlines()
    assert all(line.startswith("- [") for line in lines)
    assert (
        "- [Hidden Technical Debt in Machine Learning Systems]"
        "(https://papers.nips.cc/paper/5656-hidden-technical-debt-in-machine-learning-systems.pdf)"
        " - A NIPS 2015 paper on the hidden technical debt of machine learning systems: the"
        " long-term maintenance costs that ML components can add to the software systems that"
        " use them. ⭐🎓"
    ) in lines
    assert (
        "- [Rolling back a model](https://wiki.example.com/rollback)"
        " - How to roll back in five minutes. 🏢⭐"
    ) in lines


def test_markdown_escapes_markup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "categories: [{slug: odd, title: Odd}]\n"
        "entries:\n"
        "  - {key: odd1, title: 'A [tricky] *title* <b>', url: 'https://example.org/a_(b)',"
        " category: odd, summary: 'under_score | pipe'}\n",
        encoding="utf-8",
    )
    _, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(path), "list", "--format", "markdown"
    )
    # Only what could start markup is escaped (as in the README export): "<" before a
    # tag, not ">"; an intraword "_" and a "|" outside a table are plain text.
    assert out == (
        r"- [A \[tricky\] \*title\* \<b>](<https://example.org/a_(b)>) - under_score | pipe"
        "\n"
    )
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html == (
        '<ul>\n<li><a href="https://example.org/a_(b)">A [tricky] *title* &lt;b&gt;</a>'
        " - under_score | pipe</li>\n</ul>\n"
    )


def test_yaml_format_is_a_loadable_native_catalogue(
    capsys: pytest.CaptureFixture[str], handbook: Path
) -> None:
    code, out, _ = run(
        capsys, "--catalogue", str(handbook), "list", "--flag", "internal", "--format", "yaml"
    )
    assert code == 0
    result = load_text(out, "listed.yaml", "yaml")
    assert result.problems == []
    catalogue = result.catalogue
    assert [e.key for e in catalogue] == ["acme-canary", "acme-rollback"]
    assert list(catalogue.categories) == ["deployment", "runbooks"]  # only those used
    assert list(catalogue.flags) == ["must-read", "internal"]


def test_bibtex_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--flag", "must-read", "--format", "bibtex")
    assert code == 0
    must_read = [e.key for e in load_builtin() if "must-read" in e.flags]
    for key in must_read:
        assert f"{{{key}," in out
    assert out.count("@") >= len(must_read)


def test_csl_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "governance", "--format", "csl-json")
    assert code == 0
    items = json.loads(out)
    expected = [e.key for e in select(load_builtin(), Query(categories=("governance",)))]
    assert [item["id"] for item in items] == expected


# --------------------------------------------------------------------------- user catalogues


def test_catalogue_adds_entries_categories_and_flags(
    capsys: pytest.CaptureFixture[str], handbook: Path
) -> None:
    code, out, err = run(capsys, "--catalogue", str(handbook), "list", "ops-guides")
    assert (code, err) == (0, "")
    assert out == "acme-rollback  Rolling back a model  [Internal] [Must-read]\n"
    _, out, _ = run(
        capsys, "--catalogue", str(handbook), "list", "deployment", "--flag", "internal"
    )
    assert keys_of(out) == ["acme-canary"]


def test_catalogue_option_after_the_command(
    capsys: pytest.CaptureFixture[str], handbook: Path, tmp_path: Path
) -> None:
    before = run(capsys, "--catalogue", str(handbook), "list", "runbooks")
    after = run(capsys, "list", "runbooks", "--catalogue", str(handbook))
    assert before == after
    second = tmp_path / "more.yaml"
    second.write_text(
        "entries:\n"
        "  - {key: more1, title: More, url: 'https://example.org/m', category: runbooks}\n",
        encoding="utf-8",
    )
    # Given before and after the command, both are used (in that order).
    _, out, _ = run(
        capsys, "--catalogue", str(handbook), "list", "runbooks", "--catalogue", str(second)
    )
    assert keys_of(out) == ["acme-rollback", "more1"]


def test_no_builtin(capsys: pytest.CaptureFixture[str], handbook: Path) -> None:
    code, out, err = run(capsys, "--no-builtin", "--catalogue", str(handbook), "list")
    assert code == 0
    # Without the built-in catalogue, "Deployment and Operation" is unknown: that entry
    # is skipped with a located warning, "must-read" dropped; the rest is listed.
    assert out == "acme-rollback  Rolling back a model  [Internal]\n"
    warnings = err.splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{handbook}:15: ")
    assert "unknown flag 'must-read'" in warnings[0]
    assert warnings[1].startswith(f"{handbook}:22: ")
    assert "unknown category 'Deployment and Operation'" in warnings[1]
    _, after, _ = run(capsys, "list", "--no-builtin", "--catalogue", str(handbook))
    assert after == out


def test_no_builtin_needs_a_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--no-builtin", "list")
    assert (code, out) == (2, "")
    assert err == (
        "seml: error: no catalogue to work on: --no-builtin needs at least one --catalogue FILE\n"
    )


def test_broken_catalogue_warns_and_the_rest_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "entries:\n"
        "  - key: good\n"
        "    title: Good one\n"
        "    url: https://example.org/good\n"
        "    category: data\n"
        "  - key: bad\n"  # no title (a missing url is no problem: issue 14)
        "    url: https://example.org/bad\n"
        "    category: data\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--catalogue", str(path), "list", "--filter", 'key == "good"')
    assert code == 0
    assert keys_of(out) == ["good"]
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:6: ")
    assert "required field 'title' is missing" in lines[0]


def test_missing_catalogue_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run(capsys, "--catalogue", str(missing), "list")
    assert (code, out) == (2, "")
    assert err == f"seml: error: {missing}: catalogue file not found\n"


def test_unknown_catalogue_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "--catalogue", str(path), "list")
    assert code == 2
    assert err.startswith(f"seml: error: {path}: unknown catalogue format '.txt'")
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deploymnet"], "unknown category 'deploymnet'; did you mean 'deployment'?"),
        (["--flag", "must-raed"], "unknown flag 'must-raed'; did you mean 'must-read'?"),
        (["--type", "papr"], "unknown type 'papr'; did you mean 'paper'?"),
        (
            ["--filter", "year >= 2019 and"],
            "invalid --filter 'year >= 2019 and': invalid syntax (at column 17)",
        ),
        (
            ["--filter", "__import__('os')"],
            "invalid --filter \"__import__('os')\": ",
        ),
        (
            ["--filter", 'category == "deploymnet"'],
            "invalid --filter 'category == \"deploymnet\"': unknown category 'deploymnet';"
            " did you mean 'deployment'? (at column 13)",
        ),
        (
            ["--filter", 'year >= "2015"'],
            "invalid --filter 'year >= \"2015\"': year is a number: compare it with a number,"
            " not the text '2015' (for example year >= 2015) (at column 9)",
        ),
    ],
)
def test_user_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "list", *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"seml: error: {message}")
    assert err.count("\n") == 1


def test_a_bad_filter_is_quoted_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    # the column counts in the text as given: the quote keeps its spaces
    code, _, err = run(capsys, "list", "--filter", "year  >=  2019 and")
    assert code == 2
    assert (
        err == "seml: error: invalid --filter 'year  >=  2019 and': invalid syntax (at column 19)\n"
    )


def test_every_unknown_name_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "datta", "--flag", "sientific")
    assert code == 2
    assert err.splitlines() == [
        "seml: error: unknown category 'datta'; did you mean 'data'?",
        "seml: error: unknown flag 'sientific'; did you mean 'scientific'?",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sort", "newest"], "argument --sort: unknown sort 'newest'; valid sorts:"),
        (["--limit", "0"], "argument --limit: invalid limit '0'"),
        (["--limit", "many"], "argument --limit: invalid limit 'many'"),
        (["--format", "xml"], "argument --format: invalid choice: 'xml'"),
    ],
)
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "list", *argv)
    assert (code, out) == (2, "")
    assert f"seml list: error: {message}" in err


# --------------------------------------------------------------------------- other sources


def test_relative_catalogue_is_located_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "handbook.yaml").write_text(HANDBOOK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--no-builtin", "--catalogue", "handbook.yaml", "list")
    assert code == 0
    assert keys_of(out) == ["acme-rollback"]
    assert [line.split(": ", 1)[0] for line in err.splitlines()] == [
        "handbook.yaml:15",
        "handbook.yaml:22",
    ]


def test_csl_json_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "zotero.csl.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "doe2020canary",
                    "type": "article-journal",
                    "title": "Canary Models",
                    "URL": "https://example.org/canary",
                    "issued": {"date-parts": [[2020]]},
                    "note": "seml-category: deployment\nseml-flags: must-read",
                }
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--catalogue", str(path), "list", "deployment", "--filter", "year == 2020"
    )
    assert (code, err) == (0, "")
    # (The built-in karlas2020building, a 2020 deployment paper, is listed too.)
    rows = [line.split() for line in out.splitlines()]
    assert ["doe2020canary", "Canary", "Models", "[Must-read]"] in rows


@pytest.mark.skipif(not HAS_PYBTEX, reason="reading BibTeX needs the optional pybtex")
def test_bibtex_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "papers.bib"
    path.write_text(
        "@comment{seml-default-category: training}\n"
        "@article{roe2021tuning,\n"
        "  title = {Tuning at Scale},\n"
        "  author = {Roe, Richard},\n"
        "  year = {2021},\n"
        "  url = {https://example.org/tuning},\n"
        "}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--catalogue", str(path), "show", "roe2021tuning")
    assert (code, err) == (0, "")
    assert "category:     training (Model Training)\n" in out
    assert "authors:      Richard Roe\n" in out


def test_entry_point_catalogue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    package = tmp_path / "acme_refs_for_seml_tests"
    package.mkdir()
    (package / "__init__.py").write_text('CATALOGUE = "refs.yaml"\n', encoding="utf-8")
    (package / "refs.yaml").write_text(HANDBOOK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    point = importlib.metadata.EntryPoint(
        name="acme", value="acme_refs_for_seml_tests:CATALOGUE", group="sphinxext_seml.catalogues"
    )

    def entry_points(**params: str) -> list[importlib.metadata.EntryPoint]:
        return [point] if params.get("group") == point.group else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    code, out, err = run(capsys, "--catalogue", "entry-point:acme", "list", "runbooks")
    assert (code, err) == (0, "")
    assert keys_of(out) == ["acme-rollback"]
    code, out, err = run(capsys, "--catalogue", "entry-point:acmee", "list")
    assert (code, out) == (2, "")
    assert err == (
        "seml: error: entry-point:acmee: no installed package provides the catalogue 'acmee';"
        " did you mean 'acme'? installed: acme\n"
    )

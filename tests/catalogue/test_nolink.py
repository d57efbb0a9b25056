"""Entries without a link (issue 14, point 1) in the catalogue layer and the command line:
loaded from every format, written by every writer without a made-up or empty link, and read
back as the same entries."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml

from sphinxext_seml.catalogue.awesome import dump_awesome, parse_awesome
from sphinxext_seml.catalogue.awesome.lint import lint_awesome
from sphinxext_seml.catalogue.bibtex import dump_bibtex, parse_bibtex
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.csljson import dump_csl_json, parse_csl_json
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.identity import reference_ids
from sphinxext_seml.catalogue.keyfile import import_keys
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry, Flag
from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.cli import main

BOOKS = Category("books", "Books")
MUST = Flag("must-read", "Must-read", "⭐")
BROOKS = Entry(
    key="brooks1975mythical",
    title="The Mythical Man-Month",
    url=None,
    category="books",
    flags=("must-read",),
    type="book",
    authors=("Frederick P. Brooks",),
    year=1975,
    venue="Addison-Wesley",
    summary="Essays on software engineering.",
)
KNUTH = Entry(
    key="knuth1984literate",
    title="Literate Programming",
    url=None,
    category="books",
    type="paper",
    authors=("Donald E. Knuth",),
    year=1984,
    venue="The Computer Journal",
    doi="10.1093/comjnl/27.2.97",
)
LINKED = Entry(
    key="linked2020",
    title="A Page on the Web",
    url="https://example.org/page",
    category="books",
    type="article",
)
SHELF = Catalogue([BOOKS], [MUST], [BROOKS, KNUTH, LINKED])


# -- the native format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_native_dump_writes_no_url_and_reads_back_equal(fmt: str) -> None:
    text = dump_native(SHELF, fmt)
    assert "None" not in text
    assert "null" not in text
    result = load_text(text, f"shelf.{fmt}", fmt)
    assert result.problems == []
    assert list(result.catalogue) == [BROOKS, KNUTH, LINKED]
    assert [e.url for e in result.catalogue] == [None, None, "https://example.org/page"]


def test_native_dump_has_no_url_key() -> None:
    data = yaml.safe_load(dump_native(SHELF, "yaml"))
    assert [sorted(e) for e in data["entries"]][:2] == [
        ["authors", "category", "flags", "key", "summary", "title", "type", "venue", "year"],
        ["authors", "category", "doi", "key", "title", "type", "venue", "year"],
    ]
    assert data["entries"][2]["url"] == "https://example.org/page"


def test_an_empty_url_is_no_url(tmp_path: Path) -> None:
    text = "entries:\n  - key: a\n    title: A\n    url: '  '\n    category: c\n"
    result = load_text(text, "a.yaml", "yaml")
    assert result.problems == []
    assert [e.url for e in result.catalogue] == [None]


def test_the_cache_keeps_an_entry_without_url() -> None:
    packed = SHELF.packed()
    assert packed.entries["brooks1975mythical"] == BROOKS
    again = pickle.loads(pickle.dumps(SHELF))
    assert list(again) == [BROOKS, KNUTH, LINKED]
    assert again.entries["knuth1984literate"].url is None


def test_entries_without_links_are_never_one_reference() -> None:
    assert reference_ids(BROOKS) == ()
    other = Entry(key="other", title="The Mythical Man-Month", url=None, category="books")
    merged = merge(
        [LoadResult(Catalogue([BOOKS], [MUST], [BROOKS])), LoadResult(Catalogue([], [], [other]))]
    )
    assert merged.problems == []
    assert list(merged.catalogue.entries) == ["brooks1975mythical", "other"]


def test_the_builtin_catalogue_is_unchanged_every_entry_links() -> None:
    builtin = load_builtin()
    assert len(builtin) > 80
    assert [e.key for e in builtin if not e.url] == []


# -- BibTeX and CSL-JSON ---------------------------------------------------------------


def test_bibtex_export_writes_no_url_field_and_reads_back() -> None:
    pytest.importorskip("pybtex")
    text = dump_bibtex(SHELF)
    brooks = text.split("@book{brooks1975mythical,", 1)[1].split("\n}", 1)[0]
    assert "url" not in brooks
    assert "title         = {{The Mythical Man-Month}}" in brooks
    result = parse_bibtex(text, "shelf.bib")
    assert result.problems == []
    entries = result.catalogue.entries
    assert entries["brooks1975mythical"] == BROOKS
    assert entries["linked2020"] == LINKED
    # The format's limit: BibTeX readers link an entry with a DOI to the DOI.
    assert entries["knuth1984literate"].url == "https://doi.org/10.1093/comjnl/27.2.97"


def test_bibtex_entry_without_any_link_loads() -> None:
    pytest.importorskip("pybtex")
    result = parse_bibtex(
        "@book{dijkstra1976,\n  author = {Dijkstra, Edsger W.},\n"
        "  title = {A Discipline of Programming},\n  publisher = {Prentice Hall},\n"
        "  year = {1976},\n  seml-category = {books},\n}\n",
        "refs.bib",
    )
    assert result.problems == []
    (entry,) = result.catalogue
    assert (entry.key, entry.url, entry.venue, entry.type) == (
        "dijkstra1976",
        None,
        "Prentice Hall",
        "book",
    )
    assert entry.location is not None
    assert entry.location.line == 1


def test_csl_json_export_writes_no_url_and_reads_back() -> None:
    items = json.loads(dump_csl_json(SHELF))
    assert ["URL" in item for item in items] == [False, False, True]
    result = parse_csl_json(dump_csl_json(SHELF), "shelf.json")
    assert result.problems == []
    entries = result.catalogue.entries
    assert entries["brooks1975mythical"] == BROOKS
    assert entries["knuth1984literate"].url == "https://doi.org/10.1093/comjnl/27.2.97"


def test_csl_json_item_without_url_or_doi_loads_without_a_link() -> None:
    text = json.dumps(
        [{"id": "a", "type": "book", "title": "A", "note": "seml-category: books"}], indent=2
    )
    result = parse_csl_json(text, "refs.json")
    assert result.problems == []
    assert [(e.key, e.url) for e in result.catalogue] == [("a", None)]


# -- Markdown (awesome list) -------------------------------------------------------------


def test_markdown_export_writes_an_empty_link_that_reads_back() -> None:
    readme = dump_awesome(SHELF, title="Shelf")
    items = [line for line in readme.splitlines() if line.startswith("- [") and "](#" not in line]
    assert items == [
        "- [The Mythical Man-Month]() - Essays on software engineering. ⭐",
        "- [Literate Programming]()",
        "- [A Page on the Web](https://example.org/page)",
    ]
    again = parse_awesome(readme, "README.md")
    assert again.problems == []
    assert [(e.title, e.url, e.summary, e.flags) for e in again.catalogue] == [
        (BROOKS.title, None, BROOKS.summary, ("must-read",)),
        (KNUTH.title, None, None, ()),
        (LINKED.title, LINKED.url, None, ()),
    ]
    # and it is written the same way again
    assert dump_awesome(again.catalogue, title="Shelf") == readme


def test_lint_does_not_take_empty_links_for_duplicates() -> None:
    readme = dump_awesome(SHELF, title="Shelf")
    found = [m.rule.value for m in lint_awesome(readme, "README.md")]
    assert "duplicate-link" not in found
    assert found == ["no-description", "no-description"]  # Knuth and the page have none


def test_an_item_written_with_angle_brackets_is_kept_as_written() -> None:
    text = "# List\n\n## Books\n\n- [The Book](<>) - A book.\n"
    result = parse_awesome(text, "README.md")
    (entry,) = result.catalogue
    assert (entry.url, entry.markdown) == (None, "[The Book](<>) - A book.")
    assert "- [The Book](<>) - A book." in dump_awesome(result.catalogue)


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    path = tmp_path / "shelf.yaml"
    path.write_text(dump_native(SHELF, "yaml"), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_accepts_entries_without_url(capsys, shelf: Path) -> None:
    assert run(capsys, "--no-builtin", "validate", str(shelf)) == (
        0,
        f"{shelf}: ok (3 entries)\n",
        "",
    )


def test_list_and_show(capsys, shelf: Path) -> None:
    code, out, err = run(capsys, "--no-builtin", "--catalogue", str(shelf), "list")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "brooks1975mythical  The Mythical Man-Month  [Must-read]"
    code, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(shelf), "show", "brooks1975mythical"
    )
    assert code == 0
    assert "url:          -" in out.splitlines()
    code, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(shelf), "list", "--format", "json"
    )
    assert [e.get("url") for e in json.loads(out)] == [None, None, "https://example.org/page"]
    assert "url" not in json.loads(out)[0]
    code, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(shelf), "list", "--format", "markdown"
    )
    assert out.splitlines()[1] == "- [Literate Programming]()"


def test_filter_on_url(capsys, shelf: Path) -> None:
    code, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(shelf), "list", "--filter", "url is None"
    )
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        "brooks1975mythical",
        "knuth1984literate",
    ]


def test_the_keys_file_pins_an_entry_without_link_by_its_title() -> None:
    readme = "# List\n\n## Books\n\n- [The Book]() - A book.\n- [Site](https://example.org/)\n"
    pins = import_keys(parse_awesome(readme, "README.md").catalogue)
    assert pins == {"book": "The Book", "example": "https://example.org/"}
    # a key renamed in the keys file stays with the entry, as a linked one does
    again = parse_awesome(readme, "README.md", keys={"The Book": "my-book"})
    assert [(e.key, e.url) for e in again.catalogue] == [
        ("my-book", None),
        ("example", "https://example.org/"),
    ]

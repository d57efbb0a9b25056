"""Downloads of the entries shown (issue 16, item 3): ``:download: bib, ris, json`` on
seml-list, seml-catalogue and seml-bibliography (root ``downloads``, from reST and MyST) and
the ``seml_downloads`` setting. The files hold exactly the entries shown and read back: the
BibTeX and CSL-JSON with the project's own loaders, the RIS with a real RIS parser, the
CSL-JSON valid against the CSL schema. Only HTML offers them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.query import select
from sphinxext_seml.catalogue.selection import SelectionRequest, build_query

CATALOGUE = load_builtin()
SCHEMA = Path(__file__).parents[1] / "data" / "csl-schema" / "csl-data.json"


def shown(categories: tuple[str, ...] = (), flags: tuple[str, ...] = ()) -> list[str]:
    """The keys a selection lists, by the catalogue layer (what the page shows)."""
    query = build_query(CATALOGUE, SelectionRequest(categories=categories, flags=flags)).query
    return [entry.key for entry in select(CATALOGUE, query)]


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("downloads", "html")
    assert built.warnings == []
    return built


def download_links(page) -> list[list[tuple[str, str]]]:
    """Per downloads paragraph: (text, href) of each link."""
    return [
        [(a.text(), a.attrs["href"]) for a in para.find_all("a")]
        for para in page.find_all("p", cls="seml-downloads")
    ]


@pytest.mark.parametrize("docname", ["lists_rst", "lists_md"])
def test_a_list_links_its_files(built, docname) -> None:
    base = docname
    assert download_links(built.html(docname)) == [
        [
            ("BibTeX", f"_downloads/seml/{base}-list-1.bib"),
            ("RIS", f"_downloads/seml/{base}-list-1.ris"),
            ("CSL-JSON", f"_downloads/seml/{base}-list-1.json"),
        ]
    ]  # the second list has no :download: and the setting is off
    para = built.html(docname).find("p", cls="seml-downloads")
    count = len(shown(("deployment",), ("must-read",)))
    assert para.text().startswith(
        f"Download these {count} entries:" if count != 1 else "Download this entry:"
    )


def test_the_files_hold_exactly_the_entries_shown(built) -> None:
    expected = shown(("deployment",), ("must-read",))
    folder = built.outdir / "_downloads" / "seml"
    for suffix in (".bib", ".json"):
        result = load_source(folder / f"lists_md-list-1{suffix}")
        assert result.problems == []
        assert list(result.catalogue.entries) == expected
        for key in expected:
            assert result.catalogue.entries[key].title == CATALOGUE.entries[key].title
    rispy = pytest.importorskip("rispy")
    records = rispy.loads((folder / "lists_md-list-1.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == expected
    assert [r["title"] for r in records] == [CATALOGUE.entries[k].title for k in expected]


def test_the_csl_json_is_valid_csl(built) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for name in ("lists_rst-list-1.json", "index-catalogue-1.json"):
        data = json.loads((built.outdir / "_downloads" / "seml" / name).read_text("utf-8"))
        jsonschema.Draft7Validator(schema).validate(data)
        assert data


def test_the_catalogue_and_the_bibliography_offer_theirs(built) -> None:
    assert download_links(built.html("index")) == [
        [("CSL-JSON", "_downloads/seml/index-catalogue-1.json")]
    ]
    catalogue = json.loads(
        (built.outdir / "_downloads/seml/index-catalogue-1.json").read_text("utf-8")
    )
    assert sorted(item["id"] for item in catalogue) == sorted(shown(flags=("must-read",)))
    assert download_links(built.html("references")) == [
        [
            ("BibTeX", "_downloads/seml/references-seml-bibliography-1.bib"),
            ("RIS", "_downloads/seml/references-seml-bibliography-1.ris"),
        ]
    ]
    cited = load_source(built.outdir / "_downloads/seml/references-seml-bibliography-1.bib")
    # The references page lists the cited entries, in citation order.
    assert list(cited.catalogue.entries) == ["sculley2015hidden", "amershi2019software"]


def test_the_setting_offers_downloads_everywhere_and_none_turns_one_off(tmp_path) -> None:
    srcdir = cs.copy_root("downloads", tmp_path / "src")
    (srcdir / "lists_md.md").write_text(
        "# Lists (MyST)\n\n```{seml-list} governance\n:download: none\n```\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html", confoverrides={"seml_downloads": ["ris"]})
    assert result.warnings == []
    links = download_links(result.html("lists_rst"))
    assert links[1] == [("RIS", "_downloads/seml/lists_rst-list-2.ris")]  # the setting's
    assert links[0][0] == ("BibTeX", "_downloads/seml/lists_rst-list-1.bib")  # its own
    assert download_links(result.html("lists_md")) == []


def test_a_bad_format_is_a_located_warning(tmp_path) -> None:
    srcdir = cs.copy_root("downloads", tmp_path / "src")
    (srcdir / "lists_rst.rst").write_text(
        "Bad\n===\n\n.. seml-list:: governance\n   :download: bib, pdf\n", encoding="utf-8"
    )
    (srcdir / "lists_md.md").write_text(
        "# Bad\n\n```{seml-list} governance\n:download: docx\n```\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert sorted(result.warnings) == [
        "lists_md.md:3: WARNING: seml-list: unknown download format 'docx'; use bib, ris, json"
        " (or none) [seml.invalid_option]",
        "lists_rst.rst:4: WARNING: seml-list: unknown download format 'pdf'; use bib, ris, json"
        " (or none) [seml.invalid_option]",
    ]
    assert download_links(result.html("lists_rst")) == [
        [("BibTeX", "_downloads/seml/lists_rst-list-1.bib")]
    ]
    assert download_links(result.html("lists_md")) == []


def test_a_bad_setting_warns_and_offers_none(tmp_path) -> None:
    srcdir = cs.copy_root("downloads", tmp_path / "src")
    result = cs.build(srcdir, "html", confoverrides={"seml_downloads": ["bib", "zip"]})
    assert [w for w in result.warnings if "seml_downloads" in w] == [
        "WARNING: seml_downloads: unknown format 'zip'; use bib, ris, json. Leaving it out."
        " [seml.config]"
    ]


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_offer_nothing(shared_build, builder) -> None:
    built = shared_build("downloads", builder)
    assert built.warnings == []
    assert not (built.outdir / "_downloads").exists()
    for path in built.outdir.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".tex", ".xhtml"):
            assert "Download th" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_links_are_relative_to_the_page(shared_build, builder) -> None:
    built = shared_build("downloads", builder)
    assert built.warnings == []
    page = "lists_md/index.html" if builder == "dirhtml" else "index.html"
    prefix = "../" if builder == "dirhtml" else ""
    text = built.read(page)
    assert f'href="{prefix}_downloads/seml/lists_md-list-1.ris"' in text
    assert (built.outdir / "_downloads/seml/lists_md-list-1.ris").is_file()


def test_parallel_output_is_identical(tmp_path) -> None:
    out = {}
    for jobs in (1, 2):
        srcdir = cs.copy_root("downloads", tmp_path / f"src{jobs}")
        result = cs.build(srcdir, "html", parallel=jobs if jobs > 1 else 0)
        assert result.warnings == []
        out[jobs] = cs.output_files(result.outdir / "_downloads")
    assert out[1] == out[2]
    assert len(out[1]) == 9

"""``seml-bibliography`` selections of issue 13, item 6: explicit keys in the directive's
body (exactly those entries, cited or not, in the order given unless ``:sort:``) and
``:notcited:`` (the entries nothing cites), from reST and MyST (root ``bibrefs``, pages
``reading_rst`` and ``reading_md``); unknown keys and exclusive options are located
warnings."""

from __future__ import annotations

import pytest
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
READING = ["reading_rst", "reading_md"]
CHOSEN = ["huyen2019machine", "sculley2015hidden", "dunning2017machine"]
# The catalogue's books, in catalogue order (the root cites none of them).
BOOKS = [e.key for e in CATALOGUE if e.type == "book"]


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("bibrefs", "html")
    assert built.warnings == []
    return built


def bibliographies(built, docname: str) -> list:
    return cs.body(built.html(docname)).find_all("div", "seml-bibliography")


def terms(bib) -> list[str]:
    return [dt.text() for dt in bib.find_all("dt")]


def test_the_root_cites_no_book() -> None:
    assert BOOKS == ["dunning2017machine", "huyen2019machine"]


@pytest.mark.parametrize("docname", READING)
def test_explicit_keys_list_exactly_those_in_the_order_given(built, docname) -> None:
    chosen, _books = bibliographies(built, docname)
    # two of them are cited nowhere, and every cited entry but sculley2015hidden is left out
    assert cs.bibliography_keys(chosen) == CHOSEN
    assert terms(chosen) == ["[1]", "[2]", "[3]"]


@pytest.mark.parametrize("docname", READING)
def test_notcited_lists_the_uncited_entries_of_the_selection(built, docname) -> None:
    _chosen, books = bibliographies(built, docname)
    assert cs.bibliography_keys(books) == BOOKS
    # the same works as in the first bibliography of the page: the same numbers
    assert terms(books) == ["[3]", "[1]"]


def test_citations_still_link_to_the_references_page(built) -> None:
    """A bibliography of given keys is narrowed: the references page, which lists every
    cited entry, stays the target of citations."""
    links = cs.citation_links(built.outdir, ["more_rst.html"])
    assert [(link.file, link.fragment) for link in links] == [
        ("references.html", "seml-sculley2015hidden"),
        ("references.html", "seml-amershi2019software"),
    ]


def test_the_twins_list_the_same(built) -> None:
    rst, md = ([cs.canonical(bib) for bib in bibliographies(built, docname)] for docname in READING)
    assert rst == md


def test_sort_orders_explicit_keys(tmp_path) -> None:
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    page = srcdir / "reading_rst.rst"
    page.write_text(
        page.read_text(encoding="utf-8").replace("   :backrefs:\n", "   :sort: year\n", 1),
        encoding="utf-8",
    )
    result = cs.build(srcdir, "html")
    assert result.warnings == []
    chosen, _books = bibliographies(result, "reading_rst")
    # 2015, 2017, 2019
    assert cs.bibliography_keys(chosen) == [
        "sculley2015hidden",
        "dunning2017machine",
        "huyen2019machine",
    ]


RST_PROBLEMS = """\
Reading (reST)
==============

.. seml-bibliography::
   :local:

   huyen2019machine
   sculley2015hiden, dunning2017machine

.. seml-bibliography::
   :all:
   :notcited:
   :type: book
"""

MD_PROBLEMS = """\
# Reading (MyST)

```{seml-bibliography}
:sort: year

huyen2019machine
nosuchkey2099
```

```{seml-bibliography}
:notcited:
:local:
```
"""


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    srcdir = cs.copy_root("bibrefs", tmp_path_factory.mktemp("keys") / "src")
    (srcdir / "reading_rst.rst").write_text(RST_PROBLEMS, encoding="utf-8")
    (srcdir / "reading_md.md").write_text(MD_PROBLEMS, encoding="utf-8")
    return cs.build(srcdir, "html")


def test_unknown_keys_and_exclusive_options_are_located_warnings(problems) -> None:
    assert problems.warnings == [
        "reading_md.md:7: WARNING: seml-bibliography: unknown entry key 'nosuchkey2099';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
        "reading_md.md:10: WARNING: seml-bibliography: :notcited: and :local: exclude each"
        " other; using :notcited: [seml.invalid_option]",
        "reading_rst.rst:4: WARNING: seml-bibliography: the keys in the body exclude :local:;"
        " listing the keys [seml.invalid_option]",
        "reading_rst.rst:8: WARNING: seml-bibliography: unknown entry key 'sculley2015hiden';"
        " did you mean 'sculley2015hidden'? [seml.unknown_key]",
        "reading_rst.rst:10: WARNING: seml-bibliography: :notcited: and :all: exclude each"
        " other; using :notcited: [seml.invalid_option]",
    ]


def test_the_known_keys_are_still_listed(problems) -> None:
    rst_keys, rst_books = bibliographies(problems, "reading_rst")
    assert cs.bibliography_keys(rst_keys) == ["huyen2019machine", "dunning2017machine"]
    assert cs.bibliography_keys(rst_books) == BOOKS
    md_keys, md_uncited = bibliographies(problems, "reading_md")
    assert cs.bibliography_keys(md_keys) == ["huyen2019machine"]
    # :notcited: wins over :local:: every entry of the catalogue nothing cites
    uncited = cs.bibliography_keys(md_uncited)
    assert "huyen2019machine" in uncited
    assert "sculley2015hidden" not in uncited
    assert len(uncited) == len(CATALOGUE.entries) - 6  # the root cites six entries


def test_a_bibliography_of_unknown_keys_only_lists_nothing(tmp_path) -> None:
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    (srcdir / "reading_md.md").write_text(
        "# Reading (MyST)\n\n```{seml-bibliography}\nnosuchkey2099\n```\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert [w.split(" WARNING: ")[0] for w in result.warnings] == ["reading_md.md:4:"]
    (bib,) = bibliographies(result, "reading_md")
    assert bib.text().strip() == "No matching entries."

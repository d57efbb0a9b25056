"""One page never shows the same label for two different works (issue 13, item 7), and a
citation's label is always the label of the entry it links to, on its own page or another.

Root ``bibrefs``: ``chapter_rst`` has two ``:local:`` bibliographies (papers, tools),
which continue one numbering, and cites a guide that only the references page lists
(its number there, 1, is skipped by the chapter's own). Variants written here: two
project-wide bibliographies on two pages, and the label style with an ``:all:`` listing.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from semltest import citations as cs

DOCNAMES = [
    "index",
    "chapter_md",
    "chapter_rst",
    "more_rst",
    "more_md",
    "reading_rst",
    "reading_md",
    "references",
]


def labels_on_page(outdir, page: str) -> dict[str, set[str]]:
    """label -> the keys of the works it stands for on one HTML page: the terms of the
    bibliographies and the linked labels of the citations."""
    tree = cs.parse_html(outdir / page)
    found: dict[str, set[str]] = defaultdict(set)
    for dl in tree.find_all("dl", "seml-references"):
        for dd in dl.find_all("dd"):
            anchor = next(el.id for el in dd.iter() if el.id)
            found[dd.previous_element().text().strip("[]")].add(cs.key_of_anchor(anchor))
    for link in cs.citation_links(outdir, [page]):
        found[link.label].add(cs.key_of_anchor(link.fragment))
    return found


def assert_labels_unique(outdir, pages: list[str]) -> int:
    checked = 0
    for page in pages:
        for label, keys in labels_on_page(outdir, page).items():
            assert len(keys) == 1, (page, label, keys)
            checked += 1
    return checked


def assert_citations_show_their_entry_label(outdir) -> int:
    checked = 0
    for link in cs.citation_links(outdir):
        target = cs.parse_html(outdir / link.file).by_id(link.fragment)
        dd = next((a for a in target.ancestors() if a.tag == "dd"), None)
        if dd is None:
            continue
        assert dd.previous_element().text() == f"[{link.label}]", (link.page, link.href)
        checked += 1
    return checked


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("bibrefs", "html")
    assert built.warnings == []
    return built


def citation_texts(built, docname: str) -> list[str]:
    return [span.text() for span in cs.citation_spans(cs.body(built.html(docname)))]


def terms(built, docname: str) -> list[list[str]]:
    bibs = cs.body(built.html(docname)).find_all("div", "seml-bibliography")
    return [[dt.text() for dt in bib.find_all("dt")] for bib in bibs]


def test_two_bibliographies_on_a_page_continue_one_numbering(built) -> None:
    # papers, then tools; number 1 is the guide the references page lists first
    assert terms(built, "chapter_rst") == [["[2]", "[3]"], ["[4]"]]
    assert citation_texts(built, "chapter_rst") == [
        "[2]",
        "Sculley et al. [2]",
        "[3]",
        "[4]",
        "[1]",
    ]
    guide = cs.citation_links(built.outdir, ["chapter_rst.html"])[-1]
    assert (guide.file, guide.fragment) == ("references.html", "seml-zinkevichrules")


def test_a_page_with_one_bibliography_numbers_from_one(built) -> None:
    assert terms(built, "chapter_md") == [["[1]", "[2]", "[3]"]]
    assert terms(built, "references") == [[f"[{n}]" for n in range(1, 7)]]


def test_no_page_shows_one_label_for_two_works(built) -> None:
    pages = [f"{d}.html" for d in DOCNAMES]
    assert assert_labels_unique(built.outdir, pages) >= 20
    assert assert_citations_show_their_entry_label(built.outdir) == 11  # every citation


TWO_TARGETS = {
    "index.rst": "Index\n=====\n\n.. toctree::\n\n   a\n   b\n   papers\n   tools\n",
    "a.rst": (
        "A\n=\n\nPAPER :seml:cite:`sculley2015hidden`, TOOL :seml:cite:`dvc`,"
        " GUIDE :seml:cite:`zinkevichrules`.\n"
    ),
    "b.md": (
        "# B\n\nPAPER {seml:cite}`amershi2019software`, TOOL {seml:cite}`airflow`,"
        " GUIDE {seml:cite}`zinkevichrules`.\n\n"
        "```{seml-bibliography}\n:local:\n:type: guide\n```\n"
    ),
    "papers.rst": "Papers\n======\n\n.. seml-bibliography::\n   :type: paper\n",
    "tools.rst": "Tools\n=====\n\n.. seml-bibliography::\n   :type: tool\n",
}


@pytest.fixture(scope="module")
def two_targets(tmp_path_factory):
    srcdir = cs.copy_root("bibrefs", tmp_path_factory.mktemp("labels") / "src")
    for path in srcdir.iterdir():
        if path.suffix in (".rst", ".md"):
            path.unlink()
    for name, text in TWO_TARGETS.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    result = cs.build(srcdir, "html")
    assert result.warnings == []
    return result


def test_project_wide_bibliographies_on_two_pages_number_on(two_targets) -> None:
    """Before: the papers and the tools both numbered from 1, and page a read
    'PAPER [1], TOOL [1]'."""
    assert terms(two_targets, "papers") == [["[1]", "[2]"]]
    assert terms(two_targets, "tools") == [["[3]", "[4]"]]
    # the guide is in no project-wide bibliography: it links to its URL, numbered after
    assert citation_texts(two_targets, "a") == ["[1]", "[3]", "[5]"]
    # page b's own bibliography skips the numbers its other citations show
    assert citation_texts(two_targets, "b") == ["[2]", "[4]", "[1]"]
    assert terms(two_targets, "b") == [["[1]"]]


def test_two_targets_keep_labels_unique(two_targets) -> None:
    pages = [f"{d}.html" for d in ("a", "b", "papers", "tools")]
    assert assert_labels_unique(two_targets.outdir, pages) >= 8
    assert assert_citations_show_their_entry_label(two_targets.outdir) >= 5


def test_label_style_letters_tell_apart_every_listed_work(tmp_path) -> None:
    """An ``:all:`` bibliography lists entries nobody cites; in the label style those with
    the same author and year get letters too, and the citations show the same ones."""
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    page = srcdir / "references.rst"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nAll\n---\n\n.. seml-bibliography::\n   :all:\n",
        encoding="utf-8",
    )
    result = cs.build(srcdir, "html", confoverrides={"seml_citation_style": "label"})
    assert result.warnings == []
    everything = terms(result, "references")[1]
    assert len(everything) == len(set(everything)) > 80
    assert assert_labels_unique(result.outdir, ["references.html"]) > 80
    assert assert_citations_show_their_entry_label(result.outdir) == 11

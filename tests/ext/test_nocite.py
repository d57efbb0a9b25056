"""``seml:nocite`` (issue 13, item 2): an entry in the bibliographies without text on the
page, from reST and MyST (root ``nocite``); ``*`` for every entry; unknown keys warn; a
nocite added later updates the bibliography on the next build."""

from __future__ import annotations

import pytest
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin

SCULLEY = "Hidden Technical Debt in Machine Learning Systems"
CATALOGUE = load_builtin()


def listed(page, cls: str = "seml-bibliography") -> list[str]:
    """The titles a page's bibliography lists, in order."""
    (box,) = page.find_all("div", cls=cls)
    return [a.text() for a in box.find_all("a", cls="seml-title")]


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("nocite", "html")
    assert built.warnings == []
    return built


def title(key: str) -> str:
    return CATALOGUE.entries[key].title


def test_nocited_entries_join_the_project_bibliography(built) -> None:
    assert listed(built.html("references")) == [
        SCULLEY,
        title("zinkevichrules"),
        title("horneman2019ai"),
    ]


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        ("chapter_rst", [SCULLEY, title("zinkevichrules")]),
        ("chapter_md", [title("horneman2019ai")]),
    ],
)
def test_a_nocite_shows_nothing_but_joins_the_local_bibliography(built, docname, expected) -> None:
    page = built.html(docname)
    assert listed(page) == expected
    paragraph = page.find("p")
    assert "further reading." in paragraph.text()
    assert paragraph.text().rstrip().endswith("further reading.")
    citations = page.find_all("span", cls="seml-citation")
    assert len(citations) == (1 if docname == "chapter_rst" else 0)


def test_nocite_star_lists_every_entry_and_unknown_keys_warn(tmp_path) -> None:
    srcdir = cs.copy_root("nocite", tmp_path / "src")
    (srcdir / "chapter_rst.rst").write_text(
        "Chapter (reST)\n==============\n\nAll of it. :seml:nocite:`*`\n\n"
        "Unknown. :seml:nocite:`nosuchkey2099`\n",
        encoding="utf-8",
    )
    (srcdir / "chapter_md.md").write_text(
        "# Chapter (MyST)\n\nUnknown. {seml:nocite}`nosuchkey2098`\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert [w.split(" WARNING: ", 1)[0] for w in result.warnings] == [
        "chapter_md.md:3:",
        "chapter_rst.rst:6:",
    ]
    assert all("seml:nocite: unknown entry key 'nosuchkey20" in w for w in result.warnings)
    assert all(w.endswith("[seml.unknown_key]") for w in result.warnings)
    assert len(listed(result.html("references"))) == len(CATALOGUE.entries)


def test_a_nocite_added_later_updates_the_bibliography(tmp_path) -> None:
    srcdir = cs.copy_root("nocite", tmp_path / "src")
    first = cs.build(srcdir, "html")
    assert title("seml2020engineering") not in listed(first.html("references"))
    page = srcdir / "chapter_md.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "{seml:nocite}`horneman2019ai`",
            "{seml:nocite}`horneman2019ai,seml2020engineering`",
        ),
        encoding="utf-8",
    )
    cs.bump_mtime(page)
    again = cs.build(srcdir, "html")
    assert again.warnings == []
    assert listed(again.html("references"))[-1] == title("seml2020engineering")


def test_a_parallel_build_lists_the_same(built, shared_build) -> None:
    parallel = shared_build("nocite", "html", parallel=2)
    assert parallel.warnings == []
    for docname in ("references", "chapter_rst", "chapter_md"):
        assert listed(parallel.html(docname)) == listed(built.html(docname))

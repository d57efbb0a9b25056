"""Back-references (issue 13, item 6): ``:backrefs:`` on ``seml-bibliography`` and the
``seml_bibliography_backrefs`` setting end each entry with links to the places that cite
it: ``↩`` (cited once) or ``↩ 1 2 3`` in HTML, page references in LaTeX, nothing in text.
Root ``bibrefs``: citations in reST and MyST on several pages, a references page, a
chapter's ``:local:`` bibliographies and bibliographies of given keys."""

from __future__ import annotations

import shutil

import pytest
from semltest import citations as cs

from sphinxext_seml.ext.texsupport import TEXINPUTS

SCULLEY = "sculley2015hidden"


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("bibrefs", "html")
    assert built.warnings == []
    return built


def backrefs(built, docname: str, index: int = 0) -> dict[str, list[tuple[str, str]]]:
    """key -> the links back of its entry, ``(text, href)``, for one bibliography."""
    bib = cs.body(built.html(docname)).find_all("div", "seml-bibliography")[index]
    out = {}
    for para in bib.find_all("p"):
        anchor = next((el.id for el in para.iter() if el.id), None)
        if anchor is None:
            continue
        span = para.find("span", "seml-backrefs")
        links = span.find_all("a") if span else []
        out[cs.key_of_anchor(anchor)] = [(a.text(), a.attrs["href"]) for a in links]
    return out


def test_references_page_links_back_to_every_citation_in_reading_order(built) -> None:
    found = backrefs(built, "references")
    assert found[SCULLEY] == [
        ("1", "chapter_md.html#seml-cite-sculley2015hidden-1"),
        ("2", "chapter_rst.html#seml-cite-sculley2015hidden-1"),
        ("3", "chapter_rst.html#seml-cite-sculley2015hidden-2"),
        ("4", "more_rst.html#seml-cite-sculley2015hidden-1"),
    ]
    assert found["zinkevichrules"] == [
        ("1", "chapter_md.html#seml-cite-zinkevichrules-1"),
        ("2", "chapter_rst.html#seml-cite-zinkevichrules-1"),
    ]
    # cited once: one link, the arrow itself
    assert found["breck2016whats"] == [("↩", "more_md.html#seml-cite-breck2016whats-1")]
    assert found["dvc"] == [("↩", "chapter_rst.html#seml-cite-dvc-1")]


def test_the_links_read_arrow_then_numbers(built) -> None:
    bib = cs.body(built.html("references")).find("div", "seml-bibliography")
    shown = [span.text() for span in bib.find_all("span", "seml-backrefs")]
    assert shown[:3] == [" ↩ 1 2", " ↩", " ↩ 1 2 3 4"]  # zinkevichrules, polyzotis, sculley


def test_every_link_back_reaches_its_citation(built) -> None:
    for docname in ("references", "chapter_rst", "chapter_md", "reading_rst", "reading_md"):
        page = f"{docname}.html"
        for key, links in backrefs(built, docname).items():
            for _text, href in links:
                file, fragment = cs.resolve_href(page, href)
                target = cs.parse_html(built.outdir / file).by_id(fragment)
                # the anchor sits in the citation, just before its link to this entry
                citation = next(a for a in target.ancestors() if "seml-citation" in a.classes)
                assert any(key in a.attrs["href"] for a in citation.find_all("a")), href


def test_a_local_bibliography_links_back_to_its_page_only(built) -> None:
    assert backrefs(built, "chapter_rst", 0) == {
        SCULLEY: [
            ("1", "#seml-cite-sculley2015hidden-1"),
            ("2", "#seml-cite-sculley2015hidden-2"),
        ],
        "amershi2019software": [("↩", "#seml-cite-amershi2019software-1")],
    }
    assert backrefs(built, "chapter_md")[SCULLEY] == [("↩", "#seml-cite-sculley2015hidden-1")]


def test_without_the_option_no_links_back(built) -> None:
    assert backrefs(built, "chapter_rst", 1) == {"dvc": []}
    # not cited: nothing to link back to
    assert backrefs(built, "reading_md", 0)["huyen2019machine"] == []
    assert backrefs(built, "reading_md", 1) == {
        "dunning2017machine": [],
        "huyen2019machine": [],
    }


def test_the_setting_turns_them_on_everywhere(shared_build) -> None:
    built = shared_build("bibrefs", "html", confoverrides={"seml_bibliography_backrefs": True})
    assert built.warnings == []
    assert backrefs(built, "chapter_rst", 1) == {"dvc": [("↩", "#seml-cite-dvc-1")]}


def test_latex_gives_page_references(shared_build) -> None:
    built = shared_build("bibrefs", "latex")
    assert built.warnings == []
    tex = built.read("seml-bibrefs.tex")
    # the citations carry labels ...
    for n in (1, 2):
        anchor = f"chapter_rst:seml-cite-sculley2015hidden-{n}"
        assert rf"\phantomsection\label{{\detokenize{{{anchor}}}}}" in tex
    # ... that the entries refer to by page, through sphinxextseml.sty (which drops a
    # page named twice, so the singular or the plural is chosen by TeX).
    assert r"\usepackage{sphinxextseml}" in tex
    assert (built.outdir / "sphinxextseml.sty").is_file()
    assert (
        r"\sphinxextsemlpagerefs{Cited on page }{Cited on pages }{.}"
        r"{\detokenize{chapter_rst:seml-cite-sculley2015hidden-1},"
        r"\detokenize{chapter_rst:seml-cite-sculley2015hidden-2}}"
    ) in tex
    assert (
        r"\sphinxextsemlpagerefs{Cited on page }{Cited on pages }{.}"
        r"{\detokenize{more_md:seml-cite-breck2016whats-1}}"
    ) in tex
    assert "↩" not in tex


def test_text_shows_no_links_back(shared_build) -> None:
    built = shared_build("bibrefs", "text")
    assert built.warnings == []
    text = built.read("references.txt")
    assert "Hidden Technical Debt" in text
    assert "↩" not in text
    assert "Cited on" not in text


def test_parallel_output_is_byte_identical(shared_build) -> None:
    overrides = {"seml_bibliography_backrefs": True}
    one = shared_build("bibrefs", "html", confoverrides=overrides, parallel=1)
    two = shared_build("bibrefs", "html", confoverrides=overrides, parallel=2)
    assert two.app.is_parallel_allowed("read")
    assert " .. " in two.status  # read in chunks
    files_one = cs.output_files(one.outdir, (".html",))
    files_two = cs.output_files(two.outdir, (".html",))
    assert sorted(files_one) == sorted(files_two)
    assert [name for name in files_one if files_one[name] != files_two[name]] == []
    assert "seml-backrefs" in files_one["reading_md.html"].decode()


def test_a_citation_added_on_another_page_updates_the_links_back(tmp_path) -> None:
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    first = cs.build(srcdir, "html")
    assert first.warnings == []
    before = cs.snapshot(first.outdir)
    page = srcdir / "more_md.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "{seml:cite}`breck2016whats`", "{seml:cite}`breck2016whats, sculley2015hidden`"
        ),
        encoding="utf-8",
    )
    cs.bump_mtime(page)
    again = cs.build(srcdir, "html")
    assert again.warnings == []
    assert backrefs(again, "references")[SCULLEY][-1] == (
        "5",
        "more_md.html#seml-cite-sculley2015hidden-1",
    )
    assert backrefs(again, "reading_rst")[SCULLEY][-1][0] == "5"
    # the pages whose links back changed are written again; the chapters' own
    # bibliographies link to their own page only, and are not
    rewritten = cs.rewritten(again.outdir, before)
    assert {"more_md", "references", "reading_rst", "reading_md"} <= rewritten
    assert "chapter_rst" not in rewritten
    assert "chapter_md" not in rewritten


def test_citing_an_entry_again_on_the_same_page_updates_the_links_back(tmp_path) -> None:
    """The keys a page cites stay the same; only how often it cites one changes."""
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    cs.build(srcdir, "html")
    page = srcdir / "more_md.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nAgain {seml:cite}`breck2016whats`.\n",
        encoding="utf-8",
    )
    cs.bump_mtime(page)
    again = cs.build(srcdir, "html")
    assert backrefs(again, "references")["breck2016whats"] == [
        ("1", "more_md.html#seml-cite-breck2016whats-1"),
        ("2", "more_md.html#seml-cite-breck2016whats-2"),
    ]


STY_TEST = r"""\documentclass{article}
\usepackage{hyperref}
\usepackage{sphinxextseml}
\begin{document}
A\label{\detokenize{a:seml-cite-x-1}} B\label{\detokenize{a:seml-cite-x-2}}
\newpage
C\label{\detokenize{b:seml-cite-x-1}}
\newpage
\renewcommand\pageref[1]{\typeout{PAGEREF #1 ON \getpagerefnumber{#1}}}
\sphinxextsemlpagerefs{\typeout{ONE}}{\typeout{MANY}}{\typeout{END}}%
  {\detokenize{a:seml-cite-x-1},\detokenize{a:seml-cite-x-2},\detokenize{b:seml-cite-x-1}}
\sphinxextsemlpagerefs{\typeout{ONE}}{\typeout{MANY}}{\typeout{END}}%
  {\detokenize{a:seml-cite-x-1},\detokenize{a:seml-cite-x-2}}
\end{document}
"""


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_a_page_named_twice_is_named_once(tmp_path) -> None:
    """Three citations on pages 1, 1 and 2 read "pages 1, 2"; two on page 1 "page 1"."""
    shutil.copy(TEXINPUTS / "sphinxextseml.sty", tmp_path)
    (tmp_path / "t.tex").write_text(STY_TEST, encoding="utf-8")
    log = cs.latexmk(tmp_path, "t.tex")
    shown = [line for line in log.splitlines() if line.startswith(("ONE", "MANY", "END", "PAGE"))]
    assert shown == [
        "MANY",
        "PAGEREF a:seml-cite-x-1 ON 1",
        "PAGEREF b:seml-cite-x-1 ON 2",
        "END",
        "ONE",
        "PAGEREF a:seml-cite-x-1 ON 1",
        "END",
    ]


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_the_pdf_with_page_references_compiles(shared_build) -> None:
    built = shared_build("bibrefs", "latex")
    log = cs.latexmk(built.outdir, "seml-bibrefs.tex")
    assert "undefined references" not in log


OFF_RST = """:orphan:

Off (reST)
==========

Cited :seml:cite:`dvc`.

.. seml-bibliography::
   :local:
   :no-backrefs:

.. seml-bibliography::
   :local:
   :backrefs:
   :no-backrefs:
"""

OFF_MD = """---
orphan: true
---

# Off (MyST)

Cited {seml:cite}`dvc`.

```{seml-bibliography}
:local:
:no-backrefs:
```
"""


def test_no_backrefs_turns_the_setting_off_for_one_bibliography(tmp_path) -> None:
    srcdir = cs.copy_root("bibrefs", tmp_path / "src")
    (srcdir / "off_rst.rst").write_text(OFF_RST, encoding="utf-8")
    (srcdir / "off_md.md").write_text(OFF_MD, encoding="utf-8")
    result = cs.build(srcdir, "html", confoverrides={"seml_bibliography_backrefs": True})
    assert [w.split(" WARNING: ", 1) for w in result.warnings] == [
        [
            "off_rst.rst:12:",
            "seml-bibliography: :backrefs: and :no-backrefs: exclude each other; using :backrefs:"
            " [seml.invalid_option]",
        ]
    ]
    assert backrefs(result, "off_md", 0) == {"dvc": []}
    assert backrefs(result, "off_rst", 0) == {"dvc": []}
    assert backrefs(result, "off_rst", 1) == {"dvc": [("↩", "#seml-cite-dvc-1")]}
    # the other bibliographies keep the setting's links
    assert backrefs(result, "chapter_rst", 1) == {"dvc": [("↩", "#seml-cite-dvc-1")]}

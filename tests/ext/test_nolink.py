"""Entries without a link (issue 14, point 1): their titles are text, and they are normal
citation targets, in every builder, from reST and MyST.

Root ``nolink``: a native catalogue and a ``.bib`` file whose books have no ``url``
(one has a DOI), one linked web article for contrast, and two notes that no bibliography
lists: one shown by a list (citations link there), one shown nowhere (citations are text).
The reST chapter and its MyST twin cite, reference, footcite and show them; ``lists`` shows
them in every list style; ``references`` is the bibliography.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from semltest.citations import build as build_in
from semltest.citations import copy_root

DOCNAMES = ("chapter_rst", "chapter_md")
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo", "gettext"]
NITPICKY = {"nitpicky": True}
EPUB = {"epub_copyright": "2026", "version": "1"}

BROOKS = "The Mythical Man-Month"
KNUTH = "Literate Programming"
DIJKSTRA = "A Discipline of Programming"
FOWLER = "Continuous Delivery for Machine Learning"
FOWLER_URL = "https://martinfowler.com/articles/cd4ml.html"
UNLINKED = (BROOKS, KNUTH, DIJKSTRA)


def build(shared_build, builder: str = "html", **overrides):
    extra = EPUB if builder == "epub" else {}
    return shared_build("nolink", builder, confoverrides={**NITPICKY, **extra, **overrides})


def flat(text: str) -> str:
    return " ".join(text.split())


def line_of(text: str, marker: str) -> str:
    """The paragraph of the text output that starts with ``marker`` (the root's markers)."""
    return flat(text.split(marker, 1)[1].split("\n\n", 1)[0])


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_without_a_warning(shared_build, builder) -> None:
    built = build(shared_build, builder)
    assert built.warnings == []
    assert built.app.statuscode == 0


# -- HTML ----------------------------------------------------------------------------


def anchors(page) -> list:
    return [a for a in page.find_all("a") if "href" in a.attrs]


@pytest.mark.parametrize("docname", ["lists", "references", *DOCNAMES])
def test_no_page_has_an_empty_link(shared_build, docname) -> None:
    body = build(shared_build).html(docname).find("div", cls="body")  # not the theme's
    hrefs = [a.attrs["href"] for a in anchors(body)]
    assert hrefs
    assert "" not in hrefs
    assert not [h for h in hrefs if h.rstrip("/") in ("http:", "https:", "None")]


def titles(page) -> dict[str, list[str]]:
    """Entry title -> the tag of each place it is rendered as a title."""
    out: dict[str, list[str]] = {}
    for node in page.find_all(cls="seml-title"):
        out.setdefault(node.text(), []).append(node.tag)
    return out


def test_every_list_style_shows_the_titles_as_text(shared_build) -> None:
    page = build(shared_build).html("lists")
    found = titles(page)
    # bullets, enumerated, table and cards show each book; the table the web article too
    for title in UNLINKED:
        assert found[title] == ["span"] * 4, title
    assert found[FOWLER] == ["a"]
    linked = page.find("a", cls="seml-title")
    assert linked.attrs["href"] == FOWLER_URL
    for node in page.find_all(cls="seml-unlinked"):
        assert not [a for a in node.ancestors() if a.tag == "a"]
    # the DOI is still a link of its own (the table shows none), the badge still a badge
    assert [a.attrs["href"] for a in page.find_all("a", cls="seml-doi")] == [
        "https://doi.org/10.1093/comjnl/27.2.97"
    ] * 3
    assert len(page.find_all(cls="seml-badge-must-read")) == 4
    # every entry keeps its anchor, citations and :any: links go there
    assert {"seml-brooks1975mythical", "seml-parnas1972criteria"} <= set(page.ids())


def test_the_bibliography_lists_them_with_their_titles_as_text(shared_build) -> None:
    page = build(shared_build).html("references")
    references = [flat(p.text()) for p in page.find_all("p", cls="seml-reference")]
    assert references == [
        f"Frederick P. Brooks (1975). {BROOKS}. Addison-Wesley. ⭐Must-read",
        f"Donald E. Knuth (1984). {KNUTH}. The Computer Journal. doi:10.1093/comjnl/27.2.97",
        f"Edsger W. Dijkstra (1976). {DIJKSTRA}. Prentice Hall.",
        f"Danilo Sato, Arif Wider and Christoph Windheuser (2019). {FOWLER}.",
    ]
    assert titles(page) == {BROOKS: ["span"], KNUTH: ["span"], DIJKSTRA: ["span"], FOWLER: ["a"]}
    assert {"seml-brooks1975mythical", "seml-dijkstra1976discipline"} <= set(page.ids())


def paragraph(page, marker: str):
    return next(p for p in page.find_all("p") if p.text().startswith(marker))


@pytest.mark.parametrize("docname", DOCNAMES)
def test_citations_link_to_the_bibliography(shared_build, docname) -> None:
    page = build(shared_build).html(docname)
    cite = paragraph(page, "CITE ")
    assert [a.attrs["href"] for a in anchors(cite)] == ["references.html#seml-brooks1975mythical"]
    assert flat(cite.text()).endswith("makes it later [1].")
    textual = paragraph(page, "CITET ")
    assert flat(textual.text()) == "CITET As Knuth [2] argues, and [3, 4]."
    assert [a.attrs["href"] for a in anchors(textual)] == [
        "references.html#seml-knuth1984literate",
        "references.html#seml-dijkstra1976discipline",
        "references.html#seml-fowler2019cd4ml",
    ]


@pytest.mark.parametrize("docname", DOCNAMES)
def test_a_citation_no_bibliography_lists_links_to_the_list_showing_it(
    shared_build, docname
) -> None:
    page = build(shared_build).html(docname)
    listed = paragraph(page, "LISTED ")
    assert flat(listed.text()) == "LISTED Modules [5]."
    (link,) = anchors(listed)
    assert link.attrs["href"] == "lists.html#seml-parnas1972criteria"
    assert link.attrs["title"].startswith("David L. Parnas (1972). On the Criteria")


@pytest.mark.parametrize("docname", DOCNAMES)
def test_a_citation_of_an_entry_shown_nowhere_is_text(shared_build, docname) -> None:
    page = build(shared_build).html(docname)
    nowhere = paragraph(page, "NOWHERE ")
    assert flat(nowhere.text()) == "NOWHERE Overheard [6]."
    assert anchors(nowhere) == []
    label = nowhere.find(cls="seml-cite-unlinked")
    assert label.attrs["title"] == "A Conversation in the Hallway (2020)."
    assert label.text() == "6"


@pytest.mark.parametrize("docname", DOCNAMES)
def test_the_ref_role_gives_the_title_as_text_with_its_tooltip(shared_build, docname) -> None:
    page = build(shared_build).html(docname)
    ref = paragraph(page, "REF ")
    assert flat(ref.text()) == f"REF Read {BROOKS} and {FOWLER}."
    unlinked = ref.find("span", cls="seml-ref")
    assert unlinked.text() == BROOKS
    assert unlinked.attrs["title"] == f"Frederick P. Brooks (1975). {BROOKS}. Addison-Wesley."
    (linked,) = anchors(ref)
    assert linked.attrs["href"] == FOWLER_URL
    assert linked.text() == FOWLER


@pytest.mark.parametrize("docname", DOCNAMES)
def test_any_links_go_to_where_the_entry_is_shown(shared_build, docname) -> None:
    page = build(shared_build).html(docname)
    links = [(a.text(), a.attrs["href"]) for a in anchors(paragraph(page, "ANY "))]
    here = "" if docname == "chapter_rst" else "chapter_rst.html"
    there = "" if docname == "chapter_md" else "chapter_md.html"
    assert links == [
        (DIJKSTRA, f"{here}#seml-dijkstra1976discipline"),
        ("the book", f"{there}#seml-brooks1975mythical"),
    ]


@pytest.mark.parametrize(
    ("docname", "footnote", "title"),
    [
        ("chapter_rst", f"[1] Frederick P. Brooks (1975). {BROOKS}. Addison-Wesley.", BROOKS),
        ("chapter_md", f"[1] Donald E. Knuth (1984). {KNUTH}. The Computer Journal.", KNUTH),
    ],
)
def test_footnote_citations_and_the_entry_view(shared_build, docname, footnote, title) -> None:
    page = build(shared_build).html(docname)
    (note,) = page.find_all(cls="seml-footnote")
    assert flat(note.text()).startswith(footnote)
    assert note.find(cls="seml-title").tag == "span"
    assert [a.attrs["href"] for a in anchors(note) if "seml-doi" in a.classes] == (
        ["https://doi.org/10.1093/comjnl/27.2.97"] if title == KNUTH else []
    )
    detail = page.find(cls="seml-entry-detail")
    shown = detail.find(cls="seml-entry-title")
    assert shown.find(cls="seml-title").tag == "span"
    assert anchors(shown) == []


def test_the_build_report_has_no_url_for_them(shared_build) -> None:
    report = json.loads(build(shared_build).read("seml.json"))
    urls = {e["key"]: e.get("url") for e in report["entries"]}
    assert urls == {
        "brooks1975mythical": None,
        "dijkstra1976discipline": None,
        "fowler2019cd4ml": FOWLER_URL,
        "hallway2020chat": None,
        "knuth1984literate": None,
        "parnas1972criteria": None,
    }
    assert all("url" not in e for e in report["entries"] if e["key"] != "fowler2019cd4ml")


def test_a_csl_style_formats_them_without_a_link(shared_build) -> None:
    pytest.importorskip("citeproc", reason="the csl extra (citeproc-py) is not installed")
    built = build(shared_build, "html", seml_reference_style="apa")
    assert built.warnings == []
    page = built.html("references")
    references = [flat(p.text()) for p in page.find_all("p", cls="seml-reference")]
    assert references[0] == f"Brooks, F. P. (1975). {BROOKS}. Addison-Wesley. ⭐Must-read"
    assert references[2] == f"Dijkstra, E. W. (1976). {DIJKSTRA}. Prentice Hall."
    hrefs = [a.attrs["href"] for a in anchors(page.find(cls="seml-bibliography"))]
    assert hrefs == ["https://doi.org/10.1093/comjnl/27.2.97", FOWLER_URL]


def test_an_incremental_build_follows_the_list_a_citation_links_to(tmp_path) -> None:
    """The list that shows an entry without a URL leaves, then comes back: the pages
    citing the entry are written again, without a link, then with it (not stale)."""
    srcdir = copy_root("nolink", tmp_path / "nolink")
    lists = srcdir / "lists.rst"
    text = lists.read_text(encoding="utf-8")
    first = build_in(srcdir, freshenv=True)
    assert first.warnings == []

    def listed(built) -> list[str]:
        return [a.attrs["href"] for a in anchors(paragraph(built.html("chapter_md"), "LISTED "))]

    assert listed(first) == ["lists.html#seml-parnas1972criteria"]
    lists.write_text(text.split("A note\n", 1)[0], encoding="utf-8")
    second = build_in(srcdir)
    assert second.warnings == []
    assert listed(second) == []
    assert flat(paragraph(second.html("chapter_md"), "LISTED ").text()) == "LISTED Modules [5]."
    lists.write_text(text, encoding="utf-8")
    third = build_in(srcdir)
    assert third.warnings == []
    assert listed(third) == ["lists.html#seml-parnas1972criteria"]


def test_a_parallel_build_writes_the_same_pages(shared_build) -> None:
    serial = build(shared_build)
    parallel = shared_build("nolink", "html", confoverrides=NITPICKY, parallel=2)
    assert parallel.warnings == []
    for docname in ("lists", "references", *DOCNAMES):
        assert parallel.read(f"{docname}.html") == serial.read(f"{docname}.html"), docname


# -- the other builders -------------------------------------------------------------


@pytest.mark.parametrize("docname", DOCNAMES)
def test_text_output_reads_well(shared_build, docname) -> None:
    text = build(shared_build, "text").read(f"{docname}.txt")
    assert line_of(text, "REF ") == f"Read {BROOKS} and {FOWLER}."
    assert line_of(text, "LISTED ") == "Modules [5]."
    assert line_of(text, "NOWHERE ") == "Overheard [6]."
    lists = flat(build(shared_build, "text").read("lists.txt"))
    assert f"* {BROOKS} [Must-read] — Frederick P. Brooks (1975). Addison-Wesley." in lists
    assert f"1. {DIJKSTRA} — Edsger W. Dijkstra (1976). Prentice Hall." not in lists
    assert f"3. {DIJKSTRA} — Edsger W. Dijkstra (1976). Prentice Hall." in lists


def test_latex_gives_the_titles_as_text_and_links_the_rest(shared_build) -> None:
    tex = build(shared_build, "latex").read("seml-nolink.tex")
    plain = tex.replace(r"\sphinxhyphen{}", "-")
    assert r"\sphinxhref{}" not in tex
    assert r"\sphinxhref{" + FOWLER_URL + "}{" + FOWLER + "}" in tex
    assert r"\DUrole{seml-title}{\DUrole{seml-unlinked}{" + BROOKS + "}}" in plain
    # the citation shown nowhere: its label, no \hyperref
    nowhere = plain.split("NOWHERE Overheard", 1)[1].split("\n", 1)[0]
    assert r"\DUrole{seml-cite-label}{6}" in nowhere
    assert r"\hyperref" not in nowhere
    listed = plain.split("LISTED Modules", 1)[1].split("\n", 1)[0]
    assert r"\hyperref[\detokenize{lists:seml-parnas1972criteria}]" in listed


@pytest.mark.parametrize(
    ("builder", "name"), [("man", "seml-nolink.1"), ("texinfo", "seml-nolink.texi")]
)
def test_man_and_texinfo_show_the_titles(shared_build, builder, name) -> None:
    text = flat(build(shared_build, builder).read(name).replace("\\-", "-"))
    for title in UNLINKED:
        assert title in text
    # texinfo has the citation's anchor inside the brackets
    assert re.search(r"Overheard \[(@anchor\{[^}]*\})*6\]", text)


def test_epub_shows_the_titles_as_text(shared_build) -> None:
    xhtml = build(shared_build, "epub").read("lists.xhtml")
    assert f'<span class="seml-title seml-unlinked">{BROOKS}</span>' in xhtml
    assert 'href=""' not in xhtml


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_the_pdf_compiles(shared_build) -> None:
    built = build(shared_build, "latex")
    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "seml-nolink.tex"],
        cwd=built.outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]

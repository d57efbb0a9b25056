"""Footnote citations (issue 13, item 3): ``seml:footcite``, ``seml:footcitet``, their
hyphenated aliases and ``seml-footbibliography``, from reST and MyST (root ``footcite``).

``chapter_rst`` and its twin ``chapter_md`` footcite six entries (one twice, two at once,
two textually) before a ``seml-footbibliography`` and one more after it, with no second
directive: that footnote goes to the end of the document. ``listed`` cites an entry, footcites
it and lists it in a ``:local:`` bibliography, with a footnote of its own; ``references`` is
the project-wide bibliography.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import pytest
from docutils import nodes
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
CHAPTERS = ["chapter_rst", "chapter_md"]
# The footnotes of a chapter, by number.
FOOTNOTED = [
    "sculley2015hidden",
    "amershi2019software",
    "breck2016whats",
    "polyzotis2017data",
    "zinkevichrules",
    "sato2019continuous",
    "baylor2019continuous",
]
# Each paragraph's marker word -> the paragraph as a reader sees it.
PARAGRAPHS = {
    "DEBT": "DEBT Technical debt [1].",
    "AGAIN": "AGAIN The same paper again [1].",
    "TEXTUAL": "TEXTUAL As Amershi et al.[2] show.",
    "SEVERAL": "SEVERAL Two at once [3][4].",
    "HYPHEN": "HYPHEN Hyphenated [5] and Sato et al.[6].",
    # The page's own footnote between them: numbered in the order of the marks.
    "LATER": "LATER Later [7], a note of our own [8], and the first one [1].",
}
SCULLEY_REFERENCE = (
    "D. Sculley, Gary Holt, Daniel Golovin, Eugene Davydov, Todd Phillips, Dietmar Ebner,"
    " Vinay Chaudhary, Michael Young, Jean-François Crespo and Dan Dennison (2015)."
    " Hidden Technical Debt in Machine Learning Systems. Advances in Neural Information"
    " Processing Systems 28 (NIPS 2015), pp. 2503-2511."
)


def title(key: str) -> str:
    return CATALOGUE.entries[key].title


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("footcite", "html")
    assert built.warnings == []
    return built


def paragraphs(page) -> dict[str, str]:
    return {p.text().split()[0]: " ".join(p.text().split()) for p in cs.body(page).find_all("p")}


def footnotes(container) -> list[tuple[str, str]]:
    """(label, title) of each footnote in a container, in order."""
    out = []
    for aside in container.find_all("aside", cls="footnote"):
        label = aside.find("span", cls="label").text().strip("[]")
        out.append((label, aside.find("a", cls="seml-title").text()))
    return out


@pytest.mark.parametrize("docname", CHAPTERS)
def test_each_key_is_a_numbered_mark_the_same_entry_the_same_number(built, docname) -> None:
    shown = paragraphs(built.html(docname))
    assert {k: v for k, v in shown.items() if k in PARAGRAPHS} == PARAGRAPHS


@pytest.mark.parametrize("docname", CHAPTERS)
def test_the_footnotes_stand_at_the_directive_and_at_the_end(built, docname) -> None:
    page = cs.body(built.html(docname))
    first, second = page.find_all("section")[1:]
    expected = [(str(n), title(key)) for n, key in enumerate(FOOTNOTED, 1)]
    # The directive ends the first part: the footnotes made so far stand there ...
    (here,) = first.find_all("div", cls="seml-footbibliography")
    assert footnotes(here) == expected[:6]
    # ... and the later one, with no directive after it, at the end of the document.
    (end,) = second.find_all("div", cls="seml-footbibliography")
    assert footnotes(end) == expected[6:]
    last = [c for c in second.children if not isinstance(c, str)][-1]
    assert last is end
    # One footnote per entry, though Sculley is cited three times.
    assert len(page.find_all("aside", cls="seml-footnote")) == len(FOOTNOTED)


@pytest.mark.parametrize("docname", CHAPTERS)
def test_a_footnote_holds_the_linked_reference_and_marks_link_to_it(built, docname) -> None:
    page = cs.body(built.html(docname))
    notes = {a.id: a for a in page.find_all("aside", cls="footnote")}
    marks = page.find_all("a", cls="footnote-reference")
    assert len(marks) == 10  # with the page's own footnote
    for mark in marks:
        assert mark.attrs["href"].startswith("#")
        assert mark.attrs["href"][1:] in notes
    sculley = notes["seml-footcite-sculley2015hidden"]
    reference = sculley.find("p", cls="seml-reference")
    assert " ".join(reference.text().split()).startswith(SCULLEY_REFERENCE)
    link = reference.find("a", cls="seml-title")
    assert link.attrs["href"] == CATALOGUE.entries["sculley2015hidden"].url
    # The badges, as a bibliography shows them.
    assert [b.text() for b in reference.find_all("span", cls="seml-badge-label")] == [
        "Must-read",
        "Scientific",
    ]
    # Back from the footnote to each of its three marks.
    backlinks = [a.attrs["href"] for a in sculley.find_all("a") if a.attrs.get("role")]
    assert len(backlinks) == 3
    assert all(href[1:] in {m.id for m in marks} for href in backlinks)


def test_the_footnote_is_the_reference_a_bibliography_shows(built) -> None:
    page = cs.body(built.html("listed"))
    bibliography = page.find("div", cls="seml-bibliography").find("p", cls="seml-reference")
    footnote = page.find("aside", cls="seml-footnote").find("p", cls="seml-reference")
    # The bibliography's reference carries its anchor as an empty target first.
    target = bibliography.children[0]
    assert target.tag == "span"
    assert target.text() == ""
    assert cs.canonical(footnote) == cs.canonical(bibliography).split("</span>", 1)[1]


def test_footnote_citations_stay_out_of_the_bibliographies(built) -> None:
    """As in sphinxcontrib-bibtex: the footnote is the reference."""
    for docname in ("references", "listed"):
        box = built.html(docname).find("div", cls="seml-bibliography")
        assert [a.text() for a in box.find_all("a", cls="seml-title")] == [
            title("sculley2015hidden")
        ]


def test_cited_footnoted_and_listed_on_one_page(built) -> None:
    """The same entry cited, footnoted and in the page's bibliography, beside a footnote of
    the page's own: no duplicate ids, every mark reaches its footnote, the citation its
    bibliography entry."""
    for page in ["listed", *CHAPTERS, "references"]:
        ids = Counter(built.html(page).ids())
        assert [i for i, n in ids.items() if n > 1] == [], page
    page = cs.body(built.html("listed"))
    shown = paragraphs(built.html("listed"))["CITED"]
    assert shown == (
        "CITED Cited [1] and footnoted [1], with a footnote of the page’s own [2] and"
        " another footnote citation [3]."
    )
    citation = page.find("span", cls="seml-citation").find("a")
    assert citation.attrs["href"] == "#seml-sculley2015hidden"
    ids = set(page.ids())
    for mark in page.find_all("a", cls="footnote-reference"):
        assert mark.attrs["href"][1:] in ids


def test_the_twins_give_one_doctree(built) -> None:
    rst, md = (built.app.env.get_doctree(d) for d in CHAPTERS)

    def shape(tree) -> list[tuple[str, str, str]]:
        # The footnote citations' nodes (MyST moves the page's own footnotes elsewhere).
        classes = {
            "seml-footcite",
            "seml-footnote",
            "seml-footcite-author",
            "seml-footbibliography",
        }
        return [
            (n.tagname, " ".join(n["ids"]), n.astext())
            for n in tree.findall(nodes.Element)
            if classes.intersection(n["classes"])
        ]

    assert shape(rst) == shape(md)
    assert len([s for s in shape(rst) if s[0] == "footnote"]) == len(FOOTNOTED)


def test_unknown_keys_warn_where_they_stand_and_show(tmp_path) -> None:
    srcdir = cs.copy_root("footcite", tmp_path / "src")
    (srcdir / "chapter_rst.rst").write_text(
        "Chapter (reST)\n==============\n\nUNKNOWN Unknown :seml:footcite:`nosuchkey2099`.\n\n"
        "MIXED Mixed :seml:footcitet:`sculley2015hidden, sculley2015hiden`.\n",
        encoding="utf-8",
    )
    (srcdir / "chapter_md.md").write_text(
        "# Chapter (MyST)\n\nUNKNOWN Unknown {seml-footcite}`nosuchkey2098`.\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert [w.split(" WARNING: ", 1)[0] for w in result.warnings] == [
        "chapter_md.md:3:",
        "chapter_rst.rst:4:",
        "chapter_rst.rst:6:",
    ]
    assert "seml-footcite: unknown entry key 'nosuchkey2098'" in result.warnings[0]
    assert "seml:footcite: unknown entry key 'nosuchkey2099'" in result.warnings[1]
    assert "did you mean 'sculley2015hidden'?" in result.warnings[2]
    assert all(w.endswith("[seml.unknown_key]") for w in result.warnings)
    shown = paragraphs(result.html("chapter_rst"))
    assert shown["UNKNOWN"] == "UNKNOWN Unknown [nosuchkey2099?]."
    assert shown["MIXED"] == "MIXED Mixed Sculley et al.[1][sculley2015hiden?]."
    assert paragraphs(result.html("chapter_md"))["UNKNOWN"] == "UNKNOWN Unknown [nosuchkey2098?]."


def test_numbers_follow_the_text_among_anonymous_footnotes(tmp_path) -> None:
    """reST pairs ``[#]_`` marks with ``.. [#]`` footnotes in order: footnote citations
    between them take their number in the text without breaking the pairs."""
    srcdir = cs.copy_root("footcite", tmp_path / "src")
    (srcdir / "chapter_rst.rst").write_text(
        "Chapter (reST)\n==============\n\n"
        "MIXED First [#]_, cited :seml:footcite:`zinkevichrules`, second [#]_.\n\n"
        ".. [#] The first note.\n.. [#] The second note.\n",
        encoding="utf-8",
    )
    result = cs.build(srcdir, "html")
    assert result.warnings == []
    page = result.html("chapter_rst")
    assert paragraphs(page)["MIXED"] == "MIXED First [1], cited [2], second [3]."
    notes = {}
    for aside in cs.body(page).find_all("aside", cls="footnote"):
        label = aside.find("span", cls="label").text().strip("[]")
        notes[label] = " ".join(aside.find("p").text().split())
    assert notes["1"] == "The first note."
    assert notes["2"].startswith("Martin Zinkevich (n.d.). Rules of Machine Learning")
    assert notes["3"] == "The second note."


def test_the_author_year_style_and_a_csl_reference_style(shared_build) -> None:
    pytest.importorskip("citeproc", reason="the csl extra (citeproc-py) is not installed")
    built = shared_build(
        "footcite",
        "html",
        confoverrides={"seml_citation_style": "author-year", "seml_reference_style": "apa"},
    )
    assert built.warnings == []
    page = built.html("chapter_rst")
    # The marks are footnote numbers in every citation style.
    assert paragraphs(page)["TEXTUAL"] == "TEXTUAL As Amershi et al.[2] show."
    sculley = cs.body(page).find("aside", cls="seml-footnote")
    text = " ".join(sculley.find("p", cls="seml-reference").text().split())
    # APA: initials after the family name, the year in parentheses after the authors.
    assert text.startswith("Sculley, D., Holt, G.,")
    assert "& Dennison, D. (2015)." in text


def test_trim_footnote_reference_space(shared_build) -> None:
    """Sphinx's setting for ``[#]_`` applies to footnote citations too."""
    built = shared_build("footcite", "html", confoverrides={"trim_footnote_reference_space": True})
    assert built.warnings == []
    shown = paragraphs(built.html("chapter_md"))
    assert shown["DEBT"] == "DEBT Technical debt[1]."
    assert shown["SEVERAL"] == "SEVERAL Two at once[3][4]."


# -- other builders --------------------------------------------------------------------


def test_text_has_readable_footnotes(shared_build) -> None:
    built = shared_build("footcite", "text")
    assert built.warnings == []
    text = built.read("chapter_rst.txt")
    assert "DEBT Technical debt [1]." in text
    assert "TEXTUAL As Amershi et al.[2] show." in text
    # Without the spaces, which the text writer adds where it wraps lines ("Jean-\n François").
    flat = "".join(text.split())
    assert "".join(f"[1] {SCULLEY_REFERENCE} [Must-read] [Scientific]".split()) in flat
    assert flat.count("[1]D.Sculley") == 1
    # The footnotes of the first part before the second part, the last one after it.
    assert flat.index("[6]DaniloSato") < flat.index("Secondpart") < flat.index("[7]Denis")


def test_latex_writes_real_footnotes(shared_build) -> None:
    built = shared_build("footcite", "latex")
    assert built.warnings == []
    tex = built.read("seml-footcite.tex")
    chapter = tex[tex.index(r"\chapter{Chapter (reST)}") : tex.index(r"\chapter{Chapter (MyST)}")]
    # The footnote's text in the paragraph, where LaTeX sets it at the foot of the page.
    debt = chapter.index("DEBT Technical debt")
    start = chapter.index(r"\begin{footnote}[1]", debt)
    assert chapter[debt:start].count("\n") == 1
    footnote = chapter[start : chapter.index(r"\end{footnote}", start)]
    assert "Hidden Technical Debt in Machine Learning Systems" in footnote
    assert r"\sphinxhref{https://papers.nips.cc/" in footnote
    # The same entry again: the mark of the same footnote, not a second footnote.
    assert r"AGAIN The same paper again \sphinxfootnotemark[1]." in chapter
    assert chapter.count(r"\begin{footnote}") == len(FOOTNOTED) + 1  # and the page's own
    # Two marks at once are told apart: 3,4, not 34.
    assert "\\end{footnote}\\textsuperscript{,}%\n\\begin{footnote}[4]" in chapter
    assert r"As \DUrole{seml-footcite-author}{Amershi et al.}%" in chapter


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_the_pdf_compiles(tmp_path) -> None:
    srcdir = cs.copy_root("footcite", tmp_path / "src")
    result = cs.build(srcdir, "latex")
    assert result.warnings == []
    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "seml-footcite.tex"],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = (result.outdir / "seml-footcite.log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, done.stdout[-3000:] + log[-3000:]
    assert (result.outdir / "seml-footcite.pdf").is_file()


@pytest.mark.parametrize(
    ("builder", "path", "expected"),
    [
        ("man", "seml-footcite.1", [".IP [1] 5\nD. Sculley, Gary Holt", "Amershi et al.[2]"]),
        (
            "texinfo",
            "seml-footcite.texi",
            ["Technical debt @footnote{", "Amershi et al.@footnote{"],
        ),
        ("epub", "chapter_rst.xhtml", ['id="seml-footcite-sculley2015hidden"', "Amershi et al."]),
    ],
)
def test_man_texinfo_and_epub(shared_build, builder, path, expected) -> None:
    built = shared_build(
        "footcite", builder, confoverrides={"epub_copyright": "2026", "version": "1"}
    )
    assert [w for w in built.warnings if "seml" in w or "ootnote" in w] == []
    output = built.read(path)
    for text in expected:
        assert text in output
    assert "Hidden Technical Debt in Machine Learning Systems" in output


# -- parallel and incremental builds ----------------------------------------------------

MANY = 12


def many_pages(srcdir) -> None:
    """Footnote citations on many more pages, the same entries on each, reST and MyST."""
    pages = [f"page{n:02d}" for n in range(MANY)]
    for n, page in enumerate(pages):
        a, b, c = FOOTNOTED[n % 3 : n % 3 + 3]
        if n % 2:
            text = (
                f"# Page {n}\n\nText {{seml:footcite}}`{a}` and {{seml:footcitet}}`{b}`,"
                f" {{seml:footcite}}`{c}, {a}`.\n"
            )
            (srcdir / f"{page}.md").write_text(text, encoding="utf-8")
        else:
            text = (
                f"Page {n}\n=======\n\nText :seml:footcite:`{a}` and :seml:footcitet:`{b}`,"
                f" :seml:footcite:`{c}, {a}`.\n"
            )
            (srcdir / f"{page}.rst").write_text(text, encoding="utf-8")
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8") + "".join(f"   {p}\n" for p in pages), encoding="utf-8"
    )


def test_a_parallel_build_writes_the_same_bytes(tmp_path) -> None:
    outputs = []
    for jobs in (1, 2):
        srcdir = cs.copy_root("footcite", tmp_path / f"src{jobs}")
        many_pages(srcdir)
        result = cs.build(srcdir, "html", builddir=tmp_path / f"build{jobs}", parallel=jobs)
        assert result.warnings == []
        outputs.append(cs.output_files(result.outdir, (".html",)))
    serial, parallel = outputs
    assert sorted(serial) == sorted(parallel)
    assert len(serial) > MANY
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert b"seml-footcite-sculley2015hidden" in serial["page00.html"]


TEAM = """\
entries:
  - key: acme2025canary
    title: Canary Releases for Ranking Models
    url: https://wiki.example.com/ml/runbooks/canary
    category: deployment
    type: guide
    year: 2025
"""


def test_an_edited_entry_rewrites_its_footnotes(tmp_path) -> None:
    srcdir = cs.copy_root("footcite", tmp_path / "src")
    (srcdir / "team.yaml").write_text(TEAM, encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('seml_catalogues = ["team.yaml"]\n')
    page = srcdir / "chapter_md.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nTEAM Ours {seml:footcitet}`acme2025canary`.\n",
        encoding="utf-8",
    )
    first = cs.build(srcdir, "html")
    assert first.warnings == []
    assert "Canary Releases for Ranking Models" in first.read("chapter_md.html")
    before = cs.snapshot(first.outdir)

    (srcdir / "team.yaml").write_text(
        TEAM.replace("Canary Releases", "Staged Rollouts"), encoding="utf-8"
    )
    cs.bump_mtime(srcdir / "team.yaml")
    again = cs.build(srcdir, "html")
    assert again.warnings == []
    assert "chapter_md" in cs.rewritten(again.outdir, before)
    end = cs.body(again.html("chapter_md")).find_all("div", cls="seml-footbibliography")[-1]
    assert footnotes(end) == [
        ("7", title("baylor2019continuous")),
        ("9", "Staged Rollouts for Ranking Models"),  # 8 is the page's own
    ]
    assert "Canary Releases" not in again.read("chapter_md.html")

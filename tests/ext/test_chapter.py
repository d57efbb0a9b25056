"""A book chapter using every citation role with notes and locators (issue 13, "done
when"): the reST chapter and its MyST twin (root ``chapter``) build without a warning in
html, latex, text and epub, in the three citation styles and with the ``apa`` CSL style;
the twins give one doctree; the PDF compiles with the footnotes at the foot of the page."""

from __future__ import annotations

import shutil

import pytest
from docutils import nodes
from semltest import citations as cs

from .test_myst import normalised

DOCNAMES = ("chapter_rst", "chapter_md")
CONFIGS = {
    "numeric": {"seml_citation_style": "numeric"},
    "author-year": {"seml_citation_style": "author-year"},
    "label": {"seml_citation_style": "label"},
    "apa": {"seml_citation_style": "author-year", "seml_reference_style": "apa"},
}
EPUB = {"epub_copyright": "2026", "version": "1"}


def build(shared_build, builder: str, config: str):
    if config == "apa":
        pytest.importorskip("citeproc", reason="the csl extra (citeproc-py) is not installed")
    overrides = {**CONFIGS[config], **(EPUB if builder == "epub" else {})}
    return shared_build("chapter", builder, confoverrides=overrides)


def flat(text: str) -> str:
    """The text without its line breaks (the text builder wraps at 70 columns)."""
    return " ".join(text.split())


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("builder", ["html", "latex", "text", "epub"])
def test_the_chapter_builds_without_a_warning(shared_build, builder, config) -> None:
    assert build(shared_build, builder, config).warnings == []


# What a reader sees of the first paragraphs and the footnotes, written by hand.
TEXT = {
    "numeric": [
        "Machine learning systems pile up hidden debt [see 1, p. 2], and"
        " Sculley et al. [1, sec. 3]",
        "Amershi et al. asked teams at Microsoft in 2019 (e.g. 2, pp. 291-300).",
        "Breck, Cai, Nielsen, Salib and Sculley [3] list the tests",
        "[3, fig. 1]; Sato, Wider and Windheuser bring continuous"
        " delivery to models [4, ch. 2; 5].",
    ],
    "author-year": [
        "hidden debt (see Sculley et al., 2015, p. 2), and\nSculley et al. (2015, sec. 3)",
        "Amershi et al. asked teams at Microsoft in 2019 (e.g. Amershi et al., 2019, pp. 291-300).",
        "Breck, Cai, Nielsen, Salib and Sculley (2016) list the tests",
        "(Breck, Cai, Nielsen, Salib and Sculley, 2016, fig. 1)",
    ],
    "label": [
        "hidden debt [see Sculley15, p. 2], and\nSculley et al. [Sculley15, sec. 3]",
        "(e.g. Amershi19, pp. 291-300)",
    ],
}
FOOTNOTES = [
    "The data side has its own debt[1], and Sato et al.[2] explain the\ndelivery pipeline;"
    " the same paper again[1].",
    "[2] see Danilo Sato, Arif Wider and Christoph Windheuser (2019).",
    "September 2019), ch. 2. [Must-read]",
]


@pytest.mark.parametrize("config", ["numeric", "author-year", "label"])
@pytest.mark.parametrize("docname", DOCNAMES)
def test_what_the_reader_sees(shared_build, config, docname) -> None:
    text = flat(build(shared_build, "text", config).read(f"{docname}.txt"))
    for expected in [*TEXT[config], *FOOTNOTES]:
        assert flat(expected) in text


@pytest.mark.parametrize("docname", DOCNAMES)
def test_apa_formats_the_references_and_the_locators(shared_build, docname) -> None:
    text = flat(build(shared_build, "text", "apa").read(f"{docname}.txt"))
    assert "(see Sculley et al., 2015, p. 2)" in text
    assert "Sculley et al. (2015, sec. 3)" not in text  # apa prints a section its way
    assert "Sculley et al. (2015, Section 3)" in text
    assert "2019, pp. 291–300)" in text  # apa's en dash
    assert "Sato, D., Wider, A., & Windheuser, C. (2019)." in text  # the footnote, in apa


def join_text(node: nodes.Element) -> None:
    """One text node for each run of text: MyST keeps a line break as a text node of its
    own, reST within the text around it."""
    children: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.Text) and children and isinstance(children[-1], nodes.Text):
            children[-1] = nodes.Text(children[-1] + child)
        else:
            children.append(child)
    node[:] = children


def test_the_twins_give_one_doctree(shared_build) -> None:
    env = build(shared_build, "html", "numeric").app.env
    trees = [env.get_doctree(d) for d in DOCNAMES]
    for tree in trees:
        for node in tree.findall(nodes.Element):
            # The citing document, which a placeholder keeps for LaTeX.
            node.attributes.pop("docname", None)
            join_text(node)
    rst, md = (normalised(tree) for tree in trees)
    assert rst == md
    for role in ("seml_citation", "footnote_reference", "seml_bibliography", "pending_xref"):
        assert f"<{role}" in rst, role


def test_html_links_and_footnotes(shared_build) -> None:
    built = build(shared_build, "html", "numeric")
    page = built.html("chapter_md")
    notes = [flat(n.text()) for n in page.find_all(cls="seml-footnote")]
    # The label, the two places citing the first (both marks of one footnote), the reference.
    assert notes[0].startswith("[1] (1,2) Neoklis Polyzotis, Sudip Roy")
    assert notes[1].startswith("[2] see Danilo Sato, Arif Wider and Christoph Windheuser")
    assert len(notes) == 2
    hrefs = [a.attrs["href"] for a in page.find("span", cls="seml-citation").find_all("a")]
    assert hrefs == ["#seml-sculley2015hidden"]  # the page's own bibliography


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_the_pdf_compiles_with_footnotes(shared_build) -> None:
    built = build(shared_build, "latex", "author-year")
    tex = built.read("chapter.tex")
    # A real footnote holding the reference with its notes.
    start = tex.index(r"\begin{footnote}[2]")
    footnote = tex[start : tex.index(r"\end{footnote}", start)]
    assert "see Danilo Sato, Arif Wider and Christoph Windheuser (2019)." in footnote
    assert "2019), ch.~2." in footnote or "2019), ch. 2." in footnote
    cs.latexmk(built.outdir, "chapter.tex")

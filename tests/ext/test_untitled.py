"""Works without a title (issue #14): a BibTeX ``@misc`` needs none, and BibTeX formats
it from its other fields; so do we, from reST and MyST, in every builder (root ``untitled``:
sphinxcontrib-bibtex's own two test entries without a title, and a titled one)."""

from __future__ import annotations

import importlib.util

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pybtex") is None, reason="reading BibTeX needs pybtex"
)

ROOT = "untitled"
PAGES = ["untitled_rst", "untitled_md"]
#: What a reader sees: the link without its scheme stands for the missing title, else
#: the key in a list; a reference without either is its authors and year.
EXPECTED = [
    "CITE [1] and Author [2], beside [3]; www.google.com.",
    "* notitle — Mr. Author (1837).",
    "* www.google.com — Mr. Author.",
    "* Notes on the Analytical Engine — Ada Lovelace (1843).",
    "[1] Mr. Author (1837).",
    "[2] Mr. Author (n.d.). www.google.com.",
    "[3] Ada Lovelace (1843). Notes on the Analytical Engine.",
]


def blocks(text: str) -> list[str]:
    """The page's paragraphs and items, each on one line, after its title."""
    return [" ".join(block.split()) for block in text.split("\n\n")[1:] if block.strip()]


@pytest.mark.parametrize("page", PAGES)
def test_text(shared_build, page):
    built = shared_build(ROOT, "text")
    assert built.warnings == []
    assert blocks(built.read(f"{page}.txt")) == EXPECTED


@pytest.mark.parametrize("page", PAGES)
def test_html_links_the_untitled_work_to_its_url(shared_build, page):
    built = shared_build(ROOT, "html")
    assert built.warnings == []
    html = built.read(f"{page}.html")
    assert html.count('href="http://www.google.com"') == 3  # list, bibliography, seml:ref
    # Without a link either, the key stands for the title, as text.
    assert '<span class="seml-title seml-unlinked">notitle</span>' in html


def test_author_year(shared_build):
    built = shared_build(ROOT, "text", confoverrides={"seml_citation_style": "author-year"})
    assert built.warnings == []
    text = " ".join(built.read("untitled_md.txt").split())
    assert "CITE (Author, 1837) and Author (n.d.), beside (Lovelace, 1843)" in text


def test_latex(shared_build):
    built = shared_build(ROOT, "latex")
    assert built.warnings == []
    tex = built.read("seml-untitled.tex")
    assert "Mr. Author (1837)." in tex
    assert r"\sphinxhref{http://www.google.com}{www.google.com}" in tex

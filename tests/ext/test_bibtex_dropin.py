"""The drop-in mode (issue 14, item 3): ``extensions = ["sphinxext_seml.bibtex"]`` builds a
project written for sphinxcontrib-bibtex (root ``bibtex-dropin``), from reST and MyST.

The root is such a project as people have it: two ``.bib`` files without categories or
links (an ``@string``, LaTeX accents), ``bibtex_default_style = "unsrt"``, the citation roles
with notes, filters, key and label prefixes, footnote citations under a header, two
bibliographies on one page and one of listed keys. When sphinxcontrib-bibtex is installed,
the same root is built with it too and both give the same citations and lists.
"""

from __future__ import annotations

import importlib.util
import re

import pytest
from semltest import citations as cs

ROOT = "bibtex-dropin"
PAGES = [
    "citing_rst",
    "citing_md",
    "several",
    "footnotes_rst",
    "footnotes_md",
    "further",
    "forms_rst",
    "forms_md",
    "footforms_rst",
    "footforms_md",
]
# What sphinxcontrib-bibtex prints for the marked paragraphs (its text output).
CITING = {
    "PAREN": "PAREN Analysis [1].",
    "TEXTUAL": "TEXTUAL As Einstein [see 2, p. 3] shows.",
    "CAPITAL": "CAPITAL Van Rossum and Drake [3] wrote it, with every author [3].",
    "BARE": "BARE The laws [also 4] and [1, 2].",
}
FOOTNOTES = {
    "FOOT": "FOOT Computable numbers[1], communication[2].",
    "FOOTT": "FOOTT As Turing[1] showed.",
}
# The bracketed (``par``) and full-author forms, and the footnote forms ts, ct, cts, ps.
FORMS = {
    "PAR": "PAR By [Einstein] [1905], [{prefix}2].",
    "ALL": "ALL Aho, Sethi and Ullman, Aho, Sethi and Ullman and Aho et al. wrote"
    " [Aho, Sethi and Ullman].",
}
FOOTFORMS = {
    "FOOTS": "FOOTS Van Rossum and Drake[1] and Aho, Sethi and Ullman[2], after"
    " Aho, Sethi and Ullman[2] and[3].",
}
HAS_BIBTEX = importlib.util.find_spec("sphinxcontrib.bibtex") is not None


def paragraphs(text: str) -> dict[str, str]:
    """Marker word -> its paragraph on one line."""
    out = {}
    for block in text.split("\n\n"):
        flat = " ".join(block.split())
        marker = flat.split(" ", 1)[0]
        if marker.isupper() and marker.isalpha():
            out[marker] = flat
    return out


def typeset_alike(paragraph: str) -> str:
    """sphinxcontrib-bibtex's text as ours sets it: pybtex puts a serial comma before the
    last of three or more authors ("Aho, Sethi, and Ullman") and "et al." in italics; the
    migration how-to names both differences."""
    return paragraph.replace(", and ", " and ").replace("*et al.*", "et al.")


def bibliography_labels(text: str) -> list[str]:
    """The labels that start the lines of the page's lists, in order ("[1]", "[B1]")."""
    return re.findall(r"^\[(\w+)\]", text, flags=re.MULTILINE)


def cited_labels(text: str) -> list[str]:
    """The labels in the marked paragraphs, as a reader sees them."""
    found = []
    for paragraph in paragraphs(text).values():
        found += re.findall(r"\[([^\]]+)\]", paragraph)
    return found


@pytest.fixture(scope="module")
def ours(shared_build):
    return shared_build(ROOT, "text")


@pytest.fixture(scope="module")
def theirs(shared_build):
    if not HAS_BIBTEX:
        pytest.skip("sphinxcontrib-bibtex is not installed")
    overrides = {"extensions": ["sphinxcontrib.bibtex", "myst_parser"]}
    return shared_build(ROOT, "text", confoverrides=overrides)


def test_builds_warning_free(ours, shared_build):
    assert ours.warnings == []
    assert shared_build(ROOT, "html").warnings == []


@pytest.mark.parametrize("page", ["citing_rst", "citing_md"])
def test_roles_and_notes(ours, page):
    assert paragraphs(ours.read(f"{page}.txt")).items() >= CITING.items()


def test_parts_of_a_citation(ours):
    assert paragraphs(ours.read("citing_rst.txt"))["PARTS"] == ("PARTS Einstein in 1905, label 4.")


@pytest.mark.parametrize(("page", "prefix"), [("forms_rst", "R"), ("forms_md", "M")])
def test_bracketed_and_full_author_forms(ours, page, prefix):
    expected = {marker: text.format(prefix=prefix) for marker, text in FORMS.items()}
    assert paragraphs(ours.read(f"{page}.txt")).items() >= expected.items()


@pytest.mark.parametrize("page", ["footforms_rst", "footforms_md"])
def test_footnote_forms(ours, page):
    text = ours.read(f"{page}.txt")
    assert paragraphs(text).items() >= FOOTFORMS.items()
    assert text.index("[3] George Boole") > text.index("Notes")


@pytest.mark.parametrize("page", ["citing_rst", "citing_md"])
def test_local_bibliography_in_citation_order(ours, page):
    text = ours.read(f"{page}.txt")
    assert bibliography_labels(text) == ["1", "2", "3", "4"]
    listed = text[text.index("\n[1]") :]
    order = [listed.index(name) for name in ("Nelson", "Einstein", "Rossum", "Boole")]
    assert order == sorted(order)


def test_entries_without_links_or_categories_render(ours):
    text = " ".join(ours.read("citing_rst.txt").split())
    # The @string macro and the LaTeX accent, decoded.
    assert "Radically Elementary Probability Theory. Princeton University Press." in text
    assert "Zur Elektrodynamik bewegter Körper" in text


def test_several_bibliographies_on_one_page(ours):
    text = ours.read("several.txt")
    labels = bibliography_labels(text)
    # Each prefix numbers its own bibliography from 1.
    assert labels == ["B1", "A1"]
    books, articles = text.split("Articles")
    assert ("Lamport" in books, "Knuth" in books) == (True, False)
    assert ("Knuth" in articles, "Lamport" in articles) == (True, False)
    # Each citation shows the label of its entry.
    assert cited_labels(text) == labels


def test_listed_keys_only(ours):
    text = ours.read("further.txt")
    assert bibliography_labels(text) == ["F1", "F2"]
    assert ("Turing" in text, "Shannon" in text, "Nelson" in text) == (True, True, False)


@pytest.mark.parametrize("page", ["footnotes_rst", "footnotes_md"])
def test_footnote_citations_under_the_header(ours, page):
    text = ours.read(f"{page}.txt")
    assert paragraphs(text).items() >= FOOTNOTES.items()
    notes = text.index("Notes")
    assert text.index("[1] Alan M. Turing") > notes
    assert text.index("[2] Claude E. Shannon") > notes
    assert bibliography_labels(text) == ["1", "2"]


def test_html_citations_link_to_their_pages_bibliography(shared_build):
    built = shared_build(ROOT, "html")
    pages = [f"{page}.html" for page in ("citing_rst", "citing_md", "several")]
    links = cs.citation_links(built.outdir, pages)
    assert len(links) == 10 + 7 + 2
    assert all(link.file == link.page for link in links)
    assert cs.missing_targets(built.outdir, links) == []


def test_parallel_build_gives_the_same_pages(ours, shared_build):
    parallel = shared_build(ROOT, "text", parallel=2)
    assert parallel.warnings == []
    for page in PAGES:
        assert parallel.read(f"{page}.txt") == ours.read(f"{page}.txt"), page


def test_an_edited_bib_entry_rewrites_the_pages_that_show_it(tmp_path):
    srcdir = cs.copy_root(ROOT, tmp_path / "root")
    first = cs.build(srcdir, "text", freshenv=True)
    assert first.warnings == []
    before = cs.snapshot(first.outdir, ".txt")
    bib = srcdir / "more.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("A Mathematical Theory", "The Mathematical Theory"),
        encoding="utf-8",
    )
    cs.bump_mtime(bib)
    second = cs.build(srcdir, "text")
    assert second.warnings == []
    changed = cs.rewritten(second.outdir, before, ".txt")
    assert {"footnotes_rst", "footnotes_md", "further"} <= changed
    assert not changed & {"citing_rst", "citing_md", "several"}
    assert "The Mathematical Theory" in second.read("further.txt")


def test_latex_build(shared_build):
    built = shared_build(ROOT, "latex")
    assert built.warnings == []
    tex = built.read("bibtex-dropin.tex")
    assert "Radically Elementary Probability Theory" in tex
    # Two footnotes on each footnotes page, three on each footforms page (aho1986 twice).
    assert tex.count(r"\begin{footnote}") == 2 * 2 + 2 * 3


@pytest.mark.skipif(not HAS_BIBTEX, reason="sphinxcontrib-bibtex is not installed")
def test_sphinxcontrib_bibtex_builds_it_too(theirs):
    assert theirs.warnings == []


#: sphinxcontrib-bibtex's four styles: numbers or alpha labels, sorted or in citation order.
STYLES = ["unsrt", "plain", "alpha", "unsrtalpha"]


@pytest.mark.skipif(not HAS_BIBTEX, reason="sphinxcontrib-bibtex is not installed")
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("page", PAGES)
def test_same_as_sphinxcontrib_bibtex(shared_build, style, page):
    style_override = {"bibtex_default_style": style}
    mine = shared_build(ROOT, "text", confoverrides=style_override)
    reference = shared_build(
        ROOT,
        "text",
        confoverrides={**style_override, "extensions": ["sphinxcontrib.bibtex", "myst_parser"]},
    )
    assert mine.warnings == reference.warnings == []
    mine_text, reference_text = mine.read(f"{page}.txt"), reference.read(f"{page}.txt")
    # The same entries in the same order with the same labels, and the same citations.
    assert bibliography_labels(mine_text) == bibliography_labels(reference_text)
    theirs_typeset = {k: typeset_alike(v) for k, v in paragraphs(reference_text).items()}
    assert paragraphs(mine_text) == theirs_typeset


@pytest.mark.skipif(not HAS_BIBTEX, reason="sphinxcontrib-bibtex is not installed")
def test_the_comparison_is_with_sphinxcontrib_bibtex(theirs):
    # pybtex's own format: the year at the end, titles in italics.
    text = " ".join(theirs.read("citing_rst.txt").split())
    assert "*Radically Elementary Probability Theory*. Princeton University Press, 1987." in text


def test_the_how_tos_seml_setup_builds_warning_free(tmp_path):
    # Step 3 of the migration how-to: the same .bib files as seml catalogues, seml's roles.
    srcdir = cs.copy_root(ROOT, tmp_path / "root")
    for page in srcdir.iterdir():
        if page.suffix in (".rst", ".md"):
            page.unlink()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinxext_seml"]\n'
        'seml_catalogues = ["refs.bib", "more.bib"]\n'
        "seml_include_builtin = False\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Moved\n=====\n\n"
        "MOVED :seml:cite:`nelson1987` and :seml:citet:`{see}einstein1905{p. 3}`,"
        " :seml:cite:`turing1936`.\n\n"
        ".. seml-bibliography::\n   :local:\n",
        encoding="utf-8",
    )
    built = cs.build(srcdir, "text", freshenv=True)
    assert built.warnings == []
    text = built.read("index.txt")
    assert paragraphs(text)["MOVED"] == "MOVED [1] and Einstein [see 2, p. 3], [3]."
    flat = " ".join(text.split())
    assert "Edward Nelson (1987). Radically Elementary Probability Theory." in flat
    assert "Alan M. Turing" in flat

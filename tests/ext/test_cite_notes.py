"""Notes and locators (issue 13, item 1) and the full-author forms (item 2), from reST and
MyST (root ``citenotes``): ``{see}key{p. 3}`` in every form and citation style, a locator
printed by a CSL reference style its own way, and syntax mistakes as located warnings."""

from __future__ import annotations

import pytest
from semltest import citations as cs

DOCNAMES = ["notes_rst", "notes_md"]

# paragraph marker -> the citation's text in the numeric, author-year and label styles
EXPECTED = {
    "PRE": ("[see 1, p. 3]", "(see Sculley et al., 2015, p. 3)", "[see Sculley15, p. 3]"),
    "TWO": (
        "[see 1, p. 3; 2, ch. 2]",
        "(see Sculley et al., 2015, p. 3; Smith et al., 2020, ch. 2)",
        "[see Sculley15, p. 3; Smith20, ch. 2]",
    ),
    "TEXTUAL": (
        "Sculley et al. [1, pp. 4-5]",
        "Sculley et al. (2015, pp. 4-5)",
        "Sculley et al. [Sculley15, pp. 4-5]",
    ),
    "ALP": ("e.g. 2", "e.g. Smith et al., 2020", "e.g. Smith20"),
    "FREE": (
        "[1, and elsewhere]",
        "(Sculley et al., 2015, and elsewhere)",
        "[Sculley15, and elsewhere]",
    ),
    "FIG": ("[2, fig. 4]", "(Smith et al., 2020, fig. 4)", "[Smith20, fig. 4]"),
    "FULLP": ("[2]", "(Smith, Jones and Wu, 2020)", "[Smith20]"),
    "FULLT": (
        "Smith, Jones and Wu [2]",
        "Smith, Jones and Wu (2020)",
        "Smith, Jones and Wu [Smith20]",
    ),
    "FULLA": ("Smith, Jones and Wu",) * 3,
    "HYPHEN": (
        "Smith, Jones and Wu [2, p. 7]",
        "Smith, Jones and Wu (2020, p. 7)",
        "Smith, Jones and Wu [Smith20, p. 7]",
    ),
}
STYLES = ("numeric", "author-year", "label")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("docname", DOCNAMES)
def test_notes_read_as_written_in_every_style(shared_build, style, docname) -> None:
    built = shared_build("citenotes", "html", confoverrides={"seml_citation_style": style})
    assert built.warnings == []
    column = STYLES.index(style)
    shown = {k: c.text() for k, c in cs.citations_by_marker(built.html(docname)).items()}
    assert shown == {k: v[column] for k, v in EXPECTED.items()}


@pytest.mark.parametrize("docname", DOCNAMES)
def test_the_notes_stay_outside_the_link(shared_build, docname) -> None:
    built = shared_build("citenotes", "html", confoverrides={"seml_citation_style": "author-year"})
    two = cs.citations_by_marker(built.html(docname))["TWO"]
    links = [(a.text(), a.attrs["href"]) for a in two.find_all("a")]
    assert links == [
        ("Sculley et al., 2015", "index.html#seml-sculley2015hidden"),
        ("Smith et al., 2020", "index.html#seml-smith2020three"),
    ]


# The same chapter with a CSL reference style: a recognised locator is printed the
# style's way (apa: "pp. 4–5" with an en dash, "Figure 4"; ieee: "Fig. 4"); a chapter,
# which citeproc's apa prints without its term, and free text stay as written.
CSL_EXPECTED = {
    "apa": {
        "PRE": "(see Sculley et al., 2015, p. 3)",
        "TWO": "(see Sculley et al., 2015, p. 3; Smith et al., 2020, ch. 2)",
        "TEXTUAL": "Sculley et al. (2015, pp. 4–5)",
        "FREE": "(Sculley et al., 2015, and elsewhere)",
        "FIG": "(Smith et al., 2020, Figure 4)",
    },
    "ieee": {
        "PRE": "[see 1, p. 3]",
        "TWO": "[see 1, p. 3; 2, Ch. 2]",
        "TEXTUAL": "Sculley et al. [1, pp. 4–5]",
        "FREE": "[1, and elsewhere]",
        "FIG": "[2, Fig. 4]",
    },
}


@pytest.mark.parametrize("csl", ["apa", "ieee"])
@pytest.mark.parametrize("docname", DOCNAMES)
def test_a_csl_style_prints_the_locator_its_own_way(shared_build, csl, docname) -> None:
    pytest.importorskip("citeproc")
    style = "author-year" if csl == "apa" else "numeric"
    built = shared_build(
        "citenotes",
        "html",
        confoverrides={"seml_citation_style": style, "seml_reference_style": csl},
    )
    assert built.warnings == []
    shown = {k: c.text() for k, c in cs.citations_by_marker(built.html(docname)).items()}
    assert {k: shown[k] for k in CSL_EXPECTED[csl]} == CSL_EXPECTED[csl]


def test_the_twins_give_one_doctree(shared_build) -> None:
    built = shared_build("citenotes", "html")
    rst, md = (built.app.env.get_doctree(d) for d in DOCNAMES)

    def shape(tree) -> list[tuple[str, str, str]]:
        return [
            (n["form"], repr(n["keys"]), repr(n["notes"]))
            for n in tree.findall()
            if n.tagname == "seml_citation"
        ]

    assert shape(rst) == shape(md)
    assert len(shape(rst)) == 10


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_notes_in_other_builders(shared_build, builder) -> None:
    built = shared_build("citenotes", builder, confoverrides={"seml_citation_style": "author-year"})
    assert built.warnings == []
    if builder == "text":
        text = built.read("notes_rst.txt")
        assert "PRE (see Sculley et al., 2015, p. 3)." in text
        assert "FULLT Smith, Jones and Wu (2020)." in text
    else:
        tex = built.read("seml-citenotes.tex")
        # The notes are text around the link, inside the citation's brackets.
        assert (
            r"PRE \DUrole{seml-citation}{(see \phantomsection"
            r"\label{\detokenize{notes_rst:seml-cite-sculley2015hidden-1}}"
            r"{\hyperref[\detokenize{index:seml-sculley2015hidden}]"
            r"{\sphinxcrossref{\DUrole{seml-cite-label}{Sculley et al., 2015}}}}, p. 3)}."
        ) in tex


BAD_RST = """Bad (reST)
==========

Unclosed :seml:cite:`{see}sculley2015hidden{p. 3`.

Two keys :seml:cite:`sculley2015hidden amershi2019software`.

Note on nocite :seml:nocite:`sculley2015hidden{p. 3}`.
"""

BAD_MD = """# Bad (MyST)

Unclosed {seml:cite}`{see}sculley2015hidden{p. 3`.

No key {seml:citet}`{see}`.
"""


def test_syntax_mistakes_are_located_warnings(tmp_path) -> None:
    srcdir = cs.copy_root("citenotes", tmp_path / "src")
    (srcdir / "notes_rst.rst").write_text(BAD_RST, encoding="utf-8")
    (srcdir / "notes_md.md").write_text(BAD_MD, encoding="utf-8")
    result = cs.build(srcdir, "html")
    got = sorted(result.warnings)
    assert [w.split(" WARNING: ", 1)[0] for w in got] == [
        "notes_md.md:3:",
        "notes_md.md:5:",
        "notes_rst.rst:4:",
        "notes_rst.rst:6:",
        "notes_rst.rst:8:",
    ]
    messages = [w.split(" WARNING: ", 1)[1] for w in got]
    assert messages[0] == (
        "seml:cite: unclosed '{' in a note at column 23 of '{see}sculley2015hidden{p. 3'"
        " [seml.citation_syntax]"
    )
    assert messages[1] == (
        "seml:citet: an entry key is missing at column 6 of '{see}' [seml.citation_syntax]"
    )
    assert messages[3] == (
        "seml:cite: unexpected 'amershi2019software' after the key 'sculley2015hidden'"
        " (separate keys with commas) at column 19 of 'sculley2015hidden amershi2019software'"
        " [seml.citation_syntax]"
    )
    assert messages[4] == (
        "seml:nocite: notes ({...}) have no effect in this role [seml.citation_syntax]"
    )
    # The mistaken citation is visible on the page, never silently dropped.
    page = result.html("notes_rst")
    problems = [p.text() for p in page.find_all(cls="problematic")]
    assert ":seml:cite:`{see}sculley2015hidden{p. 3`" in problems

"""The natbib forms of a citation (issue 13, item 2): ``seml:citep`` (= ``cite``),
``seml:citealp``, ``seml:citeauthor``, ``seml:citeyear`` and their hyphenated aliases, from
reST and MyST (root ``citeforms``), in the numeric and author-year styles. Each links to
the entry in the bibliography, like ``cite``."""

from __future__ import annotations

import pytest
from semltest import citations as cs

DOCNAMES = ["forms_rst", "forms_md"]
SCULLEY = "seml-sculley2015hidden"

# paragraph marker -> the citation's text, numeric then author-year
EXPECTED = {
    "P": ("[1]", "(Sculley et al., 2015)"),
    "ALP": ("1, 2", "Sculley et al., 2015; Amershi et al., 2019"),
    "AUTHOR": ("Sculley et al.", "Sculley et al."),
    "YEAR": ("2015", "2015"),
    "HYPHEN": ("2", "Amershi et al., 2019"),
}


@pytest.fixture(scope="module", params=["numeric", "author-year"])
def styled(request, shared_build):
    built = shared_build("citeforms", "html", confoverrides={"seml_citation_style": request.param})
    assert built.warnings == []
    return request.param, built


@pytest.mark.parametrize("docname", DOCNAMES)
def test_each_form_reads_as_natbib_has_it(styled, docname) -> None:
    style, built = styled
    column = 0 if style == "numeric" else 1
    shown = {k: c.text() for k, c in cs.citations_by_marker(built.html(docname)).items()}
    assert shown == {k: v[column] for k, v in EXPECTED.items()}


@pytest.mark.parametrize("docname", DOCNAMES)
def test_each_form_links_to_the_bibliography(styled, docname) -> None:
    _, built = styled
    for marker, citation in cs.citations_by_marker(built.html(docname)).items():
        links = [a.attrs["href"] for a in citation.find_all("a")]
        assert links, marker
        assert all(href.startswith("index.html#seml-") for href in links), (marker, links)
    first = cs.citations_by_marker(built.html(docname))["AUTHOR"].find("a")
    assert first.attrs["href"] == f"index.html#{SCULLEY}"


def test_the_forms_cite(styled) -> None:
    """Every form cites: the entries are in the bibliography (in citation order in the
    numeric style, by author in the author-year style)."""
    style, built = styled
    box = built.html("index").find("div", cls="seml-bibliography")
    ids = [el.id for el in box.iter() if el.id and el.id.startswith("seml-") and el.id != box.id]
    amershi = "seml-amershi2019software"
    assert ids == ([SCULLEY, amershi] if style == "numeric" else [amershi, SCULLEY])


def test_the_twins_give_one_doctree(shared_build) -> None:
    built = shared_build("citeforms", "html")
    rst, md = (built.app.env.get_doctree(d) for d in DOCNAMES)

    def shape(tree) -> list[str]:
        return [n.astext() for n in tree.findall() if n.tagname == "seml_citation"]

    assert shape(rst) == shape(md)
    assert len(shape(rst)) == 5

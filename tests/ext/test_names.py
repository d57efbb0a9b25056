"""Names as people have them (issue 13, points 4 and 7): labels, sorting, the
bibliography and CSL from one name model, for authors read from the native
format (strings and mappings), BibTeX and CSL-JSON.

Root ``names``: ``index.rst`` cites every entry once, one per line, in the order
of :data:`CITED`, and holds the project's bibliography; ``sorted.rst`` lists every
entry with ``:sort: author``. Every expected value is written by hand from the
rules of the catalogue format reference (docs/reference/catalogue-format.md).
"""

from __future__ import annotations

import re

import pytest
from semltest import citations as cs

#: key -> (author-year label, label-style label); cited in this order.
CITED = {
    # people.yaml
    "king1963letter": ("King, 1963", "King63"),  # a mapping with a suffix
    "vanrossum2009history": ("van Rossum, 2009", "vanRossum09"),
    "beethoven1808symphony": ("van Beethoven, 1808", "vanBeethoven08"),  # "Ludwig van Beethoven"
    "beethoven1824symphony": ("Beethoven, 1824", "Beethoven24"),  # "Beethoven, Ludwig van"
    "google2018research": ("Google Research, 2018", "GoogleResearch18"),  # {literal: ...}
    "ngugi1986decolonising": ("wa Thiong'o, 1986", "waThiongo86"),
    "wang1994golden": ("王小波, 1994", "王小波94"),
    "plato": ("Plato, n.d.", "Plato"),  # one name, no year
    "kernighan1978c": ("Kernighan and Ritchie, 1978", "Kernighan78"),  # two
    "aho1986compilers": ("Aho et al., 1986", "Aho86"),  # three
    "gamma1994design": ("Gamma et al., 1994", "Gamma94"),  # four
    # people.bib
    "adalap2001": ("al Ap, 2001", "alAp01"),  # "Ad al Ap" and "Do de Du" alike
    "dodedu2002": ("de Du, 2002", "deDu02"),
    "king1967where": ("King, 1967", "King67"),  # "King, Jr, Martin Luther"
    "googleresearch2019": ("Google Research, 2019", "GoogleResearch19"),  # {Google Research}
    "vanrossum2010tutorial": ("van Rossum and Drake, 2010", "vanRossum10"),
    # people.csl.json
    "ngugi1977petals": ("wa Thiong'o, 1977", "waThiongo77"),  # non-dropping-particle
    "beethoven1800septet": ("Beethoven, 1800", "Beethoven00"),  # dropping-particle
    "deepmind2016go": ("DeepMind, 2016", "DeepMind16"),  # literal
}

#: Chicago order: family name first, particles after the given names, then the year.
BY_AUTHOR = [
    "aho1986compilers",  # Aho
    "adalap2001",  # Ap, Ad al
    "beethoven1800septet",  # Beethoven, Ludwig van (all three spellings alike)
    "beethoven1808symphony",
    "beethoven1824symphony",
    "deepmind2016go",
    "dodedu2002",  # Du, Do de
    "gamma1994design",
    "google2018research",
    "googleresearch2019",
    "kernighan1978c",
    "king1963letter",  # King, Martin Luther, Jr.: by year
    "king1967where",
    "plato",
    "vanrossum2009history",  # Rossum, Guido van
    "vanrossum2010tutorial",
    "ngugi1977petals",  # Thiong'o, Ngũgĩ wa
    "ngugi1986decolonising",
    "wang1994golden",  # 王小波 (after the Latin script)
]

#: The built-in reference format: names in reading order.
REFERENCES = {
    "king1963letter": "Martin Luther King Jr. (1963). Letter from Birmingham Jail.",
    "vanrossum2009history": "Guido van Rossum (2009). The History of Python.",
    "beethoven1824symphony": "Ludwig van Beethoven (1824). Symphony No. 9.",
    "google2018research": "Google Research (2018). Looking Back at 2018.",
    "ngugi1986decolonising": "Ngũgĩ wa Thiong'o (1986). Decolonising the Mind.",
    "wang1994golden": "王小波 (1994). 黄金时代.",
    "plato": "Plato (n.d.). The Republic.",
    "kernighan1978c": (
        "Brian W. Kernighan and Dennis M. Ritchie (1978). The C Programming Language."
    ),
    "aho1986compilers": (
        "Alfred V. Aho, Ravi Sethi and Jeffrey D. Ullman (1986)."
        " Compilers: Principles, Techniques, and Tools."
    ),
    "king1967where": "Martin Luther King Jr (1967). Where Do We Go from Here.",
    "googleresearch2019": "Google Research (2019). Looking Back at 2019.",
    "vanrossum2010tutorial": "Guido van Rossum and Fred L. Drake Jr. (2010). The Python Tutorial.",
    "beethoven1800septet": "Ludwig van Beethoven (1800). Septet.",
    "deepmind2016go": "DeepMind (2016). Mastering Go.",
}

#: APA (CSL) gets the name parts: suffix, particles (dropping and not), literals.
APA = {
    "king1963letter": "King, M. L., Jr. (1963). Letter from Birmingham Jail.",
    "vanrossum2009history": "van Rossum, G. (2009). The History of Python.",
    "beethoven1808symphony": "van Beethoven, L. (1808). Symphony No. 5.",
    "beethoven1824symphony": "Beethoven, L. van. (1824). Symphony No. 9.",
    "google2018research": "Google Research. (2018). Looking Back at 2018.",
    "ngugi1986decolonising": "wa Thiong'o, N. (1986). Decolonising the Mind.",
    "wang1994golden": "王小波. (1994). 黄金时代.",
    "kernighan1978c": "Kernighan, B. W., & Ritchie, D. M. (1978). The C Programming Language.",
    "aho1986compilers": "Aho, A. V., Sethi, R., & Ullman, J. D. (1986).",
    "adalap2001": "al Ap, A. (2001). Particles One.",
    "dodedu2002": "de Du, D. (2002). Particles Two.",
    "king1967where": "King, M. L., Jr. (1967). Where Do We Go from Here.",
    "vanrossum2010tutorial": "van Rossum, G., & Drake, F. L., Jr. (2010). The Python Tutorial.",
    "ngugi1977petals": "wa Thiong'o, N. (1977). Petals of Blood.",
    "beethoven1800septet": "Beethoven, L. van. (1800). Septet.",
    "deepmind2016go": "DeepMind. (2016). Mastering Go.",
}


def squash(text: str) -> str:
    return re.sub(r"[ \t\n]+", " ", text).strip()


def labels(built) -> list[str]:
    return [squash(span.text()) for span in cs.citation_spans(cs.body(built.html("index")))]


def references(built, docname: str = "index") -> dict[str, str]:
    """key -> the text of its bibliography entry."""
    bib = cs.body(built.html(docname)).find("div", "seml-bibliography")
    assert bib is not None
    out = {}
    for item in bib.iter():
        anchors = [el.id for el in item.iter() if el.id and el.id.startswith("seml-")]
        if item.tag in ("li", "dd") and anchors:
            out[cs.key_of_anchor(anchors[0])] = squash(item.text())
    return out


@pytest.fixture(scope="module", params=["numeric", "author-year", "label"])
def styled(request, shared_build):
    built = shared_build("names", "html", confoverrides={"seml_citation_style": request.param})
    assert built.warnings == []
    return request.param, built


def test_labels_in_every_style(styled) -> None:
    style, built = styled
    expected = {
        "numeric": [f"[{n}]" for n in range(1, len(CITED) + 1)],
        "author-year": [f"({year})" for year, _label in CITED.values()],
        "label": [f"[{label}]" for _year, label in CITED.values()],
    }[style]
    assert labels(built) == expected


def test_citations_link_to_their_entries(styled) -> None:
    _style, built = styled
    links = cs.citation_links(built.outdir, ["index.html"])
    assert [cs.key_of_anchor(link.fragment) for link in links] == list(CITED)
    assert cs.missing_targets(built.outdir, links) == []


def test_sort_by_author_is_chicago_order(styled) -> None:
    _style, built = styled
    bib = cs.body(built.html("sorted")).find("div", "seml-bibliography")
    assert cs.bibliography_keys(bib) == BY_AUTHOR


def test_bibliography_entries_show_names_in_reading_order(styled) -> None:
    _style, built = styled
    shown = references(built)
    for key, text in REFERENCES.items():
        assert shown[key].endswith(text), key


@pytest.mark.parametrize(
    ("language", "two", "many"),
    [
        ("de", "(Kernighan und Ritchie, 1978)", "(Aho u.\u00a0a., 1986)"),
        ("fr", "(Kernighan et Ritchie, 1978)", "(Aho et al., 1986)"),
    ],
)
def test_and_and_et_al_are_translated(shared_build, language, two, many) -> None:
    built = shared_build(
        "names",
        "html",
        confoverrides={"seml_citation_style": "author-year", "language": language},
    )
    shown = dict(zip(CITED, labels(built), strict=True))
    assert shown["kernighan1978c"] == two
    assert shown["aho1986compilers"] == many
    assert shown["gamma1994design"] == many.replace("Aho", "Gamma").replace("1986", "1994")
    assert shown["king1963letter"] == "(King, 1963)"


def test_csl_gets_the_name_parts(shared_build) -> None:
    pytest.importorskip("citeproc", reason="the csl extra (citeproc-py) is not installed")
    built = shared_build("names", "html", confoverrides={"seml_reference_style": "apa"})
    assert built.warnings == []
    shown = references(built)
    for key, text in APA.items():
        assert shown[key].startswith(text), (key, shown[key])
    assert labels(built)[:2] == ["[1]", "[2]"]

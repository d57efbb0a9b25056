"""The ``alpha`` citation style: BibTeX's ``alpha.bst`` labels, as pybtex (and so
sphinxcontrib-bibtex, whose default style it is) makes them."""

from __future__ import annotations

import pytest

from sphinxext_seml.catalogue.citations import Labeller
from sphinxext_seml.catalogue.model import OTHERS, Entry

#: BibTeX author field -> the label alpha.bst gives with the year 2015.
LABELS = {
    "Nelson, Edward": "Nel15",
    "Einstein, Albert": "Ein15",
    "van Rossum, Guido": "vR15",
    "van Rossum, Guido and Drake, Fred L.": "vRD15",
    "Sculley, D. and Holt, Gary and Golovin, Daniel": "SHG15",
    "Sculley, D. and Holt, Gary and Golovin, Daniel and Davydov, Eugene": "SHGD15",
    "Sculley, D. and Holt, Gary and Golovin, Daniel and Davydov, Eugene and Phillips, Todd": (
        "SHG+15"
    ),
    "Sculley, D. and others": "S+15",
    "Müller, Jörg": "Mul15",
    "Müller, Jörg and Lloyd Webber, Andrew": "MLW15",
    "Picard, Jean-Luc and Riker, William": "PR15",
}


def entry(authors: str, key: str = "key2015", year: int | None = 2015) -> Entry:
    names = tuple(OTHERS if a.strip() == "others" else a.strip() for a in authors.split(" and "))
    return Entry(key=key, title="A Title", url="", category="c", authors=names, year=year)


def label(item: Entry) -> str:
    return Labeller("alpha", [item.key], {item.key: item}).label(item)


@pytest.mark.parametrize(("authors", "expected"), LABELS.items())
def test_alpha_labels(authors, expected):
    assert label(entry(authors)) == expected


@pytest.mark.parametrize("authors", LABELS)
def test_same_as_pybtex(authors):
    pybtex = pytest.importorskip("pybtex.database")
    alpha = pytest.importorskip("pybtex.style.labels.alpha")
    bib = pybtex.parse_string(
        f"@article{{key2015, author = {{{authors}}}, title = {{A Title}}, year = 2015}}",
        "bibtex",
    )
    theirs = alpha.LabelStyle().format_label(bib.entries["key2015"])
    assert label(entry(authors)) == theirs


def test_no_author_no_year():
    assert label(Entry(key="anonymous", title="T", url="", category="c")) == "ano"


def test_letters_tell_apart_the_same_label():
    a, b = entry("Nelson, Edward", key="a"), entry("Nelson, Eve", key="b")
    labeller = Labeller("alpha", ["a", "b"], {"a": a, "b": b})
    assert [labeller.label(a), labeller.label(b)] == ["Nel15a", "Nel15b"]

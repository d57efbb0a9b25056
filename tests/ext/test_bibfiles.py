"""Issue #14: a project with ``.bib`` files as people have them builds ``-W`` clean.

No built-in catalogue and no categories in the ``.bib`` files (each file's entries are
listed under a category named after it), ``@string`` macros in a file of their own, a
``crossref`` chapter, a Latin-1 file named with its ``encoding`` and a default
``category``, and keys that BibTeX accepts (``srivastava+klassen_2016``, ``Tèst``,
``1987:nelson``, ``lib/2019.a-b``) cited from reST and MyST.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from semltest.html import Element, parse
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pybtex") is None, reason="reading BibTeX needs pybtex"
)

LATIN1 = (
    "@article{Smith1999,\n"
    "  author = {Smith, \u00c8ve},\n"
    "  title = {Donn\u00e9es et mod\u00e8les},\n"
    "  journal = {Revue},\n"
    "  year = {1999},\n"
    "  url = {https://smith.example/1999},\n"
    "}\n"
).encode("latin-1")

KEYS = (
    "srivastava+klassen_2016_statistical",
    "srivastava+klassen_2016_functional",
    "1987:nelson",
    "Tèst",
    "lib/2019.a-b",
    "Smith1999",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, rootdir):
    src = tmp_path_factory.mktemp("bibfiles") / "src"
    shutil.copytree(rootdir / "test-bibfiles", src)
    (src / "latin.bib").write_bytes(LATIN1)
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    app.build()
    yield app
    app.cleanup()


def page(app: SphinxTestApp, name: str) -> Element:
    return parse(Path(app.outdir) / f"{name}.html")


def words(tree: Element) -> str:
    return " ".join(tree.text().split())


def test_builds_without_warnings(built) -> None:
    assert built.warning.getvalue() == ""


def test_every_entry_is_listed_under_its_category(built) -> None:
    index = page(built, "index")
    headings = [" ".join(h.text().split()).rstrip("¶").strip() for h in index.find_all("h2")]
    assert headings == ["Refs", "Older papers"]  # after refs.bib, and named by latin.bib
    text = words(index)
    for title in (
        "Statistical Modeling of Functional Data",
        "Functional and Shape Data Analysis",
        "Sorting in O(n log n) Time",
        "Testing Über Alles",
        "A Key with a Slash",
        "Données et modèles",
    ):
        assert f"{title} —" in text, title  # the catalogue's line: title — authors


def test_bibtex_is_read_as_bibtex(built) -> None:
    text = words(page(built, "index"))
    # The chapter has the author, year and book of its book (crossref), the journal is a
    # macro of macros.bib, and the Latin-1 file reads as its encoding says.
    assert (
        "Anuj Srivastava and Eric P. Klassen (2016a). Statistical Modeling of Functional"
        " Data. Functional and Shape Data Analysis." in text
    )
    assert "Ann Nelson (1987). Sorting in O(n log n) Time. Journal of Machine Learning" in text
    assert "Ève Smith (1999). Données et modèles. Revue." in text


def test_links_of_entries(built) -> None:
    links = [a.attrs.get("href") for a in page(built, "index").find_all("a", "seml-title")]
    # the book's link for the book and its chapter, each in the bibliography and the catalogue
    assert links.count("https://www.springer.com/gp/book/9781493940189") == 4
    assert "https://nelson.example/1987" in links  # note = {\url{...}}
    assert "https://mueller.example/test" in links  # howpublished = {\href{...}{...}}


@pytest.mark.parametrize(("name", "cited"), [("index", 6), ("cites_md", 4)])
def test_unusual_keys_are_cited_and_link_to_safe_unique_anchors(built, name, cited) -> None:
    ids = page(built, "index").ids()
    entry_ids = [i for i in ids if i.startswith("seml-")]
    assert all(re.fullmatch(r"seml-[A-Za-z0-9_.-]+", i) for i in entry_ids), entry_ids
    assert len(set(entry_ids)) == len(entry_ids)
    targets = {
        href.partition("#")[2]
        for a in page(built, name).find_all("a", "reference")
        if "#seml-bibliography-" in (href := a.attrs.get("href", ""))
    }
    assert len(targets) == cited
    assert targets <= set(ids)


def test_citation_texts(built) -> None:
    index = words(page(built, "index"))
    assert "Chapters (Srivastava and Klassen, 2016a) of a book (Srivastava and" in index
    assert "Nelson (1987), (Müller, 2020; Doe, 2019) and (see Smith, 1999, p. 3)" in index
    md = words(page(built, "cites_md"))
    assert "Textual Müller (2020), parenthetical (Doe, 2019; Nelson, 1987) and the" in md

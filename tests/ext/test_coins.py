"""COinS in the HTML pages (issue 16, item 4): every rendered entry (each list style,
seml-entry, seml-catalogue, bibliographies and footnote citations) carries a
``<span class="Z3988">`` whose ``title`` parses back, read with :mod:`html.parser` and
:func:`urllib.parse.parse_qsl` (not the code under test), to the entry's title, authors,
year, DOI and URL. Root ``coins`` (hostile titles and names, reST and MyST) and the
built-in catalogue page (root ``catalogue``). Other builders leave the spans out;
``-j 2`` writes the same bytes as ``-j 1``."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from semltest import citations as cs
from semltest.html import Element, parse

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.model import OTHERS

JOURNAL = "info:ofi/fmt:kev:mtx:journal"
BOOK = "info:ofi/fmt:kev:mtx:book"
DC = "info:ofi/fmt:kev:mtx:dc"
TITLE_KEYS = ("rft.atitle", "rft.btitle", "rft.title")
AUTHOR_KEYS = ("rft.au", "rft.creator", "rft.aucorp")

XSS = '<script>alert("x")</script> & \'quotes\' "double" — Ünïcödé 中文 ✓'
KEV = "a=b&c=d; 100% + 1 %20 %zz"
TEAM = 'The "Team" Guide <i>to</i> ML'

#: What each entry of tests/roots/test-coins/hostile.yaml reads back to, by title:
#: (format, genre, authors as (key, value), year, DOI, URL).
EXPECTED = {
    XSS: (
        JOURNAL,
        "article",
        [
            ("rft.au", "van Rossum, Guido"),
            ("rft.au", "King, Martin Luther, Jr."),
            ("rft.aucorp", "Google Research"),
        ],
        "2009",
        "10.1000/xyz(1)<2>",
        "https://example.org/search?q=a&b=c%20d#frag",
    ),
    KEV: (
        BOOK,
        "book",
        [("rft.au", "Daumé, Hal, III"), ("rft.au", "王小波")],
        "2020",
        None,
        "https://example.org/kev?x=1&y=%26",
    ),
    TEAM: (
        DC,
        None,
        [("rft.aucorp", "Google Research"), ("rft.creator", "dos Santos, Ana")],
        "2021",
        None,
        "https://example.org/guide",
    ),
    "A Book Without a Link": (
        BOOK,
        "report",
        [("rft.au", "Le Guin, Ursula K.")],
        "1999",
        "10.1000/nolink",
        None,
    ),
    "Only a DOI Link": (DC, None, [], None, None, "https://doi.org/10.1000/only"),
}


def spans(page: Element) -> list[Element]:
    return page.find_all("span", cls="Z3988")


def kev(span: Element) -> list[tuple[str, str]]:
    return parse_qsl(span.attrs["title"], keep_blank_values=True, strict_parsing=True)


def one(pairs: list[tuple[str, str]], keys: tuple[str, ...]) -> str | None:
    values = [value for key, value in pairs if key in keys]
    assert len(values) <= 1, pairs
    return values[0] if values else None


def read_back(pairs: list[tuple[str, str]]) -> tuple[object, ...]:
    """(format, genre, authors, year, DOI, URL) as a reference manager reads them."""
    ids = [value for key, value in pairs if key == "rft_id"]
    dois = [i.removeprefix("info:doi/") for i in ids if i.startswith("info:doi/")]
    urls = [i for i in ids if not i.startswith("info:doi/")]
    assert len(dois) <= 1, ids
    assert len(urls) <= 1, ids
    return (
        one(pairs, ("rft_val_fmt",)),
        one(pairs, ("rft.genre",)),
        [(key, value) for key, value in pairs if key in AUTHOR_KEYS],
        one(pairs, ("rft.date",)),
        dois[0] if dois else None,
        urls[0] if urls else None,
    )


def entry_title(span: Element) -> str:
    """The title the page shows for the entry the span belongs to (its paragraph's)."""
    assert span.parent is not None
    titles = span.parent.find_all(cls="seml-title")
    assert len(titles) == 1, span.parent
    return titles[0].text()


def same_title(coins: str | None, shown: str) -> bool:
    """Sphinx's smart quotes curl the quotes a page shows; the span has the catalogue's."""
    straight = str.maketrans("“”‘’", "\"\"''")
    return coins is not None and coins.translate(straight) == shown.translate(straight)


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("coins", "html")
    assert built.warnings == []
    return built


# (the pages render 24 and 16 entries: 4 lists of 5, an entry, 3 references; 3 cards, an
# entry, 2 footnotes, the catalogue of 5 and a bibliography of all 5)
@pytest.mark.parametrize(("docname", "count"), [("index", 24), ("myst", 16)])
def test_every_rendered_entry_carries_one_span(built, docname, count) -> None:
    page = built.html(docname)
    found = spans(page)
    assert len(found) == count == len(page.find_all(cls="seml-title"))
    for span in found:
        assert span.children == []  # nothing a reader sees
        assert same_title(one(kev(span), TITLE_KEYS), entry_title(span))


@pytest.mark.parametrize("docname", ["index", "myst"])
def test_each_span_parses_back_to_its_entry(built, docname) -> None:
    seen = set()
    for span in spans(built.html(docname)):
        pairs = kev(span)
        assert pairs[0] == ("ctx_ver", "Z39.88-2004")
        title = one(pairs, TITLE_KEYS)
        assert read_back(pairs) == EXPECTED[title]
        seen.add(title)
    assert seen == set(EXPECTED)


def test_hostile_text_stays_escaped(built) -> None:
    for docname in ("index", "myst"):
        text = built.read(f"{docname}.html")
        assert "<script>alert" not in text
        assert "<i>to</i>" not in text
        raw = re.findall(r'<span class="Z3988" title="([^"]*)"></span>', text)
        assert len(raw) == len(spans(parse(text)))
        for value in raw:
            # Percent-encoded text; the only markup character is the escaped "&".
            assert re.fullmatch(r"(?:[A-Za-z0-9_.~%=-]|&amp;)+", value), value


def test_the_builtin_catalogue_page(shared_build) -> None:
    built = shared_build("catalogue", "html")
    catalogue = load_builtin()
    by_title = {entry.title: entry for entry in catalogue}
    page = built.html("full")
    found = spans(page)
    assert len(found) == len(catalogue) == len(page.find_all(cls="seml-title"))
    for span in found:
        pairs = kev(span)
        title = one(pairs, TITLE_KEYS)
        assert same_title(title, entry_title(span))
        entry = by_title[title]
        _, _, authors, year, doi, url = read_back(pairs)
        assert year == (str(entry.year) if entry.year else None)
        assert doi == entry.doi
        assert url == entry.url
        # Each author in order, the same words ("D. Sculley" is "Sculley, D.").
        written = [a for a in entry.authors if a != OTHERS]
        assert [words(value) for _, value in authors] == [words(a) for a in written]


def words(name: str) -> list[str]:
    return sorted(name.replace(",", " ").replace("{", "").replace("}", "").split())


@pytest.mark.parametrize(
    ("builder", "files"),
    [
        ("latex", "seml-coins.tex"),
        ("text", "index.txt"),
        ("man", "seml-coins.1"),
        ("texinfo", "seml-coins.texi"),
    ],
)
def test_other_builders_leave_it_out(shared_build, builder, files) -> None:
    built = shared_build("coins", builder)
    assert built.warnings == []
    text = built.read(files)
    assert "A Book Without a Link" in text
    assert "Z3988" not in text
    assert "ctx_ver" not in text


def test_parallel_output_is_identical(tmp_path) -> None:
    out = {}
    for jobs in (1, 2):
        srcdir = cs.copy_root("coins", tmp_path / f"src{jobs}")
        result = cs.build(srcdir, "html", parallel=jobs if jobs > 1 else 0)
        assert result.warnings == []
        out[jobs] = cs.output_files(result.outdir, (".html",))
    assert out[1] == out[2]
    assert b'class="Z3988"' in out[2]["myst.html"]

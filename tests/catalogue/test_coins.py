"""COinS (issue 16, item 4): an entry as an OpenURL 1.0 ContextObject in the KEV format,
read back with :func:`urllib.parse.parse_qsl` (not the code under test). The expected
values are written out here: the format, genre and title key per type, names in the
"Family, Given" form with the first person in parts, organisations as ``rft.aucorp``."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest

from sphinxext_seml.catalogue.coins import coins_kev
from sphinxext_seml.catalogue.model import OTHERS, Entry

JOURNAL = "info:ofi/fmt:kev:mtx:journal"
BOOK = "info:ofi/fmt:kev:mtx:book"
DC = "info:ofi/fmt:kev:mtx:dc"

HOSTILE = "<script>alert(\"x\")</script> & 'quotes' = 100% + 1 — Ünïcödé 中文 ✓"

PAPER = Entry(
    key="vanrossum2009history",
    title=HOSTILE,
    url="https://example.org/search?q=a&b=c%20d#frag",
    category="deployment",
    type="paper",
    authors=("Guido van Rossum", "Martin Luther King Jr.", "{Google Research}", OTHERS),
    year=2009,
    venue='Journal of <b>Bold</b> & "Quoted"',
    doi="10.1000/xyz(1)<2>",
)


def pairs(entry: Entry) -> list[tuple[str, str]]:
    return parse_qsl(coins_kev(entry), keep_blank_values=True, strict_parsing=True)


def test_a_paper_is_a_journal_article_with_every_field() -> None:
    assert pairs(PAPER) == [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", JOURNAL),
        ("rft.genre", "article"),
        ("rft.atitle", HOSTILE),
        ("rft.jtitle", 'Journal of <b>Bold</b> & "Quoted"'),
        ("rft.aulast", "van Rossum"),
        ("rft.aufirst", "Guido"),
        ("rft.au", "van Rossum, Guido"),
        ("rft.au", "King, Martin Luther, Jr."),
        ("rft.aucorp", "Google Research"),
        ("rft.date", "2009"),
        ("rft_id", "info:doi/10.1000/xyz(1)<2>"),
        ("rft_id", "https://example.org/search?q=a&b=c%20d#frag"),
    ]


def test_the_text_is_percent_encoded_whole() -> None:
    kev = coins_kev(PAPER)
    # Only unreserved characters, "%", and the separators "&" and "=" between the pairs:
    # no markup, no quotes, no spaces, no "+" (which KEV readers take for a space).
    assert re.fullmatch(r"[A-Za-z0-9_.~%&=-]+", kev), kev
    assert kev.count("&") == len(pairs(PAPER)) - 1
    assert "%2B" in kev  # the "+" of the title, not a space
    assert "%E4%B8%AD%E6%96%87" in kev  # 中文, UTF-8


@pytest.mark.parametrize(
    ("kind", "fmt", "genre", "title_key", "venue_key"),
    [
        ("book", BOOK, "book", "rft.btitle", "rft.pub"),
        ("report", BOOK, "report", "rft.btitle", "rft.pub"),
        ("paper", JOURNAL, "article", "rft.atitle", "rft.jtitle"),
    ],
)
def test_journal_and_book_formats(kind, fmt, genre, title_key, venue_key) -> None:
    entry = Entry(
        key="k", title="A Title", url=None, category="c", type=kind,
        authors=("Le Guin, Ursula K.",), venue="Ace Books",
    )  # fmt: skip
    assert pairs(entry) == [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", fmt),
        ("rft.genre", genre),
        (title_key, "A Title"),
        (venue_key, "Ace Books"),
        ("rft.aulast", "Le Guin"),
        ("rft.aufirst", "Ursula K."),
        ("rft.au", "Le Guin, Ursula K."),
    ]


@pytest.mark.parametrize(
    "kind", ["article", "blog", "guide", "tool", "talk", "video", "course", "dataset", "other"]
)
def test_everything_else_is_dublin_core(kind) -> None:
    entry = Entry(
        key="k", title="Hidden Technical Debt", url="https://example.org/", category="c",
        type=kind, authors=("D. Sculley", "{Acme Labs}", "Ana {dos Santos}"), year=2015,
        venue="A Blog",
    )  # fmt: skip
    assert pairs(entry) == [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", DC),
        ("rft.title", "Hidden Technical Debt"),
        ("rft.source", "A Blog"),
        ("rft.creator", "Sculley, D."),
        ("rft.aucorp", "Acme Labs"),
        ("rft.creator", "dos Santos, Ana"),
        ("rft.date", "2015"),
        ("rft_id", "https://example.org/"),
    ]


def test_a_first_author_that_is_an_organisation_leaves_the_parts_to_the_first_person() -> None:
    entry = Entry(
        key="k", title="T", url="https://example.org/", category="c", type="paper",
        authors=("Google Research", "Hal Daumé III", "Plato"),
    )  # fmt: skip
    assert pairs(entry)[4:] == [
        ("rft.aucorp", "Google Research"),
        ("rft.aulast", "Daumé"),
        ("rft.aufirst", "Hal"),
        ("rft.ausuffix", "III"),
        ("rft.au", "Daumé, Hal, III"),
        ("rft.au", "Plato"),
        ("rft_id", "https://example.org/"),
    ]


def test_the_least_an_entry_has_and_a_doi_link() -> None:
    bare = Entry(key="k", title="Only a title", url=None, category="c")
    assert pairs(bare) == [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", DC),
        ("rft.title", "Only a title"),
    ]
    doi_link = Entry(key="k", title="T", url="doi:10.1000/abc", category="c", type="blog")
    assert pairs(doi_link)[-1] == ("rft_id", "https://doi.org/10.1000/abc")


def test_the_same_entry_gives_the_same_bytes() -> None:
    assert coins_kev(PAPER) == coins_kev(PAPER)
    copy = Entry(**{name: getattr(PAPER, name) for name in PAPER.__dataclass_fields__})
    assert coins_kev(copy) == coins_kev(PAPER)

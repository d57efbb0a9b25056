"""Works without authors read from their title, in every style (root ``anonymous``).

A preprint with a venue and a year, a page with only a year, and a work by an
organisation (``{Google Research}``), listed as bullets and as cards and cited into a
bibliography, from reST and MyST. Without authors the byline is the venue and the year
("arXiv preprint arXiv:1901.00001, 2019."), never a parenthesised year left alone after a
dash; a bibliography reference starts with the title or the organisation.
"""

from __future__ import annotations

import pytest

PAGES = ["lists_rst", "lists_md"]

BULLETS = [
    "* A Study Without Authors — arXiv preprint arXiv:1901.00001, 2019.",
    "* A Page With a Year — 2021.",
    "* A Guide by an Organisation — Google Research (2020).",
]
CARDS = [
    "**A Study Without Authors**\n\narXiv preprint arXiv:1901.00001, 2019.",
    "**A Page With a Year**\n\n2021.",
    "**A Guide by an Organisation**\n\nGoogle Research (2020).",
]
REFERENCES = [
    "[1]\n   A Study Without Authors (2019). arXiv preprint arXiv:1901.00001.",
    "[2]\n   A Page With a Year (2021).",
    "[3]\n   Google Research (2020). A Guide by an Organisation.",
]


@pytest.mark.parametrize("page", PAGES)
def test_text_reads_from_the_title(shared_build, page) -> None:
    built = shared_build("anonymous", "text")
    assert built.warnings == []
    text = built.read(f"{page}.txt")
    for line in BULLETS + CARDS + REFERENCES:
        assert line in text
    assert "— (" not in text
    assert "\n(20" not in text


@pytest.mark.parametrize("page", PAGES)
def test_html_bylines(shared_build, page) -> None:
    built = shared_build("anonymous", "html")
    assert built.warnings == []
    bylines = [span.text() for span in built.html(page).find_all("span", cls="seml-byline")]
    assert bylines[:3] == [
        "arXiv preprint arXiv:1901.00001, 2019.",
        "2021.",
        "Google Research (2020).",
    ]

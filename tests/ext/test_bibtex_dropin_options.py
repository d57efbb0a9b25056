"""The drop-in mode's bibliography options and what it cannot map (issue 14, item 3).

Root ``bibtex-dropin-options``: sphinxcontrib-bibtex's ``:list:``, ``:enumtype:``,
``:start:``, filters on fields, ``bibtex_bibliography_header`` and a Latin-1 ``.bib`` read
with ``bibtex_encoding``. Root ``bibtex-dropin-warnings``: settings and options that have
no counterpart, each a warning at its line while the build goes on.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

OPTIONS = "bibtex-dropin-options"
WARNINGS = "bibtex-dropin-warnings"
HAS_BIBTEX = importlib.util.find_spec("sphinxcontrib.bibtex") is not None
EXTENSIONS_THEIRS = {"extensions": ["sphinxcontrib.bibtex", "myst_parser"]}


def listed(text: str) -> list[tuple[str, str]]:
    """(marker, first word) of each list item: ``("3.", "George")``, ``("*", "Albert")``."""
    return re.findall(r"^(\d+\.|\*) (\w+)", text, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def ours(shared_build):
    return shared_build(OPTIONS, "text")


def test_options_build_warning_free(ours, shared_build):
    assert ours.warnings == []
    assert shared_build(OPTIONS, "html").warnings == []


def test_enumerated_list_with_its_start_and_filter(ours):
    text = ours.read("lists.txt")
    assert "CITED Three works [Boo54, Knu84, Nel87], nothing from ." in " ".join(text.split())
    # Numbered from 3, Einstein filtered out of the first list and alone in the second.
    assert listed(text) == [("3.", "George"), ("4.", "Donald"), ("5.", "Edward"), ("*", "Albert")]


def test_enumtype_and_start_reach_the_html(shared_build):
    html = shared_build(OPTIONS, "html").read("lists.html")
    assert '<ol class="upperroman simple" start="3">' in html
    md = shared_build(OPTIONS, "html").read("lists_md.html")
    assert '<ol class="arabic simple">' in md


def test_header_before_each_list_but_not_over_nothing(ours):
    lists = ours.read("lists.txt")
    assert lists.count("-[ References ]-") == 2
    uncited = ours.read("uncited.txt")
    # The first bibliography there lists nothing (nothing is cited): no header over it.
    assert uncited.count("-[ References ]-") == 1
    assert uncited.index("EMPTY") < uncited.index("-[ References ]-")
    # An empty footnote list is nothing either (it once stopped the build).
    assert "EMPTY After an empty bibliography.\n\nFOOTLESS After an empty footnote list." in uncited
    assert listed(uncited) == [("*", "George")]


def test_myst_page_and_its_header(ours):
    text = ours.read("lists_md.txt")
    assert "CITED One more [vRD09]." in text
    assert "-[ References ]-" in text
    assert listed(text) == [("1.", "Guido")]


def test_latin1_bib_file_read_with_bibtex_encoding(ours):
    text = " ".join(ours.read("lists.txt").split())
    assert "Zur Elektrodynamik bewegter Körper" in text


def test_latin1_bib_file_without_the_encoding_is_a_located_error(shared_build):
    built = shared_build(OPTIONS, "text", confoverrides={"bibtex_encoding": "utf-8"})
    assert any("refs.bib" in w and "UTF-8" in w for w in built.warnings), built.warnings


@pytest.mark.skipif(not HAS_BIBTEX, reason="sphinxcontrib-bibtex is not installed")
@pytest.mark.parametrize("page", ["lists", "lists_md", "uncited"])
def test_same_entries_as_sphinxcontrib_bibtex(ours, shared_build, page):
    theirs = shared_build(OPTIONS, "text", confoverrides=EXTENSIONS_THEIRS)
    assert listed(ours.read(f"{page}.txt")) == listed(theirs.read(f"{page}.txt"))
    theirs_text = " ".join(theirs.read(f"{page}.txt").split())
    if page == "lists":
        assert "Zur elektrodynamik bewegter körper" in theirs_text  # pybtex's sentence case


EXPECTED_WARNINGS = [
    ("conf.py:6", "bibtex_default_style: 'mystyle' is not one of sphinxcontrib-bibtex's"),
    ("conf.py:7", "bibtex_reference_style: 'author_year_square' is a referencing style plugin"),
    ("conf.py:8", "bibtex_cite_id: ignored by sphinxext_seml.bibtex"),
    ("index.rst:6", "the regular expression 'rel.*': only plain text is matched"),
    ("index.rst:9", ":style: 'fancy' is a pybtex style plugin, which cannot be used"),
    ("index.rst:12", "\"{'index', 'other'} & docnames\" has no counterpart in seml's filters"),
    ("index.rst:12", ":list: 'bulleted' is not valid; use one of citation, bullet, enumerated"),
    ("index.rst:16", ":filter: overrides :all:; using the filter"),
    ("index.rst:16", "the field 'editor' is not kept"),
    ("index.rst:20", "the bib files other.bib are ignored"),
    # The same from MyST, at the directive's fence.
    ("myst.md:8", ":style: 'fancy' is a pybtex style plugin, which cannot be used"),
]


def test_what_cannot_be_mapped_warns_at_its_line(shared_build):
    built = shared_build(WARNINGS, "text")
    assert len(built.warnings) == len(EXPECTED_WARNINGS), built.warnings
    for warning, (where, message) in zip(built.warnings, EXPECTED_WARNINGS, strict=True):
        assert f"{where}: WARNING: " in warning
        assert message in warning
        assert warning.rstrip().endswith(
            ("[seml.config]", "[seml.invalid_filter]", "[seml.invalid_option]")
        )
    # The build went on: each bibliography is there, as the warnings say.
    text = " ".join(built.read("index.txt").split())
    assert "Cited (Nelson, 1987) and Einstein (1905)." in text
    assert "Boole" in text


@pytest.mark.skipif(not HAS_BIBTEX, reason="sphinxcontrib-bibtex is not installed")
def test_sphinxcontrib_bibtex_stops_where_the_drop_in_warns(shared_build):
    # The same conf.py stops sphinxcontrib-bibtex: its referencing style is a missing plugin.
    with pytest.raises(Exception, match="author_year_square"):
        shared_build(WARNINGS, "text", confoverrides=EXTENSIONS_THEIRS)

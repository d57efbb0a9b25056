"""Old keys (entry aliases) in documents: cited, linked and shown as the current key.

Issue 15: the built-in catalogue renamed 24 keys to author-year ones; every old key
keeps working, with an INFO hint naming the new key and never a warning (``-W``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from semltest import citations as cs
from semltest.keychanges import key_changes

CHANGES = key_changes()
assert len(CHANGES) == 24


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("aliases")


@pytest.fixture(scope="module")
def numeric(tmp_root):
    return cs.cached_build(tmp_root, "aliases", "html")


@pytest.fixture(scope="module")
def author_year(tmp_root):
    return cs.cached_build(
        tmp_root, "aliases", "html", confoverrides={"seml_citation_style": "author-year"}
    )


def spans(built, docname: str) -> list:
    return cs.citation_spans(cs.body(built.html(docname)))


def test_old_keys_warn_nothing_and_hint_at_the_new_key(numeric) -> None:
    assert numeric.warnings == []
    for old, new in CHANGES:
        assert "old_keys.rst:" in numeric.status
        assert f"'{old}' is an old key of the entry now called '{new}'" in numeric.status


@pytest.mark.parametrize(("old", "new"), CHANGES, ids=[old for old, _new in CHANGES])
def test_a_citation_by_an_old_key_is_the_citation_by_the_new_key(numeric, old, new) -> None:
    index = CHANGES.index((old, new))
    by_old, by_new = spans(numeric, "old_keys")[index], spans(numeric, "new_keys")[index]
    links = by_old.find_all("a")
    assert len(links) == 1
    file, fragment = cs.resolve_href("old_keys.html", links[0].attrs["href"])
    assert (file, cs.key_of_anchor(fragment)) == ("references.html", new)
    assert cs.canonical(by_old, citation_anchors=False) == cs.canonical(
        by_new, citation_anchors=False
    )
    # The bibliography lists the entry once, under its new key.
    bibliography = cs.body(numeric.html("references")).find("div", "seml-bibliography")
    listed = cs.bibliography_keys(bibliography)
    assert listed.count(new) == 1
    assert old not in listed


@pytest.mark.parametrize("docname", ["references", "myst"])
def test_author_year_textual_citation_by_new_and_old_key(author_year, docname) -> None:
    assert author_year.warnings == []
    text = " ".join(cs.body(author_year.html(docname)).find("p").text().split())
    assert (
        "Textual by the new key Schelter et al. (2018), by the old one Schelter et al. (2018)"
        in text
    )


def test_links_and_entries_by_old_keys(numeric) -> None:
    # :any: and a MyST link by the old key reach the new key's entry, titled as it.
    for docname in ("references", "myst"):
        page = cs.body(numeric.html(docname))
        link = next(a for a in page.find_all("a") if "ML Test Score" in a.text())
        assert cs.key_of_anchor(link.attrs["href"].split("#")[1]) == "breck2017ml"
    # seml-entry by an old key shows the entry under its anchor.
    assert numeric.html("myst").by_id("seml-dilhara2021understanding") is not None
    assert numeric.html("references").by_id("seml-kleinberg2017inherent") is not None


def test_inventory_names_old_keys_too(numeric) -> None:
    inventory = cs.read_inventory(numeric.outdir / "objects.inv")
    for old, new in CHANGES:
        assert inventory["seml:entry", old] == inventory["seml:entry", new]

"""``seml-catalogue``: the catalogue as an awesome-list page (root ``catalogue``).

``full.rst`` has the whole catalogue, ``mustread.md`` (MyST, colon fence) only
``:flag: must-read``, ``limited.rst`` ``:limit: 2`` with ``:style: enumerated``
and ``:no-badges:``.
"""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
CATEGORIES = CATALOGUE.ordered_categories()
ENTRIES = list(CATALOGUE)


def keys_of(slug: str, predicate=lambda e: True) -> list[str]:
    return [e.key for e in ENTRIES if e.category == slug and predicate(e)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def entry_keys(section) -> list[str]:
    keys = []
    for el in section.iter():
        if "seml-entry" in el.classes:
            key = el.id.removeprefix("seml-")
            keys.append(key if key in CATALOGUE.entries else re.sub(r"-\d+$", "", key))
    return keys


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("catalogue", "html")
    assert built.warnings == []
    return built


def category_sections(page):
    return [el for el in page.find_all("section") if "seml-category" in el.classes]


def test_one_section_per_category_in_catalogue_order(built) -> None:
    page = built.html("full")
    sections = category_sections(page)
    assert [s.id for s in sections] == [f"seml-category-{c.slug}" for c in CATEGORIES]
    assert [s.find("h2").text().rstrip("¶") for s in sections] == [c.title for c in CATEGORIES]
    assert len(CATEGORIES) == 7


def test_each_section_has_description_and_its_entries(built) -> None:
    page = built.html("full")
    for category, section in zip(CATEGORIES, category_sections(page), strict=True):
        description = section.find("p", cls="seml-description")
        assert description is not None, category.slug
        assert squash(description.text()) == squash(category.description)
        # every entry of the category, in catalogue order, and nothing else
        assert entry_keys(section) == keys_of(category.slug)
    assert sum(len(entry_keys(s)) for s in category_sections(page)) == len(ENTRIES)


def test_legend_of_the_flags(built) -> None:
    page = built.html("full")
    legend = page.find(cls="seml-legend-box")
    assert legend is not None
    assert "Legend" in legend.find(cls="rubric").text()
    items = legend.find_all("li")
    labels = [li.find(cls="seml-badge-label").text() for li in items]
    assert labels == [f.label for f in CATALOGUE.flags.values()] == ["Must-read", "Scientific"]
    for item, flag in zip(items, CATALOGUE.flags.values(), strict=True):
        assert flag.description in item.text()
    scientific = items[1]
    assert "seml-badge-scientific" in scientific.find("span", cls="seml-badge").classes
    assert "Scientific publication" in scientific.text()
    # the legend comes before the first category
    ids = page.ids()
    first_section = ids.index("seml-category-overviews")
    assert all(ids.index(el.id) < first_section for el in legend.iter() if el.id)


def test_flag_narrows_every_section(built) -> None:
    page = built.html("mustread")
    sections = category_sections(page)
    expected = [c for c in CATEGORIES if keys_of(c.slug, lambda e: "must-read" in e.flags)]
    # categories without a must-read are left out, the rest keep their order
    assert [s.id for s in sections] == [f"seml-category-{c.slug}" for c in expected]
    assert len(expected) < len(CATEGORIES)
    for category, section in zip(expected, sections, strict=True):
        assert entry_keys(section) == keys_of(category.slug, lambda e: "must-read" in e.flags)
    total = sum(len(entry_keys(s)) for s in sections)
    assert total == sum(1 for e in ENTRIES if "must-read" in e.flags)


def test_limit_is_per_category(built) -> None:
    page = built.html("limited")
    sections = category_sections(page)
    assert len(sections) == len(CATEGORIES)
    for category, section in zip(CATEGORIES, sections, strict=True):
        assert entry_keys(section) == keys_of(category.slug)[:2]
        assert section.find(cls="seml-list").tag == "ol"


def test_no_badges_drops_badges_and_legend(built) -> None:
    page = built.html("limited")
    assert page.find_all(cls="seml-badge") == []
    assert page.find(cls="seml-legend-box") is None


def test_section_titles_in_the_toc(built) -> None:
    env = built.app.env
    for docname in ("full", "limited"):
        toc = env.tocs[docname]
        titles = [node.astext() for node in toc.findall(nodes.reference) if node["anchorname"]]
        assert titles == [c.title for c in CATEGORIES]
    index = built.html("index")
    links = [
        a.attrs["href"]
        for a in index.find(cls="toctree-wrapper").find_all("a")
        if a.attrs["href"].startswith("full.html#")
    ]
    assert links == [f"full.html#seml-category-{c.slug}" for c in CATEGORIES]


def test_ids_unique_on_each_page(built) -> None:
    for docname in ("full", "mustread", "limited"):
        ids = built.html(docname).ids()
        assert len(ids) == len(set(ids)), docname

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


# --------------------------------------------------------------------------- nested sections
# Root ``catalogue-nested``: a README with ``# Main Content`` above ``## Tools`` (with
# ``### Serving``, ``#### Hosted`` and ``### Tracking``) and ``## Papers``; pages in reST
# (``nested_rst``, ``narrowed`` with ``:flag: must-read``) and MyST (``nested_md``,
# ``limited`` with ``:limit: 1``).

#: (depth under the page title, category title, entry titles of its own) in page order.
NESTED = [
    (1, "Main Content", []),
    (2, "Tools", ["Aim"]),
    (3, "Serving", ["BentoML"]),
    (4, "Hosted", ["Replicate"]),
    (3, "Tracking", ["Neptune", "Sacred"]),
    (2, "Papers", ["Hidden Technical Debt in Machine Learning Systems"]),
]


@pytest.fixture(scope="module")
def nested(shared_build):
    built = shared_build("catalogue-nested", "html")
    assert built.warnings == []
    return built


def outline_of(page) -> list[tuple[int, str, list[str]]]:
    """(nesting depth, heading, own entries) of each category section, in page order."""
    found = []
    for section in category_sections(page):
        depth = sum(1 for a in section.ancestors() if "seml-category" in a.classes) + 1
        heading = next(el for el in section.children if getattr(el, "tag", "")[:1] == "h")
        own = [
            a.text().strip()
            for child in section.children
            if not isinstance(child, str) and "seml-category" not in child.classes
            for a in child.find_all("a", cls="seml-title")
        ]
        found.append((depth, heading.text().rstrip("¶"), own))
        # One heading level per nesting level, under the page's h1.
        assert heading.tag == f"h{depth + 1}", (heading.tag, depth)
    return found


@pytest.mark.parametrize("docname", ["nested_rst", "nested_md"])
def test_subcategories_are_sections_inside_their_parent(nested, docname) -> None:
    page = nested.html(docname)
    assert outline_of(page) == NESTED
    tools = page.by_id("seml-category-tools")
    assert squash(tools.find("p", cls="seml-description").text()) == "Tools for operating models."
    hosted = page.by_id("seml-category-hosted")
    parents = [a.id for a in hosted.ancestors() if "seml-category" in a.classes]
    assert parents == ["seml-category-serving", "seml-category-tools", "seml-category-main-content"]


def test_a_parent_stays_for_its_matching_subcategories(nested) -> None:
    # Only Aim and Replicate are must-reads: Serving stays (empty) to hold Hosted.
    assert outline_of(nested.html("narrowed")) == [
        (1, "Main Content", []),
        (2, "Tools", ["Aim"]),
        (3, "Serving", []),
        (4, "Hosted", ["Replicate"]),
    ]


def test_limit_applies_to_each_nested_section(nested) -> None:
    assert [own for _, _, own in outline_of(nested.html("limited"))] == [
        [],
        ["Aim"],
        ["BentoML"],
        ["Replicate"],
        ["Neptune"],
        ["Hidden Technical Debt in Machine Learning Systems"],
    ]


def toc_outline(toc, depth: int = 0) -> list[tuple[int, str]]:
    found = []
    for item in toc.children:
        if isinstance(item, nodes.list_item):
            found.append((depth, item[0].astext()))
            for sub in item.children[1:]:
                found += toc_outline(sub, depth + 1)
        elif isinstance(item, nodes.bullet_list):
            found += toc_outline(item, depth)
    return found


@pytest.mark.parametrize(
    ("docname", "title"), [("nested_rst", "Nested (reST)"), ("nested_md", "Nested (MyST)")]
)
def test_nested_sections_nest_in_the_toc(nested, docname, title) -> None:
    toc = nested.app.env.tocs[docname]
    assert toc_outline(toc) == [(0, title), *((d, t) for d, t, _ in NESTED)]


def test_nested_sections_in_latex(shared_build) -> None:
    built = shared_build("catalogue-nested", "latex")
    assert built.warnings == []
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    headings = re.findall(r"\\(chapter|section|subsection|subsubsection|paragraph)\{([^}]*)\}", tex)
    levels = ["section", "subsection", "subsubsection", "paragraph"]
    for chapter in ("Nested (reST)", "Nested (MyST)"):
        start = headings.index(("chapter", chapter))
        assert headings[start + 1 : start + 1 + len(NESTED)] == [
            (levels[depth - 1], title) for depth, title, _ in NESTED
        ]


@pytest.mark.parametrize("docname", ["nested_rst", "nested_md"])
def test_the_nested_readme_keeps_its_tree_beside_the_builtin_catalogue(
    shared_build, docname
) -> None:
    """With the built-in catalogue on, the README's ``Tools`` (under ``Main Content``) stays
    its own category, never the built-in *Tooling*. Its items that link where built-in
    entries link (Aim, Neptune, Sacred) are those entries, listed once, in the built-in
    category; ``Tracking`` is left without entries, so it is not shown."""
    built = shared_build("catalogue-nested", "html", confoverrides={"seml_include_builtin": True})
    assert built.warnings == []
    outline = outline_of(built.html(docname))
    start = outline.index((1, "Main Content", []))
    assert outline[start:] == [
        (1, "Main Content", []),
        (2, "Tools", []),
        (3, "Serving", ["BentoML"]),
        (4, "Hosted", ["Replicate"]),
        (2, "Papers", ["Hidden Technical Debt in Machine Learning Systems"]),
    ]
    tooling = next(own for _, title, own in outline if title == "Tooling")
    assert [t for t in tooling if t in {"Aim", "Neptune.ai", "Sacred"}] == [
        "Aim",
        "Neptune.ai",
        "Sacred",
    ]
    titles = [e for _, _, own in outline for e in own]
    assert [titles.count(t) for t in ("Aim", "Neptune.ai", "Sacred", "Neptune")] == [1, 1, 1, 0]


@pytest.mark.parametrize("docname", ["nested_rst", "nested_md"])
def test_a_link_in_a_readme_section_description_is_a_link(nested, docname) -> None:
    papers = nested.html(docname).by_id("seml-category-papers")
    description = papers.find("p", cls="seml-description")
    assert squash(description.text()) == "Papers as NeurIPS publishes them."
    links = [(a.attrs.get("href"), a.text()) for a in description.find_all("a")]
    assert links == [("https://neurips.cc", "NeurIPS")]


def test_a_link_in_a_section_description_in_latex_and_text(shared_build) -> None:
    latex = shared_build("catalogue-nested", "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"Papers as \sphinxhref{https://neurips.cc}{NeurIPS} publishes them." in tex
    text = shared_build("catalogue-nested", "text")
    assert text.warnings == []
    page = (text.outdir / "nested_rst.txt").read_text(encoding="utf-8")
    assert "Papers as NeurIPS (https://neurips.cc) publishes them." in page

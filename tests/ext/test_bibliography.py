"""``seml-bibliography``: what it lists (default, ``:local:``, ``:all:``, ``:flag:``,
``:filter:``, ``:sort:``, ``:limit:``, ``:style:``), where citations link, anchors and
``objects.inv``, from reST and MyST.

Uses the ``citations`` root (see ``test_citations.py``): ``options.rst`` and
``options_md.md`` hold the same bibliographies, one per section, in reST and in
MyST (backtick and colon fences alternate). Expected lists are written out by hand
or derived from the catalogue file's fields, never with the extension's code.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin

BUILTIN = load_builtin()
TEAM = {
    "hopper2021compilers": ("Compilers for Model Pipelines", 2021, (), "Hopper"),
    "hopper2021debugging": ("Debugging Feature Stores", 2021, (), "Hopper"),
}
TITLE = {e.key: e.title for e in BUILTIN} | {k: v[0] for k, v in TEAM.items()}
YEAR = {e.key: e.year for e in BUILTIN} | {k: v[1] for k, v in TEAM.items()}
FLAGS = {e.key: set(e.flags) for e in BUILTIN} | {k: set(v[2]) for k, v in TEAM.items()}
ALL_KEYS = [e.key for e in BUILTIN] + list(TEAM)

# Same order as in test_citations.py: first citation along the toctree.
CITED = [
    "sculley2015hidden",
    "amershi2019software",
    "zinkevichrules",
    "polyzotis2017data",
    "breck2016whats",
    "sato2019continuous",
    "baylor2019continuous",
    "googleresponsibleai",
    "nanonets10best",
    "hopper2021compilers",
    "hopper2021debugging",
]
OPTION_PAGES = ["options", "options_md"]


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bibliography")


@pytest.fixture(scope="module")
def built(tmp_root):
    result = cs.cached_build(tmp_root, "citations", "html")
    assert result.warnings == []
    return result


def bibliographies(built, docname: str) -> list:
    return cs.body(built.html(docname)).find_all("div", "seml-bibliography")


def listed(built, docname: str, section: str | None = None) -> list[str]:
    page = cs.body(built.html(docname))
    scope = page.by_id(section) if section else page
    bibs = scope.find_all("div", "seml-bibliography")
    assert len(bibs) == 1, (docname, section)
    return cs.bibliography_keys(bibs[0])


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- what a bibliography lists ------------------------------------------------------------


def test_default_lists_what_is_cited_anywhere_in_citation_order(built) -> None:
    assert listed(built, "references") == CITED


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        # in the order the page cites them (numeric style)
        ("chapter", ["polyzotis2017data", "breck2016whats", "sculley2015hidden"]),
        ("chapter_md", ["sato2019continuous", "baylor2019continuous"]),
        ("colon", ["googleresponsibleai", "zinkevichrules", "nanonets10best"]),
        ("reading", ["sato2019continuous"]),
    ],
)
def test_local_lists_only_this_pages_citations(built, docname, expected) -> None:
    assert listed(built, docname) == expected


@pytest.mark.parametrize("docname", ["chapter", "chapter_md", "colon", "reading"])
def test_citations_on_a_page_with_a_local_bibliography_link_to_it(built, docname) -> None:
    links = cs.citation_links(built.outdir, [f"{docname}.html"])
    assert links
    page = cs.body(built.html(docname))
    bib = page.find("div", "seml-bibliography")
    for link in links:
        assert link.file == f"{docname}.html", link.href
        assert link.href.startswith("#"), link.href
        target = page.by_id(link.fragment)
        assert any(a is bib for a in target.ancestors()), link.href
    assert cs.missing_targets(built.outdir, links) == []


@pytest.mark.parametrize("docname", ["intro", "roles_rst", "roles_md", "team"])
def test_citations_elsewhere_link_to_the_project_wide_bibliography(built, docname) -> None:
    links = cs.citation_links(built.outdir, [f"{docname}.html"])
    assert links
    assert {link.file for link in links} == {"references.html"}
    assert cs.missing_targets(built.outdir, links) == []


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_all_lists_the_whole_catalogue(built, docname) -> None:
    keys = listed(built, docname, "all")
    assert Counter(keys) == Counter(ALL_KEYS)
    assert len(keys) == len(BUILTIN) + 2
    # cited entries first, in citation order; the others follow
    assert keys[: len(CITED)] == CITED


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_flag(built, docname) -> None:
    expected = [k for k in CITED if "must-read" in FLAGS[k]]
    assert len(expected) == 5
    assert listed(built, docname, "must-read") == expected


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_filter(built, docname) -> None:
    expected = [k for k in CITED if YEAR[k] is not None and YEAR[k] >= 2019]
    assert expected == [
        "amershi2019software",
        "sato2019continuous",
        "baylor2019continuous",
        "hopper2021compilers",
        "hopper2021debugging",
    ]
    assert listed(built, docname, "filter") == expected


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_sort_author(built, docname) -> None:
    # first author's surname (or the title without authors), then year, then title
    assert listed(built, docname, "by-author") == [
        "nanonets10best",  # no authors: "10 Best Practices for Deep Learning"
        "amershi2019software",
        "baylor2019continuous",
        "breck2016whats",
        "googleresponsibleai",  # organisation
        "hopper2021compilers",  # same author and year: by title
        "hopper2021debugging",
        "polyzotis2017data",
        "sato2019continuous",
        "sculley2015hidden",
        "zinkevichrules",
    ]


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_sort_year(built, docname) -> None:
    keys = listed(built, docname, "by-year")
    assert sorted(keys) == sorted(CITED)
    years = [YEAR[k] for k in keys]
    dated = [y for y in years if y is not None]
    assert years == dated + [None] * (len(years) - len(dated))
    assert dated == sorted(dated)
    assert keys[0] == "sculley2015hidden"


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_sort_title(built, docname) -> None:
    keys = listed(built, docname, "by-title")
    assert sorted(keys) == sorted(CITED)
    titles = [TITLE[k].casefold() for k in keys]
    assert titles == sorted(titles)


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_sort_cited_with_limit(built, docname) -> None:
    assert listed(built, docname, "cited-first-three") == CITED[:3]


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_style_cards(built, docname) -> None:
    section = cs.body(built.html(docname)).by_id("cards")
    cards = section.find_all("div", "seml-card")
    expected = [k for k in CITED if "scientific" in FLAGS[k]]
    assert len(cards) == len(expected)
    assert cs.bibliography_keys(section.find("div", "seml-bibliography")) == expected
    for card, key in zip(cards, expected, strict=True):
        assert TITLE[key] in squash(card.text())


@pytest.mark.parametrize("docname", OPTION_PAGES)
def test_type_no_badges_and_class(built, docname) -> None:
    section = cs.body(built.html(docname)).by_id("typed")
    bib = section.find("div", "seml-bibliography")
    assert cs.bibliography_keys(bib) == [
        "sculley2015hidden",
        "amershi2019software",
        "polyzotis2017data",
        "breck2016whats",
        "baylor2019continuous",
    ]
    assert "my-bib" in bib.classes
    assert bib.find_all("span", "seml-badge") == []


def test_style_table_and_cards_still_give_link_targets(built) -> None:
    for docname, tag in [("colon", "table"), ("reading", "div")]:
        page = cs.body(built.html(docname))
        bib = page.find("div", "seml-bibliography")
        assert bib.find(tag, "seml-list") is not None
        links = cs.citation_links(built.outdir, [f"{docname}.html"])
        assert links
        assert cs.missing_targets(built.outdir, links) == []
        for link in links:
            target = page.by_id(link.fragment)
            assert any(a is bib for a in target.ancestors()), link.href


@pytest.mark.parametrize(
    "section",
    [
        "all",
        "must-read",
        "filter",
        "by-author",
        "by-year",
        "by-title",
        "cited-first-three",
        "typed",
        "cards",
    ],
)
def test_rest_and_myst_bibliographies_list_the_same(built, section) -> None:
    assert listed(built, "options", section) == listed(built, "options_md", section)


def test_default_style_is_labelled_references(built) -> None:
    bib = bibliographies(built, "references")[0]
    dl = bib.find("dl")
    assert dl is not None
    assert "seml-references" in dl.classes
    first = squash(dl.find("dd").text())
    assert first.startswith("D. Sculley, Gary Holt")
    assert "(2015). Hidden Technical Debt in Machine Learning Systems." in first
    # the title links to the entry's URL
    title = dl.find("dd").find("a", "seml-title")
    assert title.attrs["href"].startswith("https://papers.nips.cc/")


def test_nd_fallback_in_the_reference(built) -> None:
    bib = bibliographies(built, "references")[0]
    for dd in bib.find_all("dd"):
        text = squash(dd.text())
        if "Rules of Machine Learning" in text:
            assert text.startswith("Martin Zinkevich (n.d.). Rules of Machine Learning")
            break
    else:
        pytest.fail("zinkevichrules not in the references")


# -- anchors, duplicates ------------------------------------------------------------------


def test_one_key_in_several_bibliographies_is_no_warning(built) -> None:
    # sculley2015hidden is in references, chapter (:local:) and 14 bibliographies of the
    # option pages; the fixture already asserts an empty warning list
    where = [
        (docname, bib.id)
        for docname in ["references", "chapter", *OPTION_PAGES]
        for bib in bibliographies(built, docname)
        if "sculley2015hidden" in cs.bibliography_keys(bib)
    ]
    assert len(where) >= 10
    assert built.warnings == []


@pytest.mark.parametrize(
    "docname",
    ["references", "chapter", "chapter_md", "colon", "reading", "options", "options_md"],
)
def test_ids_are_unique_on_every_page(built, docname) -> None:
    ids = built.html(docname).ids()
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_an_entry_also_in_a_list_on_the_page_gets_its_own_bibliography_anchor(built) -> None:
    page = cs.body(built.html("reading"))
    # the seml-list keeps the stable anchor, the bibliography entry gets a prefixed one
    listed_entry = page.by_id("seml-sato2019continuous")
    assert "seml-entry" in listed_entry.classes
    bib = page.find("div", "seml-bibliography")
    assert cs.bibliography_keys(bib) == ["sato2019continuous"]
    assert "seml-bibliography-1-sato2019continuous" in bib.ids()
    links = cs.citation_links(built.outdir, ["reading.html"])
    assert [link.href for link in links] == ["#seml-bibliography-1-sato2019continuous"]


def test_objects_inv_lists_entries_rendered_in_lists(built) -> None:
    inventory = cs.read_inventory(built.outdir / "objects.inv")
    assert inventory[("seml:entry", "sato2019continuous")] == (
        "reading.html#seml-sato2019continuous"
    )


def test_objects_inv_lists_entries_rendered_in_bibliographies(built) -> None:
    inventory = cs.read_inventory(built.outdir / "objects.inv")
    assert inventory.get(("seml:entry", "sculley2015hidden")) == (
        "references.html#seml-sculley2015hidden"
    )


def test_search_index_leaves_entries_to_the_full_text_search(built) -> None:
    # objects.inv has them (above); the search index lists no seml objects, so a
    # reader's search does not show bare entry keys above the pages.
    index = built.read("searchindex.js")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    assert not any(name[0] == "seml" for name in data["objnames"].values())
    assert "sculley2015hidden" not in json.dumps(data["objects"])
    assert data["terms"].get("hidden")  # the title's words are searchable


# -- option problems ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def problems(tmp_root):
    return cs.cached_build(tmp_root, "citations-warnings", "html")


def test_bad_options_are_located_warnings(problems) -> None:
    assert [w for w in problems.warnings if "[seml.invalid_option]" in w] == [
        "bibs.rst:4: WARNING: seml-bibliography: :all: and :local: exclude each other;"
        " using :all: [seml.invalid_option]",
        "bibs.rst:9: WARNING: seml-bibliography: unknown sort 'nonsense'; valid sorts:"
        " catalogue, title, year, -year, key (or cited, author) [seml.invalid_option]",
    ]
    bibs = bibliographies(problems, "bibs")
    # :all: wins, :limit: still applies; a bad sort falls back to citation order
    assert len(cs.bibliography_keys(bibs[0])) == 2
    assert cs.bibliography_keys(bibs[1]) == ["sculley2015hidden"]


# -- which bibliography citations link to -------------------------------------------------


@pytest.fixture(scope="module")
def targets(tmp_root):
    result = cs.cached_build(tmp_root, "citations-targets", "html")
    assert result.warnings == []
    return result


def test_targets_root_links_resolve(targets) -> None:
    links = cs.citation_links(targets.outdir, ["intro.html"])
    assert len(links) == 3
    assert cs.missing_targets(targets.outdir, links) == []


# Regression (HEAD c6e6f2e): a filtered bibliography earlier in the toctree captured some
# citations and numbered them by its own positions: intro read 'data [2], classic [2]'.
def test_numbers_on_a_page_never_collide(targets) -> None:
    links = cs.citation_links(targets.outdir, ["intro.html"])
    by_label: dict[str, set[str]] = {}
    for link in links:
        by_label.setdefault(link.label, set()).add(cs.key_of_anchor(link.fragment))
    assert all(len(keys) == 1 for keys in by_label.values()), by_label


# Regression (HEAD c6e6f2e): citations of must-read entries linked to the :flag: must-read
# bibliography of further.rst, not to the project-wide references.
def test_citations_link_to_the_unfiltered_project_wide_bibliography(targets) -> None:
    links = cs.citation_links(targets.outdir, ["intro.html"])
    assert {link.file for link in links} == {"references.html"}


# -- :name: -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def named(tmp_root):
    result = cs.cached_build(tmp_root, "citations-named", "html")
    assert result.warnings == []
    return result


def test_name_makes_a_label_refs_link_to(named) -> None:
    links = []
    for docname in ["index", "named_md"]:
        page = cs.body(named.html(docname))
        for a in page.find_all("a"):
            if "std-ref" in (a.find("span") or a).classes:
                links.append((f"{docname}.html", a.attrs["href"]))
    assert [href for _, href in links] == [
        "#named-refs",
        "named_md.html#named-refs-md",
        "index.html#named-refs",
    ]
    for page, href in links:
        file, fragment = cs.resolve_href(page, href)
        tree = cs.body(named.html(file.removesuffix(".html")))
        target = tree.by_id(fragment)
        # the label points at the bibliography: the target right before it, or itself
        bib = tree.find("div", "seml-bibliography")
        assert (
            target is bib
            or any(a is bib for a in target.ancestors())
            or (target.parent is bib.parent)
        ), href


# Regression (HEAD 1c5b11f): the :name: was only an id on the bibliography's container,
# which Sphinx's LaTeX writer does not label: the :ref: was undefined in the PDF.
def test_name_label_exists_in_latex(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations-named", "latex")
    assert built.warnings == []
    (tex,) = built.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", text))
    refs = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", text))
    assert {"index:named-refs", "named_md:named-refs-md"} <= refs
    assert sorted(refs - labels) == []


def test_an_all_bibliography_does_not_capture_the_citations(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations-all", "html")
    assert built.warnings == []
    links = cs.citation_links(built.outdir, ["intro.html"])
    assert cs.missing_targets(built.outdir, links) == []
    assert [(link.file, link.label) for link in links] == [
        ("references.html", "1"),
        ("references.html", "2"),
    ]


@pytest.mark.parametrize(
    ("docname", "cited", "everything"),
    [("index", "cited-none", "all-none"), ("empty_md", "cited-none-md", "all-none-md")],
)
def test_an_empty_bibliography_says_why(shared_build, docname, cited, everything) -> None:
    """Without citations a bibliography says so; an ``:all:`` one that its selection leaves
    empty says that nothing matches, not that nothing is cited."""
    built = shared_build("bibliography-empty", "html")
    assert built.warnings == []
    page = built.html(docname)

    def said(name: str) -> str:
        # The name is a <span> target at the top of the bibliography's box.
        box = page.by_id(name).parent
        assert "seml-bibliography" in box.classes
        return box.find("p", cls="seml-empty").text()

    assert said(cited) == "No cited entries."
    assert said(everything) == "No matching entries."

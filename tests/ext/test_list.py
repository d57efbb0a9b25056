"""``seml-list``: what a reader sees in the HTML, from reST and from MyST.

The ``twins`` root has the same sections in ``twin_rst.rst``, ``twin_md.md``
(backtick fences) and ``twin_colon.md`` (colon fences); each section holds one
directive, so a section id picks the list a test looks at. Expected entries are
computed from the built-in catalogue file, not with the extension's own query code.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
ENTRIES = list(CATALOGUE)
CATEGORY_ORDER = [c.slug for c in CATALOGUE.ordered_categories()]
# Catalogue order: categories in their order, entries in file order within each.
ORDERED = sorted(ENTRIES, key=lambda e: (CATEGORY_ORDER.index(e.category), ENTRIES.index(e)))
BY_KEY = {e.key: e for e in ENTRIES}

VARIANTS = ["twin_rst", "twin_md", "twin_colon"]
SUFFIX = {"twin_rst": "rst", "twin_md": "md", "twin_colon": "colon"}


def keys_where(predicate) -> list[str]:
    return [e.key for e in ORDERED if predicate(e)]


def key_of(anchor: str) -> str:
    """``seml-sculley2015hidden-3`` -> ``sculley2015hidden``."""
    assert anchor.startswith("seml-"), anchor
    bare = anchor.removeprefix("seml-")
    if bare in BY_KEY:
        return bare
    base = re.sub(r"-\d+$", "", bare)
    assert base in BY_KEY, anchor
    return base


def listed(section) -> list[str]:
    """Keys of the entries rendered in ``section``, in document order."""
    return [key_of(el.id) for el in section.iter() if "seml-entry" in el.classes]


@pytest.fixture(scope="module")
def twins(shared_build):
    built = shared_build("twins", "html")
    assert built.warnings == []
    return built


@pytest.fixture(scope="module")
def pages(twins):
    return {doc: twins.html(doc) for doc in VARIANTS}


@pytest.fixture(params=VARIANTS)
def page(request, pages):
    return pages[request.param]


# -- categories ---------------------------------------------------------------------------


def test_must_read_deployment_is_exactly_the_must_read_entries(page) -> None:
    expected = keys_where(lambda e: e.category == "deployment" and "must-read" in e.flags)
    section = page.by_id("must-read-deployment")
    assert listed(section) == expected
    assert "Continuous Delivery for Machine Learning" in section.text()
    assert "sato2019continuous" in expected
    # nothing else from the catalogue slipped in
    others = [e.title for e in ENTRIES if e.key not in expected]
    assert not [t for t in others if t in section.text()]


def test_category_by_full_title_in_any_case(page) -> None:
    assert listed(page.by_id("by-title")) == keys_where(lambda e: e.category == "deployment")


def test_category_by_alias(page) -> None:
    expected = keys_where(lambda e: e.category == "deployment" and "scientific" in e.flags)
    assert expected
    assert listed(page.by_id("by-alias")) == expected


@pytest.mark.parametrize("section", ["comma-separated", "space-separated"])
def test_several_categories(page, section) -> None:
    expected = keys_where(lambda e: e.category in {"data", "governance"})
    assert listed(page.by_id(section)) == expected


def test_multiword_title_and_slug_in_one_argument(page) -> None:
    expected = keys_where(lambda e: e.category in {"social", "tooling"} and e.type == "book")
    assert expected
    assert listed(page.by_id("title-and-slug")) == expected


def test_no_argument_lists_every_entry_in_catalogue_order(page) -> None:
    assert listed(page.by_id("all-categories")) == [e.key for e in ORDERED]


# -- flags, types, filter -----------------------------------------------------------------


def test_several_flags_must_all_be_set(page) -> None:
    expected = keys_where(lambda e: {"must-read", "scientific"} <= set(e.flags))
    assert expected
    assert len(expected) < len(keys_where(lambda e: "must-read" in e.flags))
    assert listed(page.by_id("several-flags")) == expected


def test_several_types_match_any(page) -> None:
    expected = keys_where(lambda e: e.category == "overviews" and e.type in {"paper", "guide"})
    assert {BY_KEY[k].type for k in expected} == {"paper", "guide"}
    assert listed(page.by_id("several-types")) == expected


def test_filter(page) -> None:
    expected = keys_where(
        lambda e: e.category == "deployment" and e.year is not None and e.year >= 2019
    )
    assert expected
    assert listed(page.by_id("filter")) == expected


def test_filter_with_string_literals(page) -> None:
    expected = keys_where(
        lambda e: e.category == "governance" and "scientific" in e.flags and e.year is not None
    )
    assert expected
    assert listed(page.by_id("filter-with-quotes")) == expected


# -- sort and limit -----------------------------------------------------------------------

SORT_POOL = keys_where(lambda e: e.category in {"deployment", "social"})


def test_sort_catalogue(page) -> None:
    assert listed(page.by_id("sort-catalogue")) == SORT_POOL


def test_sort_title(page) -> None:
    keys = listed(page.by_id("sort-title"))
    assert sorted(keys) == sorted(SORT_POOL)
    titles = [BY_KEY[k].title.casefold() for k in keys]
    assert titles == sorted(titles)
    assert keys != SORT_POOL  # the order really changed


def test_sort_key(page) -> None:
    keys = listed(page.by_id("sort-key"))
    assert keys == sorted(SORT_POOL)


@pytest.mark.parametrize(
    ("section", "descending"), [("sort-year", False), ("sort-minus-year", True)]
)
def test_sort_year(page, section, descending) -> None:
    keys = listed(page.by_id(section))
    assert sorted(keys) == sorted(SORT_POOL)
    years = [BY_KEY[k].year for k in keys]
    dated = [y for y in years if y is not None]
    # undated entries come after the dated ones, whichever the direction
    assert years == dated + [None] * (len(years) - len(dated))
    assert dated == sorted(dated, reverse=descending)
    assert len(set(dated)) > 2


def test_limit_keeps_the_first_entries(page) -> None:
    deployment = keys_where(lambda e: e.category == "deployment")
    assert listed(page.by_id("limit")) == deployment[:3]


def test_limit_applies_after_sorting(page) -> None:
    keys = listed(page.by_id("sort-and-limit"))
    years = sorted(
        (BY_KEY[k].year or 0 for k in keys_where(lambda e: e.category == "deployment")),
        reverse=True,
    )
    assert len(keys) == 2
    assert [BY_KEY[k].year for k in keys] == years[:2]


# -- styles and options -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "tag", "item"),
    [
        ("style-bullets", "ul", "li"),
        ("style-enumerated", "ol", "li"),
        ("style-table", "table", "tr"),
        ("style-cards", "div", "div"),
    ],
)
def test_styles(page, section, tag, item) -> None:
    sec = page.by_id(section)
    lists = sec.find_all(cls="seml-list")
    assert len(lists) == 1
    (lst,) = lists
    assert lst.tag == tag
    style = section.removeprefix("style-")
    assert f"seml-style-{style}" in lst.classes
    entries = [el for el in lst.iter() if "seml-entry" in el.classes]
    assert {el.tag for el in entries} == {item}
    assert [key_of(el.id) for el in entries] == keys_where(lambda e: e.category == "overviews")
    if style == "cards":
        assert all("seml-card" in el.classes for el in entries)


def test_table_has_headers_and_flag_column(page) -> None:
    table = page.by_id("style-table").find("table")
    headers = [th.text().strip() for th in table.find_all("th")]
    assert headers == ["Title", "Authors", "Year", "Type", "Flags"]
    row = page.by_id("style-table").find_all("tr", cls="seml-entry")
    sculley = next(r for r in row if key_of(r.id) == "sculley2015hidden")
    cells = [td.text().strip() for td in sculley.find_all("td")]
    # The title cell holds the summary under the title.
    assert cells[0].startswith("Hidden Technical Debt in Machine Learning Systems")
    assert cells[0].endswith("the software systems that use them.")
    assert cells[1] == "D. Sculley et al."
    assert cells[2:4] == ["2015", "paper"]
    assert "Must-read" in cells[4]
    assert "Scientific" in cells[4]


def test_badges_shown_by_default(page) -> None:
    bullets = page.by_id("style-bullets")
    badges = bullets.find_all("span", cls="seml-badge")
    flagged = [k for k in keys_where(lambda e: e.category == "overviews") for _ in BY_KEY[k].flags]
    assert len(badges) == len(flagged) > 0


@pytest.mark.parametrize("section", ["no-badges", "no-badges-table"])
def test_no_badges(page, section) -> None:
    sec = page.by_id(section)
    assert listed(sec) == keys_where(lambda e: e.category == "overviews")
    assert sec.find_all(cls="seml-badge") == []
    assert "Must-read" not in sec.text()
    assert "Flags" not in [th.text() for th in sec.find_all("th")]


def test_class_and_name(page, request) -> None:
    suffix = SUFFIX[request.node.callspec.params["page"]]
    sec = page.by_id("class-and-name")
    lst = sec.find(cls="seml-list")
    assert {"further-reading", "extra", "seml-list"} <= set(lst.classes)
    assert lst.id == f"reading-{suffix}"
    # the :ref: to the name resolves to the list
    links = [a for a in sec.find_all("a") if a.attrs.get("href") == f"#reading-{suffix}"]
    assert len(links) == 1
    assert "reference internal" in links[0].attrs["class"]
    assert links[0].text() == "the social reading list"


def test_name_of_an_entry_resolves(page, request) -> None:
    suffix = SUFFIX[request.node.callspec.params["page"]]
    detail = page.by_id("entry-options").find(cls="seml-entry-detail")
    link = next(a for a in page.by_id("class-and-name").find_all("a") if a.text() == "the entry")
    target = link.attrs["href"].removeprefix("#")
    assert target in {f"entry-{suffix}", detail.id}
    # the link lands on the entry's box (on it or on a target inside it)
    element = page.by_id(target)
    assert element is detail or detail in list(element.ancestors())


def test_empty_result(page) -> None:
    sec = page.by_id("empty")
    assert sec.find_all(cls="seml-entry") == []
    empty = sec.find("p", cls="seml-empty")
    assert empty is not None
    assert empty.text() == "No matching entries."
    assert sec.find("ul") is None


# -- anchors and links ---------------------------------------------------------------------


def test_anchors_are_stable_and_unique(page) -> None:
    ids = page.ids()
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    # the first rendering of each key on the page gets exactly seml-<key>
    first: dict[str, str] = {}
    for el in page.iter():
        if "seml-entry" in el.classes:
            first.setdefault(key_of(el.id), el.id)
    assert first
    assert all(anchor == f"seml-{key}" for key, anchor in first.items())
    renderings = [i for i in ids if re.fullmatch(r"seml-sculley2015hidden(-\d+)?", i)]
    assert len(renderings) > 2
    assert renderings[0] == "seml-sculley2015hidden"
    assert renderings[1] == "seml-sculley2015hidden-2"


def test_titles_are_external_references(page) -> None:
    titles = page.find_all("a", cls="seml-title")
    assert len(titles) > len(ENTRIES)
    for a in titles:
        assert {"reference", "external"} <= set(a.classes)
        key = key_of(next(p for p in a.ancestors() if "seml-entry" in p.classes).id)
        assert a.attrs["href"] == BY_KEY[key].url
        assert a.text() == BY_KEY[key].title


def test_page_is_ordinary_html(twins) -> None:
    # the same output from the three sources (apart from the page title and names)
    def body(doc: str) -> str:
        html = twins.read(f"{doc}.html")
        html = html[html.index('<section id="') : html.rindex("</section>")]
        html = re.sub(r"-(rst|md|colon)\b", "-VARIANT", html)
        return html.split("</h1>", 1)[1]

    assert body("twin_rst") == body("twin_md") == body("twin_colon")


# -- stylesheet -----------------------------------------------------------------------------


def test_stylesheet_linked_in_html(twins, page) -> None:
    links = [
        link.attrs["href"]
        for link in page.find_all("link")
        if link.attrs.get("rel") == "stylesheet"
    ]
    assert any(h.split("?")[0] == "_static/sphinxext-seml.css" for h in links)
    css = twins.outdir / "_static" / "sphinxext-seml.css"
    assert css.is_file()
    assert ".seml-badge" in css.read_text(encoding="utf-8")


@pytest.mark.parametrize("buildername", ["latex", "text"])
def test_no_stylesheet_for_other_builders(shared_build, buildername) -> None:
    built = shared_build("twins", buildername)
    assert built.warnings == []
    files = [p.name for p in Path(built.outdir).rglob("*")]
    assert files
    assert "sphinxext-seml.css" not in files


# -- configuration ---------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="twins",
    srcdir="list-default-style",
    confoverrides={"seml_default_style": "table"},
)
def test_default_style_config(app: SphinxTestApp, parse_html, warning_lines) -> None:
    app.build()
    assert warning_lines(app) == []
    page = parse_html(Path(app.outdir) / "twin_rst.html")
    # no :style: -> the configured default
    lst = page.by_id("must-read-deployment").find(cls="seml-list")
    assert lst.tag == "table"
    assert "seml-style-table" in lst.classes
    # an explicit :style: still wins
    assert page.by_id("style-bullets").find(cls="seml-list").tag == "ul"
    assert page.by_id("style-cards").find(cls="seml-list").tag == "div"

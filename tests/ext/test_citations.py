"""Citation roles: ``:seml:cite:``, ``:seml:citet:``, ``:seml:ref:`` and their hyphenated
aliases, from reST and MyST, in the three citation styles.

The ``citations`` root (``tests/roots/test-citations``) has a dozen documents in
reST and MyST (backtick and colon fences): ``roles_rst.rst`` and ``roles_md.md``
hold the same sections (parenthetical, textual, title, aliases); ``chapter.rst``,
``chapter_md.md``, ``colon.md`` and ``reading.rst`` have ``:local:``
bibliographies; ``references.rst`` is the project-wide one; ``team.yaml`` adds two
entries by the same author in the same year. Expected values are written out by
hand or read from the catalogue file, never computed with the extension's code.
"""

from __future__ import annotations

import re
from inspect import signature
from pathlib import Path

import pytest
from docutils import nodes
from semltest import citations as cs

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
TITLES = {e.key: e.title for e in CATALOGUE} | {
    "hopper2021compilers": "Compilers for Model Pipelines",
    "hopper2021debugging": "Debugging Feature Stores",
}
URLS = {e.key: e.url for e in CATALOGUE}

#: Every key cited with :seml:cite: / :seml:citet: in the root, in the order of first
#: citation along the toctree (index, intro, roles_rst, roles_md, chapter, chapter_md,
#: colon, reading, team, ...). :seml:ref: is not a citation.
CITED = [
    "sculley2015hidden",  # intro
    "amershi2019software",  # intro
    "zinkevichrules",  # roles_rst
    "polyzotis2017data",  # chapter
    "breck2016whats",  # chapter
    "sato2019continuous",  # chapter_md
    "baylor2019continuous",  # chapter_md
    "googleresponsibleai",  # colon
    "nanonets10best",  # colon
    "hopper2021compilers",  # team
    "hopper2021debugging",  # team
]
NUMBER = {key: n for n, key in enumerate(CITED, 1)}
ROLE_PAGES = ["roles_rst", "roles_md"]
ROLE_SECTIONS = ["parenthetical", "textual", "title", "aliases"]


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("citations")


@pytest.fixture(scope="module")
def numeric(tmp_root):
    built = cs.cached_build(tmp_root, "citations", "html")
    assert built.warnings == []
    return built


@pytest.fixture(scope="module")
def author_year(tmp_root):
    built = cs.cached_build(
        tmp_root, "citations", "html", confoverrides={"seml_citation_style": "author-year"}
    )
    assert built.warnings == []
    return built


@pytest.fixture(scope="module")
def label(tmp_root):
    built = cs.cached_build(
        tmp_root, "citations", "html", confoverrides={"seml_citation_style": "label"}
    )
    assert built.warnings == []
    return built


@pytest.fixture(scope="module")
def warnings_build(tmp_root):
    return cs.cached_build(tmp_root, "citations-warnings", "html")


def paragraphs(built, docname: str, section: str) -> list:
    return cs.body(built.html(docname)).by_id(section).find_all("p")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def para_text(built, docname: str, section: str, index: int) -> str:
    return squash(paragraphs(built, docname, section)[index].text())


# -- links and tooltips -------------------------------------------------------------------


@pytest.mark.parametrize("style", ["numeric", "author_year", "label"])
def test_every_citation_link_has_a_target(request, style) -> None:
    built = request.getfixturevalue(style)
    links = cs.citation_links(built.outdir)
    # every page with citations contributes, from reST and from MyST
    assert {link.page for link in links} == {
        "intro.html",
        "roles_rst.html",
        "roles_md.html",
        "chapter.html",
        "chapter_md.html",
        "colon.html",
        "reading.html",
        "team.html",
    }
    assert cs.missing_targets(built.outdir, links) == []


def test_each_citation_links_one_key_to_its_entry(numeric) -> None:
    for link in cs.citation_links(numeric.outdir):
        key = cs.key_of_anchor(link.fragment)
        assert key in CITED, link.href
        target = cs.parse_html(numeric.outdir / link.file).by_id(link.fragment)
        # the anchor sits in the formatted reference of that very entry
        holder = next(a for a in target.ancestors() if a.tag in {"p", "td", "div"})
        assert TITLES[key] in squash(holder.text()), link.href


def test_tooltips_carry_the_formatted_reference(numeric) -> None:
    links = cs.citation_links(numeric.outdir)
    assert links
    for link in links:
        key = cs.key_of_anchor(link.fragment)
        title = link.element.attrs.get("title", "")
        assert TITLES[key] in title, (link.page, link.href, title)
    sculley = next(lk for lk in links if lk.fragment.endswith("sculley2015hidden"))
    tooltip = sculley.element.attrs["title"]
    assert "D. Sculley" in tooltip
    assert "(2015)" in tooltip
    assert "Advances in Neural Information Processing Systems" in tooltip


def test_ref_role_tooltip_is_the_formatted_reference(numeric) -> None:
    for page in ROLE_PAGES:
        two_keys = paragraphs(numeric, page, "title")[1]
        assert [a.attrs["title"] for a in two_keys.find_all("a", "seml-ref")] == [
            "Danilo Sato, Arif Wider and Christoph Windheuser (2019). Continuous Delivery"
            " for Machine Learning. martinfowler.com (19 September 2019).",
            "Google (n.d.). Responsible AI practices. Google AI (ai.google).",
        ]


# -- numeric style ------------------------------------------------------------------------


def test_references_page_numbers_entries_in_first_citation_order(numeric) -> None:
    bib = cs.body(numeric.html("references")).find("div", "seml-bibliography")
    assert cs.bibliography_keys(bib) == CITED
    terms = [squash(dt.text()) for dt in bib.find_all("dt")]
    assert terms == [f"[{n}]" for n in range(1, len(CITED) + 1)]


def test_numbers_match_the_linked_bibliography_term(numeric) -> None:
    checked = 0
    trees: dict = {}
    for link in cs.citation_links(numeric.outdir):
        tree = trees.setdefault(link.file, cs.parse_html(numeric.outdir / link.file))
        target = tree.by_id(link.fragment)
        dd = next((a for a in target.ancestors() if a.tag == "dd"), None)
        if dd is None:  # table and cards bibliographies show no numbers
            continue
        dt = dd.previous_element()
        assert dt is not None
        assert dt.tag == "dt"
        assert squash(dt.text()) == f"[{squash(link.label)}]", (link.page, link.href)
        checked += 1
    assert checked >= 25


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_numeric_parenthetical(numeric, page) -> None:
    assert para_text(numeric, page, "parenthetical", 0) == "One key [1]."
    assert para_text(numeric, page, "parenthetical", 1) == "Two keys [1, 3]."
    spans = cs.citation_spans(paragraphs(numeric, page, "parenthetical")[1])
    assert len(spans) == 1
    hrefs = [a.attrs["href"] for a in spans[0].find_all("a")]
    assert hrefs == [
        "references.html#seml-sculley2015hidden",
        "references.html#seml-zinkevichrules",
    ]


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_numeric_textual(numeric, page) -> None:
    assert para_text(numeric, page, "textual", 0) == "One key Amershi et al. [2]."
    assert para_text(numeric, page, "textual", 1) == (
        "Two keys Sculley et al. [1], Amershi et al. [2]."
    )


def test_numbers_are_the_same_on_every_page_citing_through_the_references(numeric) -> None:
    by_key: dict[str, set[str]] = {}
    for link in cs.citation_links(numeric.outdir):
        if link.file == "references.html":
            by_key.setdefault(cs.key_of_anchor(link.fragment), set()).add(link.label)
    assert by_key
    for key, labels in by_key.items():
        assert labels == {str(NUMBER[key])}, key


def test_local_bibliography_numbers_its_own_entries(numeric) -> None:
    # chapter.rst cites polyzotis, breck and sculley (sculley is [1] project-wide); its
    # :local: bibliography numbers them in the page's own citation order and the
    # citations on the page use those numbers (each matches its <dt>: see above).
    page = cs.body(numeric.html("chapter"))
    labels = {
        cs.key_of_anchor(a.attrs["href"].split("#")[1]): a.text()
        for span in cs.citation_spans(page)
        for a in span.find_all("a")
    }
    assert labels == {"polyzotis2017data": "1", "breck2016whats": "2", "sculley2015hidden": "3"}


# -- :seml:ref: ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_ref_renders_the_title_linked_to_the_url(numeric, page) -> None:
    one, two = paragraphs(numeric, page, "title")[:2]
    refs = one.find_all("a")
    assert len(refs) == 1
    assert refs[0].text() == TITLES["sato2019continuous"]
    assert refs[0].attrs["href"] == URLS["sato2019continuous"]
    assert "seml-ref" in refs[0].classes
    assert "external" in refs[0].classes
    assert [(a.text(), a.attrs["href"]) for a in two.find_all("a")] == [
        (TITLES["sato2019continuous"], URLS["sato2019continuous"]),
        (TITLES["googleresponsibleai"], URLS["googleresponsibleai"]),
    ]
    assert squash(two.text()) == (
        f"Two keys {TITLES['sato2019continuous']}, {TITLES['googleresponsibleai']}."
    )
    # a title link is not a citation
    assert not cs.citation_spans(one)
    assert not cs.citation_spans(two)


def test_ref_is_not_a_citation(numeric) -> None:
    # roles pages :seml:ref: googleresponsibleai; it is cited (colon.md), but with :seml:ref:
    # alone an entry would not be: the references page lists exactly the cited keys.
    bib = cs.body(numeric.html("references")).find("div", "seml-bibliography")
    assert "googleresponsibleai" in cs.bibliography_keys(bib)
    assert "sato2019continuous" in cs.bibliography_keys(bib)


# -- aliases and reST / MyST --------------------------------------------------------------


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_hyphenated_aliases_render_like_the_domain_roles(numeric, page) -> None:
    cite, citet, ref = paragraphs(numeric, page, "aliases")[:3]
    two_keys = paragraphs(numeric, page, "parenthetical")[1]
    one_textual = paragraphs(numeric, page, "textual")[0]
    one_ref = paragraphs(numeric, page, "title")[0]

    # Each citation has its own anchors (seml-cite-<key>-<n>): the rest is the same.
    def same(a, b) -> bool:
        return cs.canonical(a, citation_anchors=False) == cs.canonical(b, citation_anchors=False)

    assert same(cs.citation_spans(cite)[0], cs.citation_spans(two_keys)[0])
    assert same(cs.citation_spans(citet)[0], cs.citation_spans(one_textual)[0])
    assert cs.canonical(ref.find("a")) == cs.canonical(one_ref.find("a"))
    assert ref.find("a").attrs == one_ref.find("a").attrs


def _sections(app, docname: str, *, resolved: bool) -> dict[str, str]:
    from sphinxext_seml.ext.citations import seml_citation

    if resolved:
        resolve = app.env.get_and_resolve_doctree
        # Sphinx 9 wants the tags (required from Sphinx 11); Sphinx 8 may not take them.
        kwargs = {"tags": app.builder.tags} if "tags" in signature(resolve).parameters else {}
        tree = resolve(docname, app.builder, **kwargs)
    else:
        tree = app.env.get_doctree(docname)
    for node in tree.findall(seml_citation):
        assert node["docname"] == docname
        node["docname"] = "<doc>"
    return {
        section["ids"][0]: section.pformat()
        for section in tree.findall(nodes.section)
        if section["ids"][0] in ROLE_SECTIONS
    }


@pytest.mark.parametrize("resolved", [False, True], ids=["read", "resolved"])
def test_rest_and_myst_give_identical_doctrees(numeric, resolved) -> None:
    rst = _sections(numeric.app, "roles_rst", resolved=resolved)
    md = _sections(numeric.app, "roles_md", resolved=resolved)
    assert list(rst) == ROLE_SECTIONS
    assert rst == md


def test_rest_and_myst_give_identical_html(numeric) -> None:
    for section in ROLE_SECTIONS:
        rst = cs.body(numeric.html("roles_rst")).by_id(section)
        md = cs.body(numeric.html("roles_md")).by_id(section)
        assert cs.canonical(rst) == cs.canonical(md), section


# -- author-year style --------------------------------------------------------------------


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_author_year_parenthetical_and_textual(author_year, page) -> None:
    assert para_text(author_year, page, "parenthetical", 0) == "One key (Sculley et al., 2015)."
    assert para_text(author_year, page, "parenthetical", 1) == (
        "Two keys (Sculley et al., 2015; Zinkevich, n.d.)."
    )
    assert para_text(author_year, page, "textual", 0) == "One key Amershi et al. (2019)."
    assert para_text(author_year, page, "textual", 1) == (
        "Two keys Sculley et al. (2015), Amershi et al. (2019)."
    )


def test_author_year_intro(author_year) -> None:
    text = squash(cs.body(author_year.html("intro")).find("p").text())
    assert "Technical debt (Sculley et al., 2015) is the classic reference;" in text
    assert "Amershi et al. (2019) studied" in text


def test_author_year_fallbacks_without_year_or_authors(author_year) -> None:
    text = squash(cs.body(author_year.html("colon")).find("p").text())
    # an organisation as author, no year; the :all: bibliography of the options page
    # lists Google's other undated entries, so letters tell them apart (issue 13, 7)
    assert "Responsible practices (Google, n.d.a)" in text
    # a person, no year: zinkevichrules
    assert "rules without a year Zinkevich (n.d.)" in text
    # no authors: a short title (its first four words, the cut marked)
    assert "a post without authors (10 Best Practices for…, n.d.)" in text


def test_author_year_same_author_and_year_get_letters(author_year) -> None:
    text = squash(cs.body(author_year.html("team")).find("p").text())
    assert text == (
        "The compilers report (Hopper, 2021a), the debugging report Hopper (2021b), "
        "and both (Hopper, 2021a; Hopper, 2021b)."
    )


def test_author_year_links_point_at_the_right_entries(author_year) -> None:
    links = cs.citation_links(author_year.outdir, ["team.html"])
    assert [(lk.label, cs.key_of_anchor(lk.fragment)) for lk in links] == [
        ("Hopper, 2021a", "hopper2021compilers"),
        ("2021b", "hopper2021debugging"),
        ("Hopper, 2021a", "hopper2021compilers"),
        ("Hopper, 2021b", "hopper2021debugging"),
    ]


# Regression (HEAD c6e6f2e): author-year references showed 'Grace Hopper (2021).' for both
# entries while the citations said 2021a / 2021b.
def test_author_year_bibliography_shows_the_letters(author_year) -> None:
    bib = cs.body(author_year.html("references")).find("div", "seml-bibliography")
    items = {
        cs.key_of_anchor(li.find("span", "target").id): squash(li.text())
        for li in bib.find_all("li")
    }
    assert "(2021a)" in items["hopper2021compilers"]
    assert "(2021b)" in items["hopper2021debugging"]


# Regression (HEAD 1c5b11f): author-year references came in citation order although the
# author-year layout is documented as an alphabetical list.
def test_author_year_bibliography_is_alphabetical(author_year) -> None:
    bib = cs.body(author_year.html("references")).find("div", "seml-bibliography")
    keys = cs.bibliography_keys(bib)
    assert sorted(keys) == sorted(CITED)
    assert keys[:3] == ["nanonets10best", "amershi2019software", "baylor2019continuous"]
    assert keys[-2:] == ["sculley2015hidden", "zinkevichrules"]


# -- label style --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ROLE_PAGES)
def test_label_style(label, page) -> None:
    assert para_text(label, page, "parenthetical", 0) == "One key [Sculley15]."
    assert para_text(label, page, "parenthetical", 1) == "Two keys [Sculley15, Zinkevich]."
    assert para_text(label, page, "textual", 1) == (
        "Two keys Sculley et al. [Sculley15], Amershi et al. [Amershi19]."
    )


def test_label_style_same_author_and_year_get_letters(label) -> None:
    text = squash(cs.body(label.html("team")).find("p").text())
    assert text == (
        "The compilers report [Hopper21a], the debugging report Hopper [Hopper21b], "
        "and both [Hopper21a, Hopper21b]."
    )


def test_label_style_labels_match_the_bibliography_terms(label) -> None:
    checked = 0
    for link in cs.citation_links(label.outdir):
        target = cs.parse_html(label.outdir / link.file).by_id(link.fragment)
        dd = next((a for a in target.ancestors() if a.tag == "dd"), None)
        if dd is None:
            continue
        assert squash(dd.previous_element().text()) == f"[{link.label}]"
        checked += 1
    assert checked >= 25
    # label references are listed by author, like author-year ones
    bib = cs.body(label.html("references")).find("div", "seml-bibliography")
    assert [squash(dt.text()) for dt in bib.find_all("dt")] == [
        "[10]",  # no authors: the title's first word ("10 Best Practices ...")
        "[Amershi19]",
        "[Baylor19]",
        "[Breck16]",
        # an organisation, no year; lettered: the :all: bibliography of the options
        # page lists Google's other undated entries (issue 13, 7)
        "[Googlea]",
        "[Hopper21a]",
        "[Hopper21b]",
        "[Polyzotis17]",
        "[Sato19]",
        "[Sculley15]",
        "[Zinkevich]",  # no year
    ]


# -- unknown keys -------------------------------------------------------------------------


def test_unknown_keys_are_located_warnings(warnings_build) -> None:
    lines = [w for w in warnings_build.warnings if "[seml.unknown_key]" in w]
    assert lines == [
        "index.rst:9: WARNING: seml:cite: unknown entry key 'sculley2015hiden';"
        " did you mean 'sculley2015hidden'? [seml.unknown_key]",
        "index.rst:11: WARNING: seml:citet: unknown entry key 'nosuchkey2099';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
        "index.rst:13: WARNING: seml:ref: unknown entry key 'nosuchref';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
        "index.rst:13: WARNING: seml-cite: unknown entry key 'alsomissing';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
        "unknown_md.md:3: WARNING: seml:cite: unknown entry key 'amershi2019sofware';"
        " did you mean 'amershi2019software'? [seml.unknown_key]",
        "unknown_md.md:7: WARNING: seml-citet: unknown entry key 'mystmissing';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
        "unknown_md.md:7: WARNING: seml-ref: unknown entry key 'mystref';"
        " 'seml list' shows the keys of the catalogues [seml.unknown_key]",
    ]


def test_unknown_keys_are_visible_in_the_output(warnings_build) -> None:
    for docname, keys in {
        "index": ["sculley2015hiden", "nosuchkey2099", "nosuchref", "alsomissing"],
        "unknown_md": ["amershi2019sofware", "mystmissing", "mystref"],
    }.items():
        page = cs.body(warnings_build.html(docname))
        shown = [squash(el.text()) for el in page.find_all(cls="problematic")]
        assert shown == [f"[{key}?]" for key in keys], docname
        # never silently plain text: each is a marked element, not a bare word
        for el in page.find_all(cls="problematic"):
            assert "seml-unknown" in el.classes


def test_known_keys_beside_an_unknown_one_still_cite(warnings_build) -> None:
    para = next(
        p for p in cs.body(warnings_build.html("index")).find_all("p") if "one unknown" in p.text()
    )
    assert squash(para.text()) == ("Two keys, one unknown Sculley et al. [1][nosuchkey2099?].")
    links = cs.citation_links(warnings_build.outdir, ["index.html"])
    assert cs.missing_targets(warnings_build.outdir, links) == []


def test_unknown_key_warnings_can_be_suppressed(tmp_path) -> None:
    srcdir = cs.copy_root("citations-warnings", tmp_path / "src")
    built = cs.build(srcdir, "html", confoverrides={"suppress_warnings": ["seml.unknown_key"]})
    assert not [w for w in built.warnings if "unknown_key" in w]
    assert "[nosuchref?]" in built.read("index.html")


# -- a citation in a section title --------------------------------------------------------


# Regression (HEAD c6e6f2e): the toc kept the seml_citation placeholder of a section title
# and the HTML builder crashed with NotImplementedError (unknown node) in render_partial.
def test_citation_in_a_section_title_builds(tmp_path) -> None:
    srcdir = cs.copy_root("citations-titles", tmp_path / "src")
    built = cs.build(srcdir, "html")
    assert built.warnings == []
    assert "Sculley et al. [1]" in squash(cs.body(built.html("index")).text())


@pytest.mark.parametrize(
    "builder", ["dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]
)
def test_citation_in_a_section_title_other_builders(tmp_path, builder) -> None:
    srcdir = cs.copy_root("citations-titles", tmp_path / "src")
    built = cs.build(srcdir, builder)
    assert built.warnings == []

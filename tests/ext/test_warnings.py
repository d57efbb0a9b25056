"""Bad input: a located warning with a ``seml.*`` subtype, no traceback, and the build
goes on. Roots ``warnings`` (bad directive input, reST and MyST twins) and
``usercat`` (a user catalogue with mistakes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
SOURCES = {"warnings_rst": "warnings_rst.rst", "warnings_md": "warnings_md.md"}

DEPLOYMNET = "unknown category 'deploymnet'; did you mean 'deployment'?"
WHOLE_NUMBER = "expected a whole number"
# section title -> (directive, message, subtype)
CASES = {
    "Unknown category": ("seml-list", DEPLOYMNET, "unknown_category"),
    "Known and unknown category": ("seml-list", DEPLOYMNET, "unknown_category"),
    "Unknown flag": (
        "seml-list",
        "unknown flag 'must-reed'; did you mean 'must-read'?",
        "unknown_flag",
    ),
    "Known and unknown flag": (
        "seml-list",
        "unknown flag 'nonsense'; valid flags: must-read, scientific",
        "unknown_flag",
    ),
    "Unknown type": ("seml-list", "unknown type 'papper'; did you mean 'paper'?", "unknown_type"),
    "Filter attribute": (
        "seml-list",
        "invalid :filter: 'title.lower() == \"x\"': ",
        "invalid_filter",
    ),
    "Filter call": (
        "seml-list",
        "invalid :filter: 'exec(\\'open(\"PWNED\", \"w\")\\')': 'exec' is not a known function",
        "invalid_filter",
    ),
    "Filter syntax": ("seml-list", "invalid :filter: 'year >=': invalid syntax", "invalid_filter"),
    "Bibliography style": (
        "seml-bibliography",
        "unknown :style: 'grid'; use one of references, bullets, enumerated, table, cards."
        " Using 'references'.",
        "invalid_option",
    ),
    "Filter year text": (
        "seml-list",
        "invalid :filter: 'year >= \"2015\"': year is a number: compare it with a number,"
        " not the text '2015' (for example year >= 2015) (at column 9)",
        "invalid_filter",
    ),
    "Bad sort": (
        "seml-list",
        "unknown sort 'newest'; valid sorts: catalogue, title, year, -year, key",
        "invalid_option",
    ),
    "Limit zero": ("seml-list", f"invalid limit '0'; {WHOLE_NUMBER}", "invalid_option"),
    "Limit negative": ("seml-list", f"invalid limit '-1'; {WHOLE_NUMBER}", "invalid_option"),
    "Limit text": ("seml-list", f"invalid limit 'ten'; {WHOLE_NUMBER}", "invalid_option"),
    "Bad style": (
        "seml-list",
        "unknown :style: 'grid'; use one of bullets, enumerated, table, cards. Using 'bullets'.",
        "invalid_option",
    ),
    "Unknown key": ("seml-entry", "unknown entry key 'nosuchkey2099'", "unknown_key"),
    "Mistyped key": (
        "seml-entry",
        "unknown entry key 'sculley2015hiden'; did you mean 'sculley2015hidden'?",
        "unknown_key",
    ),
    "Catalogue with unknown flag": (
        "seml-catalogue",
        "unknown flag 'must-reed'; did you mean 'must-read'?",
        "unknown_flag",
    ),
    "Catalogue with bad limit": ("seml-catalogue", "invalid limit 'none'", "invalid_option"),
}
ONLY_UNKNOWN = "Only unknown categories"


def directive_lines(path: Path) -> dict[str, int]:
    """Section title -> line of the first directive after it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: dict[str, int] = {}
    section = None
    for number, line in enumerate(lines, start=1):
        title = line.removeprefix("## ")
        if title in CASES or title == ONLY_UNKNOWN:
            section = title
        elif section and re.match(r"(\.\. |```\{|:::\{)seml-", line):
            out.setdefault(section, number)
    return out


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("warnings", "html")


@pytest.fixture(params=list(SOURCES))
def docname(request):
    return request.param


@pytest.mark.parametrize("case", list(CASES))
def test_located_warning(built, docname, case) -> None:
    directive, message, subtype = CASES[case]
    source = SOURCES[docname]
    line = directive_lines(built.srcdir / source)[case]
    prefix = f"{source}:{line}: WARNING: {directive}: {message}"
    found = [w for w in built.warnings if w.startswith(prefix)]
    assert len(found) == 1, (prefix, built.warnings)
    assert found[0].endswith(f" [seml.{subtype}]")


def test_several_unknown_categories_each_warn(built, docname) -> None:
    source = SOURCES[docname]
    line = directive_lines(built.srcdir / source)[ONLY_UNKNOWN]
    here = [w for w in built.warnings if w.startswith(f"{source}:{line}: ")]
    assert here == [
        f"{source}:{line}: WARNING: seml-list: unknown category 'deploymnet';"
        " did you mean 'deployment'? [seml.unknown_category]",
        f"{source}:{line}: WARNING: seml-list: unknown category 'overveiws';"
        " did you mean 'overviews'? [seml.unknown_category]",
    ]


def test_nothing_but_the_expected_warnings(built) -> None:
    assert len(built.warnings) == 2 * (len(CASES) + 2)
    assert all(re.search(r" \[seml\.[a-z_]+\]$", w) for w in built.warnings)
    assert all(re.match(r"warnings_(rst\.rst|md\.md):\d+: WARNING: ", w) for w in built.warnings)


def test_no_traceback_and_every_page_written(built) -> None:
    status = built.app.status.getvalue()
    for text in (status, "\n".join(built.warnings)):
        assert "Traceback" not in text
        assert "Exception occurred" not in text
    assert "build succeeded" in status
    for docname in SOURCES:
        assert (built.outdir / f"{docname}.html").is_file()
    # the filter was never run
    assert not list(built.srcdir.rglob("PWNED"))
    assert not Path("PWNED").exists()


def keys(section) -> list[str]:
    return [
        re.sub(r"-\d+$", "", el.id.removeprefix("seml-"))
        for el in section.iter()
        if "seml-entry" in el.classes
    ]


def deployment() -> list[str]:
    return [e.key for e in CATALOGUE if e.category == "deployment"]


def social() -> list[str]:
    return [e.key for e in CATALOGUE if e.category == "social"]


NOTHING = [
    "unknown-category",
    "only-unknown-categories",
    "unknown-flag",
    "known-and-unknown-flag",
    "unknown-type",
    "filter-attribute",
    "filter-call",
    "filter-syntax",
    "catalogue-with-unknown-flag",
]


@pytest.mark.parametrize("section", NOTHING)
def test_a_condition_not_understood_lists_nothing(built, docname, section) -> None:
    sec = built.html(docname).by_id(section)
    # never the whole catalogue: a list the reader can see is empty
    assert keys(sec) == []
    assert sec.find("p", cls="seml-empty").text() == "No matching entries."
    assert f"After {sec.find('h2').text().rstrip('¶').lower()}." in sec.text()


def test_known_names_still_count(built, docname) -> None:
    page = built.html(docname)
    assert keys(page.by_id("known-and-unknown-category")) == deployment()


@pytest.mark.parametrize("section", ["bad-sort", "limit-zero", "limit-negative", "limit-text"])
def test_a_bad_option_value_is_ignored(built, docname, section) -> None:
    assert keys(built.html(docname).by_id(section)) == social()


def test_bad_style_falls_back_to_the_default(built, docname) -> None:
    lst = built.html(docname).by_id("bad-style").find(cls="seml-list")
    assert lst.tag == "ul"
    assert "seml-style-bullets" in lst.classes


def test_bad_bibliography_style_falls_back_to_references(built, docname) -> None:
    """The bibliography's own default, the reference list, not ``seml_default_style``."""
    section = built.html(docname).by_id("bibliography-style")
    box = section.find("div", cls="seml-bibliography")
    assert box.find("dl", cls="seml-references") is not None
    assert box.find("ul", cls="seml-list") is None
    assert "Hidden Technical Debt" in box.text()


def test_unknown_key_renders_nothing(built, docname) -> None:
    page = built.html(docname)
    for section in ("unknown-key", "mistyped-key"):
        sec = page.by_id(section)
        assert sec.find_all(cls="seml-entry-detail") == []
        assert sec.find("p").text().startswith("After")


def test_catalogue_with_bad_limit_lists_all(built, docname) -> None:
    sec = built.html(docname).by_id("catalogue-with-bad-limit")
    assert sorted(keys(sec)) == sorted(e.key for e in CATALOGUE if "must-read" in e.flags)


# -- suppress_warnings ------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="warnings",
    srcdir="warnings-suppress-one",
    confoverrides={"suppress_warnings": ["seml.unknown_category"]},
)
def test_suppress_one_subtype(app: SphinxTestApp, warning_lines, built) -> None:
    app.build()
    got = warning_lines(app)
    assert [w for w in got if "category" in w] == []
    expected = [w for w in built.warnings if not w.endswith("[seml.unknown_category]")]
    assert sorted(got) == sorted(expected)
    assert len(got) == len(built.warnings) - 8


@pytest.mark.sphinx(
    "html",
    testroot="warnings",
    srcdir="warnings-suppress-all",
    confoverrides={"suppress_warnings": ["seml"]},
)
def test_suppress_all_seml_warnings(app: SphinxTestApp, warning_lines) -> None:
    app.build()
    assert warning_lines(app) == []
    assert (Path(app.outdir) / "warnings_rst.html").is_file()


# -- bad configuration ------------------------------------------------------------------------


def test_bad_config_values_warn_and_the_build_goes_on(shared_build) -> None:
    built = shared_build("badconf", "html")
    config = [w for w in built.warnings if w.endswith("[seml.config]")]
    assert sorted(config) == sorted(
        [
            # each located at the line of conf.py that sets the value
            "conf.py:7: WARNING: seml_catalogues must be a list of sources, each a path"
            " (a string), 'entry-point:NAME' or a mapping such as"
            ' {"path": "README.md", "keys": "README.keys.yaml"}, not 3; ignoring it.'
            " [seml.config]",
            "conf.py:6: WARNING: seml_include_builtin must be True or False, not 'yes'."
            " Using True. [seml.config]",
            "conf.py:5: WARNING: seml_default_style = 'grid' is not valid; use one of 'bullets',"
            " 'enumerated', 'table', 'cards'. Using 'bullets'. [seml.config]",
            "conf.py:10: WARNING: seml_show_summary must be True or False, not None."
            " Using True. [seml.config]",
            "conf.py:9: WARNING: seml_citation_style = 'harvard' is not valid; use one of"
            " 'numeric', 'author-year', 'label', 'alpha'. Using 'numeric'. [seml.config]",
            'conf.py:8: WARNING: seml_badges must be a dict such as {"must-read": {"label":'
            ' "Essential", "color": "#ffd54f"}}; ignoring it. [seml.config]',
        ]
    )
    # the rest are Sphinx's own type checks of the same values
    others = [w for w in built.warnings if w not in config]
    assert all(w.startswith("WARNING: The config value `seml_") for w in others), others
    # the defaults were used and the page was written
    page = built.html("index")
    lst = page.find(cls="seml-list")
    assert lst.tag == "ul"
    assert "Continuous Delivery for Machine Learning" in lst.text()
    assert page.find("span", cls="seml-badge-must-read") is not None
    assert "Traceback" not in built.app.status.getvalue()


# -- user catalogues --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def usercat(shared_build):
    return shared_build("usercat", "html")


def test_malformed_catalogue_entries_are_located(usercat) -> None:
    team = "catalogues/team.yaml"
    assert sorted(usercat.warnings) == sorted(
        [
            f"{team}:25: WARNING: entry 'acme2024broken': required field 'title' is missing"
            " (entry skipped) [seml.catalogue]",
            f"{team}:44: WARNING: entry 'acme2023script': url 'javascript:alert(1)' uses the"
            " scheme 'javascript:', which is not allowed (allowed: http:, https:, mailto:,"
            " doi:) (entry skipped) [seml.catalogue]",
            f"{team}:40: WARNING: entry 'acme2023typo': unknown flag 'interal'; did you mean"
            " 'internal'? (flag dropped) [seml.unknown_flag]",
        ]
    )


def test_valid_user_entries_render(usercat) -> None:
    page = usercat.html("runbooks")
    ours = page.by_id("our-runbooks")
    assert keys(ours) == ["acme2025canary", "acme2023typo"]
    assert "wiki.acme.example/broken" not in usercat.read("runbooks.html")
    assert "javascript:" not in usercat.read("runbooks.html")
    # by the new category's alias
    assert keys(page.by_id("by-alias")) == ["acme2025canary", "acme2023typo"]


def test_new_flag_lists_and_badges(usercat) -> None:
    page = usercat.html("runbooks")
    assert keys(page.by_id("internal-only")) == ["acme2024rollback", "acme2025canary"]
    intro = page.find("p")
    badges = intro.find_all("span", cls="seml-badge")
    assert len(badges) == 2  # by slug and by alias
    for badge in badges:
        assert badge.classes == ["seml-badge", "seml-badge-internal"]
        assert badge.find(cls="seml-badge-label").text() == "Internal"
        assert badge.find(cls="seml-badge-emoji").text() == "🔒"
        assert badge.attrs["title"] == "Internal: Only reachable from the company network."
    md = usercat.html("handbook_md")
    assert md.find("span", cls="seml-badge-internal") is not None
    assert "seml-acme2025canary" in md.ids()


def test_user_entry_joins_a_builtin_category(usercat) -> None:
    section = usercat.html("runbooks").by_id("deployment-built-in-and-ours")
    listed = keys(section)
    assert "acme2024rollback" in listed
    assert "sato2019continuous" in listed


@pytest.mark.sphinx(
    "html",
    testroot="usercat",
    srcdir="usercat-missing",
    confoverrides={
        "seml_catalogues": [
            "catalogues/team.yaml",
            "catalogues/broken.yaml",
            "catalogues/missing.yaml",
        ]
    },
)
def test_broken_and_missing_catalogue_files(app: SphinxTestApp, warning_lines, parse_html) -> None:
    app.build()
    got = warning_lines(app)
    missing = [w for w in got if "missing.yaml" in w]
    assert len(missing) == 1
    assert "catalogue file not found" in missing[0]
    assert missing[0].endswith("[seml.catalogue]")
    broken = [w for w in got if "broken.yaml" in w]
    assert len(broken) == 1
    assert broken[0].startswith("catalogues/broken.yaml:")
    assert "invalid YAML" in broken[0]
    assert broken[0].endswith("[seml.catalogue]")
    # the other catalogue still loads
    page = parse_html(Path(app.outdir) / "runbooks.html")
    assert keys(page.by_id("our-runbooks")) == ["acme2025canary", "acme2023typo"]


@pytest.mark.sphinx(
    "html",
    testroot="usercat",
    srcdir="usercat-missing-location",
    confoverrides={"seml_catalogues": ["catalogues/missing.yaml"]},
)
def test_missing_catalogue_names_its_path(app: SphinxTestApp, warning_lines) -> None:
    """The warning names the file as it is (Sphinx reads a bare location without ':'
    as a document name and would print 'catalogues/missing.yaml.rst')."""
    app.build()
    missing = [w for w in warning_lines(app) if "missing.yaml" in w]
    assert len(missing) == 1
    assert ".rst" not in missing[0]
    assert re.search(r"(^|\s)catalogues/missing\.yaml[:\s]", missing[0]), missing[0]
    assert "catalogue file not found" in missing[0]
    assert missing[0].endswith("[seml.catalogue]")
    assert (Path(app.outdir) / "index.html").is_file()

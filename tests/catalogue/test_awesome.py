"""The awesome-list README importer and exporter, on real-world list shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome import (
    DEFAULT_EMOJI_FLAGS,
    dump_awesome,
    make_key,
    parse_awesome,
)
from sphinxext_seml.catalogue.formats import FORMATS, load_source, load_text
from sphinxext_seml.catalogue.model import Catalogue, Category, Entry, Flag
from sphinxext_seml.catalogue.results import LoadResult

SOURCES = Path(__file__).resolve().parents[2] / "sphinxext_seml" / "data" / "sources"


def parse(text: str, **options: object) -> LoadResult:
    return parse_awesome(text, "README.md", **options)  # type: ignore[arg-type]


def shape(catalogue: Catalogue) -> list[tuple[str, str, str, tuple[str, ...], str | None]]:
    """What an awesome list can carry of each entry."""
    return [(e.title, e.url, e.category, e.flags, e.summary) for e in catalogue]


# --------------------------------------------------------------------------- fixtures

TYPICAL = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re) ![Stars](https://img.shields.io/github/stars/x/y)

> A curated list of things. <br>

⭐ Must-read

🎓 Scientific publication

## Contents

- [Papers](#papers)
- [Tools](#tools)

## Papers

Research you should know.

More research, with a [link](https://example.org/about).

- [Hidden Technical Debt](https://papers.nips.cc/paper/5656.pdf) 🎓⭐
- [Rules of ML](https://developers.google.com/ml/rules) ⭐️
* [Plain one](https://example.org/plain)

### Surveys

1. [A Survey](https://arxiv.org/abs/1) - A survey of things. 🎓
2. [Another Survey](https://arxiv.org/abs/2): Another one.

## Tools

- [Aim](https://aimstack.io) - Aim is an open source experiment tracking tool.
- [**Bold Tool**](https://bold.example.org) – Written *with* `markup`.
- ![logo](https://img.example.org/logo.png) [Logo Tool](https://logo.example.org) ![badge](https://img.shields.io/badge/x)
- [Html Tool](https://html.example.org) <br> <img src="x.png"> Does things &amp; more.
- <b>[Wrapped](https://wrapped.example.org)</b> - In HTML.
- [Lazy](https://lazy.example.org) - First line
  continues here.
  - [Nested](https://nested.example.org) - A nested item.

## Contributing

- [contribution guidelines](https://github.com/x/y/blob/main/CONTRIBUTING.md)

## License

[![CC0](https://licensebuttons.net/p/zero/1.0/88x31.png)](https://creativecommons.org/publicdomain/zero/1.0/)
"""


@pytest.fixture(scope="module")
def typical() -> LoadResult:
    return parse(TYPICAL)


# --------------------------------------------------------------------------- structure


def test_categories_from_headings(typical: LoadResult) -> None:
    assert typical.problems == []
    cats = typical.catalogue.ordered_categories()
    # Issue 12: the "### Surveys" under "## Papers" is a subcategory (it used to be a tag).
    assert [(c.slug, c.title, c.order, c.parent) for c in cats] == [
        ("papers", "Papers", 0, ""),
        ("surveys", "Surveys", 1, "papers"),
        ("tools", "Tools", 2, ""),
    ]
    # Links in a description stay links (issue 12, item 5).
    assert cats[0].description == (
        "Research you should know.\n\nMore research, with a [link](https://example.org/about)."
    )
    assert cats[1].description == ""
    assert cats[0].location is not None
    assert cats[0].location.line == 14


def test_skipped_sections_and_navigation(typical: LoadResult) -> None:
    titles = {e.title for e in typical.catalogue}
    assert "contribution guidelines" not in titles
    assert "Papers" not in titles  # the table of contents
    assert "Contents" not in typical.catalogue.categories
    assert all(not e.url.startswith("#") for e in typical.catalogue)


def test_flags_from_legend(typical: LoadResult) -> None:
    assert list(typical.catalogue.flags.values()) == [
        Flag("must-read", "Must-read", "⭐"),
        Flag("scientific", "Scientific publication", "🎓"),
    ]


def test_entries(typical: LoadResult) -> None:
    entries = {e.title: e for e in typical.catalogue}
    hidden = entries["Hidden Technical Debt"]
    assert hidden.url == "https://papers.nips.cc/paper/5656.pdf"
    assert hidden.category == "papers"
    assert hidden.flags == ("must-read", "scientific")  # legend order, not item order
    assert hidden.summary is None
    assert hidden.type == "other"
    assert hidden.location is not None
    assert hidden.location.line == 20
    assert entries["Rules of ML"].flags == ("must-read",)  # with a variation selector
    assert entries["Plain one"].flags == ()


def test_sub_headings_are_subcategories(typical: LoadResult) -> None:
    entries = {e.title: e for e in typical.catalogue}
    survey = entries["A Survey"]
    assert survey.category == "surveys"  # issue 12: was "papers" with the tag "surveys"
    assert survey.tags == ()
    assert survey.summary == "A survey of things."
    assert survey.flags == ("scientific",)
    assert entries["Another Survey"].summary == "Another one."
    assert entries["Hidden Technical Debt"].tags == ()


def test_summaries_drop_markup_badges_and_html(typical: LoadResult) -> None:
    entries = {e.title: e for e in typical.catalogue}
    assert entries["Aim"].summary == "Aim is an open source experiment tracking tool."
    assert entries["Bold Tool"].summary == "Written with markup."
    assert entries["Logo Tool"].url == "https://logo.example.org"
    assert entries["Logo Tool"].summary is None
    assert entries["Html Tool"].summary == "Does things & more."
    assert entries["Wrapped"].summary == "In HTML."
    assert entries["Lazy"].summary == "First line continues here."
    assert entries["Nested"].summary == "A nested item."
    assert entries["Nested"].category == "tools"


def test_order_and_keys(typical: LoadResult) -> None:
    keys = list(typical.catalogue.entries)
    # Keys come from the links (issue #12), no longer from the title words.
    assert keys[:3] == ["hidden-technical-debt", "google-rules", "example-plain"]
    assert len(set(keys)) == len(keys) == 12


# --------------------------------------------------------------------------- variants


def test_shortcodes_and_custom_mapping() -> None:
    text = """\
# List

:star: Must-read
:fire: Hot

## Section

- [One](https://one.example.org) - First. :star:
- [Two](https://two.example.org) :fire: - Second, :smile: kept.
- [Three](https://three.example.org) 🔥 - Emoji form of a shortcode.
"""
    result = parse(text)
    assert result.problems == []
    assert list(result.catalogue.flags) == ["must-read", "hot"]
    entries = {e.title: e for e in result.catalogue}
    assert entries["One"].flags == ("must-read",)
    assert entries["One"].summary == "First."
    assert entries["Two"].flags == ("hot",)
    assert entries["Two"].summary == "Second, :smile: kept."
    assert entries["Three"].flags == ("hot",)

    custom = parse(text, emoji_flags={"🔥": "trending"})
    assert list(custom.catalogue.flags) == ["must-read", "trending"]
    assert {e.title: e.flags for e in custom.catalogue}["One"] == ("must-read",)


def test_mapping_only_markers_become_flags() -> None:
    text = "# T\n\n## S\n\n- [A](https://a.example.org) 🎓\n- [B](https://b.example.org) 🚀 fast\n"
    result = parse(text)
    assert list(result.catalogue.flags.values()) == [Flag("scientific", "Scientific", "🎓")]
    entries = {e.title: e for e in result.catalogue}
    assert entries["A"].flags == ("scientific",)
    assert entries["B"].summary == "🚀 fast"  # unknown emoji stay text


def test_legend_section_and_list_legend() -> None:
    text = """\
# T

## Legend

- ⭐ = Must-read
- 📄 - Paper

## Things

- [A](https://a.example.org) 📄⭐
"""
    result = parse(text, emoji_flags={"⭐": "must-read"})
    assert [(f.slug, f.label) for f in result.catalogue.flags.values()] == [
        ("must-read", "Must-read"),
        ("paper", "Paper"),
    ]
    assert list(result.catalogue.categories) == ["things"]
    assert next(iter(result.catalogue)).flags == ("must-read", "paper")


def test_heading_decoration_and_explicit_anchor() -> None:
    text = """\
# T

## 🚀 Deployment 🚀

- [A](https://a.example.org)

## <a name="ops"></a>Operations

- [B](https://b.example.org)
"""
    cats = parse(text).catalogue.categories
    assert [(c.slug, c.title) for c in cats.values()] == [
        ("deployment", "Deployment"),
        ("ops", "Operations"),
    ]


def test_no_title_heading_and_h1_sections() -> None:
    text = "# First\n\n- [A](https://a.example.org)\n\n# Second\n\n- [B](https://b.example.org)\n"
    # A first level-1 heading is the title; the remaining level-1 headings are the sections.
    result = parse(text)
    assert list(result.catalogue.categories) == ["second"]
    text = "## One\n\n- [A](https://a.example.org)\n\n## Two\n\n- [B](https://b.example.org)\n"
    assert list(parse(text).catalogue.categories) == ["one", "two"]


def test_sections_without_entries_are_prose() -> None:
    text = "# T\n\n## About\n\nJust words.\n\n## Things\n\n- [A](https://a.example.org)\n"
    assert list(parse(text).catalogue.categories) == ["things"]


def test_mojibake_is_repaired_unless_asked_not_to() -> None:
    text = "# T\n\n‚≠êÔ∏è Must-read\n\n## S\n\n- [What‚Äôs new](https://a.example.org) ‚≠êÔ∏è\n"
    entry = next(iter(parse(text).catalogue))
    assert entry.title == "What’s new"
    assert entry.flags == ("must-read",)
    raw = next(iter(parse(text, repair_encoding=False).catalogue))
    assert raw.title == "What‚Äôs new"
    assert raw.flags == ()


# --------------------------------------------------------------------------- problems


def test_unreadable_items_are_located_problems() -> None:
    text = """\
# T

## S

- [Good](https://good.example.org)
- Just some words, no link
- **Bold** then [a link](https://late.example.org)
- [Relative](contributing.md)
- [Script](javascript:alert(1))
-
- ```
  code
  ```
"""
    result = parse(text)
    # Issue 12: an item that holds a link without starting with one is an entry per link
    # (it was an awesome.skipped_item problem).
    assert [(e.title, e.summary) for e in result.catalogue] == [
        ("Good", None),
        ("a link", "Bold then a link"),
    ]
    found = [(p.location.line, p.code) for p in result.problems]
    # Issue 12: the importer's own problems have their own code (they were "invalid").
    assert found == [
        (6, "awesome.no_link"),
        (8, "unsafe_url"),
        (9, "unsafe_url"),
        (10, "awesome.no_link"),
        (11, "awesome.no_link"),
    ]
    assert all(p.location.source == "README.md" for p in result.problems)
    assert "does not start with a link" in result.problems[0].message
    assert "it holds none" in result.problems[0].message
    assert "it holds none" not in result.problems[1].message


def test_empty_list_is_a_problem_not_an_error() -> None:
    result = parse("# Nothing here\n\nJust a paragraph.\n")
    assert len(result.catalogue) == 0
    assert [p.code for p in result.problems] == ["empty"]


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("AI Engineering: 11 Foundational Practices", "aiengineering11"),
        ("Hidden Technical Debt in Machine Learning Systems", "hiddentechnicaldebt"),
        ("The ML Test Score: A Rubric", "mltestscore"),
        ("Great Expectations", "greatexpectations"),
        ("Aim", "aim"),
        ("Réseaux de neurones", "reseauxdeneurones"),
        ("The", "the"),
        ("!!!", "entry"),
    ],
)
def test_make_key(title: str, key: str) -> None:
    assert make_key(title) == key


def test_make_key_is_unique() -> None:
    taken = {"aim"}
    keys = []
    for _ in range(30):
        keys.append(make_key("Aim", taken))
        taken.add(keys[-1])
    assert keys[:3] == ["aimb", "aimc", "aimd"]
    assert keys[24:26] == ["aimz", "aimaa"]
    assert len(set(keys)) == 30


def test_caller_key_map() -> None:
    text = "## S\n\n- [Hidden Debt](https://a.example.org)\n- [Other](https://b.example.org)\n"
    result = parse(text, keys={"https://a.example.org": "sculley2015hidden", "other": "mine"})
    assert list(result.catalogue.entries) == ["sculley2015hidden", "mine"]
    clash = parse(text, keys={"Hidden Debt": "same", "Other": "same"})
    assert list(clash.catalogue.entries) == ["same", "example"]  # generated from the link
    assert [p.code for p in clash.problems] == ["duplicate_key"]


def test_duplicate_titles_get_distinct_keys() -> None:
    text = "## S\n\n- [Same](https://a.example.org)\n- [Same](https://b.example.org)\n"
    # From the links; the second gets a suffix hashed from its URL (issue #12).
    assert list(parse(text).catalogue.entries) == ["example", "example-7eb5"]


# --------------------------------------------------------------------------- real sources


def test_awesome_seml_2022() -> None:
    result = parse((SOURCES / "awesome-seml-2022.md").read_text(encoding="utf-8"))
    assert result.problems == []
    cats = result.catalogue.ordered_categories()
    assert [c.title for c in cats] == [
        "Broad Overviews",
        "Data Management",
        "Model Training",
        "Deployment and Operation",
        "Social Aspects",
        "Governance",
        "Tooling",
    ]
    counts = [sum(e.category == c.slug for e in result.catalogue) for c in cats]
    assert counts == [6, 8, 15, 16, 4, 8, 27]
    assert cats[0].description == "These resources cover all aspects."


def test_awesome_seml_2020_seed_with_mojibake() -> None:
    result = parse((SOURCES / "awesome-seml-2020-seed.md").read_text(encoding="utf-8"))
    assert result.problems == []
    assert len(result.catalogue) == 49
    assert [f.emoji for f in result.catalogue.flags.values()] == ["⭐", "🎓"]
    titles = [e.title for e in result.catalogue]
    assert "What’s your ML Test Score? A rubric for ML production systems" in titles


def test_registered_for_markdown_suffixes(tmp_path: Path) -> None:
    assert FORMATS[".md"] is FORMATS[".markdown"]
    path = tmp_path / "README.markdown"
    path.write_text(TYPICAL, encoding="utf-8")
    loaded = load_source(path)
    assert shape(loaded.catalogue) == shape(parse(TYPICAL).catalogue)
    assert shape(load_text(TYPICAL, "x", "md").catalogue) == shape(loaded.catalogue)


# --------------------------------------------------------------------------- writing


def test_dump_round_trip_of_typical_list(typical: LoadResult) -> None:
    text = dump_awesome(typical.catalogue, title="Awesome Things", intro="A curated list.")
    again = parse(text)
    assert again.problems == []
    assert shape(again.catalogue) == shape(typical.catalogue)
    assert list(again.catalogue.flags.values()) == list(typical.catalogue.flags.values())
    assert text.startswith("# Awesome Things\n\nA curated list.\n\n⭐ Must-read\n")
    # A numbered list stays numbered, its items as written (issue 12, item 8).
    assert (
        "1. [A Survey](https://arxiv.org/abs/1) - A survey of things. 🎓\n"
        "2. [Another Survey](https://arxiv.org/abs/2): Another one.\n"
    ) in text
    # The subcategory (issue 12) is nested in the contents and written as "###".
    contents = "## Contents\n\n- [Papers](#papers)\n  - [Surveys](#surveys)\n- [Tools](#tools)\n"
    assert contents in text
    assert "\n### Surveys\n" in text


@pytest.mark.parametrize("name", ["awesome-seml-2022.md", "awesome-seml-2020-seed.md"])
def test_dump_round_trip_of_sources(name: str) -> None:
    first = parse((SOURCES / name).read_text(encoding="utf-8")).catalogue
    again = parse(dump_awesome(first)).catalogue
    assert shape(again) == shape(first)
    assert list(again.categories.values()) == list(first.categories.values())


def test_dump_escapes_markdown_and_keeps_slugs() -> None:
    tricky = Catalogue(
        [
            Category(
                "ops", "Deployment & [Operation]", "1. Not a list.\n\n# Not a heading", order=1
            ),
            Category("misc", "Misc *stuff*", "- not an item, + nor this", order=0),
        ],
        [Flag("must-read", "Must-read", "⭐"), Flag("internal", "Internal")],
        [
            Entry(
                "a",
                "A [bracketed] *starred* _under_ `code` <b>html</b> title",
                "https://example.org/a_(b)?x=1&amp;y=2",
                "ops",
                flags=("must-read", "internal"),
                summary="Costs $5 & uses snake_case, !important, a\\b, ~~not struck~~.",
            ),
            Entry("b", "Plain", "https://example.org/b", "misc", summary="- starts with a dash"),
            Entry("c", "Emoji 🎉 title", "https://example.org/c", "misc", summary="10. Ten"),
            Entry("d", "[![not an image](x)](y)", "mailto:someone@example.org", "misc"),
        ],
    )
    text = dump_awesome(tricky)
    again = parse(text)
    assert again.problems == []
    # Entries come back grouped by category, in category order.
    assert sorted(shape(again.catalogue)) == sorted(shape(tricky))
    assert [(c.slug, c.title, c.description) for c in again.catalogue.ordered_categories()] == [
        (c.slug, c.title, c.description) for c in tricky.ordered_categories()
    ]
    # Slugs that are not the slug of the title travel in an anchor; a flag
    # without emoji in a shortcode-like marker.
    assert '## <a name="ops"></a>Deployment & \\[Operation\\]' in text
    assert "(<https://example.org/a_(b)?x=1\\&amp;y=2>)" in text
    assert again.catalogue.flags["internal"] == Flag("internal", "Internal")
    assert "⭐:internal:" in text


def test_default_mapping_is_the_awesome_seml_legend() -> None:
    assert dict(DEFAULT_EMOJI_FLAGS) == {"⭐": "must-read", "🎓": "scientific"}

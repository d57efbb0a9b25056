"""Issue 12, item 9: the awesome-lint checks of ``seml lint`` and their fixes, rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome.anchors import github_slug
from sphinxext_seml.catalogue.awesome.lint import Rule, fix_awesome, lint_awesome

CLEAN = """\
# Awesome Runbooks

A curated list of runbooks for machine learning, in alphabetical order.

## Contents

- [Deployment](#deployment)
  - [Rollback](#rollback)
- [Monitoring](#monitoring)

## Deployment

- [Canary releases](https://wiki.example.com/canary) - Shifting traffic in steps.
- [Continuous Delivery](https://martinfowler.com/articles/cd4ml.html) - The whole lifecycle. ⭐

### Rollback

- [Rolling back a model](https://wiki.example.com/rollback) - What to do when it misbehaves!

## Monitoring

- [Drift](https://example.com/drift) - Is the data still what it was? See [Rollback](#rollback).

## Contributing

Read the [guidelines](CONTRIBUTING.md) first.
"""


def lint(text: str, *rules: Rule, alphabetical: bool = False) -> list[tuple[int, str, str]]:
    found = lint_awesome(text, "README.md", rules=rules or None, alphabetical=alphabetical)
    for message in found:
        assert message.location.source == "README.md"
    return [(m.location.line or 0, m.rule.value, m.message) for m in found]


def fixed(text: str, *rules: Rule, alphabetical: bool = False) -> str:
    result = fix_awesome(text, "README.md", rules=rules or None, alphabetical=alphabetical)
    assert lint(result.text, *rules, alphabetical=alphabetical) == [
        (m.location.line or 0, m.rule.value, m.message) for m in result.remaining
    ]
    return result.text


def test_a_clean_readme_gives_no_message() -> None:
    assert lint(CLEAN) == []
    result = fix_awesome(CLEAN, "README.md")
    assert (result.text, result.fixed, result.remaining, result.changed) == (CLEAN, [], [], False)


def test_rules_are_named_as_on_the_command_line() -> None:
    assert [r.value for r in Rule] == [
        "duplicate-link",
        "toc",
        "no-description",
        "description-style",
        "alphabetical",
        "dead-anchor",
    ]
    found = lint_awesome("# T\n\n## A\n\n- [x](https://x.example.com)\n", "lists/README.md")
    assert [str(m) for m in found] == ["lists/README.md:5: no-description: 'x' has no description"]


# ----------------------------------------------------------------- duplicate-link


def test_duplicate_link_after_normalisation() -> None:
    text = """\
# T

## Tools

- [MLflow](https://github.com/mlflow/mlflow) - Tracking.
- [Other](https://example.com/other) - Something else.

## More

- [MLflow again](http://www.github.com/mlflow/mlflow.git/?utm_source=x) - Tracking again.
"""
    assert lint(text, Rule.DUPLICATE_LINK) == [
        (
            10,
            "duplicate-link",
            "'MLflow again' links to http://www.github.com/mlflow/mlflow.git/?utm_source=x,"
            " as 'MLflow' does (line 5)",
        )
    ]


def test_duplicate_link_in_a_table_row() -> None:
    text = """\
# T

## Papers

| Year | Paper |
|------|-------|
| 2017 | [Attention Is All You Need](https://arxiv.org/abs/1706.03762) |

## Reading

- [Transformers](https://arxiv.org/abs/1706.03762) - The paper.
"""
    assert [line for line, *_ in lint(text, Rule.DUPLICATE_LINK)] == [11]


def test_links_in_descriptions_and_left_out_sections_are_no_duplicates() -> None:
    text = """\
# T

## Tools

- [A](https://a.example.com) - Works with [B](https://b.example.com).
- [B](https://b.example.com) - The other one.

## License

[A](https://a.example.com)
- [A](https://a.example.com)
"""
    assert lint(text, Rule.DUPLICATE_LINK) == []


# ----------------------------------------------------------------- toc

TOC = """\
# Awesome T

## Contents

- [Tools](#tools)
- [Data](#data)
- [Gone](#gone)

## Data

- [D](https://d.example.com) - Data.

## Tools

- [T](https://t.example.com) - Tools.

## Papers

- [P](https://p.example.com) - Papers.

## Contributing

Welcome.
"""


def test_toc_out_of_step_with_the_headings() -> None:
    assert lint(TOC, Rule.TOC) == [
        (6, "toc", "entry 'Data' is out of order: its heading comes before that of 'Tools'"),
        (7, "toc", "entry 'Gone' links to #gone, which no heading has"),
        (17, "toc", "heading 'Papers' is not in the table of contents (line 3)"),
    ]
    assert all(m.fixable for m in lint_awesome(TOC, "README.md", rules=[Rule.TOC]))


def test_toc_fix_regenerates_the_list_in_place() -> None:
    assert fixed(TOC, Rule.TOC) == TOC.replace(
        "- [Tools](#tools)\n- [Data](#data)\n- [Gone](#gone)\n",
        "- [Data](#data)\n- [Tools](#tools)\n- [Papers](#papers)\n",
    )
    result = fix_awesome(TOC, "README.md", rules=[Rule.TOC])
    assert [(m.location.line, m.message) for m in result.fixed] == [
        (5, "regenerated the table of contents (3 entries)")
    ]


def test_toc_entry_text_must_be_its_headings() -> None:
    text = (
        "# T\n\n## Contents\n\n* [Tool](#tools)\n\n## Tools\n\n- [T](https://t.example.com) - T.\n"
    )
    assert lint(text, Rule.TOC) == [
        (5, "toc", "entry 'Tool' does not match its heading 'Tools' (line 7)")
    ]
    assert fixed(text, Rule.TOC) == text.replace("* [Tool](#tools)", "* [Tools](#tools)")


def test_toc_nested_levels_explicit_anchors_and_github_slugs() -> None:
    text = """\
# T

## Table of Contents

- [C++](#cpp)

<a name="cpp"></a>
## C++

- [A](https://a.example.com) - A.

### Tools & Libraries 🚀

- [B](https://b.example.com) - B.

## C#

- [C](https://c.example.com) - C.

### Tools & Libraries 🚀

- [D](https://d.example.com) - D.
"""
    # The ToC links only "##" headings: the "###" ones are not asked for.
    assert lint(text, Rule.TOC) == [
        (16, "toc", "heading 'C#' is not in the table of contents (line 3)")
    ]
    regenerated = fixed(
        text.replace("- [C++](#cpp)", "- [C++](#cpp)\n  - [Tools](#tools--libraries-)")
    )
    assert regenerated.split("## C++")[0].endswith(
        "- [C++](#cpp)\n"
        "  - [Tools & Libraries 🚀](#tools--libraries-)\n"
        "- [C#](#c-1)\n"  # GitHub's slug of "C++" is "c" too
        "  - [Tools & Libraries 🚀](#tools--libraries--1)\n"
        "\n"
        '<a name="cpp"></a>\n'
    )


def test_toc_links_in_its_sub_headings_count() -> None:
    text = """\
# T

## Contents

### [Tools](#tools-1)

- [Misc](#misc)

## Tools

- [T](https://t.example.com) - T.

### Misc

- [M](https://m.example.com) - M.
"""
    assert lint(text, Rule.TOC, Rule.DEAD_ANCHOR) == []


def test_no_toc_no_toc_message() -> None:
    assert lint("# T\n\n## Tools\n\n- [T](https://t.example.com) - T.\n", Rule.TOC) == []


def test_toc_split_over_several_lists_is_not_regenerated() -> None:
    text = """\
# T

## Contents

### Languages

- [Python](#python)

### Other

- [Misc](#misc)

## Python

- [P](https://p.example.com) - P.

## Tools

- [T](https://t.example.com) - T.
"""
    found = lint_awesome(text, "README.md", rules=[Rule.TOC])
    assert [(m.location.line, m.fixable) for m in found] == [(11, False), (17, False)]
    assert fix_awesome(text, "README.md", rules=[Rule.TOC]).text == text


# ----------------------------------------------------------------- no-description


def test_items_without_a_description() -> None:
    text = """\
# T

## Tools

- [Bare](https://bare.example.com)
- [Flagged](https://flagged.example.com) ⭐ ![stars](https://img.shields.io/x.svg)
- [Described](https://d.example.com) - Something.
  - [Nested](https://nested.example.com) -
"""
    assert lint(text, Rule.NO_DESCRIPTION) == [
        (5, "no-description", "'Bare' has no description"),
        (6, "no-description", "'Flagged' has no description"),
        (8, "no-description", "'Nested' has no description"),
    ]
    assert fix_awesome(text, "README.md").text == text  # nothing to fix mechanically


# ----------------------------------------------------------------- description-style

STYLE = """\
# T

## Tools

- [A](https://a.example.com) - starts in lower case.
- [B](https://b.example.com) - Ends without a period
- [C](https://c.example.com) ![stars](https://img.shields.io/c.svg) - both wrong ⭐
- [pandas](https://pandas.pydata.org) - pandas is a data frame library.
- [D](https://d.example.com) - Written in `Rust`
- [E](https://e.example.com) - iOS and macOS apps, ending with a quote: "done."
- [F](https://f.example.com) - (Python)
- [G](https://g.example.com) - **Deprecated**
- [H](https://h.example.com) - 3 tools, a number first.
- [I](https://i.example.com) - 中文描述。
- [J](https://j.example.com) - Very long text that goes on
  over a second line
- [K](https://k.example.com) and [L](https://l.example.com) are two tools.
"""


def test_description_style() -> None:
    start = "does not start with a capital letter"
    end = "does not end with a period"
    assert lint(STYLE, Rule.DESCRIPTION_STYLE) == [
        (5, "description-style", f"the description of 'A' {start}"),
        (6, "description-style", f"the description of 'B' {end}"),
        (7, "description-style", f"the description of 'C' {start}"),
        (7, "description-style", f"the description of 'C' {end}"),
        (
            8,
            "description-style",
            f"the description of 'pandas' {start} (it starts with the item's name,"
            " 'pandas', which --fix leaves as it is)",
        ),
        (9, "description-style", f"the description of 'D' {end}"),
        (15, "description-style", f"the description of 'J' {end}"),
    ]


def test_description_style_fix() -> None:
    expected = (
        STYLE.replace("- starts in", "- Starts in")
        .replace("without a period\n", "without a period.\n")
        .replace("- both wrong ⭐", "- Both wrong. ⭐")
        .replace("`Rust`\n", "`Rust`.\n")
        .replace("over a second line\n", "over a second line.\n")
    )
    assert fixed(STYLE, Rule.DESCRIPTION_STYLE) == expected
    result = fix_awesome(STYLE, "README.md", rules=[Rule.DESCRIPTION_STYLE])
    assert [(m.location.line, m.message) for m in result.fixed] == [
        (5, "capitalised the first word of the description of 'A'"),
        (6, "added a period to the description of 'B'"),
        (7, "capitalised the first word of the description of 'C'"),
        (7, "added a period to the description of 'C'"),
        (9, "added a period to the description of 'D'"),
        (15, "added a period to the description of 'J'"),
    ]
    assert [m.location.line for m in result.remaining] == [8]


def test_fix_keeps_line_ends_and_the_missing_final_newline() -> None:
    text = "# T\r\n\r\n## A\r\n\r\n- [x](https://x.example.com) - no period"
    assert fixed(text) == "# T\r\n\r\n## A\r\n\r\n- [x](https://x.example.com) - No period."


def test_items_of_the_preamble_and_left_out_sections_are_not_checked() -> None:
    text = """\
# T

- [badge](https://badge.example.com)

## Contributing

- [guide](https://guide.example.com) - read it
"""
    assert lint(text) == []


# ----------------------------------------------------------------- alphabetical

UNSORTED = """\
# T

Items are sorted alphabetically.

## Tools

- [beta](https://b.example.com) - B.

- [Alpha](https://a.example.com) - A.
  - [zeta](https://z.example.com) - Z.
  - [eta](https://e.example.com) - E.
- [Gamma](https://g.example.com) - G.

## Other

- [Zulu](https://zulu.example.com) - Z.
- [Able](https://able.example.com) - A.
"""


def test_alphabetical_where_the_readme_claims_it() -> None:
    assert lint(UNSORTED, Rule.ALPHABETICAL) == [
        (9, "alphabetical", "'Alpha' is out of alphabetical order: it sorts before 'beta'"),
        (11, "alphabetical", "'eta' is out of alphabetical order: it sorts before 'zeta'"),
        (17, "alphabetical", "'Able' is out of alphabetical order: it sorts before 'Zulu'"),
    ]


def test_alphabetical_fix_sorts_each_list_keeping_item_text() -> None:
    assert (
        fixed(UNSORTED, Rule.ALPHABETICAL)
        == """\
# T

Items are sorted alphabetically.

## Tools

- [Alpha](https://a.example.com) - A.
  - [eta](https://e.example.com) - E.
  - [zeta](https://z.example.com) - Z.

- [beta](https://b.example.com) - B.
- [Gamma](https://g.example.com) - G.

## Other

- [Able](https://able.example.com) - A.
- [Zulu](https://zulu.example.com) - Z.
"""
    )


def test_alphabetical_only_where_claimed_or_asked() -> None:
    unclaimed = UNSORTED.replace("Items are sorted alphabetically.", "A list.")
    assert lint(unclaimed, Rule.ALPHABETICAL) == []
    assert [line for line, *_ in lint(unclaimed, Rule.ALPHABETICAL, alphabetical=True)] == [
        9,
        11,
        17,
    ]
    # A section's own description claims it for that section only.
    per_section = unclaimed.replace("## Other\n", "## Other\n\nIn alphabetical order.\n")
    assert [line for line, *_ in lint(per_section, Rule.ALPHABETICAL)] == [19]


def test_alphabetical_claim_in_the_contributing_section() -> None:
    text = """\
# T

## Tools

- [B](https://b.example.com) - B.
- [A](https://a.example.com) - A.

## Contributing

- Keep the items in alphabetical order.
"""
    assert [line for line, *_ in lint(text, Rule.ALPHABETICAL)] == [6]


# ----------------------------------------------------------------- dead-anchor


def test_dead_anchors() -> None:
    text = """\
# T

See [the tools](#tools), [the top](#top), [data](#Data-Sets) and [nothing](#nowhere).
<a href="#gone">HTML link</a>

## Tools

- [T](https://t.example.com) - T. Back to [top](#).

## Data Sets

<a name="custom"></a>
[custom](#custom) and [encoded](#user-content-tools)
"""
    assert lint(text, Rule.DEAD_ANCHOR) == [
        (3, "dead-anchor", "link to #nowhere, which no heading or anchor has"),
        (4, "dead-anchor", "link to #gone, which no heading or anchor has"),
    ]


def test_dead_anchor_in_the_toc_is_the_toc_rules() -> None:
    text = (
        "# T\n\n## Contents\n\n- [Gone](#gone)\n\n## Tools\n\n- [T](https://t.example.com) - T.\n"
    )
    assert [r for _, r, _ in lint(text)] == ["toc", "toc"]
    assert lint(text, Rule.DEAD_ANCHOR) == [
        (5, "dead-anchor", "link to #gone, which no heading or anchor has")
    ]


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Tools & Libraries", "tools--libraries"),
        ("🚀 Deployment", "-deployment"),
        ("Awesome-LLM ", "awesome-llm-"),
        ("C++", "c"),
        ("What's new?", "whats-new"),
        ("Café_Ünïcode 2", "café_ünïcode-2"),
    ],
)
def test_github_slugs(heading: str, slug: str) -> None:
    assert github_slug(heading) == slug


# ----------------------------------------------------------------- all together


def test_fix_everything_then_lint_again_is_clean() -> None:
    broken = """\
# Awesome T

Sorted alphabetically.

## Contents

- [Tools](#tools)

## Tools

- [zeta](https://z.example.com) - the last
- [Alpha](https://a.example.com) - The first

## Data

- [Data set](https://data.example.com) - Some data.
"""
    result = fix_awesome(broken, "README.md")
    assert (
        result.text
        == """\
# Awesome T

Sorted alphabetically.

## Contents

- [Tools](#tools)
- [Data](#data)

## Tools

- [Alpha](https://a.example.com) - The first.
- [zeta](https://z.example.com) - The last.

## Data

- [Data set](https://data.example.com) - Some data.
"""
    )
    assert result.remaining == []
    assert sorted((m.location.line, m.rule.value) for m in result.fixed) == [
        (7, "toc"),
        (11, "alphabetical"),
        (11, "description-style"),
        (11, "description-style"),
        (12, "description-style"),
    ]
    assert lint(result.text) == []


#: The real lists stay in the shared data next to the repository, read-only.
REAL_LISTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "awesome-lists"


@pytest.mark.skipif(not REAL_LISTS.is_dir(), reason="the real lists are in ../shared/data")
@pytest.mark.parametrize("name", sorted(p.name for p in REAL_LISTS.glob("*.md")))
def test_real_lists_lint_and_fix_without_fault(name: str) -> None:
    text = (REAL_LISTS / name).read_text(encoding="utf-8")
    found = lint_awesome(text, name)
    assert all(m.location.line for m in found)
    result = fix_awesome(text, name)
    assert not any(m.fixable for m in result.remaining)
    again = fix_awesome(result.text, name)
    assert (again.text, again.fixed) == (result.text, [])


def test_dead_anchor_names_the_closest_anchor() -> None:
    text = "# T\n\nSee [tools](#tool).\n\n## Tools\n\n- [T](https://t.example.com) - T.\n"
    assert lint(text, Rule.DEAD_ANCHOR) == [
        (3, "dead-anchor", "link to #tool, which no heading or anchor has; did you mean #tools?")
    ]


def test_the_how_to_documents_every_rule() -> None:
    how_to = Path(__file__).resolve().parents[2] / "docs" / "howto" / "awesome-lint.md"
    headings = set(how_to.read_text(encoding="utf-8").splitlines())
    assert {f"### `{rule.value}`" for rule in Rule} <= headings

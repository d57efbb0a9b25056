"""Issue 12, item 4: an awesome-list item that holds links without starting with one
becomes an entry per link; an item without a link is a note; a target damaged by stray
brackets is repaired with a note."""

from __future__ import annotations

from sphinxext_seml.catalogue.awesome import parse_awesome
from sphinxext_seml.catalogue.errors import NOTE_CODES, ProblemCode, Severity
from sphinxext_seml.catalogue.results import LoadResult


def parse(body: str) -> LoadResult:
    return parse_awesome(f"# Awesome\n\n⭐ Must-read\n\n## Tools\n\n{body}", "README.md")


def found(result: LoadResult) -> list[tuple[str, str, str | None]]:
    return [(e.title, e.url, e.summary) for e in result.catalogue]


def test_each_link_of_an_item_that_starts_with_words_is_an_entry() -> None:
    result = parse(
        "- More tools: [Catalyst](https://github.com/catalyst-team/catalyst),"
        " [PachydermIO](https://www.pachyderm.io/). ⭐\n"
    )
    summary = "More tools: Catalyst, PachydermIO."
    assert found(result) == [
        ("Catalyst", "https://github.com/catalyst-team/catalyst", summary),
        ("PachydermIO", "https://www.pachyderm.io/", summary),
    ]
    assert all(e.flags == ("must-read",) for e in result.catalogue)
    assert [e.location.line for e in result.catalogue if e.location] == [7, 7]
    assert result.problems == []
    assert result.linked_items == 1


def test_a_generic_link_text_gives_the_item_its_title() -> None:
    result = parse(
        "* For a list of free machine learning books, go [here](https://example.org/books).\n"
        "* Read the guide at [this link](https://example.org/guide)\n"
        "* The Hidden Debt paper [PDF](https://example.org/debt.pdf) [Code](https://example.org/c)\n"
        "* See [here](https://example.org/mid) for the list of meetups\n"
        "* [Ignored](#tools) and then [Website](https://example.org/site)\n"
    )
    assert found(result) == [
        ("For a list of free machine learning books", "https://example.org/books", None),
        ("Read the guide", "https://example.org/guide", None),
        ("The Hidden Debt paper", "https://example.org/debt.pdf", None),
        ("The Hidden Debt paper", "https://example.org/c", None),
        # A generic link text in the middle: the item's text, nothing cut.
        ("See here for the list of meetups", "https://example.org/mid", None),
        # A link into the page first is no entry, but the item's other links are (it
        # was dropped as navigation, without a word).
        ("Ignored and then", "https://example.org/site", None),
    ]
    assert result.problems == []


def test_an_item_without_a_link_is_a_located_note() -> None:
    result = parse("- [Aim](https://aimstack.io) - Tracking.\n- Just words, no link\n")
    assert found(result) == [("Aim", "https://aimstack.io", "Tracking.")]
    [note] = result.problems
    assert (note.location.line, note.code, note.severity) == (8, "awesome.no_link", Severity.NOTE)
    assert str(note).startswith("README.md:8: note: ")


def test_a_target_with_stray_brackets_is_repaired_with_a_note() -> None:
    result = parse(
        "- [LLM]([https://github.com/simonw/llm) - A CLI.\n"
        "- [Angle](https://example.org/angle>) - Left over.\n"
        "- [Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) - Parentheses are no damage.\n"
        "- [Local](docs/local.md) - Relative: not repaired.\n"
    )
    assert found(result) == [
        ("LLM", "https://github.com/simonw/llm", "A CLI."),
        ("Angle", "https://example.org/angle", "Left over."),
        ("Wiki", "https://en.wikipedia.org/wiki/Foo_(bar)", "Parentheses are no damage."),
    ]
    codes = [(p.location.line, p.code, p.severity) for p in result.problems]
    assert codes == [
        (7, "awesome.repaired_link", Severity.NOTE),
        (8, "awesome.repaired_link", Severity.NOTE),
        (10, "unsafe_url", Severity.WARNING),
    ]
    assert "'[https://github.com/simonw/llm'" in result.problems[0].message


def test_html_items_and_table_cells_with_words_before_the_link() -> None:
    result = parse(
        "<ul>\n"
        '<li>See also <a href="https://example.org/a">Alpha</a> and'
        ' <a href="https://example.org/more">more</a></li>\n'
        "</ul>\n\n"
        "| Paper | Year |\n|---|---|\n"
        "| Read [Attention](https://arxiv.org/abs/1706.03762) first | 2017 |\n"
    )
    assert found(result) == [
        ("Alpha", "https://example.org/a", "See also Alpha and more"),
        ("See also Alpha and", "https://example.org/more", None),
        ("Attention", "https://arxiv.org/abs/1706.03762", "Read Attention first"),
    ]
    assert next(e for e in result.catalogue if e.title == "Attention").year == 2017
    assert result.problems == []


def test_notes_are_a_set_of_codes() -> None:
    assert {ProblemCode.AWESOME_NO_LINK, ProblemCode.AWESOME_REPAIRED_LINK} == NOTE_CODES
    assert ProblemCode("awesome.skipped_item") not in NOTE_CODES

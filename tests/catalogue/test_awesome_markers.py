"""Issue 12, flags only from markers: star counts are no flags, control characters go
without the text around them, shortcodes decorating a title are not part of it."""

from __future__ import annotations

from sphinxext_seml.catalogue.awesome import parse_awesome


def entries(text: str) -> dict[str, tuple[tuple[str, ...], str | None]]:
    result = parse_awesome(text, "README.md")
    assert result.problems == []
    return {e.title: (e.flags, e.summary) for e in result.catalogue}


def test_star_counts_are_not_flags() -> None:
    text = """\
# T
## Tools
- [Pydantic](https://p.example.org) - ⭐ 20k - Data validation.
- [Other](https://o.example.org) - ⭐ 1,234 stars ![](https://img.shields.io/github/stars/a/b)
- [Must](https://m.example.org) - Read it. ⭐
- [Versioned](https://v.example.org) - ⭐ v2 is out.
"""
    found = entries(text)
    assert found["Pydantic"] == ((), "⭐ 20k - Data validation.")
    assert found["Other"] == ((), "⭐ 1,234 stars")  # the star badge image is dropped
    assert found["Must"] == (("must-read",), "Read it.")
    assert found["Versioned"] == (("must-read",), "v2 is out.")


def test_control_characters_are_removed_not_the_summary() -> None:
    text = "# T\n## S\n- [A\x07b](https://a.example.org) - one\x1b stray character.\n"
    assert entries(text) == {"Ab": ((), "one stray character.")}


def test_shortcodes_around_a_title_are_decoration() -> None:
    text = "# T\n## S\n- [:rocket: Putting ML in Production](https://a.example.org)\n"
    assert list(entries(text)) == ["Putting ML in Production"]

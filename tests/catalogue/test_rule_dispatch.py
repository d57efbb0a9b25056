"""The README reader's markdown-it-py, its rules dispatched by character, gives the
same tokens as markdown-it-py trying every rule."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sphinxext_seml.catalogue.awesome.parser import make_markdown

REAL_LISTS = Path(__file__).parents[3] / "shared" / "data" / "awesome-lists"

PIECES = [
    "- [A_b](https://x.example/a_(b)) - *em* _x_ `c` ⭐ 20k",
    "1. [T](<https://a b>) - 1. x",
    "| a | [L](https://l.example) | 2019 |",
    "|---|---|---|",
    "- [\\[x\\]](https://x.example) - \\[not\\] [link](https://y.example) &amp; &copy;",
    '<ul><li><a href="https://h.example">H</a> - d</li></ul>',
    "## C++",
    "- **Group**",
    "  - [Sub](https://s.example) - y :star:",
    "    indented code",
    "```",
    "~~~ py",
    "> quote [q](https://q.example)",
    "---",
    "***",
    "Title",
    "===",
    "[ref]: https://r.example 'T'",
    "- [r][ref] <https://auto.example> <b>x</b> ![i](https://i.png)",
    "<!-- c -->",
    "<details><summary>S</summary>",
    "+ plus item",
    "2) two",
    "text with \\ and trailing  ",
    "",
    # Lines the gates of the thematic break and reference rules look at first.
    "- - -",
    "_ _ _",
    "*\t*\t*  ",
    "-- -x",
    "[a]: https://a.example",
    "[a\\]]: https://b.example 'B'",
    "[a] : https://c.example",
    "[[a]]: https://d.example",
    "[multi",
    "line]: https://m.example",
    "[ends with a backslash\\",
    "]: https://e.example",
    "[x](https://x.example): not a definition",
]


def _stock() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _same(text: str) -> None:
    mine = [t.as_dict() for t in make_markdown().parse(text)]
    theirs = [t.as_dict() for t in _stock().parse(text)]
    assert mine == theirs, text


@pytest.mark.parametrize("piece", PIECES)
def test_same_tokens(piece: str) -> None:
    _same(piece + "\n")


def test_same_tokens_on_random_documents() -> None:
    rng = random.Random(3)
    for _ in range(300):
        lines = []
        for _ in range(rng.randint(1, 25)):
            line = rng.choice(PIECES)
            if rng.random() < 0.3:
                cut = rng.randint(0, len(line))
                line = line[:cut] + rng.choice("[]()\\*_`<>&!#|:~-+ \t>1.") + line[cut:]
            lines.append(" " * rng.choice((0, 0, 0, 2, 4)) + line)
        _same("\n".join(lines))


@pytest.mark.skipif(not REAL_LISTS.is_dir(), reason="the real lists are not next to the repository")
def test_same_tokens_on_the_real_lists() -> None:
    for path in sorted(REAL_LISTS.glob("*.md")):
        _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "[multi\nline]: https://m.example\n\n[multi line]\n",
        "[ends\\\n]: https://e.example\n\n[ends\\\n]\n",
        "> [q]: https://q.example\n> - - -\n\n[q]\n",
        "- item\n  * * *\n- [x]: https://x.example\n\n[x]\n",
        "Title\n- - -\n\nTitle\n---\n",
    ],
)
def test_same_tokens_where_a_gated_rule_reads_on(text: str) -> None:
    # Thematic breaks and reference definitions the first line alone does not settle.
    _same(text)

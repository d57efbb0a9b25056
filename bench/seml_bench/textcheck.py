"""The floor cannot drift: (a) and (b) must show a reader the same text.

Variant (b) is only a fair floor if it renders what the extension renders. This
module extracts the visible text of the main content of every HTML page of two
builds and compares them line by line. It normalises only what must differ
between a hand-written page and the extension's: markup (classes, ids, anchors,
tooltips, which HTML elements carry the text) is not text, and the extension
draws a badge's emoji in an element of its own, spaced from the label by its
stylesheet, where the hand-written badge has a space.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        *("address", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p", "pre", "section"),
        *("table", "td", "th", "tr", "ul"),
    }
)
_SKIPPED = frozenset({"script", "style"})
#: Classes of elements whose text stands apart from what follows (CSS spaces them).
_SPACED_CLASSES = frozenset({"seml-badge-emoji"})
_SPACE = re.compile(r"\s+")


class _MainText(HTMLParser):
    """The text of the element with ``role="main"`` (Sphinx themes' page content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._divs = 0  # open <div>s since entering the main element; 0: outside
        self._skipping = 0
        self._spaced: list[bool] = []  # per open <span>: add a space after it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if not self._divs:
            if tag == "div" and attributes.get("role") == "main":
                self._divs = 1
            return
        if tag == "div":
            self._divs += 1
        elif tag == "span":
            classes = set((attributes.get("class") or "").split())
            self._spaced.append(bool(classes & _SPACED_CLASSES))
        if tag in _SKIPPED:
            self._skipping += 1
        if tag in _BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._divs:
            return
        if tag == "div":
            self._divs -= 1
        elif tag == "span" and self._spaced and self._spaced.pop():
            self.chunks.append(" ")
        if tag in _SKIPPED:
            self._skipping -= 1
        if tag in _BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self._divs and not self._skipping:
            self.chunks.append(_SPACE.sub(" ", data))


def visible_text(html: str) -> list[str]:
    """The lines of text a reader sees in a page's main content, spaces collapsed."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).split("\n"))
    return [line for line in lines if line]


@dataclass
class TextCheck:
    """The outcome of comparing two builds: how many pages, and the diff if any."""

    pages: int
    diff: list[str]

    @property
    def same(self) -> bool:
        return not self.diff


def compare_html(left: Path, right: Path, *, names: tuple[str, str] = ("a", "b")) -> TextCheck:
    """Compare the visible text of the HTML pages of two build outputs (top-level pages)."""
    left_pages = {p.name for p in left.glob("*.html")}
    right_pages = {p.name for p in right.glob("*.html")}
    diff = [f"only in {names[0]}: {n}" for n in sorted(left_pages - right_pages)]
    diff += [f"only in {names[1]}: {n}" for n in sorted(right_pages - left_pages)]
    common = sorted(left_pages & right_pages)
    for name in common:
        a = visible_text((left / name).read_text(encoding="utf-8"))
        b = visible_text((right / name).read_text(encoding="utf-8"))
        if a != b:
            diff.extend(
                difflib.unified_diff(
                    a, b, f"{names[0]}/{name}", f"{names[1]}/{name}", n=1, lineterm=""
                )
            )
    return TextCheck(len(common), diff)

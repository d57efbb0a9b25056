"""The ``toc`` rule: the table of contents against the headings, and its regeneration.

The table of contents is the first list (with its nested lists) under the
first heading named like one (*Contents*, *Table of contents*, *Quick links*,
...; :data:`..sections.TOC_SECTIONS`), up to the next heading of its level or
above. The headings it should list are those after it, from its own level down
to the deepest level it links to, except the left-out sections (contributing,
licence, ...) and their subsections. A table of contents split over several
lists is checked but not regenerated; one in a table is left to the
``dead-anchor`` rule, which checks its links.

``--fix`` replaces the list with one item per heading it should list, nested
by level, each linking to the heading's explicit anchor or else to GitHub's,
with the list's own bullet and indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ...errors import Location
from ..anchors import fragment_names
from ..markers import JOINERS, is_emoji_char
from .links import closest_anchor
from .rules import LintMessage, Rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .readme import Heading, Item, Readme

__all__ = ["TableOfContents", "find_toc"]

_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<])")


@dataclass(frozen=True, slots=True)
class _Entry:
    item: Item
    fragment: str
    heading: Heading | None


def _trim(text: str) -> str:
    """Text without the decorative emoji around it, as :func:`.inline.heading_title` trims."""
    while text and (is_emoji_char(text[0]) or text[0] in JOINERS):
        text = text[1:].lstrip()
    while text and (is_emoji_char(text[-1]) or text[-1] in JOINERS):
        text = text[:-1].rstrip()
    return text


class TableOfContents:
    """A README's table of contents: its lists, entries and the headings it should list."""

    def __init__(self, readme: Readme, heading: Heading) -> None:
        self.readme = readme
        self.heading = heading
        index = readme.headings.index(heading)
        after = readme.headings[index + 1 :]
        end = next((h for h in after if h.level <= heading.level), None)
        self.end_line = end.line if end is not None else len(readme.lines) + 1
        nested = {id(b) for block in readme.lists for item in block.items for b in item.lists}
        self.lists = [
            block
            for block in readme.lists
            if heading.line < block.start + 1 < self.end_line and id(block) not in nested
        ]
        self.entries = list(self._entries())
        self.following = [h for h in after if h.line >= self.end_line]

    def _entries(self) -> Iterator[_Entry]:
        stack = list(reversed([i for block in self.lists for i in block.items]))
        while stack:
            item = stack.pop()
            if item.url is not None and item.url.startswith("#"):
                yield _Entry(item, item.url[1:], self._resolve(item.url[1:]))
            stack.extend(reversed([i for block in item.lists for i in block.items]))

    def _resolve(self, fragment: str) -> Heading | None:
        names = fragment_names(fragment)
        return next((h for h in self.readme.headings if names & h.anchors), None)

    def _linked(self) -> list[Heading]:
        """The headings its entries link to, and those its own headings and
        paragraphs link to (a sub-heading ``### [Tools](#tools-1)``, a ``[Credits](#credits)``)."""
        found = [e.heading for e in self.entries if e.heading is not None]
        for link in self.readme.links:
            if self.heading.line <= link.line < self.end_line:
                heading = self._resolve(link.fragment)
                if heading is not None:
                    found.append(heading)
        return found

    @property
    def lines(self) -> set[int]:
        """The 1-based lines of its lists."""
        return {line + 1 for block in self.lists for line in range(block.start, block.end)}

    @property
    def fixable(self) -> bool:
        return len(self.lists) == 1

    def expected(self) -> list[Heading]:
        """The headings it should list, in document order."""
        linked = [e.heading.level for e in self.entries if e.heading in self.following]
        deepest = max(linked, default=self.heading.level)
        return [
            h
            for h in self.following
            if self.heading.level <= h.level <= deepest and not (h.left_out or h.toc)
        ]

    def check(self) -> list[LintMessage]:
        """Entries without a heading, entries whose text is not their heading's, headings
        left out, entries out of order."""
        out: list[tuple[int, str]] = []
        expected = self.expected()
        anchors = self.readme.anchors()
        for entry in self.entries:
            title = entry.item.title
            if entry.heading is None:
                if not fragment_names(entry.fragment) & anchors:
                    hint = closest_anchor(entry.fragment, anchors)
                    out.append(
                        (
                            entry.item.line,
                            f"entry {title!r} links to #{entry.fragment},"
                            f" which no heading has{hint}",
                        )
                    )
            elif _trim(title) != entry.heading.title and entry.heading in expected:
                out.append(
                    (
                        entry.item.line,
                        f"entry {title!r} does not match its heading"
                        f" {entry.heading.title!r} (line {entry.heading.line})",
                    )
                )
        listed = {id(h) for h in self._linked()}
        out += [
            (
                h.line,
                f"heading {h.title!r} is not in the table of contents (line {self.heading.line})",
            )
            for h in expected
            if id(h) not in listed
        ]
        out += self._order(expected)
        fixable = self.fixable
        return [
            LintMessage(Location(self.readme.source, line), Rule.TOC, message, fixable)
            for line, message in sorted(out, key=lambda found: found[0])
        ]

    def _order(self, expected: list[Heading]) -> list[tuple[int, str]]:
        position = {id(h): n for n, h in enumerate(expected)}
        out: list[tuple[int, str]] = []
        latest: _Entry | None = None
        for entry in self.entries:
            if entry.heading is None or id(entry.heading) not in position:
                continue
            if latest is not None and position[id(entry.heading)] < position[id(latest.heading)]:
                out.append(
                    (
                        entry.item.line,
                        f"entry {entry.item.title!r} is out of order:"
                        f" its heading comes before that of {latest.item.title!r}",
                    )
                )
            else:
                latest = entry
        return out

    def regenerated(self) -> list[str]:
        """The lines of the list it should be (its own bullet and indentation)."""
        block = self.lists[0]
        first = self.readme.lines[block.start]
        indent = first[: len(first) - len(first.lstrip())]
        marker = block.marker if not block.ordered else "-"
        out: list[str] = []
        open_levels: list[int] = []
        for heading in self.expected():
            while open_levels and open_levels[-1] >= heading.level:
                open_levels.pop()
            text = _MARKDOWN_SPECIAL.sub(r"\\\1", heading.text or heading.title)
            out.append(f"{indent}{'  ' * len(open_levels)}{marker} [{text}](#{heading.target})")
            open_levels.append(heading.level)
        return out

    def fix(self, lines: list[str]) -> LintMessage | None:
        """Regenerate its list in ``lines`` (in place); what was done, or None."""
        if not self.fixable or not self.check():
            return None
        block = self.lists[0]
        old = lines[block.start : block.end]
        blank = len(old) - len(_without_trailing_blanks(old))
        new = self.regenerated()
        if new == old[: len(old) - blank]:
            return None
        lines[block.start : block.end] = new + [""] * blank
        message = f"regenerated the table of contents ({len(new)} entries)"
        return LintMessage(Location(self.readme.source, block.start + 1), Rule.TOC, message)


def _without_trailing_blanks(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


def find_toc(readme: Readme) -> TableOfContents | None:
    """The table of contents, when the README has a heading for one with a list under it."""
    for heading in readme.headings:
        if heading.toc and (heading.parent is None or not heading.parent.toc):
            toc = TableOfContents(readme, heading)
            return toc if toc.lists else None
    return None

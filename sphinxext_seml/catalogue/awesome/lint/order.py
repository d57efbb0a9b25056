"""The ``alphabetical`` rule: items in alphabetical order where the README says they are.

A README claims the order when a paragraph or item of its introduction (before
the first section, or under the title) or of a contributing section says
"alphabetical" (or "alphabetically", "alphabetic"): then every list of a
content section is checked. A section's own description saying so makes its
lists checked. ``--alphabetical`` checks every list. A list is checked when it
is bulleted and all its items start with a link; the order is that of the
link texts, ignoring case and leading punctuation and emoji. Each list is
sorted on its own: nested lists among themselves, moving with their parent item.

``--fix`` sorts the items of the list, each keeping its lines (and nested
items); the blank lines between items stay where they are.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Final

from ...errors import Location
from ..inline import collapse
from .readme import is_content
from .rules import LintMessage, Rule

if TYPE_CHECKING:
    from .readme import Heading, Item, ListBlock, Readme

__all__ = ["alphabetical_lists", "check_alphabetical", "fix_alphabetical", "sort_key"]

_CLAIM: Final = re.compile(r"\balphabetic(?:al(?:ly)?)?\b", re.IGNORECASE)
_LEADING: Final = re.compile(r"^(?::[a-z0-9_+\-]+:|[\W_])+")


def sort_key(title: str) -> str:
    """How an item's link text sorts: case folded, without leading symbols and shortcodes."""
    return _LEADING.sub("", collapse(title).casefold()) or collapse(title).casefold()


def _contributing(section: Heading | None) -> bool:
    while section is not None:
        if section.title.casefold().startswith(("contribut", "how to contribute")):
            return True
        section = section.parent
    return False


def _claims(readme: Readme) -> tuple[bool, set[int]]:
    """Whether the whole list claims alphabetical order, and which sections claim it."""
    everywhere = False
    sections: set[int] = set()
    for text in readme.texts:
        if not _CLAIM.search(text.text):
            continue
        section = text.section
        if section is None or section.title_heading or _contributing(section):
            everywhere = True
        elif is_content(section) and not text.in_item:
            sections.add(id(section))
    return everywhere, sections


def alphabetical_lists(readme: Readme, *, always: bool = False) -> list[ListBlock]:
    """The lists whose order is checked (see the module docstring)."""
    everywhere, sections = _claims(readme)
    everywhere = everywhere or always
    return [
        block
        for block in readme.lists
        if not block.ordered
        and len(block.items) > 1
        and is_content(block.section)
        and (everywhere or id(block.section) in sections)
        and all(item.url is not None and not item.url.startswith("#") for item in block.items)
    ]


def _out_of_order(block: ListBlock) -> list[tuple[Item, Item]]:
    """Each item that sorts before the item above it, with that item."""
    return [
        (item, above)
        for above, item in itertools.pairwise(block.items)
        if sort_key(item.title) < sort_key(above.title)
    ]


def check_alphabetical(readme: Readme, *, always: bool = False) -> list[LintMessage]:
    """Items out of alphabetical order in the lists that claim it."""
    return [
        LintMessage(
            Location(readme.source, item.line),
            Rule.ALPHABETICAL,
            f"{item.title!r} is out of alphabetical order: it sorts before {above.title!r}",
            fixable=True,
        )
        for block in alphabetical_lists(readme, always=always)
        for item, above in _out_of_order(block)
    ]


def _blocks(block: ListBlock, lines: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Each item's lines without the blank lines after it, and those blank lines."""
    bounds = [item.start for item in block.items] + [block.end]
    texts: list[list[str]] = []
    gaps: list[list[str]] = []
    for start, end in itertools.pairwise(bounds):
        chunk = lines[start:end]
        keep = len(chunk)
        while keep > 1 and not chunk[keep - 1].strip():
            keep -= 1
        texts.append(chunk[:keep])
        gaps.append(chunk[keep:])
    return texts, gaps


def fix_alphabetical(
    readme: Readme, lines: list[str], *, always: bool = False
) -> list[LintMessage]:
    """Sort the lists that are out of order, in ``lines`` (in place); what was sorted.

    Nested lists come first (a later start): sorting one keeps the lines of the
    items around it where they are, so every range read from ``readme`` stays right."""
    fixed: list[LintMessage] = []
    blocks = [b for b in alphabetical_lists(readme, always=always) if _out_of_order(b)]
    for block in sorted(blocks, key=lambda b: b.start, reverse=True):
        texts, gaps = _blocks(block, lines)
        order = sorted(range(len(texts)), key=lambda n: sort_key(block.items[n].title))
        out: list[str] = []
        for position, n in enumerate(order):
            out += texts[n] + gaps[position]
        lines[block.start : block.end] = out
        moved = len(_out_of_order(block))
        message = f"sorted the {len(texts)} items of the list alphabetically ({moved} out of order)"
        fixed.append(
            LintMessage(Location(readme.source, block.start + 1), Rule.ALPHABETICAL, message)
        )
    return sorted(fixed, key=lambda m: m.location.line or 0)

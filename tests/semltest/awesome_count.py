"""An independent, line-based count of the linked items of an awesome-list README.

The importer reads Markdown through markdown-it-py's token stream; this counter
reads lines with a few regular expressions, on purpose sharing nothing with it,
so that a check can compare the two: every linked item the counter sees must be
an imported entry or a reported problem.

A *linked item* is a list item line (``-``, ``*``, ``+`` or ``1.``), a table row
or an HTML ``<li>`` that holds at least one link to somewhere else than an
anchor of the page (``#section``) and with some text (a badge-only link is not an
item). A list item's lazy continuation lines are part of it, so a link whose text
wraps onto the next line counts (at the item's first line). Lines inside fenced
code and HTML comments are not read. Items under a heading for navigation,
contributing, licence, code of conduct or sponsors are counted apart (``left_out``),
as the importer leaves those sections out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["LEFT_OUT_HEADINGS", "LinkedItems", "count_linked_items"]

#: Headings whose sections hold no entries, compared in lower case without punctuation.
LEFT_OUT_HEADINGS = (
    "contents",
    "table of contents",
    "table of content",
    "toc",
    "index",
    "quick links",
    "navigation",
    "contributing",
    "contribute",
    "contribution",
    "contributions",
    "contributors",
    "how to contribute",
    "contribution guidelines",
    "license",
    "licence",
    "code of conduct",
    "sponsors",
    "sponsor",
    "backers",
    "supporters",
)

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_HTML_LINK = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
_LI = re.compile(r"<li\b", re.I)
_TAGS = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"[^\w\s]+")


@dataclass
class LinkedItems:
    """Lines holding a linked item, by where they are."""

    counted: list[int] = field(default_factory=list)
    left_out: list[int] = field(default_factory=list)


def _heading_key(text: str) -> str:
    text = _IMAGE.sub("", _TAGS.sub("", text))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(_WORDS.sub(" ", text).lower().split())


def _left_out(heading: str) -> bool:
    key = _heading_key(heading)
    return any(key == name or key.startswith(f"{name} ") for name in LEFT_OUT_HEADINGS)


def _has_link(line: str) -> bool:
    text = _IMAGE.sub("", line)
    for label, target in _MD_LINK.findall(text):
        if not target.startswith("#") and label.strip():
            return True
    for target, label in _HTML_LINK.findall(text):
        if not target.startswith("#") and _TAGS.sub("", label).strip():
            return True
    return False


def _continuation(lines: list[str], number: int) -> str:
    """The lazy continuation lines after the item at line ``number`` (1-based), joined."""
    out: list[str] = []
    for line in lines[number:]:
        if not line.strip() or _LIST_ITEM.match(line) or _HEADING.match(line) or _FENCE.match(line):
            break
        out.append(line.strip())
    return " ".join(out)


def _is_linked_item(line: str, lines: list[str], number: int) -> bool:
    """Whether ``line`` (line ``number``) is a list item, HTML item or table row with a link."""
    is_item = bool(_LIST_ITEM.match(line)) or bool(_LI.search(line))
    if not is_item and _TABLE_ROW.match(line) and not _TABLE_DELIMITER.match(line):
        is_item = True
    if is_item and _LIST_ITEM.match(line) and "](" not in line:
        line = line + " " + _continuation(lines, number)
    return is_item and _has_link(line)


def count_linked_items(text: str) -> LinkedItems:
    """The lines of ``text`` that hold a linked item, counted or in a left-out section."""
    found = LinkedItems()
    fence: str | None = None
    in_comment = False
    left_out = False
    seen_heading = False
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" not in after:
                in_comment = True
            line = before + after.split("-->", 1)[-1] if "-->" in after else before
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            seen_heading = True
            left_out = _left_out(heading.group(2))
            continue
        if not seen_heading:
            continue
        if _is_linked_item(line, lines, number):
            (found.left_out if left_out else found.counted).append(number)
    return found

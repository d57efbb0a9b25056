"""Markdown of an awesome list's items: escaping and the conventional item line.

:func:`item_line` is the line ``[Title](url) - Summary. ⭐`` the README writer
gives an entry, written so that the README reader gives the same title, link,
summary and flags back. The reader compares an item as written with it: an
item written differently (a badge, code in the title, an en dash) keeps its own
Markdown in the entry's ``markdown`` field, which the writer prefers while it
still reads as the entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..summaries import summary_parts
from .inline import collapse

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["escape_markdown", "flag_marker", "item_line", "link_target", "summary_markdown"]

# Only what could start markup: intraword "_" cannot, "!" only before "[",
# "&" only before an entity; other ASCII punctuation is left readable.
_INLINE_SPECIAL = re.compile(
    r"([\\`*\[\]<~])|(?<![A-Za-z0-9])(_)|(_)(?![A-Za-z0-9])|(!)(?=\[)|(&)(?=#?[A-Za-z0-9]+;)"
)
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+=\-])|(\d+)([.)]))")
#: A character some part of :data:`_INLINE_SPECIAL` needs: most titles and summaries
#: have none, and one search for them is cheaper than the substitution.
_MAYBE_SPECIAL = re.compile(r"[\\`*\[\]<~_!&]")
#: A character :func:`link_target` escapes or brackets a target for.
_MAYBE_TARGET_SPECIAL = re.compile(r"[\\&\s()<>]")
# Compiled once: every imported item is written back once to compare it with its source.
_BACKSLASH = re.compile(r"[\\]")
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_NEEDS_BRACKETS = re.compile(r"[\s()<>]")
_ANGLE = re.compile(r"([<>])")


def _inline(text: str) -> str:
    if _MAYBE_SPECIAL.search(text) is None:
        return text
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _block(text: str) -> str:
    """``text`` escaped where a paragraph would start like a heading, quote or list
    (``1.`` -> ``1\\.``)."""
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    return _escape_block_start(match) + text[match.end() :]


def escape_markdown(text: str) -> str:
    """Text as Markdown that renders back to exactly this text."""
    return _block(_inline(collapse(text)))


def summary_markdown(summary: str) -> str:
    """A summary as Markdown: its text escaped, its links (:mod:`..summaries`) as links."""
    summary = collapse(summary)
    if "[" not in summary and "]" not in summary:
        return _block(_inline(summary))  # one text part (most summaries), as below
    out: list[str] = []
    for part in summary_parts(summary):
        if isinstance(part, str):
            out.append(_inline(part))
        else:
            out.append(f"[{_inline(part.text)}]({link_target(part.url)})")
    return _block("".join(out))


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker, digits, delimiter = match.groups()
    return indent + (f"\\{marker}" if marker else f"{digits}\\{delimiter}")


def link_target(url: str) -> str:
    """A link's target as Markdown: in angle brackets when it holds spaces or brackets."""
    if url and _MAYBE_TARGET_SPECIAL.search(url) is None:
        return url  # nothing to escape (most links)
    url = _BACKSLASH.sub(r"\\\\", url)
    url = _ENTITY_START.sub(r"\\&", url)
    if _NEEDS_BRACKETS.search(url) or not url:
        return "<" + _ANGLE.sub(r"\\\1", url) + ">"
    return url


def flag_marker(slug: str, emoji: str | None) -> str:
    """The marker a README gives a flag: its emoji, else its ``:slug:`` shortcode."""
    return emoji or f":{slug}:"


def item_line(title: str, url: str | None, summary: str | None, markers: Iterable[str]) -> str:
    """The conventional item of an entry, without its bullet: link, summary, flag markers.

    An entry without a link gets an empty one, ``[Title]()``: the README reader reads
    that back as the same entry without a link (an item without any link is prose)."""
    item = f"[{escape_markdown(title)}]({link_target(url) if url else ''})"
    if summary:
        item += f" - {summary_markdown(summary)}"
    flags = "".join(markers)
    return f"{item} {flags}" if flags else item

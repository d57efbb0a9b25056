"""Plain text from markdown-it-py's inline tokens, and the helpers the README reader shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

from ..summaries import SummaryLink, join_summary
from .markers import JOINERS, is_emoji_char

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

__all__ = [
    "LinkSpan",
    "collapse",
    "heading_title",
    "line_of",
    "link_spans",
    "linked_text",
    "plain",
    "section_name",
    "split_lines",
]


def collapse(text: str) -> str:
    """``text`` with each run of white space one space, stripped (``str.split`` and a
    ``\\s+`` pattern agree on every code point; this is four times faster)."""
    return " ".join(text.split())


_TEXT: Final = frozenset({"text", "code_inline", "text_special"})
_BREAKS: Final = frozenset({"softbreak", "hardbreak"})


def plain(tokens: Sequence[Token]) -> str:
    """Plain text of inline tokens: markup, images and raw HTML dropped, link text kept."""
    out: list[str] = []
    for tok in tokens:
        if tok.type in _TEXT:
            out.append(tok.content)
        elif tok.type in _BREAKS:
            out.append(" ")
    return "".join(out)


def heading_title(tokens: Sequence[Token]) -> str:
    # Decorative emoji around a heading ("## 🚀 Deployment") are not part of its name.
    title = collapse(plain(tokens))
    while title and (is_emoji_char(title[0]) or title[0] in JOINERS):
        title = title[1:].lstrip()
    while title and (is_emoji_char(title[-1]) or title[-1] in JOINERS):
        title = title[:-1].rstrip()
    return title


_NOT_WORD: Final = re.compile(r"[^\w\s]")


def section_name(title: str) -> str:
    return collapse(_NOT_WORD.sub(" ", title.lower()))


def line_of(tok: Token) -> int | None:
    return tok.map[0] + 1 if tok.map else None


def split_lines(children: Sequence[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return [line for line in lines if line]


class LinkSpan(NamedTuple):
    """A link of inline tokens: where it opens and closes, its target and its text."""

    start: int  # the index of its ``link_open``
    close: int  # the index of the first ``link_close`` after it (the end without one)
    href: str
    text: str  # the :func:`plain` text between the two
    words: str  # that text collapsed (:func:`collapse`)


def link_spans(tokens: Sequence[Token]) -> list[LinkSpan]:
    """Every link of inline tokens, in order. A link may hold another (an autolink
    inside a link's text): both end at the first ``link_close``, as the readers of an
    item's links have always taken them."""
    spans: list[LinkSpan] = []
    end = len(tokens)
    for start, tok in enumerate(tokens):
        if tok.type != "link_open":
            continue
        pieces: list[str] = []
        close = end
        for index in range(start + 1, end):
            inner = tokens[index]
            kind = inner.type
            if kind == "link_close":
                close = index
                break
            if kind in _TEXT:
                pieces.append(inner.content)
            elif kind in _BREAKS:
                pieces.append(" ")
        text = "".join(pieces)
        spans.append(LinkSpan(start, close, str(tok.attrs.get("href", "")), text, collapse(text)))
    return spans


def linked_text(
    tokens: Sequence[Token], start: int = 0, spans: Sequence[LinkSpan] | None = None
) -> str:
    """:func:`plain` text of ``tokens[start:]`` that keeps links to absolute URLs as
    summary links (``Uses [Bar](https://bar.example) for x.``, see :mod:`..summaries`);
    ``spans``: the :func:`link_spans` of ``tokens``, when the caller has them."""
    if spans is None:
        spans = link_spans(tokens)
    parts: list[str | SummaryLink] = []
    i, at, end = start, 0, len(tokens)
    linked = False
    while i < end:
        tok = tokens[i]
        kind = tok.type
        if kind == "link_open":
            while spans[at].start < i:
                at += 1
            link = spans[at]
            parts.append(SummaryLink(link.text, link.href) if link.text else "")
            linked = True
            i = link.close + 1
            continue
        if kind in _TEXT:
            parts.append(tok.content)
        elif kind in _BREAKS:
            parts.append(" ")
        i += 1
    if not linked:
        text = "".join(parts)  # type: ignore[arg-type]  # (only strings: no link)
        if "[" not in text and "]" not in text:
            return text  # what join_summary gives for text without a link or a bracket
    return join_summary(parts)

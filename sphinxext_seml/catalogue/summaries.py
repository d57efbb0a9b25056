"""Inline links in entry summaries: ``Uses [Bar](https://bar.example) for x.``

An entry's ``summary`` may hold Markdown-style links ``[text](url)`` whose
target is an absolute ``http://``, ``https://`` or ``mailto:`` URL, in every
catalogue format. Anything else in square brackets is plain text, and ``\\[``
and ``\\]`` are literal brackets (so a summary can show ``[Bar](https://v)``
as text). Every writer of summaries goes through :func:`summary_parts`: the
Sphinx layer makes references of the links, the README writer writes them
back as links, and plain-text outputs use :func:`summary_plain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "SummaryLink",
    "escape_summary_text",
    "join_summary",
    "summary_parts",
    "summary_plain",
]

#: A link target: an absolute http(s) or mailto URL, parentheses balanced once.
_URL: Final = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s()/?#]+|[Mm][Aa][Ii][Ll][Tt][Oo]:)(?:[^\s()]|\([^\s()]*\))*"
)
# Link text: no unescaped bracket; then the target in parentheses.
_LINK: Final = re.compile(r"\[((?:\\[\[\]]|[^\[\]\\]|\\(?![\[\]]))+)\]\((" + _URL.pattern + r")\)")
_ESCAPED: Final = re.compile(r"\\([\[\]])")
_BRACKET: Final = re.compile(r"([\[\]])")


@dataclass(frozen=True, slots=True)
class SummaryLink:
    """A link inside a summary: its text and its absolute URL."""

    text: str
    url: str


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def summary_parts(summary: str) -> list[str | SummaryLink]:
    """The summary as plain-text pieces (escapes resolved) and links, in order."""
    if "[" not in summary and "]" not in summary:  # no link, no escape (most summaries)
        return [summary] if summary else []
    parts: list[str | SummaryLink] = []
    pos = 0
    for match in _LINK.finditer(summary):
        if match.start() > pos:
            parts.append(_unescape(summary[pos : match.start()]))
        parts.append(SummaryLink(_unescape(match.group(1)), match.group(2)))
        pos = match.end()
    if pos < len(summary):
        parts.append(_unescape(summary[pos:]))
    return parts


def summary_plain(summary: str, url_format: str = "{text} ({url})") -> str:
    """The summary as plain text, each link as ``url_format`` (its URL alone when the
    text is the URL): ``Uses Bar (https://bar.example) for x.``"""
    out = []
    for part in summary_parts(summary):
        if isinstance(part, str):
            out.append(part)
        elif part.text == part.url:
            out.append(part.url)
        else:
            out.append(url_format.format(text=part.text, url=part.url))
    return "".join(out)


def escape_summary_text(text: str) -> str:
    """Plain text as summary text that reads back as exactly this text: brackets
    escaped only where they would otherwise make a link or an escape."""
    if summary_parts(text) == ([text] if text else []):
        return text
    return _escape_brackets(text)


def _escape_brackets(text: str) -> str:
    return _BRACKET.sub(r"\\\1", text)


def join_summary(parts: list[str | SummaryLink]) -> str:
    """The summary text of plain pieces and links (the inverse of :func:`summary_parts`);
    a link whose URL is no absolute http(s)/mailto URL stays as its text."""
    texts = [p for p in parts if isinstance(p, str)]
    if len(texts) == len(parts) and not any("[" in t or "]" in t for t in texts):
        return "".join(texts)  # no link and no bracket: nothing to escape
    out: list[str] = []
    pending = ""
    for part in parts:
        if isinstance(part, str):
            pending += part
            continue
        if not _URL.fullmatch(part.url) or not part.text:
            pending += part.text
            continue
        out += [escape_summary_text(pending), _link(part)]
        pending = ""
    out.append(escape_summary_text(pending))
    text = "".join(out)
    if summary_parts(text) != _merged(parts):
        # A piece of text next to a link changed how it reads: escape every bracket.
        return "".join(
            _escape_brackets(p) if isinstance(p, str) else _link(p) for p in _merged(parts)
        )
    return text


def _link(link: SummaryLink) -> str:
    return f"[{_escape_brackets(link.text)}]({link.url})"


def _merged(parts: list[str | SummaryLink]) -> list[str | SummaryLink]:
    out: list[str | SummaryLink] = []
    for part in parts:
        if isinstance(part, SummaryLink) and not _URL.fullmatch(part.url):
            part = part.text
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        elif part != "":
            out.append(part)
    return out

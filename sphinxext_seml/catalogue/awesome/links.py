"""The links of an awesome-list item that does not start with one, and damaged link targets.

An item such as ``For a list of free books, go [here](url).`` or ``More tools:
[Catalyst](u1), [Pachyderm](u2).`` holds links without starting with one:
:func:`item_links` gives each link (target and text), :func:`link_title` the title
of the entry it becomes: the link text, or, when that text says nothing
(:data:`GENERIC_LINK_TEXTS`), the item's own text trimmed of its "go here" tail.
:func:`repaired_url` recovers an absolute URL from stray brackets around it
(:func:`repaired_target` with the ``awesome.repaired_link`` note saying so).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

from ..errors import Location, Problem
from .drafts import Item
from .inline import LinkSpan, collapse, link_spans
from .problems import REPAIRED_LINK

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from markdown_it.token import Token

__all__ = [
    "FILLER_WORDS",
    "GENERIC_LINK_TEXTS",
    "ItemLinks",
    "item_links",
    "link_items",
    "link_title",
    "read_links",
    "repaired_target",
    "repaired_url",
]

#: Link texts that name no thing (compared case-insensitively, spaces collapsed): an
#: entry from such a link takes the item's text as its title.
GENERIC_LINK_TEXTS: Final = frozenset(
    {
        "here",
        "click here",
        "see here",
        "this",
        "this link",
        "this page",
        "link",
        "url",
        "page",
        "site",
        "website",
        "web site",
        "homepage",
        "home page",
        "source",
        "source code",
        "code",
        "repo",
        "repository",
        "github",
        "more",
        "read more",
        "learn more",
        "more info",
        "details",
        "docs",
        "documentation",
        "paper",
        "pdf",
    }
)

#: Words left before a generic link text at the end of an item ("go here", "see this"),
#: trimmed with it from a title.
FILLER_WORDS: Final = frozenset({"go", "see", "click", "visit", "read", "check", "at", "on"})

_PUNCTUATION: Final = " \t.,;:!?-–—()[]"
#: An absolute URL with stray ``[``/``<`` before it or ``]``/``>`` after it.
_DAMAGED_URL: Final = re.compile(r"[\s\[<]*((?:https?|ftp)://[^\s<>\[\]]+)[\s\]>]*", re.IGNORECASE)
_STRAY: Final = re.compile(r"[\s\[\]<>]")


class ItemLinks(NamedTuple):
    """An item's :func:`.inline.link_spans` and its :func:`item_links`, read once."""

    spans: list[LinkSpan]
    links: list[tuple[str, str]]


def read_links(children: Sequence[Token]) -> ItemLinks:
    """The :class:`ItemLinks` of an item's inline tokens."""
    spans = link_spans(children)
    return ItemLinks(spans, item_links(children, spans) if spans else [])


def item_links(
    children: Sequence[Token], spans: Sequence[LinkSpan] | None = None
) -> list[tuple[str, str]]:
    """The target and text of each link of an item's inline tokens, in order: links to
    somewhere else than the page itself (``#section``) and with some text (a link never
    closed has none). ``spans``: the :func:`.inline.link_spans` of ``children``, when the
    caller has them."""
    end = len(children)
    return [
        (link.href, link.words)
        for link in (link_spans(children) if spans is None else spans)
        if link.close < end and link.words and not link.href.startswith("#")
    ]


def link_items(
    links: Sequence[tuple[str, str]], text: str, bare: str, line: int | None
) -> list[Item]:
    """The entries of an item that holds ``links`` but does not start with one: one per
    link, titled by :func:`link_title`. ``text`` is the item's text, ``bare`` the same
    without its flag markers. The item's text is the summary, unless it is the title."""
    generic = [t for _, t in links if is_generic(t)]
    items: list[Item] = []
    for href, link_text in links:
        title, from_item = link_title(link_text, bare, generic)
        # Without a summary the markers go in ``lead``, which gives flags only.
        lead, rest = (text, "") if from_item else ("", text)
        items.append(Item(title, href, lead, rest, line))
    return items


def is_generic(text: str) -> bool:
    return collapse(text).casefold() in GENERIC_LINK_TEXTS


def link_title(link_text: str, item_text: str, generic: Iterable[str]) -> tuple[str, bool]:
    """The title of an entry made from a link inside ``item_text``, and whether it is
    the item's text (rather than the link's).

    A link text that names something is the title. A generic one gives the item's
    text, from which the generic link texts of the item at its end (``generic``) are
    cut, with the filler words before them and the punctuation around them: ``For a
    list of free books, go here.`` gives ``For a list of free books``. Nothing else is
    cut; an item that would be left empty keeps its link text.
    """
    if not is_generic(link_text):
        return link_text, False
    tails = sorted({collapse(t).casefold() for t in generic}, key=len, reverse=True)
    title = collapse(item_text).rstrip(_PUNCTUATION)
    cut = False
    while tail := next((t for t in tails if _ends_with_words(title, t)), None):
        title, cut = title[: len(title) - len(tail)].rstrip(_PUNCTUATION), True
    while cut and title and title.rsplit(None, 1)[-1].casefold() in FILLER_WORDS:
        title = title[: -len(title.rsplit(None, 1)[-1])].rstrip(_PUNCTUATION)
    return (title, True) if title else (link_text, False)


def _ends_with_words(text: str, tail: str) -> bool:
    """Whether ``text`` ends with the words ``tail`` (case-insensitively, whole words)."""
    folded = text.casefold()
    return folded == tail or (folded.endswith(tail) and not folded[-len(tail) - 1].isalnum())


def repaired_url(href: str) -> str | None:
    """The absolute URL inside a target damaged by stray brackets
    (``[https://github.com/simonw/llm``, ``<https://example.com>``); None when the
    target is not damaged that way (any other target, also a relative one, is kept)."""
    if not _STRAY.search(href):
        return None  # the common case: nothing a damaged target would have around it
    match = _DAMAGED_URL.fullmatch(href)
    if match is None or match.group(1) == href:
        return None
    return match.group(1)


def repaired_target(href: str, source: str, line: int | None) -> tuple[str, Problem | None]:
    """A link's target, repaired by :func:`repaired_url` with a note at ``source``,
    ``line`` saying so (None: nothing repaired)."""
    url = repaired_url(href)
    if url is None:
        return href, None
    message = f"link target {href!r} has stray brackets; the entry's URL is {url!r}"
    return url, Problem(Location(source, line), message, REPAIRED_LINK)

"""HTML blocks of awesome lists: ``<li>`` items with ``<a href>`` links, and
``<details><summary>Group</summary>`` groups, read with :mod:`html.parser`.

:func:`html_events` gives, in document order, the groups opened and closed
and the items found, each item with its source line, so the README reader
treats them like Markdown list items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Final

__all__ = ["HtmlItem", "html_events"]

_BREAKS: Final = frozenset({"br", "p", "div"})


@dataclass
class HtmlItem:
    """A ``<li>``: its line, first link (target and text), the text before and after
    it, and all its links (target and text)."""

    line: int
    href: str | None = None
    title: str = ""
    lead: list[str] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        """Whether it holds a link with text (to somewhere else than the page)."""
        return bool(self.links)

    @property
    def text(self) -> str:
        """All its text, the links' included."""
        return "".join([*self.lead, self.title, *self.rest])


#: ("open", summary text, line), ("close", "", line) or an item.
Event = tuple[str, str, int] | HtmlItem


class _Reader(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.events: list[Event] = []
        self.items: list[HtmlItem] = []  # open <li>, innermost last
        self.link: tuple[str, list[str]] | None = None  # an open <a href>
        self.summary: list[str] | None = None

    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.items.append(HtmlItem(self.line()))
            self.events.append(self.items[-1])
        elif tag == "a":
            href = dict(attrs).get("href")
            self.link = (href, []) if href else None
        elif tag == "summary":
            self.summary = []
        elif tag in _BREAKS and self.items:
            self.items[-1].rest.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.items:
            self.items.pop()
        elif tag == "a" and self.link is not None:
            self.end_link(*self.link)
            self.link = None
        elif tag == "summary" and self.summary is not None:
            self.events.append(("open", "".join(self.summary), self.line()))
            self.summary = None
        elif tag == "details":
            self.events.append(("close", "", self.line()))

    def end_link(self, href: str, words: list[str]) -> None:
        text = "".join(words).strip()
        if not self.items or not text or href.startswith("#"):
            return
        item = self.items[-1]
        item.links.append((href, text))
        if item.href is None:
            item.href, item.title = href, text
        else:
            item.rest.append(text)

    def handle_data(self, data: str) -> None:
        if self.summary is not None:
            self.summary.append(data)
        elif self.link is not None:
            self.link[1].append(data)
        elif self.items:
            item = self.items[-1]
            (item.rest if item.href is not None else item.lead).append(data)


def html_events(content: str, first_line: int) -> list[Event]:
    """The groups and list items of an HTML block starting at ``first_line``."""
    reader = _Reader(first_line)
    reader.feed(content)
    reader.close()
    return reader.events

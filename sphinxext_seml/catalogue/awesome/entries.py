"""The entry an awesome-list item becomes: title, link, key, flags, summary, and its
Markdown as written when the README writer would write it otherwise.

:class:`EntryMaker` reads the link a list item starts with (:meth:`~EntryMaker.leading_link`)
and gives the catalogue data of an :class:`.Item`, whatever it was written as (a list item,
a table row, an HTML item): :meth:`~EntryMaker.data`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from ..errors import Location, Problem
from ..summaries import escape_summary_text
from ..values import NOT_TEXT_RE
from .inline import collapse
from .items import item_line
from .links import link_items, repaired_target

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token

    from .drafts import Item
    from .flagging import FlagMarkers
    from .inline import LinkSpan
    from .pinning import KeyPicker

__all__ = ["EntryMaker", "clean_title"]

_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|]+\s*)")
#: Shortcodes decorating a link's text ("[:rocket: Putting ML in Production]").
_TITLE_SHORTCODES: Final = re.compile(r"^(?::[a-z0-9_+\-]+:\s*)+|(?:\s*:[a-z0-9_+\-]+:)+$")
_NOT_LINK_TEXT: Final = frozenset({"code_inline", "text_special"})


def _without_control(text: str) -> str:
    """``text`` without control characters: ``text`` itself when it has none (printable
    text has none, and that check is cheaper than the search)."""
    if text.isprintable() or NOT_TEXT_RE.search(text) is None:
        return text
    return NOT_TEXT_RE.sub("", text)


def clean_title(title: str) -> str:
    """A link text as a title: control characters and decorating shortcodes removed."""
    text = _without_control(title)
    if ":" in text:  # (every shortcode has one)
        text = _TITLE_SHORTCODES.sub("", text)
    return collapse(text) or title


class EntryMaker:
    """Makes the entries of one README: their keys (through ``keys``), their flags
    (through ``flagging``) and the problems found on the way (into ``problems``)."""

    def __init__(
        self, source: str, flagging: FlagMarkers, keys: KeyPicker, problems: list[Problem]
    ) -> None:
        self.source = source
        self.flagging = flagging
        self.keys = keys
        self.problems = problems

    def leading_link(
        self, children: Sequence[Token], spans: Sequence[LinkSpan], line: int | None
    ) -> tuple[str, str, str, int] | None:
        """The text before, target and text of the link an item starts with, and the
        index after it; None when words come first or there is no link. ``spans``: the
        :func:`.inline.link_spans` of ``children``."""
        i, at, lead, end = 0, 0, "", len(children)
        while i < end:
            tok = children[i]
            kind = tok.type
            i += 1
            if kind == "link_open":
                while spans[at].start < i - 1:
                    at += 1
                link = spans[at]
                if link.words:  # else an image-only link (a logo or badge) before the real one
                    return lead, link.href, link.words, link.close + 1
                i = link.close + 1
            elif kind == "text":
                lead += tok.content
                if collapse(self.flagging.take(lead, line)[0]):
                    return None  # words before any link: not an entry
            elif kind in _NOT_LINK_TEXT:
                return None
            # images, raw HTML, line breaks and emphasis around the link are skipped
        return None

    def link_items(
        self, links: Sequence[tuple[str, str]], text: str, line: int | None, flag_line: int | None
    ) -> list[Item]:
        """The entries of an item that holds links but does not start with one."""
        bare = collapse(self.flagging.take(text, flag_line)[0])
        return link_items(links, escape_summary_text(text), bare, line)

    def data(
        self, category: str, item: Item, extra: Mapping[str, Any], line: int | None
    ) -> dict[str, Any]:
        """The entry of ``item`` in ``category``: flags from the markers around the link,
        the rest as summary; ``extra``: a table row's other cells; ``line``: the line of
        the token the item is read from (where its flags are first used)."""
        summary_text, flags = self.flagging.take(item.rest, line)
        summary = collapse(_SEPARATOR.sub("", summary_text, count=1))
        if item.lead:
            flags = [*self.flagging.take(item.lead, line)[1], *flags]
        all_flags = self.ordered_flags(flags)
        title = clean_title(item.title)
        href, note = repaired_target(item.href, self.source, item.line)
        if note is not None:
            self.problems.append(note)
        data: dict[str, Any] = {
            "key": self.key(title, href, line),
            "title": title,
            "url": href,
            "category": category,
        }
        if all_flags:
            data["flags"] = all_flags
        if extra:  # a table row's other cells
            cells = (escape_summary_text(p) for p in extra.get("summary_parts", ()))
            summary = "; ".join(p for p in (summary, *cells) if p)
        if summary:
            cleaned = _without_control(summary)
            # A list item's summary is collapsed already, unless characters were removed.
            data["summary"] = cleaned if cleaned is summary and not extra else collapse(cleaned)
        if extra:
            data.update((k, v) for k, v in extra.items() if k != "summary_parts")
        markdown = _without_control(item.markdown)  # control characters are removed
        if markdown and markdown != self.conventional(data):
            data["markdown"] = markdown
        return data

    def conventional(self, data: Mapping[str, Any]) -> str:
        """The item the README writer would write for an entry's ``data``."""
        flags = data.get("flags")
        markers = [self.flagging.marker_of(f) for f in flags] if flags else ()
        return item_line(data["title"], data["url"], data.get("summary"), markers)

    def ordered_flags(self, found: list[str]) -> list[str]:
        """The flags ``found`` once each, in the order the README defines them."""
        if len(found) < 2:  # (most items: nothing to order)
            return found
        order = list(self.flagging.flags)
        return sorted(dict.fromkeys(found), key=order.index)

    def key(self, title: str, url: str, line: int | None) -> str:
        """The item's key (:class:`.pinning.KeyPicker`), with a problem when a pin it
        names is taken."""
        choice = self.keys.choose(title, url, line)
        if choice.problem is not None:
            self.problems.append(
                Problem(Location(self.source, line), choice.problem, "duplicate_key")
            )
        return choice.key

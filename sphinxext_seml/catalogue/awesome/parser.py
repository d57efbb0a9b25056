"""The README reader: markdown-it-py's token stream to native catalogue data with lines.

:class:`Parser` walks the tokens once, keeping where it is (preamble, legend,
a category with its open headings and groups, a skipped section) and collects
categories, flags and entries as the package docstring describes;
:meth:`Parser.result` gives them as :class:`.Raw` data for validation.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from markdown_it import MarkdownIt

from ..errors import Location, Problem
from ..names import slugify
from ..summaries import escape_summary_text
from ..values import SLUG_RE
from .destinations import fast_helpers
from .dispatch import dispatch_rules
from .drafts import CategoryDraft, Item, collected_raw
from .entries import EntryMaker
from .flagging import FlagMarkers
from .front import front_matter
from .htmllists import HtmlItem, html_events
from .inline import (
    collapse,
    heading_title,
    line_of,
    linked_text,
    plain,
    section_name,
    split_lines,
)
from .links import ItemLinks, item_links, read_links
from .pinning import KeyPicker
from .problems import NO_LINK, SKIPPED_ITEM, SLUG_CLASH
from .sections import heading_slug, is_left_out
from .tables import column_fields, read_table

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from markdown_it.token import Token

    from ..reading.raw import Raw
    from .pinning import Pins

__all__ = ["CategoryDraft", "Parser", "collector_paused", "make_markdown", "tokenize"]

#: Sections whose lines define flags instead of categories.
_LEGEND_SECTIONS = frozenset({"legend", "key", "symbols"})

_ANCHOR: Final = re.compile(
    r"""<a\s+(?:[^>]*\s)?(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
_ANCHOR_ONLY: Final = re.compile(r"""\s*(?:<a\s[^>]*>\s*</a>\s*)+""", re.IGNORECASE)
_NO_LINK_MESSAGE: Final = "list item does not start with a link: it holds none (skipped)"
_LISTS: Final = ("bullet_list_open", "ordered_list_open")
#: The tokens :meth:`Parser.run` acts on.
_WALKED: Final = frozenset(
    {*_LISTS, "heading_open", "paragraph_open", "table_open", "list_item_open"}
    | {"list_item_close", "html_block"}
)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (and resumed after, if it ran before): a
    README's tokens and the data read from them hold no cycles, and the collector's
    passes over them, growing by the thousand, took a tenth of reading a large list."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def tokenize(text: str) -> list[Token]:
    """markdown-it-py's tokens of a README (:func:`make_markdown`), read with the cyclic
    garbage collector paused (:func:`collector_paused`)."""
    with collector_paused():
        return make_markdown().parse(text)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")  # GitHub renders tables
    # Keep URLs exactly as written (no percent-encoding) and let every scheme
    # through: the loader's URL check then rejects unsafe ones with a clear
    # problem, instead of markdown-it silently turning the link into text.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.helpers = fast_helpers()  # type: ignore[assignment]  # the same results, faster
    return dispatch_rules(md)  # the same tokens, faster


class Parser:
    """Walks the token stream and collects plain catalogue data with source lines."""

    def __init__(
        self,
        source: str,
        emoji_flags: Mapping[str, str],
        keys: Pins,
    ) -> None:
        self.source = source
        self.flagging = FlagMarkers(dict(emoji_flags))
        self.keys = KeyPicker(keys)
        self.categories: dict[str, CategoryDraft] = {}
        self.problems: list[Problem] = []
        #: Linked items seen outside left-out sections: list items, table rows, HTML items.
        self.linked = 0
        # Where the walk through the tokens is.
        self.state = "preamble"  # preamble | legend | category | skip
        self.heading_draft: CategoryDraft | None = None  # the innermost heading's category
        self.describing = False  # still in the paragraphs right under a category heading
        #: Open headings: level, and their category (None: the title, a left-out or legend one).
        self.headings: list[tuple[int, str, CategoryDraft | None]] = []
        #: Open groups inside a section: bold labels (by list item level) and <details> (-1).
        self.groups: list[tuple[int, CategoryDraft]] = []
        #: The README's title and introduction, as Markdown (see :mod:`.front`).
        self.title = self.intro = ""
        self.maker = EntryMaker(source, self.flagging, self.keys, self.problems)

    @property
    def current(self) -> CategoryDraft | None:
        """The category items go to: the innermost group, else the heading's."""
        return self.groups[-1][1] if self.groups else self.heading_draft

    def problem(self, tok: Token, message: str, code: str = SKIPPED_ITEM) -> None:
        self.problems.append(Problem(Location(self.source, line_of(tok)), message, code))

    # -- flags

    def legend_line(self, children: Sequence[Token], tok: Token) -> None:
        if any(c.type in ("link_open", "image") for c in children):
            return
        message = self.flagging.legend_line(plain(children), line_of(tok))
        if message is not None:
            self.problem(tok, message, "invalid")

    # -- entries

    def entry(
        self,
        inline: Token,
        category: CategoryDraft,
        extra: Mapping[str, Any] | None = None,
        *,
        item_markdown: str = "",
        read: ItemLinks | None = None,
    ) -> None:
        """A list item (``item_markdown``: as written) or table row (``extra``: the fields
        of its other cells); ``read``: its :func:`.links.read_links`, when the caller has
        them already."""
        children = inline.children or []
        spans, links = read_links(children) if read is None else read
        line = line_of(inline)
        found = self.maker.leading_link(children, spans, line)
        self.linked += bool(links)
        if found is None or (found[1].startswith("#") and links):
            # Words, or a link into the page, before the item's links.
            if not links:
                self.problem(inline, _NO_LINK_MESSAGE, NO_LINK)
            items = self.maker.link_items(links, plain(children), line, line)
            if len(items) == 1:  # the item is this one entry: keep it as written
                items = [replace(items[0], markdown=item_markdown)]
            for item in items:
                self.add_entry(category, line, item, extra)
            return
        lead, href, title, after = found
        if href.startswith("#"):
            return  # navigation: a table of contents, "back to top"
        rest = linked_text(children, after, spans)
        self.add_entry(category, line, Item(title, href, lead, rest, line, item_markdown), extra)

    def add_entry(
        self,
        category: CategoryDraft,
        line: int | None,
        item: Item,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """The entry of ``item`` (:meth:`.EntryMaker.data`) into ``category``."""
        data = self.maker.data(category.slug, item, extra or {}, line)
        category.entries.append((data, item.line))

    # -- document

    def run(self, tokens: Sequence[Token], lines: Sequence[str] = ()) -> None:
        """Walk the tokens of a README whose lines (as markdown-it counts them) are ``lines``."""
        headings = [t for t in tokens if t.type == "heading_open"]
        title_heading = headings[0] if headings and headings[0].tag == "h1" else None
        self.title, self.intro = front_matter(lines, title_heading, headings)
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind not in _WALKED:
                continue  # (most tokens: inline, closing and table cell tokens)
            if kind == "heading_open":
                level = int(tok.tag[1:])
                if tok is title_heading:
                    self.headings = [(level, "title", None)]
                else:
                    self.heading(level, tokens[i + 1], _anchor_before(tokens, i))
            elif kind == "paragraph_open" and tok.level == 0:
                self.paragraph(tokens[i + 1])
            elif kind in _LISTS:
                self.describing = False
            elif kind == "table_open":
                self.describing = False
                self.table(tokens, i)
            elif kind == "list_item_open":
                self.list_item(tokens, i)
            elif kind == "list_item_close" and self.groups and self.groups[-1][0] == tok.level:
                self.groups.pop()
            elif kind == "html_block":
                self.html_block(tok)

    def heading(self, level: int, inline: Token, anchor: str | None) -> None:
        """A heading: a category (nested in the open one above it), or a left-out section."""
        children = list(inline.children or [])
        self.describing, self.groups = False, []
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        heading = heading_title(children)
        name = section_name(heading)
        if any(kind == "skip" for _, kind, _ in self.headings) or is_left_out(name):
            self.state, self.heading_draft = "skip", None
        elif name in _LEGEND_SECTIONS:
            self.state, self.heading_draft = "legend", None
        else:
            parent = next((d.slug for _, _, d in reversed(self.headings) if d is not None), "")
            anchors = (_ANCHOR.search(c.content) for c in children if c.type == "html_inline")
            anchor = next((m.group(1) for m in anchors if m), anchor)
            self.state, self.describing = "category", True
            self.heading_draft = self.category(heading, parent, inline, anchor)
        self.headings.append((level, self.state, self.heading_draft))

    def paragraph(self, inline: Token) -> None:
        """A top-level paragraph: legend lines, or a line of a category's description."""
        children = list(inline.children or [])
        if self.state in ("preamble", "legend"):
            for line in split_lines(children):
                self.legend_line(line, inline)
        elif self.describing and self.current is not None:
            text = collapse(linked_text(children))  # links stay links, as in summaries
            if text:
                self.current.description.append(text)

    def list_item(self, tokens: Sequence[Token], i: int) -> None:
        """The list item opened by ``tokens[i]``: legend lines, an entry, a group or a problem."""
        nxt = tokens[i + 1].type if i + 1 < len(tokens) else ""
        current = self.current
        if self.state == "skip":
            return
        if nxt == "paragraph_open" and current is None:
            inline = tokens[i + 2]
            if _has_link(inline):
                self.linked += 1
                self.problem(inline, "linked item outside any section heading (skipped)")
            else:
                for line in split_lines(list(inline.children or [])):
                    self.legend_line(line, inline)
        elif nxt == "paragraph_open" and current is not None:
            inline = tokens[i + 2]
            children = inline.children or []
            read = read_links(children)
            if not read.links and tokens[i + 4].type in _LISTS:
                label = collapse(plain(children)).rstrip(":").strip()
                group = self.category(label or "Group", current.slug, inline, None)
                group.layout = group.layout or "group"
                self.groups.append((tokens[i].level, group))
            else:
                if tokens[i].markup in (".", ")") and current.layout == "":
                    current.layout = "numbered"  # an ordered list's item
                self.entry(inline, current, item_markdown=inline.content, read=read)
        elif current is not None and nxt not in _LISTS:
            # An empty item, or one holding a code block or raw HTML block.
            self.problem(tokens[i], _NO_LINK_MESSAGE, NO_LINK)

    def table(self, tokens: Sequence[Token], i: int) -> None:
        """A table: each row with a linked cell is an entry (see :mod:`.tables`)."""
        headers, rows = read_table(tokens, i)
        if self.state == "skip":
            return
        for row in rows:
            linked, read = _first_linked(row.cells)
            if linked is None:
                continue  # a row without a link is not an item
            current = self.current
            if current is None:
                self.linked += 1
                self.problem(row.cells[linked], "linked table row outside any section (skipped)")
            else:
                fields = column_fields(headers, row.cells, linked)
                self.entry(row.cells[linked], current, fields, read=read)

    def html_block(self, tok: Token) -> None:
        """``<details><summary>Group</summary>`` opens a group until ``</details>``;
        ``<li>`` items with a link are entries (see :mod:`.htmllists`)."""
        if self.state == "skip":
            return
        for event in html_events(tok.content, line_of(tok) or 1):
            if isinstance(event, HtmlItem):
                self.html_item(event, tok)
            elif event[0] == "close":
                if self.groups and self.groups[-1][0] < 0:
                    self.groups.pop()
            elif self.current is not None:
                self.open_details(collapse(event[1]), tok)

    def open_details(self, title: str, tok: Token) -> None:
        current = self.current
        if current is None:
            return
        # A summary repeating its section's heading ("Milestone Papers") is no group.
        same = not title or section_name(title) == section_name(current.title)
        group = current if same else self.category(title, current.slug, tok, None)
        if not same:
            group.layout = group.layout or "details"
        self.groups.append((-1, group))

    def html_item(self, item: HtmlItem, tok: Token) -> None:
        if not item.linked:
            return
        self.linked += 1
        current = self.current
        if current is None:
            self.problems.append(
                Problem(
                    Location(self.source, item.line),
                    "HTML list item outside any section (skipped)",
                    SKIPPED_ITEM,
                )
            )
            return
        lead = collapse("".join(item.lead))
        line = line_of(tok)
        if item.href is None or collapse(self.flagging.take(lead, line)[0]):
            # Words come first.
            items = self.maker.link_items(item.links, item.text, item.line, line)
        else:
            rest = escape_summary_text("".join(item.rest))
            items = [Item(item.title, item.href, lead, rest, item.line)]
        for found in items:
            self.add_entry(current, line, found)

    def category(self, heading: str, parent: str, tok: Token, anchor: str | None) -> CategoryDraft:
        """The category of a heading or group label under ``parent``; slugs never merge two."""
        # An anchor that is no slug ("a--b", "Computer Vision") is normalised like a title.
        base = (
            (anchor if anchor and SLUG_RE.fullmatch(anchor) else slugify(anchor or ""))
            or heading_slug(heading)
            or f"section-{len(self.categories) + 1}"
        )
        candidates = [base]
        if parent and not anchor and not base.startswith(f"{parent}-"):
            candidates.append(f"{parent}-{base}")  # "Tools" under "Python": python-tools
        for slug in candidates:
            found = self.categories.get(slug)
            if found is None:
                return self.new_category(slug, heading, parent, tok)
            if found.parent == parent and section_name(found.title) == section_name(heading):
                return found  # a repeated heading continues its category
        number = 2
        while f"{base}-{number}" in self.categories:
            number += 1
        slug = f"{base}-{number}"
        first = self.categories[base]
        self.problem(
            tok,
            f"heading {heading!r} gives the slug {base!r} of {first.title!r}"
            f" (line {first.line}); its category is {slug!r}",
            SLUG_CLASH,
        )
        return self.new_category(slug, heading, parent, tok)

    def new_category(self, slug: str, title: str, parent: str, tok: Token) -> CategoryDraft:
        draft = CategoryDraft(slug, title, line_of(tok), parent)
        self.categories[slug] = draft
        return draft

    def result(self) -> Raw:
        """The collected data, for validation through the loader like every other format."""
        raw = collected_raw(self.source, self.categories, self.flagging.flags, self.problems)
        if isinstance(raw.data, dict):
            raw.data.update((k, v) for k, v in (("title", self.title), ("intro", self.intro)) if v)
        return raw


def _has_link(inline: Token) -> bool:
    """Whether an item's text holds a link with text to somewhere else than the page."""
    return bool(item_links(inline.children or []))


def _first_linked(cells: Sequence[Token]) -> tuple[int | None, ItemLinks | None]:
    """The index of the first cell holding a link (:func:`_has_link`) and its links."""
    for index, cell in enumerate(cells):
        read = read_links(cell.children or [])
        if read.links:
            return index, read
    return None, None


def _anchor_before(tokens: Sequence[Token], i: int) -> str | None:
    """The ``<a name="x"></a>`` anchor of a paragraph right before the heading at ``i``."""
    if i < 3 or tokens[i - 3].type != "paragraph_open":
        return None
    content = tokens[i - 2].content
    match = _ANCHOR.search(content) if _ANCHOR_ONLY.fullmatch(content) else None
    return match.group(1) if match else None

"""The README reader: markdown-it-py's token stream to native catalogue data with lines.

:class:`Parser` walks the tokens once, keeping where it is (preamble, legend,
a category with its open headings and groups, a skipped section) and collects
categories, flags and entries as the package docstring describes;
:meth:`Parser.result` gives them as :class:`.Raw` data for validation.
"""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from markdown_it import MarkdownIt

from ..errors import Location, Problem
from ..names import slugify
from ..summaries import escape_summary_text
from ..values import NOT_TEXT_RE, SLUG_RE
from .destinations import fast_helpers
from .dispatch import dispatch_rules
from .drafts import CategoryDraft, Item, collected_raw
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
from .items import item_line
from .links import item_links, link_items, repaired_target
from .pinning import KeyPicker
from .problems import NO_LINK, SKIPPED_ITEM, SLUG_CLASH
from .sections import heading_slug, is_left_out
from .tables import column_fields, read_table

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token

    from ..reading.raw import Raw
    from .pinning import Pins

__all__ = ["CategoryDraft", "Parser", "make_markdown", "tokenize"]

#: Sections whose lines define flags instead of categories.
_LEGEND_SECTIONS = frozenset({"legend", "key", "symbols"})

_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|]+\s*)")
_ANCHOR: Final = re.compile(
    r"""<a\s+(?:[^>]*\s)?(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
_ANCHOR_ONLY: Final = re.compile(r"""\s*(?:<a\s[^>]*>\s*</a>\s*)+""", re.IGNORECASE)
#: Shortcodes decorating a link's text ("[:rocket: Putting ML in Production]").
_TITLE_SHORTCODES: Final = re.compile(r"^(?::[a-z0-9_+\-]+:\s*)+|(?:\s*:[a-z0-9_+\-]+:)+$")
_NO_LINK_MESSAGE: Final = "list item does not start with a link: it holds none (skipped)"
_LISTS: Final = ("bullet_list_open", "ordered_list_open")


def tokenize(text: str) -> list[Token]:
    """markdown-it-py's tokens of a README (:func:`make_markdown`), read with the cyclic
    garbage collector paused: the tokens hold no cycles, and the collector's passes over
    the growing token tree took a fifth of the parse of a large list."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return make_markdown().parse(text)
    finally:
        if paused:
            gc.enable()


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

    def take_flags(self, text: str, tok: Token) -> tuple[str, list[str]]:
        """Remove known flag markers from ``text``; return the rest and the flags found."""
        return self.flagging.take(text, line_of(tok))

    # -- entries

    def leading_link(
        self, children: Sequence[Token], inline: Token
    ) -> tuple[str, str, str, int] | None:
        """The text before, target and text of the link an item starts with, and the
        index after it; None when words come first or there is no link."""
        i = 0
        lead = ""
        while i < len(children):
            tok = children[i]
            i += 1
            if tok.type == "link_open":
                close = next(
                    (j for j in range(i, len(children)) if children[j].type == "link_close"),
                    len(children),
                )
                text = collapse(plain(children[i:close]))
                if text:  # else an image-only link (a logo or badge) before the real one
                    return lead, str(tok.attrs.get("href", "")), text, close + 1
                i = close + 1
            elif tok.type == "text":
                lead += tok.content
                if collapse(self.take_flags(lead, inline)[0]):
                    return None  # words before any link: not an entry
            elif tok.type in ("code_inline", "text_special"):
                return None
            # images, raw HTML, line breaks and emphasis around the link are skipped
        return None

    def entry(
        self,
        inline: Token,
        category: CategoryDraft,
        extra: Mapping[str, Any] | None = None,
        *,
        item_markdown: str = "",
        links: Sequence[tuple[str, str]] | None = None,
    ) -> None:
        """A list item (``item_markdown``: as written) or table row (``extra``: the fields
        of its other cells); ``links``: its :func:`.links.item_links`, when the caller has
        them already."""
        children = list(inline.children or [])
        found = self.leading_link(children, inline)
        if links is None:
            links = item_links(children)
        self.linked += bool(links)
        if found is None or (found[1].startswith("#") and links):
            # Words, or a link into the page, before the item's links.
            if not links:
                self.problem(inline, _NO_LINK_MESSAGE, NO_LINK)
            items = self.link_items(links, plain(children), line_of(inline), inline)
            if len(items) == 1:  # the item is this one entry: keep it as written
                items = [replace(items[0], markdown=item_markdown)]
            for item in items:
                self.add_entry(category, inline, item, extra or {})
            return
        lead, href, title, after = found
        if href.startswith("#"):
            return  # navigation: a table of contents, "back to top"
        rest = linked_text(children[after:])
        item = Item(title, href, lead, rest, line_of(inline), item_markdown)
        self.add_entry(category, inline, item, extra or {})

    def link_items(
        self, links: Sequence[tuple[str, str]], text: str, line: int | None, tok: Token
    ) -> list[Item]:
        """The entries of an item that holds links but does not start with one."""
        bare = collapse(self.take_flags(text, tok)[0])
        return link_items(links, escape_summary_text(text), bare, line)

    def add_entry(
        self, category: CategoryDraft, tok: Token, item: Item, extra: Mapping[str, Any]
    ) -> None:
        """Flags from the markers around the link, the rest as summary."""
        summary_text, flags = self.take_flags(item.rest, tok)
        summary = collapse(_SEPARATOR.sub("", summary_text, count=1))
        all_flags = self.ordered_flags([*self.take_flags(item.lead, tok)[1], *flags])
        title = _clean_title(item.title)
        href, note = repaired_target(item.href, Location(self.source, item.line))
        self.problems.extend(note)
        data: dict[str, Any] = {
            "key": self.key_for(title, href, tok),
            "title": title,
            "url": href,
            "category": category.slug,
        }
        if all_flags:
            data["flags"] = all_flags
        if extra:  # a table row's other cells
            cells = (escape_summary_text(p) for p in extra.get("summary_parts", ()))
            summary = "; ".join(p for p in (summary, *cells) if p)
        if summary:
            data["summary"] = collapse(NOT_TEXT_RE.sub("", summary))
        data.update((k, v) for k, v in extra.items() if k != "summary_parts")
        markdown = NOT_TEXT_RE.sub("", item.markdown)  # control characters are removed
        if markdown and markdown != self.conventional(data):
            data["markdown"] = markdown
        category.entries.append((data, item.line))

    def conventional(self, data: Mapping[str, Any]) -> str:
        """The item the README writer would write for an entry's ``data``."""
        markers = (self.flagging.marker_of(f) for f in data.get("flags", ()))
        return item_line(data["title"], data["url"], data.get("summary"), markers)

    def ordered_flags(self, found: list[str]) -> list[str]:
        """The flags ``found`` once each, in the order the README defines them."""
        if len(found) < 2:  # (most items: nothing to order)
            return found
        order = list(self.flagging.flags)
        return sorted(dict.fromkeys(found), key=order.index)

    def key_for(self, title: str, url: str, tok: Token) -> str:
        choice = self.keys.choose(title, url, line_of(tok))
        if choice.problem is not None:
            self.problem(tok, choice.problem, "duplicate_key")
        return choice.key

    # -- document

    def run(self, tokens: Sequence[Token], lines: Sequence[str] = ()) -> None:
        """Walk the tokens of a README whose lines (as markdown-it counts them) are ``lines``."""
        headings = [t for t in tokens if t.type == "heading_open"]
        title_heading = headings[0] if headings and headings[0].tag == "h1" else None
        self.title, self.intro = front_matter(lines, title_heading, headings)
        for i, tok in enumerate(tokens):
            kind = tok.type
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
            links = item_links(inline.children or [])
            if not links and tokens[i + 4].type in _LISTS:
                label = collapse(plain(list(inline.children or []))).rstrip(":").strip()
                group = self.category(label or "Group", current.slug, inline, None)
                group.layout = group.layout or "group"
                self.groups.append((tokens[i].level, group))
            else:
                if tokens[i].markup in (".", ")") and current.layout == "":
                    current.layout = "numbered"  # an ordered list's item
                self.entry(inline, current, item_markdown=inline.content, links=links)
        elif current is not None and nxt not in _LISTS:
            # An empty item, or one holding a code block or raw HTML block.
            self.problem(tokens[i], _NO_LINK_MESSAGE, NO_LINK)

    def table(self, tokens: Sequence[Token], i: int) -> None:
        """A table: each row with a linked cell is an entry (see :mod:`.tables`)."""
        headers, rows = read_table(tokens, i)
        if self.state == "skip":
            return
        for row in rows:
            linked, links = _first_linked(row.cells)
            if linked is None:
                continue  # a row without a link is not an item
            current = self.current
            if current is None:
                self.linked += 1
                self.problem(row.cells[linked], "linked table row outside any section (skipped)")
            else:
                fields = column_fields(headers, row.cells, linked)
                self.entry(row.cells[linked], current, fields, links=links)

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
        if item.href is None or collapse(self.take_flags(lead, tok)[0]):
            items = self.link_items(item.links, item.text, item.line, tok)  # words come first
        else:
            rest = escape_summary_text("".join(item.rest))
            items = [Item(item.title, item.href, lead, rest, item.line)]
        for found in items:
            self.add_entry(current, tok, found, {})

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
    return bool(item_links(list(inline.children or [])))


def _clean_title(title: str) -> str:
    """A link text as a title: control characters and decorating shortcodes removed."""
    text = NOT_TEXT_RE.sub("", title)
    if ":" in text:  # (every shortcode has one)
        text = _TITLE_SHORTCODES.sub("", text)
    return collapse(text) or title


def _first_linked(cells: Sequence[Token]) -> tuple[int | None, list[tuple[str, str]]]:
    """The index of the first cell holding a link (:func:`_has_link`) and its links."""
    for index, cell in enumerate(cells):
        links = item_links(cell.children or [])
        if links:
            return index, links
    return None, []


def _anchor_before(tokens: Sequence[Token], i: int) -> str | None:
    """The ``<a name="x"></a>`` anchor of a paragraph right before the heading at ``i``."""
    if i < 3 or tokens[i - 3].type != "paragraph_open":
        return None
    content = tokens[i - 2].content
    match = _ANCHOR.search(content) if _ANCHOR_ONLY.fullmatch(content) else None
    return match.group(1) if match else None

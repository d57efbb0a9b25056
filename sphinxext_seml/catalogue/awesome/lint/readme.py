"""A README as the lint rules see it: headings with their anchors, lists of items, links.

:func:`read_readme` walks markdown-it-py's tokens once (the importer's
:func:`.parser.make_markdown`, so a README reads as in an import) and keeps
what the rules look at, each with its source lines: the headings (GitHub's
anchor, explicit ``<a name>`` anchors, whether the section is left out or a
table of contents), the lists and their items (the link an item starts with
and the inline tokens after it), the first link of each table row, every link
to an ``#anchor`` and every anchor raw HTML defines, and the text of each
paragraph for claims such as "sorted alphabetically".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from ..anchors import Slugger, html_anchors, html_fragment_links, slug_variants
from ..inline import collapse, heading_title, plain, section_name
from ..markers import JOINERS, is_emoji_char
from ..parser import make_markdown
from ..sections import TOC_SECTIONS, is_left_out
from .lines import SourceLines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.token import Token

__all__ = [
    "AnchorLink",
    "Heading",
    "Item",
    "ListBlock",
    "Readme",
    "Row",
    "Text",
    "is_content",
    "link_end",
    "read_readme",
]

_ANCHOR_ONLY: Final = re.compile(r"""\s*(?:<a\s[^>]*>\s*</a>\s*)+""", re.IGNORECASE)
_SHORTCODES: Final = re.compile(r"(?::[a-z0-9_+\-]+:|\s)+")


@dataclass(eq=False)
class Heading:
    """A heading; ``line`` is 1-based. ``anchors`` are the lower-case names that reach it."""

    level: int
    line: int
    title: str  # its text, decorative emoji trimmed (what a ToC entry should say)
    text: str  # its text as rendered, emoji kept
    slug: str  # GitHub's anchor, de-duplicated
    anchors: frozenset[str]
    explicit: str | None  # an <a name="..."> in the heading or on the line before
    parent: Heading | None
    title_heading: bool = False  # the list's title: the first heading, when it is a "#" one
    left_out: bool = False  # navigation, contributing, licence... or inside such a section
    toc: bool = False  # a table of contents, or inside one

    @property
    def target(self) -> str:
        """The anchor a table of contents links it by: its explicit one, else GitHub's."""
        return self.explicit or self.slug


@dataclass(eq=False)
class Item:
    """A list item: its lines (0-based, ``end`` exclusive) and the link it starts with."""

    start: int
    end: int
    section: Heading | None
    url: str | None = None  # the target of the link the item starts with
    title: str = ""  # that link's text
    rest: list[Token] = field(default_factory=list)  # the inline tokens after the link
    paragraph: tuple[int, int] | None = None  # the lines of its first paragraph
    lists: list[ListBlock] = field(default_factory=list)  # nested lists

    @property
    def line(self) -> int:
        return self.start + 1


@dataclass(eq=False)
class ListBlock:
    """A bulleted or numbered list: its lines (0-based, ``end`` exclusive) and items."""

    start: int
    end: int
    ordered: bool
    marker: str
    section: Heading | None
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Row:
    """A table row's first link, for duplicate links."""

    line: int
    url: str
    title: str


@dataclass(frozen=True, slots=True)
class AnchorLink:
    """A link to ``#fragment`` in the page."""

    line: int
    fragment: str


@dataclass(frozen=True, slots=True)
class Text:
    """The plain text of a paragraph, heading or item, with the section it is in."""

    line: int
    text: str
    section: Heading | None
    in_item: bool


@dataclass(eq=False)
class Readme:
    """What :func:`read_readme` found; ``lines`` are the source lines without their ends."""

    source: str
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)  # every list, nested ones too
    rows: list[Row] = field(default_factory=list)
    links: list[AnchorLink] = field(default_factory=list)
    html_anchors: set[str] = field(default_factory=set)  # lower case
    texts: list[Text] = field(default_factory=list)

    def anchors(self) -> set[str]:
        """Every anchor name in the README, in lower case."""
        found = set(self.html_anchors)
        for heading in self.headings:
            found |= heading.anchors
        return found

    def content_items(self) -> list[Item]:
        """The items the item rules check: those starting with a link to another page,
        in a section that is neither the title's, nor left out, nor a table of contents."""
        return [
            item
            for block in self.lists
            for item in block.items
            if item.url is not None and not item.url.startswith("#") and is_content(item.section)
        ]


def is_content(section: Heading | None) -> bool:
    """Whether a section holds entries: not the preamble, the title's, or a left-out one."""
    return section is not None and not (section.title_heading or section.left_out)


def link_end(children: Sequence[Token], start: int) -> int:
    """The index of the ``link_close`` matching the ``link_open`` at ``start``."""
    return next(
        (j for j in range(start + 1, len(children)) if children[j].type == "link_close"),
        len(children),
    )


def _decoration(text: str) -> bool:
    """Whether ``text`` holds only spaces, emoji and shortcodes (a flag or a decoration)."""
    return all(is_emoji_char(c) or c in JOINERS for c in _SHORTCODES.sub("", text))


def _leading_link(children: Sequence[Token]) -> tuple[str, str, int] | None:
    """The target and text of the link an item starts with, and the index after it.

    Images, raw HTML, emphasis and emoji before it are skipped (a logo, a badge);
    words or code before it mean the item does not start with a link."""
    i = 0
    while i < len(children):
        tok = children[i]
        if tok.type == "link_open":
            close = link_end(children, i)
            text = collapse(plain(children[i + 1 : close]))
            if text:
                return str(tok.attrs.get("href", "")), text, close + 1
            i = close
        elif (tok.type == "text" and not _decoration(tok.content)) or tok.type in (
            "code_inline",
            "text_special",
        ):
            return None
        i += 1
    return None


class _Walker:
    """One pass over the tokens, keeping the open headings, lists and items."""

    def __init__(self, source: str, text: str) -> None:
        self.readme = Readme(source, SourceLines.split(text).lines)
        self.slugger = Slugger()
        self.section: Heading | None = None
        self.lists: list[ListBlock] = []
        self.items: list[Item] = []

    def run(self, tokens: Sequence[Token]) -> Readme:
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind == "heading_open":
                self.heading(tok, tokens[i + 1])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.open_list(tok)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.open_item(tok)
            elif kind == "list_item_close":
                self.items.pop()
            elif kind == "tr_open" and tok.map:
                self.row(tok, tokens, i)
            elif kind == "html_block":
                self.html(tok.content, _line(tok))
            elif kind == "inline" and not (i and tokens[i - 1].type == "heading_open"):
                self.inline(tok)
        return self.readme

    def heading(self, tok: Token, inline: Token) -> None:
        children = list(inline.children or [])
        level = int(tok.tag[1:])
        line = _line(tok)
        rendered = plain(children)
        variants = slug_variants(rendered)
        slug = self.slugger.unique(variants[0])
        suffix = slug[len(variants[0]) :]  # "-1" for the second heading of this slug
        explicit = self.explicit_anchor(children, line)
        anchors = {variant.lower() + suffix for variant in variants}
        if explicit:
            anchors.add(explicit.lower())
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = parent.parent
        heading = Heading(
            level,
            line,
            heading_title(children),
            collapse(rendered),
            slug,
            frozenset(anchors),
            explicit,
            parent,
            title_heading=not self.readme.headings and level == 1,
        )
        name = section_name(heading.title)
        heading.toc = (parent is not None and parent.toc) or _is_toc(name)
        heading.left_out = (parent is not None and parent.left_out) or is_left_out(name)
        self.readme.headings.append(heading)
        self.section = heading
        self.links(children, line)

    def explicit_anchor(self, children: Sequence[Token], line: int) -> str | None:
        inside = [a for c in children if c.type == "html_inline" for a in html_anchors(c.content)]
        before = self.readme.lines[line - 2] if line > 1 else ""  # the line above
        if not inside and _ANCHOR_ONLY.fullmatch(before):
            inside = html_anchors(before)
        return inside[0] if inside else None

    def open_list(self, tok: Token) -> None:
        start, end = tok.map or (0, 0)
        block = ListBlock(start, end, tok.type == "ordered_list_open", tok.markup, self.section)
        self.readme.lists.append(block)
        if self.items:
            self.items[-1].lists.append(block)
        self.lists.append(block)

    def open_item(self, tok: Token) -> None:
        start, end = tok.map or (0, 0)
        item = Item(start, end, self.section)
        self.lists[-1].items.append(item)
        self.items.append(item)

    def inline(self, tok: Token) -> None:
        children = list(tok.children or [])
        line = _line(tok)
        item = self.items[-1] if self.items else None
        if item is not None and item.paragraph is None and tok.map and tok.map[0] == item.start:
            item.paragraph = (tok.map[0], tok.map[1])
            found = _leading_link(children)
            if found is not None:
                item.url, item.title, after = found
                item.rest = children[after:]
        text = Text(line, collapse(plain(children)), self.section, item is not None)
        self.readme.texts.append(text)
        self.links(children, line)

    def links(self, children: Sequence[Token], line: int) -> None:
        """The ``#anchor`` links and HTML anchors of inline tokens starting on ``line``."""
        for child in children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if href.startswith("#"):
                    self.readme.links.append(AnchorLink(line, href[1:]))
            elif child.type == "html_inline":
                self.html(child.content, line)

    def html(self, content: str, line: int) -> None:
        self.readme.html_anchors.update(a.lower() for a in html_anchors(content))
        for number, text in enumerate(content.splitlines()):
            self.readme.links.extend(
                AnchorLink(line + number, f) for f in html_fragment_links(text)
            )

    def row(self, tr: Token, tokens: Sequence[Token], i: int) -> None:
        """The first link of a table row (the cells' inline tokens follow its ``tr_open``)."""
        line = _line(tr)
        for tok in tokens[i + 1 :]:
            if tok.type == "tr_close":
                return
            if tok.type != "inline":
                continue
            children = list(tok.children or [])
            for j, child in enumerate(children):
                href = str(child.attrs.get("href", "")) if child.type == "link_open" else ""
                if href and not href.startswith("#"):
                    title = collapse(plain(children[j + 1 : link_end(children, j)]))
                    if is_content(self.section):
                        self.readme.rows.append(Row(line, href, title))
                    return


def _is_toc(name: str) -> bool:
    return any(name == toc or name.startswith(f"{toc} ") for toc in TOC_SECTIONS)


def _line(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 1


def read_readme(text: str, source: str) -> Readme:
    """The lint rules' view of the README ``text``, named ``source`` in messages."""
    return _Walker(source, text).run(make_markdown().parse(text))

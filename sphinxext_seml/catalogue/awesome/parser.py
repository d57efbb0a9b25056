"""The README reader: markdown-it-py's token stream to native catalogue data with lines.

:class:`Parser` walks the tokens once, keeping where it is (preamble, legend,
a category, a skipped section) and collects categories, flags and entries as
the package docstring describes; :meth:`Parser.result` gives them as
:class:`.Raw` data for validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from markdown_it import MarkdownIt

from ..errors import Location, Problem
from ..keys import make_key
from ..names import slugify
from ..reading.lines import KeyPath, LineMap
from ..reading.raw import Raw
from .inline import collapse, heading_title, line_of, plain, section_name, split_lines
from .markers import JOINERS, is_emoji_char, leading_marker, marker_at, marker_key

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token

__all__ = ["SKIPPED_SECTIONS", "CategoryDraft", "Parser", "make_markdown"]

#: Normalised section titles that never hold entries.
SKIPPED_SECTIONS: frozenset[str] = frozenset(
    {
        "contents",
        "table of contents",
        "toc",
        "contribute",
        "contributing",
        "contributors",
        "contribution",
        "contributions",
        "how to contribute",
        "contribution guidelines",
        "license",
        "licence",
        "code of conduct",
        "acknowledgements",
        "acknowledgments",
        "credits",
        "footnotes",
    }
)

#: Sections whose lines define flags instead of categories.
_LEGEND_SECTIONS = frozenset({"legend", "key", "symbols"})

_LEGEND_MAX_WORDS: Final = 6
_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|]+\s*)")
_LEGEND_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|=]+\s*)")
_ANCHOR: Final = re.compile(
    r"""<a\s+(?:[^>]*\s)?(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    # Keep URLs exactly as written (no percent-encoding) and let every scheme
    # through: the loader's URL check then rejects unsafe ones with a clear
    # problem, instead of markdown-it silently turning the link into text.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass
class CategoryDraft:
    slug: str
    title: str
    line: int | None
    description: list[str] = field(default_factory=list)
    entries: list[tuple[dict[str, Any], int | None]] = field(default_factory=list)


class Parser:
    """Walks the token stream and collects plain catalogue data with source lines."""

    def __init__(
        self,
        source: str,
        emoji_flags: Mapping[str, str],
        keys: Mapping[str, str],
    ) -> None:
        self.source = source
        self.markers: dict[str, str] = {marker_key(m): slug for m, slug in emoji_flags.items()}
        self.keys = dict(keys)
        self.folded_keys = {collapse(k).casefold(): v for k, v in keys.items()}
        self.flags: dict[str, tuple[dict[str, Any], int | None]] = {}
        self.legend_markers: dict[str, str] = {}
        self.categories: dict[str, CategoryDraft] = {}
        self.problems: list[Problem] = []
        self.taken: set[str] = set()
        # Where the walk through the tokens is.
        self.state = "preamble"  # preamble | legend | category | skip | outside
        self.current: CategoryDraft | None = None
        self.describing = False  # still in the paragraphs right under a category heading
        self.tag: str | None = None  # the slug of the sub-heading entries are under

    def problem(self, tok: Token, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(Location(self.source, line_of(tok)), message, code))

    # -- flags

    def legend_line(self, children: Sequence[Token], tok: Token) -> None:
        if any(c.type in ("link_open", "image") for c in children):
            return
        text = collapse(plain(children))
        split = leading_marker(text)
        if split is None:
            return
        marker, rest = split
        label = collapse(_LEGEND_SEPARATOR.sub("", rest, count=1))
        if not label or len(label.split()) > _LEGEND_MAX_WORDS:
            return
        key = marker_key(marker)
        slug = self.markers.get(key) or slugify(label)
        if not slug:
            self.problem(tok, f"legend line {text!r} gives no flag name; ignored")
            return
        if slug not in self.flags:
            self.flags[slug] = (_flag_data(slug, label, key), line_of(tok))
        self.legend_markers[key] = slug

    def flag_for(self, key: str, tok: Token) -> str | None:
        slug = self.legend_markers.get(key) or self.markers.get(key)
        if slug is not None and slug not in self.flags:
            label = slug.replace("-", " ").replace("_", " ").capitalize()
            self.flags[slug] = (_flag_data(slug, label, key), line_of(tok))
        return slug

    def take_flags(self, text: str, tok: Token) -> tuple[str, list[str]]:
        """Remove known flag markers from ``text``; return the rest and the flags found."""
        found: list[str] = []
        out: list[str] = []
        i = 0
        while i < len(text):
            at = marker_at(text, i) if text[i] == ":" or is_emoji_char(text[i]) else None
            if at is None:
                out.append(text[i])
                i += 1
                continue
            marker = at
            slug = self.flag_for(marker_key(marker), tok)
            if slug is None and not marker.startswith(":"):
                # A run of several emoji ("🎓⭐"): take them one at a time.
                j = i + 1
                while j < len(text) and text[j] in JOINERS:
                    j += 1
                marker = text[i:j]
                slug = self.flag_for(marker_key(marker), tok)
            if slug is None:
                out.append(marker)
            elif slug not in found:
                found.append(slug)
            i += len(marker)
        return "".join(out), found

    # -- entries

    def entry(self, inline: Token, category: CategoryDraft, tag: str | None) -> None:
        children = list(inline.children or [])
        i = 0
        lead = ""
        href: str | None = None
        title = ""
        while i < len(children) and href is None:
            tok = children[i]
            i += 1
            if tok.type == "link_open":
                close = next(
                    (j for j in range(i, len(children)) if children[j].type == "link_close"),
                    len(children),
                )
                text = collapse(plain(children[i:close]))
                i = close + 1
                if text:  # else an image-only link (a logo or badge) before the real one
                    href, title = str(tok.attrs.get("href", "")), text
            elif tok.type == "text":
                lead += tok.content
                if collapse(self.take_flags(lead, inline)[0]):
                    break  # words before any link: not an entry
            elif tok.type in ("code_inline", "text_special"):
                break
            # images, raw HTML, line breaks and emphasis around the link are skipped
        if href is None:
            self.problem(inline, "list item does not start with a link (skipped)")
            return
        if href.startswith("#"):
            return  # navigation: a table of contents, "back to top"
        summary_text, flags = self.take_flags(plain(children[i:]), inline)
        summary = collapse(_SEPARATOR.sub("", summary_text, count=1))
        order = list(self.flags)
        all_flags = sorted(
            dict.fromkeys([*self.take_flags(lead, inline)[1], *flags]), key=order.index
        )
        data: dict[str, Any] = {
            "key": self.key_for(title, href, inline),
            "title": title,
            "url": href,
            "category": category.slug,
        }
        if all_flags:
            data["flags"] = all_flags
        if summary:
            data["summary"] = summary
        if tag:
            data["tags"] = [tag]
        category.entries.append((data, line_of(inline)))

    def key_for(self, title: str, url: str, tok: Token) -> str:
        wanted = (
            self.keys.get(url)
            or self.keys.get(title)
            or self.folded_keys.get(collapse(title).casefold())
        )
        if wanted is not None:
            if wanted not in self.taken:
                self.taken.add(wanted)
                return wanted
            self.problem(
                tok, f"key {wanted!r} is already used; a key was generated instead", "duplicate_key"
            )
        key = make_key(title, self.taken)
        self.taken.add(key)
        return key

    # -- document

    def run(self, tokens: Sequence[Token]) -> None:
        headings = [t for t in tokens if t.type == "heading_open"]
        title_heading = headings[0] if headings and headings[0].tag == "h1" else None
        levels = [int(t.tag[1:]) for t in headings if t is not title_heading]
        category_level = min(levels) if levels else 0
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                if tok is not title_heading:
                    self.heading(int(tok.tag[1:]) - category_level, tokens[i + 1])
            elif tok.type == "paragraph_open" and tok.level == 0:
                self.paragraph(tokens[i + 1])
            elif tok.type in ("bullet_list_open", "ordered_list_open", "table_open"):
                self.describing = False
            elif tok.type == "list_item_open":
                self.list_item(tokens, i)

    def heading(self, depth: int, inline: Token) -> None:
        """A heading ``depth`` levels below the category level (negative: above it)."""
        children = list(inline.children or [])
        if depth > 0:
            self.describing = False
            self.tag = slugify(heading_title(children)) or None
            return
        self.describing, self.tag, self.current = False, None, None
        if depth < 0:
            self.state = "outside"
            return
        heading = heading_title(children)
        name = section_name(heading)
        if name in SKIPPED_SECTIONS:
            self.state = "skip"
        elif name in _LEGEND_SECTIONS:
            self.state = "legend"
        else:
            self.state, self.describing = "category", True
            self.current = self.category(heading, children, inline)

    def paragraph(self, inline: Token) -> None:
        """A top-level paragraph: legend lines, or a line of a category's description."""
        children = list(inline.children or [])
        if self.state in ("preamble", "legend"):
            for line in split_lines(children):
                self.legend_line(line, inline)
        elif self.describing and self.current is not None:
            text = collapse(plain(children))
            if text:
                self.current.description.append(text)

    def list_item(self, tokens: Sequence[Token], i: int) -> None:
        """The list item opened by ``tokens[i]``: legend lines, an entry, or a problem."""
        nxt = tokens[i + 1].type if i + 1 < len(tokens) else ""
        if nxt == "paragraph_open" and self.state in ("preamble", "legend"):
            for line in split_lines(list(tokens[i + 2].children or [])):
                self.legend_line(line, tokens[i + 2])
        elif nxt == "paragraph_open" and self.current is not None:
            self.entry(tokens[i + 2], self.current, self.tag)
        elif self.current is not None and nxt not in ("bullet_list_open", "ordered_list_open"):
            # An empty item, or one holding a code block or raw HTML block.
            self.problem(tokens[i], "list item does not start with a link (skipped)")

    def category(self, heading: str, children: Sequence[Token], inline: Token) -> CategoryDraft:
        anchors = (_ANCHOR.search(c.content) for c in children if c.type == "html_inline")
        anchor = next((m.group(1) for m in anchors if m), None)
        slug = anchor or slugify(heading) or f"section-{len(self.categories) + 1}"
        if slug not in self.categories:  # a repeated heading continues its category
            self.categories[slug] = CategoryDraft(slug, heading, line_of(inline))
        return self.categories[slug]

    def result(self) -> Raw:
        """Validate the collected data through the loader, like every other format."""
        lines = LineMap()
        categories: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []
        drafts = [d for d in self.categories.values() if d.entries]
        for order, draft in enumerate(drafts):
            data: dict[str, Any] = {"slug": draft.slug, "title": draft.title, "order": order}
            if draft.description:
                data["description"] = "\n\n".join(draft.description)
            _place(lines, ("categories", len(categories)), draft.line)
            categories.append(data)
            for entry, line in draft.entries:
                path: KeyPath = ("entries", len(entries))
                for name in ((), ("category",), ("flags",)):
                    _place(lines, (*path, *name), line)
                entries.append(entry)
        for flag, line in self.flags.values():
            _place(lines, ("flags", len(flags)), line)
            flags.append(flag)
        problems = list(self.problems)
        if not entries:
            problems.append(
                Problem(
                    Location(self.source, 1),
                    "no entries found: expected sections (## headings) with list items"
                    " that start with a link",
                    "empty",
                )
            )
        return Raw({"categories": categories, "flags": flags, "entries": entries}, lines, problems)


def _place(lines: LineMap, path: KeyPath, line: int | None) -> None:
    if line is not None:
        lines[path] = line


def _flag_data(slug: str, label: str, marker: str) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": slug, "label": label}
    if not marker.startswith(":"):  # an unknown shortcode has no emoji to show
        data["emoji"] = marker
    return data

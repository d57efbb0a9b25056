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
from .problems import SKIPPED_ITEM, SLUG_CLASH
from .sections import heading_slug, is_left_out

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it.token import Token

__all__ = ["CategoryDraft", "Parser", "make_markdown"]

#: Sections whose lines define flags instead of categories.
_LEGEND_SECTIONS = frozenset({"legend", "key", "symbols"})

_LEGEND_MAX_WORDS: Final = 6
_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|]+\s*)")
_LEGEND_SEPARATOR: Final = re.compile(r"^\s*(?:[-–—:|=]+\s*)")
_ANCHOR: Final = re.compile(
    r"""<a\s+(?:[^>]*\s)?(?:name|id)\s*=\s*["']([^"']+)["']""", re.IGNORECASE
)
_ANCHOR_ONLY: Final = re.compile(r"""\s*(?:<a\s[^>]*>\s*</a>\s*)+""", re.IGNORECASE)
_DETAILS: Final = re.compile(
    r"<summary[^>]*>(.*?)</summary>|(</details\s*>)", re.IGNORECASE | re.DOTALL
)
_TAG: Final = re.compile(r"<[^>]+>")
_LISTS: Final = ("bullet_list_open", "ordered_list_open")


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
    parent: str = ""
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
        self.state = "preamble"  # preamble | legend | category | skip
        self.heading_draft: CategoryDraft | None = None  # the innermost heading's category
        self.describing = False  # still in the paragraphs right under a category heading
        #: Open headings: level, and their category (None: the title, a left-out or legend one).
        self.headings: list[tuple[int, str, CategoryDraft | None]] = []
        #: Open groups inside a section: bold labels (by list item level) and <details> (-1).
        self.groups: list[tuple[int, CategoryDraft]] = []

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
            self.problem(tok, f"legend line {text!r} gives no flag name; ignored", "invalid")
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

    def entry(self, inline: Token, category: CategoryDraft) -> None:
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
            elif kind in (*_LISTS, "table_open"):
                self.describing = False
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
            text = collapse(plain(children))
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
                self.problem(inline, "linked item outside any section heading (skipped)")
            else:
                for line in split_lines(list(inline.children or [])):
                    self.legend_line(line, inline)
        elif nxt == "paragraph_open" and current is not None:
            inline = tokens[i + 2]
            if not _has_link(inline) and tokens[i + 4].type in _LISTS:
                label = collapse(plain(list(inline.children or []))).rstrip(":").strip()
                group = self.category(label or "Group", current.slug, inline, None)
                self.groups.append((tokens[i].level, group))
            else:
                self.entry(inline, current)
        elif current is not None and nxt not in _LISTS:
            # An empty item, or one holding a code block or raw HTML block.
            self.problem(tokens[i], "list item does not start with a link (skipped)")

    def html_block(self, tok: Token) -> None:
        """``<details><summary>Group</summary>`` opens a group until ``</details>``."""
        for match in _DETAILS.finditer(tok.content):
            label, closing = match.groups()
            if closing is not None:
                if self.groups and self.groups[-1][0] < 0:
                    self.groups.pop()
                continue
            current = self.current
            if current is None:
                continue
            title = collapse(_TAG.sub("", label))
            # A summary repeating its section's heading ("Milestone Papers") is no group.
            same = not title or section_name(title) == section_name(current.title)
            group = current if same else self.category(title, current.slug, tok, None)
            self.groups.append((-1, group))

    def category(self, heading: str, parent: str, tok: Token, anchor: str | None) -> CategoryDraft:
        """The category of a heading or group label under ``parent``; slugs never merge two."""
        base = anchor or heading_slug(heading) or f"section-{len(self.categories) + 1}"
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

    def holding(self) -> list[CategoryDraft]:
        """The categories with entries of their own or in a subcategory, in document order."""
        kept: set[str] = set()
        for draft in self.categories.values():
            if draft.entries:
                slug = draft.slug
                while slug and slug not in kept:
                    kept.add(slug)
                    slug = self.categories[slug].parent
        return [d for d in self.categories.values() if d.slug in kept]

    def result(self) -> Raw:
        """Validate the collected data through the loader, like every other format."""
        lines = LineMap()
        categories: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []
        for order, draft in enumerate(self.holding()):
            data: dict[str, Any] = {"slug": draft.slug, "title": draft.title, "order": order}
            if draft.parent:
                data["parent"] = draft.parent
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


def _has_link(inline: Token) -> bool:
    """Whether an item's text holds a link with text to somewhere else than the page."""
    children = list(inline.children or [])
    for i, tok in enumerate(children):
        if tok.type == "link_open" and not str(tok.attrs.get("href", "")).startswith("#"):
            close = next(
                (j for j in range(i, len(children)) if children[j].type == "link_close"), i
            )
            if collapse(plain(children[i + 1 : close])):
                return True
    return False


def _anchor_before(tokens: Sequence[Token], i: int) -> str | None:
    """The ``<a name="x"></a>`` anchor of a paragraph right before the heading at ``i``."""
    if i < 3 or tokens[i - 3].type != "paragraph_open":
        return None
    content = tokens[i - 2].content
    match = _ANCHOR.search(content) if _ANCHOR_ONLY.fullmatch(content) else None
    return match.group(1) if match else None


def _place(lines: LineMap, path: KeyPath, line: int | None) -> None:
    if line is not None:
        lines[path] = line


def _flag_data(slug: str, label: str, marker: str) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": slug, "label": label}
    if not marker.startswith(":"):  # an unknown shortcode has no emoji to show
        data["emoji"] = marker
    return data

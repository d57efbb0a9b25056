"""Writing awesome lists: :func:`dump_awesome`, a README that reads back to the same entries."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from ..citations import shown_title
from .anchors import Slugger, github_slug
from .items import escape_markdown, flag_marker, item_line, summary_markdown
from .markers import DEFAULT_EMOJI_FLAGS, marker_key
from .sections import heading_slug
from .verbatim import still_as_written

if TYPE_CHECKING:
    from ..model import Catalogue, Category, Entry

__all__ = ["dump_awesome"]


def dump_awesome(
    catalogue: Catalogue,
    *,
    title: str | None = None,
    intro: str | None = None,
) -> str:
    """An awesome-list README for ``catalogue``: title, intro, legend, contents, sections.

    ``title`` and ``intro`` are plain text; without them the catalogue's own
    Markdown ones (an imported README's) are written as they are, else the title
    "Awesome list". Legend lines the intro already holds are not written again.

    Each category becomes a ``##`` section with its description and items
    ``- [title](url) - summary ⭐🎓`` (``[title]()`` for an entry without a link);
    entries keep catalogue order. A category
    whose slug is not the slug of its title carries an ``<a name="slug"></a>``
    anchor so that :func:`parse_awesome` gives the same slug back.
    """
    heading = (
        escape_markdown(title) if title is not None else catalogue.front.title or "Awesome list"
    )
    out: list[str] = [f"# {heading}", ""]
    front = _escape_paragraphs(intro) if intro is not None else catalogue.front.intro.strip()
    if front:
        out += [front, ""]
    written = {line.strip() for line in front.splitlines()}

    markers: dict[str, str] = {}
    for flag in catalogue.flags.values():
        marker = flag_marker(flag.slug, flag.emoji)
        markers[flag.slug] = marker
        default = DEFAULT_EMOJI_FLAGS.get(marker_key(marker)) == flag.slug
        text = (flag.description or flag.label) if default else flag.label
        line = f"{marker} {escape_markdown(text)}"
        if line not in written:
            out += [line, ""]

    by_category: dict[str, list[Entry]] = {}
    for entry in catalogue:
        by_category.setdefault(entry.category, []).append(entry)
    sections = _Sections(catalogue, by_category, markers)

    out += ["## Contents", ""]
    # The contents link the ids GitHub gives the headings, in document order.
    slugger = Slugger()
    for written_heading in (heading, "Contents"):
        slugger.unique(github_slug(written_heading))
    for category, depth in sections.headings():
        anchor = category.slug if heading_slug(category.title) != category.slug else None
        target = slugger.unique(github_slug(category.title))
        target = anchor or target
        out.append(f"{'  ' * depth}- [{escape_markdown(category.title)}](#{target})")
    out.append("")
    out += sections.lines()
    return "\n".join(out).rstrip("\n") + "\n"


class _Sections:
    """The categories as a README writes them: headings, with groups (bold labels over a
    nested list) and ``<details>`` blocks inside their parent's section."""

    def __init__(
        self, catalogue: Catalogue, by_category: dict[str, list[Entry]], markers: dict[str, str]
    ) -> None:
        self.by_category = by_category
        self.markers = markers
        self.as_written = still_as_written(catalogue, markers)
        ordered = catalogue.ordered_categories()
        slugs = {c.slug for c in ordered}
        self.children: dict[str, list[Category]] = {}
        for category in ordered:
            parent = category.parent if category.parent in slugs else ""
            self.children.setdefault(parent, []).append(category)

    def holds(self, category: Category) -> bool:
        """Whether the category has entries, of its own or in a subcategory."""
        return bool(self.by_category.get(category.slug)) or any(
            self.holds(c) for c in self.children.get(category.slug, ())
        )

    def kids(self, category: Category | None) -> list[Category]:
        slug = category.slug if category else ""
        return [c for c in self.children.get(slug, ()) if self.holds(c)]

    @staticmethod
    def inline(category: Category, under: Category | None) -> bool:
        """Whether a category is written inside its parent's section (a group or details):
        only under a parent, and only when it has no description a label could not hold."""
        return (
            under is not None
            and category.layout in ("group", "details")
            and (category.layout == "details" or not category.description.strip())
        )

    def headings(self, under: Category | None = None, depth: int = 0) -> list[tuple[Category, int]]:
        """The categories written as headings, with their depth, in document order."""
        out: list[tuple[Category, int]] = []
        for category in self.kids(under):
            if not self.inline(category, under):
                out.append((category, depth))
                out += self.headings(category, depth + 1)
        return out

    def lines(self, under: Category | None = None, depth: int = 0) -> list[str]:
        out: list[str] = []
        for category in self.kids(under):
            if self.inline(category, under):
                continue  # written by its parent
            anchor = (
                f'<a name="{category.slug}"></a>'
                if heading_slug(category.title) != category.slug
                else ""
            )
            level = "#" * min(2 + depth, 6)
            out += [f"{level} {anchor}{escape_markdown(category.title)}", ""]
            if category.description.strip():
                out += [_description(category.description), ""]
            out += self.inside(category, "")
            out += self.lines(category, depth + 1)
        return out

    def inside(self, category: Category, indent: str) -> list[str]:
        """The items of a section or group, then its groups and details blocks; a
        top-level block ends with a blank line."""
        out = self.items(category, indent)
        for child in self.kids(category):
            if not self.inline(child, category):
                continue
            if child.layout == "group":
                out.append(f"{indent}- **{escape_markdown(child.title)}**")
                out += self.inside(child, indent + "  ")
                continue
            if out and out[-1]:
                out.append("")
            out += [f"<details><summary>{html.escape(child.title, quote=False)}</summary>", ""]
            if child.description.strip():
                out += [_description(child.description), ""]
            out += self.inside(child, "")
            out += ["</details>", ""]
        if out and out[-1] and not indent:
            out.append("")
        return out

    def items(self, category: Category, indent: str) -> list[str]:
        out: list[str] = []
        numbered = category.layout == "numbered"
        for number, entry in enumerate(self.by_category.get(category.slug, ()), 1):
            if entry.key in self.as_written:
                item = entry.markdown or ""
            else:
                flags = [self.markers.get(f, "") for f in entry.flags]
                item = item_line(shown_title(entry), entry.url, entry.summary, flags)
            bullet = f"{number}." if numbered else "-"
            item = item.replace("\n", "\n" + indent + " " * (len(bullet) + 1))
            out.append(f"{indent}{bullet} {item}")
        return out


def _description(text: str) -> str:
    """A category's description as Markdown paragraphs, its links as links."""
    return "\n\n".join(summary_markdown(p) for p in _paragraphs(text))


def _escape_paragraphs(text: str) -> str:
    """Plain-text paragraphs (``--intro``) as Markdown that renders back to them."""
    return "\n\n".join(escape_markdown(p) for p in _paragraphs(text))


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]

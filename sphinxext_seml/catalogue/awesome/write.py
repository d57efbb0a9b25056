"""Writing awesome lists: :func:`dump_awesome`, a README that reads back to the same entries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .anchors import Slugger, github_slug
from .items import escape_markdown, item_line
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
    ``- [title](url) - summary ⭐🎓``; entries keep catalogue order. A category
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
        marker = flag.emoji or f":{flag.slug}:"
        markers[flag.slug] = marker
        default = DEFAULT_EMOJI_FLAGS.get(marker_key(marker)) == flag.slug
        text = (flag.description or flag.label) if default else flag.label
        line = f"{marker} {escape_markdown(text)}"
        if line not in written:
            out += [line, ""]

    by_category: dict[str, list[Entry]] = {}
    for entry in catalogue:
        by_category.setdefault(entry.category, []).append(entry)
    categories = _tree(catalogue, by_category)
    as_written = still_as_written(catalogue, markers)

    out += ["## Contents", ""]
    # The contents link the ids GitHub gives the headings, in document order.
    slugger = Slugger()
    for written_heading in (heading, "Contents"):
        slugger.unique(github_slug(written_heading))
    for category, depth in categories:
        anchor = category.slug if heading_slug(category.title) != category.slug else None
        target = slugger.unique(github_slug(category.title))
        target = anchor or target
        out.append(f"{'  ' * depth}- [{escape_markdown(category.title)}](#{target})")
    out.append("")

    for category, depth in categories:
        anchor = (
            f'<a name="{category.slug}"></a>'
            if heading_slug(category.title) != category.slug
            else ""
        )
        out += [f"{'#' * min(2 + depth, 6)} {anchor}{escape_markdown(category.title)}", ""]
        if category.description.strip():
            out += [_escape_paragraphs(category.description), ""]
        entries = by_category.get(category.slug, ())
        for entry in entries:
            if entry.key in as_written:
                item = (entry.markdown or "").replace("\n", "\n  ")
            else:
                item = item_line(entry.title, entry.url, entry.summary, _markers(entry, markers))
            out.append(f"- {item}")
        if entries:  # a parent without entries of its own: its heading, then its children
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _tree(catalogue: Catalogue, by_category: dict[str, list[Entry]]) -> list[tuple[Category, int]]:
    """The categories holding entries (or holding categories that do) in tree order,
    each with its depth: a subcategory's heading comes right after its parent's section."""
    ordered = catalogue.ordered_categories()
    slugs = {c.slug for c in ordered}
    children: dict[str, list[Category]] = {}
    for category in ordered:
        parent = category.parent if category.parent in slugs else ""
        children.setdefault(parent, []).append(category)

    def holds(category: Category) -> bool:
        return bool(by_category.get(category.slug)) or any(
            holds(c) for c in children.get(category.slug, ())
        )

    out: list[tuple[Category, int]] = []

    def walk(parent: str, depth: int) -> None:
        for category in children.get(parent, ()):
            if holds(category):
                out.append((category, depth))
                walk(category.slug, depth + 1)

    walk("", 0)
    return out


def _escape_paragraphs(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


def _markers(entry: Entry, markers: dict[str, str]) -> list[str]:
    return [markers.get(f, "") for f in entry.flags]

"""Writing awesome lists: :func:`dump_awesome`, a README that reads back to the same entries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..summaries import summary_parts
from .anchors import Slugger, github_slug
from .inline import collapse
from .markers import DEFAULT_EMOJI_FLAGS, marker_key
from .sections import heading_slug

if TYPE_CHECKING:
    from ..model import Catalogue, Category, Entry

__all__ = ["dump_awesome", "summary_markdown"]

# Only what could start markup: intraword "_" cannot, "!" only before "[",
# "&" only before an entity; other ASCII punctuation is left readable.
_INLINE_SPECIAL = re.compile(
    r"([\\`*\[\]<~])|(?<![A-Za-z0-9])(_)|(_)(?![A-Za-z0-9])|(!)(?=\[)|(&)(?=#?[A-Za-z0-9]+;)"
)
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+=\-])|(\d+)([.)]))")


def _escape(text: str) -> str:
    """Text as Markdown that renders back to exactly this text."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), collapse(text))
    # A paragraph must not start like a heading, quote or list ("1." -> "1\.").
    return _BLOCK_START.sub(_escape_block_start, text, count=1)


def summary_markdown(summary: str) -> str:
    """A summary as Markdown: its text escaped, its links (:mod:`..summaries`) as links."""
    out: list[str] = []
    for part in summary_parts(collapse(summary)):
        if isinstance(part, str):
            out.append(_INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), part))
        else:
            text = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), part.text)
            out.append(f"[{text}]({_link_target(part.url)})")
    return _BLOCK_START.sub(_escape_block_start, "".join(out), count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker, digits, delimiter = match.groups()
    return indent + (f"\\{marker}" if marker else f"{digits}\\{delimiter}")


def _link_target(url: str) -> str:
    url = re.sub(r"[\\]", r"\\\\", url)
    url = re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", url)
    if re.search(r"[\s()<>]", url) or not url:
        return "<" + re.sub(r"([<>])", r"\\\1", url) + ">"
    return url


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
    heading = _escape(title) if title is not None else catalogue.front.title or "Awesome list"
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
        line = f"{marker} {_escape(text)}"
        if line not in written:
            out += [line, ""]

    by_category: dict[str, list[Entry]] = {}
    for entry in catalogue:
        by_category.setdefault(entry.category, []).append(entry)
    categories = _tree(catalogue, by_category)

    out += ["## Contents", ""]
    # The contents link the ids GitHub gives the headings, in document order.
    slugger = Slugger()
    for written_heading in (heading, "Contents"):
        slugger.unique(github_slug(written_heading))
    for category, depth in categories:
        anchor = category.slug if heading_slug(category.title) != category.slug else None
        target = slugger.unique(github_slug(category.title))
        target = anchor or target
        out.append(f"{'  ' * depth}- [{_escape(category.title)}](#{target})")
    out.append("")

    for category, depth in categories:
        anchor = (
            f'<a name="{category.slug}"></a>'
            if heading_slug(category.title) != category.slug
            else ""
        )
        out += [f"{'#' * min(2 + depth, 6)} {anchor}{_escape(category.title)}", ""]
        if category.description.strip():
            out += [_escape_paragraphs(category.description), ""]
        for entry in by_category.get(category.slug, ()):
            item = f"- [{_escape(entry.title)}]({_link_target(entry.url)})"
            if entry.summary:
                item += f" - {summary_markdown(entry.summary)}"
            flags = "".join(markers.get(f, "") for f in entry.flags)
            if flags:
                item += f" {flags}"
            out.append(item)
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
    return "\n\n".join(_escape(p) for p in paragraphs)

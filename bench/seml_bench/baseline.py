"""Variant (b), the floor: the reST a person would write for what sphinxext-seml renders.

Each function mirrors a part of the extension's renderer (``ext/render.py``): a list
item's headline (title link, badges, byline, DOI link) and summary, and a formatted
reference. :mod:`.textcheck` checks that the HTML of (a) and (b) shows the same
text, so this module cannot drift from the extension unnoticed.
"""

from __future__ import annotations

from .corpus import FLAG_LABEL, FLAG_ORDER, Project, Ref

#: The roles (b) and (c) declare for badges and bylines, with the extension's CSS classes.
RST_PROLOG = """
.. role:: badge-must-read
   :class: seml-badge seml-badge-must-read
.. role:: badge-scientific
   :class: seml-badge seml-badge-scientific
.. role:: byline
   :class: seml-byline
"""


def rst_escape(text: str) -> str:
    for ch in "\\`*_|<>":
        text = text.replace(ch, "\\" + ch)
    return text


def format_authors(authors: tuple[str, ...], *, short: bool) -> str:
    names = list(authors)
    if not names:
        return ""
    if short and len(names) > 3:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def byline(e: Ref) -> str:
    authors = format_authors(e.authors, short=True)
    venue = e.venue.rstrip(".") if e.venue else ""
    if not authors:
        # "Venue, year." as the extension writes it without authors
        parts = [str(part) for part in (venue, e.year) if part]
        return ", ".join(parts) + "." if parts else ""
    out = [f"{authors} ({e.year})." if e.year else f"{authors}."]
    if venue:
        out.append(venue + ".")
    return " ".join(out)


def link(text: str, url: str) -> str:
    return f"`{rst_escape(text)} <{url}>`__"


def badges(e: Ref) -> str:
    return "".join(f" :badge-{f}:`{FLAG_LABEL[f]}`" for f in FLAG_ORDER if f in e.flags)


def doi_link(e: Ref) -> str:
    return f" {link('doi:' + e.doi, 'https://doi.org/' + e.doi)}" if e.doi else ""


def headline(e: Ref) -> str:
    out = link(e.title, e.url) + badges(e)
    by = byline(e)
    if by:
        out += f" — :byline:`{rst_escape(by)}`"
    return out + doi_link(e)


def reference(e: Ref) -> str:
    authors = format_authors(e.authors, short=False)
    year = f"({e.year})" if e.year else "(n.d.)"
    before = f"{rst_escape(authors)} {year}. " if authors else ""
    after = "." if authors else f" {year}."
    if e.venue:
        after += " " + rst_escape(e.venue.rstrip(".")) + "."
    return before + link(e.title, e.url) + after + doi_link(e) + badges(e)


def plain_list(items: list[Ref]) -> str:
    """A ``seml-list`` of ``items``, by hand: a bullet list."""
    if not items:
        return "No matching entries.\n\n"
    out = []
    for e in items:
        out.append(f"- {headline(e)}\n")
        if e.summary:
            out.append(f"\n  {rst_escape(e.summary)}\n")
        out.append("\n")
    return "".join(out)


def plain_references(keys: list[str], project: Project, label_prefix: str) -> str:
    """A bibliography of ``keys``, by hand: ``[n]`` -> reference, each with a label to cite."""
    out = []
    for n, key in enumerate(keys, 1):
        out.append(
            f"[{n}]\n   .. _{label_prefix}-{key}:\n\n   {reference(project.by_key[key])}\n\n"
        )
    return "".join(out)


def plain_cite(number: int, label: str) -> str:
    """A citation, by hand: ``[n]`` linking to the reference's label."""
    return f"[:ref:`{number} <{label}>`]"

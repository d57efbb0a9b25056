"""Writing BibTeX: :func:`dump_bibtex`, entries as a ``.bib`` file that reads back equal.

Every field has a place (``seml-category``, ``seml-flags``, ``seml-type`` when
the entry type does not imply it, ``seml-archived-url``), text is escaped for
LaTeX, titles are wrapped in braces so BibTeX styles keep their case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..model import OTHERS
from ..persons import parse_name
from ..summaries import summary_plain
from .entry import BIBTEX_TYPES
from .latex import text_to_latex

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Catalogue, Entry

__all__ = ["dump_bibtex"]

#: The entry type :func:`dump_bibtex` writes for a catalogue type, and the
#: field it writes the venue in; other types are ``@misc`` with ``seml-type``.
_WRITE_TYPES: Mapping[str, tuple[str, str]] = {
    "paper": ("inproceedings", "booktitle"),
    "article": ("misc", "howpublished"),
    "book": ("book", "publisher"),
    "guide": ("manual", "organization"),
    "report": ("techreport", "institution"),
}
_WRITE_OTHER: Final = ("misc", "howpublished")


def _name(author: str) -> str:
    """An author in BibTeX form ("van Rossum, Guido", "{Google Research}"), LaTeX-escaped."""
    if author == OTHERS:
        return "others"
    return parse_name(author).bibtex(text_to_latex)


def _url_value(url: str) -> str:
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _entry_fields(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    kind, venue_field = _WRITE_TYPES.get(entry.type, _WRITE_OTHER)
    fields: list[tuple[str, str]] = []
    if entry.authors:
        fields.append(("author", " and ".join(_name(a) for a in entry.authors)))
    if entry.title:
        fields.append(("title", "{" + text_to_latex(entry.title) + "}"))
    if entry.venue:
        fields.append((venue_field, text_to_latex(entry.venue)))
    if entry.year is not None:
        fields.append(("year", str(entry.year)))
    if entry.doi:
        fields.append(("doi", _url_value(entry.doi)))
    if entry.url:
        fields.append(("url", _url_value(entry.url)))
    if entry.tags:
        fields.append(("keywords", ", ".join(text_to_latex(t) for t in entry.tags)))
    if entry.summary:
        fields.append(("abstract", text_to_latex(summary_plain(entry.summary))))
    fields.append(("seml-category", text_to_latex(entry.category)))
    if entry.flags:
        fields.append(("seml-flags", ", ".join(text_to_latex(f) for f in entry.flags)))
    if BIBTEX_TYPES.get(kind) != entry.type:
        fields.append(("seml-type", text_to_latex(entry.type)))
    if entry.archived_url:
        fields.append(("seml-archived-url", _url_value(entry.archived_url)))
    return kind, fields + _extra_fields(entry)


def _extra_fields(entry: Entry) -> list[tuple[str, str]]:
    """Old keys as biblatex's ``ids``, the arXiv id as an ``eprint``, a tool's repository
    and licence, whose words the summary is."""
    fields: list[tuple[str, str]] = []
    if entry.aliases:
        fields.append(("ids", ", ".join(text_to_latex(a) for a in entry.aliases)))
    if entry.arxiv:
        fields += [("eprint", text_to_latex(entry.arxiv)), ("eprinttype", "arXiv")]
    if entry.repository:
        fields.append(("seml-repository", _url_value(entry.repository)))
    if entry.licence:
        fields.append(("seml-licence", text_to_latex(entry.licence)))
    if entry.summary_from:
        fields.append(("seml-summary-from", text_to_latex(entry.summary_from)))
    if entry.former_urls:
        fields.append(("seml-former-urls", " ".join(_url_value(u) for u in entry.former_urls)))
    return fields


def dump_bibtex(catalogue: Catalogue) -> str:
    """The entries of ``catalogue`` as a BibTeX file, in catalogue order.

    Deterministic; :func:`.load_bibtex` reads it back to equal entries (within
    the limits of the package docstring).
    """
    out = [
        "% Written by sphinxext-seml. The seml-* fields carry the catalogue's category,",
        "% flags, type and archived URL; BibTeX styles ignore them.",
        "",
    ]
    for entry in catalogue:
        kind, fields = _entry_fields(entry)
        width = max(len(name) for name, _value in fields)
        out.append(f"@{kind}{{{entry.key},")
        out += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
        out += ["}", ""]
    return "\n".join(out)

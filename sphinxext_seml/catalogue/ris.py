"""Writing RIS: :func:`dump_ris`, entries as the tagged format reference managers import
(Zotero, Mendeley, EndNote, JabRef).

One record per entry, in catalogue order, each tag on its own line (``TY  - JOUR``)
and the record closed by ``ER  -``. What each field becomes:

* **type** ``TY``: ``paper`` CPAPER, ``article`` ELEC, ``blog`` BLOG, ``book`` BOOK,
  ``guide`` GEN, ``tool`` COMP, ``talk`` GEN, ``video`` VIDEO, ``course`` GEN,
  ``dataset`` DATA, ``report`` RPRT, another type GEN;
* **authors** ``AU``, one per author: "Family, Given" with the particle before the
  family name and the suffix after the given names ("van Rossum, Guido", "King,
  Martin Luther, Jr."), an organisation as written; "and others" becomes a note;
* **title** ``TI``, **venue** ``T2``, **year** ``PY``, **DOI** ``DO``, **URL** ``UR``,
  **summary** ``AB`` (plain text, each link as "text (URL)"), **tags** ``KW`` (one
  each), the entry's **key** ``ID``;
* what RIS has no tag for is kept in notes ``N1``: the archived copy, the category and
  the flags (``seml: category deployment; flags must-read``), so nothing is lost.

Values are written on one line (line breaks become spaces). Deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .model import OTHERS
from .persons import parse_name
from .summaries import summary_plain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model import Catalogue, Entry

__all__ = ["RIS_TYPES", "dump_ris", "ris_name"]

#: The RIS reference type of each catalogue type; any other type is ``GEN``.
RIS_TYPES: Final = {
    "paper": "CPAPER",
    "article": "ELEC",
    "blog": "BLOG",
    "book": "BOOK",
    "guide": "GEN",
    "tool": "COMP",
    "talk": "GEN",
    "video": "VIDEO",
    "course": "GEN",
    "dataset": "DATA",
    "report": "RPRT",
}


def ris_name(author: str) -> str:
    """An author as RIS writes one: "Family, Given[, Suffix]", an organisation whole."""
    person = parse_name(author)
    if person.literal:
        return person.literal
    family = f"{person.particle} {person.family}".strip()
    parts = [family, person.given, person.suffix]
    return ", ".join(p for p in parts if p) if person.given or person.suffix else family


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def _record(entry: Entry) -> Iterable[str]:
    yield _line("TY", RIS_TYPES.get(entry.type, "GEN"))
    yield _line("ID", entry.key)
    fields: list[tuple[str, str | None]] = [
        ("TI", entry.title),  # none for a work without one (a BibTeX @misc)
        *(("AU", ris_name(author)) for author in entry.authors if author != OTHERS),
        ("PY", str(entry.year) if entry.year else None),
        ("T2", entry.venue),
        ("DO", entry.doi),
        ("UR", entry.url),
        ("AB", summary_plain(entry.summary) if entry.summary else None),
        *(("KW", tag) for tag in entry.tags),
    ]
    yield from (_line(tag, value) for tag, value in fields if value)
    yield from _notes(entry)
    yield "ER  - "


def _notes(entry: Entry) -> Iterable[str]:
    if OTHERS in entry.authors:
        yield _line("N1", "The author list is incomplete (and others).")
    if entry.archived_url:
        yield _line("N1", f"Archived copy: {entry.archived_url}")
    seml = f"seml: category {entry.category}"
    if entry.flags:
        seml += f"; flags {', '.join(entry.flags)}"
    yield _line("N1", seml)


def dump_ris(catalogue: Catalogue) -> str:
    """The entries of ``catalogue`` as an RIS file, in catalogue order."""
    lines: list[str] = []
    for entry in catalogue:
        lines += [*_record(entry), ""]
    return "\n".join(lines)

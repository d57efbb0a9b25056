"""COinS: an entry as an OpenURL 1.0 ContextObject in the KEV format (Z39.88-2004).

A page puts it in the ``title`` of an empty ``<span class="Z3988">``, where reference
managers (Zotero's connector, Mendeley's importer) find the references of the page.
:func:`coins_kev` writes it; :func:`coins_fields` gives its key/value pairs.

What each field becomes, by the entry's type:

* ``paper``: a journal article (``rft_val_fmt=info:ofi/fmt:kev:mtx:journal``,
  ``rft.genre=article``), the title as ``rft.atitle``, the venue as ``rft.jtitle``;
* ``book`` and ``report``: the book format (``info:ofi/fmt:kev:mtx:book``,
  ``rft.genre=book`` or ``report``), the title as ``rft.btitle``, the venue (the
  publisher) as ``rft.pub``;
* any other type (articles on the web, blogs, guides, tools, talks...): Dublin Core
  (``info:ofi/fmt:kev:mtx:dc``), the title as ``rft.title``, the venue as ``rft.source``
  (Zotero saves these as web pages, the venue as the website's title);
* **authors**, in their order: each person as ``rft.au`` ("Family, Given[, Suffix]", the
  particle with the family name: "van Rossum, Guido"), the first person also as
  ``rft.aulast`` and ``rft.aufirst`` (and ``rft.ausuffix``), as Zotero itself writes them;
  in Dublin Core each person as ``rft.creator`` (the same form) instead. Each organisation
  is ``rft.aucorp`` in every format: Zotero reads that key in any format, and would split
  an organisation's name in ``rft.au`` or ``rft.creator`` as a person's. "And others" is
  left out;
* **year** ``rft.date``, **DOI** ``rft_id=info:doi/...``, **URL** ``rft_id`` (a ``doi:``
  URL as ``https://doi.org/...``).

Values are UTF-8, percent-encoded whole (only ``A-Z a-z 0-9 _ . - ~`` stay as they are),
so the text can hold no markup, no ``&`` and no ``=``: the HTML writer still escapes the
attribute, but there is nothing left to escape. Deterministic: the same entry always gives
the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from .model import OTHERS
from .persons import parse_name
from .ris import ris_name
from .values import resolved_url

if TYPE_CHECKING:
    from .model import Entry

__all__ = ["COINS_CLASS", "COINS_FORMATS", "coins_fields", "coins_kev"]

#: The class of the span that carries a ContextObject (its name in the COinS convention).
COINS_CLASS: Final = "Z3988"

_JOURNAL: Final = "info:ofi/fmt:kev:mtx:journal"
_BOOK: Final = "info:ofi/fmt:kev:mtx:book"
_DC: Final = "info:ofi/fmt:kev:mtx:dc"

#: Catalogue type -> (metadata format, genre, title key, venue key); other types are
#: Dublin Core (:data:`_DUBLIN_CORE`).
COINS_FORMATS: Final = {
    "paper": (_JOURNAL, "article", "rft.atitle", "rft.jtitle"),
    "book": (_BOOK, "book", "rft.btitle", "rft.pub"),
    "report": (_BOOK, "report", "rft.btitle", "rft.pub"),
}
_DUBLIN_CORE: Final = (_DC, "", "rft.title", "rft.source")


def _authors(entry: Entry, *, dublin_core: bool) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    first = True
    for author in entry.authors:
        person = parse_name(author)
        if author == OTHERS or not (person.literal or person.family):
            continue
        if person.literal:
            pairs.append(("rft.aucorp", person.literal))
        elif dublin_core:
            pairs.append(("rft.creator", ris_name(author)))
        else:
            if first:
                pairs += _first_author(person.particle, person.family, person.given, person.suffix)
                first = False
            pairs.append(("rft.au", ris_name(author)))
    return pairs


def _first_author(particle: str, family: str, given: str, suffix: str) -> list[tuple[str, str]]:
    """The first person in parts too, as the journal and book formats describe them."""
    pairs = [("rft.aulast", f"{particle} {family}".strip())]
    if given:
        pairs.append(("rft.aufirst", given))
    if suffix:
        pairs.append(("rft.ausuffix", suffix))
    return pairs


def coins_fields(entry: Entry) -> list[tuple[str, str]]:
    """The ContextObject of ``entry`` as key/value pairs, in the order they are written."""
    fmt, genre, title_key, venue_key = COINS_FORMATS.get(entry.type, _DUBLIN_CORE)
    pairs = [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", fmt)]
    if genre:
        pairs.append(("rft.genre", genre))
    if entry.title:  # a work without a title (a BibTeX @misc) gives none
        pairs.append((title_key, entry.title))
    if entry.venue:
        pairs.append((venue_key, entry.venue))
    pairs += _authors(entry, dublin_core=fmt == _DC)
    if entry.year is not None:
        pairs.append(("rft.date", str(entry.year)))
    if entry.doi:
        pairs.append(("rft_id", f"info:doi/{entry.doi}"))
    if entry.url:
        pairs.append(("rft_id", resolved_url(entry.url)))
    return pairs


def coins_kev(entry: Entry) -> str:
    """The ContextObject of ``entry`` as one KEV string: ``ctx_ver=Z39.88-2004&...``."""
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in coins_fields(entry))

"""Import and export of awesome-list Markdown READMEs.

:func:`parse_awesome` reads the token stream of markdown-it-py (CommonMark),
never regular expressions over raw Markdown, so emphasis, escapes, entities,
inline HTML and line continuations are handled the way GitHub renders them.

How a README maps to a catalogue:

* The first heading, when it is a level-1 heading, is the list's title and is
  skipped with its badges. Every other heading that holds items is a
  **category** (slug from the heading text through
  :func:`.sections.heading_slug`, or from an ``<a name="slug"></a>`` anchor in
  the heading or on the line before it; title = heading text; description =
  the paragraphs between the heading and its first list or sub-heading; order
  = position). A heading nested in another is a category whose ``parent`` is
  the outer one; a heading with no items whose subsections hold some is kept as
  their parent; a heading with neither is prose and is dropped. A later ``#``
  heading never resets the structure. Bold group labels with a nested list and
  ``<details><summary>`` blocks are subcategories of their section. Two
  different headings never share a slug: the same sub-heading under another
  parent is qualified (``java-tools``), any other clash gets ``-2`` and a
  ``awesome.slug_clash`` problem.
* Sections for navigation, contributing, licence, code of conduct and sponsors
  (:data:`SKIPPED_SECTIONS`, also as the start of a heading) hold no entries;
  no other section is left out.
* Tables (:mod:`.tables`) and HTML lists (:mod:`.htmllists`) give entries too.
* Every list item (bulleted, numbered, nested) in a category that starts with
  a link is an **entry**: title = link text, url = link target (none for an
  empty one, ``[Title]()``: an entry without a link), summary = the
  rest of the item as plain text with the leading separator (``-``, ``–``,
  ``—``, ``:``) removed and its links to absolute URLs kept as summary links
  (``Uses [Bar](https://bar.example.org) for x.``, :mod:`..summaries`),
  flags = the flag markers (emoji such as ⭐ or shortcodes such as ``:star:``)
  found in that rest, except a marker followed by a number (``⭐ 20k`` is a
  star count). Control characters are removed.
  Images (badges) and raw HTML are dropped; a leading image-only link (a logo) is skipped.
* An item, table cell or HTML item that holds links but does not start with one
  (``For a list of books, go [here](url).``, ``More tools: [A](u1), [B](u2).``)
  gives an entry per link (:mod:`.links`): title = link text, summary = the
  item's text; a generic link text (``here``, ``this``, ``link``, ``website``,
  ``source``, ``more``..., :data:`.links.GENERIC_LINK_TEXTS`) gives the item's
  text as the title instead, cut of generic link texts at its end with the
  filler words before them (``go here``), and no summary. Anchor-only links
  (``#section``, a table of contents) are no entries.
* An item or row that holds a link but is no entry (outside any section) is a
  located ``awesome.skipped_item`` problem. An item in a category without any
  link is an ``awesome.no_link`` **note** (:data:`.errors.NOTE_CODES`: located,
  but not a warning, as nothing is lost). A link target that is an absolute URL
  damaged by stray brackets (``[LLM]([https://github.com/simonw/llm)``,
  ``(https://example.org>)``) is repaired, with an ``awesome.repaired_link``
  note. :func:`awesome_counts` gives how many linked items were seen and how
  many entries they gave (an item with several links gives several).
  The collected data then goes through :func:`.validation.load_data`, so an
  entry is checked like one of a native file: a relative or ``javascript:``
  URL, for instance, is a located problem and the entry is skipped.
* **Flags** come from the legend before the first category (or in a
  "Legend" section): short lines such as ``⭐ Must-read`` or ``:star: Must-read``.
  The marker is mapped to a slug through ``emoji_flags`` (default
  :data:`DEFAULT_EMOJI_FLAGS`), else the slug of the legend text. Markers in
  ``emoji_flags`` that the legend does not explain still become flags, labelled
  after their slug. Unknown emoji stay in the summary.
* **Keys** are generated from the link by :func:`.keys.generated_key` (see
  :mod:`.keys`): ``mlflow`` for ``github.com/mlflow/mlflow``,
  ``martinfowler-cd4ml`` for ``martinfowler.com/articles/cd4ml.html``, so a key
  never depends on the other items; a real clash gets a suffix hashed from the
  URL. A caller may pass ``keys`` mapping URLs or titles to keys of their
  choice (:mod:`.pinning`: a link as written or normalised, several keys for a
  link listed more than once); those are never generated for another item.
* Entry ``type`` is ``other``: a README does not say what a link is.
* All text is plain Unicode (Markdown markup dropped, link text kept); text
  damaged by a wrong decoding is repaired first (:mod:`.textfix`).

:func:`dump_awesome` writes a README back, such that parsing it again gives
the same entries (title, url, category, flags, summary); an entry without a
link is written with an empty one, ``[Title]()``. Subcategories are
written as nested headings. Tags, keys, types and bibliographic fields are not
part of an awesome list and are not written;
a summary that itself contains a flag marker would come back as a flag.

The modules: :mod:`.parser` walks the tokens, :mod:`.inline` gives their
plain text and links (in one pass per item), :mod:`.entries` makes an item's
entry data, :mod:`.markers` finds flag markers and :mod:`.flagging` turns them
into flags, :mod:`.links` reads the links
of items that do not start with one, :mod:`.write` writes READMEs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..keys import make_key
from ..results import LoadResult, not_text_problem
from ..textfix import repair
from ..validation import validate
from .markers import DEFAULT_EMOJI_FLAGS, SHORTCODES
from .parser import Parser, collector_paused, tokenize
from .pinning import pinned_keys
from .problems import AWESOME_CODES
from .sections import SKIPPED_SECTIONS
from .write import dump_awesome

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .pinning import Pins

__all__ = [
    "AWESOME_CODES",
    "DEFAULT_EMOJI_FLAGS",
    "SHORTCODES",
    "SKIPPED_SECTIONS",
    "ImportCounts",
    "awesome_counts",
    "dump_awesome",
    "load_markdown",
    "make_key",
    "parse_awesome",
]


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import saw and kept, for ``seml validate``: every linked item outside the
    left-out sections (list items, table rows, HTML items) is an entry or a problem."""

    linked: int
    entries: int
    result: LoadResult


def parse_awesome(
    text: str,
    source: str,
    *,
    emoji_flags: Mapping[str, str] | None = None,
    repair_encoding: bool = True,
    keys: Pins | None = None,
) -> LoadResult:
    """Read an awesome-list README into a catalogue (see the package docstring for the rules).

    ``source`` names the text in problems and locations. ``emoji_flags`` maps
    flag markers (emoji or ``:shortcode:``) to flag slugs, default
    :data:`DEFAULT_EMOJI_FLAGS`. ``keys`` maps entry URLs or titles to the keys
    to use instead of generated ones (a sequence of keys for a URL the README lists
    more than once, taken in README order; see :mod:`.pinning`). Problems are
    returned, never raised; the data goes through :func:`.validation.load_data`,
    so URLs, keys and slugs are checked exactly as in a native catalogue file.
    """
    counts = awesome_counts(
        text, source, emoji_flags=emoji_flags, repair_encoding=repair_encoding, keys=keys
    )
    return replace(counts.result, linked_items=counts.linked)


def awesome_counts(
    text: str,
    source: str,
    *,
    emoji_flags: Mapping[str, str] | None = None,
    repair_encoding: bool = True,
    keys: Pins | None = None,
) -> ImportCounts:
    """:func:`parse_awesome` with how many linked items it saw and how many became entries."""
    unreadable = not_text_problem(text, source)
    if unreadable is not None:
        return ImportCounts(0, 0, unreadable)
    if repair_encoding:
        text = repair(text)  # never adds or removes a line, so locations stay right
    parser = Parser(
        source,
        DEFAULT_EMOJI_FLAGS if emoji_flags is None else emoji_flags,
        keys or {},
    )
    lines = re.split(r"\r\n?|\n", text)  # as markdown-it counts them (a lone CR too)
    with collector_paused():
        parser.run(tokenize(text), lines)
        result = validate(parser.result(), source)
    pinned = pinned_keys(keys)
    result = replace(
        result,
        generated_keys=frozenset(e.key for e in result.catalogue if e.key not in pinned),
        supplementary=True,
    )
    return ImportCounts(parser.linked, len(result.catalogue), result)


def load_markdown(text: str, source: str, *, keys: Pins | None = None) -> LoadResult:
    """The ``.md``/``.markdown`` loader of :data:`.formats.FORMATS`: :func:`parse_awesome`,
    with the pins of the README's keys file (:mod:`..keyfile`) as ``keys``."""
    return parse_awesome(text, source, keys=keys)

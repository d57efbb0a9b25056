"""Import and export of BibTeX ``.bib`` files.

Reading needs the optional dependency pybtex (``pip install
"sphinxext-seml[bibtex]"``); its BibTeX parser reads the file (``@string``
macros, ``#`` concatenation, quoted and braced values, month names), and
latexcodec turns LaTeX into Unicode. Writing needs nothing extra.

The modules: :mod:`.reader` walks pybtex's commands (:mod:`.syntax` words
its errors), :mod:`.entry` maps one entry's fields, :mod:`.latex` converts
LaTeX and text, :mod:`.write` writes ``.bib`` files.

How a BibTeX entry maps to a catalogue entry:

* **key**: the citation key, kept as written with every character BibTeX
  allows (``srivastava+klassen_2016``, ``Tèst``, ``1987:nelson``; see
  :data:`.values.KEY_RE`). BibTeX ignores the case of keys, so two entries
  whose keys differ only in case are duplicates (the second is skipped).
* **inherited fields**: what an entry lacks comes from the entries its
  biblatex ``xdata`` names, then from its ``crossref`` parent (:mod:`.inherit`).
* **title**, **venue**, **summary**, **tags**, author names, ``seml-*`` names:
  LaTeX is turned into Unicode text (``{\\"u}`` is ü, ``--`` is –, ``\\&`` is
  &, ``~`` is a space), braces are removed, formatting commands such as
  ``\\emph`` are dropped (their argument is kept), whitespace is collapsed,
  inline math is made readable (``$O(n \\log n)$`` is "O(n log n)").
* **url**: the ``url`` field (kept as written, only the escapes ``\\_``,
  ``\\%``, ... and braces some exporters add are removed); else the first
  ``\\url{...}`` or ``\\href{...}{...}`` in ``howpublished``, else in ``note``;
  else ``https://doi.org/DOI`` from a valid
  ``doi``; else ``https://arxiv.org/abs/ID`` from an arXiv ``eprint``
  (``archiveprefix`` or ``eprinttype`` ``arXiv``). An entry with none of
  these has no link (its title is shown unlinked): no link is made up.
* **authors**: the ``author`` field, else the ``editor`` field; each name read
  by :func:`.persons.parse_name` (BibTeX's ``First von Last``, ``von Last,
  First`` and ``von Last, Jr, First``; ``{Google Research}`` in braces is an
  organisation) and kept as the person's written form ("Guido van Rossum";
  the BibTeX form where reading order would read back differently, as
  "Beethoven, Ludwig van"), and ``and others`` as :data:`.model.OTHERS`.
  :func:`dump_bibtex` writes each name in its BibTeX form
  (:meth:`.persons.Person.bibtex`).
* **year**: the ``year`` field (else the year of a biblatex ``date``); a
  value that is not a four-digit year is reported and ignored.
* **venue**: the first of ``journal``, ``journaltitle``, ``booktitle``,
  ``eventtitle``, ``howpublished`` (unless it is only a ``\\url``),
  ``institution``, ``school``, ``organization``, ``publisher``.
* **doi**: ``doi``; **summary**: ``abstract`` (``note`` and ``annote`` are
  not read); **tags**: ``keywords``, split at commas and semicolons.
* **type**: the ``seml-type`` field, else from the entry type
  (:data:`BIBTEX_TYPES`): ``@article``, ``@inproceedings``, ``@incollection``,
  ``@conference``, ``@unpublished`` are ``paper``; ``@book``, ``@inbook``,
  ``@booklet``, ``@proceedings`` ``book``; ``@misc``, ``@online``,
  ``@electronic``, ``@www`` ``article``; ``@techreport``, ``@report``,
  ``@phdthesis``, ``@mastersthesis``, ``@thesis`` ``report``; ``@manual``
  ``guide``; ``@software`` ``tool``; ``@dataset`` ``dataset``; ``@video``
  ``video``; any other type ``other``.
* **category**: the field ``seml-category`` (or ``category``). An entry
  without one takes the file's default category, declared once anywhere in
  the file as ``@comment{seml-default-category: NAME}`` (BibTeX ignores
  ``@comment``), else the source's ``category`` option, else a category
  named after the file (``refs.bib``: ``refs``, "Refs"), which the file's
  data then defines; the result is then *supplementary*, so an earlier
  catalogue's category of that name keeps its title. The name is resolved
  like any other (slug, title or alias) when catalogues are merged.
* **flags**: ``seml-flags`` (or ``flags``), a comma-separated list;
  **archived_url**: ``seml-archived-url``; ``seml-override = {true}``
  replaces an entry of an earlier catalogue with the same key, like
  ``override: true`` in the native format.

``@string`` macros are those of the file and of the ``.bib`` files read
before it in the same set (``macros``). Every other field (``pages``,
``volume``, ``isbn``, ...) is ignored;
``seml-*`` fields with another name are reported as unknown. Every problem is
located at ``file:line``: the line of the field when it is known, else the
line where the entry starts. Malformed BibTeX (an unclosed brace, a missing
comma, ...) is a ``syntax`` problem at the line pybtex stops at, and that
entry is skipped while the rest of the file still loads, as BibTeX itself
does. The entries then go through :func:`.validation.load_data`, so URLs, keys,
DOIs and years are checked exactly as in a native catalogue file.

:func:`dump_bibtex` writes entries so that :func:`load_bibtex` reads them back
equal: every field has a place (``seml-category``, ``seml-flags``,
``seml-type`` when the entry type does not imply it, ``seml-archived-url``),
text is escaped for LaTeX, titles are wrapped in braces so BibTeX styles keep
their case. Limits of the format: categories and flags *definitions* are
not written (only the names entries use), whitespace runs (paragraph breaks
of a summary) collapse to one space, a tag containing a comma or semicolon
splits, ``{``, ``}`` and ``\\`` in URLs are percent-encoded, and an entry
without a link (written without ``url``) but with a DOI reads back linked to
its DOI.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any, Final

from ..errors import CatalogueError, Location
from ..results import LoadResult, not_text_problem
from ..validation import validate
from .entry import BIBTEX_TYPES, SEML_FIELDS
from .latex import latex_to_text, text_to_latex
from .reader import Reader
from .write import dump_bibtex

__all__ = [
    "BIBTEX_TYPES",
    "INSTALL_HINT",
    "SEML_FIELDS",
    "dump_bibtex",
    "latex_to_text",
    "load_bibtex",
    "parse_bibtex",
    "text_to_latex",
]

#: What to install when pybtex is missing.
INSTALL_HINT: Final = 'pip install "sphinxext-seml[bibtex]"'


@functools.cache
def _pybtex() -> Any:
    """pybtex's BibTeX scanner, subclassed to record where fields start; imported on demand."""
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
    from pybtex.exceptions import PybtexError
    from pybtex.scanner import PrematureEOF
    from pybtex.utils import CaseInsensitiveDict

    class Scanner(LowLevelParser):  # type: ignore[misc]
        """Collects syntax errors instead of raising, and the offset of every field."""

        def __init__(self, text: str, macros: dict[str, str]) -> None:
            known = CaseInsensitiveDict(month_names)
            known.update(macros)
            super().__init__(text, macros=known, handle_error=self.collect)
            self.errors: list[tuple[int, Any]] = []
            #: Whether the text defines an ``@string`` macro (a file of macros has no entries).
            self.macros_defined = False
            self.field_starts: dict[int, list[tuple[str, int]]] = {}

        def parse_string_body(self, body_end: Any) -> None:
            super().parse_string_body(body_end)
            self.macros_defined = True

        def collect(self, error: Any) -> None:
            self.errors.append((self.command_start or 0, error))

        def parse_field(self) -> None:
            self.eat_whitespace()
            start = self.pos
            super().parse_field()
            if self.current_field_name:
                self.field_starts.setdefault(self.command_start or 0, []).append(
                    (self.current_field_name.lower(), start)
                )

    class Namespace:
        scanner = Scanner
        names = staticmethod(split_name_list)
        error = PybtexError
        eof = PrematureEOF
        undefined = UndefinedMacro

    return Namespace


def parse_bibtex(
    text: str,
    source: str,
    *,
    default_category: str | None = None,
    macros: dict[str, str] | None = None,
) -> LoadResult:
    """Read BibTeX ``text`` into a catalogue (see the package docstring for the rules).

    ``default_category`` is the category of entries that name none, unless the
    file declares its own with ``@comment{seml-default-category: NAME}``; with
    neither, they go to a category named after ``source``'s file name.
    ``macros`` are the ``@string`` macros of the ``.bib`` files read before
    this one (lower-case names), to which this file's are added.
    Raises :class:`CatalogueError` only when pybtex is not installed; every
    problem of the text is returned, located by line.
    """
    try:
        bib = _pybtex()
    except ImportError:
        raise CatalogueError(
            f"reading BibTeX files needs the optional dependency pybtex: {INSTALL_HINT}",
            Location(source),
        ) from None
    bad = not_text_problem(text, source)
    if bad is not None:
        return bad
    reader = Reader(bib, text, source, default_category, macros)
    result = validate(reader.run(), source)
    # The category named after the file only fills what earlier catalogues leave empty.
    own = reader.own_category is not None and reader.builder.used_default
    return replace(result, supplementary=True) if own else result


def load_bibtex(text: str, source: str) -> LoadResult:
    """The ``.bib`` loader of :data:`.formats.FORMATS`: :func:`parse_bibtex`."""
    return parse_bibtex(text, source)

"""Import and export of BibTeX ``.bib`` files.

Reading needs the optional dependency pybtex (``pip install
"sphinxext-seml[bibtex]"``); its BibTeX parser reads the file (``@string``
macros, ``#`` concatenation, quoted and braced values, month names), and
latexcodec turns LaTeX into Unicode. Writing needs nothing extra.

How a BibTeX entry maps to a catalogue entry:

* **key**: the citation key. BibTeX ignores the case of keys, so two entries
  whose keys differ only in case are duplicates (the second is skipped).
* **title**, **venue**, **summary**, **tags**, author names, ``seml-*`` names:
  LaTeX is turned into Unicode text (``{\\"u}`` is ü, ``--`` is –, ``\\&`` is
  &, ``~`` is a space), braces are removed, formatting commands such as
  ``\\emph`` are dropped (their argument is kept), whitespace is collapsed.
* **url**: the ``url`` field (kept as written, only the escapes ``\\_``,
  ``\\%``, ... and braces some exporters add are removed); else
  ``howpublished = {\\url{...}}``; else ``https://doi.org/DOI`` from a valid
  ``doi``; else ``https://arxiv.org/abs/ID`` from an arXiv ``eprint``
  (``archiveprefix`` or ``eprinttype`` ``arXiv``). An entry with none of
  these is a located ``missing_field`` problem and is skipped: a catalogue
  entry must link somewhere, and no link is made up.
* **authors**: the ``author`` field, else the ``editor`` field; each person as
  "First von Last Jr" (BibTeX's name parts in reading order), and ``and
  others`` as :data:`.model.OTHERS`.
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
  ``@comment``). An entry with neither is a located ``missing_field``
  problem and is skipped: no category is guessed. The name is resolved
  like any other (slug, title or alias) when catalogues are merged.
* **flags**: ``seml-flags`` (or ``flags``), a comma-separated list;
  **archived_url**: ``seml-archived-url``; ``seml-override = {true}``
  replaces an entry of an earlier catalogue with the same key, like
  ``override: true`` in the native format.

Every other field (``pages``, ``volume``, ``isbn``, ...) is ignored;
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
splits, and ``{``, ``}`` and ``\\`` in URLs are percent-encoded.
"""

from __future__ import annotations

import codecs
import difflib
import functools
import re
from typing import TYPE_CHECKING, Any, Final

from .errors import CatalogueError, Location, Problem
from .model import OTHERS
from .reading.lines import KeyPath, LineMap, line_finder
from .reading.raw import Raw
from .results import LoadResult, not_text_problem
from .validation import validate
from .values import DOI_PREFIX_RE, DOI_RE

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .model import Catalogue, Entry

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

#: Entry types (lower case) and the catalogue type each gives; others give ``other``.
BIBTEX_TYPES: Mapping[str, str] = {
    "article": "paper",
    "inproceedings": "paper",
    "incollection": "paper",
    "conference": "paper",
    "unpublished": "paper",
    "book": "book",
    "inbook": "book",
    "booklet": "book",
    "proceedings": "book",
    "misc": "article",
    "online": "article",
    "electronic": "article",
    "www": "article",
    "techreport": "report",
    "report": "report",
    "phdthesis": "report",
    "mastersthesis": "report",
    "thesis": "report",
    "manual": "guide",
    "software": "tool",
    "dataset": "dataset",
    "video": "video",
}

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

#: The project's own fields, with the plain names also accepted on input.
SEML_FIELDS: tuple[str, ...] = (
    "seml-category",
    "seml-flags",
    "seml-type",
    "seml-archived-url",
    "seml-override",
)
_ALIASES: Mapping[str, str] = {"category": "seml-category", "flags": "seml-flags"}

_VENUE_FIELDS: Final = (
    "journal",
    "journaltitle",
    "booktitle",
    "eventtitle",
    "howpublished",
    "institution",
    "school",
    "organization",
    "publisher",
)

_DEFAULT_CATEGORY_RE: Final = re.compile(
    r"^[ \t]*@[ \t]*comment[ \t]*[{(][ \t]*seml-default-category[ \t]*[:=][ \t]*"
    r"([^\n{}()]*?)[ \t]*[})]",
    re.IGNORECASE | re.MULTILINE,
)
_COMMAND_HEAD_RE: Final = re.compile(r"@[ \t]*([A-Za-z]+)(?:[ \t\n]*([{(])[ \t\n]*([^\s,{}()]*))?")
_NEXT_ENTRY_RE: Final = re.compile(r"^[ \t]*(@)[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_URL_ONLY_RE: Final = re.compile(r"^\s*\\url\s*\{([^{}]*)\}\s*$")
_URL_ESCAPE_RE: Final = re.compile(r"\\([_%&#$~])")
_YEAR_RE: Final = re.compile(r"[0-9]{4}")
_DATE_YEAR_RE: Final = re.compile(r"^\s*([0-9]{4})(?![0-9])")
_TRUE: Final = frozenset({"true", "yes", "1", "on"})
_WS_RE: Final = re.compile(r"[ \t\n\r\f\v]+")
_AND_RE: Final = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


# --------------------------------------------------------------------------- LaTeX -> text

# Placeholders (Unicode noncharacters, never in real text) for escaped specials,
# so that they survive brace removal and LaTeX decoding.
_LITERALS: Final = "{}$&%#_\\~^"
_HOLD: Final = {char: chr(0xFDD0 + i) for i, char in enumerate(_LITERALS)}
_RESTORE: Final = {ord(hold): char for char, hold in _HOLD.items()}
_NAMED_LITERALS: Final = {
    "textbraceleft": "{",
    "textbraceright": "}",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textdollar": "$",
    "textpercent": "%",
    "textampersand": "&",
}
_PROTECT_RE: Final = re.compile(
    r"\\(?:(\\)|([{}$&%#_])|("
    + "|".join(_NAMED_LITERALS)
    + r")(?![A-Za-z])(?:\{\}|[ \t\n]*)|[A-Za-z]+|.)|([%~])",
    re.DOTALL,
)
_NEEDS_DECODING_RE: Final = re.compile(r"[\\{}~%]|--|``|''|,,|[!?]`")
_LIGATURES: Final = {
    "---": "—",
    "--": "–",
    "``": "“",
    "''": "”",
    ",,": "„",
    "!`": "¡",
    "?`": "¿",
}
_LIGATURE_RE: Final = re.compile("|".join(re.escape(k) for k in _LIGATURES))
_LEFTOVER_COMMAND_RE: Final = re.compile(r"\\(?:[A-Za-z]+\*?[ ]?|([,;:> ])|[-/@])")


def _protect(match: re.Match[str]) -> str:
    line_break, escaped, named, bare = match.groups()
    if line_break is not None:
        return " "
    if escaped is not None:
        return _HOLD[escaped]
    if named is not None:
        return _HOLD[_NAMED_LITERALS[named]]
    if bare == "~":
        return " "  # a tie: a space that does not break
    if bare == "%":
        return _HOLD["%"]  # BibTeX values have no comments: a bare % is a percent sign
    return match.group(0)


def latex_to_text(value: str) -> str:
    """BibTeX/LaTeX text as plain Unicode: accents decoded, braces and markup removed."""
    if _NEEDS_DECODING_RE.search(value):
        value = _PROTECT_RE.sub(_protect, value)
        if value.endswith("\\"):  # a backslash escaping nothing: a literal one
            value = value[:-1] + _HOLD["\\"]
        if "\\" in value:
            # Accents and symbols (\"u, \ss, \textendash, ...); the decoder also
            # turns the -- ``...'' ligatures into their characters.
            import latexcodec  # noqa: F401  (registers the "latex" codecs; comes with pybtex)

            try:
                value = codecs.decode(value.encode("utf-8"), "latex+utf8")
            except UnicodeError:  # LaTeX the decoder cannot read: drop the commands
                value = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], value)
            value = _LEFTOVER_COMMAND_RE.sub(lambda m: " " if m.group(1) else "", value)
        else:
            value = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], value)
        value = value.replace("{", "").replace("}", "").translate(_RESTORE)
    return _WS_RE.sub(" ", value).strip()


# --------------------------------------------------------------------------- text -> LaTeX

_ESCAPES: Final = {
    "\\": "\\textbackslash{}",
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "$": "\\$",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
}
_ESCAPE_RE: Final = re.compile(r"[\\{}~^$&%#_]")
# Between two characters that LaTeX would join into one (-- `` '' ,, !` ?`).
_LIGATURE_BREAK_RE: Final = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=[!?])(?=`)"
)


def text_to_latex(text: str) -> str:
    """Plain text as a BibTeX value that :func:`latex_to_text` reads back unchanged."""
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)
    return _LIGATURE_BREAK_RE.sub("{}", text)


# --------------------------------------------------------------------------- parsing


@functools.cache
def _pybtex() -> Any:
    """pybtex's BibTeX scanner, subclassed to record where fields start; imported on demand."""
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database import Person
    from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
    from pybtex.exceptions import PybtexError
    from pybtex.scanner import PrematureEOF
    from pybtex.utils import CaseInsensitiveDict

    class Scanner(LowLevelParser):  # type: ignore[misc]
        """Collects syntax errors instead of raising, and the offset of every field."""

        def __init__(self, text: str) -> None:
            super().__init__(
                text, macros=CaseInsensitiveDict(month_names), handle_error=self.collect
            )
            self.errors: list[tuple[int, Any]] = []
            self.field_starts: dict[int, list[tuple[str, int]]] = {}

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
        person = Person
        names = staticmethod(split_name_list)
        error = PybtexError
        eof = PrematureEOF
        undefined = UndefinedMacro

    return Namespace


class _Field:
    __slots__ = ("line", "name", "raw")

    def __init__(self, name: str, raw: str, line: int) -> None:
        self.name = name
        self.raw = raw
        self.line = line


class _Reader:
    """Turns the commands pybtex scans into native catalogue data with lines."""

    def __init__(self, text: str, source: str, default_category: str | None) -> None:
        self.text = text
        self.source = source
        self.line_of = line_finder(text)
        self.problems: list[Problem] = []
        self.lines = LineMap()
        self.entries: list[dict[str, Any]] = []
        self.seen_keys: dict[str, tuple[str, int]] = {}
        self.default_category, self.default_line = self._default_category(default_category)

    def problem(self, line: int | None, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(Location(self.source, line), message, code))

    def _default_category(self, given: str | None) -> tuple[str | None, int | None]:
        found: tuple[str, int] | None = None
        for match in _DEFAULT_CATEGORY_RE.finditer(self.text):
            name = latex_to_text(match.group(1))
            line = self.line_of(match.start(1))
            if not name:
                self.problem(line, "seml-default-category: no category name given", "invalid_field")
            elif found is None:
                found = (name, line)
            elif name != found[0]:
                self.problem(
                    line,
                    f"seml-default-category: {name!r} contradicts {found[0]!r} declared at line"
                    f" {found[1]} (ignored)",
                    "invalid_field",
                )
        if found is not None:
            return found
        return given, None

    # -- scanning

    def run(self) -> Raw:
        bib = _pybtex()
        scanner = bib.scanner(self.text)
        count = 0
        checked = 0  # errors before this index belong to earlier commands
        try:
            for command, body in scanner:
                start = scanner.command_start or 0
                new_errors = scanner.errors[checked:]
                checked = len(scanner.errors)
                failed = [e for s, e in new_errors if s == start and not _soft(bib, e)]
                if failed or command.lower() in ("string", "preamble"):
                    continue
                count += 1
                key, fields = body
                self.entry(command, key, fields, start, scanner.field_starts.get(start, []))
        except bib.error as exc:  # not expected: the scanner reports through collect()
            self.problem(None, f"invalid BibTeX: {exc}", "syntax")
        except RecursionError:
            self.problem(None, "invalid BibTeX: braces are nested too deeply", "syntax")
        for start, error in scanner.errors:
            self.syntax(bib, start, error)
        if count == 0 and not self.problems:
            self.problem(
                1, "no BibTeX entries found (expected @type{key, field = {value}, ...})", "empty"
            )
        return Raw({"entries": self.entries}, self.lines, self.problems)

    def syntax(self, bib: Any, start: int, error: Any) -> None:
        message = str(error.args[0]) if error.args else str(error)
        head = _COMMAND_HEAD_RE.match(self.text, start)
        what = "".join(head.groups("")) if head else "the entry"
        what = f"@{what}" if head else what
        start_line = self.line_of(start)
        if isinstance(error, bib.undefined):
            self.problem(
                self._error_line(error, start_line),
                f"{what}: undefined @string macro {message!r} (the field is left empty)",
                "invalid_field",
            )
            return
        if isinstance(error, bib.eof):
            following = _NEXT_ENTRY_RE.search(self.text, start + 1)
            where = (
                f"between line {start_line} and line {self.line_of(following.start(1))}"
                f" (where the next entry starts)"
                if following
                else f"after line {start_line}"
            )
            self.problem(
                start_line,
                f"invalid BibTeX: {what} is not closed: a brace or quote {where} is unbalanced;"
                " it and everything after it are skipped",
                "syntax",
            )
            return
        line = self._error_line(error, start_line)
        column = self._error_column(error)
        if message in ("'}' expected", "')' expected"):
            message = (
                f"expected ',' or {message[:3]} (is a comma missing after the previous field,"
                " or a brace in it unbalanced?)"
            )
        where = f" at column {column}" if column else ""
        started = f" that starts at line {start_line}" if line != start_line else ""
        self.problem(
            line,
            f"invalid BibTeX{where}: {message}; {what}{started} is skipped",
            "syntax",
        )

    def _error_line(self, error: Any, fallback: int) -> int:
        info = getattr(error, "error_context_info", None)
        if isinstance(info, tuple) and info and isinstance(info[-1], int):
            return self.line_of(info[-1])
        line = getattr(error, "lineno", None)
        return line if isinstance(line, int) else fallback

    def _error_column(self, error: Any) -> int | None:
        info = getattr(error, "error_context_info", None)
        if isinstance(info, tuple) and info and isinstance(info[-1], int):
            pos = info[-1]
            return pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return None

    # -- entries

    def entry(
        self,
        kind: str,
        key: str,
        raw_fields: Iterable[tuple[str, list[str]]],
        start: int,
        starts: list[tuple[str, int]],
    ) -> None:
        line = self.line_of(start)
        what = f"entry {key!r}"
        offsets: dict[str, list[int]] = {}
        for name, offset in starts:
            offsets.setdefault(name, []).append(offset)
        fields: dict[str, _Field] = {}
        seen: dict[str, int] = {}
        for name, parts in raw_fields:
            lower = name.lower()
            index = seen.get(lower, 0)
            seen[lower] = index + 1
            places = offsets.get(lower, [])
            field_line = self.line_of(places[index]) if index < len(places) else line
            first = fields.get(lower)
            if first is not None:
                self.problem(
                    field_line,
                    f"{what}: field {name!r} is given twice (first at line {first.line});"
                    " the first value is used",
                    "duplicate_field",
                )
            elif lower.startswith("seml-") and lower not in SEML_FIELDS:
                close = difflib.get_close_matches(lower, SEML_FIELDS, n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]!r}?" if close else f"known: {', '.join(SEML_FIELDS)}"
                )
                self.problem(
                    field_line, f"{what}: unknown field {name!r} (ignored); {hint}", "unknown_field"
                )
            else:
                fields[lower] = _Field(name, "".join(parts), field_line)
        for alias, canonical in _ALIASES.items():
            if alias in fields:
                fields.setdefault(canonical, fields[alias])  # seml-category wins over category
        earlier = self.seen_keys.get(key.lower())
        if earlier is not None:
            first_key, first_line = earlier
            same = "" if first_key == key else f" (BibTeX keys ignore case: it is {first_key!r})"
            self.problem(
                line,
                f"duplicate citation key {key!r}: first defined at line {first_line}{same};"
                " this entry is ignored",
                "duplicate_key",
            )
            return
        self.seen_keys[key.lower()] = (key, line)
        self.build(kind, key, fields, line)

    def build(self, kind: str, key: str, fields: Mapping[str, _Field], line: int) -> None:
        what = f"entry {key!r}"
        path: KeyPath = ("entries", len(self.entries))
        data: dict[str, Any] = {"key": key}
        field_lines: dict[str, int] = {}

        def text(name: str) -> str | None:
            found = fields.get(name)
            return latex_to_text(found.raw) if found is not None else None

        def put(name: str, value: object, source_field: str | None) -> None:
            data[name] = value
            found = fields.get(source_field) if source_field else None
            field_lines[name] = found.line if found is not None else line

        title = text("title")
        if title is not None:
            put("title", title, "title")

        url, url_field = self.url(fields)
        if url is None:
            self.problem(
                line,
                f"{what}: no url (add url = {{https://...}}, or a doi) (entry skipped)",
                "missing_field",
            )
            return
        put("url", url, url_field)

        category = text("seml-category")
        if category:
            put("category", category, "seml-category")
        elif self.default_category:
            data["category"] = self.default_category
            field_lines["category"] = self.default_line or line
        else:
            self.problem(
                line,
                f"{what}: no category: add seml-category = {{NAME}} to the entry, or"
                " @comment{seml-default-category: NAME} to the file (entry skipped)",
                "missing_field",
            )
            return

        flags = text("seml-flags")
        if flags is not None:
            put("flags", _split(flags, ","), "seml-flags")

        seml_type = text("seml-type")
        if seml_type:
            put("type", seml_type, "seml-type")
        else:
            put("type", BIBTEX_TYPES.get(kind.lower(), "other"), None)

        authors = self.persons(fields, "author", what) or self.persons(fields, "editor", what)
        if authors:
            source_field = "author" if "author" in fields else "editor"
            put("authors", authors, source_field)

        year_field = fields.get("year")
        if year_field is not None:
            year = latex_to_text(year_field.raw)
            if _YEAR_RE.fullmatch(year):
                put("year", int(year), "year")
            elif year:
                self.problem(
                    year_field.line,
                    f"{what}: year {year!r} is not a year (field ignored)",
                    "invalid_field",
                )
        elif "date" in fields:
            match = _DATE_YEAR_RE.match(latex_to_text(fields["date"].raw))
            if match:
                put("year", int(match.group(1)), "date")

        for name in _VENUE_FIELDS:
            found = fields.get(name)
            if found is None or (name == "howpublished" and _URL_ONLY_RE.match(found.raw)):
                continue
            venue = latex_to_text(found.raw)
            if venue:
                put("venue", venue, name)
                break

        doi = fields.get("doi")
        if doi is not None and _raw_url(doi.raw):
            put("doi", _raw_url(doi.raw), "doi")
        summary = text("abstract")
        if summary:
            put("summary", summary, "abstract")
        keywords = text("keywords")
        if keywords:
            put("tags", _split(keywords, ",;"), "keywords")
        archived = fields.get("seml-archived-url")
        if archived is not None and _raw_url(archived.raw):
            put("archived_url", _raw_url(archived.raw), "seml-archived-url")
        override = text("seml-override")
        if override is not None:
            put("override", override.lower() in _TRUE, "seml-override")

        self.lines[path] = line
        for name, field_line in field_lines.items():
            self.lines[(*path, name)] = field_line
        self.entries.append(data)

    def url(self, fields: Mapping[str, _Field]) -> tuple[str | None, str | None]:
        """The entry's link and the field it comes from (see the module docstring)."""
        url = fields.get("url")
        if url is not None and _raw_url(url.raw):
            return _raw_url(url.raw), "url"
        how = fields.get("howpublished")
        match = _URL_ONLY_RE.match(how.raw) if how is not None else None
        if match and _raw_url(match.group(1)):
            return _raw_url(match.group(1)), "howpublished"
        doi = fields.get("doi")
        if doi is not None:
            bare = DOI_PREFIX_RE.sub("", _raw_url(doi.raw), count=1)
            if DOI_RE.fullmatch(bare):
                return f"https://doi.org/{bare}", "doi"
        eprint = fields.get("eprint")
        archive = fields.get("archiveprefix") or fields.get("eprinttype")
        is_arxiv = archive is not None and latex_to_text(archive.raw).lower() == "arxiv"
        if eprint is not None and is_arxiv:
            identifier = _raw_url(eprint.raw)
            if re.fullmatch(r"[A-Za-z0-9.\-/]+", identifier):
                return f"https://arxiv.org/abs/{identifier}", "eprint"
        return None, None

    def persons(self, fields: Mapping[str, _Field], name: str, what: str) -> list[str]:
        found = fields.get(name)
        if found is None:
            return []
        bib = _pybtex()
        out: list[str] = []
        seen: set[str] = set()  # a set, so that a long author list costs linear time
        for raw in bib.names(_WS_RE.sub(" ", found.raw).strip()):
            if raw.strip().lower() == "others":
                out.append(OTHERS)
                continue
            try:
                person = bib.person(raw)
            except bib.error as exc:
                self.problem(
                    found.line, f"{what}: {name} {raw!r}: {exc} (name ignored)", "invalid_field"
                )
                continue
            parts = (
                person.first_names
                + person.middle_names
                + person.prelast_names
                + person.last_names
                + person.lineage_names
            )
            text = latex_to_text(" ".join(parts))
            if text and text not in seen:
                seen.add(text)
                out.append(text)
        return out


def _soft(bib: Any, error: Any) -> bool:
    """Errors after which the entry is still complete (an undefined macro reads as empty)."""
    return isinstance(error, bib.undefined)


def _raw_url(value: str) -> str:
    """A URL-like value as written: exporters' LaTeX escapes and braces removed."""
    value = _URL_ESCAPE_RE.sub(r"\1", value).replace("{", "").replace("}", "")
    return _WS_RE.sub("", value)


def _split(value: str, separators: str) -> list[str]:
    items = re.split(f"[{re.escape(separators)}]", value)
    return [item.strip() for item in items if item.strip()]


def parse_bibtex(text: str, source: str, *, default_category: str | None = None) -> LoadResult:
    """Read BibTeX ``text`` into a catalogue (see the module docstring for the rules).

    ``default_category`` is the category of entries that name none, unless the
    file declares its own with ``@comment{seml-default-category: NAME}``.
    Raises :class:`CatalogueError` only when pybtex is not installed; every
    problem of the text is returned, located by line.
    """
    try:
        _pybtex()
    except ImportError:
        raise CatalogueError(
            f"reading BibTeX files needs the optional dependency pybtex: {INSTALL_HINT}",
            Location(source),
        ) from None
    return not_text_problem(text, source) or validate(
        _Reader(text, source, default_category).run(), source
    )


def load_bibtex(text: str, source: str) -> LoadResult:
    """The ``.bib`` loader of :data:`.formats.FORMATS`: :func:`parse_bibtex`."""
    return parse_bibtex(text, source)


# --------------------------------------------------------------------------- writing


def _name(author: str) -> str:
    """An author as BibTeX reads it back: braced when it would split or reorder."""
    if author == OTHERS:
        return "others"
    latex = text_to_latex(author)
    if "," in latex or _AND_RE.search(latex) or latex.lower() == "others":
        return "{" + latex + "}"
    return latex


def _url_value(url: str) -> str:
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _entry_fields(entry: Entry) -> tuple[str, list[tuple[str, str]]]:
    kind, venue_field = _WRITE_TYPES.get(entry.type, _WRITE_OTHER)
    fields: list[tuple[str, str]] = []
    if entry.authors:
        fields.append(("author", " and ".join(_name(a) for a in entry.authors)))
    fields.append(("title", "{" + text_to_latex(entry.title) + "}"))
    if entry.venue:
        fields.append((venue_field, text_to_latex(entry.venue)))
    if entry.year is not None:
        fields.append(("year", str(entry.year)))
    if entry.doi:
        fields.append(("doi", _url_value(entry.doi)))
    fields.append(("url", _url_value(entry.url)))
    if entry.tags:
        fields.append(("keywords", ", ".join(text_to_latex(t) for t in entry.tags)))
    if entry.summary:
        fields.append(("abstract", text_to_latex(entry.summary)))
    fields.append(("seml-category", text_to_latex(entry.category)))
    if entry.flags:
        fields.append(("seml-flags", ", ".join(text_to_latex(f) for f in entry.flags)))
    if BIBTEX_TYPES.get(kind) != entry.type:
        fields.append(("seml-type", text_to_latex(entry.type)))
    if entry.archived_url:
        fields.append(("seml-archived-url", _url_value(entry.archived_url)))
    return kind, fields


def dump_bibtex(catalogue: Catalogue) -> str:
    """The entries of ``catalogue`` as a BibTeX file, in catalogue order.

    Deterministic; :func:`load_bibtex` reads it back to equal entries (within
    the limits of the module docstring).
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

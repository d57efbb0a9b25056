"""One BibTeX entry to native catalogue data: the field mapping of the package docstring.

:class:`EntryBuilder` turns the fields of one entry (already collected, each
with its line) into the native data :func:`.validation.load_data` checks, and
reports what it cannot use through the reader's ``report`` callback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from ..model import OTHERS
from ..persons import parse_name
from ..values import DOI_PREFIX_RE, DOI_RE
from .latex import WS_RE, latex_to_text

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["BIBTEX_TYPES", "FIELD_ALIASES", "SEML_FIELDS", "EntryBuilder", "Field", "Report"]

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

#: The project's own fields, with the plain names also accepted on input.
SEML_FIELDS: tuple[str, ...] = (
    "seml-category",
    "seml-flags",
    "seml-type",
    "seml-archived-url",
    "seml-repository",
    "seml-licence",
    "seml-summary-from",
    "seml-former-urls",
    "seml-override",
)
#: Plain field names read as the project's own (``seml-category`` wins over ``category``).
FIELD_ALIASES: Mapping[str, str] = {"category": "seml-category", "flags": "seml-flags"}

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
_URL_ONLY_RE: Final = re.compile(r"^\s*\\url\s*\{([^{}]*)\}\s*$")
#: A link written in text: ``\url{URL}`` or ``\href{URL}{text}`` (the first one counts).
_LINK_RE: Final = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
_URL_ESCAPE_RE: Final = re.compile(r"\\([_%&#$~])")
_YEAR_RE: Final = re.compile(r"[0-9]{4}")
_DATE_YEAR_RE: Final = re.compile(r"^\s*([0-9]{4})(?![0-9])")
_ARXIV_ID_RE: Final = re.compile(r"[A-Za-z0-9.\-/]+")
_TRUE: Final = frozenset({"true", "yes", "1", "on"})
#: A tie (``D.~Sculley``) separates the words of a name, as a space does.
_TIE_RE: Final = re.compile(r"(?<!\\)~")

#: ``report(line, message, code)``: a problem of the file being read.
Report = Callable[[int | None, str, str], None]


class Field:
    """One field of an entry as written: its name, raw (LaTeX) value and line."""

    __slots__ = ("line", "name", "raw")

    def __init__(self, name: str, raw: str, line: int) -> None:
        self.name = name
        self.raw = raw
        self.line = line


#: The entry types BibTeX's standard styles format without a title.
_UNTITLED_TYPES: Final = frozenset({"misc"})


class _Draft:
    """The native data of one entry being built, and the line each value comes from."""

    __slots__ = ("data", "field_lines", "fields", "line", "what")

    def __init__(self, key: str, fields: Mapping[str, Field], line: int) -> None:
        self.data: dict[str, Any] = {"key": key}
        self.field_lines: dict[str, int] = {}
        self.fields = fields
        self.line = line
        self.what = f"entry {key!r}"

    def text(self, name: str) -> str | None:
        found = self.fields.get(name)
        return latex_to_text(found.raw) if found is not None else None

    def put(self, name: str, value: object, source_field: str | None) -> None:
        self.data[name] = value
        found = self.fields.get(source_field) if source_field else None
        self.field_lines[name] = found.line if found is not None else self.line


class EntryBuilder:
    """Builds the native data of entries; ``bib`` is the pybtex namespace (for names)."""

    def __init__(self, bib: Any, report: Report, default_category: tuple[str, int | None]) -> None:
        self.bib = bib
        self.report = report
        self.default_category, self.default_line = default_category
        #: Whether an entry took the default category.
        self.used_default = False

    def build(
        self, kind: str, key: str, fields: Mapping[str, Field], line: int
    ) -> tuple[dict[str, Any], dict[str, int]] | None:
        """The entry's data and the line of each field, or None when it must be skipped."""
        draft = _Draft(key, fields, line)
        self._link(draft, kind)
        self._category(draft)
        flags = draft.text("seml-flags")
        if flags is not None:
            draft.put("flags", _split(flags, ","), "seml-flags")
        seml_type = draft.text("seml-type")
        if seml_type:
            draft.put("type", seml_type, "seml-type")
        else:
            draft.put("type", BIBTEX_TYPES.get(kind.lower(), "other"), None)
        authors = self.persons(fields, "author", draft.what) or self.persons(
            fields, "editor", draft.what
        )
        if authors:
            draft.put("authors", authors, "author" if "author" in fields else "editor")
        self._year(draft)
        self._venue(draft)
        self._details(draft)
        self._extras(draft)
        return draft.data, draft.field_lines

    def _link(self, draft: _Draft, kind: str) -> None:
        """Title and URL; without a link the entry has none (a book, a paper on paper).
        Without a title it has none either, as BibTeX has it: only ``@misc`` may lack
        one without BibTeX's warning ("empty title")."""
        title = draft.text("title")
        if title is not None and title.strip():
            draft.put("title", title, "title")
        else:
            draft.put("title", "", "title")
            if kind.lower() not in _UNTITLED_TYPES:
                self.report(
                    draft.fields["title"].line if "title" in draft.fields else draft.line,
                    f"{draft.what}: @{kind} has no title (shown by its link, else its key)",
                    "missing_field",
                )
        url, url_field = self.url(draft.fields)
        if url is not None:
            draft.put("url", url, url_field)

    def _category(self, draft: _Draft) -> None:
        """The entry's category, else the default (the file's, or one named after it)."""
        category = draft.text("seml-category")
        if category:
            draft.put("category", category, "seml-category")
        else:
            self.used_default = True
            draft.data["category"] = self.default_category
            draft.field_lines["category"] = self.default_line or draft.line

    def _year(self, draft: _Draft) -> None:
        year_field = draft.fields.get("year")
        if year_field is not None:
            year = latex_to_text(year_field.raw)
            if _YEAR_RE.fullmatch(year):
                draft.put("year", int(year), "year")
            elif year:
                self.report(
                    year_field.line,
                    f"{draft.what}: year {year!r} is not a year (field ignored)",
                    "invalid_field",
                )
        elif "date" in draft.fields:
            match = _DATE_YEAR_RE.match(latex_to_text(draft.fields["date"].raw))
            if match:
                draft.put("year", int(match.group(1)), "date")

    @staticmethod
    def _venue(draft: _Draft) -> None:
        for name in _VENUE_FIELDS:
            found = draft.fields.get(name)
            if found is None or (name == "howpublished" and _URL_ONLY_RE.match(found.raw)):
                continue
            venue = latex_to_text(found.raw)
            if venue:
                draft.put("venue", venue, name)
                return

    @staticmethod
    def _details(draft: _Draft) -> None:
        """DOI, abstract, keywords, archived URL and override."""
        doi = draft.fields.get("doi")
        if doi is not None and raw_url(doi.raw):
            draft.put("doi", raw_url(doi.raw), "doi")
        summary = draft.text("abstract")
        if summary:
            draft.put("summary", summary, "abstract")
        keywords = draft.text("keywords")
        if keywords:
            draft.put("tags", _split(keywords, ",;"), "keywords")
        archived = draft.fields.get("seml-archived-url")
        if archived is not None and raw_url(archived.raw):
            draft.put("archived_url", raw_url(archived.raw), "seml-archived-url")
        override = draft.text("seml-override")
        if override is not None:
            draft.put("override", override.lower() in _TRUE, "seml-override")

    @staticmethod
    def _extras(draft: _Draft) -> None:
        """Old keys (biblatex's ``ids``), the arXiv id (``eprint`` of ``eprinttype``
        arXiv), a tool's repository and licence, whose words the summary is."""
        ids = draft.text("ids")
        if ids:
            draft.put("aliases", _split(ids, ","), "ids")
        eprint = draft.text("eprint")
        kind = draft.text("eprinttype") or draft.text("archiveprefix") or ""
        if eprint and kind.strip().lower() == "arxiv":
            draft.put("arxiv", eprint.strip(), "eprint")
        repository = draft.fields.get("seml-repository")
        if repository is not None and raw_url(repository.raw):
            draft.put("repository", raw_url(repository.raw), "seml-repository")
        former = draft.fields.get("seml-former-urls")
        if former is not None:
            urls = [raw_url(u) for u in former.raw.split()]
            draft.put("former_urls", [u for u in urls if u], "seml-former-urls")
        for name in ("licence", "summary-from"):
            value = draft.text(f"seml-{name}")
            if value:
                draft.put(name.replace("-", "_"), value, f"seml-{name}")

    @staticmethod
    def url(fields: Mapping[str, Field]) -> tuple[str | None, str | None]:
        """The entry's link and the field it comes from (see the package docstring)."""
        url = fields.get("url")
        if url is not None and raw_url(url.raw):
            return raw_url(url.raw), "url"
        for name in ("howpublished", "note"):
            found = fields.get(name)
            match = _LINK_RE.search(found.raw) if found is not None else None
            if match and raw_url(match.group(1)):
                return raw_url(match.group(1)), name
        doi = fields.get("doi")
        if doi is not None:
            bare = DOI_PREFIX_RE.sub("", raw_url(doi.raw), count=1)
            if DOI_RE.fullmatch(bare):
                return f"https://doi.org/{bare}", "doi"
        eprint = fields.get("eprint")
        archive = fields.get("archiveprefix") or fields.get("eprinttype")
        is_arxiv = archive is not None and latex_to_text(archive.raw).lower() == "arxiv"
        if eprint is not None and is_arxiv:
            identifier = raw_url(eprint.raw)
            if _ARXIV_ID_RE.fullmatch(identifier):
                return f"https://arxiv.org/abs/{identifier}", "eprint"
        return None, None

    def persons(self, fields: Mapping[str, Field], name: str, what: str) -> list[str]:
        """The names of an ``author``/``editor`` field in reading order, without repeats.

        Each name is read by :func:`.persons.parse_name` with BibTeX's rules
        (``{Google Research}`` a literal, ``von Last, Jr, First``), its parts
        decoded from LaTeX, and kept as the person's written form.
        """
        found = fields.get(name)
        if found is None:
            return []
        out: list[str] = []
        seen: set[str] = set()  # a set, so that a long author list costs linear time
        for raw in self.bib.names(WS_RE.sub(" ", found.raw).strip()):
            if raw.strip().lower() == "others":
                out.append(OTHERS)
                continue
            text = parse_name(_TIE_RE.sub(" ", raw), latex_to_text).written
            if text and text not in seen:
                seen.add(text)
                out.append(text)
        return out


def raw_url(value: str) -> str:
    """A URL-like value as written: exporters' LaTeX escapes and braces removed."""
    value = _URL_ESCAPE_RE.sub(r"\1", value).replace("{", "").replace("}", "")
    return WS_RE.sub("", value)


def _split(value: str, separators: str) -> list[str]:
    items = re.split(f"[{re.escape(separators)}]", value)
    return [item.strip() for item in items if item.strip()]

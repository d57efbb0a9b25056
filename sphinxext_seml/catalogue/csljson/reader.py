"""The CSL-JSON reader: parsed CSL items to native catalogue data with lines.

:class:`Reader` maps each item as the package docstring describes (keys,
``note`` lines, names, dates), reporting what it cannot use at the line of
the CSL field.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any, Final

from ..errors import Location, Problem
from ..keys import make_key
from ..model import OTHERS
from ..persons import Person
from ..reading.lines import KeyPath, LineMap
from ..reading.raw import Raw
from ..values import DOI_PREFIX_RE, DOI_RE, kind_of

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CSL_TYPES", "NOTE_FIELDS", "Reader", "csl_kind"]

#: CSL item types and the catalogue type each gives; others give ``other``.
CSL_TYPES: Mapping[str, str] = {
    "article-journal": "paper",
    "paper-conference": "paper",
    "chapter": "paper",
    "article": "paper",
    "manuscript": "paper",
    "webpage": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "entry": "article",
    "entry-dictionary": "article",
    "entry-encyclopedia": "article",
    "review": "article",
    "review-book": "article",
    "post-weblog": "blog",
    "post": "blog",
    "book": "book",
    "report": "report",
    "thesis": "report",
    "software": "tool",
    "dataset": "dataset",
    "motion_picture": "video",
    "broadcast": "video",
    "speech": "talk",
}

#: The ``note`` lines this module reads and writes.
NOTE_FIELDS: tuple[str, ...] = (
    "seml-category",
    "seml-flags",
    "seml-type",
    "seml-archived-url",
    "seml-et-al",
    "seml-override",
    "seml-aliases",
    "seml-arxiv",
    "seml-repository",
    "seml-licence",
    "seml-summary-from",
    "seml-former-urls",
)
#: ``note`` lines that are entry fields as written (``seml-aliases`` a comma-separated list).
_NOTE_TEXT: Final = {
    "seml-arxiv": "arxiv",
    "seml-repository": "repository",
    "seml-licence": "licence",
    "seml-summary-from": "summary_from",
}

_VENUE_FIELDS: Final = ("container-title", "event-title", "event", "publisher")
_NOTE_LINE_RE: Final = re.compile(r"^\s*([A-Za-z][A-Za-z \-]*?)\s*:\s*(.*?)\s*$")
_RICH_TEXT_RE: Final = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>", re.IGNORECASE)
_YEAR_RE: Final = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_TRUE: Final = frozenset({"true", "yes", "1", "on"})
_NAME_PARTS: Final = (
    "literal",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "family",
    "suffix",
)

#: An ``id`` that is a key as written (``sculley2015``); exporters' other ids (Zotero's
#: item URLs, numbers) are not the user's keys, and a key is made instead.
_ID_KEY_RE: Final = re.compile(r"[A-Za-z0-9_:.\-]+")


def csl_kind(value: object) -> str:
    """The name of a value's type; every number is "a number", as JSON has it."""
    return kind_of(value, integers=False)


class Reader:
    """Turns parsed CSL items into native catalogue data with lines."""

    def __init__(self, source: str, lines: LineMap, default_category: str | None) -> None:
        self.source = source
        self.items_lines = lines
        self.default_category = default_category
        self.problems: list[Problem] = []
        self.lines = LineMap()
        self.entries: list[dict[str, Any]] = []
        self.keys: dict[str, int] = {}
        self.taken: set[str] = set()

    def line(self, path: KeyPath) -> int | None:
        return self.items_lines.line(path)

    def problem(self, path: KeyPath, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(Location(self.source, self.line(path)), message, code))

    def run(self, items: list[Any]) -> Raw:
        # Keys first, so that generated keys never take a key an item states.
        for item in items:
            if isinstance(item, dict):
                stated = self.stated_key(item)
                if stated is not None:
                    self.taken.add(stated)
        for index, item in enumerate(items):
            if isinstance(item, dict):
                self.item(item, index)
            else:
                self.problem(
                    (index,),
                    f"item {index + 1} must be a mapping, not {csl_kind(item)} (skipped)",
                    "invalid_field",
                )
        if not items:
            self.problems.append(
                Problem(Location(self.source, self.line(()) or 1), "no CSL-JSON items", "empty")
            )
        return Raw({"entries": self.entries}, self.lines, self.problems)

    # -- fields

    def string(self, item: Mapping[str, Any], name: str, path: KeyPath, what: str) -> str | None:
        value = item.get(name)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
            return str(value)
        if not isinstance(value, str):
            self.problem(
                (*path, name),
                f"{what}: field {name!r} must be a string, not {csl_kind(value)} (field ignored)",
                "invalid_field",
            )
            return None
        return value.strip() or None

    def note(self, item: Mapping[str, Any], path: KeyPath, what: str) -> dict[str, str]:
        """The ``Name: value`` lines of ``note`` by lower-case name; unknown seml- ones reported."""
        text = self.string(item, "note", path, what)
        out: dict[str, str] = {}
        for raw in (text or "").splitlines():
            match = _NOTE_LINE_RE.match(raw)
            if match is None:
                continue
            name, value = match.group(1).lower(), match.group(2)
            if name.startswith("seml-") and name not in NOTE_FIELDS:
                close = difflib.get_close_matches(name, NOTE_FIELDS, n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]!r}?" if close else f"known: {', '.join(NOTE_FIELDS)}"
                )
                self.problem(
                    (*path, "note"),
                    f"{what}: unknown note line {match.group(1)!r} (ignored); {hint}",
                    "unknown_field",
                )
                continue
            out.setdefault(name, value)
        return out

    def stated_key(self, item: Mapping[str, Any]) -> str | None:
        for value in (item.get("citation-key"), _note_value(item.get("note"), "citation key")):
            if isinstance(value, str) and value.strip():
                return value.strip()
        found = item.get("id")
        if isinstance(found, (int, float)) and not isinstance(found, bool):
            found = str(found)
        if isinstance(found, str) and _ID_KEY_RE.fullmatch(found.strip()):
            return found.strip()
        return None

    def names(self, item: Mapping[str, Any], name: str, path: KeyPath, what: str) -> list[str]:
        value = item.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                (*path, name),
                f"{what}: field {name!r} must be a list of names, not {csl_kind(value)}"
                " (field ignored)",
                "invalid_field",
            )
            return []
        out: list[str] = []
        seen: set[str] = set()  # a set, so that a long author list costs linear time
        for number, person in enumerate(value, start=1):
            text = _person(person) if isinstance(person, dict) else None
            if text is None:
                self.problem(
                    (*path, name, number - 1),
                    f"{what}: {name} {number} must be a name ({{'family': ..., 'given': ...}} or"
                    " {'literal': ...}) (name ignored)",
                    "invalid_field",
                )
            elif text.lower() == OTHERS:
                out.append(OTHERS)
            elif text not in seen:
                seen.add(text)
                out.append(text)
        return out

    def year(self, item: Mapping[str, Any], path: KeyPath, what: str) -> int | None:
        issued = item.get("issued")
        if issued is None:
            return None
        candidates: list[object] = []
        if isinstance(issued, dict):
            parts = issued.get("date-parts")
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                candidates.append(parts[0][0])
            candidates += [issued.get("raw"), issued.get("literal")]
        else:
            candidates.append(issued)
        for value in candidates:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str):
                match = _YEAR_RE.search(value)
                if match:
                    return int(match.group(1))
        self.problem(
            (*path, "issued"),
            f"{what}: 'issued' gives no year (expected {{\"date-parts\": [[2019]]}})"
            " (field ignored)",
            "invalid_field",
        )
        return None

    # -- items

    def item(self, item: Mapping[str, Any], index: int) -> None:
        path: KeyPath = (index,)
        # A title or URL of the wrong type goes to load_data, which reports it.
        title: object = item.get("title")
        if isinstance(title, str) and "<" in title:
            title = " ".join(_RICH_TEXT_RE.sub("", title).split())
        key = self.item_key(item, index, title)
        if key is None:
            return
        draft = _Draft(key, path)
        # CSL's title is optional: without one the item is a work without a title.
        draft.put("title", "" if title is None else title, "title")
        doi = self.string(item, "DOI", path, draft.what)
        self.link(item, doi, draft)
        note = self.note(item, path, draft.what)
        if not self.category(note, draft):
            return
        self.kind(item, note, draft)
        self.people(item, note, draft)
        self.details(item, doi, note, draft)
        entry_path: KeyPath = ("entries", len(self.entries))
        self.lines[entry_path] = self.line(path) or 1
        for name, source_path in draft.field_lines.items():
            line = self.line(source_path)
            if line is not None:
                self.lines[(*entry_path, name)] = line
        self.entries.append(draft.data)

    def item_key(self, item: Mapping[str, Any], index: int, title: object) -> str | None:
        """The item's key, stated or made from its title; None (reported) to skip it."""
        path: KeyPath = (index,)
        key = self.stated_key(item)
        if key is None:
            if not isinstance(title, str) or not title.strip():
                self.problem(
                    path,
                    f"item {index + 1}: no usable id and no title (item skipped)",
                    "missing_field",
                )
                return None
            key = make_key(title, self.taken)
            self.taken.add(key)
        first = self.keys.get(key)
        if first is not None:
            self.problem(
                path,
                f"duplicate id {key!r}: first defined at line {first}; this item is ignored",
                "duplicate_key",
            )
            return None
        self.keys[key] = self.line(path) or 0
        return key

    @staticmethod
    def link(item: Mapping[str, Any], doi: str | None, draft: _Draft) -> None:
        """``URL``, else a link to the DOI; with neither, the entry has no link."""
        url: object = item.get("URL")
        if url is not None and url != "":
            draft.put("url", url, "URL")
        elif doi is not None and DOI_RE.fullmatch(DOI_PREFIX_RE.sub("", doi, count=1)):
            draft.put("url", f"https://doi.org/{DOI_PREFIX_RE.sub('', doi, count=1)}", "DOI")

    def category(self, note: Mapping[str, str], draft: _Draft) -> bool:
        """Category and flags from the note; False (reported) without a category."""
        category = note.get("seml-category") or self.default_category
        if not category:
            self.problem(
                draft.path,
                f"{draft.what}: no category: add a line 'seml-category: NAME' to its note (Zotero:"
                " the Extra field) (item skipped)",
                "missing_field",
            )
            return False
        draft.put("category", category, "note" if "seml-category" in note else None)
        if "seml-flags" in note:
            draft.put("flags", _split(note["seml-flags"]), "note")
        return True

    @staticmethod
    def kind(item: Mapping[str, Any], note: Mapping[str, str], draft: _Draft) -> None:
        kind = item.get("type")
        if note.get("seml-type"):
            draft.put("type", note["seml-type"], "note")
        else:
            draft.put(
                "type", CSL_TYPES.get(kind, "other") if isinstance(kind, str) else "other", "type"
            )

    def people(self, item: Mapping[str, Any], note: Mapping[str, str], draft: _Draft) -> None:
        """Authors (else editors) and the year."""
        path, what = draft.path, draft.what
        authors = self.names(item, "author", path, what) or self.names(item, "editor", path, what)
        if authors and note.get("seml-et-al", "").lower() in _TRUE and OTHERS not in authors:
            authors.append(OTHERS)
        if authors:
            draft.put("authors", authors, "author" if "author" in item else "editor")
        year = self.year(item, path, what)
        if year is not None:
            draft.put("year", year, "issued")

    def details(
        self, item: Mapping[str, Any], doi: str | None, note: Mapping[str, str], draft: _Draft
    ) -> None:
        """Venue, DOI, abstract, keywords, archived URL and override."""
        path, what = draft.path, draft.what
        for name in _VENUE_FIELDS:
            venue = self.string(item, name, path, what)
            if venue is not None:
                draft.put("venue", venue, name)
                break
        if doi is not None:
            draft.put("doi", doi, "DOI")
        summary = self.string(item, "abstract", path, what)
        if summary is not None:
            draft.put("summary", summary, "abstract")
        keyword = self.string(item, "keyword", path, what)
        if keyword is not None:
            draft.put("tags", _split(keyword), "keyword")
        if note.get("seml-archived-url"):
            draft.put("archived_url", note["seml-archived-url"], "note")
        if "seml-override" in note:
            draft.put("override", note["seml-override"].lower() in _TRUE, "note")
        if note.get("seml-aliases"):
            draft.put("aliases", _split(note["seml-aliases"]), "note")
        if note.get("seml-former-urls"):
            draft.put("former_urls", note["seml-former-urls"].split(), "note")
        for line, name in _NOTE_TEXT.items():
            if note.get(line):
                draft.put(name, note[line], "note")


class _Draft:
    """The native data of one item being built, and the CSL field each value comes from."""

    __slots__ = ("data", "field_lines", "path", "what")

    def __init__(self, key: str, path: KeyPath) -> None:
        self.data: dict[str, Any] = {"key": key}
        self.field_lines: dict[str, KeyPath] = {}
        self.path = path
        self.what = f"entry {key!r}"

    def put(self, name: str, value: object, field: str | None) -> None:
        self.data[name] = value
        self.field_lines[name] = (*self.path, field) if field else self.path


def _note_value(note: object, name: str) -> str | None:
    if not isinstance(note, str):
        return None
    for raw in note.splitlines():
        match = _NOTE_LINE_RE.match(raw)
        if match is not None and match.group(1).lower() == name:
            return match.group(2)
    return None


def _person(name: Mapping[str, Any]) -> str | None:
    """A CSL name object as the written form of its :class:`.persons.Person`; a
    dropping particle stays with the given names ("Beethoven, Ludwig van")."""
    parts = {
        part: " ".join(value.split())
        for part in _NAME_PARTS
        if isinstance(value := name.get(part), str) and value.strip()
    }
    literal = parts.get("literal")
    if literal:
        return OTHERS if literal.lower() == OTHERS else Person(literal=literal).written
    given = " ".join(filter(None, (parts.get("given"), parts.get("dropping-particle"))))
    family = parts.get("family")
    if not family:  # a single name written as the given one
        family, given = given, ""
    person = Person(
        family=family,
        given=given,
        particle=parts.get("non-dropping-particle", ""),
        suffix=parts.get("suffix", ""),
    )
    return person.written or None


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]

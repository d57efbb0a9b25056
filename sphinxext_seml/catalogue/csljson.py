"""Import and export of CSL-JSON, the format Zotero (and pandoc, Mendeley, ...) export.

A CSL-JSON file is a JSON list of items. Files named ``*.csl.json`` (or
``*.csljson``) are always read as CSL-JSON; a ``*.json`` file is CSL-JSON when
its top level is a list of items (objects with an ``id`` or a ``type``), else
it is a native catalogue read by :func:`.native.load_json` as before.

How a CSL item maps to a catalogue entry:

* **key**: ``citation-key``, else a ``Citation Key: KEY`` line of ``note``,
  else ``id`` when it is a valid key. Zotero's own ids are URIs
  (``http://zotero.org/users/.../items/ABCD1234``) that cannot be keys; such
  an item gets a key made from its title by :func:`.awesome.make_key` (the
  first three significant words, e.g. ``hiddentechnicaldebt``).
* **title** (CSL rich-text tags such as ``<i>`` removed), **url** from
  ``URL``, else ``https://doi.org/DOI`` from a valid ``DOI``; an item with
  neither is a located ``missing_field`` problem and is skipped.
* **authors**: ``author``, else ``editor``; a name is ``literal`` or "given
  particle family suffix"; ``{"literal": "others"}`` is :data:`.model.OTHERS`.
* **year**: the first date part of ``issued`` (else a four-digit year in its
  ``raw`` or ``literal`` text); **venue**: the first of ``container-title``,
  ``event-title``, ``event``, ``publisher``; **doi**: ``DOI``; **summary**:
  ``abstract``; **tags**: ``keyword``, split at commas.
* **type** from the CSL type (:data:`CSL_TYPES`): ``article-journal``,
  ``paper-conference``, ``chapter``, ``article`` (a preprint), ``manuscript``
  are ``paper``; ``webpage``, ``article-magazine``, ``article-newspaper``,
  ``entry*``, ``review*`` ``article``; ``post-weblog``, ``post`` ``blog``;
  ``book`` ``book``; ``report``, ``thesis`` ``report``; ``software`` ``tool``;
  ``dataset`` ``dataset``; ``motion_picture``, ``broadcast`` ``video``;
  ``speech`` ``talk``; anything else ``other``.
* **category**, **flags** and the rest of the catalogue's own data live in
  ``note`` (Zotero exports its *Extra* field as ``note``), one per line:
  ``seml-category: NAME``, ``seml-flags: a, b``, ``seml-type: TYPE`` (wins
  over the CSL type), ``seml-archived-url: URL``, ``seml-et-al: true``
  (authors beyond those listed, which CSL cannot say), ``seml-override:
  true``. Other lines of ``note`` are ignored. An item without a category
  is a located ``missing_field`` problem and is skipped, as CSL-JSON has no
  place for a file-wide default (:func:`parse_csl_json` takes one).

Every other CSL variable is ignored. Problems are located at ``file:line``:
the line of the CSL field when known, else the line where the item starts.
Malformed JSON is one ``syntax`` problem at the line the JSON parser reports.
The entries then go through :func:`.validation.load_data`, so URLs, keys, DOIs
and years are checked exactly as in a native catalogue file.

:func:`dump_csl_json` writes items that :func:`load_csl_json` reads back to
equal entries. Limits of the format: categories and flags definitions are
not written, a tag containing a comma splits, and a title that itself
contains CSL rich-text tags loses them.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import TYPE_CHECKING, Any, Final

from . import native
from .errors import Location, Problem
from .model import OTHERS
from .reading.lines import KeyPath, LineMap
from .reading.raw import Malformed, Raw
from .reading.scan_json import parse_json, scan_json
from .results import LoadResult, not_text_problem
from .validation import validated
from .values import DOI_PREFIX_RE, DOI_RE, KEY_RE, kind_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .model import Catalogue, Entry

__all__ = [
    "CSL_TYPES",
    "NOTE_FIELDS",
    "dump_csl_json",
    "entry_to_csl",
    "load_csl_json",
    "load_json_any",
    "parse_csl_json",
]

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

#: The CSL type :func:`dump_csl_json` writes for a catalogue type; others are
#: ``document`` with a ``seml-type`` line in ``note``.
_WRITE_TYPES: Mapping[str, str] = {
    "paper": "paper-conference",
    "article": "webpage",
    "blog": "post-weblog",
    "book": "book",
    "report": "report",
    "tool": "software",
    "dataset": "dataset",
    "video": "motion_picture",
    "talk": "speech",
}
_WRITE_OTHER: Final = "document"
#: CSL types whose venue is their publisher rather than a container.
_PUBLISHED: Final = frozenset({"book", "report", "software", "dataset", "document"})

#: The ``note`` lines this module reads and writes.
NOTE_FIELDS: tuple[str, ...] = (
    "seml-category",
    "seml-flags",
    "seml-type",
    "seml-archived-url",
    "seml-et-al",
    "seml-override",
)

_VENUE_FIELDS: Final = ("container-title", "event-title", "event", "publisher")
_NOTE_LINE_RE: Final = re.compile(r"^\s*([A-Za-z][A-Za-z \-]*?)\s*:\s*(.*?)\s*$")
_RICH_TEXT_RE: Final = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>", re.IGNORECASE)
_YEAR_RE: Final = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_TRUE: Final = frozenset({"true", "yes", "1", "on"})
_NAME_PARTS: Final = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")


def _kind(value: object) -> str:
    return kind_of(value, integers=False)  # the loader's words, numbers as JSON has them


class _Reader:
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
                    f"item {index + 1} must be a mapping, not {_kind(item)} (skipped)",
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
                f"{what}: field {name!r} must be a string, not {_kind(value)} (field ignored)",
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
        if isinstance(found, str) and KEY_RE.fullmatch(found.strip()):
            return found.strip()
        return None

    def names(self, item: Mapping[str, Any], name: str, path: KeyPath, what: str) -> list[str]:
        value = item.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                (*path, name),
                f"{what}: field {name!r} must be a list of names, not {_kind(value)}"
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
        key = self.stated_key(item)
        # A title or URL of the wrong type goes to load_data, which reports it.
        title: object = item.get("title")
        if isinstance(title, str) and "<" in title:
            title = " ".join(_RICH_TEXT_RE.sub("", title).split())
        if key is None:
            if not isinstance(title, str) or not title.strip():
                self.problem(
                    path,
                    f"item {index + 1}: no usable id and no title (item skipped)",
                    "missing_field",
                )
                return
            from .awesome import make_key  # markdown-it-py only when a key is needed

            key = make_key(title, self.taken)
            self.taken.add(key)
        what = f"entry {key!r}"
        first = self.keys.get(key)
        if first is not None:
            self.problem(
                path,
                f"duplicate id {key!r}: first defined at line {first}; this item is ignored",
                "duplicate_key",
            )
            return
        self.keys[key] = self.line(path) or 0

        data: dict[str, Any] = {"key": key}
        field_lines: dict[str, KeyPath] = {}

        def put(name: str, value: object, field: str | None) -> None:
            data[name] = value
            field_lines[name] = (*path, field) if field else path

        if title is not None:
            put("title", title, "title")
        url: object = item.get("URL")
        doi = self.string(item, "DOI", path, what)
        if url is not None and url != "":
            put("url", url, "URL")
        elif doi is not None and DOI_RE.fullmatch(DOI_PREFIX_RE.sub("", doi, count=1)):
            put("url", f"https://doi.org/{DOI_PREFIX_RE.sub('', doi, count=1)}", "DOI")
        else:
            self.problem(
                path, f'{what}: no URL (add "URL", or a "DOI") (item skipped)', "missing_field"
            )
            return

        note = self.note(item, path, what)
        category = note.get("seml-category") or self.default_category
        if not category:
            self.problem(
                path,
                f"{what}: no category: add a line 'seml-category: NAME' to its note (Zotero:"
                " the Extra field) (item skipped)",
                "missing_field",
            )
            return
        put("category", category, "note" if "seml-category" in note else None)
        if "seml-flags" in note:
            put("flags", _split(note["seml-flags"]), "note")

        kind = item.get("type")
        if note.get("seml-type"):
            put("type", note["seml-type"], "note")
        else:
            put("type", CSL_TYPES.get(kind, "other") if isinstance(kind, str) else "other", "type")

        authors = self.names(item, "author", path, what) or self.names(item, "editor", path, what)
        if authors and note.get("seml-et-al", "").lower() in _TRUE and OTHERS not in authors:
            authors.append(OTHERS)
        if authors:
            put("authors", authors, "author" if "author" in item else "editor")
        year = self.year(item, path, what)
        if year is not None:
            put("year", year, "issued")
        for name in _VENUE_FIELDS:
            venue = self.string(item, name, path, what)
            if venue is not None:
                put("venue", venue, name)
                break
        if doi is not None:
            put("doi", doi, "DOI")
        summary = self.string(item, "abstract", path, what)
        if summary is not None:
            put("summary", summary, "abstract")
        keyword = self.string(item, "keyword", path, what)
        if keyword is not None:
            put("tags", _split(keyword), "keyword")
        if note.get("seml-archived-url"):
            put("archived_url", note["seml-archived-url"], "note")
        if "seml-override" in note:
            put("override", note["seml-override"].lower() in _TRUE, "note")

        entry_path: KeyPath = ("entries", len(self.entries))
        self.lines[entry_path] = self.line(path) or 1
        for name, source_path in field_lines.items():
            line = self.line(source_path)
            if line is not None:
                self.lines[(*entry_path, name)] = line
        self.entries.append(data)


def _note_value(note: object, name: str) -> str | None:
    if not isinstance(note, str):
        return None
    for raw in note.splitlines():
        match = _NOTE_LINE_RE.match(raw)
        if match is not None and match.group(1).lower() == name:
            return match.group(2)
    return None


def _person(name: Mapping[str, Any]) -> str | None:
    literal = name.get("literal")
    if isinstance(literal, str) and literal.strip():
        return " ".join(literal.split())
    parts = [name.get(part) for part in _NAME_PARTS]
    words = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
    return " ".join(" ".join(words).split()) or None


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _is_csl(data: object) -> bool:
    """Whether parsed JSON is a CSL-JSON list of items rather than something else."""
    return isinstance(data, list) and (
        not data or any(isinstance(i, dict) and ("id" in i or "type" in i) for i in data)
    )


def _read_items(data: object, text: str, source: str, default_category: str | None) -> Raw:
    lines, duplicates = scan_json(text)
    if not isinstance(data, list):
        raise Malformed(
            lines.line(()) or 1, f"a CSL-JSON file holds a list of items, not {_kind(data)}"
        )
    reader = _Reader(source, lines, default_category)
    for path, line, first in duplicates:
        field = path[-1] if path else "?"
        reader.problems.append(
            Problem(
                Location(source, line),
                f"field {field!r} is given twice (first at line {first}); the last value is used",
                "duplicate_field",
            )
        )
    return reader.run(data)


def parse_csl_json(text: str, source: str, *, default_category: str | None = None) -> LoadResult:
    """Read CSL-JSON ``text`` into a catalogue (see the module docstring for the rules).

    ``default_category`` is the category of items whose note names none.
    Problems are returned, never raised.
    """

    def read_csl_json(text: str, source: str) -> Raw:
        return _read_items(parse_json(text), text, source, default_category)

    return not_text_problem(text, source) or validated(read_csl_json)(text, source)


def load_csl_json(text: str, source: str) -> LoadResult:
    """The ``.csl.json`` loader of :data:`.formats.FORMATS`: :func:`parse_csl_json`."""
    return parse_csl_json(text, source)


def load_json_any(text: str, source: str) -> LoadResult:
    """The ``.json`` loader: CSL-JSON for a list of items, else :func:`.native.load_json`.

    Only text that starts with ``[`` is parsed here; a native catalogue (a
    mapping) goes straight to the native loader, parsed once.
    """
    if not text.lstrip().startswith("["):
        return native.load_json(text, source)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return native.load_json(text, source)  # reports the error as for any JSON file
    if not _is_csl(data):
        return native.load_json(text, source)

    def read_items(text: str, source: str) -> Raw:
        return _read_items(data, text, source, None)

    return validated(read_items)(text, source)


# --------------------------------------------------------------------------- writing


def _csl_name(author: str) -> dict[str, str]:
    """A name as CSL parts that :func:`_person` joins back to ``author``."""
    words = author.split(" ")
    if len(words) < 2 or any(not w for w in words):
        return {"literal": author}
    family = words[-1]
    rest = words[:-1]
    particle: list[str] = []
    while len(rest) > 1 and rest[-1][:1].islower():
        particle.insert(0, rest.pop())
    name: dict[str, str] = {"family": family}
    if rest:
        name["given"] = " ".join(rest)
    if particle:
        name["non-dropping-particle"] = " ".join(particle)
    return name


def entry_to_csl(entry: Entry) -> dict[str, Any]:
    """The bibliographic data of ``entry`` as a CSL item, for CSL processors.

    The catalogue's own data (category, flags, ``seml-type``, archived URL,
    authors beyond those listed) is left out, so that no style prints it;
    :func:`dump_csl_json` adds it as ``note`` lines.
    """
    kind = _WRITE_TYPES.get(entry.type, _WRITE_OTHER)
    item: dict[str, Any] = {"id": entry.key, "type": kind, "title": entry.title}
    authors = [a for a in entry.authors if a != OTHERS]
    if authors:
        item["author"] = [_csl_name(a) for a in authors]
    if entry.year is not None:
        item["issued"] = {"date-parts": [[entry.year]]}
    if entry.venue:
        item["publisher" if kind in _PUBLISHED else "container-title"] = entry.venue
    if entry.doi:
        item["DOI"] = entry.doi
    item["URL"] = entry.url
    if entry.summary:
        item["abstract"] = entry.summary
    if entry.tags:
        item["keyword"] = ", ".join(entry.tags)
    return item


def _item(entry: Entry) -> dict[str, Any]:
    item = entry_to_csl(entry)
    note = [f"seml-category: {entry.category}"]
    if entry.flags:
        note.append(f"seml-flags: {', '.join(entry.flags)}")
    if CSL_TYPES.get(item["type"], "other") != entry.type:
        note.append(f"seml-type: {entry.type}")
    if entry.archived_url:
        note.append(f"seml-archived-url: {entry.archived_url}")
    if OTHERS in entry.authors and "author" in item:
        note.append("seml-et-al: true")
    item["note"] = "\n".join(note)
    return item


def dump_csl_json(catalogue: Catalogue) -> str:
    """The entries of ``catalogue`` as CSL-JSON, in catalogue order; deterministic."""
    items = [_item(entry) for entry in catalogue]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

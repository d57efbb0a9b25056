"""Import and export of CSL-JSON, the format Zotero (and pandoc, Mendeley, ...) export.

A CSL-JSON file is a JSON list of items. Files named ``*.csl.json`` (or
``*.csljson``) are always read as CSL-JSON; a ``*.json`` file is CSL-JSON when
its top level is a list of items (objects with an ``id`` or a ``type``), else
it is a native catalogue read by :func:`.native.load_json` as before.

How a CSL item maps to a catalogue entry:

* **key**: ``citation-key``, else a ``Citation Key: KEY`` line of ``note``,
  else ``id`` when it is a valid key. Zotero's own ids are URIs
  (``http://zotero.org/users/.../items/ABCD1234``) that cannot be keys; such
  an item gets a key made from its title by :func:`.keys.make_key` (the
  first three significant words, e.g. ``hiddentechnicaldebt``).
* **title** (CSL rich-text tags such as ``<i>`` removed), **url** from
  ``URL``, else ``https://doi.org/DOI`` from a valid ``DOI``; an item with
  neither is an entry without a link (its title is shown unlinked).
* **authors**: ``author``, else ``editor``; a name object keeps its parts
  (``family``, ``given``, ``non-dropping-particle``, ``suffix``, or
  ``literal``; a ``dropping-particle`` stays with the given names) as a
  :class:`.persons.Person`, kept as its written form ("Guido van Rossum",
  "Beethoven, Ludwig van"); ``{"literal": "others"}`` is
  :data:`.model.OTHERS`. Writing gives each author its name object
  (:meth:`.persons.Person.csl`).
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
equal entries (an entry without a link is written without ``URL``). Limits of
the format: categories and flags definitions are not written, a tag containing
a comma splits, a title that itself contains CSL rich-text tags loses them,
and an entry without a link but with a DOI reads back linked to its DOI.
"""

from __future__ import annotations

import json

from .. import native
from ..errors import Location, Problem
from ..reading.raw import Malformed, Raw
from ..reading.scan_json import parse_json, scan_json
from ..results import LoadResult, not_text_problem
from ..specs import misplaced_category
from ..validation import validated
from .reader import CSL_TYPES, NOTE_FIELDS, Reader, csl_kind
from .write import dump_csl_json, entry_to_csl

__all__ = [
    "CSL_TYPES",
    "NOTE_FIELDS",
    "dump_csl_json",
    "entry_to_csl",
    "load_csl_json",
    "load_json_any",
    "parse_csl_json",
]


def _is_csl(data: object) -> bool:
    """Whether parsed JSON is a CSL-JSON list of items rather than something else."""
    return isinstance(data, list) and (
        not data or any(isinstance(i, dict) and ("id" in i or "type" in i) for i in data)
    )


def _read_items(data: object, text: str, source: str, default_category: str | None) -> Raw:
    lines, duplicates = scan_json(text)
    if not isinstance(data, list):
        raise Malformed(
            lines.line(()) or 1, f"a CSL-JSON file holds a list of items, not {csl_kind(data)}"
        )
    reader = Reader(source, lines, default_category)
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


def _native(text: str, source: str, default_category: str | None) -> LoadResult:
    result = native.load_json(text, source)
    if default_category is not None:
        problem = Problem(Location(source), misplaced_category(default_category), "invalid_field")
        result.problems.insert(0, problem)
    return result


def load_json_any(text: str, source: str, *, default_category: str | None = None) -> LoadResult:
    """The ``.json`` loader: CSL-JSON for a list of items, else :func:`.native.load_json`.

    Only text that starts with ``[`` is parsed here; a native catalogue (a
    mapping) goes straight to the native loader, parsed once. ``default_category``
    is as for :func:`parse_csl_json`; a native catalogue reports it as misplaced.
    """
    if not text.lstrip().startswith("["):
        return _native(text, source, default_category)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return _native(text, source, default_category)  # reports the error as for any JSON
    if not _is_csl(data):
        return _native(text, source, default_category)

    def read_items(text: str, source: str) -> Raw:
        return _read_items(data, text, source, default_category)

    return validated(read_items)(text, source)

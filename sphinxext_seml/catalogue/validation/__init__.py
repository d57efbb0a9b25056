"""Validation: raw data of any format to entries, categories and flags.

Every format ends here (:func:`load_data`), so URLs, keys, DOIs and years are
checked the same way whatever the file was written in. Each problem is
reported at ``file:line`` through the reader's :class:`.LineMap`; a bad entry
is skipped and the rest still load.

Category and flag names of entries are resolved later by
:func:`.merging.merge`, because an entry may use a category defined in another
catalogue (usually the built-in one).

:mod:`.fields` checks the fields of one category, flag or entry; this module
assembles a file's catalogue from them.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from typing import TYPE_CHECKING, Any, Final, TypeVar

from ..errors import Location, Problem
from ..model import CATALOGUE_FIELDS, Catalogue, Category, Entry, Flag, Front
from ..reading.lines import LineMap
from ..reading.raw import TOO_DEEP, Malformed
from ..results import LoadResult, problem_line, syntax_problem
from ..values import kind_of
from .entries import EntryValidator
from .parents import parent_problems

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..reading.lines import KeyPath
    from ..reading.raw import Raw

__all__ = ["load_data", "validate", "validated"]

_TOP_FIELDS: Final = ("$schema", "title", "intro", "categories", "flags", "entries", "exclude")


_Definition = TypeVar("_Definition", Category, Flag)


def _definitions(
    check: EntryValidator,
    data: Mapping[str, Any],
    section: str,
    what: str,
    read: Callable[[Mapping[str, Any], KeyPath], _Definition | None],
) -> dict[str, _Definition]:
    """The categories or flags of one file by slug; a slug defined twice is reported
    at the second definition, which is ignored."""
    found: dict[str, _Definition] = {}
    for path, raw in check.mappings(data, section):
        item = read(raw, path)
        if item is None:
            continue
        first = found.get(item.slug)
        if first is not None:
            check.report(
                path,
                "duplicate_key",
                f"{what} {item.slug!r} is defined twice in this file (first at"
                f" {first.location}); this definition is ignored",
            )
            check.ordered.pop(path, None)  # the ignored definition's order is not given
            continue
        found[item.slug] = item
    return found


def load_data(
    data: object,
    source: str,
    lines: LineMap | Mapping[KeyPath, int] | None = None,
    *,
    consume: bool = False,
) -> LoadResult:
    """Validate parsed catalogue data and build its :class:`Catalogue`.

    Every format (and importers of other formats) ends here. ``lines`` maps key
    paths to source lines; problems are reported at the closest known line.
    With ``consume``, each raw entry is dropped from ``data`` once it is read,
    so that a large file's raw and built entries are not all held at once.
    """
    line_map = lines if isinstance(lines, LineMap) else LineMap(lines)
    check = EntryValidator(source, line_map)
    if data is None or data == {}:
        return LoadResult(
            Catalogue(sources=[source]),
            [
                Problem(
                    Location(source, line_map.line(()) or 1), "the catalogue file is empty", "empty"
                )
            ],
        )
    if not isinstance(data, dict):
        return syntax_problem(
            source,
            line_map.line(()) or 1,
            "the top level of a catalogue must be a mapping with 'categories', 'flags' and"
            f" 'entries', not {kind_of(data)}",
        )
    check.unknown_fields(data, (), "catalogue", _TOP_FIELDS)
    categories, tree_problems = parent_problems(
        _definitions(check, data, "categories", "category", check.category)
    )
    check.problems.extend(tree_problems)
    flags = _definitions(check, data, "flags", "flag", check.flag)
    entries, overrides, field_lines = _entries(check, data, consume=consume)
    excludes = _excludes(check, data)
    check.problems.sort(key=problem_line)
    front = Front(*(check.text_or_empty(data, name, (), "catalogue") for name in CATALOGUE_FIELDS))
    return LoadResult(
        Catalogue(categories.values(), flags.values(), entries.values(), [source], front),
        check.problems,
        frozenset(overrides),
        tuple(excludes.items()),
        field_lines,
        ordered=frozenset(check.ordered.values()),
    )


def _entries(
    check: EntryValidator, data: dict[str, Any], *, consume: bool
) -> tuple[dict[str, Entry], set[str], dict[tuple[str, str], int]]:
    """The entries by key, the keys that override, and the lines of their category
    and flags fields; see :func:`load_data` for ``consume``."""
    entries: dict[str, Entry] = {}
    overrides: set[str] = set()
    field_lines: dict[tuple[str, str], int] = {}
    alias_paths: dict[str, KeyPath] = {}
    pending = deque(check.mappings(data, "entries"))
    raw_entries = data.get("entries") if consume else None
    while pending:
        path, raw = pending.popleft()
        if isinstance(raw_entries, list) and isinstance(path[1], int):
            raw_entries[path[1]] = None  # (raw stays alive until the next item)
        checked = check.entry(raw, path, path[1] + 1 if isinstance(path[1], int) else 0)
        if checked is None:
            continue
        entry, override = checked
        first_entry = entries.get(entry.key)
        if first_entry is not None and not override:
            check.report(
                path,
                "duplicate_key",
                f"duplicate entry key {entry.key!r}: first defined at {first_entry.location};"
                " this entry is ignored (add 'override: true' to replace the first)",
            )
            continue
        entries[entry.key] = entry
        if override:
            overrides.add(entry.key)
        for name in ("category", "flags"):
            line = check.lines.get((*path, name))
            if line is not None:
                field_lines[entry.key, name] = line
        if entry.aliases:
            alias_paths[entry.key] = path
    return _without_clashes(check, entries, alias_paths), overrides, field_lines


def _without_clashes(
    check: EntryValidator, entries: dict[str, Entry], alias_paths: dict[str, KeyPath]
) -> dict[str, Entry]:
    """``entries`` with every alias that is another entry's key, or an alias an
    earlier entry already gave, reported at the alias and dropped: an old key
    must name one entry."""
    owner: dict[str, str] = {}
    for key, path in alias_paths.items():
        entry = entries[key]
        kept: list[str] = []
        for index, alias in enumerate(entry.aliases):
            other = alias if alias in entries else owner.get(alias)
            if other is None:
                owner[alias] = key
                kept.append(alias)
                continue
            what = "the key of entry" if other == alias else "already an alias of entry"
            check.report(
                (*path, "aliases", index),
                "duplicate_key",
                f"entry {key!r}: alias {alias!r} is {what} {other!r}"
                f" (defined at {entries[other].location}); the alias is ignored",
            )
        if len(kept) < len(entry.aliases):
            entries[key] = dataclasses.replace(entry, aliases=tuple(kept))
    return entries


def _excludes(check: EntryValidator, data: Mapping[str, Any]) -> dict[str, Location]:
    """The keys ``exclude`` names, each with where it is named first."""
    excludes: dict[str, Location] = {}
    exclude = data.get("exclude")
    if exclude is not None:
        check.strings(data, "exclude", (), "catalogue", single=True)  # reports bad items
        items = exclude if isinstance(exclude, list) else [exclude]
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                excludes.setdefault(item.strip(), check.location(("exclude", index)))
    return excludes


def validate(raw: Raw, source: str, *, consume: bool = False) -> LoadResult:
    """:func:`load_data` on what a reader read, with the reader's own problems, in line order."""
    result = load_data(raw.data, source, raw.lines, consume=consume)
    if raw.problems:
        result.problems.extend(raw.problems)
        result.problems.sort(key=problem_line)
    return result


_Text = TypeVar("_Text", str, "str | bytes")


def validated(read: Callable[[_Text, str], Raw]) -> Callable[[_Text, str], LoadResult]:
    """A format's loader from its reader: read, then validate (the raw data is
    consumed as it is read); :class:`.Malformed` text and runaway nesting
    become one ``syntax`` problem."""

    def loader(text: _Text, source: str) -> LoadResult:
        try:
            return validate(read(text, source), source, consume=True)
        except Malformed as exc:
            return syntax_problem(source, exc.line, exc.message)
        except RecursionError:  # a parser gave up on deep nesting that no scanner placed
            return syntax_problem(source, None, TOO_DEEP)

    loader.__name__ = read.__name__.replace("read_", "load_", 1)
    loader.__doc__ = read.__doc__
    return loader

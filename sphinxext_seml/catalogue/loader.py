"""Loading, validating and merging catalogues in the native format.

The native format is one structure written in YAML, TOML or JSON::

    categories: [{slug, title, description?, aliases?, order?}, ...]
    flags:      [{slug, label, emoji?, description?, aliases?}, ...]
    entries:    [{key, title, url, category, flags?, type?, ...}, ...]
    exclude:    [key, ...]        # removes entries of earlier catalogues

Each format is parsed to plain data plus a :class:`LineMap` (key path -> line)
so that :func:`load_data`, the one validator every format shares, can report
each problem at ``file:line``. Bad input never raises: a malformed file gives
an empty catalogue and one ``syntax`` problem, a bad entry is skipped with a
problem and the rest still load. Only a file that cannot be read at all (or
has an unknown suffix) raises :class:`CatalogueError`.

Category and flag names of entries are resolved by :func:`merge`, because an
entry may use a category defined in another catalogue (usually the built-in one).
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import difflib
import json
import os
import re
import stat
import tomllib
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

import yaml

from .errors import CatalogueError, Location, Problem, UnknownNameError
from .model import ENTRY_FIELDS, Catalogue, Category, Entry, Flag
from .names import NameIndex, category_index, flag_index, normalize

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = [
    "FORMATS",
    "MAX_FILE_SIZE",
    "SAFE_URL_SCHEMES",
    "KeyPath",
    "LineMap",
    "LoadResult",
    "load_data",
    "load_source",
    "load_text",
    "merge",
    "not_text_problem",
    "syntax_problem",
    "url_problem",
]

#: A path into parsed data: mapping keys and list indexes, e.g. ``("entries", 3, "url")``.
KeyPath: TypeAlias = tuple[str | int, ...]

#: URL schemes an entry may link to; everything else (``javascript:``, ``data:``, ...) is refused.
SAFE_URL_SCHEMES: Final = ("http", "https", "mailto", "doi")

YEAR_MIN: Final = 1500
YEAR_MAX: Final = 2100

#: Largest catalogue file read, in bytes (about 100,000 entries): bounds memory and time.
MAX_FILE_SIZE: Final = 32 * 2**20

#: Containers nested deeper than this are refused: no catalogue needs it, and
#: deep nesting is how hostile files crash recursive code.
MAX_DEPTH: Final = 64
_TOO_DEEP: Final = f"values are nested more than {MAX_DEPTH} levels deep"

#: Python refuses to turn longer digit strings into integers (``sys.get_int_max_str_digits``).
MAX_DIGITS: Final = 4300
_HUGE_NUMBER_RE: Final = re.compile(rf"(?<![0-9])[0-9][0-9_]{{{MAX_DIGITS},}}")

_KEY_RE: Final = re.compile(r"[A-Za-z0-9_:.\-]+")
_SLUG_RE: Final = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_SCHEME_RE: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_BAD_CHAR_RE: Final = re.compile(r"[\s\x00-\x1f\x7f]")
_DOI_RE: Final = re.compile(r"10\.[0-9]{4,9}/[^\s\\]+")
_DOI_PREFIX_RE: Final = re.compile(r"(?i)(?:doi:\s*|https?://(?:dx\.)?doi\.org/)")

_TOP_FIELDS: Final = ("$schema", "categories", "flags", "entries", "exclude")
_CATEGORY_FIELDS: Final = ("slug", "title", "description", "aliases", "order")
_FLAG_FIELDS: Final = ("slug", "label", "emoji", "description", "aliases")
_ENTRY_KEYS: Final = (*ENTRY_FIELDS, "override")


# --------------------------------------------------------------------------- results


class _Members(dict[str | int | None, int]):
    """The lines of one container's members, as offsets from ``base`` (the
    container's own line): small offsets are Python's cached small ints, where
    absolute lines in a long file would be one int object per value."""

    __slots__ = ("base",)

    def __init__(self, base: int = 0) -> None:
        super().__init__()
        self.base = base


class LineMap:
    """1-based source lines of parsed values, by :data:`KeyPath`.

    A mapping member is recorded at its key's line, a list item where it starts.
    :meth:`line` falls back to the closest recorded ancestor, so a problem in a
    value the format could not place is still reported at its entry.

    Stored as container path -> {member key or index: line}, not one path tuple
    per value: a 10,000-entry catalogue has some 200,000 values.
    """

    __slots__ = ("_members",)

    def __init__(self, lines: Mapping[KeyPath, int] | None = None) -> None:
        self._members: dict[KeyPath | None, _Members] = {}
        for path, line in (lines or {}).items():
            self[path] = line

    def members(self, container: KeyPath | None, base: int = 0) -> _Members:
        """The (live) lines of ``container``'s members (``None``: the root value's
        own line, under the key ``None``), to record many at once: store
        ``line - members.base``."""
        found = self._members.get(container)
        if found is None:
            found = self._members[container] = _Members(base)
        return found

    def __setitem__(self, path: KeyPath, line: int) -> None:
        members = self.members(path[:-1] if path else None)
        members[path[-1] if path else None] = line - members.base

    def get(self, path: KeyPath) -> int | None:
        """The line recorded for exactly ``path``."""
        members = self._members.get(path[:-1] if path else None)
        if members is None:
            return None
        offset = members.get(path[-1] if path else None)
        return None if offset is None else members.base + offset

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __len__(self) -> int:
        return sum(map(len, self._members.values()))

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path`` or of its closest recorded ancestor."""
        while True:
            found = self.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]


@dataclass
class LoadResult:
    """A catalogue and every problem found while loading it.

    The last three fields carry what :func:`merge` needs beyond the catalogue:
    keys of entries marked ``override: true``, the ``exclude`` list, and the
    lines of entries' ``category`` and ``flags`` fields (so that an unknown
    name found at merge time is reported where it is written).
    """

    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    overrides: frozenset[str] = frozenset()
    excludes: tuple[tuple[str, Location], ...] = ()
    field_lines: dict[tuple[str, str], int] = field(default_factory=dict)


def syntax_problem(source: str, line: int | None, message: str) -> LoadResult:
    """The result of a malformed file: an empty catalogue and one ``syntax`` problem."""
    return LoadResult(
        Catalogue(sources=[source]), [Problem(Location(source, line), message, "syntax")]
    )


class _Malformed(Exception):
    """Raised inside a format loader; becomes :func:`syntax_problem`."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_Text = TypeVar("_Text", str, "str | bytes")


def _guarded(parse: Callable[[_Text, str], LoadResult]) -> Callable[[_Text, str], LoadResult]:
    """Turn :class:`_Malformed` (and runaway nesting) into a problem result."""

    def loader(text: _Text, source: str) -> LoadResult:
        try:
            return parse(text, source)
        except _Malformed as exc:
            return syntax_problem(source, exc.line, exc.message)
        except RecursionError:  # a parser gave up on deep nesting that no scanner placed
            return syntax_problem(source, None, _TOO_DEEP)

    loader.__name__ = parse.__name__
    loader.__doc__ = parse.__doc__
    return loader


# --------------------------------------------------------------------------- line helpers


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """The offset after what ``pattern`` (which may match nothing) matches at ``pos``."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _huge_number(text: str, language: str) -> _Malformed:
    """The error for a number too long to read (Python caps integer conversion)."""
    match = _HUGE_NUMBER_RE.search(text)
    if match is None:  # not expected: the parser refused some other value
        return _Malformed(None, f"invalid {language}: a value cannot be read")
    return _Malformed(
        text.count("\n", 0, match.start()) + 1,
        f"invalid {language}: a number with {len(match.group(0))} digits is too long"
        f" (at most {MAX_DIGITS} digits)",
    )


def _line_finder(text: str) -> Callable[[int], int]:
    """A function from a character offset of ``text`` to its 1-based line."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    return line_of


class _Frame:
    """An open container while scanning JSON or TOML for lines."""

    __slots__ = ("index", "is_object", "key", "path")

    def __init__(self, path: KeyPath, is_object: bool) -> None:
        self.path = path
        self.is_object = is_object
        self.index = 0
        self.key: str = ""


# --------------------------------------------------------------------------- JSON

# Strings (with a trailing colon when they are object keys), brackets and
# literals; commas, colons and whitespace are skipped, as items are counted.
_JSON_TOKEN: Final = re.compile(
    r'[ \t\n\r,:]*(?:("[^"\\]*(?:\\.[^"\\]*)*")([ \t\n\r]*:)?|([{}\[\]])|([^ \t\n\r{}\[\],:"]+))',
    re.S,
)


def _json_lines(text: str) -> tuple[LineMap, list[tuple[KeyPath, int, int]]]:
    """Lines of every key and list item of valid JSON ``text``, and duplicate keys.

    Run only after :func:`json.loads` accepted the text, so it need not
    validate; it is iterative, so deep nesting cannot overflow the stack.
    """
    lines = LineMap()
    duplicates: list[tuple[KeyPath, int, int]] = []
    stack: list[_Frame] = []
    line, counted = 1, 0  # newlines are counted incrementally: tokens come in order
    for match in _JSON_TOKEN.finditer(text):
        string, colon, bracket, _literal = match.groups()
        if bracket == "}" or bracket == "]":
            if stack:  # always true for valid JSON; this also runs on too deep input
                stack.pop()
            continue
        start = match.start(1 if string is not None else match.lastindex or 0)
        line += text.count("\n", counted, start)
        counted = start
        top = stack[-1] if stack else None
        if colon is not None and top is not None:
            key = json.loads(string) if "\\" in string else string[1:-1]
            path: KeyPath = (*top.path, key)
            first = lines.get(path)
            if first is not None:
                duplicates.append((path, line, first))
            lines[path] = line
            top.key = key
            continue
        if top is None:
            path = ()
            lines[path] = line
        elif top.is_object:
            path = (*top.path, top.key)
        else:
            path = (*top.path, top.index)
            top.index += 1
            lines[path] = line
        if bracket is not None:
            if len(stack) >= MAX_DEPTH:
                raise _Malformed(line, _TOO_DEEP)
            stack.append(_Frame(path, bracket == "{"))
    return lines, duplicates


@_guarded
def load_json(text: str, source: str) -> LoadResult:
    """Load a catalogue written in JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Malformed(exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError:  # a number too long to convert
        raise _huge_number(text, "JSON") from None
    except RecursionError:
        _json_lines(text)  # raises at the line where nesting passes MAX_DEPTH
        raise
    lines, duplicates = _json_lines(text)
    return _with_duplicates(load_data(data, source, lines, consume=True), source, duplicates)


# --------------------------------------------------------------------------- TOML

_TOML_SKIP: Final = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_TOML_INLINE_WS: Final = re.compile(r"[ \t]*")
_TOML_KEY_PART: Final = re.compile(
    r"""[ \t]*(?:([A-Za-z0-9_\-]+)|("(?:[^"\\\n]|\\.)*")|'([^'\n]*)')[ \t]*"""
)
_TOML_SCALAR: Final = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{1,2})?'
    r"|'''(?:[^']|'(?!''))*'''(?:'{1,2})?"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?"
    r"|[^\s,\]}#]+",
    re.S,
)


# A bare key with a one-line string or a literal (number, boolean, date) value.
_TOML_SIMPLE_PAIR: Final = re.compile(
    r'([A-Za-z0-9_\-]+)[ \t]*=[ \t]*(?:"(?:[^"\\\n]|\\.)*"|[\w.:+\-]+)[ \t]*(?:#[^\n]*)?(?=\n|\Z)'
)


class _TomlLines:
    """Finds the lines of keys, tables and array items of valid TOML text.

    tomllib reports no positions, so this re-reads the text the parser has
    already accepted: it only has to tell strings, comments, headers and
    brackets apart, never to validate.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_of = _line_finder(text)
        self.lines = LineMap()
        # Array-of-tables paths -> how many [[...]] headers were seen so far.
        self.tables: dict[KeyPath, int] = {}

    def scan(self) -> LineMap:
        text = self.text
        pos = 0
        base: KeyPath = ()
        while True:
            pos = _skip(_TOML_SKIP, text, pos)
            if pos >= len(text):
                return self.lines
            line = self.line_of(pos)
            simple = _TOML_SIMPLE_PAIR.match(text, pos)
            if simple is not None:  # the common line, read in one step
                self.lines[(*base, simple.group(1))] = line
                pos = simple.end()
            elif text.startswith("[[", pos):
                keys, pos = self._key(pos + 2)
                pos = _skip(_TOML_INLINE_WS, text, pos) + 2
                array = (*self._resolve(keys[:-1]), keys[-1])
                count = self.tables.get(array, 0)
                self.tables[array] = count + 1
                if array not in self.lines:
                    self.lines[array] = line
                base = (*array, count)
                self.lines[base] = line
            elif text[pos] == "[":
                keys, pos = self._key(pos + 1)
                pos = _skip(_TOML_INLINE_WS, text, pos) + 1
                base = self._resolve(keys)
                if base not in self.lines:
                    self.lines[base] = line
            else:
                start = pos
                keys, pos = self._key(pos)
                pos = _skip(_TOML_INLINE_WS, text, pos) + 1
                path = self._record(base, keys, start)
                pos = self._value(pos, path)

    def _resolve(self, keys: list[str]) -> KeyPath:
        """A header's path, descending into the last table of arrays of tables."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            count = self.tables.get(path)
            if count:
                path = (*path, count - 1)
        return path

    def _record(self, base: KeyPath, keys: list[str], start: int) -> KeyPath:
        line = self.line_of(start)
        path = base
        for key in keys:
            path = (*path, key)
            if path not in self.lines:
                self.lines[path] = line
        self.lines[path] = line
        return path

    def _key(self, pos: int) -> tuple[list[str], int]:
        """A dotted key at ``pos``: its parts and the offset after it."""
        keys: list[str] = []
        text = self.text
        while True:
            match = _TOML_KEY_PART.match(text, pos)
            if match is None:  # not reachable for valid TOML; stop rather than loop
                return keys or [""], pos + 1
            bare, basic, literal = match.groups()
            if bare is not None:
                keys.append(bare)
            elif basic is not None:
                keys.append(tomllib.loads(f"k = {basic}")["k"] if "\\" in basic else basic[1:-1])
            else:
                keys.append(literal or "")
            pos = match.end()
            if not text.startswith(".", pos):
                return keys, pos
            pos += 1

    def _value(self, pos: int, path: KeyPath) -> int:
        """Skip the value at ``pos`` (recording nested keys and items); the offset after it."""
        text = self.text
        stack: list[_Frame] = []
        want: KeyPath | None = path
        while True:
            if want is not None:
                pos = _skip(_TOML_INLINE_WS, text, pos)
                char = text[pos : pos + 1]
                if char in ("[", "{"):
                    if len(stack) >= MAX_DEPTH:
                        raise _Malformed(self.line_of(pos), _TOO_DEEP)
                    stack.append(_Frame(want, char == "{"))
                    pos += 1
                else:
                    match = _TOML_SCALAR.match(text, pos)
                    pos = match.end() if match else pos + 1
                want = None
                if not stack:
                    return pos
                continue
            top = stack[-1]
            pos = _skip(_TOML_SKIP, text, pos)
            char = text[pos : pos + 1]
            if char in ("]", "}", ""):
                pos += 1
                stack.pop()
                if not stack or not char:
                    return pos
            elif char == ",":
                pos += 1
                if not top.is_object:
                    top.index += 1
            elif top.is_object:
                start = pos
                keys, pos = self._key(pos)
                pos = _skip(_TOML_INLINE_WS, text, pos) + 1
                want = self._record(top.path, keys, start)
            else:
                want = (*top.path, top.index)
                self.lines[want] = self.line_of(pos)


_TOML_AT_RE: Final = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


# A dotted key (``a.b.c = 1`` or ``[a.b.c]``) of more than MAX_DEPTH parts:
# tomllib takes time quadratic in the number of parts, so it is refused first.
_TOML_KEY_ATOM: Final = r"""(?:[A-Za-z0-9_\-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_TOML_LONG_KEY_RE: Final = re.compile(
    rf"(?<![A-Za-z0-9_\-.\"']){_TOML_KEY_ATOM}"
    rf"(?:[ \t]*+\.[ \t]*+{_TOML_KEY_ATOM}){{{MAX_DEPTH},}}+(?=[ \t]*[=\]])"  # then = or ]
)


@_guarded
def load_toml(text: str, source: str) -> LoadResult:
    """Load a catalogue written in TOML."""
    if text.count(".") > MAX_DEPTH:
        long_key = _TOML_LONG_KEY_RE.search(text)
        if long_key is not None:
            raise _Malformed(
                text.count("\n", 0, long_key.start()) + 1,
                f"a dotted key has more than {MAX_DEPTH} parts",
            )
    try:
        data = tomllib.loads(text)
    except RecursionError:
        _TomlLines(text).scan()  # raises at the line where nesting passes MAX_DEPTH
        raise
    except tomllib.TOMLDecodeError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        at = _TOML_AT_RE.search(message)
        line = getattr(exc, "lineno", None)
        if at is not None:
            line = line or int(at.group(1))
            message = f"{message[: at.start()]} (column {at.group(2)})"
        raise _Malformed(line, f"invalid TOML: {message}") from None
    except ValueError:  # a number too long to convert
        raise _huge_number(text, "TOML") from None
    return load_data(data, source, _TomlLines(text).scan(), consume=True)


# --------------------------------------------------------------------------- YAML

_YAML_PARSER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_MERGE_TAG: Final = "tag:yaml.org,2002:merge"
_YAML_STR_TAG: Final = "tag:yaml.org,2002:str"
_YAML_MAP_TAG: Final = "tag:yaml.org,2002:map"
_YAML_SEQ_TAG: Final = "tag:yaml.org,2002:seq"
_YAML_INT_TAG: Final = "tag:yaml.org,2002:int"
# Decimal, no sign, no leading zero (YAML 1.1 reads 0755 as octal), no "_".
_YAML_PLAIN_INT: Final = re.compile(r"0|[1-9][0-9]{0,17}")


def _yaml_scalar(
    scalars: yaml.SafeLoader, tag: str, text: str, style: str | None, line: int
) -> object:
    """A non-string scalar, constructed as ``yaml.safe_load`` would."""
    if tag == _YAML_MERGE_TAG:
        raise _Malformed(line, "YAML merge keys (<<) are not supported in catalogue files")
    if tag not in scalars.yaml_constructors:
        raise _Malformed(line, f"the YAML tag {tag!r} is not supported")
    try:
        value = scalars.construct_object(yaml.ScalarNode(tag, text, style=style))
    except Exception:  # "!!int abc" (ValueError), "!!int ''" (IndexError), bad timestamps, ...
        if _HUGE_NUMBER_RE.search(text):
            huge = _huge_number(text, "YAML")
            raise _Malformed(line, huge.message) from None
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise _Malformed(line, f"{shown!r} is not a valid {tag!r}") from None
    scalars.constructed_objects.clear()  # no need to keep every scalar alive
    return value


_YAML_ONLY_BREAKS: Final = re.compile("[\x85\u2028\u2029]")


def _yaml_lines(text: str | bytes) -> Callable[[Any], int | None]:
    """A function from a YAML mark to its 1-based line, counting ``\n`` only as editors do.

    YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029 (PyYAML's
    ``mark.line`` counts them); the mark's character index does not. (Bytes
    come from :func:`_yaml_bytes_ok`, which admits none of them.)
    """
    if isinstance(text, bytes) or _YAML_ONLY_BREAKS.search(text) is None:
        return lambda mark: int(mark.line) + 1 if mark is not None else None
    line_of = _line_finder(text)
    return lambda mark: line_of(int(mark.index)) if mark is not None else None


def _yaml_data(text: str | bytes) -> tuple[object, LineMap, list[tuple[KeyPath, int, int]]]:
    """Build plain data from the YAML event stream, with lines and duplicate keys.

    Events rather than ``yaml.compose``: composing is recursive (libyaml's
    composer crashes the interpreter on deeply nested input), and aliases are
    refused as they arrive, so an alias bomb never expands. This loop runs once
    per scalar of the file (a 10,000-entry catalogue has ~200,000), hence the
    local names and the dispatch on the event's exact type.
    """
    # Resolves implicit tags and constructs scalars exactly as yaml.safe_load would.
    scalars = yaml.SafeLoader("")
    # A plain scalar whose first character starts no implicit tag is a string:
    # what SafeLoader.resolve answers, without its per-scalar work.
    implicit = scalars.yaml_implicit_resolvers
    typed_starts = frozenset(implicit) if None not in implicit else None
    resolve = scalars.resolve
    line_at = _yaml_lines(text)
    simple_lines = isinstance(text, bytes) or _YAML_ONLY_BREAKS.search(text) is None
    lines = LineMap()
    duplicates: list[tuple[KeyPath, int, int]] = []
    # Each frame: path, container, pending key (a list of at most one), the
    # lines of the container's members.
    stack: list[tuple[KeyPath, dict[Any, Any] | list[Any], list[Any], _Members]] = []
    root: object = None
    documents = 0
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    events = _YAML_PARSER(text)
    try:
        next_event = events.get_event
        while True:
            event = next_event()
            if event is None:
                break
            kind = type(event)
            if kind in ends:
                stack.pop()
                continue
            mark = event.start_mark
            line = (mark.line + 1 if simple_lines else line_at(mark)) or 0
            value: Any
            if kind is ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    # Quoted scalars are strings; plain ones resolve (int, bool, null, date...).
                    raw = event.value
                    if not event.implicit[0] or (
                        typed_starts is not None and (raw[:1] or "") not in typed_starts
                    ):
                        tag = _YAML_STR_TAG
                    else:
                        tag = resolve(  # type: ignore[no-untyped-call]
                            yaml.ScalarNode, raw, event.implicit
                        )
                if tag == _YAML_STR_TAG:
                    value = event.value
                elif tag == _YAML_INT_TAG and _YAML_PLAIN_INT.fullmatch(event.value):
                    value = int(event.value)  # a year: what the constructor gives, sooner
                else:
                    value = _yaml_scalar(scalars, tag, event.value, event.style, line)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                tag = event.tag
                if tag not in (None, "!", _YAML_MAP_TAG, _YAML_SEQ_TAG):
                    raise _Malformed(line, f"the YAML tag {tag!r} is not supported")
                value = {} if kind is MappingStartEvent else []
            elif kind is yaml.AliasEvent:
                raise _Malformed(
                    line,
                    f"YAML aliases (*{event.anchor}) are not supported in catalogue files;"
                    " write the value out",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Malformed(
                        line, "a catalogue file holds one YAML document, found a second"
                    )
                continue
            elif kind is yaml.StreamEndEvent:
                break
            else:  # stream start, document end
                continue
            if not stack:
                root = value
                lines[()] = line
                path: KeyPath = ()
            else:
                parent_path, container, pending, members = stack[-1]
                if type(container) is dict:
                    if not pending:
                        if kind is not ScalarEvent:
                            raise _Malformed(line, "complex YAML mapping keys are not supported")
                        key = value if type(value) is str else str(value)
                        first = members.get(key) if key in container else None
                        if first is not None:
                            duplicates.append(((*parent_path, key), line, members.base + first))
                        members[key] = line - members.base
                        pending.append(key)
                        continue
                    key = pending.pop()
                    container[key] = value
                    if kind is ScalarEvent:
                        continue
                    path = (*parent_path, key)
                else:
                    index = len(container)
                    container.append(value)  # type: ignore[union-attr]
                    members[index] = line - members.base
                    if kind is ScalarEvent:
                        continue
                    path = (*parent_path, index)
            if kind is not ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Malformed(line, _TOO_DEEP)
                stack.append((path, value, [], lines.members(path, line)))
    finally:
        events.dispose()
    return root, lines, duplicates


_YAML_BYTES_CHUNK: Final = 1 << 16
# A BOM, CR line ends, NUL, and the line breaks only YAML counts: the text path
# normalises or reports them (and knows their lines).
_YAML_BYTES_SPECIAL: Final = re.compile(rb"\xef\xbb\xbf|\r|\x00|\xc2\x85|\xe2\x80[\xa8\xa9]")


def _yaml_bytes_ok(raw: bytes) -> bool:
    """Whether libyaml may read ``raw`` as it is, with the same result as its text.

    Valid UTF-8 (checked a chunk at a time, never decoded whole), not blank,
    and nothing that :func:`_normalize_text` or :func:`not_text_problem` would
    change or report. Anything else takes the text path, which says what is wrong.
    """
    if _YAML_PARSER is yaml.SafeLoader or raw.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return False
    if _YAML_BYTES_SPECIAL.search(raw) is not None:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    blank = True
    try:
        for start in range(0, len(raw), _YAML_BYTES_CHUNK):
            chunk = decoder.decode(raw[start : start + _YAML_BYTES_CHUNK])
            if blank and chunk and not chunk.isspace():
                blank = False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return not blank


@_guarded
def load_yaml(text: str | bytes, source: str) -> LoadResult:
    """Load a catalogue written in YAML (safe subset: no aliases, no custom tags).

    ``text`` may also be the file's UTF-8 bytes when :func:`_yaml_bytes_ok`
    admits them: libyaml reads bytes as they are, and a large catalogue is then
    never held as a Python string (up to four bytes a character) beside its data.
    """
    try:
        data, lines, duplicates = _yaml_data(text)
    except yaml.MarkedYAMLError as exc:
        line_at = _yaml_lines(text)
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in str(exc.problem):
            # PyYAML >= 6.0.4 stops runaway nesting itself: report it as our own limit.
            raise _Malformed(line_at(mark), _TOO_DEEP) from None
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            context = exc.context
            start, end = exc.context_mark, exc.problem_mark
            if start is not None and end is not None and start.line != end.line:
                context += f" started at line {line_at(start)}"
            message = f"{context}: {exc.problem}"
        if mark is not None:
            message += f" (column {mark.column + 1})"
        raise _Malformed(line_at(mark), f"invalid YAML: {message}") from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, PyYAML's reader in characters.
        if isinstance(text, bytes):
            line = text.count(b"\n", 0, exc.position) + 1
        elif _YAML_PARSER is yaml.SafeLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = text.encode("utf-8").count(b"\n", 0, exc.position) + 1
        raise _Malformed(
            line, f"invalid YAML: {exc.reason} (character {chr(exc.character)!r})"
        ) from None
    except yaml.YAMLError as exc:
        raise _Malformed(None, f"invalid YAML: {exc}") from None
    return _with_duplicates(load_data(data, source, lines, consume=True), source, duplicates)


def _with_duplicates(
    result: LoadResult, source: str, duplicates: list[tuple[KeyPath, int, int]]
) -> LoadResult:
    """Add the duplicate mapping keys a parser silently collapsed."""
    for path, line, first in duplicates:
        result.problems.append(
            Problem(
                Location(source, line),
                f"{_describe(path)} is given twice (first at line {first}); the last value is used",
                "duplicate_field",
            )
        )
    result.problems.sort(key=_problem_line)
    return result


def _describe(path: KeyPath) -> str:
    """``path`` as a user reads it: ``entries[3].url``."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return f"field {out!r}"


# --------------------------------------------------------------------------- registry

#: Loaders by file suffix: ``loader(text, source_name) -> LoadResult``. Other
#: modules register more formats here (``FORMATS[".bib"] = load_bibtex``); the
#: longest matching suffix wins, so ``.csl.json`` can differ from ``.json``.
FORMATS: dict[str, Callable[[str, str], LoadResult]] = {
    ".yaml": load_yaml,
    ".yml": load_yaml,
    ".toml": load_toml,
    ".json": load_json,
}


def _register_importers() -> None:
    # Importers register themselves on import; import them only when a file
    # needs them (markdown-it-py costs time in builds that never read a README).
    from . import awesome, bibtex, csljson  # noqa: F401


def _format_for(name: str) -> Callable[[str, str], LoadResult] | None:
    name = name.lower()
    if not name.endswith((".yaml", ".yml", ".toml")):
        # .md, .bib, .csl.json, and .json (which may be CSL-JSON) need the importers.
        _register_importers()
    matches = [suffix for suffix in FORMATS if name.endswith(suffix.lower())]
    return FORMATS[max(matches, key=len)] if matches else None


def _known_formats() -> str:
    return ", ".join(sorted(FORMATS))


def _normalize_text(text: str) -> str:
    """Drop a byte order mark and turn CRLF/CR line ends into LF, as editors show them."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Malformed(1, "the file is encoded as UTF-16; save it as UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Malformed(
            line,
            f"the file is not valid UTF-8: byte 0x{raw[exc.start]:02x} at column {column}"
            " (save the file as UTF-8)",
        ) from None


def _too_large(size: int, source: str) -> CatalogueError:
    return CatalogueError(
        f"the catalogue file is too large ({size / 2**20:.1f} MiB; at most"
        f" {MAX_FILE_SIZE // 2**20} MiB): split it into several catalogues",
        Location(source),
    )


def _read_bytes(file: Path, source: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_SIZE` bytes."""
    mode = file.stat().st_mode  # before opening: opening a pipe blocks
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(file)
    if not stat.S_ISREG(mode):  # a pipe or a device could block or never end
        raise CatalogueError(
            "is not a regular file (a pipe, socket or device), not a catalogue file",
            Location(source),
        )
    with file.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_SIZE:
            raise _too_large(size, source)
        # read(n) allocates n bytes up front: ask for the size found, then for
        # the rest only if the file grew meanwhile.
        raw = handle.read(size + 1)
        if len(raw) > size:
            raw += handle.read(MAX_FILE_SIZE + 1 - len(raw))
    if len(raw) > MAX_FILE_SIZE:
        raise _too_large(len(raw), source)
    return raw


def load_source(path: str | os.PathLike[str], *, display: str | None = None) -> LoadResult:
    """Load one catalogue file; the format comes from its suffix.

    ``display`` is the source name problems and entries are located with
    (default: ``path`` as given). Raises :class:`CatalogueError` only when the
    file has an unknown suffix or cannot be read; everything wrong *inside* the
    file is a problem of the result.
    """
    file = Path(path)
    source = display if display is not None else os.fspath(path)
    loader = _format_for(file.name)
    if loader is None:
        raise CatalogueError(
            f"unknown catalogue format {file.suffix or file.name!r}; known suffixes:"
            f" {_known_formats()}",
            Location(source),
        )
    # No local name holds the bytes: _load_file lets go of them once decoded.
    return _load_file(loader, _read_file(file, source), source)


def _read_file(file: Path, source: str) -> bytes:
    try:
        return _read_bytes(file, source)
    except FileNotFoundError:
        raise CatalogueError("catalogue file not found", Location(source)) from None
    except IsADirectoryError:
        raise CatalogueError("is a directory, not a catalogue file", Location(source)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CatalogueError(f"cannot read catalogue file: {reason}", Location(source)) from None


def _load_file(loader: Callable[[str, str], LoadResult], raw: bytes, source: str) -> LoadResult:
    # A large YAML catalogue goes to libyaml as bytes: never a str as well.
    if loader is load_yaml and _yaml_bytes_ok(raw):
        return load_yaml(raw, source)
    try:
        text = _decode(raw)
    except _Malformed as exc:
        return syntax_problem(source, exc.line, exc.message)
    del raw  # not kept alive through the parse
    return _load_normalized(loader, _normalize_text(text), source)


def load_text(text: str, source: str, fmt: str) -> LoadResult:
    """Load a catalogue from ``text``; ``fmt`` is a registered suffix, ``"yaml"`` or ``".yaml"``."""
    suffix = fmt.lower() if fmt.startswith(".") else f".{fmt.lower()}"
    _register_importers()
    loader = FORMATS.get(suffix)
    if loader is None:
        raise CatalogueError(
            f"unknown catalogue format {fmt!r}; known: {_known_formats()}", Location(source)
        )
    if len(text) > MAX_FILE_SIZE:
        raise _too_large(len(text.encode("utf-8", "surrogatepass")), source)
    return _load_normalized(loader, _normalize_text(text), source)


def _load_normalized(
    loader: Callable[[str, str], LoadResult], text: str, source: str
) -> LoadResult:
    if not text or text.isspace():  # (strip() would copy a whole large file)
        return LoadResult(
            Catalogue(sources=[source]),
            [Problem(Location(source, 1), "the catalogue file is empty", "empty")],
        )
    return not_text_problem(text, source) or loader(text, source)


_NUL_OR_SURROGATE_RE: Final = re.compile("[\x00\ud800-\udfff]")


def not_text_problem(text: str, source: str) -> LoadResult | None:
    """The ``syntax`` result for text that holds a NUL or an unpaired surrogate, else None.

    Every loader starts with this check (importers called directly too), so
    that no parser sees such characters and no message repeats them.
    """
    bad = _NUL_OR_SURROGATE_RE.search(text)
    if bad is None:
        return None
    at = bad.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    if bad.group(0) == "\x00":
        message = (
            f"the file contains a NUL byte (column {column}): a catalogue file is text;"
            " is it a binary file, or saved in another encoding such as UTF-16?"
        )
    else:  # only text given as a string can hold one: a decoded file cannot
        message = (
            f"the text contains an unpaired surrogate (U+{ord(bad.group(0)):04X}, column"
            f" {column}), which is not Unicode text"
        )
    return syntax_problem(source, line, message)


# --------------------------------------------------------------------------- validation


def url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` may not be linked to, as ``(code, reason)``; ``None`` if it is fine.

    Only absolute ``http``, ``https``, ``mailto`` and ``doi`` URLs pass:
    ``javascript:``, ``data:``, ``vbscript:``, other schemes and relative paths
    would let a catalogue inject script or broken links into the pages.
    """
    if _URL_BAD_CHAR_RE.search(url):
        return "invalid_field", "contains spaces or control characters (encode spaces as %20)"
    if "\\" in url:
        # Not a URL character (RFC 3986); browsers read it as "/", and man pages
        # and LaTeX as the start of a command.
        return "invalid_field", "contains a backslash, which URLs do not allow (write it as %5C)"
    match = _SCHEME_RE.match(url)
    if match is None:
        hint = f"; did you mean 'https://{url}'?" if url.lower().startswith("www.") else ""
        return "unsafe_url", (
            "is not an absolute URL: relative paths are not allowed, use"
            f" http://, https://, mailto: or doi:{hint}"
        )
    scheme = match.group(1).lower()
    if scheme not in SAFE_URL_SCHEMES:
        return "unsafe_url", (
            f"uses the scheme {scheme + ':'!r}, which is not allowed"
            " (allowed: http:, https:, mailto:, doi:)"
        )
    rest = url[match.end() :]
    if scheme in ("http", "https") and not re.match(r"//[^/?#]+", rest):
        return "invalid_field", "has no host name"
    if scheme == "doi" and not _DOI_RE.fullmatch(rest):
        return "invalid_field", "is not a DOI (expected doi:10.NNNN/...)"
    if not rest:
        return "invalid_field", "is incomplete"
    return None


# C0 and C1 control characters but tab and line ends, and unpaired UTF-16
# surrogates: no writer can show them (a surrogate cannot even be written as
# UTF-8), and escape sequences would reach terminals.
_NOT_TEXT_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _not_text(value: str) -> str | None:
    """Why ``value`` cannot be catalogue text, or ``None`` when it can."""
    found = _NOT_TEXT_RE.search(value)
    if found is None:
        return None
    char = found.group(0)
    what = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"contains {what} (U+{ord(char):04X} at position {found.start() + 1}), which is not text"


def _kind(value: object, *, integers: bool = True) -> str:
    """The name of a value's type in the words of the catalogue format; with
    ``integers=False`` every number is "a number" (CSL-JSON's words: JSON has no
    integers of its own)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int) and integers:
        return "an integer"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (date, time)):
        return "a date or time"
    return f"a {type(value).__name__}"


def _closest(name: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"valid fields: {', '.join(choices)}"


class _Invalid:
    """Marker: a field was present but unusable (a problem has been reported)."""


_INVALID: Final = _Invalid()


class _Validator:
    """Turns parsed data into model objects, collecting a problem per mistake."""

    def __init__(self, source: str, lines: LineMap) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []

    def location(self, path: KeyPath) -> Location:
        return Location(self.source, self.lines.line(path))

    def report(self, path: KeyPath, code: str, message: str) -> None:
        self.problems.append(Problem(self.location(path), message, code))

    # -- generic fields -------------------------------------------------------

    def unknown_fields(
        self, raw: Mapping[Any, Any], path: KeyPath, what: str, allowed: Sequence[str]
    ) -> None:
        for name in raw:
            if name not in allowed:
                self.report(
                    (*path, name),
                    "unknown_field",
                    f"{what}: unknown field {name!r} (ignored); {_closest(str(name), allowed)}",
                )

    def text(
        self,
        raw: Mapping[str, Any],
        name: str,
        path: KeyPath,
        what: str,
        *,
        required: bool = False,
        consequence: str = "",
    ) -> str | _Invalid | None:
        """A string field, stripped; ``None`` when absent or empty."""
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required:
                state = "is empty" if name in raw and value == "" else "is missing"
                self.report(
                    (*path, name) if name in raw else path,
                    "missing_field",
                    f"{what}: required field {name!r} {state}{consequence}",
                )
                return _INVALID
            return None
        if not isinstance(value, str):
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be a string, not {_kind(value)}"
                f"{consequence if required else ' (field ignored)'}",
            )
            return _INVALID
        reason = _not_text(value)
        if reason is not None:
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} {reason}{consequence if required else ' (field ignored)'}",
            )
            return _INVALID
        return value

    def strings(
        self,
        raw: Mapping[str, Any],
        name: str,
        path: KeyPath,
        what: str,
        *,
        single: bool,
    ) -> tuple[str, ...]:
        """A list-of-strings field; a lone string is accepted when ``single``."""
        value = raw.get(name)
        if value is None:
            return ()
        if isinstance(value, str) and single:
            value = [value]
        if not isinstance(value, list):
            expected = "a list of strings or one string" if single else "a list of strings"
            self.report(
                (*path, name),
                "invalid_field",
                f"{what}: field {name!r} must be {expected}, not {_kind(value)} (field ignored)",
            )
            return ()
        out: dict[str, None] = {}  # ordered and deduplicated in linear time
        for index, item in enumerate(value):
            if not isinstance(item, str):
                self.report(
                    (*path, name, index),
                    "invalid_field",
                    f"{what}: item {index + 1} of {name!r} must be a string, not {_kind(item)}"
                    " (item ignored)",
                )
            elif (reason := _not_text(item)) is not None:
                self.report(
                    (*path, name, index),
                    "invalid_field",
                    f"{what}: item {index + 1} of {name!r} {reason} (item ignored)",
                )
            elif item.strip():
                out.setdefault(item.strip())
        return tuple(out)

    def mappings(self, data: Mapping[str, Any], name: str) -> list[tuple[KeyPath, dict[Any, Any]]]:
        """The mapping items of a top-level list, reporting anything else."""
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(
                (name,),
                "invalid_field",
                f"{name!r} must be a list of mappings, not {_kind(value)} (ignored)",
            )
            return []
        out: list[tuple[KeyPath, dict[Any, Any]]] = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out.append(((name, index), item))
            else:
                self.report(
                    (name, index),
                    "invalid_field",
                    f"{name} item {index + 1} must be a mapping, not {_kind(item)} (skipped)",
                )
        return out

    # -- categories and flags -------------------------------------------------

    def slug(self, raw: Mapping[str, Any], path: KeyPath, what: str) -> str | None:
        slug = self.text(raw, "slug", path, what, required=True, consequence=f" ({what} skipped)")
        if not isinstance(slug, str):
            return None
        if not _SLUG_RE.fullmatch(slug):
            fixed = normalize(slug).replace("_", "-")
            hint = f"; did you mean {fixed!r}?" if fixed and _SLUG_RE.fullmatch(fixed) else ""
            self.report(
                (*path, "slug"),
                "invalid_field",
                f"{what} slug {slug!r} is not a slug: use lower-case letters, digits and"
                f" hyphens ({what} skipped){hint}",
            )
            return None
        return slug

    def category(self, raw: Mapping[str, Any], path: KeyPath) -> Category | None:
        self.unknown_fields(raw, path, "category", _CATEGORY_FIELDS)
        slug = self.slug(raw, path, "category")
        what = f"category {slug!r}" if slug else "category"
        title = self.text(raw, "title", path, what)
        description = self.text(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        order = raw.get("order")
        if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
            self.report(
                (*path, "order"),
                "invalid_field",
                f"{what}: field 'order' must be an integer, not {_kind(order)} (field ignored)",
            )
            order = None
        if slug is None:
            return None
        return Category(
            slug,
            title if isinstance(title, str) else "",
            description if isinstance(description, str) else "",
            aliases,
            order or 0,
            self.location(path),
        )

    def flag(self, raw: Mapping[str, Any], path: KeyPath) -> Flag | None:
        self.unknown_fields(raw, path, "flag", _FLAG_FIELDS)
        slug = self.slug(raw, path, "flag")
        what = f"flag {slug!r}" if slug else "flag"
        label = self.text(raw, "label", path, what)
        emoji = self.text(raw, "emoji", path, what)
        description = self.text(raw, "description", path, what)
        aliases = self.strings(raw, "aliases", path, what, single=True)
        if slug is None:
            return None
        return Flag(
            slug,
            label if isinstance(label, str) else "",
            emoji if isinstance(emoji, str) else "",
            description if isinstance(description, str) else "",
            aliases,
            self.location(path),
        )

    # -- entries --------------------------------------------------------------

    def url(
        self, raw: Mapping[str, Any], name: str, path: KeyPath, what: str, *, required: bool
    ) -> str | _Invalid | None:
        skipped = " (entry skipped)" if required else " (field ignored)"
        value = self.text(raw, name, path, what, required=required, consequence=skipped)
        if not isinstance(value, str):
            return value
        problem = url_problem(value)
        if problem is None:
            return value
        code, reason = problem
        self.report((*path, name), code, f"{what}: {name} {value!r} {reason}{skipped}")
        return _INVALID

    def entry(
        self, raw: Mapping[str, Any], path: KeyPath, number: int
    ) -> tuple[Entry, bool] | None:
        """The entry and its ``override`` flag, or ``None`` when it must be skipped."""
        key = raw.get("key")
        what = (
            f"entry {key.strip()!r}" if isinstance(key, str) and key.strip() else f"entry #{number}"
        )
        skipped = " (entry skipped)"
        self.unknown_fields(raw, path, what, _ENTRY_KEYS)
        key = self.text(raw, "key", path, what, required=True, consequence=skipped)
        if isinstance(key, str) and not _KEY_RE.fullmatch(key):
            self.report(
                (*path, "key"),
                "invalid_field",
                f"{what}: key {key!r} may only contain letters, digits and _-:.{skipped}",
            )
            key = _INVALID
        title = self.text(raw, "title", path, what, required=True, consequence=skipped)
        url = self.url(raw, "url", path, what, required=True)
        category = self.text(raw, "category", path, what, required=True, consequence=skipped)
        ok = all(isinstance(v, str) for v in (key, title, url, category))

        flags = self.strings(raw, "flags", path, what, single=True)
        authors = self.strings(raw, "authors", path, what, single=False)
        tags = self.strings(raw, "tags", path, what, single=True)
        kind = self.text(raw, "type", path, what)
        venue = self.text(raw, "venue", path, what)
        summary = self.text(raw, "summary", path, what)
        archived = self.url(raw, "archived_url", path, what, required=False)
        doi = self.text(raw, "doi", path, what)
        if isinstance(doi, str):
            bare = _DOI_PREFIX_RE.sub("", doi, count=1)
            if _DOI_RE.fullmatch(bare):
                doi = bare
            else:
                self.report(
                    (*path, "doi"),
                    "invalid_field",
                    f"{what}: doi {doi!r} is not a DOI (expected 10.NNNN/...) (field ignored)",
                )
                doi = None
        year = raw.get("year")
        if isinstance(year, float) and year.is_integer():
            year = int(year)  # JSON Schema counts 2015.0 as an integer too
        if year is not None:
            if isinstance(year, bool) or not isinstance(year, int):
                self.report(
                    (*path, "year"),
                    "invalid_field",
                    f"{what}: field 'year' must be an integer, not {_kind(year)} (field ignored)",
                )
                year = None
            elif not YEAR_MIN <= year <= YEAR_MAX:
                self.report(
                    (*path, "year"),
                    "invalid_field",
                    f"{what}: year {year} is not between {YEAR_MIN} and {YEAR_MAX} (field ignored)",
                )
                year = None
        override = raw.get("override", False)
        if not isinstance(override, bool):
            self.report(
                (*path, "override"),
                "invalid_field",
                f"{what}: field 'override' must be true or false, not {_kind(override)}"
                " (treated as false)",
            )
            override = False

        if not ok:
            return None
        # Narrowing for mypy; ``ok`` has checked all four.
        assert isinstance(key, str)
        assert isinstance(title, str)
        assert isinstance(url, str)
        assert isinstance(category, str)
        entry = Entry(
            key=key,
            title=title,
            url=url,
            category=category,
            flags=flags,
            type=normalize(kind) if isinstance(kind, str) else "other",
            authors=authors,
            year=year,
            venue=venue if isinstance(venue, str) else None,
            doi=doi if isinstance(doi, str) else None,
            summary=summary if isinstance(summary, str) else None,
            tags=tags,
            archived_url=archived if isinstance(archived, str) else None,
            location=self.location(path),
        )
        return entry, override


def _problem_line(problem: Problem) -> int:
    return problem.location.line or 0


_Definition = TypeVar("_Definition", Category, Flag)


def _definitions(
    check: _Validator,
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
    check = _Validator(source, line_map)
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
            f" 'entries', not {_kind(data)}",
        )
    check.unknown_fields(data, (), "catalogue", _TOP_FIELDS)

    categories = _definitions(check, data, "categories", "category", check.category)
    flags = _definitions(check, data, "flags", "flag", check.flag)

    entries: dict[str, Entry] = {}
    overrides: set[str] = set()
    field_lines: dict[tuple[str, str], int] = {}
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
            line = line_map.get((*path, name))
            if line is not None:
                field_lines[entry.key, name] = line

    excludes: dict[str, Location] = {}
    exclude = data.get("exclude")
    if exclude is not None:
        check.strings(data, "exclude", (), "catalogue", single=True)  # reports bad items
        items = exclude if isinstance(exclude, list) else [exclude]
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                excludes.setdefault(item.strip(), check.location(("exclude", index)))

    check.problems.sort(key=_problem_line)
    return LoadResult(
        Catalogue(categories.values(), flags.values(), entries.values(), [source]),
        check.problems,
        frozenset(overrides),
        tuple(excludes.items()),
        field_lines,
    )


# --------------------------------------------------------------------------- merging


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


def _merge_category(old: Category, new: Category) -> Category:
    return Category(
        old.slug,
        new.title or old.title,
        new.description or old.description,
        _union(old.aliases, new.aliases),
        new.order or old.order,
        old.location,
    )


def _merge_flag(old: Flag, new: Flag) -> Flag:
    return Flag(
        old.slug,
        new.label or old.label,
        new.emoji or old.emoji,
        new.description or old.description,
        _union(old.aliases, new.aliases),
        old.location,
    )


def _origin(catalogue: Catalogue) -> Location:
    return Location(catalogue.sources[0] if catalogue.sources else "<catalogue>")


def _field_location(
    entry: Entry, name: str, field_lines: Mapping[tuple[str, str], int]
) -> Location | None:
    line = field_lines.get((entry.key, name))
    if line is None or entry.location is None:
        return entry.location
    return Location(entry.location.source, line)


class _Resolver:
    """Resolves names through a :class:`NameIndex`, once per distinct name."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.cache: dict[str, str | UnknownNameError] = {}

    def __call__(self, name: str) -> str | UnknownNameError:
        found = self.cache.get(name)
        if found is None:
            try:
                found = self.index.resolve(name)
            except UnknownNameError as exc:
                found = exc
            self.cache[name] = found
        return found


def merge(results: Sequence[LoadResult]) -> LoadResult:
    """Combine catalogues in order (the built-in one usually first).

    - A category or flag defined again: the later definition's non-empty
      fields win and aliases add up, so a catalogue can retitle one.
    - An entry key defined again: a ``duplicate_key`` problem, the first is
      kept, unless the later entry says ``override: true``.
    - ``exclude: [keys]`` removes entries of the catalogues before it.
    - Then every entry's category and flags are resolved (by slug, title or
      alias) to slugs: an unknown category skips the entry, an unknown flag is
      dropped from it, each with a problem naming the closest valid names.

    The problems of all ``results`` come first in the merged result.
    """
    categories: dict[str, Category] = {}
    flags: dict[str, Flag] = {}
    entries: dict[str, Entry] = {}
    field_lines: dict[tuple[str, str], int] = {}
    problems: list[Problem] = []
    sources: list[str] = []
    for result in results:
        problems.extend(result.problems)
        sources.extend(s for s in result.catalogue.sources if s not in sources)
        for category in result.catalogue.categories.values():
            old_category = categories.get(category.slug)
            if old_category is not None:
                categories[category.slug] = _merge_category(old_category, category)
            elif not category.order and categories:
                # No order given: a category a later catalogue adds goes after the others.
                last = max(c.order for c in categories.values())
                categories[category.slug] = replace(category, order=last + 1)
            else:
                categories[category.slug] = category
        for flag in result.catalogue.flags.values():
            old_flag = flags.get(flag.slug)
            flags[flag.slug] = flag if old_flag is None else _merge_flag(old_flag, flag)
        for key, location in result.excludes:
            if entries.pop(key, None) is None:
                close = difflib.get_close_matches(key, list(entries), n=3, cutoff=0.7)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                problems.append(
                    Problem(
                        location,
                        f"exclude: no earlier catalogue has an entry {key!r}{hint}",
                        "unknown_key",
                    )
                )
        for entry in result.catalogue:
            first = entries.get(entry.key)
            if first is not None and entry.key not in result.overrides:
                problems.append(
                    Problem(
                        entry.location or _origin(result.catalogue),
                        f"duplicate entry key {entry.key!r}: first defined at {first.location};"
                        " this entry is ignored (add 'override: true' to replace the first)",
                        "duplicate_key",
                    )
                )
                continue
            entries[entry.key] = entry
            for name in ("category", "flags"):
                line = result.field_lines.get((entry.key, name))
                if line is not None:
                    field_lines[entry.key, name] = line
                else:
                    field_lines.pop((entry.key, name), None)

    fallback = sources[0] if sources else "<catalogue>"
    merged: dict[str, Category] = {}
    for slug, category in categories.items():
        if not category.title:
            problems.append(
                Problem(
                    category.location or Location(fallback),
                    f"category {slug!r} has no title in any catalogue (the slug is used)",
                    "missing_field",
                )
            )
            category = dataclasses.replace(category, title=slug)
        merged[slug] = category
    merged_flags: dict[str, Flag] = {}
    for slug, flag in flags.items():
        if not flag.label:
            problems.append(
                Problem(
                    flag.location or Location(fallback),
                    f"flag {slug!r} has no label in any catalogue (the slug is used)",
                    "missing_field",
                )
            )
            flag = dataclasses.replace(flag, label=slug)
        merged_flags[slug] = flag

    names = Catalogue(merged.values(), merged_flags.values())
    resolve_category = _Resolver(category_index(names))
    resolve_flag = _Resolver(flag_index(names))
    resolved: list[Entry] = []
    for entry in entries.values():
        found = resolve_category(entry.category)
        if isinstance(found, UnknownNameError):
            problems.append(
                Problem(
                    _field_location(entry, "category", field_lines) or Location(fallback),
                    f"entry {entry.key!r}: {found.message} (entry skipped)",
                    "unknown_category",
                )
            )
            continue
        slug = found
        entry_flags: list[str] = []
        for name in entry.flags:
            flag_slug = resolve_flag(name)
            if isinstance(flag_slug, UnknownNameError):
                problems.append(
                    Problem(
                        _field_location(entry, "flags", field_lines) or Location(fallback),
                        f"entry {entry.key!r}: {flag_slug.message} (flag dropped)",
                        "unknown_flag",
                    )
                )
            elif flag_slug not in entry_flags:
                entry_flags.append(flag_slug)
        if slug != entry.category or tuple(entry_flags) != entry.flags:
            entry = dataclasses.replace(entry, category=slug, flags=tuple(entry_flags))
        resolved.append(entry)

    kept = {entry.key for entry in resolved}
    return LoadResult(
        Catalogue(merged.values(), merged_flags.values(), resolved, sources),
        problems,
        field_lines={k: v for k, v in field_lines.items() if k[0] in kept},
    )

"""YAML: built from PyYAML's event stream, so every value keeps its line.

``yaml.safe_load`` loses positions and silently keeps the last of duplicate
keys; building the data from the events (with libyaml when installed) gives
both, refuses aliases, merge keys and custom tags, and bounds nesting.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any, Final

import yaml

from .lines import LineMap, Members, line_finder
from .raw import (
    HUGE_NUMBER_RE,
    MAX_DEPTH,
    TOO_DEEP,
    Malformed,
    Raw,
    duplicate_problems,
    huge_number,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .lines import KeyPath
    from .raw import Duplicate

__all__ = ["YAML_PARSER", "read_yaml", "scan_yaml", "yaml_bytes_ok"]

YAML_PARSER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
        raise Malformed(line, "YAML merge keys (<<) are not supported in catalogue files")
    if tag not in scalars.yaml_constructors:
        raise Malformed(line, f"the YAML tag {tag!r} is not supported")
    try:
        value = scalars.construct_object(yaml.ScalarNode(tag, text, style=style))
    except Exception:  # "!!int abc" (ValueError), "!!int ''" (IndexError), bad timestamps, ...
        if HUGE_NUMBER_RE.search(text):
            huge = huge_number(text, "YAML")
            raise Malformed(line, huge.message) from None
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise Malformed(line, f"{shown!r} is not a valid {tag!r}") from None
    scalars.constructed_objects.clear()  # no need to keep every scalar alive
    return value


_YAML_ONLY_BREAKS: Final = re.compile("[\x85\u2028\u2029]")


def _yaml_lines(text: str | bytes) -> Callable[[Any], int | None]:
    """A function from a YAML mark to its 1-based line, counting ``\n`` only as editors do.

    YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029 (PyYAML's
    ``mark.line`` counts them); the mark's character index does not. (Bytes
    come from :func:`yaml_bytes_ok`, which admits none of them.)
    """
    if isinstance(text, bytes) or _YAML_ONLY_BREAKS.search(text) is None:
        return lambda mark: int(mark.line) + 1 if mark is not None else None
    line_of = line_finder(text)
    return lambda mark: line_of(int(mark.index)) if mark is not None else None


# One loop on purpose: it runs once per YAML event (~200,000 for 10,000 entries).
# Moving scalar construction and placement into helpers (two calls per event)
# measured 5-10% slower on a 10,000-entry file (timeit, min of 7: 464-480 ms
# -> 504-510 ms from bytes with libyaml), so the branches stay inline. (RUF100: until
# C901 and PLR091x are enabled in pyproject.toml.)
def scan_yaml(text: str | bytes) -> tuple[object, LineMap, list[Duplicate]]:  # noqa: C901, PLR0912, PLR0915, RUF100
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
    duplicates: list[Duplicate] = []
    # Each frame: path, container, pending key (a list of at most one), the
    # lines of the container's members.
    stack: list[tuple[KeyPath, dict[Any, Any] | list[Any], list[Any], Members]] = []
    root: object = None
    documents = 0
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    events = YAML_PARSER(text)
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
                    raise Malformed(line, f"the YAML tag {tag!r} is not supported")
                value = {} if kind is MappingStartEvent else []
            elif kind is yaml.AliasEvent:
                raise Malformed(
                    line,
                    f"YAML aliases (*{event.anchor}) are not supported in catalogue files;"
                    " write the value out",
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Malformed(
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
                            raise Malformed(line, "complex YAML mapping keys are not supported")
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
                    raise Malformed(line, TOO_DEEP)
                stack.append((path, value, [], lines.members(path, line)))
    finally:
        events.dispose()
    return root, lines, duplicates


_YAML_BYTES_CHUNK: Final = 1 << 16
# A BOM, CR line ends, NUL, and the line breaks only YAML counts: the text path
# normalises or reports them (and knows their lines).
_YAML_BYTES_SPECIAL: Final = re.compile(rb"\xef\xbb\xbf|\r|\x00|\xc2\x85|\xe2\x80[\xa8\xa9]")


def yaml_bytes_ok(raw: bytes) -> bool:
    """Whether libyaml may read ``raw`` as it is, with the same result as its text.

    Valid UTF-8 (checked a chunk at a time, never decoded whole), not blank,
    and nothing that :func:`.files.normalize_text` or :func:`.files.not_text` would
    change or report. Anything else takes the text path, which says what is wrong.
    """
    if YAML_PARSER is yaml.SafeLoader or raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
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


def read_yaml(text: str | bytes, source: str) -> Raw:
    """Read a native catalogue written in YAML (safe subset: no aliases, no custom tags).

    ``text`` may also be the file's UTF-8 bytes when :func:`yaml_bytes_ok`
    admits them: libyaml reads bytes as they are, and a large catalogue is then
    never held as a Python string (up to four bytes a character) beside its data.
    """
    try:
        data, lines, duplicates = scan_yaml(text)
    except yaml.MarkedYAMLError as exc:
        line_at = _yaml_lines(text)
        mark = exc.problem_mark or exc.context_mark
        if "nesting depth" in str(exc.problem):
            # PyYAML >= 6.0.4 stops runaway nesting itself: report it as our own limit.
            raise Malformed(line_at(mark), TOO_DEEP) from None
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            context = exc.context
            start, end = exc.context_mark, exc.problem_mark
            if start is not None and end is not None and start.line != end.line:
                context += f" started at line {line_at(start)}"
            message = f"{context}: {exc.problem}"
        if mark is not None:
            message += f" (column {mark.column + 1})"
        raise Malformed(line_at(mark), f"invalid YAML: {message}") from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, PyYAML's reader in characters.
        if isinstance(text, bytes):
            line = text.count(b"\n", 0, exc.position) + 1
        elif YAML_PARSER is yaml.SafeLoader:
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = text.encode("utf-8").count(b"\n", 0, exc.position) + 1
        raise Malformed(
            line, f"invalid YAML: {exc.reason} (character {chr(exc.character)!r})"
        ) from None
    except yaml.YAMLError as exc:
        raise Malformed(None, f"invalid YAML: {exc}") from None
    return Raw(data, lines, duplicate_problems(source, duplicates))

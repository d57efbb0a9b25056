"""JSON: :mod:`json` parses, :func:`scan_json` finds the lines it does not report."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Final

from .lines import ContainerFrame, LineMap
from .raw import MAX_DEPTH, TOO_DEEP, Malformed, Raw, duplicate_problems, huge_number

if TYPE_CHECKING:
    from .lines import KeyPath
    from .raw import Duplicate

__all__ = ["parse_json", "read_json", "scan_json"]

# Strings (with a trailing colon when they are object keys), brackets and
# literals; commas, colons and whitespace are skipped, as items are counted.
_JSON_TOKEN: Final = re.compile(
    r'[ \t\n\r,:]*(?:("[^"\\]*(?:\\.[^"\\]*)*")([ \t\n\r]*:)?|([{}\[\]])|([^ \t\n\r{}\[\],:"]+))',
    re.S,
)


def scan_json(text: str) -> tuple[LineMap, list[Duplicate]]:
    """Lines of every key and list item of valid JSON ``text``, and duplicate keys.

    Run only after :func:`json.loads` accepted the text, so it need not
    validate; it is iterative, so deep nesting cannot overflow the stack.
    """
    lines = LineMap()
    duplicates: list[Duplicate] = []
    stack: list[ContainerFrame] = []
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
                raise Malformed(line, TOO_DEEP)
            stack.append(ContainerFrame(path, bracket == "{"))
    return lines, duplicates


def parse_json(text: str) -> object:
    """The value of JSON ``text``; :class:`.Malformed` at its line if it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Malformed(exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError:  # a number too long to convert
        raise huge_number(text, "JSON") from None
    except RecursionError:
        scan_json(text)  # raises at the line where nesting passes MAX_DEPTH
        raise


def read_json(text: str, source: str) -> Raw:
    """Read a native catalogue written in JSON."""
    data = parse_json(text)
    lines, duplicates = scan_json(text)
    return Raw(data, lines, duplicate_problems(source, duplicates))

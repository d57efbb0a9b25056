"""TOML: :mod:`tomllib` parses, :func:`scan_toml` finds the lines it does not report."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Final

from .lines import ContainerFrame, LineMap, line_finder, skip
from .raw import MAX_DEPTH, TOO_DEEP, Malformed, Raw, huge_number

if TYPE_CHECKING:
    from .lines import KeyPath

__all__ = ["TomlLines", "read_toml", "scan_toml"]

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


class TomlLines:
    """Finds the lines of keys, tables and array items of valid TOML text.

    tomllib reports no positions, so this re-reads the text the parser has
    already accepted: it only has to tell strings, comments, headers and
    brackets apart, never to validate.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_of = line_finder(text)
        self.lines = LineMap()
        # Array-of-tables paths -> how many [[...]] headers were seen so far.
        self.tables: dict[KeyPath, int] = {}

    def scan(self) -> LineMap:
        text = self.text
        pos = 0
        base: KeyPath = ()
        while True:
            pos = skip(_TOML_SKIP, text, pos)
            if pos >= len(text):
                return self.lines
            line = self.line_of(pos)
            simple = _TOML_SIMPLE_PAIR.match(text, pos)
            if simple is not None:  # the common line, read in one step
                self.lines[(*base, simple.group(1))] = line
                pos = simple.end()
            elif text.startswith("[[", pos):
                keys, pos = self._key(pos + 2)
                pos = skip(_TOML_INLINE_WS, text, pos) + 2
                array = (*self._resolve(keys[:-1]), keys[-1])
                count = self.tables.get(array, 0)
                self.tables[array] = count + 1
                if array not in self.lines:
                    self.lines[array] = line
                base = (*array, count)
                self.lines[base] = line
            elif text[pos] == "[":
                keys, pos = self._key(pos + 1)
                pos = skip(_TOML_INLINE_WS, text, pos) + 1
                base = self._resolve(keys)
                if base not in self.lines:
                    self.lines[base] = line
            else:
                start = pos
                keys, pos = self._key(pos)
                pos = skip(_TOML_INLINE_WS, text, pos) + 1
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
        stack: list[ContainerFrame] = []
        want: KeyPath | None = path
        while True:
            if want is not None:
                pos = skip(_TOML_INLINE_WS, text, pos)
                char = text[pos : pos + 1]
                if char in ("[", "{"):
                    if len(stack) >= MAX_DEPTH:
                        raise Malformed(self.line_of(pos), TOO_DEEP)
                    stack.append(ContainerFrame(want, char == "{"))
                    pos += 1
                else:
                    match = _TOML_SCALAR.match(text, pos)
                    pos = match.end() if match else pos + 1
                want = None
                if not stack:
                    return pos
                continue
            top = stack[-1]
            pos = skip(_TOML_SKIP, text, pos)
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
                pos = skip(_TOML_INLINE_WS, text, pos) + 1
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


def read_toml(text: str, source: str) -> Raw:
    """Read a native catalogue written in TOML (tomllib refuses duplicate keys itself)."""
    if text.count(".") >= MAX_DEPTH:  # a key of MAX_DEPTH + 1 parts has MAX_DEPTH dots
        long_key = _TOML_LONG_KEY_RE.search(text)
        if long_key is not None:
            raise Malformed(
                text.count("\n", 0, long_key.start()) + 1,
                f"a dotted key has more than {MAX_DEPTH} parts",
            )
    try:
        data = tomllib.loads(text)
    except RecursionError:
        TomlLines(text).scan()  # raises at the line where nesting passes MAX_DEPTH
        raise
    except tomllib.TOMLDecodeError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        at = _TOML_AT_RE.search(message)
        line = getattr(exc, "lineno", None)
        if at is not None:
            line = line or int(at.group(1))
            message = f"{message[: at.start()]} (column {at.group(2)})"
        raise Malformed(line, f"invalid TOML: {message}") from None
    except ValueError:  # a number too long to convert
        raise huge_number(text, "TOML") from None
    return Raw(data, scan_toml(text))


def scan_toml(text: str) -> LineMap:
    """Lines of every key, table and array item of valid TOML ``text``."""
    return TomlLines(text).scan()

"""What a format reader hands to validation: plain data, its line map, its own problems.

A reader turns the text of one format into :class:`Raw` or raises
:class:`Malformed` for text it cannot read at all; :func:`.validation.validated`
turns either into a :class:`.results.LoadResult`. The limits below keep
hostile input from exhausting the stack or the CPU.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from ..errors import Location, Problem

if TYPE_CHECKING:
    from .lines import KeyPath, LineMap

__all__ = [
    "HUGE_NUMBER_RE",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "TOO_DEEP",
    "Duplicate",
    "Malformed",
    "Raw",
    "duplicate_problems",
    "huge_number",
]

#: Containers nested deeper than this are refused: no catalogue needs it, and
#: deep nesting is how hostile files crash recursive code.
MAX_DEPTH: Final = 64
TOO_DEEP: Final = f"values are nested more than {MAX_DEPTH} levels deep"

#: Python refuses to turn longer digit strings into integers (``sys.get_int_max_str_digits``).
MAX_DIGITS: Final = 4300
HUGE_NUMBER_RE: Final = re.compile(rf"(?<![0-9])[0-9][0-9_]{{{MAX_DIGITS},}}")

#: A mapping key given twice: its path, its line, the line of its first value.
Duplicate = tuple["KeyPath", int, int]


@dataclass
class Raw:
    """One file as a reader found it, before validation.

    ``data`` is the native structure (``{"categories": ..., "entries": ...}``)
    as plain Python values; ``lines`` says where each value was written;
    ``problems`` are what the reader itself found (duplicate keys, skipped
    items, syntax errors of single entries).
    """

    data: object
    lines: LineMap
    problems: list[Problem] = field(default_factory=list)


class Malformed(Exception):
    """Raised by a reader for text it cannot read; becomes one ``syntax`` problem."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def huge_number(text: str, language: str) -> Malformed:
    """The error for a number too long to read (Python caps integer conversion)."""
    match = HUGE_NUMBER_RE.search(text)
    if match is None:  # not expected: the parser refused some other value
        return Malformed(None, f"invalid {language}: a value cannot be read")
    return Malformed(
        text.count("\n", 0, match.start()) + 1,
        f"invalid {language}: a number with {len(match.group(0))} digits is too long"
        f" (at most {MAX_DIGITS} digits)",
    )


def duplicate_problems(source: str, duplicates: list[Duplicate]) -> list[Problem]:
    """The mapping keys a parser silently collapsed, as ``duplicate_field`` problems."""
    return [
        Problem(
            Location(source, line),
            f"{describe(path)} is given twice (first at line {first}); the last value is used",
            "duplicate_field",
        )
        for path, line, first in duplicates
    ]


def describe(path: KeyPath) -> str:
    """``path`` as a user reads it: ``field 'entries[3].url'``."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return f"field {out!r}"

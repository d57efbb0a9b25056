"""The messages for pybtex's syntax errors: what is wrong, at which line, what is skipped.

pybtex reports a BibTeX mistake with an offset into the text (or a line) and
a terse message; :func:`describe_error` turns it into one located problem
that says which entry is skipped and, for an unclosed entry, between which
lines the unbalanced brace or quote is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["describe_error"]

_COMMAND_HEAD_RE: Final = re.compile(r"@[ \t]*([A-Za-z]+)(?:[ \t\n]*([{(])[ \t\n]*([^\s,{}()]*))?")
_NEXT_ENTRY_RE: Final = re.compile(r"^[ \t]*(@)[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


def describe_error(
    text: str, line_of: Callable[[int], int], bib: Any, start: int, error: Any
) -> tuple[int, str, str]:
    """``(line, message, code)`` for a pybtex ``error`` in the command starting at ``start``.

    ``bib`` is the pybtex namespace (its error classes), ``line_of`` maps an
    offset of ``text`` to its line.
    """
    message = str(error.args[0]) if error.args else str(error)
    head = _COMMAND_HEAD_RE.match(text, start)
    what = f"@{''.join(head.groups(''))}" if head else "the entry"
    start_line = line_of(start)
    if isinstance(error, bib.undefined):
        return (
            _error_line(error, line_of, start_line),
            f"{what}: undefined @string macro {message!r} (the field is left empty)",
            "invalid_field",
        )
    if isinstance(error, bib.eof):
        following = _NEXT_ENTRY_RE.search(text, start + 1)
        where = (
            f"between line {start_line} and line {line_of(following.start(1))}"
            f" (where the next entry starts)"
            if following
            else f"after line {start_line}"
        )
        return (
            start_line,
            f"invalid BibTeX: {what} is not closed: a brace or quote {where} is unbalanced;"
            " it and everything after it are skipped",
            "syntax",
        )
    line = _error_line(error, line_of, start_line)
    column = _error_column(error, text)
    if message in ("'}' expected", "')' expected"):
        message = (
            f"expected ',' or {message[:3]} (is a comma missing after the previous field,"
            " or a brace in it unbalanced?)"
        )
    where = f" at column {column}" if column else ""
    started = f" that starts at line {start_line}" if line != start_line else ""
    return line, f"invalid BibTeX{where}: {message}; {what}{started} is skipped", "syntax"


def _error_offset(error: Any) -> int | None:
    info = getattr(error, "error_context_info", None)
    if isinstance(info, tuple) and info and isinstance(info[-1], int):
        return info[-1]
    return None


def _error_line(error: Any, line_of: Callable[[int], int], fallback: int) -> int:
    offset = _error_offset(error)
    if offset is not None:
        return line_of(offset)
    line = getattr(error, "lineno", None)
    return line if isinstance(line, int) else fallback


def _error_column(error: Any, text: str) -> int | None:
    pos = _error_offset(error)
    if pos is None:
        return None
    return pos - (text.rfind("\n", 0, pos) + 1) + 1

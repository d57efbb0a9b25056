"""What the filter language is made of: its names, functions, limits and operator semantics.

The static side of the language, shared by the compiler (:mod:`.compiler`)
and by the documentation and error messages: the fields a filter reads, the
functions it can call, the comparison operators as total functions (never an
exception while evaluating), and the error a bad expression raises.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol

from ..errors import FilterError
from ..model import ENTRY_FIELD_DOCS, Entry
from ..names import fold

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "COMPARE",
    "FILTER_FIELDS",
    "FILTER_FUNCTIONS",
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "NAME_FIELDS",
    "NUMBER_FIELDS",
    "FilterExpressionError",
    "Resolver",
]

#: Longest accepted expression, in characters.
MAX_LENGTH: Final = 2000
#: Deepest accepted nesting of the syntax tree (``not not x`` is 3 deep).
MAX_DEPTH: Final = 32

#: The names a filter can use, with a short description for docs and errors.
FILTER_FIELDS: Final[Mapping[str, str]] = ENTRY_FIELD_DOCS

#: Fields whose string values are names of a kind a ``resolve`` hook knows (``key``:
#: an old key, an entry's alias, is the entry's key).
NAME_FIELDS: Final[Mapping[str, str]] = MappingProxyType(
    {"category": "category", "type": "type", "flags": "flag", "key": "key"}
)


#: Fields holding a number (or None): compared with a string, they never match.
NUMBER_FIELDS: Final = frozenset(
    f.name for f in fields(Entry) if str(f.type).replace(" ", "") in ("int", "int|None")
)


class Resolver(Protocol):
    """Maps a category/flag/type name (``kind`` is ``"category"``, ``"flag"`` or
    ``"type"``) to its slug, or raises :class:`UnknownNameError`; with ``kind``
    ``"key"``, an entry key (an old key to the current one).

    It must be hashable (identity is fine): compiled filters are cached per
    ``(text, resolver)``.
    """

    def __call__(self, kind: str, name: str, /) -> str: ...

    def __hash__(self) -> int: ...


class FilterExpressionError(FilterError):
    """A bad filter expression, with the 1-based character ``offset`` of the problem."""

    def __init__(self, problem: str, expression: str, offset: int) -> None:
        super().__init__(f"{problem} (at column {offset})")
        self.problem = problem
        self.expression = expression
        self.offset = offset

    def excerpt(self) -> str:
        """The expression on one line and a caret under the problem, for terminals."""
        text = " ".join(self.expression.splitlines())
        return f"{text}\n{' ' * (self.offset - 1)}^"


# -- functions a filter can call ---------------------------------------------------------


def _fn_lower(value: object) -> object:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, tuple):
        return tuple(v.lower() if isinstance(v, str) else v for v in value)
    return value


def _fn_len(value: object) -> int:
    return len(value) if isinstance(value, str | tuple | frozenset) else 0


def _fn_contains(value: object, needle: object) -> bool:
    if not isinstance(needle, str):
        return False
    folded = fold(needle)
    if isinstance(value, str):
        return folded in fold(value)
    if isinstance(value, tuple | frozenset):
        return any(isinstance(v, str) and folded in fold(v) for v in value)
    return False


#: Functions a filter can call: name -> (number of arguments, implementation, description).
FUNCTIONS: Final[Mapping[str, tuple[int, Callable[..., object], str]]] = MappingProxyType(
    {
        "contains": (
            2,
            _fn_contains,
            "contains(field, text): case- and accent-insensitive substring test;"
            " on flags/authors/tags, true if any item contains the text",
        ),
        "len": (1, _fn_len, "len(field): length of a string or tuple; 0 for None"),
        "lower": (1, _fn_lower, "lower(field): the value in lower case (None stays None)"),
    }
)

#: Callable functions with a short description, for docs and error messages.
FILTER_FUNCTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {name: spec[2] for name, spec in FUNCTIONS.items()}
)


def _ordered(op: Callable[[Any, Any], Any]) -> Callable[[object, object], bool]:
    """An ordering comparison that is False, not a TypeError, for None or mixed types."""

    def compare(a: object, b: object) -> bool:
        if a is None or b is None:
            return False
        try:
            return bool(op(a, b))
        except TypeError:
            return False

    return compare


def _contained(a: object, b: object) -> bool:
    if isinstance(b, str):
        return isinstance(a, str) and a in b
    if isinstance(b, tuple | frozenset):
        try:
            return a in b
        except TypeError:  # an unhashable value against a set literal
            return False
    return False


def _not_contained(a: object, b: object) -> bool:
    return not _contained(a, b)


COMPARE: Final[Mapping[type[ast.cmpop], Callable[[object, object], bool]]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: _ordered(operator.lt),
    ast.LtE: _ordered(operator.le),
    ast.Gt: _ordered(operator.gt),
    ast.GtE: _ordered(operator.ge),
    ast.In: _contained,
    ast.NotIn: _not_contained,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
}

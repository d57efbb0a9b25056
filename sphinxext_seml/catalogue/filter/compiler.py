"""Checking and compiling a filter: the whitelist over :mod:`ast`, and plain closures.

:class:`Compiler` checks every node of the parsed expression against the
whitelist before anything runs and builds a closure per node;
:func:`compile_filter` caches the result as an :class:`EntryFilter`.
"""

from __future__ import annotations

import ast
import difflib
import functools
import operator
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from ..errors import UnknownNameError
from .language import (
    COMPARE,
    FILTER_FIELDS,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    NAME_FIELDS,
    NUMBER_FIELDS,
    FilterExpressionError,
    Resolver,
)

if TYPE_CHECKING:
    from ..model import Entry

__all__ = ["Compiler", "EntryFilter", "compile_filter"]

# -- the compiled filter -----------------------------------------------------------------


class EntryFilter:
    """A compiled filter: call it with an :class:`Entry` to get a bool.

    ``source`` is the text as written and ``names`` the entry fields it reads.
    Equal (and hashable) by ``(source, resolver)``; pickles by recompiling, so
    it can travel with Sphinx's parallel builds.
    """

    __slots__ = ("_predicate", "names", "resolver", "source")

    def __init__(
        self,
        source: str,
        names: frozenset[str],
        predicate: Callable[[Entry], object],
        resolver: Resolver | None = None,
    ) -> None:
        self.source = source
        self.names = names
        self.resolver = resolver
        self._predicate = predicate

    def __call__(self, entry: Entry) -> bool:
        return bool(self._predicate(entry))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EntryFilter):
            return NotImplemented
        return self.source == other.source and self.resolver is other.resolver

    def __hash__(self) -> int:
        return hash((self.source, id(self.resolver)))

    def __repr__(self) -> str:
        return f"EntryFilter({self.source!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (compile_filter, (self.source, self.resolver))


def compile_filter(text: str, resolve: Resolver | None = None) -> EntryFilter:
    """Check and compile ``text``; raise :class:`FilterExpressionError` if it is bad.

    ``resolve`` (optional) turns category/flag/type names written in the filter
    into slugs, e.g. ``category == "Deployment and Operation"``; the query
    module's ``filter_resolver(catalogue)`` gives one. Results are cached.
    """
    return _compile_cached(text, resolve)


@functools.lru_cache(maxsize=1024)
def _compile_cached(text: str, resolve: Resolver | None) -> EntryFilter:
    return Compiler(text, resolve).compile()


# -- checking and compiling --------------------------------------------------------------

_Eval = Callable[["Entry"], object]
_BINOP_SYMBOLS: Final[Mapping[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.MatMult: "@",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
}

#: What to call constructs that are not allowed, in error messages.
_FORBIDDEN: Final[Mapping[type[ast.AST], str]] = {
    ast.Attribute: "attribute access is not allowed",
    ast.Subscript: "subscripts ([...]) are not allowed",
    ast.Slice: "slices are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.NamedExpr: "the walrus operator (:=) is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.IfExp: "conditional expressions (x if c else y) are not allowed",
    ast.Dict: "dict literals are not allowed",
    ast.Starred: "starred expressions (*x) are not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
}

_CONSTANT_TYPES: Final = (str, int, float, bool, type(None))
_LITERAL_NAMES: Final[Mapping[str, str]] = {
    "true": "True",
    "false": "False",
    "none": "None",
    "null": "None",
}


class Compiler:
    """Checks one expression against the whitelist and builds its closures."""

    def __init__(self, source: str, resolve: Resolver | None) -> None:
        self.source = source
        self.resolve = resolve
        # Newlines (an option value may span lines) become spaces, so every
        # position is a column of one line; leading blanks would be an indent error.
        flat = "".join(" " if c in "\r\n\t\f\v" else c for c in source)
        self.text = flat.lstrip()
        self.lead = len(flat) - len(self.text)
        self.names: set[str] = set()

    # errors

    def error(self, problem: str, offset: int) -> FilterExpressionError:
        """``offset``: 1-based character position in ``self.text``."""
        return FilterExpressionError(problem, self.source, self.lead + offset)

    def column(self, byte_offset: int) -> int:
        """1-based character column of a UTF-8 ``col_offset`` from the ast."""
        prefix = self.text.encode("utf-8")[:byte_offset]
        return len(prefix.decode("utf-8", "ignore")) + 1

    def node_error(self, problem: str, node: ast.AST) -> FilterExpressionError:
        return self.error(problem, self.column(getattr(node, "col_offset", 0)))

    def after_error(self, problem: str, node: ast.expr) -> FilterExpressionError:
        """An error pointing just after ``node`` (at an operator, dot or bracket)."""
        start = self.column(node.end_col_offset or node.col_offset) - 1
        while start < len(self.text) and self.text[start] in " )":
            start += 1
        return self.error(problem, start + 1)

    # entry point

    def compile(self) -> EntryFilter:
        if not self.text.strip():
            raise FilterExpressionError("the filter expression is empty", self.source, 1)
        if len(self.source) > MAX_LENGTH:
            raise self.error(
                f"the filter expression is too long ({len(self.source)} characters,"
                f" at most {MAX_LENGTH})",
                MAX_LENGTH + 1 - self.lead,
            )
        if "\x00" in self.text:
            raise self.error("null characters are not allowed", self.text.index("\x00") + 1)
        tree = self.parse()
        evaluate = self.expr(tree.body, 1)
        return EntryFilter(self.source, frozenset(self.names), evaluate, self.resolve)

    def parse(self) -> ast.Expression:
        try:
            with warnings.catch_warnings():
                # "is" with a literal, invalid escapes: not the user's business here.
                warnings.simplefilter("ignore")
                return ast.parse(self.text, mode="eval")
        except SyntaxError as exc:
            offset = exc.offset if exc.offset and exc.offset > 0 else len(self.text) + 1
            msg = exc.msg
            if "nested" in msg:
                msg = f"the filter expression is nested too deeply (at most {MAX_DEPTH} levels)"
            raise self.error(msg, min(offset, len(self.text) + 1)) from None
        except (ValueError, UnicodeError) as exc:  # null bytes (3.11), lone surrogates
            raise self.error(f"the filter expression cannot be read: {exc}", 1) from None
        except (RecursionError, MemoryError):  # the parser's own stack limit
            raise self.error(
                f"the filter expression is nested too deeply (at most {MAX_DEPTH} levels)", 1
            ) from None

    # nodes

    def expr(self, node: ast.expr, depth: int) -> _Eval:
        if depth > MAX_DEPTH:
            raise self.node_error(
                f"the filter expression is nested too deeply (at most {MAX_DEPTH} levels)", node
            )
        if isinstance(node, ast.BoolOp):
            return self.boolop(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self.unaryop(node, depth)
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Constant | ast.Tuple | ast.List | ast.Set):
            return _constant(self.literal(node, depth))
        raise self.forbidden(node)

    def forbidden(self, node: ast.AST) -> FilterExpressionError:
        if isinstance(node, ast.BinOp):
            symbol = _BINOP_SYMBOLS.get(type(node.op), "?")
            problem = (
                "the ** operator is not allowed"
                if isinstance(node.op, ast.Pow)
                else f"arithmetic ({symbol}) is not allowed"
            )
            return self.after_error(problem, node.left)
        # Report the first of a chain such as ().__class__.__bases__[0].
        while isinstance(node, ast.Attribute | ast.Subscript) and isinstance(
            node.value, ast.Attribute | ast.Subscript
        ):
            node = node.value
        if isinstance(node, ast.Attribute):
            return self.after_error(f"attribute access (.{node.attr}) is not allowed", node.value)
        if isinstance(node, ast.Subscript):
            return self.after_error(_FORBIDDEN[ast.Subscript], node.value)
        problem = _FORBIDDEN.get(type(node), f"{type(node).__name__} expressions are not allowed")
        return self.node_error(problem, node)

    def boolop(self, node: ast.BoolOp, depth: int) -> _Eval:
        parts = tuple(self.expr(value, depth + 1) for value in node.values)
        # Python's semantics: the deciding operand's value, short-circuited.
        if isinstance(node.op, ast.And):

            def all_of(entry: Entry) -> object:
                value: object = True
                for part in parts:
                    value = part(entry)
                    if not value:
                        return value
                return value

            return all_of

        def any_of(entry: Entry) -> object:
            value: object = False
            for part in parts:
                value = part(entry)
                if value:
                    return value
            return value

        return any_of

    def unaryop(self, node: ast.UnaryOp, depth: int) -> _Eval:
        if isinstance(node.op, ast.Not):
            operand = self.expr(node.operand, depth + 1)
            return lambda entry: not operand(entry)
        if isinstance(node.op, ast.USub):
            return _constant(self.literal(node, depth))
        symbol = "+" if isinstance(node.op, ast.UAdd) else "~"
        raise self.node_error(f"the unary {symbol} operator is not allowed", node)

    def literal(self, node: ast.expr, depth: int) -> object:
        """The value of a constant, ``-number`` or a tuple/list/set of those."""
        if depth > MAX_DEPTH:
            raise self.node_error(
                f"the filter expression is nested too deeply (at most {MAX_DEPTH} levels)", node
            )
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, _CONSTANT_TYPES) and not isinstance(value, complex):
                return value
            kind = {bytes: "bytes literals", complex: "complex numbers"}.get(
                type(value), f"{value!r} literals"
            )
            raise self.node_error(f"{kind} are not allowed", node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            operand = node.operand
            if (
                isinstance(operand, ast.Constant)
                and isinstance(operand.value, int | float)
                and not isinstance(operand.value, bool)
            ):
                return -operand.value
            raise self.node_error("unary - is only allowed before a number", node)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = []
            for item in node.elts:
                if isinstance(item, ast.Tuple | ast.List | ast.Set):
                    raise self.node_error("nested collections are not allowed", item)
                if not isinstance(item, ast.Constant | ast.UnaryOp):
                    raise self.node_error("a tuple, list or set may only hold literal values", item)
                items.append(self.literal(item, depth + 1))
            # A set literal is a set; lists and tuples both compare equal to tuple fields.
            return frozenset(items) if isinstance(node, ast.Set) else tuple(items)
        if isinstance(node, ast.Name | ast.Compare | ast.BoolOp | ast.Call | ast.UnaryOp):
            raise self.node_error("a tuple, list or set may only hold literal values", node)
        raise self.forbidden(node)

    def name(self, node: ast.Name) -> _Eval:
        name = node.id
        if name in FILTER_FIELDS:
            self.names.add(name)
            return operator.attrgetter(name)
        if name in FUNCTIONS:
            raise self.node_error(f"{name} is a function; call it as {name}(...)", node)
        if name.lower() in _LITERAL_NAMES:
            raise self.node_error(
                f"unknown name {name!r}; write {_LITERAL_NAMES[name.lower()]}", node
            )
        ranked = sorted(
            FILTER_FIELDS,
            key=lambda f: -difflib.SequenceMatcher(None, name.lower(), f).ratio(),
        )
        raise self.node_error(f"unknown field {name!r}; fields: {', '.join(ranked)}", node)

    def call(self, node: ast.Call, depth: int) -> _Eval:
        functions = ", ".join(f"{f}()" for f in FUNCTIONS)
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.node_error(f"only these functions can be called: {functions}", node)
        name = func.id
        if name not in FUNCTIONS:
            what = "a field, not a function" if name in FILTER_FIELDS else "not a known function"
            raise self.node_error(f"{name!r} is {what}; functions: {functions}", func)
        if node.keywords:
            raise self.node_error(f"{name}() takes no keyword arguments", node.keywords[0])
        arity, implementation, _ = FUNCTIONS[name]
        if len(node.args) != arity:
            plural = "" if arity == 1 else "s"
            raise self.node_error(
                f"{name}() takes {arity} argument{plural} ({len(node.args)} given)", node
            )
        args = tuple(self.expr(arg, depth + 1) for arg in node.args)
        if arity == 1:
            (only,) = args
            return lambda entry: implementation(only(entry))
        first, second = args
        return lambda entry: implementation(first(entry), second(entry))

    def compare(self, node: ast.Compare, depth: int) -> _Eval:
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if isinstance(op, ast.Is | ast.IsNot) and not (_is_none(left) or _is_none(right)):
                word = "is" if isinstance(op, ast.Is) else "is not"
                raise self.after_error(f"'{word}' is only allowed with None; use ==", left)
            self.check_number_field(left, right)
        kinds = self.name_kinds(node.ops, operands)
        evaluators: list[_Eval] = []
        for i, operand in enumerate(operands):
            if i in kinds:
                value = self.resolved(operand, kinds[i], depth + 1)
                evaluators.append(_constant(value))
            else:
                evaluators.append(self.expr(operand, depth + 1))
        tests = tuple(COMPARE[type(op)] for op in node.ops)
        if len(tests) == 1:
            (test,) = tests
            left_eval, right_eval = evaluators
            return lambda entry: test(left_eval(entry), right_eval(entry))
        pairs = tuple(zip(tests, evaluators[1:], strict=True))
        first = evaluators[0]

        def chain(entry: Entry) -> bool:
            left = first(entry)
            for test, right_eval in pairs:
                right = right_eval(entry)
                if not test(left, right):
                    return False
                left = right
            return True

        return chain

    def check_number_field(self, left: ast.expr, right: ast.expr) -> None:
        """``year >= "2015"`` would match nothing, silently: an error instead."""
        for name, other in ((left, right), (right, left)):
            if (
                isinstance(name, ast.Name)
                and name.id in NUMBER_FIELDS
                and isinstance(other, ast.Constant)
                and isinstance(other.value, str)
            ):
                raise self.node_error(
                    f"{name.id} is a number: compare it with a number, not the text"
                    f" {other.value!r} (for example {name.id} >= 2015)",
                    other,
                )

    def name_kinds(self, ops: list[ast.cmpop], operands: list[ast.expr]) -> dict[int, str]:
        """Operand positions holding category/flag/type names the resolver should map."""
        if self.resolve is None:
            return {}
        kinds: dict[int, str] = {}
        for i, op in enumerate(ops):
            left, right = operands[i], operands[i + 1]
            if isinstance(op, ast.Eq | ast.NotEq):
                for field_side, other in ((left, i + 1), (right, i)):
                    kind = _field_kind(field_side)
                    if kind and _is_name_literal(operands[other]):
                        kinds[other] = kind
            elif isinstance(op, ast.In | ast.NotIn):
                # "must-read" in flags; category in ("data", "training")
                kind = _field_kind(right)
                if kind == "flag" and _is_name_literal(left):
                    kinds[i] = kind
                kind = _field_kind(left)
                if kind in ("category", "type", "key") and _is_name_literal(right):
                    kinds[i + 1] = kind
        return kinds

    def resolved(self, node: ast.expr, kind: str, depth: int) -> object:
        """The literal ``node`` with its strings resolved to slugs of ``kind``."""
        assert self.resolve is not None
        value = self.literal(node, depth)
        elements = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
        resolved: list[object] = []
        for element in elements:
            item = self.literal(element, depth + 1)
            if isinstance(item, str):
                try:
                    item = self.resolve(kind, item)
                except UnknownNameError as exc:
                    raise self.node_error(exc.message, element) from None
            resolved.append(item)
        if isinstance(value, frozenset):
            return frozenset(resolved)
        if isinstance(value, tuple):
            return tuple(resolved)
        return resolved[0]


def _constant(value: object) -> _Eval:
    return lambda entry: value


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _field_kind(node: ast.expr) -> str | None:
    return NAME_FIELDS.get(node.id) if isinstance(node, ast.Name) else None


def _is_name_literal(node: ast.expr) -> bool:
    """A string, or a tuple/list/set whose items are all strings."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        )
    return False

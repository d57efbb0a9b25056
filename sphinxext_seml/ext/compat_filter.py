"""sphinxcontrib-bibtex's ``:filter:`` language, translated to seml's.

Theirs is a Python expression over an entry's BibTeX fields (``author % "Einstein" and
type == "article"``, ``cited``, ``docname in docnames``, ``False``); it replaces their
default ``cited``. The expression is parsed with :mod:`ast` (never run) and each top-level
``and`` term becomes either the scope of the bibliography (``cited``, ``not cited``,
``True``, ``False``, ``docname in docnames``) or a term of seml's filter language
(:mod:`..catalogue.filter`), which checks it again with its own whitelist. Anything without
a counterpart (sets of document names, regular expressions with special characters,
fields seml does not keep) is reported, naming what comes closest.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Final

from ..catalogue.bibtex.entry import BIBTEX_TYPES

#: The scopes of a bibliography: seml-bibliography's options, and ``none`` (only the keys
#: of the body, sphinxcontrib-bibtex's ``:filter: False``).
SCOPES: Final = ("cited", "all", "notcited", "local", "none")

#: BibTeX fields (theirs) -> seml's entry fields.
FIELDS: Final[dict[str, str]] = {
    "author": "authors",
    "title": "title",
    "key": "key",
    "year": "year",
    "doi": "doi",
    "url": "url",
    "journal": "venue",
    "booktitle": "venue",
    "publisher": "venue",
    "type": "type",
}

_COMPARISONS: Final[dict[type[ast.cmpop], str]] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}


#: What makes a regular expression more than plain text.
_SPECIAL: Final = re.compile(r"[.^$*+?{}\[\]\\|()]")


@dataclass(frozen=True, slots=True)
class Translation:
    """A filter in seml's terms: the scope (one of :data:`SCOPES`) and seml's filter (None:
    none); ``problem`` says what could not be translated (then nothing else is set)."""

    scope: str = "cited"
    filter: str | None = None
    problem: str | None = None


class Untranslatable(ValueError):
    """A part of a filter without a counterpart; the message names the closest one."""


class _Docname(ast.NodeTransformer):
    """Replaces ``docname == "x"`` (and ``!=``, ``in {...}``, ``not in``) by its value: the
    bibliography's page is known when it is read."""

    def __init__(self, docname: str) -> None:
        self.docname = docname

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        names = _names(node.comparators[0]) if len(node.ops) == 1 else None
        if not (isinstance(node.left, ast.Name) and node.left.id == "docname") or names is None:
            self.generic_visit(node)
            return node
        op = node.ops[0]
        if isinstance(op, ast.Eq | ast.In):
            return ast.Constant(self.docname in names)
        if isinstance(op, ast.NotEq | ast.NotIn):
            return ast.Constant(self.docname not in names)
        return node


def _names(node: ast.expr) -> set[str] | None:
    """The texts of a literal text or a literal set, tuple or list of texts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        found = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(found) == len(node.elts) and all(isinstance(v, str) for v in found):
            return {str(v) for v in found}
    return None


def _conjuncts(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [part for value in node.values for part in _conjuncts(value)]
    return [node]


def _is_cited(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Name) and node.id == "cited"


def _scope_of(node: ast.expr) -> str | None:
    """The scope a top-level term stands for, None for a condition on the entry."""
    if _is_cited(node):
        return "cited"
    operand = node.operand if isinstance(node, ast.UnaryOp) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and _is_cited(operand):
        return "notcited"
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return "all" if node.value else "none"
    if (
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Name)
        and node.left.id == "docname"
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.In)
        and isinstance(node.comparators[0], ast.Name)
        and node.comparators[0].id == "docnames"
    ):
        return "local"
    return None


def _field(node: ast.expr) -> str:
    if not isinstance(node, ast.Name):
        raise Untranslatable(f"{ast.unparse(node)!r}: compare a field with a value")
    if node.id in ("cited", "docname", "docnames"):
        raise Untranslatable(
            f"{node.id!r} inside 'or' or 'not': use it as a term of its own"
            " ('cited and ...', 'docname in docnames and ...')"
        )
    if node.id not in FIELDS:
        raise Untranslatable(
            f"the field {node.id!r} is not kept; the fields are {', '.join(FIELDS)}"
        )
    return FIELDS[node.id]


def _literal(node: ast.expr) -> str | int:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        return node.value
    raise Untranslatable(f"{ast.unparse(node)!r}: compare with a quoted text")


def _regex(node: ast.BinOp) -> str:
    """``field % "text"`` (a case-insensitive search) -> ``contains(field, "text")``."""
    field = _field(node.left)
    pattern = _literal(node.right)
    if not isinstance(pattern, str) or _SPECIAL.search(pattern):
        raise Untranslatable(
            f"the regular expression {ast.unparse(node.right)}: only plain text is matched;"
            f' the closest is contains({field}, "...")'
        )
    return f"contains({field}, {pattern!r})"


def _comparison(node: ast.Compare) -> str:
    if len(node.ops) != 1 or type(node.ops[0]) not in _COMPARISONS:
        raise Untranslatable(f"{ast.unparse(node)!r}: one comparison at a time")
    field = _field(node.left)
    op = _COMPARISONS[type(node.ops[0])]
    value = _literal(node.comparators[0])
    if field == "year":
        if isinstance(value, str) and not value.isdigit():
            raise Untranslatable(f"year compared with {value!r}: compare it with a year")
        return f"year {op} {int(value)}"
    if field == "type":
        if op not in ("==", "!="):
            raise Untranslatable("type is compared with == or != only")
        return f"type {op} {BIBTEX_TYPES.get(str(value).lower(), 'other')!r}"
    if field == "key":
        return f"lower(key) {op} {str(value).lower()!r}"
    return f"{field} {op} {value!r}"


def _condition(node: ast.expr) -> str:
    """One condition on an entry in seml's filter language."""
    if isinstance(node, ast.BoolOp):
        joiner = " and " if isinstance(node.op, ast.And) else " or "
        return "(" + joiner.join(_condition(v) for v in node.values) + ")"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return f"not ({_condition(node.operand)})"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _regex(node)
    if isinstance(node, ast.Compare):
        return _comparison(node)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return str(node.value)
    if isinstance(node, ast.Name):
        field = _field(node)  # a field is true when the entry has it
        return f"len({field}) > 0" if field == "authors" else f"{field} is not None"
    raise Untranslatable(f"{ast.unparse(node)!r} has no counterpart in seml's filters")


def _one_scope(scopes: set[str]) -> str:
    if not scopes or scopes == {"all"}:
        return "all"  # a filter replaces sphinxcontrib-bibtex's default, 'cited'
    scopes.discard("all")
    if "none" in scopes:
        return "none"
    if scopes == {"cited", "local"}:
        return "local"
    if len(scopes) > 1:
        raise Untranslatable(" and ".join(sorted(scopes)) + " exclude each other")
    return scopes.pop()


def translate(text: str, docname: str = "") -> Translation:
    """sphinxcontrib-bibtex's filter ``text``, in a bibliography on page ``docname``, as a
    scope and a seml filter."""
    try:
        tree = _Docname(docname).visit(ast.parse(text.strip(), mode="eval"))
    except SyntaxError as exc:
        return Translation(problem=f"syntax error at column {exc.offset or 0}: {exc.msg}")
    scopes: set[str] = set()
    conditions: list[str] = []
    try:
        for term in _conjuncts(tree.body):
            scope = _scope_of(term)
            if scope is None:
                conditions.append(_condition(term))
            else:
                scopes.add(scope)
        scope = _one_scope(scopes)
    except Untranslatable as exc:
        return Translation(problem=str(exc))
    return Translation(scope, " and ".join(conditions) or None)

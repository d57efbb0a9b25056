"""Catalogue problem codes: every code the package gives a problem is a documented
:class:`ProblemCode` member (the docs' table and the warning subtypes derive from it)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import sphinxext_seml
from sphinxext_seml.catalogue.errors import Location, Problem, ProblemCode

PACKAGE = Path(sphinxext_seml.__file__).parent


def _code_parameters(tree: ast.Module) -> dict[str, int]:
    """Functions of ``tree`` with a ``code`` parameter -> its position (self excluded)."""
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
            if "code" in names and node.name != "_exit_status":
                found[node.name] = names.index("code")
    return found


def used_codes() -> dict[str, list[str]]:
    """Every string literal given as a problem's code: to ``Problem(...)`` or to a
    function with a ``code`` parameter (``self.problem(...)``, ``self.report(...)``).
    A method is looked up in its own module first: two modules may each have a
    ``report`` with the code in another position."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}
    everywhere: dict[str, int] = {}
    for tree in trees.values():
        everywhere.update(_code_parameters(tree))
    used: dict[str, list[str]] = {}
    for path, tree in trees.items():
        positions = {"Problem": 2, **everywhere, **_code_parameters(tree)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in positions:
                continue
            args = node.args[positions[name] : positions[name] + 1]
            args += [k.value for k in node.keywords if k.arg == "code"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                    used.setdefault(arg.value, []).append(where)
    return used


def test_the_scan_finds_the_codes_in_use() -> None:
    # A guard on the scan itself: it sees the readers' and the merge's codes.
    assert {"syntax", "duplicate_field", "missing_field", "unknown_flag"} <= used_codes().keys()


def test_every_code_used_is_a_member() -> None:
    members = {code.value for code in ProblemCode}
    unknown = {code: where for code, where in used_codes().items() if code not in members}
    assert not unknown, f"add these to ProblemCode (catalogue/errors.py): {unknown}"


def test_every_member_is_documented() -> None:
    source = inspect.getsource(ProblemCode)
    tree = ast.parse(source)
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    documented = set()
    for statement, following in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            documented.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    assert documented == {code.name for code in ProblemCode}


@pytest.mark.parametrize("code", list(ProblemCode))
def test_a_member_equals_its_string(code: ProblemCode) -> None:
    assert code == code.value
    assert Problem(Location("x"), "m", code.value).code == code


def test_the_default_code_is_invalid() -> None:
    assert Problem(Location("x"), "m").code is ProblemCode.INVALID

"""Architecture guards that ruff, mypy and import-linter do not express.

Run by ``.ci/run`` (``python tools/check_architecture.py``); exits 1 with one ``file:line: message``
per problem. The rules are those of ``docs/explanation/architecture.md``:

- a module of the package is at most ``MAX_LINES`` lines long (one concept per module);
- no private name (``_x``) is imported from another module: a helper shared across modules is a
  public name of the module that owns it;
- no import of the package's own modules inside a function: such imports hide an import cycle
  (``import-linter`` cannot see them). An import deferred on purpose (an optional extra, a reader
  the command line only needs for one format) says so with a ``# lazy: <why>`` comment on its line
  or the line above; ``TYPE_CHECKING`` blocks are module level and allowed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "sphinxext_seml"
MAX_LINES = 500
# Modules that may stay a little longer: the number says why it is not split (kept to zero).
ALLOWED_LONGER: dict[str, int] = {}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name an ``ImportFrom`` refers to, relative levels resolved."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _local_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports inside function bodies (at any depth)."""
    found: list[ast.Import | ast.ImportFrom] = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            found.extend(
                node for node in ast.walk(func) if isinstance(node, ast.Import | ast.ImportFrom)
            )
    return found


def check_file(path: Path, root: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(root.parent)
    problems: list[str] = []
    lines = text.count("\n") + 1
    limit = ALLOWED_LONGER.get(str(rel), MAX_LINES)
    if lines > limit:
        problems.append(f"{rel}:1: {lines} lines, more than {limit}: split it by concept")
    tree = ast.parse(text, filename=str(path))
    module = _module_name(path, root.parent)
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        target = _resolve(module, is_package, node)
        if not target.startswith(PACKAGE) or target == module:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                problems.append(
                    f"{rel}:{node.lineno}: imports the private name {alias.name!r} from "
                    f"{target}: make it a public name of the module that owns it"
                )
    source = text.splitlines()
    for node in _local_imports(tree):
        nearby = source[max(node.lineno - 2, 0) : node.lineno]
        if any("# lazy:" in line for line in nearby):
            continue
        if isinstance(node, ast.ImportFrom):
            names = [_resolve(module, is_package, node)]
        else:
            names = [alias.name for alias in node.names]
        if any(name.startswith(PACKAGE) for name in names):
            problems.append(
                f"{rel}:{node.lineno}: imports {', '.join(names)} inside a function: "
                "import at module level (a local import hides an import cycle)"
            )
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / PACKAGE
    problems = [p for path in sorted(root.rglob("*.py")) for p in check_file(path, root)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} architecture problem(s)", file=sys.stderr)
        return 1
    print(f"architecture: {sum(1 for _ in root.rglob('*.py'))} modules checked, no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

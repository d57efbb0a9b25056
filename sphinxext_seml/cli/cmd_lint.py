"""``seml lint README.md [--fix]``: the awesome-lint checks of an awesome-list README.

Problems are printed ``file:line: rule: message`` on standard output and the
exit status is 1; a clean README prints ``FILE: ok`` and exits 0. ``--fix``
rewrites the file atomically, only when something changed, and prints what it
fixed before what is left. A file that cannot be read is an error (status 2),
as is an unknown rule name.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..catalogue.errors import CatalogueError, UnknownNameError
from ..catalogue.reading.files import decode, not_text, read_bytes
from ..catalogue.reading.raw import Malformed
from .common import EXIT_DATA, EXIT_OK, CliError, describe, write_file, write_stdout

if TYPE_CHECKING:
    from ..catalogue.awesome.lint import LintMessage, Rule
    from .common import Subparsers

#: The rule names, for the help (``seml --help`` must not import the Markdown parser);
#: a test checks that they are the members of :class:`.lint.Rule`.
RULE_NAMES: Final = (
    "duplicate-link",
    "toc",
    "no-description",
    "description-style",
    "alphabetical",
    "dead-anchor",
)

EPILOG = """\
examples:
  seml lint README.md
  seml lint README.md --fix
  seml lint README.md --ignore no-description
  seml lint README.md --rule toc --rule dead-anchor --fix
  seml lint README.md --alphabetical

rules:
  duplicate-link     two items link to the same address (after normalisation)
  toc                the table of contents is out of step with the headings  [fixable]
  no-description     an item with nothing but its link
  description-style  a description that does not start with a capital letter
                     or does not end with a period  [fixable]
  alphabetical       an item out of order, where the README says the list is
                     alphabetical (or with --alphabetical)  [fixable]
  dead-anchor        a link to #anchor that no heading or anchor gives

Every problem is printed as 'file:line: rule: message' and the exit status is
1; a clean file prints 'FILE: ok' and exits 0. --fix corrects what the fixable
rules can, writes the file atomically (only if something changed), prints each
fix as 'file:line: rule: fixed: what' and then the problems left; the exit status
is 0 when none is left. A file that cannot be read exits with status 2.
"""

_BOM: Final = "\ufeff"


def add_parser(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    del parents  # lint reads only its files, never a catalogue
    parser = subparsers.add_parser(
        "lint",
        help="check an awesome-list README the way awesome-lint does; --fix corrects it",
        description=describe(
            "Check awesome-list READMEs for duplicate links, a table of contents out of step"
            " with the headings, items without a description, the description style,"
            " alphabetical order where the list claims it and links to missing anchors;"
            " every problem as file:line: rule: message."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="README files to check")
    parser.add_argument(
        "--fix", action="store_true", help="correct what can be corrected, in place"
    )
    parser.add_argument(
        "--rule",
        action="append",
        default=[],
        dest="rules",
        metavar="RULE",
        help="check only this rule; repeatable (default: every rule)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULE",
        help="do not check this rule; repeatable",
    )
    parser.add_argument(
        "--alphabetical",
        action="store_true",
        help="check (and with --fix sort) every list alphabetically, claimed or not",
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class _Readme:
    name: str
    text: str
    bom: bool


def _rule_names(names: list[str]) -> list[str]:
    """The rule names given, checked; unknown ones are a usage error naming the closest."""
    out: list[str] = []
    for given in names:
        for name in (part.strip().lower() for part in given.split(",")):
            if name and name not in RULE_NAMES:
                close = difflib.get_close_matches(name, RULE_NAMES, n=2, cutoff=0.5)
                raise CliError(str(UnknownNameError("rule", name, close, list(RULE_NAMES))))
            if name:
                out.append(name)
    return out


def _read(name: str) -> _Readme:
    """The text of a README; a file that cannot be read is a usage error (status 2)."""
    try:
        text = decode(read_bytes(Path(name), name))
    except FileNotFoundError:
        raise CliError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise CliError(f"{name}: is a directory") from None
    except OSError as exc:
        raise CliError(f"{name}: cannot read the file: {exc.strerror or exc}") from None
    except CatalogueError as exc:
        raise CliError(f"{name}: {exc.message}") from None
    except Malformed as exc:
        raise CliError(f"{name}:{exc.line}: {exc.message}") from None
    bad = not_text(text)
    if bad is not None:
        raise CliError(f"{name}:{bad.line}: {bad.message}")
    return _Readme(name, text.removeprefix(_BOM), text.startswith(_BOM))


def _print(messages: list[LintMessage], *, fixed: bool = False) -> None:
    lines = (
        f"{m.location}: {m.rule}: fixed: {m.message}\n" if fixed else f"{m}\n" for m in messages
    )
    write_stdout("".join(lines))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('x') else 's'}"


def run(args: argparse.Namespace) -> int:
    # lazy: the Markdown parser and the rules, for this command only.
    from ..catalogue.awesome.lint import Rule

    chosen_names = _rule_names(args.rules) or list(RULE_NAMES)
    ignored = set(_rule_names(args.ignore))
    rules = {Rule(name) for name in chosen_names if name not in ignored}
    readmes = [_read(name) for name in args.files]  # every file readable, or nothing done
    check = _fix if args.fix else _lint
    left = sum(check(readme, rules, alphabetical=args.alphabetical) for readme in readmes)
    return EXIT_DATA if left else EXIT_OK


def _lint(readme: _Readme, rules: set[Rule], *, alphabetical: bool) -> int:
    """Report one README's problems; how many there are."""
    from ..catalogue.awesome.lint import lint_awesome  # lazy: as in run

    found = lint_awesome(readme.text, readme.name, rules=rules, alphabetical=alphabetical)
    if not found:
        write_stdout(f"{readme.name}: ok\n")
        return 0
    _print(found)
    fixable = sum(m.fixable for m in found)
    hint = f" ({fixable} fixable with --fix)" if fixable else ""
    print(f"seml: {readme.name}: {_plural(len(found), 'problem')}{hint}", file=sys.stderr)
    return len(found)


def _fix(readme: _Readme, rules: set[Rule], *, alphabetical: bool) -> int:
    """Fix one README in place (only if something changed); how many problems are left."""
    from ..catalogue.awesome.lint import fix_awesome  # lazy: as in run

    result = fix_awesome(readme.text, readme.name, rules=rules, alphabetical=alphabetical)
    if result.changed:
        write_file(readme.name, (_BOM if readme.bom else "") + result.text, force=True)
        _print(result.fixed, fixed=True)
    elif not result.remaining:
        write_stdout(f"{readme.name}: ok\n")
        return 0
    _print(result.remaining)
    done = _plural(len(result.fixed), "fix") if result.changed else "nothing fixed"
    left = _plural(len(result.remaining), "problem")
    print(f"seml: {readme.name}: {done}, {left} left", file=sys.stderr)
    return len(result.remaining)

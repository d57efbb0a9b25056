"""What every ``seml`` command shares: errors, catalogue loading, output, safe file writing.

The command line sits on the catalogue layer only (no Sphinx import). The
importers and exporters are imported lazily, so a command pays only for what
it uses.
"""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO, TypeAlias

from ..catalogue.atomic import write_atomic
from ..catalogue.specs import parse_source

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence

    from ..catalogue.errors import Problem
    from ..catalogue.model import Catalogue
    from ..catalogue.pipeline import Read, Unreadable
    from ..catalogue.specs import CatalogueSource

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "CliError",
    "Sources",
    "Subparsers",
    "describe",
    "format_from_suffix",
    "load_catalogue",
    "output",
    "print_problems",
    "read",
    "read_specs",
    "source_of",
    "sources_from_args",
    "split_commas",
    "write_file",
    "write_stdout",
]

PROG: Final = "seml"

#: What each ``cmd_*`` module's ``add_parser`` gets: the parser's subcommand table.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

#: Exit statuses: success; problems in the data (validation, no such key, write failed);
#: a bad command line (argparse's own status, also used for unknown names and bad filters).
EXIT_OK: Final = 0
EXIT_DATA: Final = 1
EXIT_USAGE: Final = 2


class CliError(Exception):
    """A user error: printed as ``seml: error: <message>`` lines, then exit ``code``."""

    def __init__(self, *messages: str, code: int = EXIT_USAGE) -> None:
        super().__init__(*messages)
        self.messages = messages
        self.code = code


def describe(text: str) -> str:
    """A help description wrapped for ``RawDescriptionHelpFormatter`` (which keeps line ends)."""
    return textwrap.fill(" ".join(text.split()), 79)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Sources:
    """The catalogues a command works on: the built-in one and ``--catalogue`` specs."""

    specs: tuple[str, ...] = ()
    builtin: bool = True


def source_of(text: str) -> CatalogueSource:
    """A ``--catalogue`` (or file) argument as a source: a path or ``entry-point:NAME`` as
    it is, a JSON mapping with the path and its options (``{"path": "old.bib",
    "encoding": "latin-1"}``) as a :class:`.specs.SourceSpec`; a bad mapping is an error."""
    if not text.lstrip().startswith("{"):
        return text
    try:
        return parse_source(json.loads(text))
    except ValueError as exc:  # JSONDecodeError and SpecError are ValueErrors
        raise CliError(f"{text}: not a source mapping: {exc}") from None


def read_specs(specs: Sequence[str], *, builtin: bool = False) -> Read:
    """Read catalogue sources with the catalogue layer's pipeline: file paths
    (relative to the working directory, located in messages as written),
    ``entry-point:NAME`` or JSON mappings (:func:`source_of`), after the built-in
    catalogue if ``builtin``. A source that cannot be used at all is in the
    result's ``unreadable``."""
    # lazy: the readers are imported by the commands that read, not by ``seml --help``.
    from ..catalogue.pipeline import Shown, read_sources

    sources = [source_of(spec) for spec in specs]
    return read_sources(Path.cwd(), builtin=builtin, specs=sources, shown=Shown.AS_GIVEN)


def read(sources: Sources) -> Read:
    """One result per source (the built-in one first); unreadable sources are CLI errors."""
    found = read_specs(sources.specs, builtin=sources.builtin)
    _refuse(found.unreadable)
    return found


def _refuse(unreadable: Sequence[Unreadable]) -> None:
    if unreadable:
        raise CliError(*(f"{source.location}: {source.message}" for source in unreadable))


def load_catalogue(sources: Sources) -> Catalogue:
    """The merged catalogue; problems in the sources are printed as warnings on stderr."""
    if not sources.builtin and not sources.specs:
        raise CliError("no catalogue to work on: --no-builtin needs at least one --catalogue FILE")
    # lazy: as in read_specs.
    from ..catalogue.pipeline import Shown, load_catalogues

    specs = [source_of(spec) for spec in sources.specs]
    merged = load_catalogues(Path.cwd(), builtin=sources.builtin, specs=specs, shown=Shown.AS_GIVEN)
    _refuse(merged.unreadable)
    print_problems(merged.problems)
    return merged.catalogue


def print_problems(problems: Iterable[Problem], *, file: TextIO | None = None) -> int:
    """Print ``file:line: message`` per problem (stderr by default); how many there were."""
    stream = sys.stderr if file is None else file
    count = 0
    for problem in problems:
        print(_one_line(str(problem)), file=stream)
        count += 1
    return count


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


# --------------------------------------------------------------------------- output


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output in one go (BrokenPipeError goes up to ``main``)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def _exists_error(target: Path) -> CliError:
    return CliError(f"{target}: the file exists; use --force to overwrite it")


def write_file(target_name: str, text: str, *, force: bool = False) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``target_name`` atomically.

    The text goes to a temporary file in the target's directory, which then
    replaces the target in one step (``os.replace``), so a reader never sees a
    half-written file and a failure leaves the target as it was. Without
    ``force`` an existing target is refused, also when it appears while
    writing (the temporary file is hard-linked into place, which fails if the
    name is taken; where hard links are not supported, the target is checked
    again just before the replace).
    """
    target = Path(target_name)
    if target.is_dir():
        raise CliError(f"{target}: is a directory")
    if not force and (target.exists() or target.is_symlink()):
        raise _exists_error(target)
    if target.exists() and not target.is_file():
        # Replacing a device, pipe or socket (/dev/null, /dev/stdout) with a
        # regular file would break it for everyone, --force or not.
        raise CliError(
            f"{target}: is not a regular file (a device, pipe or socket); seml only replaces"
            " regular files (use '-o -' for standard output)"
        )
    directory = target.parent
    if not directory.is_dir():
        raise CliError(f"{target}: the directory {str(directory)!r} does not exist")
    try:
        write_atomic(target, text.encode("utf-8"), overwrite=force, durable=True)
    except FileExistsError:
        raise _exists_error(target) from None
    except OSError as exc:
        raise CliError(f"{target}: cannot write: {exc.strerror or exc}", code=EXIT_DATA) from None


def split_commas(values: Sequence[str]) -> list[str]:
    """``["a, b", "c"]`` -> ``["a", "b", "c"]``: repeated options, each possibly a list."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def sources_from_args(args: argparse.Namespace) -> Sources:
    """The ``--catalogue``/``--no-builtin`` options, given before or after the command."""
    before: list[str] = getattr(args, "catalogues", [])
    after: list[str] = getattr(args, "catalogues_after", [])
    no_builtin = getattr(args, "no_builtin", False) or getattr(args, "no_builtin_after", False)
    return Sources((*before, *after), not no_builtin)


#: Output file suffixes and the formats they imply (the longest matching suffix wins).
SUFFIX_FORMATS: Final = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".bib": "bibtex",
    ".csl.json": "csl-json",
    ".csljson": "csl-json",
    ".ris": "ris",
}


def format_from_suffix(name: str | None) -> str | None:
    """The format an output file name implies, if any."""
    if not name or name == "-":
        return None
    lower = name.lower()
    matches = [suffix for suffix in SUFFIX_FORMATS if lower.endswith(suffix)]
    return SUFFIX_FORMATS[max(matches, key=len)] if matches else None


def output(text: str, target: str | None, *, force: bool = False) -> None:
    """``text`` to the file ``target`` (atomically, see :func:`write_file`), or to
    stdout when ``target`` is ``None`` or ``-``."""
    if target is None or target == "-":
        write_stdout(text)
    else:
        write_file(target, text, force=force)

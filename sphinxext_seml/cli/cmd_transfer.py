"""``seml export`` and ``seml import``: between the native format and the others.

Both write to standard output, or with ``-o FILE`` atomically to a file that
must not exist yet unless ``--force`` is given (see :func:`.common.write_file`).

``seml import README.md`` reads the README with its keys file
(``README.keys.yaml``, :mod:`..catalogue.keyfile`), whose problems report every
pinned key that changed; ``--keys`` writes the keys file anew with this import's keys.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..catalogue.atomic import write_atomic
from ..catalogue.specs import is_entry_point, sidecar_path
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Sources,
    describe,
    format_from_suffix,
    load_catalogue,
    output,
    print_problems,
    read,
    sources_from_args,
)
from .formats import format_catalogue

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue
    from .common import Subparsers

EXPORT_FORMATS: Final = ("markdown", "bibtex", "csl-json", "ris", "json", "yaml", "toml")
IMPORT_FORMATS: Final = ("yaml", "json", "toml")

EXPORT_EPILOG = """\
examples:
  seml export --format markdown -o README.md        an awesome-list README
  seml export --format bibtex -o seml.bib
  seml export --format csl-json > seml.json
  seml export --flag must-read -o must-read.ris      for Zotero, Mendeley, EndNote
  seml --no-builtin --catalogue handbook.yaml export --format yaml
  seml export -o catalogue.toml                      the format from the suffix

formats:
  markdown  an awesome-list README (legend, contents, a section per category);
            'seml import' reads it back to the same entries
  bibtex    BibTeX entries
  csl-json  CSL-JSON items
  ris       RIS records (reference managers)
  json, yaml, toml  the native catalogue format

Without --format, the format comes from the -o file's suffix (.md, .bib,
.csl.json, .ris, .json, .yaml/.yml, .toml), else yaml. An existing -o file is never
overwritten without --force; the file is written atomically.
"""

IMPORT_EPILOG = """\
examples:
  seml import README.md -o catalogue.yaml           an awesome list to YAML
  seml import papers.bib -o papers.toml             BibTeX to TOML
  seml import items.csl.json --format json
  seml import entry-point:acme -o acme.yaml
  seml import README.md -o catalogue.yaml --keys    and pin the README's keys

SOURCE is any catalogue source: native YAML/TOML/JSON, BibTeX (.bib), CSL-JSON,
an awesome-list Markdown README (.md), or entry-point:NAME. Problems in it are
printed as 'file:line: message' on stderr and the valid entries are imported;
when nothing can be imported the exit status is 1 and no file is written.
Without --format, the format comes from the -o file's suffix, else yaml.
An existing -o file is never overwritten without --force; the file is written
atomically.

An awesome-list README is read with its keys file, README.keys.yaml beside it
(key: url lines pinning the keys), when there is one, as a build reads it.
Every pinned key that changed is reported on stderr, and the import goes on:
  README.keys.yaml:5: pinned key 'flask' is not used: no item of README.md
    links to https://github.com/pallets/flask (edit its link, or ...)
  README.md:12: pinned key 'mlflow' already taken by the item on line 5; this
    item gets the generated key 'mlflow-e0d3' (...)
--keys writes README.keys.yaml (atomically, replacing it) with the keys of
this import, so that later imports and builds keep them.
"""


def _add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output ('-' is standard output)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing -o FILE")


def add_parsers(subparsers: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        parents=parents,
        help="write the catalogue as Markdown, BibTeX, CSL-JSON, JSON, YAML or TOML",
        description=describe(
            "Write the whole catalogue (the built-in one and any --catalogue"
            " files, merged) in another format."
        ),
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, help="output format (see below)")
    export.add_argument(
        "--title",
        help="the title of a markdown README (default: the catalogue's own, as imported"
        " from a README, else 'Awesome list')",
    )
    export.add_argument(
        "--intro",
        help="the introduction of a markdown README, plain text (default: the catalogue's own)",
    )
    _add_output_arguments(export)
    export.set_defaults(run=run_export)

    importer = subparsers.add_parser(
        "import",
        help="convert any catalogue source to the native format",
        description=describe(
            "Convert a catalogue source to the native format (YAML, JSON or TOML)."
        ),
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("source", metavar="SOURCE", help="the file (or entry-point:NAME)")
    importer.add_argument(
        "--format", choices=IMPORT_FORMATS, help="native output format (default: yaml)"
    )
    importer.add_argument(
        "--keys",
        action="store_true",
        help="write the README's keys file (README.keys.yaml) with the keys of this import",
    )
    _add_output_arguments(importer)
    importer.set_defaults(run=run_import)


def _output_format(args: argparse.Namespace, allowed: tuple[str, ...], command: str) -> str:
    explicit: str | None = args.format
    if explicit is not None:
        return explicit
    target: str | None = args.output
    implied = format_from_suffix(target)
    if implied is None:
        return "yaml"
    if implied not in allowed:
        raise CliError(
            f"{command} cannot write {implied} ({target!r}); formats: {', '.join(allowed)}"
        )
    return implied


def run_export(args: argparse.Namespace) -> int:
    fmt = _output_format(args, EXPORT_FORMATS, "export")
    catalogue = load_catalogue(sources_from_args(args))
    if fmt == "markdown":
        from ..catalogue.awesome import dump_awesome  # lazy: markdown-it-py, for this format only

        text = dump_awesome(catalogue, title=args.title, intro=args.intro)
    else:
        text = format_catalogue(catalogue, fmt)
    output(text, args.output, force=args.force)
    return EXIT_OK


def _keys_file(source: str) -> Path:
    """The keys file ``--keys`` writes for ``source``; for anything but a README, an error."""
    sidecar = None if is_entry_point(source) else sidecar_path(Path(source))
    if sidecar is None:
        raise CliError(
            f"--keys pins the keys of an awesome-list README (.md); {source!r} is not one",
            code=EXIT_USAGE,
        )
    return sidecar


def _write_keys(sidecar: Path, catalogue: Catalogue, source: str) -> None:
    # lazy: the keys file's writer, for --keys only.
    from ..catalogue.keyfile import dump_keys, import_keys

    pins = import_keys(catalogue)
    try:
        write_atomic(sidecar, dump_keys(pins, Path(source).name).encode("utf-8"), durable=True)
    except OSError as exc:
        raise CliError(f"{sidecar}: cannot write: {exc.strerror or exc}", code=EXIT_DATA) from None
    print(f"{sidecar}: {len(pins)} keys pinned", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    if sources_from_args(args).specs:
        # import converts one source as written; merging with others would change it.
        raise CliError(
            "import converts the one SOURCE it is given: --catalogue is not used here"
            " (to check a file against other catalogues, use 'seml --catalogue ... validate')",
            code=EXIT_USAGE,
        )
    fmt = _output_format(args, IMPORT_FORMATS, "import")
    source: str = args.source
    sidecar = _keys_file(source) if args.keys else None
    [(_, result)] = read(Sources((source,), builtin=False)).results
    print_problems(result.problems)
    catalogue = result.catalogue
    if not catalogue.entries and result.problems:
        raise CliError(f"nothing imported from {source}: see the problems above", code=EXIT_DATA)
    output(format_catalogue(catalogue, fmt), args.output, force=args.force)
    if sidecar is not None:
        _write_keys(sidecar, catalogue, source)
    return EXIT_OK

"""The format table and the two ways in: :func:`load_source` (a file) and :func:`load_text`.

The table is static: each suffix names its loader as ``module:function``,
imported on first use, so a build that never reads a README never imports
markdown-it-py, and no import changes what a suffix means. The longest
matching suffix wins, so ``.csl.json`` can differ from ``.json``.

An awesome-list README (:data:`.specs.README_SUFFIXES`) is read with its keys
file (:mod:`.keyfile`): ``README.keys.yaml`` beside it when that exists, or
the file a caller names; its pins go to the README loader as ``keys``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol, cast

from .errors import CatalogueError, Location, Problem
from .keyfile import read_keys, unused_pins
from .model import Catalogue
from .reading.files import MAX_FILE_SIZE, decode, normalize_text, read_file, too_large
from .reading.raw import Malformed
from .reading.scan_yaml import yaml_bytes_ok
from .results import Loader, LoadResult, not_text_problem, syntax_problem
from .specs import README_SUFFIXES, misplaced_category, sidecar_path

if TYPE_CHECKING:
    from .awesome.pinning import Pins
    from .keyfile import KeyPins

__all__ = ["FORMATS", "FormatTable", "PinnableLoader", "ReadOptions", "load_source", "load_text"]


class PinnableLoader(Protocol):
    """The loader of a README (:data:`.specs.README_SUFFIXES`): it takes pinned keys."""

    def __call__(self, text: str, source: str, *, keys: Pins | None = None) -> LoadResult: ...


class FormatTable(Mapping[str, Loader]):
    """Loaders by file suffix (``loader(text, source_name) -> LoadResult``),
    each imported from its ``module:function`` reference when first looked up."""

    def __init__(self, references: Mapping[str, str]) -> None:
        self._references = dict(references)

    def __getitem__(self, suffix: str) -> Loader:
        module, _, name = self._references[suffix].partition(":")
        loader: Loader = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return loader

    def __iter__(self) -> Iterator[str]:
        return iter(self._references)

    def __len__(self) -> int:
        return len(self._references)

    def reference(self, suffix: str) -> str:
        """The ``module:function`` a suffix names, without importing it."""
        return self._references[suffix]

    def for_name(self, name: str) -> Loader | None:
        """The loader of a file name by its longest matching suffix, or None."""
        name = name.lower()
        matches = [suffix for suffix in self._references if name.endswith(suffix)]
        return self[max(matches, key=len)] if matches else None

    def known(self) -> str:
        """The suffixes, for messages."""
        return ", ".join(sorted(self._references))


#: Every format the catalogue layer reads.
FORMATS: Final = FormatTable(
    {
        ".yaml": "native:load_yaml",
        ".yml": "native:load_yaml",
        ".toml": "native:load_toml",
        # A list of items is CSL-JSON, a mapping a native catalogue.
        ".json": "csljson:load_json_any",
        ".csl.json": "csljson:load_csl_json",
        ".csljson": "csljson:load_csl_json",
        ".bib": "bibtex:load_bibtex",
        ".md": "awesome:load_markdown",
        ".markdown": "awesome:load_markdown",
    }
)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How one file is read beyond its format: its source's options, and what the
    sources read before it in the same set share with it."""

    #: The category of the entries that name none (BibTeX and CSL-JSON files).
    category: str | None = None
    #: The codec of the file's bytes (default: UTF-8, a BOM accepted).
    encoding: str | None = None
    #: The BibTeX ``@string`` macros of the ``.bib`` files read so far, by lower-case
    #: name: a ``.bib`` file sees them and adds its own.
    macros: dict[str, str] | None = None


#: The loaders that take a source's options, by suffix (``loader(text, source, *,
#: default_category, macros)``; ``macros`` for BibTeX only).
_OPTION_LOADERS: Final = {
    ".bib": "bibtex:parse_bibtex",
    ".csl.json": "csljson:parse_csl_json",
    ".csljson": "csljson:parse_csl_json",
    ".json": "csljson:load_json_any",  # (a native catalogue reports a category as misplaced)
}


def _with_options(file: Path, loader: Loader, options: ReadOptions) -> Loader:
    """``loader`` given the options its format takes (the default category, the macros)."""
    name = file.name.lower()
    matches = [suffix for suffix in FORMATS if name.endswith(suffix)]
    reference = _OPTION_LOADERS.get(max(matches, key=len)) if matches else None
    if reference is None or (options.category is None and options.macros is None):
        return loader
    module, _, function = reference.partition(":")
    parse = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    extra: dict[str, object] = {"default_category": options.category}
    if module == "bibtex":
        extra["macros"] = options.macros
    return lambda text, source: cast("LoadResult", parse(text, source, **extra))


def _misplaced_category(file: Path, source: str, options: ReadOptions) -> list[Problem]:
    name = file.name.lower()
    if options.category is None or name.endswith((".bib", ".json", ".csljson")):
        return []
    return [Problem(Location(source), misplaced_category(options.category), "invalid_field")]


def load_source(
    path: str | os.PathLike[str],
    *,
    display: str | None = None,
    keys: str | os.PathLike[str] | None = None,
    options: ReadOptions | None = None,
) -> LoadResult:
    """Load one catalogue file; the format comes from its suffix.

    ``display`` is the source name problems and entries are located with
    (default: ``path`` as given). An awesome-list README is read with its keys
    file: ``keys`` when given (a missing one is a problem), else its sidecar
    (:func:`.specs.sidecar_path`) when it exists; ``keys`` for another format
    is a problem and is ignored. ``options`` are the source's (:class:`ReadOptions`).
    Raises :class:`CatalogueError` only when the
    file has an unknown suffix or cannot be read; everything wrong *inside*
    the file, or inside its keys file, is a problem of the result.
    """
    file = Path(path)
    source = display if display is not None else os.fspath(path)
    loader = FORMATS.for_name(file.name)
    if loader is None:
        raise CatalogueError(
            f"unknown catalogue format {file.suffix or file.name!r}; known suffixes:"
            f" {FORMATS.known()}",
            Location(source),
        )
    options = options or ReadOptions()
    pins, misplaced = _pins_for(file, source, None if keys is None else Path(keys))
    if pins is not None:
        loader = _pinned(loader, pins.by_link)
    loader = _with_options(file, loader, options)
    # No local name holds the bytes: _load_file lets go of them once decoded.
    result = _load_file(loader, read_file(file, source), source, options.encoding)
    extra = [*misplaced, *_misplaced_category(file, source, options)]
    if pins is not None:
        extra += [*pins.problems, *unused_pins(pins, result.catalogue, file.name)]
    return replace(result, problems=[*extra, *result.problems]) if extra else result


def _pins_for(file: Path, source: str, keys: Path | None) -> tuple[KeyPins | None, list[Problem]]:
    """The keys file a source is read with, and the problem of a ``keys`` out of place."""
    if not file.name.lower().endswith(README_SUFFIXES):
        if keys is None:
            return None, []
        message = f"a keys file ({keys}) pins the keys of an awesome-list README only; ignored"
        return None, [Problem(Location(source), message)]
    if keys is not None:
        return read_keys(keys, os.fspath(keys)), []
    sidecar = sidecar_path(file)
    if sidecar is None or not sidecar.is_file():
        return None, []
    shown = Path(source).with_name(sidecar.name) if Path(source).name == file.name else sidecar
    return read_keys(sidecar, os.fspath(shown)), []


def _pinned(loader: Loader, keys: Pins) -> Loader:
    pinnable = cast("PinnableLoader", loader)
    return lambda text, source: pinnable(text, source, keys=keys)


def _load_file(loader: Loader, raw: bytes, source: str, encoding: str | None = None) -> LoadResult:
    # A large YAML catalogue goes to libyaml as bytes: never a str as well.
    if encoding is None and loader is FORMATS[".yaml"] and yaml_bytes_ok(raw):
        return loader(raw, source)  # type: ignore[arg-type]  # load_yaml reads bytes too
    try:
        text = decode(raw, encoding)
    except Malformed as exc:
        return syntax_problem(source, exc.line, exc.message)
    del raw  # not kept alive through the parse
    return _load_normalized(loader, normalize_text(text), source)


def load_text(text: str, source: str, fmt: str) -> LoadResult:
    """Load a catalogue from ``text``; ``fmt`` is a known suffix, ``"yaml"`` or ``".yaml"``."""
    suffix = fmt.lower() if fmt.startswith(".") else f".{fmt.lower()}"
    if suffix not in FORMATS:
        raise CatalogueError(
            f"unknown catalogue format {fmt!r}; known: {FORMATS.known()}", Location(source)
        )
    if len(text) > MAX_FILE_SIZE:
        raise too_large(len(text.encode("utf-8", "surrogatepass")), source)
    return _load_normalized(FORMATS[suffix], normalize_text(text), source)


def _load_normalized(loader: Loader, text: str, source: str) -> LoadResult:
    if not text or text.isspace():  # (strip() would copy a whole large file)
        return LoadResult(
            Catalogue(sources=[source]),
            [Problem(Location(source, 1), "the catalogue file is empty", "empty")],
        )
    return not_text_problem(text, source) or loader(text, source)

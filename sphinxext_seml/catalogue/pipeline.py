"""The built-in catalogue plus the user's sources, read and merged into one.

The one way in for a whole set of catalogues, shared by the Sphinx layer (the
built-in catalogue and ``seml_catalogues``) and the ``seml`` command line (the
built-in catalogue and ``--catalogue``), so that both read, locate and merge
by the same rules. :func:`read_sources` reads (one result per readable source,
and the sources that cannot be read at all, each with its error);
:func:`load_catalogues` reads and merges. What a caller does with an unreadable
source is its own: the command line stops with an error, a build warns and
goes on with the rest. Caching the result between builds is
:mod:`.cache`'s job, not this module's.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import BUILTIN_CATALOGUE
from .entrypoints import load_any
from .errors import CatalogueError, Location, Problem
from .formats import ReadOptions, load_source
from .merging import merge
from .specs import SourceSpec, keys_path, sidecar_path, source_path, spec_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .model import Catalogue
    from .results import LoadResult
    from .specs import CatalogueSource

__all__ = [
    "Merged",
    "Read",
    "Shown",
    "Unreadable",
    "builtin_result",
    "load_catalogues",
    "read_sources",
]


class Shown(enum.Enum):
    """How problems and entries of a user's file name it."""

    #: As the user wrote it (the command line: ``team.yaml``, relative to the working directory).
    AS_GIVEN = "as given"
    #: As the absolute path it resolves to (a build: Sphinx shortens it to the project).
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A source that cannot be used at all (missing file, unknown format, broken package)."""

    #: The source as the user wrote it.
    spec: str
    #: The name it is shown by when its error has no location of its own.
    shown: str
    error: CatalogueError

    @property
    def location(self) -> Location:
        return self.error.location or Location(self.shown)

    @property
    def message(self) -> str:
        return self.error.message


@dataclass(frozen=True, slots=True)
class Read:
    """Every source read: one result per readable source, in order (the built-in one
    first, with ``spec`` None), and the unreadable ones."""

    results: tuple[tuple[str | None, LoadResult], ...]
    unreadable: tuple[Unreadable, ...]
    #: The user's catalogue files, absolute where the spec was resolved: those named
    #: (also when unreadable: fixing one changes the build) and those entry points gave.
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged catalogue of a set of sources."""

    catalogue: Catalogue
    #: Problems inside the readable sources, then the merge's.
    problems: tuple[Problem, ...]
    unreadable: tuple[Unreadable, ...]
    files: tuple[str, ...]


@functools.cache
def builtin_result() -> LoadResult:
    """The built-in catalogue as loaded, read once per process (it is package data)."""
    return load_source(BUILTIN_CATALOGUE)


def _catalogue_files(result: LoadResult) -> Iterable[str]:
    # An entry point's catalogue is a file too: pages depend on it.
    return (s for s in result.catalogue.sources if Path(s).is_file())


def _with_keys_files(files: Iterable[str]) -> Iterable[str]:
    """``files`` and the keys file each README among them is read with by default."""
    for file in files:
        yield file
        sidecar = sidecar_path(Path(file))
        if sidecar is not None and sidecar.is_file():
            yield str(sidecar)


def _load(spec: CatalogueSource, base: Path, name: str, macros: dict[str, str]) -> LoadResult:
    options = ReadOptions(macros=macros)
    if isinstance(spec, SourceSpec):
        options = ReadOptions(spec.category, spec.encoding, macros)
        given = [n for n in ("keys", "category", "encoding") if getattr(spec, n) is not None]
        path = source_path(base, spec)
        if path is None and given:
            raise CatalogueError(
                f"{', '.join(map(repr, given))}: the options of a file, not of {spec.path!r}"
                " (an installed package says how its catalogue is read)"
            )
        if path is not None and spec.keys is not None:
            return load_source(path, display=name, keys=keys_path(base, spec), options=options)
    return load_any(spec_text(spec), base, display=name, options=options)


def read_sources(
    base: Path,
    *,
    builtin: bool,
    specs: Sequence[CatalogueSource],
    shown: Shown = Shown.RESOLVED,
) -> Read:
    """Read the built-in catalogue (if ``builtin``) and every spec (``entry-point:NAME``,
    a file path relative to ``base``, or a :class:`.specs.SourceSpec`), in order;
    nothing raises for bad input. An awesome-list README is read with its keys file
    (:func:`.specs.keys_path`), which is one of the files too. The ``@string`` macros
    of each ``.bib`` file are defined in the ``.bib`` files after it, as BibTeX reads
    several files given together."""
    results: list[tuple[str | None, LoadResult]] = []
    if builtin:
        results.append((None, builtin_result()))
    unreadable: list[Unreadable] = []
    named: list[str] = []
    found: list[str] = []
    macros: dict[str, str] = {}  # BibTeX @string macros: each .bib file sees the earlier ones'
    for spec in specs:
        text = spec_text(spec)
        path = source_path(base, spec)
        name = str(path) if path is not None and shown is Shown.RESOLVED else text
        if path is not None and path.is_file():
            named.append(str(path))
        if isinstance(spec, SourceSpec) and spec.keys is not None:
            named.append(str((base / spec.keys).resolve()))  # also when missing: it is named
        try:
            result = _load(spec, base, name, macros)
        except CatalogueError as exc:
            unreadable.append(Unreadable(text, name, exc))
            continue
        results.append((text, result))
        found.extend(_catalogue_files(result))
    files = dict.fromkeys(_with_keys_files([*named, *found]))
    return Read(tuple(results), tuple(unreadable), tuple(files))


def load_catalogues(
    base: Path,
    *,
    builtin: bool,
    specs: Sequence[CatalogueSource],
    shown: Shown = Shown.RESOLVED,
) -> Merged:
    """Read every source (:func:`read_sources`) and merge the readable ones in order."""
    read = read_sources(base, builtin=builtin, specs=specs, shown=shown)
    results = [result for _, result in read.results]
    if len(results) == 1 and read.results[0][0] is None and not results[0].problems:
        # The built-in catalogue alone: generated with slugs, already resolved.
        return Merged(results[0].catalogue, (), read.unreadable, read.files)
    merged = merge(results)
    return Merged(merged.catalogue, tuple(merged.problems), read.unreadable, read.files)

"""Catalogue sources: files, and catalogue packages found by entry point.

A package ships a catalogue by declaring an entry point in the group
``sphinxext_seml.catalogues``; users then name it as ``entry-point:NAME`` in
``seml_catalogues`` or the command line's ``--catalogue``::

    # pyproject.toml of the package "acme-handbook-refs"
    [project.entry-points."sphinxext_seml.catalogues"]
    acme = "acme_refs:CATALOGUE"        # or "acme_refs:load"

The object the entry point names may be:

* a path (``str`` or :class:`os.PathLike`) to a catalogue file in any
  supported format; a relative path is relative to the directory of the
  module that defines it, so ``CATALOGUE = "refs.yaml"`` next to
  ``acme_refs/__init__.py`` works;
* an :mod:`importlib.resources` traversable, e.g.
  ``files("acme_refs") / "refs.bib"`` (also inside a zip);
* a :class:`.model.Catalogue` or a :class:`.results.LoadResult`;
* a callable taking no arguments that returns any of the above.

:func:`load_any` is what the Sphinx layer and the command line call for a
user source: ``entry-point:NAME`` or a file path relative to a base
directory. Anything that makes a source unusable as a whole (unknown name,
missing file, failing package, missing optional dependency) raises
:class:`.errors.CatalogueError` with a message that says what to do;
problems inside a file are returned in the :class:`.results.LoadResult`.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import os
from importlib.resources import as_file
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .errors import CatalogueError, Location
from .formats import ReadOptions, load_source
from .model import Catalogue
from .results import LoadResult
from .specs import PREFIX, is_entry_point

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "ENTRY_POINT_GROUP",
    "PREFIX",
    "installed_catalogues",
    "load_any",
    "load_entry_point",
]

#: The entry-point group catalogue packages declare.
ENTRY_POINT_GROUP: Final = "sphinxext_seml.catalogues"


def _entry_points() -> list[EntryPoint]:
    return list(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP))


def installed_catalogues() -> list[str]:
    """The names of the installed catalogue entry points, sorted."""
    return sorted({ep.name for ep in _entry_points()})


def _origin(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    name = getattr(dist, "name", None) if dist is not None else None
    return f"{ep.value!r} of {name}" if name else repr(ep.value)


def _find(name: str) -> EntryPoint:
    points = _entry_points()
    found = [ep for ep in points if ep.name == name]
    source = Location(PREFIX + name)
    if not found:
        names = sorted({ep.name for ep in points})
        if not names:
            raise CatalogueError(
                f"no installed package provides the catalogue {name!r}: no catalogue packages"
                f" are installed (entry-point group {ENTRY_POINT_GROUP!r})",
                source,
            )
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise CatalogueError(
            f"no installed package provides the catalogue {name!r}; {hint}installed:"
            f" {', '.join(names)}",
            source,
        )
    values = {ep.value for ep in found}
    if len(values) > 1:
        raise CatalogueError(
            f"several installed packages provide the catalogue {name!r}:"
            f" {', '.join(sorted(_origin(ep) for ep in found))}; uninstall all but one",
            source,
        )
    return found[0]


def _module_dir(ep: EntryPoint) -> Path | None:
    try:
        module = importlib.import_module(ep.module)
    except Exception:  # already imported by ep.load(); a failure here only loses the base
        return None
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent if file else None


def load_entry_point(name: str) -> LoadResult:
    """Load the catalogue the installed entry point ``name`` provides.

    Raises :class:`CatalogueError` when no package (or more than one) provides
    ``name``, when the package fails to load or gives something that is not a
    catalogue, or when its file cannot be read.
    """
    name = name.strip()
    source = PREFIX + name
    if not name:
        raise CatalogueError(
            f"{PREFIX!r} needs the name of an installed catalogue, e.g. 'entry-point:acme'"
        )
    ep = _find(name)
    where = Location(source)
    try:
        value: object = ep.load()
        if callable(value) and not isinstance(value, (Catalogue, Traversable)):
            value = value()
    except CatalogueError:
        raise
    except Exception as exc:  # a broken package is bad input, not a crash of ours
        raise CatalogueError(
            f"the catalogue package failed to load ({_origin(ep)}): {type(exc).__name__}: {exc}",
            where,
        ) from exc
    if isinstance(value, LoadResult):
        return value
    if isinstance(value, Catalogue):
        if value.sources:
            return LoadResult(value)
        return LoadResult(
            Catalogue(
                value.categories.values(),
                value.flags.values(),
                value.entries.values(),
                [source],
                value.front,
            )
        )
    if isinstance(value, (str, os.PathLike)):
        path = Path(value)
        if not path.is_absolute():
            base = _module_dir(ep)
            if base is not None:
                path = base / path
        return load_source(path, display=os.fspath(path))
    if isinstance(value, Traversable):
        with as_file(value) as path:
            return load_source(path, display=str(value))
    raise CatalogueError(
        f"the catalogue package gives {type(value).__name__} ({_origin(ep)}); expected a path,"
        " a Catalogue, or a callable returning one",
        where,
    )


def load_any(
    spec: str | os.PathLike[str],
    base: Path | str,
    *,
    display: str | None = None,
    options: ReadOptions | None = None,
) -> LoadResult:
    """Load a user's catalogue source: ``entry-point:NAME`` or a file path.

    A relative path is relative to ``base`` (the Sphinx configuration
    directory, or the working directory for the command line). ``display``
    is the name problems are located with (default: the path as resolved);
    ``options`` say how a file is read (:class:`.formats.ReadOptions`).
    Raises :class:`CatalogueError` when the source cannot be used at all.
    """
    if isinstance(spec, str) and is_entry_point(spec):
        return load_entry_point(spec.strip()[len(PREFIX) :])
    if isinstance(spec, str) and not spec.strip():
        raise CatalogueError("empty catalogue source: give a file path or 'entry-point:NAME'")
    path = Path(spec)
    if not path.is_absolute():
        path = Path(base) / path
    shown = display if display is not None else os.fspath(path)
    return load_source(path, display=shown, options=options)

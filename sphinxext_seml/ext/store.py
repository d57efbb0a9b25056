"""The catalogue a build uses: the built-in one plus ``seml_catalogues``.

Loaded once per build, in the main process at ``env-get-outdated`` (so that
``-j N`` workers inherit it and catalogue warnings are reported once), and kept
out of the pickled environment: the domain stores only keys and anchors.

Parsing a large catalogue costs more than a one-page rebuild, so the parsed
result is also kept between builds, in the doctree directory, under the
digest of the sources' contents: an unchanged catalogue is never parsed twice,
a changed one always is. An unreadable or corrupt cache file is ignored.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue.errors import CatalogueError, Location, Problem
from ..data import BUILTIN_CATALOGUE
from .config import get_config, setting_location
from .diagnostics import Subtype, warn, warn_problem
from .domain import seml_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue
    from ..catalogue.query import CatalogueIndex
    from ..catalogue.results import LoadResult

#: ``entrypoints.PREFIX``, spelt out: that module (importlib.metadata, the loaders)
#: is imported only when a catalogue has to be parsed, not when the cache serves it.
ENTRY_POINT = "entry-point:"


@dataclass(frozen=True, slots=True)
class Loaded:
    catalogue: Catalogue
    #: Absolute paths of the user's catalogue files.
    files: tuple[str, ...]
    problems: tuple[Problem, ...]
    #: The sources and their content digests: equal keys, equal catalogues.
    key: str = ""
    #: The contents alone, without paths: equal in every checkout of a project.
    content: str = ""


#: Bump when what the cache file holds changes shape (2: packed entries and the index).
_CACHE_FORMAT = 2

# Keyed by the sources and their content hashes: an unchanged set of files is
# parsed once per process, a changed file is parsed again.
_cache: dict[tuple[object, ...], Loaded] = {}


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _resolve(confdir: Path, source: str) -> Path | None:
    """The file a source names, or None for ``entry-point:NAME``."""
    if source.strip().startswith(ENTRY_POINT):
        return None
    return (confdir / source).resolve()


CACHE_PREFIX = "seml-catalogue-"


def _cache_file(cache_dir: Path | None, key: tuple[object, ...]) -> Path | None:
    if cache_dir is None:
        return None
    from dataclasses import fields

    from ..catalogue.model import Entry
    from ..version import __version__

    # The model's fields too: entries are pickled by position, so a development
    # install whose Entry changed must not read an old cache with shifted fields.
    slots = tuple(f.name for f in fields(Entry))
    identity = (__version__, _CACHE_FORMAT, slots, _builtin_digest(), key)
    digest = hashlib.sha256(repr(identity).encode()).hexdigest()
    return cache_dir / f"{CACHE_PREFIX}{digest[:32]}.pickle"


@functools.cache
def _builtin_digest() -> str:
    return _digest(BUILTIN_CATALOGUE)


def _packed(loaded: Loaded) -> tuple[Loaded, CatalogueIndex]:
    """``loaded`` as a later build reads it back from the cache: entries packed, and
    the query index with every sort order computed (neither unpacked nor sorted again)."""
    from ..catalogue.query import adopt_index, index_for

    index = index_for(loaded.catalogue).warm()
    packed = replace(loaded, catalogue=loaded.catalogue.packed())
    adopt_index(packed.catalogue, index)
    return packed, index


def _read_cached(path: Path | None) -> Loaded | None:
    if path is None or not path.is_file():
        return None
    from ..catalogue.query import CatalogueIndex, adopt_index

    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # corrupt, truncated or from another version: parse again
        return None
    if not (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], Loaded)
        and isinstance(found[1], CatalogueIndex)
    ):
        return None
    loaded: Loaded = found[0]
    adopt_index(loaded.catalogue, found[1])
    return loaded


def _write_cached(path: Path | None, loaded: Loaded, index: CatalogueIndex) -> None:
    if path is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".seml-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((loaded, index), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for old in path.parent.glob(f"{CACHE_PREFIX}*.pickle"):
            if old != path:
                old.unlink()


def _load(
    confdir: Path,
    include_builtin: bool,
    sources: tuple[str, ...],
    cache_dir: Path | None = None,
) -> Loaded:
    paths = [_resolve(confdir, source) for source in sources]
    # By resolved path and content: two projects in one process (tests, a docs
    # server) may both name "catalogues/team.yaml" and must not share it.
    sourced = [
        (str(p), _digest(p)) if p else (source, "")
        for source, p in zip(sources, paths, strict=True)
    ]
    key = (include_builtin, *sourced)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    # Entry points are resolved by loading them: only file sources are cached on disk.
    cache_file = None if any(p is None for p in paths) else _cache_file(cache_dir, key)
    cached = _read_cached(cache_file)
    if cached is not None:
        _cache.clear()
        _cache[key] = cached
        return cached
    from ..catalogue.entrypoints import PREFIX, load_any
    from ..catalogue.formats import load_source
    from ..catalogue.merging import merge

    assert PREFIX == ENTRY_POINT
    results: list[LoadResult] = []
    problems: list[Problem] = []
    if include_builtin:
        results.append(load_source(BUILTIN_CATALOGUE))
    files: list[str] = []
    for source, path in zip(sources, paths, strict=True):
        try:
            results.append(load_any(source, confdir, display=str(path) if path else None))
            # An entry point's catalogue is a file too: pages depend on it.
            files += [s for s in results[-1].catalogue.sources if Path(s).is_file()]
        except CatalogueError as exc:
            location = exc.location or Location(str(path) if path else source)
            problems.append(
                Problem(location, f"{exc.message} (listed in seml_catalogues as {source!r})")
            )
    merged = merge(results)
    loaded = Loaded(
        merged.catalogue,
        tuple(dict.fromkeys([*(str(p) for p in paths if p is not None and p.is_file()), *files])),
        tuple(problems) + tuple(merged.problems),
        # Entry-point catalogues are files too: their content is part of the identity.
        repr((key, [_digest(Path(f)) for f in files])),
        hashlib.sha256(
            repr(
                (
                    include_builtin and _builtin_digest(),
                    [digest or source for source, digest in sourced],
                    [_digest(Path(f)) for f in files],
                )
            ).encode()
        ).hexdigest(),
    )
    del results, merged  # the parsed entries go once packed
    # This build uses the catalogue as the cache gives it back (entries packed,
    # unpacked when a page looks at them): it holds it as the next build will, and
    # -j N workers, forked from this process, do not each walk every entry object.
    loaded, index = _packed(loaded)
    _write_cached(cache_file, loaded, index)
    _cache.clear()  # keep one generation: a long-lived process must not pile them up
    _cache[key] = loaded
    return loaded


def load_for(env: BuildEnvironment, *, report: bool = False) -> Loaded:
    config = get_config(env.config)
    loaded = _load(
        Path(config.confdir or env.srcdir),
        config.include_builtin,
        config.catalogues,
        Path(env.doctreedir),
    )
    domain = seml_domain(env)
    if report or domain.loaded is None:
        for problem in loaded.problems:
            warn_problem(problem)
        for flag in sorted(set(config.badges) - set(loaded.catalogue.flags)):
            close = difflib.get_close_matches(flag, list(loaded.catalogue.flags), n=3)
            hint = (
                f"did you mean {', '.join(map(repr, close))}?"
                if close
                else (f"valid flags: {', '.join(loaded.catalogue.flags)}")
            )
            warn(
                f"seml_badges names an unknown flag {flag!r}; {hint}",
                Subtype.CONFIG,
                setting_location("seml_badges", Path(config.confdir, "conf.py")),
            )
        if not loaded.catalogue.entries and not loaded.problems:
            warn(
                "the catalogue is empty: seml_include_builtin is False and"
                " seml_catalogues names no entries.",
                Subtype.CONFIG,
                setting_location("seml_include_builtin", Path(config.confdir, "conf.py")),
            )
    # On the domain instance, not in its data: per build, never pickled.
    domain.loaded = loaded
    return loaded


def catalogue_key(env: BuildEnvironment) -> str:
    """The identity of the catalogues' contents in this build."""
    loaded = seml_domain(env).loaded or load_for(env)
    return loaded.key


def content_key(env: BuildEnvironment) -> str:
    """The catalogues' contents in this build, independent of where the project is."""
    loaded = seml_domain(env).loaded or load_for(env)
    return loaded.content


def catalogue_for(env: BuildEnvironment) -> Catalogue:
    """The merged catalogue of this build (loaded on first use)."""
    loaded = seml_domain(env).loaded
    if loaded is None:
        loaded = load_for(env)
    return loaded.catalogue

"""The catalogue a build uses: the built-in one plus ``seml_catalogues``.

Loaded once per build, in the main process at ``env-get-outdated`` (so that
``-j N`` workers inherit it and catalogue warnings are reported once), and kept
out of the pickled environment: the domain stores only keys and anchors.

The catalogue layer does the work: :mod:`..catalogue.pipeline` reads and
merges the sources (the same pipeline as the ``seml`` command line), and
:mod:`..catalogue.cache` keeps the result between builds in the doctree
directory, under the digest of the sources' contents. This module adds what is
the Sphinx layer's: the sources from the configuration, a source that cannot
be read as a located warning, and one loaded catalogue per process.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue.cache import Fingerprint, cache_file, pack, read_cached, write_cached
from ..catalogue.digests import MEMO_NAME, DigestMemo
from ..catalogue.errors import Problem
from .config import get_config, setting_location
from .diagnostics import Subtype, warn, warn_problem
from .domain import seml_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..catalogue.model import Catalogue
    from ..catalogue.specs import CatalogueSource


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


# Keyed by the sources' fingerprint (paths and content digests): an unchanged set
# of files is parsed once per process, a changed file is parsed again.
_cache: dict[tuple[object, ...], Loaded] = {}


def _load(
    confdir: Path,
    include_builtin: bool,
    sources: tuple[CatalogueSource, ...],
    cache_dir: Path | None = None,
) -> Loaded:
    # The files' digests are remembered beside the cache: an unchanged file is not read.
    memo = DigestMemo(None if cache_dir is None else cache_dir / MEMO_NAME)
    fingerprint = Fingerprint.of(confdir, include_builtin, sources, memo.digest)
    memo.save()
    loaded = _cache.get(fingerprint.key)
    if loaded is not None:
        return loaded
    file = cache_file(cache_dir, fingerprint)
    loaded = read_cached(file, Loaded)
    if loaded is None:
        loaded = _parse(confdir, fingerprint, sources)
        write_cached(file, loaded)
    _cache.clear()  # keep one generation: a long-lived process must not pile them up
    _cache[fingerprint.key] = loaded
    return loaded


def _parse(confdir: Path, fingerprint: Fingerprint, sources: tuple[CatalogueSource, ...]) -> Loaded:
    # The readers (PyYAML, the scanners, importlib.metadata) are imported only when
    # lazy: a catalogue has to be parsed, never when the cache serves it.
    from ..catalogue.pipeline import load_catalogues

    merged = load_catalogues(confdir, builtin=fingerprint.builtin, specs=sources)
    unreadable = tuple(
        Problem(source.location, f"{source.message} (listed in seml_catalogues as {source.spec!r})")
        for source in merged.unreadable
    )
    key, content = fingerprint.identities(merged.files)
    # This build uses the catalogue as the cache gives it back (entries packed,
    # unpacked when a page looks at them): it holds it as the next build will.
    return Loaded(pack(merged.catalogue), merged.files, unreadable + merged.problems, key, content)


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

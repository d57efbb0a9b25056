"""Shared fixtures: Sphinx's own ``sphinx.testing.fixtures`` plugin (enabled in
pyproject.toml) with test projects under ``tests/roots/test-*``.

Besides ``rootdir`` (which the Sphinx plugin reads), this file offers:

``shared_build``
    Builds a test root once per session for a (root, builder, config) triple and
    hands the same :class:`~semltest.citations.Build` to every test that asks for it
    again. Each build gets its own copy of the root, so nothing is written next to
    the sources.
``parse_html``
    A tiny HTML tree (stdlib :mod:`html.parser`) to look at elements, ids and
    classes instead of grepping strings.
``warning_lines``
    The warnings of a :class:`~sphinx.testing.util.SphinxTestApp`, one per line,
    colour codes removed and the source directory cut off the paths.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from semltest.citations import Build
from semltest.citations import warning_lines as warning_lines_of
from semltest.html import Element, parse
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


# -- warnings ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def warning_lines() -> Callable[[SphinxTestApp], list[str]]:
    return warning_lines_of


# -- a small HTML tree --------------------------------------------------------------------


@pytest.fixture(scope="session")
def parse_html() -> Callable[[str | Path], Element]:
    """``parse_html(path_or_text)`` -> the document's :class:`Element` tree."""

    def _parse(source: str | Path) -> Element:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        return parse(text)

    return _parse


# -- builds shared by many tests ---------------------------------------------------------


_counter = itertools.count()


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


@pytest.fixture(scope="session")
def shared_build(sphinx_test_tempdir: Path, rootdir: Path) -> Iterator[Callable[..., Build]]:
    """``shared_build("twins", "html", confoverrides={...})`` -> a ``Build``.

    Same arguments, same build: each (root, builder, overrides, parallel) is built
    once per session, in a fresh copy of the root.
    """
    cache: dict[Any, Build] = {}

    def build(
        testroot: str,
        buildername: str = "html",
        *,
        confoverrides: dict[str, Any] | None = None,
        parallel: int = 0,
    ) -> Build:
        key = (testroot, buildername, _freeze(confoverrides or {}), parallel)
        if key not in cache:
            srcdir = sphinx_test_tempdir / f"shared-{testroot}-{buildername}-{next(_counter)}"
            shutil.copytree(rootdir / f"test-{testroot}", srcdir)
            app = SphinxTestApp(
                buildername,
                srcdir=srcdir,
                confoverrides=confoverrides,
                parallel=parallel,
                freshenv=True,
            )
            try:
                app.build()
            finally:
                app.cleanup()
            status = strip_escape_sequences(app.status.getvalue())
            cache[key] = Build(app, status, warning_lines_of(app))
        return cache[key]

    yield build
    cache.clear()

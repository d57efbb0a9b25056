"""Shared fixtures: Sphinx's own ``sphinx.testing.fixtures`` plugin (enabled in
pyproject.toml) with test projects under ``tests/roots/test-*``.

Besides ``rootdir`` (which the Sphinx plugin reads), this file offers:

``shared_build``
    Builds a test root once per session for a (root, builder, config) triple and
    hands the same :class:`Built` to every test that asks for it again. Each build
    gets its own copy of the root, so nothing is written next to the sources.
``parse_html``
    A tiny HTML tree (stdlib :mod:`html.parser`) to look at elements, ids and
    classes instead of grepping strings.
``warning_lines``
    The warnings of a :class:`~sphinx.testing.util.SphinxTestApp`, one per line,
    colour codes removed and the source directory cut off the paths.
"""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


# -- warnings ---------------------------------------------------------------------------


def split_warnings(app: SphinxTestApp) -> list[str]:
    """Warning lines of ``app``, with ``<srcdir>/`` removed from locations."""
    text = strip_escape_sequences(app.warning.getvalue())
    srcdir = str(app.srcdir).rstrip(os.sep) + os.sep
    return [line.replace(srcdir, "") for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def warning_lines() -> Callable[[SphinxTestApp], list[str]]:
    return split_warnings


# -- a small HTML tree --------------------------------------------------------------------

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            el
            for el in self.iter()
            if el is not self
            and (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def by_id(self, ident: str) -> Element:
        for el in self.iter():
            if el.id == ident:
                return el
        raise AssertionError(f"no element with id={ident!r}")

    def ids(self) -> list[str]:
        return [el.id for el in self.iter() if el.id]

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in _VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(el)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@pytest.fixture(scope="session")
def parse_html() -> Callable[[str | Path], Element]:
    """``parse_html(path_or_text)`` -> the document's :class:`Element` tree."""

    def _parse(source: str | Path) -> Element:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        return parse(text)

    return _parse


# -- builds shared by many tests ---------------------------------------------------------


@dataclass
class Built:
    """A finished build: the app (its env and doctrees stay readable) and its output."""

    app: SphinxTestApp
    warnings: list[str]

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def html(self, docname: str) -> Element:
        return parse(self.read(f"{docname}.html"))


_counter = itertools.count()


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


@pytest.fixture(scope="session")
def shared_build(
    sphinx_test_tempdir: Path, rootdir: Path
) -> Iterator[Callable[..., Built]]:
    """``shared_build("twins", "html", confoverrides={...})`` -> a :class:`Built`.

    Same arguments, same build: each (root, builder, overrides, parallel) is built
    once per session, in a fresh copy of the root.
    """
    cache: dict[Any, Built] = {}

    def build(
        testroot: str,
        buildername: str = "html",
        *,
        confoverrides: dict[str, Any] | None = None,
        parallel: int = 0,
    ) -> Built:
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
            cache[key] = Built(app, split_warnings(app))
        return cache[key]

    yield build
    cache.clear()

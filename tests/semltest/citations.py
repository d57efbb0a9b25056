"""Helpers for the citation and bibliography tests (``test_citations.py``,
``test_bibliography.py``, ``test_citation_builds.py``).

Imported as ``from semltest import citations as cs`` (``tests`` is on the path);
the build cache below is shared between the three test files.

What it offers:

- :func:`copy_root` / :func:`build` / :func:`cached_build`: build a root under
  ``tests/roots/test-citations*`` with :class:`sphinx.testing.util.SphinxTestApp`,
  each in its own copy of the sources, so builds never share a doctree directory.
- :func:`parse_html` and :class:`Element`: the tree of :mod:`semltest.html`.
- :func:`citation_links`: every ``<a class="reference internal">`` inside a
  ``span.seml-citation`` of an HTML output, with the file and id it points to.
- :func:`read_inventory`: ``objects.inv`` without Sphinx's version-specific API.
- :func:`snapshot` / :func:`rewritten`: which output files a later build wrote again.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
import shutil
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from .html import Element, parse

if TYPE_CHECKING:
    pass

ROOTS = Path(__file__).resolve().parents[1] / "roots"


# -- building ----------------------------------------------------------------------------


def copy_root(name: str, dest: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to ``dest`` (which must not exist)."""
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


@dataclass
class Build:
    app: SphinxTestApp
    status: str
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
        return parse_html(self.outdir / f"{docname}.html")


def warning_lines(app: SphinxTestApp) -> list[str]:
    """The warnings of ``app``, one per line, with ``<srcdir>/`` cut off the locations."""
    text = strip_escape_sequences(app.warning.getvalue())
    srcdir = str(app.srcdir).rstrip(os.sep) + os.sep
    return [line.replace(srcdir, "") for line in text.splitlines() if line.strip()]


def build(
    srcdir: Path,
    buildername: str = "html",
    *,
    builddir: Path | None = None,
    confoverrides: dict[str, Any] | None = None,
    parallel: int = 0,
    freshenv: bool = False,
) -> Build:
    """Build ``srcdir``; the doctrees go to ``<builddir>/doctrees`` (default ``srcdir/_build``)."""
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        confoverrides=confoverrides,
        parallel=parallel,
        freshenv=freshenv,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app, strip_escape_sequences(app.status.getvalue()), warning_lines(app))


_cache: dict[Any, Build] = {}
_counter = itertools.count()


def cached_build(
    tmp_root: Path,
    root: str,
    buildername: str = "html",
    *,
    confoverrides: dict[str, Any] | None = None,
    parallel: int = 0,
) -> Build:
    """One build per (root, builder, overrides, parallel) and session, in its own copy."""
    key = (root, buildername, tuple(sorted((confoverrides or {}).items())), parallel)
    if key not in _cache:
        srcdir = copy_root(root, tmp_root / f"{root}-{buildername}-{next(_counter)}")
        _cache[key] = build(
            srcdir, buildername, confoverrides=confoverrides, parallel=parallel, freshenv=True
        )
    return _cache[key]


def snapshot(outdir: Path, suffix: str = ".html") -> dict[str, int]:
    """``{relative path: mtime_ns}`` of the output files, to tell later which were rewritten."""
    return {
        p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns for p in outdir.rglob(f"*{suffix}")
    }


def rewritten(outdir: Path, before: dict[str, int], suffix: str = ".html") -> set[str]:
    """Documents whose output file was written since :func:`snapshot` (new files too).

    File times, not the ``writing output...`` lines: a ``-j N`` build reports only the
    first and last document of each chunk.
    """
    now = snapshot(outdir, suffix)
    names = {name for name, mtime in now.items() if before.get(name) != mtime}
    return {name.removesuffix(suffix) for name in names} - {"genindex", "search"}


def bump_mtime(path: Path) -> None:
    """Make ``path`` newer than anything a previous build recorded."""
    stat = path.stat()
    later = max(stat.st_mtime_ns, time.time_ns()) + 2_000_000_000
    os.utime(path, ns=(later, later))


def output_files(outdir: Path, suffixes: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """Every file under ``outdir`` (relative POSIX path -> bytes), optionally by suffix."""
    out = {}
    for path in sorted(outdir.rglob("*")):
        if path.is_file() and (suffixes is None or path.suffix in suffixes):
            out[path.relative_to(outdir).as_posix()] = path.read_bytes()
    return out


# -- the HTML tree (semltest.html) under the name these tests use ----------------------

parse_html = parse


def canonical(element: Element, *, citation_anchors: bool = True) -> str:
    """A canonical rendering of a subtree (tags, sorted attributes, text), to compare
    two outputs without caring about attribute order; without ``citation_anchors``,
    the anchors back-references link to (``seml-cite-<key>-<n>``, unique on a page)
    are left out, to compare two citations of one page."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif not citation_anchors and (child.id or "").startswith("seml-cite-"):
            continue
        else:
            attrs = " ".join(f"{k}={v!r}" for k, v in sorted(child.attrs.items()))
            inner = canonical(child, citation_anchors=citation_anchors)
            parts.append(f"<{child.tag} {attrs}>{inner}</{child.tag}>")
    return "".join(parts)


def body(page: Element) -> Element:
    """The ``div.body`` of a Sphinx (alabaster) page: the document, without sidebars."""
    found = page.find("div", "body")
    assert found is not None, "no div.body"
    return found


# -- citations in HTML -------------------------------------------------------------------


@dataclass
class CitationLink:
    page: str  # the HTML file holding the citation, relative to the outdir
    element: Element  # the <a>
    href: str
    file: str  # the HTML file it points to, relative to the outdir
    fragment: str  # the id it points to

    @property
    def label(self) -> str:
        return self.element.text()


def resolve_href(page: str, href: str) -> tuple[str, str]:
    """``("chapter/index.html", "../references/#seml-x")`` -> ``("references/index.html",
    "seml-x")``; a bare fragment stays on ``page``."""
    parts = urlsplit(href)
    assert not parts.scheme, f"{page}: not an internal link: {href}"
    assert not parts.netloc, f"{page}: not an internal link: {href}"
    if not parts.path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target.endswith("/") or not posixpath.splitext(target)[1]:
        target = posixpath.join(target, "index.html")
    return target, unquote(parts.fragment)


def citation_spans(page: Element) -> list[Element]:
    return page.find_all("span", "seml-citation")


def citation_links(outdir: Path, pages: list[str] | None = None) -> list[CitationLink]:
    """Every internal link inside a ``span.seml-citation`` of the HTML files."""
    if pages is None:
        pages = sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html"))
    links = []
    for page in pages:
        tree = parse_html(outdir / page)
        for span in citation_spans(tree):
            for a in span.find_all("a"):
                if {"reference", "internal"} <= set(a.classes):
                    file, fragment = resolve_href(page, a.attrs["href"])
                    links.append(CitationLink(page, a, a.attrs["href"], file, fragment))
    return links


def missing_targets(outdir: Path, links: list[CitationLink]) -> list[str]:
    """Links whose file does not exist or has no element with the linked id."""
    ids: dict[str, set[str]] = {}
    problems = []
    for link in links:
        if link.file not in ids:
            path = outdir / link.file
            ids[link.file] = set(parse_html(path).ids()) if path.is_file() else set()
        if not link.fragment or link.fragment not in ids[link.file]:
            problems.append(f"{link.page}: {link.href} ({link.label!r})")
    return problems


def key_of_anchor(anchor: str) -> str:
    """``seml-sculley2015hidden`` or ``seml-bibliography-2-sculley2015hidden`` -> the key."""
    match = re.fullmatch(r"seml-(?:bibliography-\d+-)?(.+)", anchor)
    assert match, anchor
    return match.group(1)


def bibliography_keys(container: Element) -> list[str]:
    """Keys of the entries of a rendered bibliography, in order, from their anchors."""
    return [
        key_of_anchor(el.id)
        for el in container.iter()
        if el is not container and el.id and el.id.startswith("seml-")
    ]


# -- objects.inv -------------------------------------------------------------------------


def read_inventory(path: Path) -> dict[tuple[str, str], str]:
    """``{("seml:entry", "sculley2015hidden"): "references.html#seml-sculley2015hidden"}``."""
    data = path.read_bytes()
    lines = data.split(b"\n", 4)
    assert lines[0].startswith(b"# Sphinx inventory version 2"), lines[0]
    text = zlib.decompress(lines[4]).decode("utf-8")
    out = {}
    for line in text.splitlines():
        match = re.match(r"(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S*)\s+(.*)", line)
        if match:
            name, kind, _prio, uri, _disp = match.groups()
            if uri.endswith("$"):
                uri = uri[:-1] + name
            out[kind, name] = uri
    return out


# -- compiling LaTeX and reading citations (the citation tests share them) ----------------


def latexmk(directory: Path, tex: str) -> str:
    """Compile ``directory/tex`` to PDF with latexmk; the log (asserting success)."""
    import subprocess

    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = (directory / tex).with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, done.stdout[-3000:] + log[-3000:]
    return log


def citations_by_marker(page: Element) -> dict[str, Element]:
    """Each paragraph's first word (its marker) -> the paragraph's one citation."""
    found = {}
    for para in page.find_all("p"):
        citation = para.find("span", cls="seml-citation")
        if citation is not None:
            found[para.text().split()[0]] = citation
    return found

"""The stylesheet: copied and linked by the HTML-format builders, without making an
incremental build rewrite the pages that did not change (root ``basic``)."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.ext.assets import STATIC_DIR, STYLESHEET


def rebuild(app: SphinxTestApp, make_app, app_params) -> tuple[SphinxTestApp, list[str]]:
    """A second build of the same project; returns it and the documents it wrote."""
    app.cleanup()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    written: list[str] = []
    again.connect(
        "html-page-context",
        lambda _app, pagename, *_rest: (
            written.append(pagename) if pagename in again.env.found_docs else None
        ),
    )
    again.build()
    return again, sorted(written)


@pytest.mark.sphinx("html", testroot="basic", srcdir="assets-incremental")
def test_an_unchanged_rebuild_writes_no_page(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    again, written = rebuild(app, make_app, app_params)
    assert written == []
    # Sphinx sees the same configuration: nothing to report, nothing to rewrite
    assert "html_static_path" not in again.status.getvalue()
    copied = Path(again.outdir) / "_static" / STYLESHEET
    assert copied.read_bytes() == (STATIC_DIR / STYLESHEET).read_bytes()
    assert f"_static/{STYLESHEET}" in (Path(again.outdir) / "index.html").read_text("utf-8")


# Every page of every HTML builder links the stylesheet with Sphinx's checksum (``?v=``, the
# CRC-32 of the file) so that a browser fetches it anew after an upgrade; after an incremental
# build too, and the incremental output is the fresh build's, byte for byte.
PAGES = {
    "html": ["index.html", "list_rst.html", "list_md.html"],
    "dirhtml": ["index.html", "list_rst/index.html", "list_md/index.html"],
    "singlehtml": ["index.html"],
}
CHECKSUM = format(zlib.crc32((STATIC_DIR / STYLESHEET).read_bytes().replace(b"\r", b"")), "08x")
LINK = re.compile(r'href="(?:\.\./)*_static/sphinxext-seml\.css(\?v=[0-9a-f]+)?"')


def html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.html"))
        if "_static" not in p.parts
    }


def edit(srcdir: Path) -> None:
    page = srcdir / "list_rst.rst"
    page.write_text(page.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")


@pytest.mark.parametrize("buildername", list(PAGES))
def test_the_stylesheet_is_checksummed_on_every_page(
    buildername: str, make_app, sphinx_test_tempdir: Path, rootdir: Path
) -> None:
    def build(srcdir: Path) -> Path:
        app = make_app(buildername, srcdir=srcdir)
        app.build()
        return Path(app.outdir)

    def copy(name: str) -> Path:
        srcdir = sphinx_test_tempdir / f"assets-checksum-{buildername}-{name}"
        shutil.rmtree(srcdir, ignore_errors=True)
        shutil.copytree(rootdir / "test-basic", srcdir)
        return srcdir

    twice = copy("incremental")
    first = build(twice)
    for page in PAGES[buildername]:
        assert LINK.findall((first / page).read_text("utf-8")) == [f"?v={CHECKSUM}"], page
    edit(twice)
    incremental = html_files(build(twice))
    for page in PAGES[buildername]:
        assert LINK.findall(incremental[page].decode("utf-8")) == [f"?v={CHECKSUM}"], page
    once = copy("fresh")
    edit(once)
    assert incremental == html_files(build(once))

"""The stylesheet: copied and linked by the HTML-format builders, without making an
incremental build rewrite the pages that did not change (root ``basic``)."""

from __future__ import annotations

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

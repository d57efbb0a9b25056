"""The stylesheet, for HTML-format builders only (html, dirhtml, singlehtml, epub).

The file is copied into ``_static`` at ``html-collect-pages``, which the
HTML-format builders run before they copy their own static files (and before
epub packs the book), and at ``build-finished`` for singlehtml, which has no
such event. Appending to ``html_static_path`` instead would change
the configuration Sphinx compares between builds, and make every incremental
build rewrite every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STYLESHEET = "sphinxext-seml.css"


def _link_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def _copy_stylesheet(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    copy_asset_file(STATIC_DIR / STYLESHEET, Path(app.outdir) / "_static", force=True)
    return iter(())


def _copy_at_end(app: Sphinx, exception: BaseException | None) -> None:
    if (
        exception is None
        and app.builder.format == "html"
        and not app.builder.name.startswith("epub")
    ):
        copy_asset_file(STATIC_DIR / STYLESHEET, Path(app.outdir) / "_static", force=True)


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _link_stylesheet)
    app.connect("html-collect-pages", _copy_stylesheet)
    app.connect("build-finished", _copy_at_end)

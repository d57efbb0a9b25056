"""The stylesheet, added for HTML-format builders only (html, dirhtml, singlehtml, epub)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STYLESHEET = "sphinxext-seml.css"


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    # html_static_path is read when the builder copies static files, after this event.
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file(STYLESHEET)


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_stylesheet)

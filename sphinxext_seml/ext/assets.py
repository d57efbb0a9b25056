"""The stylesheet, for HTML-format builders only (html, dirhtml, singlehtml, epub).

Its directory is added to ``html_static_path`` at ``config-inited``, so every
HTML-format builder copies it with its own static files, and the builders that
write no HTML ignore it. Set at ``config-inited``, the value is the same in every
build: Sphinx sees no configuration change, and an incremental build rewrites only
the pages that changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STYLESHEET = "sphinxext-seml.css"


def _add_static_dir(app: Sphinx, config: Config) -> None:
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        # A new list: the default one is shared by every application in the process.
        config.html_static_path = [*config.html_static_path, static]


def _link_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(STYLESHEET)


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_dir)
    app.connect("builder-inited", _link_stylesheet)

"""A page's own citation style: the ``:seml-citation-style:`` field, from reST and MyST."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.testing.util import SphinxTestApp


def make(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "extensions = ['sphinxext_seml', 'myst_parser']\n", encoding="utf-8"
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   ay\n   md\n   bad\n\n"
        "Numeric :seml:cite:`sculley2015hidden`.\n\n.. seml-bibliography::\n",
        encoding="utf-8",
    )
    (src / "ay.rst").write_text(
        ":seml-citation-style: author-year\n\nAY\n==\n\n"
        "See :seml:cite:`sculley2015hidden` and :seml:citet:`zinkevichrules`.\n\n"
        ".. seml-bibliography::\n   :local:\n",
        encoding="utf-8",
    )
    (src / "md.md").write_text(
        "---\nseml-citation-style: label\n---\n# MD\n\nSee {seml:cite}`sculley2015hidden`.\n",
        encoding="utf-8",
    )
    (src / "bad.rst").write_text(
        ":seml-citation-style: harvard\n\nBad\n===\n\nSee :seml:cite:`sculley2015hidden`.\n",
        encoding="utf-8",
    )
    return src


def text(app: SphinxTestApp, name: str) -> str:
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", "", html)


def test_each_page_keeps_its_own_style(tmp_path: Path) -> None:
    app = SphinxTestApp("html", srcdir=make(tmp_path))
    try:
        app.build()
        assert "Numeric [1]." in text(app, "index")
        ay = text(app, "ay")
        assert "See (Sculley et al., 2015) and Zinkevich (n.d.)." in ay
        assert "[1]" not in ay  # its local bibliography is an author-year list
        assert "See [Sculley15]." in text(app, "md")
        # an unknown style: a located warning, and the project's style
        warning = app.warning.getvalue()
        assert "bad.rst:1: WARNING: :seml-citation-style: 'harvard' is not a citation style" in (
            warning
        )
        assert "[seml.invalid_option]" in warning
        assert "See [1]." in text(app, "bad")
    finally:
        app.cleanup()

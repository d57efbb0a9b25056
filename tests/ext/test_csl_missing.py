"""Without the csl extra, asking for a CSL style is a clear config warning naming the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue import cslformat


def test_csl_style_without_the_extra(tmp_path: Path, rootdir: Path, monkeypatch) -> None:
    monkeypatch.setattr(cslformat, "available", lambda: False)
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-csl", src)
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8") + 'seml_reference_style = "apa"\n',
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        warning = app.warning.getvalue()
        assert (
            "conf.py:4: WARNING: seml_reference_style = 'apa': the CSL reference style 'apa'"
            " needs citeproc-py: pip install \"sphinxext-seml[csl]\". Using 'default'."
            " [seml.config]"
        ) in warning.replace(str(src) + "/", "")
        html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
        assert "D. Sculley, Gary Holt" in html  # the built-in format instead
    finally:
        app.cleanup()

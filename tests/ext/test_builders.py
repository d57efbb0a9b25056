"""Every builder renders the directives and roles, with no warning at all.

Root ``builders``: a reST chapter and a MyST chapter using every directive,
badges in text and in section titles. Each builder gets its own copy of the root
(``srcdir=builders-<name>``), built with ``warningiserror=True`` (``-W``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "epub", "text", "man", "texinfo", "gettext"]


def on(buildername: str, **kwargs):
    """The ``sphinx`` marker for the builders root and one builder."""
    kwargs.setdefault("srcdir", f"builders-{buildername}")
    return pytest.mark.sphinx(buildername, testroot="builders", warningiserror=True, **kwargs)


def clean_build(app: SphinxTestApp, warning_lines) -> Path:
    app.build()
    assert warning_lines(app) == []
    assert app.statuscode == 0
    return Path(app.outdir)


@pytest.mark.parametrize(
    "buildername",
    [pytest.param(b, marks=on(b, freshenv=True), id=b) for b in BUILDERS],
)
def test_builds_without_warnings(app: SphinxTestApp, warning_lines, buildername) -> None:
    outdir = clean_build(app, warning_lines)
    assert app.builder.name == buildername
    files = [p for p in outdir.rglob("*") if p.is_file()]
    assert files


# -- readable fallbacks ------------------------------------------------------------------


def unroff(text: str) -> str:
    return text.replace("\\-", "-").replace("\\(aq", "'")


@pytest.mark.parametrize(
    ("buildername", "files"),
    [
        pytest.param("text", ["chapter_rst.txt", "chapter_md.txt"], marks=on("text"), id="text"),
        pytest.param("man", ["seml-builders.1"], marks=on("man"), id="man"),
        pytest.param("texinfo", ["seml-builders.texi"], marks=on("texinfo"), id="texinfo"),
    ],
)
def test_plain_formats_show_badge_labels(app, warning_lines, buildername, files) -> None:
    outdir = clean_build(app, warning_lines)
    for name in files:
        text = unroff((outdir / name).read_text(encoding="utf-8"))
        assert "[Must-read]" in text, name
        assert "[Scientific]" in text, name
        assert "Continuous Delivery for Machine Learning" in text, name
        assert "<span" not in text


@on("text")
def test_text_output_reads_well(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    text = (outdir / "chapter_rst.txt").read_text(encoding="utf-8")
    assert "Must-reads [Must-read]\n======" in text
    assert "* Continuous Delivery for Machine Learning [Must-read] — Danilo Sato," in text
    assert "Papers are marked [Scientific]." in text
    # the table style is a real table in text output too
    assert re.search(r"\| Title +\| Authors +\| Year +\| Type +\| Flags +\|", text)
    md = (outdir / "chapter_md.txt").read_text(encoding="utf-8")
    # :no-badges: on the tools list
    tools = md.split("Tools without badges", 1)[1].split("As a table", 1)[0]
    assert "[" not in tools
    assert tools.count("* ") == 4


@on("latex")
def test_latex_badges_are_boxes_without_emoji(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    tex = (outdir / "seml-builders.tex").read_text(encoding="utf-8")
    assert r"\fcolorbox" in tex
    assert r"\sffamily Must\sphinxhyphen{}read}}" in tex
    for emoji in ("⭐", "🎓", "\N{VARIATION SELECTOR-16}"):
        assert emoji not in tex
    # a badge in a section title survives as a protected box
    plain = tex.replace("\\sphinxhyphen{}", "-")
    assert re.search(r"\\section\{Must\-reads \\protect\\fcolorbox", plain)
    # entry titles link to their URL
    assert r"\sphinxhref{https://martinfowler.com/articles/cd4ml.html}" in tex


# Links to entries shown in a list, a table, on a card and in full, from reST (``:any:``)
# and MyST (``[](key)``), in the chapters' last sections. The entry's anchor is on its list
# item, table row or card, which Sphinx's LaTeX and Texinfo writers never label: every such
# link was undefined in the PDF and the Info manual.
LINKED = {
    "sato2019continuous": "Continuous Delivery for Machine Learning",
    "horneman2019ai": "AI Engineering; 11 Foundational Practices",
    "sculley2015hidden": "Hidden Technical Debt in Machine Learning Systems",
    "amershi2019software": "Software Engineering for Machine Learning; A Case Study",
    "kim2017data": "Data Scientists in Software Teams; State of the Art and Challenges",
    "airflow": "Airflow",
}


@on("latex", srcdir="builders-latex-labels")
def test_latex_labels_every_linked_entry(app, warning_lines) -> None:
    tex = (clean_build(app, warning_lines) / "seml-builders.tex").read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    refs = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    linked = {ref.split(":seml-", 1)[1] for ref in refs if ":seml-" in ref}
    assert set(LINKED) <= linked
    assert sorted(refs - labels) == []


@on("texinfo", srcdir="builders-texinfo-labels")
def test_texinfo_anchors_every_linked_entry(app, warning_lines) -> None:
    texi = (clean_build(app, warning_lines) / "seml-builders.texi").read_text(encoding="utf-8")
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", texi))
    refs = dict(re.findall(r"@ref\{([^,}]*),,([^}]*)\}", texi))
    assert set(LINKED.values()) <= set(refs.values())
    assert sorted(set(refs) - anchors) == []


@on("html", srcdir="builders-html-labels")
def test_html_keeps_the_anchor_on_the_entry(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    rst = (outdir / "chapter_rst.html").read_text(encoding="utf-8")
    md = (outdir / "chapter_md.html").read_text(encoding="utf-8")
    assert re.search(r'<tr class="seml-entry [^"]*" id="seml-horneman2019ai">', rst)
    assert 'href="#seml-horneman2019ai"' in rst
    assert re.search(r'<li class="seml-entry [^"]*" id="seml-sato2019continuous">', md)
    assert 'href="chapter_md.html#seml-sato2019continuous"' in rst
    # the anchor is on the entry only, not repeated inside it
    assert rst.count('id="seml-horneman2019ai"') == 1


@on("epub", srcdir="builders-epub-content")
def test_epub_has_badges_and_stylesheet(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    xhtml = (outdir / "chapter_rst.xhtml").read_text(encoding="utf-8")
    assert 'class="seml-badge seml-badge-must-read"' in xhtml
    assert 'id="seml-sato2019continuous"' in xhtml
    assert (outdir / "_static" / "sphinxext-seml.css").is_file()
    assert "sphinxext-seml.css" in xhtml


@on("epub", srcdir="builders-epub-twice")
def test_epub_rebuild_without_warnings(app, make_app, app_params, warning_lines) -> None:
    """A second ``make epub`` in the same outdir: no stray file (seml.json) that the
    epub builder would not know how to package."""
    clean_build(app, warning_lines)
    app.cleanup()  # reset docutils' global registries before the second app
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    again.build()
    assert warning_lines(again) == []
    assert again.statuscode == 0


@pytest.mark.parametrize(
    ("buildername", "page"),
    [
        pytest.param("dirhtml", "chapter_rst/index.html", marks=on("dirhtml"), id="dirhtml"),
        pytest.param("singlehtml", "index.html", marks=on("singlehtml"), id="singlehtml"),
    ],
)
def test_html_variants(app, warning_lines, buildername, page) -> None:
    outdir = clean_build(app, warning_lines)
    html = (outdir / page).read_text(encoding="utf-8")
    assert 'id="seml-sato2019continuous"' in html
    assert 'class="seml-badge seml-badge-must-read"' in html
    assert re.search(r'href="(\.\./)?_static/sphinxext-seml\.css', html)
    assert (outdir / "_static" / "sphinxext-seml.css").is_file()


def pot_files(outdir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in outdir.glob("*.pot")}


def msgids(pots: dict[str, str]) -> list[str]:
    return [m for text in pots.values() for m in re.findall(r'^msgid "(.*)"$', text, re.M)]


@on("gettext")
def test_gettext_has_page_text_but_no_entry_titles(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    pots = pot_files(outdir)
    assert {"chapter_rst.pot", "chapter_md.pot"} <= set(pots)
    ids = msgids(pots)
    assert "Further reading for the deployment chapter, chosen by the platform team." in ids
    assert "Notes of the operations chapter, written in Markdown." in ids
    assert "Newest papers" in ids
    # catalogue text is data, not the page's prose: no entry title, byline or summary
    text = "\n".join(ids)
    leaked = [e.title for e in CATALOGUE if e.title in text]
    assert leaked == []
    assert not [e.summary for e in CATALOGUE if e.summary and e.summary in text]
    assert "Danilo Sato" not in text


@on("gettext", srcdir="builders-gettext-categories")
def test_gettext_has_no_category_titles(app, warning_lines) -> None:
    """seml-catalogue section titles are catalogue data, not the page's prose."""
    outdir = clean_build(app, warning_lines)
    ids = msgids(pot_files(outdir))
    leaked = [c.title for c in CATALOGUE.categories.values() if c.title in ids]
    assert leaked == []


@on("gettext", srcdir="builders-gettext-labels")
def test_gettext_has_no_extension_labels(app, warning_lines) -> None:
    """Field names and the legend are the extension's own words, translated by its
    own message catalogue, not by the project's."""
    outdir = clean_build(app, warning_lines)
    ids = msgids(pot_files(outdir))
    labels = ["Authors", "Year", "Venue", "Type", "Category", "DOI", "Key", "Legend"]
    assert [label for label in labels if label in ids] == []


# -- compiling the LaTeX ------------------------------------------------------------------

XELATEX_FONTS = "\n".join(
    [
        r"\setmainfont{Latin Modern Roman}",
        r"\setsansfont{Latin Modern Sans}",
        r"\setmonofont{Latin Modern Mono}",
    ]
)


def compile_latex(outdir: Path, *args: str) -> str:
    tex = next(outdir.glob("*.tex"))
    env = {**os.environ, "LATEXOPTS": "", "XINDYOPTS": ""}
    result = subprocess.run(
        ["latexmk", *args, "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=outdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = tex.with_suffix(".log")
    log_text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert result.returncode == 0, result.stdout[-3000:] + log_text[-3000:]
    pdf = tex.with_suffix(".pdf")
    assert pdf.is_file()
    assert "Missing character" not in log_text
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", pdf.name, "-"], cwd=outdir, capture_output=True, text=True, check=True
        ).stdout
    return ""


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
@on("latex", srcdir="builders-pdflatex", freshenv=True)
def test_pdflatex_compiles(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    text = compile_latex(outdir, "-pdf")
    if text:
        assert "Continuous Delivery for Machine Learning" in text
        assert "Must-read" in text


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("xelatex"), reason="needs xelatex")
@on(
    "latex",
    srcdir="builders-xelatex",
    freshenv=True,
    # Sphinx's default xelatex fonts (GNU FreeFont) are often not installed;
    # Latin Modern ships with every TeX distribution that has xelatex.
    confoverrides={"latex_engine": "xelatex", "latex_elements": {"fontpkg": XELATEX_FONTS}},
)
def test_xelatex_compiles(app, warning_lines) -> None:
    outdir = clean_build(app, warning_lines)
    text = compile_latex(outdir, "-pdfxe")
    if text:
        assert "Continuous Delivery for Machine Learning" in text
        assert "Must-read" in text

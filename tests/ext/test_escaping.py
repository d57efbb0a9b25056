"""HTML and LaTeX special characters in catalogue text are escaped by every writer,
never interpreted (root ``escaping``: a hostile user catalogue, every style)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TITLE_TAIL = "</script> & Friends: 100% {\\textbf{bold}} $x^2$ #1 ~user_name \\relax"
URL = "https://example.com/a?b=1&c=<2>"


@pytest.fixture(scope="module")
def html(shared_build):
    built = shared_build("escaping", "html")
    assert built.warnings == []
    return built


def test_html_shows_the_text_and_runs_nothing(html) -> None:
    page = html.html("index")
    body = page.find("div", cls="body") or page
    # no element was created from catalogue text
    for tag in ("script", "em", "b", "i", "iframe"):
        assert body.find_all(tag) == [], tag
    titles = body.find_all("a", cls="seml-title")
    # 4 lists and the catalogue page with both entries, the seml-entry with one
    assert len(titles) == 2 * 5 + 1
    hostile = [a for a in titles if "Friends" in a.text()]
    assert len(hostile) == 6
    for a in hostile:
        assert a.text().startswith("<script>alert(")
        assert a.text().endswith(TITLE_TAIL)
        assert a.attrs["href"] == URL
    raw = html.read("index.html")
    assert "<script>alert(" not in raw
    assert "&lt;script&gt;alert(" in raw


def test_html_other_fields_escaped(html) -> None:
    page = html.html("index")
    text = page.text()
    assert "Hostile <em>Titles</em> & {\\bf Braces}" in text
    assert "A description with <script>alert(" in text
    # "O'Brien, <b>Bob</b>" is "Family, Given": shown in reading order (issue 13)
    assert "<b>Bob</b> O’Brien and Zoë & Co." in text
    assert "Proc. of \\input{/etc/passwd} & <iframe>" in text
    # (Sphinx's smart quotes turn "--" into a dash here as in any paragraph)
    assert "and a CDATA ]]> and a backslash \\ here." in text
    badge = page.find("span", cls="seml-badge-odd")
    assert badge.find(cls="seml-badge-label").text() == "R&D <b>#1</b>"
    assert badge.attrs["title"] == "R&D <b>#1</b>: Label with <i>markup</i>, 50% & {braces}."


def test_keys_with_punctuation_get_valid_unique_anchors(html) -> None:
    ids = html.html("index").ids()
    assert len(ids) == len(set(ids))
    hostile = [i for i in ids if i.lower().startswith("seml-acme-2024.script")]
    assert hostile[0] == "seml-Acme-2024.Script"
    assert len(hostile) == 6
    assert all(":" not in i and " " not in i for i in ids)


def test_latex_escapes(shared_build) -> None:
    built = shared_build("escaping", "latex")
    assert built.warnings == []
    tex = (built.outdir / "seml-escaping.tex").read_text(encoding="utf-8")
    assert (
        r"\textless{}/script\textgreater{} \& Friends: 100\% \{\textbackslash{}textbf\{bold\}\}"
        r" \$x\textasciicircum{}2\$ \#1 \textasciitilde{}user\_name \textbackslash{}relax"
    ) in tex
    assert (
        r"Proc. of \textbackslash{}input\{/etc/passwd\} \& \textless{}iframe\textgreater{}"
    ) in tex
    assert r"\scriptsize\sffamily R\&D \textless{}b\textgreater{}\#1" in tex
    # nothing of the catalogue reaches TeX unescaped
    for raw in ("\\input{/etc/passwd}", "{\\textbf{bold}}", "$x^2$", "{\\bf Braces}", "<script>"):
        assert raw not in tex, raw


def test_text_output(shared_build) -> None:
    built = shared_build("escaping", "text")
    assert built.warnings == []
    text = " ".join(built.read("index.txt").split())
    assert TITLE_TAIL in text
    assert "[R&D <b>#1</b>]" in text


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
def test_hostile_latex_compiles(shared_build) -> None:
    built = shared_build("escaping", "latex")
    outdir = built.outdir
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "seml-escaping.tex"],
        cwd=outdir,
        env={**os.environ, "LATEXOPTS": ""},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert (outdir / "seml-escaping.pdf").is_file()
    log = (outdir / "seml-escaping.log").read_text(encoding="utf-8", errors="replace")
    assert "/etc/passwd" not in log.replace("\\textbackslash{}input\\{/etc/passwd\\}", "")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "seml-escaping.pdf", "-"],
            cwd=outdir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Proc. of \\input{/etc/passwd} & <iframe>." in text
        assert Path(outdir / "seml-escaping.pdf").stat().st_size > 0

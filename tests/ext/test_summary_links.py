"""Links inside entry summaries are links on the page: HTML <a>, LaTeX \\href, text "Bar (url)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

CATALOGUE = """\
categories:
  - slug: tools
    title: Tools
entries:
  - key: foo
    title: Foo
    url: https://foo.example.org/
    category: tools
    summary: Uses [Bar](https://bar.example.org/x) for x, not \\[Baz\\](https://baz.example.org/).
"""

RST = """\
Tools
=====

.. seml-list:: tools

.. seml-entry:: foo
"""

MD = """\
# Tools

```{seml-list} tools
```

```{seml-entry} foo
```
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("summary-links")
    (src / "conf.py").write_text(
        'extensions = ["sphinxext_seml", "myst_parser"]\n'
        'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}\n'
        "seml_include_builtin = False\n"
        'seml_catalogues = ["catalogue.yaml"]\n'
        'project = "links"\n',
        encoding="utf-8",
    )
    (src / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (src / "index.rst").write_text(RST + "\n.. toctree::\n\n   page_md\n", encoding="utf-8")
    (src / "page_md.md").write_text(MD, encoding="utf-8")
    return src


def build(src: Path, builder: str) -> Path:
    out = src / "_build" / builder
    assert build_main(["-W", "-q", "-b", builder, str(src), str(out)]) == 0
    return out


def test_html_links_in_rst_and_myst(project: Path, parse_html) -> None:
    out = build(project, "html")
    for page in ("index.html", "page_md.html"):
        tree = parse_html(out / page)
        summaries = tree.find_all("p", "seml-summary")
        assert summaries, page
        for para in summaries:  # the list's, and the entry's in full
            links = [(a.text(), a.attrs.get("href")) for a in para.find_all("a")]
            assert links == [("Bar", "https://bar.example.org/x")]
            assert para.text() == "Uses Bar for x, not [Baz](https://baz.example.org/)."


def test_latex_href(project: Path) -> None:
    out = build(project, "latex")
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://bar.example.org/x}{Bar}" in tex


BAR_TEXT = "Uses Bar (https://bar.example.org/x) for x, not [Baz](https://baz.example.org/)."


def test_text_shows_the_url(project: Path) -> None:
    out = build(project, "text")
    for page in ("index.txt", "page_md.txt"):  # reST and MyST, list and entry
        text = " ".join((out / page).read_text(encoding="utf-8").split())  # wrapped lines
        assert text.count(BAR_TEXT) == 2, page


def test_man_and_texinfo_keep_the_link(project: Path) -> None:
    man = " ".join(next(build(project, "man").glob("*.1")).read_text(encoding="utf-8").split())
    assert r"Bar \%<https://\:bar\:.example\:.org/x>" in man  # man breaks URLs at dots
    texinfo = next(build(project, "texinfo").glob("*.texi")).read_text(encoding="utf-8")
    assert "Uses Bar@footnote{https://bar.example.org/x} for x" in texinfo  # texinfo_show_urls

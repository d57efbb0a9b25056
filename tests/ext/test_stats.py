"""``seml-stats`` (issue 16, item 2): entries per category, flag, type or year, from reST and
MyST (root ``stats``, a catalogue whose counts are written here by hand): an SVG chart with
its title and a table for screen readers in HTML, a pgfplots chart (or the table) in LaTeX,
a table in text; selections, a bad ``:by:``, escaping, the twins' doctrees."""

from __future__ import annotations

import re
import shutil
from html import escape

import pytest
from docutils import nodes
from semltest import citations as cs

from .test_myst import normalised

DOCNAMES = ("stats_rst", "stats_md")

#: Each chart of the twin pages: caption, then (label, count) per bar, in order.
CHARTS = [
    ("Entries per category", [("Pipelines & <Tools>", 3), ("People", 1)]),
    ("Entries per flag", [("Core", 2)]),
    ("Pipelines per year", [("2019", 1), ("2020", 2)]),
    ("Entries per type", [("paper", 2)]),
]


@pytest.fixture(scope="module")
def html(shared_build):
    built = shared_build("stats", "html")
    assert built.warnings == []
    return built


def svg_bars(svg: str) -> list[tuple[str, int]]:
    labels = re.findall(r'<text class="seml-stats-label"[^>]*>([^<]*)</text>', svg)
    counts = re.findall(r'<text class="seml-stats-count"[^>]*>([^<]*)</text>', svg)
    unescape = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
    return [
        (re.sub(r"&amp;|&lt;|&gt;", lambda m: unescape[m.group()], label), int(count))
        for label, count in zip(labels, counts, strict=True)
    ]


@pytest.mark.parametrize("docname", DOCNAMES)
def test_html_draws_one_svg_chart_per_directive(html, docname) -> None:
    text = html.read(f"{docname}.html")
    figures = re.findall(
        r'<figure class="seml-stats" id="(seml-stats-\d)">(.*?)</figure>', text, re.S
    )
    assert [ident for ident, _ in figures] == [f"seml-stats-{n}" for n in (1, 2, 3, 4)]
    for (ident, body), (caption, bars) in zip(figures, CHARTS, strict=True):
        svg = re.search(r"<svg .*?</svg>", body, re.S).group()
        assert f'role="img" aria-labelledby="{ident}-title"' in svg
        assert f'<title id="{ident}-title">{escape(caption, quote=False)}</title>' in svg
        assert svg_bars(svg) == bars
        assert f"<figcaption>{escape(caption, quote=False)}</figcaption>" in body


@pytest.mark.parametrize("docname", DOCNAMES)
def test_the_bars_are_scaled_to_the_largest_count(html, docname) -> None:
    text = html.read(f"{docname}.html")
    svg = re.search(r'<figure class="seml-stats" id="seml-stats-1">.*?(<svg .*?</svg>)', text, re.S)
    widths = [
        float(w) for w in re.findall(r'class="seml-stats-bar"[^>]* width="([\d.]+)"', svg.group(1))
    ]
    assert widths == [360.0, 120.0]  # 3 and 1 of at most 3


@pytest.mark.parametrize("docname", DOCNAMES)
def test_the_table_of_the_counts_is_in_the_page(html, docname) -> None:
    page = html.html(docname)
    tables = page.find_all("table", cls="seml-stats-table")
    assert len(tables) == 4
    rows = [[td.text().strip() for td in tr.find_all("td")] for tr in tables[0].find_all("tr")]
    assert [r for r in rows if r] == [["Pipelines & <Tools>", "3"], ["People", "1"]]
    headings = [th.text().strip() for th in tables[2].find_all("th")]
    assert headings == ["Year", "Entries"]


def test_the_stylesheet_hides_the_table_from_sight_only(html) -> None:
    css = (html.outdir / "_static" / "sphinxext-seml.css").read_text(encoding="utf-8")
    rule = css[css.index("figure.seml-stats table.seml-stats-table") :].split("}")[0]
    assert "clip-path: inset(50%)" in rule
    assert "display: none" not in rule


def test_text_shows_the_tables_under_their_captions(shared_build) -> None:
    built = shared_build("stats", "text")
    assert built.warnings == []
    text = built.read("stats_rst.txt")
    assert "Entries per category\n" in text
    assert "| Pipelines & <Tools> | 3       |" in text
    assert "| People              | 1       |" in text
    assert "Pipelines per year\n" in text
    assert "| 2020 | 2       |" in text


def test_latex_loads_the_charts_only_where_a_chart_is(shared_build) -> None:
    built = shared_build("stats", "latex")
    assert built.warnings == []
    tex = built.read("seml-stats.tex")
    assert tex.count(r"\ifsphinxextsemlpgfplots") == 8
    assert r"\usepackage{sphinxextsemlcharts}" in tex
    assert r"yticklabels={{Pipelines \& \textless{}Tools\textgreater{}},{People}}" in tex
    assert r"\addplot coordinates {(3,1) (1,2)};" in tex
    assert (built.outdir / "sphinxextsemlcharts.sty").is_file()


def test_a_document_without_charts_does_not_load_pgfplots(tmp_path) -> None:
    srcdir = cs.copy_root("stats", tmp_path / "src")
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8")
        + 'latex_documents = [("plain", "plain.tex", "Plain", "A", "howto")]\n',
        encoding="utf-8",
    )
    result = cs.build(srcdir, "latex")
    tex = (result.outdir / "plain.tex").read_text(encoding="utf-8")
    assert r"\usepackage{sphinxextseml}" in tex
    assert "sphinxextsemlcharts" not in tex


@pytest.mark.latex
@pytest.mark.skipif(not shutil.which("latexmk"), reason="needs latexmk")
@pytest.mark.skipif(not shutil.which("pdflatex"), reason="needs pdflatex")
@pytest.mark.parametrize("pgfplots", [True, False])
def test_the_pdf_compiles_with_and_without_pgfplots(tmp_path, pgfplots) -> None:
    srcdir = cs.copy_root("stats", tmp_path / "src")
    if not pgfplots:  # as where TeX has no pgfplots: the tables instead
        (srcdir / "conf.py").write_text(
            (srcdir / "conf.py").read_text(encoding="utf-8")
            + "latex_elements = {'preamble': r'\\sphinxextsemlpgfplotsfalse'}\n",
            encoding="utf-8",
        )
    result = cs.build(srcdir, "latex")
    assert result.warnings == []
    tex = (result.outdir / "seml-stats.tex").read_text(encoding="utf-8")
    # The switch is set after the packages: the table branch is the one TeX reads then.
    charts = tex.index(r"\usepackage{sphinxextsemlcharts}")
    assert (tex.find(r"\sphinxextsemlpgfplotsfalse", charts) > charts) is not pgfplots
    log = cs.latexmk(result.outdir, "seml-stats.tex")
    assert "pgfplots.code.tex" in log


def test_a_bad_by_is_a_located_warning_and_counts_by_category(tmp_path) -> None:
    srcdir = cs.copy_root("stats", tmp_path / "src")
    (srcdir / "stats_rst.rst").write_text(
        "Bad\n===\n\n.. seml-stats::\n   :by: colour\n", encoding="utf-8"
    )
    (srcdir / "stats_md.md").write_text(
        "# Bad\n\n```{seml-stats}\n:by: colour\n```\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert sorted(result.warnings) == [
        "stats_md.md:3: WARNING: seml-stats: unknown :by: 'colour'; use one of category, flag,"
        " type, year. Using 'category'. [seml.invalid_option]",
        "stats_rst.rst:4: WARNING: seml-stats: unknown :by: 'colour'; use one of category, flag,"
        " type, year. Using 'category'. [seml.invalid_option]",
    ]
    svg = re.search(r"<svg .*?</svg>", result.read("stats_md.html"), re.S).group()
    assert svg_bars(svg) == CHARTS[0][1]


def test_nothing_selected_says_so(tmp_path) -> None:
    srcdir = cs.copy_root("stats", tmp_path / "src")
    (srcdir / "stats_rst.rst").write_text(
        "None\n====\n\n.. seml-stats:: people\n   :flag: core\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert result.warnings == []
    page = result.html("stats_rst")
    assert page.find("p", cls="seml-empty").text() == "No matching entries."
    assert "<svg" not in result.read("stats_rst.html")


def test_the_twins_give_one_doctree(html) -> None:
    env = html.app.env
    trees = [env.get_doctree(d) for d in DOCNAMES]
    rst, md = (normalised(tree) for tree in trees)
    assert rst == md
    assert rst.count("<seml_stats") == 4
    assert not list(trees[0].findall(nodes.system_message))


def test_parallel_output_is_identical(tmp_path) -> None:
    built = {}
    for jobs in (1, 2):
        srcdir = cs.copy_root("stats", tmp_path / f"src{jobs}")
        result = cs.build(srcdir, "html", parallel=jobs if jobs > 1 else 0)
        assert result.warnings == []
        built[jobs] = cs.output_files(result.outdir, (".html",))
    assert built[1] == built[2]

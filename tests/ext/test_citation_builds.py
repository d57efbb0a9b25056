"""Citations and bibliographies across builders, incremental builds and ``-j N``.

- every builder (html, dirhtml, singlehtml, latex, text, man, texinfo, epub,
  gettext) builds the ``citations`` root without a warning and gives readable output;
- LaTeX: each bibliography stands where its directive is, every citation
  ``\\hyperref`` has its ``\\label``, and the PDF compiles (``latexmk -pdf``) with
  no undefined or multiply defined reference in the final ``.log``;
- incremental builds (one copy of the root per test, built, edited with a newer
  mtime, built again with the same output and doctree directories) show in every
  document body and in ``objects.inv`` what a fresh build of the edited sources
  shows, and rewrite only the pages whose output changed (told by file times);
- ``-j 2`` output is byte-identical to ``-j 1``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from semltest import citations as cs

CITED = [
    "sculley2015hidden",
    "amershi2019software",
    "zinkevichrules",
    "polyzotis2017data",
    "breck2016whats",
    "sato2019continuous",
    "baylor2019continuous",
    "googleresponsibleai",
    "nanonets10best",
    "hopper2021compilers",
    "hopper2021debugging",
]
DOCS = [
    "index",
    "intro",
    "roles_rst",
    "roles_md",
    "chapter",
    "chapter_md",
    "colon",
    "reading",
    "team",
    "plain",
    "references",
    "options",
    "options_md",
]


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("citation-builds")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- builders -----------------------------------------------------------------------------


BUILDERS = ["html", "dirhtml", "singlehtml", "latex", "text", "man", "texinfo", "epub", "gettext"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_builds_without_warnings(tmp_root, builder) -> None:
    built = cs.cached_build(tmp_root, "citations", builder)
    assert built.warnings == []


@pytest.mark.parametrize(
    ("builder", "suffix"), [("html", ".html"), ("dirhtml", ".html"), ("epub", ".xhtml")]
)
def test_every_citation_link_has_a_target(tmp_root, builder, suffix) -> None:
    built = cs.cached_build(tmp_root, "citations", builder)
    pages = sorted(p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob(f"*{suffix}"))
    links = cs.citation_links(built.outdir, pages)
    assert len(links) == 33
    assert len({link.page for link in links}) == 8
    assert cs.missing_targets(built.outdir, links) == []


def test_dirhtml_links_cross_directories(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "dirhtml")
    links = cs.citation_links(built.outdir, ["intro/index.html"])
    assert [link.href for link in links] == [
        "../references/#seml-sculley2015hidden",
        "../references/#seml-amershi2019software",
    ]


def test_singlehtml_has_every_citation_and_bibliography(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "singlehtml")
    page = cs.parse_html(built.outdir / "index.html")
    spans = cs.citation_spans(page)
    # intro 2, roles_rst 6, roles_md 6, chapter 3, chapter_md 2, colon 3, reading 1, team 3
    assert len(spans) == 26
    ids = set(page.ids())
    for span in spans:
        for a in span.find_all("a"):
            # Sphinx 9's singlehtml writes "#document-<doc>#<id>" for every
            # cross-document reference (its own :ref: too); the id must exist.
            assert a.attrs["href"].rsplit("#", 1)[1] in ids, a.attrs["href"]
    assert len(page.find_all("div", "seml-bibliography")) == 5 + 2 * 9


def test_text_output_is_readable(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "text")
    intro = squash(built.read("intro.txt"))
    assert "Technical debt [1] is the classic reference; Amershi et al. [2] studied" in intro
    chapter = built.read("chapter.txt")
    # the chapter's :local: bibliography numbers in the page's citation order
    assert "Data management [1], test scores Breck et al. [2], and the classic [3]" in squash(
        chapter
    )
    assert "[3]\n   D. Sculley, Gary Holt" in chapter
    references = built.read("references.txt")
    terms = re.findall(r"^\[(\d+)\]$", references, flags=re.MULTILINE)
    assert terms == [str(n) for n in range(1, len(CITED) + 1)]
    assert "Martin Zinkevich (n.d.). Rules of Machine Learning" in squash(references)
    assert "[Must-read]" in references
    roles = squash(built.read("roles_md.txt"))
    assert "One key Continuous Delivery for Machine Learning." in roles


def test_man_output_is_readable(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "man")
    (page,) = built.outdir.glob("*.1")
    raw = page.read_text(encoding="utf-8")
    # How a link's text is marked differs by Sphinx version: italics (8.x,
    # ``\fI\%1\fP``) or the target after it (9.x, ``1 \%<#:seml-...>``).
    text = re.sub(r"\\fI\\%|\\fP| \\%<#[^>]*>", "", raw)
    assert "Technical debt [1]" in text
    assert "Data management [1], test scores Breck et al. [2]," in text
    assert "Hidden Technical Debt in Machine Learning Systems" in text
    assert r"[Must\-read]" in text


def test_texinfo_refs_have_anchors(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "texinfo")
    (page,) = built.outdir.glob("*.texi")
    text = page.read_text(encoding="utf-8")
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", text))
    refs = re.findall(r"@ref\{([^,}]*),,([^}]*)\}", text)
    labels = [label for _, label in refs]
    assert labels.count("1") >= 5
    assert all(node in anchors for node, _ in refs)
    assert "@anchor{references seml-sculley2015hidden}" in text
    assert "@anchor{chapter seml-sculley2015hidden}" in text


def test_gettext_keeps_the_roles_in_the_messages(tmp_root) -> None:
    built = cs.cached_build(tmp_root, "citations", "gettext")
    assert ":seml:cite:`sculley2015hidden`" in built.read("intro.pot")
    assert "{seml:cite}`sculley2015hidden`" in built.read("roles_md.pot")
    assert "{seml-cite}`googleresponsibleai`" in built.read("colon.pot")


# -- LaTeX --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latex(tmp_root):
    built = cs.cached_build(tmp_root, "citations", "latex")
    assert built.warnings == []
    (tex,) = built.outdir.glob("*.tex")
    return built, tex


def test_latex_every_citation_hyperref_has_a_label(latex) -> None:
    _, tex = latex
    text = tex.read_text(encoding="utf-8")
    labels = re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", text)
    refs = re.findall(
        r"\\hyperref\[\\detokenize\{([^}]*)\}\]\{\\sphinxcrossref\{\\DUrole\{seml-cite-label\}",
        text,
    )
    assert len(refs) == 33
    assert sorted(set(refs) - set(labels)) == []
    # one entry in several bibliographies: still one label per place
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    assert duplicates == []


def test_latex_bibliographies_stand_where_their_directives_are(latex) -> None:
    _, tex = latex
    text = tex.read_text(encoding="utf-8")

    def at(label: str) -> int:
        index = text.find(f"\\label{{\\detokenize{{{label}}}}}")
        assert index >= 0, label
        return index

    # the chapter's :local: bibliography: after its heading, before the next document
    assert at("chapter:chapter-references") < at("chapter:seml-polyzotis2017data")
    assert at("chapter:seml-polyzotis2017data") < at("chapter_md::doc")
    assert at("chapter_md:seml-sato2019continuous") < at("colon::doc")
    # the project-wide one on the references page, not at the end of the book
    assert at("references::doc") < at("references:seml-sculley2015hidden") < at("options::doc")
    # citations in the chapter link to the chapter's bibliography
    assert "\\hyperref[\\detokenize{chapter:seml-polyzotis2017data}]" in text


@pytest.mark.latex
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="needs latexmk")
def test_pdf_compiles_without_undefined_references(latex, tmp_path) -> None:
    built, tex = latex
    workdir = tmp_path / "latex"
    shutil.copytree(built.outdir, workdir)  # keep the build's own output pristine
    tex = workdir / tex.name
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert tex.with_suffix(".pdf").is_file()
    # latexmk prints the warnings of earlier passes: read the final log only
    log = tex.with_suffix(".log").read_text(encoding="latin-1")
    assert not re.findall(r".*undefined.*", log, flags=re.IGNORECASE)
    assert "multiply defined" not in log
    assert "Rerun to get" not in log


# -- incremental builds -------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    """A copy of the root, built once; returns its srcdir."""
    srcdir = cs.copy_root("citations", tmp_path / "src")
    first = cs.build(srcdir, "html")
    assert first.warnings == []
    assert {p.stem for p in first.outdir.glob("*.html")} >= set(DOCS)
    return srcdir


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    cs.bump_mtime(path)


def rebuild(srcdir: Path, **kwargs):
    """Build again into the same output and doctree directories; returns the build and
    the documents whose output file was written again."""
    outdir = srcdir / "_build" / "html"
    before = cs.snapshot(outdir)
    built = cs.build(srcdir, "html", **kwargs)
    assert built.warnings == []
    return built, cs.rewritten(outdir, before)


def assert_same_as_fresh(srcdir: Path, built, tmp_path: Path) -> None:
    """Every page of the incremental build shows what a fresh build of the same sources
    shows. The document bodies are compared: Sphinx itself does not rewrite the
    previous/next links of neighbours when the toctree changes."""
    fresh_src = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = cs.build(fresh_src, "html", freshenv=True)
    assert fresh.warnings == []
    pages = sorted(p.relative_to(fresh.outdir).as_posix() for p in fresh.outdir.glob("*.html"))
    assert pages
    stale = [
        page
        for page in pages
        if cs.canonical(cs.body(cs.parse_html(fresh.outdir / page)))
        != cs.canonical(cs.body(cs.parse_html(built.outdir / page)))
    ]
    assert stale == []
    inventory = "objects.inv"
    assert (built.outdir / inventory).read_bytes() == (fresh.outdir / inventory).read_bytes()


def references(outdir: Path) -> list[str]:
    page = cs.body(cs.parse_html(outdir / "references.html"))
    return cs.bibliography_keys(page.find("div", "seml-bibliography"))


@pytest.mark.parametrize("parallel", [0, 2], ids=["j1", "j2"])
def test_removing_a_citation_drops_it_from_the_references(project, tmp_path, parallel) -> None:
    edit(project / "chapter.rst", ", test scores :seml:citet:`breck2016whats`", "")
    built, written = rebuild(project, parallel=parallel)
    assert references(built.outdir) == [k for k in CITED if k != "breck2016whats"]
    # the edited page, the references (content and numbers), the page whose citations
    # link to renumbered entries (team) and the option pages' bibliographies
    assert {"chapter", "references", "team", "options", "options_md"} <= written
    # nothing whose output cannot have changed
    assert not written & {
        "intro",
        "roles_rst",
        "roles_md",
        "chapter_md",
        "colon",
        "reading",
        "plain",
    }
    assert_same_as_fresh(project, built, tmp_path)


def test_adding_a_page_with_a_citation_adds_it(project, tmp_path) -> None:
    (project / "added.rst").write_text(
        "Added\n=====\n\nInterviews :seml:cite:`huyen2019machine` and the classic"
        " :seml:cite:`sculley2015hidden`.\n",
        encoding="utf-8",
    )
    edit(project / "index.rst", "   team\n", "   team\n   added\n")
    built, written = rebuild(project)
    assert references(built.outdir) == [*CITED, "huyen2019machine"]
    links = cs.citation_links(built.outdir, ["added.html"])
    assert [link.label for link in links] == ["12", "1"]
    assert cs.missing_targets(built.outdir, links) == []
    assert {"added", "index", "references", "options", "options_md"} <= written
    assert not written & {
        "intro",
        "roles_rst",
        "roles_md",
        "chapter",
        "chapter_md",
        "colon",
        "reading",
        "team",
        "plain",
    }
    assert_same_as_fresh(project, built, tmp_path)


def test_moving_a_citation_between_pages_changes_nothing_else(project, tmp_path) -> None:
    # sculley2015hidden stays first in the project (intro cites it): only the two
    # chapters' local bibliographies change.
    edit(project / "chapter.rst", ",\nand the classic :seml:cite:`sculley2015hidden` again.", ".")
    edit(
        project / "chapter_md.md",
        "{seml:citet}`baylor2019continuous`.",
        "{seml:citet}`baylor2019continuous`, after {seml:cite}`sculley2015hidden`.",
    )
    built, written = rebuild(project)
    assert references(built.outdir) == CITED
    chapter = cs.body(cs.parse_html(built.outdir / "chapter.html"))
    assert cs.bibliography_keys(chapter.find("div", "seml-bibliography")) == [
        "polyzotis2017data",
        "breck2016whats",
    ]
    chapter_md = cs.body(cs.parse_html(built.outdir / "chapter_md.html"))
    # a :local: bibliography lists the page's citations in the page's order
    assert cs.bibliography_keys(chapter_md.find("div", "seml-bibliography")) == [
        "sato2019continuous",
        "baylor2019continuous",
        "sculley2015hidden",
    ]
    assert {"chapter", "chapter_md"} <= written
    # Sphinx itself may rewrite the toctree parent (index); nothing else changed
    assert written - {"chapter", "chapter_md", "index"} == set()
    assert_same_as_fresh(project, built, tmp_path)


def test_reordering_the_toctree_renumbers_the_citing_pages(project, tmp_path) -> None:
    # chapter (polyzotis, breck, sculley) now comes first: the first five numbers
    # change, also on pages whose sources did not; team's (10, 11) do not.
    edit(
        project / "index.rst",
        "   intro\n   roles_rst\n   roles_md\n   chapter\n",
        "   chapter\n   intro\n   roles_rst\n   roles_md\n",
    )
    built, written = rebuild(project)
    assert references(built.outdir) == [
        "polyzotis2017data",
        "breck2016whats",
        "sculley2015hidden",
        *CITED[1:3],
        *CITED[5:],
    ]
    assert {"intro", "roles_rst", "roles_md", "references"} <= written
    assert not written & {"team", "plain", "chapter_md", "colon", "reading"}
    assert_same_as_fresh(project, built, tmp_path)


def test_removing_a_citing_page_drops_its_citations(project, tmp_path) -> None:
    (project / "team.rst").unlink()
    edit(project / "index.rst", "   team\n", "")
    built, written = rebuild(project)
    assert references(built.outdir) == CITED[:-2]
    assert {"references", "options", "options_md"} <= written
    assert not written & {
        "intro",
        "roles_rst",
        "roles_md",
        "chapter",
        "chapter_md",
        "colon",
        "reading",
        "plain",
    }
    assert_same_as_fresh(project, built, tmp_path)


def test_editing_the_user_catalogue_updates_citations_and_references(tmp_path) -> None:
    srcdir = cs.copy_root("citations", tmp_path / "src")
    # Content unique to this copy, so that no other project built earlier in this
    # process shares its catalogue (that case: test_two_projects_in_one_process_...).
    team = srcdir / "team.yaml"
    team.write_text(team.read_text(encoding="utf-8") + f"# {srcdir}\n", encoding="utf-8")
    assert cs.build(srcdir, "html").warnings == []
    edit(team, "Compilers for Model Pipelines", "Compilers for Feature Pipelines")
    built, written = rebuild(srcdir)
    assert "Compilers for Feature Pipelines" in built.read("references.html")
    (link, *_) = cs.citation_links(built.outdir, ["team.html"])
    assert "Compilers for Feature Pipelines" in link.element.attrs["title"]
    assert {"team", "references"} <= written
    assert_same_as_fresh(srcdir, built, tmp_path)


# Regression (1c5b11f to f2f65be): store.py keyed its per-process catalogue cache by the
# source as written ('team.yaml') and the digest, so a second project with an identical
# team.yaml got the first one's file paths as dependencies and never saw its own edits.
def test_two_projects_in_one_process_track_their_own_catalogue(tmp_path) -> None:
    first = cs.copy_root("citations", tmp_path / "first")
    second = cs.copy_root("citations", tmp_path / "second")
    assert cs.build(first, "html").warnings == []
    assert cs.build(second, "html").warnings == []
    edit(second / "team.yaml", "Compilers for Model Pipelines", "Compilers for Feature Pipelines")
    built, _ = rebuild(second)
    assert "Compilers for Feature Pipelines" in built.read("references.html")


def test_an_unchanged_project_rewrites_nothing(project) -> None:
    _, written = rebuild(project)
    assert written == set()


# Regression (HEAD c6e6f2e): the fingerprints behind env-get-updated were one set for all
# builders; a text build consumed the change and the next html build left
# references.html stale.
def test_a_builder_sharing_the_doctrees_does_not_hide_changes(project) -> None:
    edit(project / "chapter.rst", ", test scores :seml:citet:`breck2016whats`", "")
    text = cs.build(project, "text")  # same srcdir/_build/doctrees as the html build
    assert "breck" not in text.read("references.txt").lower()
    built, _ = rebuild(project)
    assert "breck2016whats" not in references(built.outdir)


# -- parallel builds ----------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_parallel_output_is_byte_identical(tmp_root, builder) -> None:
    serial = cs.cached_build(tmp_root, "citations", builder)
    parallel = cs.cached_build(tmp_root, "citations", builder, parallel=2)
    assert serial.warnings == parallel.warnings == []
    assert len(DOCS) >= 8
    # the parallel build really read in parallel chunks ("a .. b")
    reading = [line for line in parallel.status.splitlines() if line.startswith("reading sources")]
    assert any(" .. " in line for line in reading), reading
    ours = cs.output_files(serial.outdir)
    theirs = cs.output_files(parallel.outdir)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []

"""``seml.json`` across builds: its digest line, and rewritten only when its contents change.

An incremental build that changes nothing the report says leaves the file alone (same bytes,
same modification time); a new citation, an edited entry, a different builder or a damaged
file make the next build write it again.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from semltest import citations as cs

CONF = """\
extensions = ["sphinxext_seml", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "report"
exclude_patterns = ["_build"]
seml_include_builtin = False
seml_catalogues = ["team.yaml"]
"""

CATALOGUE = """\
categories:
  - slug: runbooks
    title: Runbooks
entries:
  - key: acme2024rollback
    title: Rolling Back a Model
    url: https://wiki.example.com/rollback
    category: runbooks
    year: 2024
  - key: acme2025canary
    title: Canary Releases for Models
    url: https://wiki.example.com/canary
    category: runbooks
    year: 2025
"""

PAGES = {
    "index.rst": """\
        Handbook
        ========

        Roll back first :seml:cite:`acme2024rollback`.

        .. toctree::

           notes
           references
        """,
    "notes.md": """\
        # Notes

        Nothing cited here yet.
        """,
    "references.rst": """\
        References
        ==========

        .. seml-bibliography::
        """,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "team.yaml").write_text(CATALOGUE, encoding="utf-8")
    for name, text in PAGES.items():
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return src


def report_path(project: Path, builder: str = "html") -> Path:
    return project / "_build" / builder / "seml.json"


def report(project: Path, builder: str = "html") -> dict:
    return json.loads(report_path(project, builder).read_text(encoding="utf-8"))


def html_build(project: Path, builder: str = "html") -> cs.Build:
    built = cs.build(project, builder)
    assert built.warnings == []
    return built


def test_first_line_holds_the_digest_of_the_rest(project: Path) -> None:
    html_build(project)
    text = report_path(project).read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = re.fullmatch(r'\{"digest": "([0-9a-f]{64})", "entries": \[', first)
    assert match, first
    data = json.loads(text)
    assert data["digest"] == match.group(1)
    assert [e["key"] for e in data["entries"]] == ["acme2024rollback"]
    assert data["entries"][0]["cited_in"] == ["index.html"]
    assert data["entries"][0]["used_in"] == ["references.html"]


def test_unchanged_report_is_not_rewritten(project: Path) -> None:
    html_build(project)
    path = report_path(project)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    pages = cs.snapshot(path.parent)
    index = project / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    cs.bump_mtime(index)
    built = html_build(project)
    assert cs.rewritten(built.outdir, pages) == {"index"}
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_new_citation_rewrites_the_report(project: Path) -> None:
    html_build(project)
    digest = report(project)["digest"]
    index = project / "index.rst"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\nThen a canary :seml:cite:`acme2025canary`.\n", "utf-8")
    cs.bump_mtime(index)
    html_build(project)
    data = report(project)
    assert data["digest"] != digest
    assert [e["key"] for e in data["entries"]] == ["acme2024rollback", "acme2025canary"]
    assert data["entries"][1]["cited_in"] == ["index.html"]


def test_edited_entry_rewrites_the_report(project: Path) -> None:
    html_build(project)
    digest = report(project)["digest"]
    catalogue = project / "team.yaml"
    catalogue.write_text(
        CATALOGUE.replace("Rolling Back a Model", "Rolling Back a Model Safely"), "utf-8"
    )
    cs.bump_mtime(catalogue)
    html_build(project)
    data = report(project)
    assert data["digest"] != digest
    assert data["entries"][0]["title"] == "Rolling Back a Model Safely"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.unlink(), id="deleted"),
        pytest.param(lambda p: p.write_text('{"entries": []}\n', "utf-8"), id="replaced"),
        pytest.param(lambda p: p.write_bytes(b"\xff\xfe\x00garbage"), id="not-utf8"),
    ],
)
def test_damaged_report_is_written_again(project: Path, damage) -> None:
    html_build(project)
    path = report_path(project)
    good = path.read_bytes()
    damage(path)
    html_build(project)
    assert path.read_bytes() == good


def test_each_builder_writes_its_own_page_uris(project: Path) -> None:
    html_build(project, "html")
    html_build(project, "dirhtml")
    assert report(project, "html")["entries"][0]["cited_in"] == ["index.html"]
    assert report(project, "dirhtml")["entries"][0]["cited_in"] == [""]
    assert report(project, "html")["digest"] != report(project, "dirhtml")["digest"]


def test_a_markdown_citation_rewrites_the_report(project: Path) -> None:
    html_build(project)
    path = report_path(project)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    notes = project / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nStill nothing.\n", "utf-8")
    cs.bump_mtime(notes)
    html_build(project)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # nothing it says changed
    notes.write_text(
        notes.read_text(encoding="utf-8") + "\nA canary {seml:cite}`acme2025canary`.\n", "utf-8"
    )
    cs.bump_mtime(notes)
    html_build(project)
    entries = {e["key"]: e for e in report(project)["entries"]}
    assert entries["acme2025canary"]["cited_in"] == ["notes.html"]
    assert entries["acme2024rollback"]["cited_in"] == ["index.html"]


def test_a_report_that_cannot_be_written_leaves_no_temporary_file(project: Path) -> None:
    html_build(project)
    path = report_path(project)
    path.unlink()
    path.mkdir()  # seml.json is now a directory holding a file: it cannot be replaced
    (path / "keep").write_text("x", encoding="utf-8")
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(Exception, match=r"seml\.json"):
        cs.build(project)
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert (path / "keep").read_text(encoding="utf-8") == "x"

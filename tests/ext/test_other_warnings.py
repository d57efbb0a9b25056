"""Enabling the extension changes nothing Sphinx reports about a project's own pages.

A project with no seml markup and duplicate labels across its pages (the shape of
imbalanced-learn's docs) is built with and without the extension. Sphinx reads the same
documents in the same order (so a ``-j 2`` build partitions them into the same chunks),
and a serial build reports the same warnings.

Which cross-chunk duplicates a ``-j 2`` build reports depends on Sphinx's own timing
(a reader forked after another chunk was merged sees its labels; plain Sphinx gives
different counts from one run to the next), so those are compared by the documents read
together, not by counting warnings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

PAGES = 40


def write_project(srcdir: Path) -> Path:
    srcdir.mkdir(parents=True)
    toc = "\n".join(f"   page{i:02d}" for i in range(PAGES))
    (srcdir / "index.rst").write_text(f"Handbook\n========\n\n.. toctree::\n\n{toc}\n", "utf-8")
    for i in range(PAGES):
        text = f".. _topic-{i % 17}:\n\nPage {i}\n=======\n\nSee :ref:`topic-{i % 5}`.\n"
        (srcdir / f"page{i:02d}.rst").write_text(text, "utf-8")
    (srcdir / "conf.py").write_text("project = 'handbook'\n", "utf-8")
    return srcdir


def build(make_app, tmp_path: Path, name: str, *, seml: bool, parallel: int):
    extensions = ["sphinxext_seml"] if seml else []
    app: SphinxTestApp = make_app(
        "html",
        srcdir=write_project(tmp_path / name),
        freshenv=True,
        parallel=parallel,
        confoverrides={"extensions": extensions},
    )
    read: list[list[str]] = []
    # After every other handler: the list Sphinx goes on to read (and to chunk).
    app.connect("env-before-read-docs", lambda _app, _env, docs: read.append(list(docs)), 900)
    app.build()
    warnings = sorted(
        line.replace(str(app.srcdir), "<src>")
        for line in strip_escape_sequences(app.warning.getvalue()).splitlines()
        if "WARNING: " in line
    )
    app.cleanup()  # the next application in this process registers its nodes anew
    return read, warnings


@pytest.mark.parametrize("parallel", [1, 2])
def test_the_same_documents_are_read_together(make_app, tmp_path, parallel) -> None:
    plain, _ = build(make_app, tmp_path, "plain", seml=False, parallel=parallel)
    with_seml, _ = build(make_app, tmp_path, "seml", seml=True, parallel=parallel)
    assert plain == [["index", *(f"page{i:02d}" for i in range(PAGES))]]
    assert with_seml == plain


def test_a_serial_build_reports_the_same_warnings(make_app, tmp_path) -> None:
    _, plain = build(make_app, tmp_path, "plain", seml=False, parallel=1)
    _, with_seml = build(make_app, tmp_path, "seml", seml=True, parallel=1)
    # pages 17..39 repeat a label of an earlier page
    assert len([w for w in plain if "WARNING: duplicate label topic-" in w]) == PAGES - 17
    assert with_seml == plain

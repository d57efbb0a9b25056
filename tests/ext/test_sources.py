"""Issue #4, done when: a project whose seml_catalogues holds a YAML catalogue with a
new category and flag, a .bib, a Zotero CSL-JSON export and an awesome-list README
builds -W clean and lists and cites entries from all of them beside the built-in ones;
the HTML builders write seml.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def built(tmp_path_factory, rootdir):
    import shutil

    src = tmp_path_factory.mktemp("sources") / "src"
    shutil.copytree(rootdir / "test-sources", src)
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    yield app
    app.cleanup()


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def test_builds_without_warnings(built) -> None:
    # the awesome README in the source tree is data, not a page: no toc.not_included
    assert built.warning.getvalue() == ""


@pytest.mark.parametrize(
    ("source", "key", "title"),
    [
        ("team.yaml", "acme2025canary", "Canary Releases for Ranking Models"),
        ("papers.bib", "garcia2023fairness", "Fairness Checks in CI Pipelines"),
        ("zotero.csl.json", "chen2022drift", "Detecting Drift in Production Models"),
        ("awesome-mlops.md", "example-monitoring", "Monitoring ML Models in Production"),
    ],
)
def test_every_source_is_listed(built, source, key, title) -> None:
    html = page(built, "lists")
    assert f'id="seml-{key}"' in html, source
    assert title in html


def test_new_category_and_flag(built) -> None:
    index = page(built, "index")
    assert 'id="seml-acme2025canary"' in index  # seml-list:: runbooks, :flag: internal
    assert "seml-badge-internal" in page(built, "lists")
    # flags from the README's emoji legend map onto the built-in must-read
    assert "seml-badge-must-read" in page(built, "lists")


def test_latex_in_bibtex_becomes_unicode(built) -> None:
    html = page(built, "references")
    assert "María García and Jörg Müller (2023)." in html


def test_citations_from_every_source_link_to_the_references(built) -> None:
    html = page(built, "cites_md")
    for key in ("sculley2015hidden", "acme2025canary", "garcia2023fairness", "chen2022drift"):
        assert f'href="references.html#seml-{key}"' in html
    refs = page(built, "references")
    for key in ("sculley2015hidden", "acme2025canary", "garcia2023fairness", "chen2022drift"):
        assert f'id="seml-{key}"' in refs


def test_seml_json_report(built) -> None:
    report = json.loads((Path(built.outdir) / "seml.json").read_text(encoding="utf-8"))
    entries = {e["key"]: e for e in report["entries"]}
    assert entries["chen2022drift"]["cited_in"] == ["cites_md.html"]
    assert entries["chen2022drift"]["used_in"] == ["lists.html", "references.html"]
    assert entries["example-alerting"]["cited_in"] == []  # key from its link (issue #12)
    assert (
        entries["sculley2015hidden"]["title"] == "Hidden Technical Debt in Machine Learning Systems"
    )
    # only what the build used: the built-in catalogue has 88 entries, this site shows few
    assert len(entries) == 6
    assert list(entries) == sorted(entries)

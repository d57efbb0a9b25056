"""Work, not time: the extension's cost grows with pages + entries + citations,
never pages x entries (issue #5). Counts calls of the expensive steps while
doubling pages and entries; wall-clock budgets live in bench/, not here."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from semltest.unpacking import record_unpacked
from sphinx.testing.util import SphinxTestApp

from sphinxext_seml.catalogue import filter as filter_module
from sphinxext_seml.ext import citemap, render, store

CATEGORIES = ["alpha", "beta", "gamma", "delta"]


def make_project(root: Path, pages: int, entries: int, *, filtered: bool = True) -> Path:
    root.mkdir(parents=True)
    catalogue = {
        "categories": [{"slug": c, "title": c.title()} for c in CATEGORIES],
        "flags": [{"slug": "hot", "label": "Hot"}],
        "entries": [
            {
                "key": f"e{i}",
                "title": f"Entry {i}",
                "url": f"https://example.org/{i}",
                "category": CATEGORIES[i % len(CATEGORIES)],
                "flags": ["hot"] if i % 3 == 0 else [],
                "year": 2000 + i % 20,
                "authors": [f"Author {i}"],
            }
            for i in range(entries)
        ],
    }
    (root / "team.yaml").write_text(yaml.safe_dump(catalogue), encoding="utf-8")
    (root / "conf.py").write_text(
        "extensions = ['sphinxext_seml']\n"
        "seml_include_builtin = False\n"
        "seml_catalogues = ['team.yaml']\n",
        encoding="utf-8",
    )
    names = [f"p{i}" for i in range(pages)]
    (root / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names) + "   refs\n",
        encoding="utf-8",
    )
    for i, name in enumerate(names):
        cites = ", ".join(f"e{(i * 7 + j) % entries}" for j in range(5))
        (root / f"{name}.rst").write_text(
            f"Page {i}\n=======\n\nSee :seml:cite:`{cites}`.\n\n"
            f".. seml-list:: {CATEGORIES[i % len(CATEGORIES)]}\n"
            + ("   :filter: year >= 2005\n" if filtered else "   :sort: -year\n")
            + "   :limit: 5\n",
            encoding="utf-8",
        )
    (root / "refs.rst").write_text("Refs\n====\n\n.. seml-bibliography::\n", encoding="utf-8")
    return root


def count_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int, entries: int
) -> Counter[str]:
    counts: Counter[str] = Counter()

    def counted(owner: object, name: str, label: str) -> None:
        real = getattr(owner, name)

        def wrapper(*args, **kwargs):
            counts[label] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    counted(render.Renderer, "headline", "rendered list entries")
    counted(render.Renderer, "reference", "formatted references")
    counted(filter_module.EntryFilter, "__call__", "filter evaluations")
    counted(citemap.CiteMap, "__init__", "project-wide resolutions")
    src = make_project(tmp_path / f"p{pages}-e{entries}", pages, entries)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    monkeypatch.undo()
    return counts


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, int], Counter[str]]:
    results = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for pages, entries in [(8, 80), (16, 80), (8, 160)]:
            results[pages, entries] = count_work(
                tmp_path_factory.mktemp("scale"), monkeypatch, pages, entries
            )
    return results


def test_rendering_grows_with_pages_not_entries(work) -> None:
    base, more_pages, more_entries = work[8, 80], work[16, 80], work[8, 160]
    assert base["rendered list entries"] == 8 * 5
    assert more_pages["rendered list entries"] == 16 * 5
    assert more_entries["rendered list entries"] == 8 * 5


def test_filters_run_once_per_distinct_query_not_per_page(work) -> None:
    base, more_pages, more_entries = work[8, 80], work[16, 80], work[8, 160]
    # 4 distinct queries (one per category): each entry is tested once per build,
    # however many pages ask (the query layer caches answers)
    assert base["filter evaluations"] == 80
    assert more_pages["filter evaluations"] == 80
    assert more_entries["filter evaluations"] == 160


def test_citations_are_resolved_once_per_build(work) -> None:
    for counts in work.values():
        assert counts["project-wide resolutions"] == 1


def test_references_are_formatted_once_per_bibliography_entry(work) -> None:
    # one references page showing each cited entry once: linear in citations
    def cited(pages: int, entries: int) -> int:
        return len({(i * 7 + j) % entries for i in range(pages) for j in range(5)})

    for (pages, entries), counts in work.items():
        assert counts["formatted references"] == cited(pages, entries)


@pytest.mark.parametrize("entries", [200, 2000])
def test_one_page_rebuild_unpacks_what_the_page_shows_not_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: int
) -> None:
    src = make_project(tmp_path / "project", 12, entries, filtered=False)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    # A new sphinx-build process: nothing in memory, the parsed catalogue is
    # read back from the doctree directory's cache.
    monkeypatch.setattr(store, "_cache", {})
    unpacked = record_unpacked(monkeypatch)
    page = src / "p3.rst"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        assert "One more sentence." in (app.outdir / "p3.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    # p3 lists 5 entries and cites 5; nothing else is unpacked, whatever the size
    cited = {f"e{(3 * 7 + j) % entries}" for j in range(5)}
    assert cited <= set(unpacked)
    assert len(unpacked) == len(set(unpacked)) <= 10


def test_full_build_unpacks_the_entries_shown_not_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build that parses the catalogue uses it as the cache gives it back:
    # entries packed, unpacked when a page shows or cites them.
    monkeypatch.setattr(store, "_cache", {})
    unpacked = record_unpacked(monkeypatch)
    src = make_project(tmp_path / "project", 12, 2000, filtered=False)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        assert app.warning.getvalue() == ""
    finally:
        app.cleanup()
    cited = {f"e{(i * 7 + j) % 2000}" for i in range(12) for j in range(5)}
    assert cited <= set(unpacked)
    # 12 pages x (5 listed + 5 cited), some shared; never the 2,000
    assert len(unpacked) == len(set(unpacked)) <= 120

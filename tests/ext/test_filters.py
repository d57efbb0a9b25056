"""``:filters:`` and ``seml_html_filters`` in the HTML the build writes (issue 16, item 1),
root ``filters``: the controls' container and the entries' data attributes, from reST
and MyST; the script linked only from pages with filters; other builders unaffected;
``-j 2`` identical. The script itself is tested in Chromium (tests/browser/test_filters.py).
"""

from __future__ import annotations

import json
import re

import pytest
from semltest import citations as cs

SCRIPT = "_static/sphinxext-seml-filters.js"


@pytest.fixture(scope="module")
def built(shared_build):
    built = shared_build("filters", "html")
    assert built.warnings == []
    return built


def boxes(page) -> list:
    return page.find_all("div", cls="seml-filters")


def test_controls_container_and_entry_data(built) -> None:
    page = built.html("index")
    first, second = boxes(page)
    assert "hidden" in first.attrs  # nothing shows until the script builds the controls
    assert first.children == [] or first.text() == ""
    assert first.attrs["data-seml-total"] == "5"
    facets = json.loads(first.attrs["data-seml-facets"])
    assert facets == [
        ["flag", [["must-read", "Must read"], ["scientific", "Scientific"]]],
        ["category", [["serving", "Serving Models"], ["rollback", "Rolling Back"]]],
        ["type", [["guide", "guide"], ["paper", "paper"], ["tool", "tool"]]],
        ["year", [["2022", "2022"], ["2021", "2021"]]],
    ]
    labels = json.loads(first.attrs["data-seml-labels"])
    assert labels["count"] == "%(shown)s of %(total)s"
    entries = [
        e for e in page.find_all("li") if e.attrs.get("data-seml-filter") == first.attrs["id"]
    ]
    canary = entries[0]
    assert canary.attrs["id"] == "seml-canary2021"
    assert canary.attrs["data-seml-flags"] == "must-read"
    assert canary.attrs["data-seml-category"] == "serving"
    assert canary.attrs["data-seml-type"] == "guide"
    assert canary.attrs["data-seml-year"] == "2021"
    assert "gael varoquaux" in canary.attrs["data-seml-text"]  # folded
    assert len(entries) == 5
    rows = [e for e in page.find_all("tr") if e.attrs.get("data-seml-filter") == second.attrs["id"]]
    assert len(rows) == 7
    assert "data-seml-year" not in rows[4].attrs  # the undated runbook
    # The unfiltered third list carries nothing.
    assert len([e for e in page.find_all("li") if "data-seml-filter" in e.attrs]) == 5


def test_a_name_target_stays_the_list_s(built) -> None:
    text = built.read("index.html")
    assert (
        '<table class="seml-list seml-style-table docutils align-default" id="all-entries">' in text
    )


def test_myst_and_filters_none(built) -> None:
    page = built.html("lists_md")
    assert len(boxes(page)) == 1
    cards = [e for e in page.find_all("div") if "data-seml-filter" in e.attrs]
    assert [c.attrs["id"] for c in cards] == ["seml-data2023", "seml-sweep2022"]


def test_the_script_only_where_filters_are(built) -> None:
    for name in ("index", "catalogue", "lists_md"):
        assert SCRIPT in built.read(f"{name}.html"), name
    for name in ("plain", "genindex", "search"):
        text = built.read(f"{name}.html")
        assert SCRIPT not in text, name
        assert "sphinxext-seml-filters.css" not in text, name


def test_the_setting_turns_them_on_everywhere(tmp_path) -> None:
    srcdir = cs.copy_root("filters", tmp_path / "src")
    result = cs.build(srcdir, "html", confoverrides={"seml_html_filters": True})
    assert result.warnings == []
    assert len(boxes(result.html("plain"))) == 1
    assert len(boxes(result.html("index"))) == 3
    assert len(boxes(result.html("lists_md"))) == 1  # :filters: none still wins


def test_a_bad_value_is_a_located_warning(tmp_path) -> None:
    srcdir = cs.copy_root("filters", tmp_path / "src")
    (srcdir / "plain.rst").write_text(
        "Plain\n=====\n\n.. seml-list:: serving\n   :filters: yes please\n", encoding="utf-8"
    )
    result = cs.build(srcdir, "html")
    assert result.warnings == [
        "plain.rst:4: WARNING: seml-list: :filters: takes no value, or none to turn them off,"
        " not 'yes please' [seml.invalid_option]"
    ]
    assert len(boxes(result.html("plain"))) == 1


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_are_unaffected(tmp_path, builder) -> None:
    out = {}
    for setting in (False, True):
        srcdir = cs.copy_root("filters", tmp_path / f"src{setting}")
        if not setting:  # the same project without any filters
            for path in srcdir.glob("*.*"):
                if path.suffix in (".rst", ".md"):
                    text = path.read_text(encoding="utf-8")
                    text = re.sub(r"^ *:filters:.*\n", "", text, flags=re.MULTILINE)
                    path.write_text(text, encoding="utf-8")
        result = cs.build(srcdir, builder)
        assert result.warnings == []
        files = cs.output_files(result.outdir)
        out[setting] = {k: v for k, v in files.items() if k.endswith((".txt", ".tex", ".xhtml"))}
    assert out[True] == out[False]
    assert out[True]
    assert not any(b"seml-filter" in v for v in out[True].values())


def test_parallel_output_is_identical(tmp_path) -> None:
    out = {}
    for jobs in (1, 2):
        srcdir = cs.copy_root("filters", tmp_path / f"src{jobs}")
        result = cs.build(srcdir, "html", parallel=jobs if jobs > 1 else 0)
        assert result.warnings == []
        files = cs.output_files(result.outdir)
        out[jobs] = {k: v for k, v in files.items() if k.endswith(".html")}
    assert out[1] == out[2]

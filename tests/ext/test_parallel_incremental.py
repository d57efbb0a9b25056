"""``-j 2`` gives the same bytes as ``-j 1``; incremental rebuilds re-read what
changed, no more and no less; ``objects.inv`` lists the rendered entries.

Root ``parallel``: 15 documents (reST and MyST) with lists in every style, entries,
a catalogue page, a page with badges only, a page with nothing from the catalogue,
a page with a mistake, and a user catalogue (``catalogues/team.yaml``).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.inventory import InventoryFile

from sphinxext_seml.catalogue.builtin import load_builtin

CATALOGUE = load_builtin()
DOCS = [
    "index",
    "overviews",
    "data",
    "training",
    "deployment",
    "social",
    "governance",
    "tooling",
    "runbooks",
    "cards",
    "entries",
    "catalogue",
    "badge_only",
    "plain",
    "typo",
]
# pages whose output comes from the catalogue through a directive
DIRECTIVE_DOCS = sorted(set(DOCS) - {"index", "badge_only", "plain"})
# the only page that shows acme2024rollback (catalogue.rst lists :flag: scientific only)
USERS_OF_THE_EDITED_ENTRY = ["runbooks"]
CATALOGUE_PROBLEM = (
    "catalogues/team.yaml:28: WARNING: entry 'acme2023notitle': required field 'title' is missing"
    " (entry skipped) [seml.catalogue]"
)


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def inventory(outdir: Path) -> dict[str, dict[str, str]]:
    """type -> name -> URI, read the way intersphinx reads it."""
    with open(outdir / "objects.inv", "rb") as stream:
        data = InventoryFile.load(stream, "https://handbook.example.org", posixpath.join)
    # Sphinx 8.2+ items have .uri; older ones are (project, version, uri, display) tuples
    return {
        kind: {name: getattr(item, "uri", None) or item[2] for name, item in items.items()}
        for kind, items in data.items()
    }


# -- parallel ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serial(shared_build):
    return shared_build("parallel", "html", parallel=1)


@pytest.fixture(scope="module")
def parallel(shared_build):
    return shared_build("parallel", "html", parallel=2)


def test_root_is_big_enough_for_parallel_reading(serial, parallel) -> None:
    # Sphinx reads and writes in parallel only with more than 5 documents to process
    assert len(DOCS) >= 8
    assert sorted(serial.app.env.found_docs) == sorted(DOCS)
    assert parallel.app.parallel == 2
    assert parallel.app.is_parallel_allowed("read")
    assert parallel.app.is_parallel_allowed("write")
    # the -j 2 build really read in chunks ("reading sources... [ 50%] a .. c")
    status = strip_escape_sequences(parallel.app.status.getvalue())
    chunks = [line for line in status.splitlines() if line.startswith("reading sources")]
    assert any(" .. " in line for line in chunks), chunks
    serial_status = strip_escape_sequences(serial.app.status.getvalue())
    assert " .. " not in serial_status


def test_parallel_html_is_byte_identical(serial, parallel) -> None:
    one = html_files(serial.outdir)
    two = html_files(parallel.outdir)
    assert sorted(one) == sorted([f"{d}.html" for d in DOCS] + ["genindex.html", "search.html"])
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_parallel_inventory_and_report_identical(serial, parallel) -> None:
    assert (serial.outdir / "objects.inv").read_bytes() == (
        parallel.outdir / "objects.inv"
    ).read_bytes()
    assert inventory(serial.outdir) == inventory(parallel.outdir)


def test_parallel_warnings_reported_once(serial, parallel) -> None:
    expected = [
        CATALOGUE_PROBLEM,
        "typo.rst:4: WARNING: seml-list: unknown category 'deploymnet';"
        " did you mean 'deployment'? [seml.unknown_category]",
    ]
    assert serial.warnings == expected

    # (where the catalogue file is, is test_two_projects_in_one_process's business:
    # both builds here are copies of one project in one process)
    def relative(warnings: list[str]) -> list[str]:
        return [re.sub(r"^/\S*/(catalogues/team\.yaml:)", r"\1", w) for w in warnings]

    assert relative(parallel.warnings) == expected


def test_parallel_output_really_has_the_lists(parallel) -> None:
    runbooks = parallel.html("runbooks")
    assert "Canary Releases for Ranking Models" in runbooks.text()
    assert "seml-acme2025canary-2" in runbooks.ids()
    tooling = parallel.html("tooling")
    tools = [e.key for e in CATALOGUE if e.category == "tooling"]
    assert f"seml-{tools[0]}" in tooling.ids()


# -- objects.inv ------------------------------------------------------------------------------


def test_inventory_lists_rendered_entries(serial) -> None:
    entries = inventory(serial.outdir)["seml:entry"]
    base = "https://handbook.example.org/"
    # every built-in entry is listed on some page of this root, plus the team's two, and
    # the old keys (aliases) of the built-in ones, each where its entry is (issue 15)
    aliases = dict(CATALOGUE.aliases)
    assert aliases
    assert set(entries) == set(CATALOGUE.entries) | {"acme2025canary", "acme2024rollback"} | set(
        aliases
    )
    assert entries["acme2024rollback"] == base + "runbooks.html#seml-acme2024rollback"
    for old, new in aliases.items():
        assert entries[old] == entries[new], old
    # an entry rendered on several pages points to one of them, at an anchor that exists
    for name, uri in entries.items():
        key = aliases.get(name, name)
        page, _, anchor = uri.removeprefix(base).partition("#")
        assert anchor.startswith(f"seml-{key}"), key
        assert f'id="{anchor}"' in (serial.outdir / page).read_text(encoding="utf-8"), key


# -- incremental ----------------------------------------------------------------------------


def touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def rebuild(app: SphinxTestApp, make_app, app_params) -> tuple[SphinxTestApp, list[str]]:
    """A second build of the same project (like running sphinx-build again)."""
    app.cleanup()
    args, kwargs = app_params
    again = make_app(*args, **kwargs)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    again.build()
    return again, sorted(read)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch_later(path)


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel-edit-catalogue")
def test_editing_the_user_catalogue_rereads_its_users(
    app: SphinxTestApp, make_app, app_params, warning_lines
) -> None:
    # this copy's catalogue differs from every other copy built in this process
    # (two projects in one process: see test_two_projects_in_one_process)
    team = Path(app.srcdir) / "catalogues" / "team.yaml"
    team.write_text(team.read_text(encoding="utf-8") + "# edit-catalogue\n", encoding="utf-8")
    app.build()
    outdir = Path(app.outdir)
    assert "Rolling Back a Model" in (outdir / "runbooks.html").read_text(encoding="utf-8")
    edit(
        Path(app.srcdir) / "catalogues" / "team.yaml",
        "title: Rolling Back a Model",
        "title: Rolling Back a Ranking Model",
    )
    again, read = rebuild(app, make_app, app_params)
    # only the pages that show the edited entry are read again (usage.py): not the
    # other pages with lists, not the plain page
    assert read == USERS_OF_THE_EDITED_ENTRY
    html = (outdir / "runbooks.html").read_text(encoding="utf-8")
    assert "Rolling Back a Ranking Model" in html
    assert "Rolling Back a Model<" not in html
    # the catalogue is read again, so its problems are reported again, once
    assert warning_lines(again).count(CATALOGUE_PROBLEM) == 1
    # a page not read again keeps quiet: Sphinx reports a page's warnings when it reads it
    assert [w for w in warning_lines(again) if "typo.rst" in w] == []


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel-edit-page")
def test_editing_one_page_rereads_only_that_page(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    outdir = Path(app.outdir)
    before = html_files(outdir)
    edit(Path(app.srcdir) / "social.rst", "Page 5 of the handbook.", "Page five of the handbook.")
    _again, read = rebuild(app, make_app, app_params)
    assert read == ["social"]
    after = html_files(outdir)
    assert "Page five of the handbook." in after["social.html"].decode()
    # the lists of the edited page are still there, with the same anchors
    assert before["social.html"].replace(b"Page 5", b"Page five") == after["social.html"]
    unchanged = [n for n in before if n not in {"social.html", "genindex.html", "search.html"}]
    assert [n for n in unchanged if before[n] != after[n]] == []


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel-nothing-changed")
def test_rebuild_without_changes_reads_nothing(app: SphinxTestApp, make_app, app_params) -> None:
    app.build()
    _again, read = rebuild(app, make_app, app_params)
    assert read == []


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel-remove-list")
def test_removing_a_list_drops_its_entries_from_the_inventory(
    app: SphinxTestApp, make_app, app_params
) -> None:
    app.build()
    outdir = Path(app.outdir)
    assert "acme2024rollback" in inventory(outdir)["seml:entry"]
    runbooks = Path(app.srcdir) / "runbooks.rst"
    runbooks.write_text("Runbooks\n========\n\nNo list any more.\n", encoding="utf-8")
    touch_later(runbooks)
    _again, read = rebuild(app, make_app, app_params)
    assert read == ["runbooks"]
    entries = inventory(outdir)["seml:entry"]
    assert "acme2024rollback" not in entries
    # still rendered elsewhere: now found on that page
    assert (
        entries["acme2025canary"] == "https://handbook.example.org/cards.html#seml-acme2025canary"
    )


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel-edit-flag")
def test_editing_a_flag_label_updates_badge_only_pages(
    app: SphinxTestApp, make_app, app_params
) -> None:
    team = Path(app.srcdir) / "catalogues" / "team.yaml"
    team.write_text(team.read_text(encoding="utf-8") + "# edit-flag\n", encoding="utf-8")
    app.build()
    outdir = Path(app.outdir)
    assert ">Internal<" in (outdir / "badge_only.html").read_text(encoding="utf-8")
    edit(Path(app.srcdir) / "catalogues" / "team.yaml", "label: Internal", "label: Staff only")
    _again, read = rebuild(app, make_app, app_params)
    # the list pages show the new label ...
    assert ">Staff only<" in (outdir / "runbooks.html").read_text(encoding="utf-8")
    # ... and so must the page that only has badges
    assert "badge_only" in read
    html = (outdir / "badge_only.html").read_text(encoding="utf-8")
    assert ">Staff only<" in html
    assert ">Internal<" not in html


def test_two_projects_in_one_process(
    make_app, sphinx_test_tempdir: Path, rootdir: Path, warning_lines
) -> None:
    """Two copies of one project (same relative catalogue path, same content) built
    by one process, as a test suite or a multi-project build does: each build must
    track and report its own catalogue file."""
    copies = []
    for name in ("two-projects-a", "two-projects-b"):
        srcdir = sphinx_test_tempdir / name
        shutil.copytree(rootdir / "test-usercat", srcdir)
        app = make_app("html", srcdir=srcdir)
        app.build()
        copies.append((app, srcdir))
        app.cleanup()
    app_b, srcdir_b = copies[1]
    # B's catalogue problems are located in B's own file
    assert [w for w in warning_lines(app_b) if "team.yaml" in w]
    assert all(
        w.startswith("catalogues/team.yaml:") for w in warning_lines(app_b) if "team.yaml" in w
    ), warning_lines(app_b)
    # and editing B's catalogue rebuilds B's pages
    edit(srcdir_b / "catalogues" / "team.yaml", "Canary Releases", "Blue-Green Releases")
    again = make_app("html", srcdir=srcdir_b)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    again.build()
    assert "runbooks" in read
    html = (Path(again.outdir) / "runbooks.html").read_text(encoding="utf-8")
    assert "Blue-Green Releases for Ranking Models" in html

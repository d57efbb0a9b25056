"""Issue 12, item 10: each real awesome list (``../shared/data/awesome-lists/``, not in the
repository) builds as a ``seml-catalogue`` page without a warning, each heading that
holds linked items shown as its category's section.

The headings are found by a line-based reading of the README (the independent counter of
:mod:`semltest.awesome_count` for the items), never by the importer under test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from semltest.awesome_count import count_linked_items
from semltest.citations import warning_lines
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinxext_seml.catalogue.awesome import dump_awesome, parse_awesome

if TYPE_CHECKING:
    from collections.abc import Callable

    from semltest.html import Element

    from sphinxext_seml.catalogue.model import Catalogue

REPO = Path(__file__).resolve().parents[2]
REAL_LISTS = REPO.parent / "shared" / "data" / "awesome-lists"
LISTS = sorted(p for p in REAL_LISTS.glob("*.md") if p.name != "README.md")

pytestmark = pytest.mark.skipif(not LISTS, reason=f"the shared real lists are not at {REAL_LISTS}")

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def words(text: str) -> str:
    """A heading's words, lower case, without markup, links' targets or emoji."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"<[^>]+>", "", text)  # HTML
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def headings_holding_items(text: str) -> dict[str, int]:
    """The headings (their words) under which the counter sees linked items, with the line."""
    counted = set(count_linked_items(text).counted)
    found: dict[str, int] = {}
    heading: tuple[str, int] | None = None
    fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match:
            heading = (words(match.group(1)), number)
        elif number in counted and heading is not None:
            found.setdefault(*heading)
    return found


def build(tmp: Path, readme: Path, *, builtin: bool) -> tuple[SphinxTestApp, str, list[str]]:
    src = tmp / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext_seml"]\n'
        f"seml_include_builtin = {builtin}\n"
        f"seml_catalogues = [{str(readme)!r}]\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        f"{readme.stem}\n{'=' * len(readme.stem)}\n\n.. seml-catalogue::\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, strip_escape_sequences(app.status.getvalue()), warning_lines(app)


def section_titles(page: Element) -> set[str]:
    titles = set()
    for section in page.find_all("section"):
        if "seml-category" in section.classes:
            heading = next(el for el in section.children if getattr(el, "tag", "")[:1] == "h")
            titles.add(words(heading.text().rstrip("¶")))
    return titles


def check(tmp_path: Path, parse_html: Callable[[Path], Element], path: Path, builtin: bool) -> None:
    app, status, warnings = build(tmp_path, path, builtin=builtin)
    assert warnings == []  # -W clean: the notes are INFO messages, not warnings
    page = parse_html(Path(app.outdir) / "index.html")
    expected = headings_holding_items(path.read_text(encoding="utf-8"))
    assert expected, "the line-based reading found no heading with items"
    missing = {h: line for h, line in expected.items() if h not in section_titles(page)}
    assert missing == {}, "headings holding items without a section"
    # Every linked item became an entry on the page or a located line of the build's output.
    assert all(f"{path.name}:" in line for line in status.splitlines() if "note:" in line)


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_a_real_list_alone_builds_clean_with_a_section_per_heading(
    tmp_path: Path, parse_html: Callable[[Path], Element], path: Path
) -> None:
    check(tmp_path, parse_html, path, builtin=False)


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_a_real_list_with_the_builtin_catalogue_builds_clean(
    tmp_path: Path, parse_html: Callable[[Path], Element], path: Path
) -> None:
    # Depends on the lead's merging fix: today generated keys such as ``mlflow`` clash
    # with the built-in catalogue's (duplicate_key warnings).
    check(tmp_path, parse_html, path, builtin=True)


_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(\S.*?)\s*$")


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_a_real_list_exports_its_item_lines_word_for_word(path: Path) -> None:
    """Every one-line list item that starts with a link to elsewhere is written back by
    ``seml export --format markdown`` exactly as the maintainer wrote it (after the bullet)."""
    text = path.read_text(encoding="utf-8")
    written = [m.group(1) for line in text.splitlines() if (m := _ITEM.match(line))]
    items = [i for i in written if i.startswith("[") and not re.search(r"\]\(#[^)\s]*\)$", i)]
    exported = {
        m.group(1)
        for line in dump_awesome(parse_awesome(text, path.name).catalogue).splitlines()
        if (m := _ITEM.match(line))
    }
    missing = [i for i in items if i not in exported]
    assert len(items) > 300
    assert missing == []


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_a_real_list_exported_reads_back_the_same(path: Path) -> None:
    """The export of a real list reads back to the same categories (slug, parent, layout)
    and entries, and exporting that again changes nothing."""
    catalogue = parse_awesome(path.read_text(encoding="utf-8"), path.name).catalogue
    exported = dump_awesome(catalogue)
    again = parse_awesome(exported, "README.md").catalogue

    def tree(c: Catalogue) -> list[tuple[str, str, str]]:
        return [(x.slug, x.parent, x.layout) for x in c.ordered_categories()]

    def entries(c: Catalogue) -> list[tuple[object, ...]]:
        return sorted((e.key, e.category, e.url, e.title, e.summary or "", e.flags) for e in c)

    assert tree(again) == tree(catalogue)
    assert entries(again) == entries(catalogue)
    assert dump_awesome(again) == exported

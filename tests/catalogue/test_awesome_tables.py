"""Issue 12: tables and HTML lists of awesome lists become entries, and nothing holding a
link is lost without a word (checked against an independent count on real lists)."""

from __future__ import annotations

from pathlib import Path

import pytest
from semltest.awesome_count import count_linked_items

from sphinxext_seml.catalogue.awesome import AWESOME_CODES, awesome_counts, parse_awesome
from sphinxext_seml.catalogue.awesome.problems import SKIPPED_ITEM
from sphinxext_seml.catalogue.results import LoadResult

FILES = Path(__file__).parent / "files" / "awesome"
REPO = Path(__file__).resolve().parents[2]
#: The real lists stay in the shared data next to the repository (CI has them there too).
REAL_LISTS = REPO.parent / "shared" / "data" / "awesome-lists"


def parse(text: str) -> LoadResult:
    return parse_awesome(text, "README.md")


@pytest.fixture(scope="module")
def shaped() -> LoadResult:
    return parse((FILES / "real-shaped.md").read_text(encoding="utf-8"))


def test_real_shaped_list_structure(shaped: LoadResult) -> None:
    cats = [(c.slug, c.parent) for c in shaped.catalogue.ordered_categories()]
    assert cats == [
        ("main-content", ""),
        ("papers", "main-content"),
        ("tools", "main-content"),
        ("tracking", "tools"),
        ("hosted", "tracking"),
        ("serving", "tools"),
        ("legacy", "serving"),
    ]
    placed = {e.title: e.category for e in shaped.catalogue}
    assert placed == {
        "Attention Is All You Need": "papers",
        "BERT": "papers",
        "Aim": "tracking",
        "Neptune": "hosted",
        "BentoML": "serving",
        "a late link": "serving",  # "See also <a href=...>a late link</a>"
        "Old Server": "legacy",
    }


def test_table_columns_fill_fields(shaped: LoadResult) -> None:
    entries = {e.title: e for e in shaped.catalogue}
    attention = entries["Attention Is All You Need"]
    assert attention.url == "https://arxiv.org/abs/1706.03762"
    assert attention.year == 2017
    assert attention.tags == ("transformers",)
    assert attention.summary == "Institute: Google"  # a column without a field is kept
    assert attention.location is not None
    assert attention.location.line == 17
    assert entries["BERT"].tags == ("bert", "nlp")


def test_table_description_author_columns() -> None:
    text = """\
# T
## Papers
| Title | Authors | Year | Description | Link |
|---|---|---|---|---|
| Hidden Debt | D. Sculley, G. Holt and others | 2015 | The classic. | [PDF](https://p.ex) |
"""
    result = parse(text)
    assert result.problems == []
    entry = next(iter(result.catalogue))
    assert (entry.title, entry.url) == ("PDF", "https://p.ex")
    assert entry.authors == ("D. Sculley", "G. Holt", "others")
    assert entry.year == 2015
    assert entry.summary == "The classic.; Title: Hidden Debt"


def test_html_items_and_located_problems(shaped: LoadResult) -> None:
    assert shaped.catalogue.entries["bentoml"].summary == "Model serving."
    # An HTML item with words before its link is an entry per link (it was a skipped item).
    late = next(e for e in shaped.catalogue if e.url == "https://example.org/late")
    assert (late.title, late.summary) == ("a late link", "See also a late link")
    assert late.location is not None
    assert late.location.line == 33
    assert shaped.problems == []


def _real_lists() -> list[Path]:
    if not REAL_LISTS.is_dir():
        return []
    return sorted(p for p in REAL_LISTS.glob("*.md") if p.name != "README.md")


@pytest.mark.skipif(
    not REAL_LISTS.is_dir(), reason=f"the shared real lists are not at {REAL_LISTS}"
)
@pytest.mark.parametrize("path", _real_lists(), ids=lambda p: p.stem)
def test_every_linked_item_of_a_real_list_is_an_entry_or_a_located_problem(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = parse_awesome(text, path.name)
    counted = set(count_linked_items(text).counted)
    entry_lines = {e.location.line for e in result.catalogue if e.location is not None}
    problem_lines = {p.location.line for p in result.problems}
    assert counted - entry_lines - problem_lines == set()
    assert entry_lines <= counted


def test_counts_of_linked_items_and_entries() -> None:
    text = (FILES / "real-shaped.md").read_text(encoding="utf-8")
    counts = awesome_counts(text, "README.md")
    # 2 linked rows, 2 list items, 2 HTML items, 1 item in <details>.
    assert (counts.linked, counts.entries) == (7, 7)
    assert counts.linked == len(count_linked_items(text).counted)
    assert len(counts.result.catalogue) == 7
    assert SKIPPED_ITEM in AWESOME_CODES

"""The built-in catalogue: up to date, complete, and faithful to its sources."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sphinxext_seml.catalogue import builtin
from sphinxext_seml.catalogue.builtin import (
    BUILTIN_PATH,
    SOURCES_DIR,
    generate,
    load_builtin,
    normalize_title,
    parse_authors,
)
from sphinxext_seml.catalogue.model import OTHERS, Catalogue
from sphinxext_seml.catalogue.names import category_index, flag_index
from sphinxext_seml.catalogue.query import Query, select
from sphinxext_seml.catalogue.textfix import has_mojibake

LINK = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?P<rest>.*)$")


def readme_items(name: str) -> dict[str, list[tuple[str, str, str]]]:
    """Section title -> (title, url, rest of line) of each item, read with a plain regex.

    Deliberately independent of the importer under test.
    """
    text = (SOURCES_DIR / name).read_text(encoding="utf-8")
    sections: dict[str, list[tuple[str, str, str]]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        match = LINK.match(line)
        if match and current and not match["url"].startswith("#"):
            sections[current].append((match["title"], match["url"], match["rest"]))
    for skipped in ("Contents", "Contribute", "License"):
        sections.pop(skipped, None)
    return sections


def facts_rows() -> list[dict[str, str]]:
    with (SOURCES_DIR / "catalogue_facts.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_builtin()


def by_title(catalogue: Catalogue, title: str) -> list[str]:
    return [e.key for e in catalogue if normalize_title(e.title) == normalize_title(title)]


# --------------------------------------------------------------------------- the shipped file


def test_shipped_file_is_up_to_date() -> None:
    assert BUILTIN_PATH.read_text(encoding="utf-8") == generate(), (
        "data/seml.yaml is out of date: run python -m sphinxext_seml.catalogue.builtin"
    )


def test_shipped_file_header() -> None:
    head = BUILTIN_PATH.read_text(encoding="utf-8").split("\ncategories:")[0]
    assert "GENERATED FILE - DO NOT EDIT" in head
    assert "python -m sphinxext_seml.catalogue.builtin" in head
    assert "CC0" in head


def test_load_builtin_is_cached(cat: Catalogue) -> None:
    assert load_builtin() is cat


def test_no_mojibake_anywhere(cat: Catalogue) -> None:
    text = BUILTIN_PATH.read_text(encoding="utf-8")
    for marker in ("‚", "Ô", "√", "Ä", "Ã", "â€", "üé", "\uf8ff", "\ufffd"):
        assert marker not in text
    assert not has_mojibake(text)
    assert "What’s your ML Test Score?" in text
    assert "Jean-François Crespo" in text
    assert "⭐" in text
    assert "🎓" in text


def test_check_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "seml.yaml"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(builtin, "BUILTIN_PATH", stale)
    assert builtin.main(["--check"]) == 1
    assert builtin.main([]) == 0
    assert stale.read_text(encoding="utf-8") == generate()
    assert builtin.main(["--check"]) == 0


# --------------------------------------------------------------------------- structure


def test_categories(cat: Catalogue) -> None:
    assert [(c.slug, c.title) for c in cat.ordered_categories()] == [
        ("overviews", "Broad Overviews"),
        ("data", "Data Management"),
        ("training", "Model Training"),
        ("deployment", "Deployment and Operation"),
        ("social", "Social Aspects"),
        ("governance", "Governance"),
        ("tooling", "Tooling"),
    ]
    assert cat.categories["deployment"].description == (
        "How to deploy and operate your models in a production environment."
    )
    assert cat.categories["tooling"].description.startswith("Tooling can make your life easier.")
    assert cat.categories["governance"].description  # ours: the README has none


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Managing Model Training", "training"),
        ("model training", "training"),
        ("ops", "deployment"),
        ("operations", "deployment"),
        ("tools", "tooling"),
        ("overview", "overviews"),
        ("Social aspects", "social"),
        ("Deployment and Operation", "deployment"),
    ],
)
def test_category_names(cat: Catalogue, name: str, slug: str) -> None:
    assert category_index(cat).resolve(name) == slug


def test_flags(cat: Catalogue) -> None:
    must, sci = cat.flags["must-read"], cat.flags["scientific"]
    assert (must.label, must.emoji) == ("Must-read", "⭐")
    assert (sci.label, sci.emoji, sci.description) == ("Scientific", "🎓", "Scientific publication")
    flags = flag_index(cat)
    assert flags.resolve("must_read") == "must-read"
    assert flags.resolve("star") == "must-read"
    assert flags.resolve("Scientific publication") == "scientific"


def test_counts(cat: Catalogue) -> None:
    counts = {c.slug: sum(e.category == c.slug for e in cat) for c in cat.ordered_categories()}
    assert counts == {
        "overviews": 6,
        "data": 8,
        "training": 15,
        "deployment": 17,
        "social": 6,
        "governance": 8,
        "tooling": 28,
    }
    assert len(cat) == 88


def test_keys_are_unique_and_bibtex_like(cat: Catalogue) -> None:
    keys = [e.key for e in cat]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)


# --------------------------------------------------------------------------- entries


def test_every_2022_entry(cat: Catalogue) -> None:
    slugs = {c.title: c.slug for c in cat.categories.values()}
    items = readme_items("awesome-seml-2022.md")
    assert sum(len(v) for v in items.values()) == 84
    for section, entries in items.items():
        for title, url, rest in entries:
            keys = by_title(cat, title)
            assert len(keys) == 1, title
            entry = cat.entries[keys[0]]
            assert (entry.url, entry.category) == (url, slugs[section])
            expected = tuple(
                f for f, mark in (("must-read", "⭐"), ("scientific", "🎓")) if mark in rest
            )
            assert entry.flags == expected, title
            if section == "Tooling":
                assert entry.summary == rest.strip().removeprefix("-").strip()
            else:
                assert entry.summary is None


def test_dropped_2020_entries(cat: Catalogue) -> None:
    dropped = {
        "What’s your ML Test Score? A rubric for ML production systems": (
            "breck2016whats",
            "deployment",
            "https://research.google/pubs/pub45742/",
        ),
        "How do teams work together on an automated machine learning project?": (
            "azureautomlteams",
            "social",
            "https://azure.microsoft.com/en-us/blog/how-do-teams-work-together-on-an-automated-machine-learning-project/",
        ),
        "Team Data Science Process Documentation": (
            "microsofttdsp",
            "social",
            "https://docs.microsoft.com/en-us/azure/machine-learning/team-data-science-process/lifecycle",
        ),
        "Sacred": ("sacred", "tooling", "https://github.com/IDSIA/sacred"),
    }
    for title, (key, category, url) in dropped.items():
        entry = cat.entries[key]
        assert (entry.title, entry.category, entry.url) == (title, category, url)
    # Everything else of 2020 is in 2022 (by title, or by URL where 2022 renamed nothing).
    old = [item for items in readme_items("awesome-seml-2020-seed.md").values() for item in items]
    assert len(old) == 49
    assert len(cat) == 84 + len(dropped)


def test_two_different_test_score_papers(cat: Catalogue) -> None:
    old = cat.entries["breck2016whats"]
    new = cat.entries[
        by_title(
            cat,
            "The ML Test Score: A Rubric for ML Production Readiness and Technical Debt Reduction",
        )[0]
    ]
    assert old.key != new.key
    assert old.url.endswith("pub45742/")
    assert new.url.endswith("pub46555/")
    assert new.doi is None
    assert new.authors == ()
    assert new.year is None


def test_moved_entry_appears_once_with_2022_data(cat: Catalogue) -> None:
    assert by_title(cat, "Responsible AI practices") == ["googleresponsibleai"]
    assert cat.entries["googleresponsibleai"].category == "governance"
    assert by_title(cat, "Hidden Technical Debt in Machine Learning Systems") == [
        "sculley2015hidden"
    ]
    assert cat.entries["sculley2015hidden"].category == "overviews"  # 2020 had it in training
    # 2022 changed this URL; the entry keeps the 2022 one and the table's facts.
    amershi = cat.entries["amershi2019software"]
    assert amershi.url.startswith("https://www.microsoft.com/en-us/research/publication/")
    assert amershi.doi == "10.1109/ICSE-SEIP.2019.00042"


def test_deployment_must_read(cat: Catalogue) -> None:
    expected = [
        title
        for title, _url, rest in readme_items("awesome-seml-2022.md")["Deployment and Operation"]
        if "⭐" in rest
    ]
    assert expected == ["Continuous Delivery for Machine Learning"]
    found = select(cat, Query(categories=("deployment",), flags=("must-read",)))
    assert [e.title for e in found] == expected
    assert [e.key for e in found] == ["sato2019continuous"]


# --------------------------------------------------------------------------- facts


def test_spot_checked_facts(cat: Catalogue) -> None:
    sculley = cat.entries["sculley2015hidden"]
    assert sculley.year == 2015
    assert sculley.authors[0] == "D. Sculley"
    assert len(sculley.authors) == 10
    assert "Jean-François Crespo" in sculley.authors
    assert sculley.doi is None  # the table says unknown: never invent one
    assert sculley.type == "paper"
    assert sculley.venue is not None
    assert sculley.venue.startswith("Advances in Neural")

    tfx = cat.entries["baylor2017tfx"]
    assert tfx.authors[:2] == ("Denis Baylor", "Eric Breck")
    assert tfx.authors[-1] == OTHERS
    assert len(tfx.authors) == 8

    # Organisations (noted so in the table) are literal names (issue 13).
    assert cat.entries["altexsoft2018labeling"].authors == ("{AltexSoft}",)
    assert cat.entries["cloudfactorylabeling"].authors == ("{CloudFactory}",)
    assert cat.entries["googleresponsibleai"].authors == ("{Google}",)
    assert cat.entries["gitlfs"].authors == ()
    assert cat.entries["nanonets10best"].authors == ()
    assert cat.entries["preliminary2019systematic"].authors == ()
    assert cat.entries["zinkevichrules"].year is None
    assert cat.entries["altexsoft2018labeling"].venue == "AltexSoft blog (republished on KDnuggets)"
    assert cat.entries["xu2019fairness"].type == "blog"  # the table's type, despite 🎓


def test_facts_copied_exactly_and_nothing_invented(cat: Catalogue) -> None:
    rows = {row["key"]: row for row in facts_rows()}
    assert len(rows) == 49
    assert set(rows) <= set(cat.entries)
    for entry in cat:
        row = rows.get(entry.key)
        if row is None:
            # Only what the README says.
            assert entry.authors == ()
            assert entry.year is None
            assert entry.venue is None
            assert entry.doi is None
            continue
        doi = row["doi"].strip()
        assert entry.doi == (None if doi in ("unknown", "n/a") else doi), entry.key
        year = row["year"].strip()
        assert entry.year == (None if year == "unknown" else int(year)), entry.key
        venue = row["venue"].strip()
        assert entry.venue == (None if venue in ("unknown", "n/a") else venue), entry.key
        assert entry.type == row["type"].strip()
        for author in entry.authors:
            # (An organisation is in braces: its name is what the table says.)
            name = author.removeprefix("{").removesuffix("}")
            assert author == OTHERS or name in row["authors"], (entry.key, author)
            assert "(" not in author
            assert ";" not in author


def test_type_rule_for_entries_not_in_the_table(cat: Catalogue) -> None:
    keys = {row["key"] for row in facts_rows()}
    for entry in cat:
        if entry.key in keys:
            continue
        if entry.category == "tooling":
            assert entry.type == "tool"
        elif "scientific" in entry.flags:
            assert entry.type == "paper"
        else:
            assert entry.type == "article"
    assert cat.entries["aiengineering11"].type == "article"
    assert cat.entries["greatexpectations"].type == "tool"


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        ("unknown", ()),
        ("n/a", ()),
        ("Martin Zinkevich", ("Martin Zinkevich",)),
        ("AltexSoft (organisation; no individual author seen)", ("{AltexSoft}",)),
        ("Google (organisation)", ("{Google}",)),
        ("Google Research (organisation)", ("Google Research",)),  # literal by its last word
        ("A. One; B. Two; et al. (22 authors)", ("A. One", "B. Two", OTHERS)),
        ("A. One et al.", ("A. One", OTHERS)),
        (" Jean-François Crespo ; D. Sculley ", ("Jean-François Crespo", "D. Sculley")),
    ],
)
def test_parse_authors(raw: str, authors: tuple[str, ...]) -> None:
    assert parse_authors(raw) == authors

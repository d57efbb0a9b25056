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


def table_rows(name: str) -> list[dict[str, str]]:
    with (SOURCES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def facts_rows() -> list[dict[str, str]]:
    return table_rows("catalogue_facts.tsv")


#: The README titles that catalogue_facts_NOTES.md and the rows' evidence correct.
RETITLED = {
    "A Survey on Data Collection for Machine Learning A Big Data - AI Integration"
    " Perspective_2019": "A Survey on Data Collection for Machine Learning A Big Data - AI"
    " Integration Perspective",
    "How to organize data labelling for ML": (
        "How to Organize Data Labeling for Machine Learning: Approaches and Tools"
    ),
    "The ultimate guide to data labeling for ML": (
        "The Ultimate Guide to Data Labeling for Machine Learning"
    ),
    "Fairness On The Ground: Applying Algorithmic FairnessApproaches To Production Systems": (
        "Fairness On The Ground: Applying Algorithmic Fairness Approaches to Production Systems"
    ),
    "ML Ops: Machine Learning as an engineered disciplined": (
        "MLOps: Machine Learning as an Engineering Discipline"
    ),
    "Model Governance Reducing the Anarchy of Production": (
        "Model Governance: Reducing the Anarchy of Production ML"
    ),
    "Operational Machine Learning": (
        "Operational Machine Learning: Seven Considerations for Successful MLOps"
    ),
    "TFX: A tensorflow-based Production-Scale ML Platform": (
        "TFX: A TensorFlow-Based Production-Scale Machine Learning Platform"
    ),
    "Machine Learning Interviews": "Machine Learning Systems Design",
    "A Human-Centered Interpretability Framework Based on Weight of Evidence": (
        "From Human Explanation to Model Interpretability: A Framework Based on Weight of Evidence"
    ),
    "An Architectural Risk Analysis Of Machine Learning Systems": (
        "An Architectural Risk Analysis of Machine Learning Systems: Toward More Secure"
        " Machine Learning"
    ),
    "Beyond Debiasing": "Beyond Debiasing: Regulating AI and Its Inequalities",
    "Understanding Software-2.0": (
        "Understanding Software-2.0: A Study of Machine Learning Library Usage and Evolution"
    ),
    "Git Large File System (LFS)": "Git Large File Storage (LFS)",
    "MLFlow": "MLflow",
}
#: The README links that moved or died, with the replacements the evidence names.
FBCDN = (
    "https://scontent-amt2-1.xx.fbcdn.net/v/t39.8562-6/159714417_1180893265647073_"
    "4215201353052552221_n.pdf?_nc_cat=111&ccb=1-3&_nc_sid=ae5e01&_nc_ohc=6WFnNMmyp68AX95bRHk"
    "&_nc_ht=scontent-amt2-1.xx&oh=7a548f822e659b7bb2f58a511c30ee19&oe=606F33AD"
)
MOVED = {
    FBCDN: "https://arxiv.org/abs/2103.06172",
    "https://algorithmia.com/blog/best-practices-in-machine-learning-infrastructure": (
        "https://datarobot.com/blog/best-practices-in-machine-learning-infrastructure/"
    ),
    "https://blog.codecentric.de/en/2019/03/machine-learning-experiments-production/": (
        "https://codecentric.de/wissens-hub/blog/machine-learning-experiments-production"
    ),
    "https://docs.microsoft.com/en-us/azure/machine-learning/team-data-science-process/"
    "lifecycle": "https://learn.microsoft.com/azure/architecture/data-science-process/lifecycle",
    "https://complexdiscovery.com/wp-content/uploads/2021/09/EDRi-Beyond-Debiasing-Report.pdf": (
        "https://edri.org/wp-content/uploads/2021/09/EDRi_Beyond-Debiasing-Report_Online.pdf"
    ),
    "https://ai.google/responsibilities/responsible-ai-practices/": (
        "https://ai.google/responsibility/responsible-ai-practices/"
    ),
    "https://fairlearn.github.io/": "https://fairlearn.org/",
    "https://git-lfs.github.com/": "https://git-lfs.com/",
    "https://github.com/heartexlabs/label-studio": "https://github.com/HumanSignal/label-studio",
    "https://github.com/PyTorchLightning/pytorch-lightning": (
        "https://github.com/Lightning-AI/pytorch-lightning"
    ),
}


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
            keys = by_title(cat, RETITLED.get(title, title))
            assert len(keys) == 1, title
            entry = cat.entries[keys[0]]
            assert (entry.url, entry.category) == (MOVED.get(url, url), slugs[section])
            expected = tuple(
                f for f, mark in (("must-read", "⭐"), ("scientific", "🎓")) if mark in rest
            )
            assert entry.flags == expected, title


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
            "https://learn.microsoft.com/azure/architecture/data-science-process/lifecycle",
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
    assert (old.key, new.key) == ("breck2016whats", "breck2017ml")
    assert old.url.endswith("pub45742/")
    assert new.url.endswith("pub46555/")
    # The 2016 workshop paper has no DOI; the DOI of the 2017 paper is not its.
    assert old.doi is None
    assert new.doi == "10.1109/BigData.2017.8258038"
    assert (old.year, new.year) == (2016, 2017)


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


NOT_KNOWN = ("", "unknown", "n/a")


def known(cell: str) -> str | None:
    return None if cell.strip() in NOT_KNOWN else cell.strip()


def test_facts_copied_exactly_and_nothing_invented(cat: Catalogue) -> None:
    """Every column of the table, for every row: the value where the cell is filled,
    nothing where it is empty (issue 15)."""
    rows = {row["key"]: row for row in facts_rows()}
    assert len(rows) == 88
    assert set(rows) == set(cat.entries)
    slugs = {c.title: c.slug for c in cat.categories.values()}
    for entry in cat:
        row = rows[entry.key]
        assert entry.category == slugs[row["category"]], entry.key
        flags = {f.replace("_", "-") for f in row["flags"].split(",") if f}
        assert set(entry.flags) == flags, entry.key
        assert entry.type == row["type"].strip(), entry.key
        assert entry.doi == known(row["doi"]), entry.key
        year = known(row["year"])
        assert entry.year == (None if year is None else int(year)), entry.key
        title, url = row["title"].strip(), row["url"].strip()
        assert entry.title == RETITLED.get(title, title), entry.key
        assert entry.url == MOVED.get(url, url), entry.key
        venue = known(row["venue"])
        assert venue is not None  # every row has one
        if entry.licence is None:
            assert entry.venue == venue, entry.key
        else:  # a tool: the venue cell names the repository, then its licence
            assert f"; licence {entry.licence}" in venue, entry.key
            assert entry.venue == venue.replace(f"; licence {entry.licence}", ""), entry.key
        if entry.repository is not None:
            path = entry.repository.removeprefix("https://github.com/")
            assert venue.startswith(f"GitHub {path} "), entry.key
        assert (entry.arxiv is not None) == ("arXiv:" in venue), entry.key
        if entry.arxiv is not None:
            assert f"arXiv:{entry.arxiv}" in venue, entry.key
        cell = known(row["authors"])
        assert bool(entry.authors) == (cell is not None), entry.key
        for author in entry.authors:
            # (An organisation is in braces: its name is what the table says.)
            name = author.removeprefix("{").removesuffix("}")
            assert author == OTHERS or name in row["authors"], (entry.key, author)
            assert "(" not in author
            assert ";" not in author
        assert entry.archived_url is None  # the table names no archived copy
        assert entry.tags == ()


def test_every_fact_of_the_table_is_present(cat: Catalogue) -> None:
    # Counted in catalogue_facts.tsv: cells that are neither empty, unknown nor n/a.
    assert sum(e.year is not None for e in cat) == 71
    assert sum(e.doi is not None for e in cat) == 19
    assert sum(bool(e.authors) for e in cat) == 54
    assert sum(e.venue is not None for e in cat) == 88
    scientific = [e for e in cat if "scientific" in e.flags]
    assert len(scientific) == 30
    # Authors and year for every scientific entry but the one the notes leave without
    # authors (author order contradictory); smialowski2010pitfalls has surnames only.
    assert [e.key for e in scientific if not (e.authors and e.year)] == [
        "preliminary2019systematic"
    ]
    assert cat.entries["smialowski2010pitfalls"].authors == ("Smialowski", "Frishman", "Kramer")
    assert [e.key for e in cat if e.type == "report"] == [
        "horneman2019ai",
        "mcgraw2020architectural",
        "balayn2021beyond",
        "brundage2020toward",
    ]


def test_corrected_names_from_the_notes(cat: Catalogue) -> None:
    baylor = cat.entries["baylor2019continuous"]
    assert "Clemens Mewald" in baylor.authors
    assert "Clemens Menwald" not in baylor.authors
    assert cat.entries["vanderweide2017versioning"].authors == (
        "Tom van der Weide",
        "Dimitris Papadopoulos",
        "Oleg Smirnov",
        "Michal Zielinski",
        "Tim van Kasteren",
    )
    assert cat.entries["hummer2019modelops"].authors == ()
    brundage = cat.entries["brundage2020toward"]
    assert brundage.authors == ("Miles Brundage", "Shahar Avin", "Jasmine Wang", OTHERS)
    assert cat.entries["bakalar2021fairness"].arxiv == "2103.06172"


def test_old_keys_are_aliases_of_the_new_ones(cat: Catalogue) -> None:
    changes = table_rows("catalogue_key_changes.tsv")
    assert len(changes) == 24
    for row in changes:
        old, new = row["current_key"], row["new_key"]
        assert old not in cat.entries
        assert cat.entries[new].aliases == (old,)
        assert cat.current_key(old) == new
    assert cat.current_key("automatinglargescale") == "schelter2018automating"
    assert cat.current_key("mltestscore") == "breck2017ml"
    assert sum(len(e.aliases) for e in cat) == 24


def test_every_entry_has_a_summary_in_our_own_words(cat: Catalogue) -> None:
    summaries = {row["key"]: row for row in table_rows("summaries.tsv")}
    assert len(summaries) == 88
    for entry in cat:
        assert entry.summary == summaries[entry.key]["summary"], entry.key
        assert entry.summary_from == "own", entry.key


def test_tools_repository_and_licence(cat: Catalogue) -> None:
    tools = [e for e in cat if e.type == "tool"]
    assert len(tools) == 28
    assert all(e.repository and e.licence for e in tools)
    mlflow = cat.entries["mlflow"]
    assert (mlflow.repository, mlflow.licence) == ("https://github.com/mlflow/mlflow", "Apache-2.0")
    assert cat.entries["sparkmllib"].repository == "https://github.com/apache/spark"
    # No longer open source, though the list promised open-source tools: said in the summary.
    for key in ("alibidetect", "seldoncore"):
        entry = cat.entries[key]
        assert entry.licence is not None
        assert entry.licence.startswith("Business Source License 1.1")
        assert entry.summary is not None
        assert "Business Source License, which is not open source" in entry.summary


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

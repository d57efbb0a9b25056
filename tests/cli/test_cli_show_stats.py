"""``seml show`` and ``seml stats``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from semltest.keychanges import key_changes

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.model import ENTRY_FIELDS
from sphinxext_seml.cli import main

HANDBOOK = """\
categories:
  - {slug: runbooks, title: Runbooks}
  - {slug: empty, title: Nothing Here Yet}
flags:
  - {slug: internal, label: Internal}
entries:
  - key: acme-rollback
    title: Rolling back a model
    url: https://wiki.example.com/rollback
    category: runbooks
    flags: [internal, must-read]
    type: guide
    year: 2023
    authors: ["Doe, Jane", others]
    tags: [ops, rollback]
    summary: |
      How to roll back a bad model
      in under five minutes.
  - key: acme-old
    title: An old page
    url: https://wiki.example.com/old
    category: runbooks
    type: wiki-page
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    path = tmp_path / "handbook.yaml"
    path.write_text(HANDBOOK, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- show


def test_show_prints_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "sculley2015hidden")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    names = [line.split(":", 1)[0] for line in lines]
    assert names == [*ENTRY_FIELDS, "source"]
    fields = {name: line.split(":", 1)[1].strip() for name, line in zip(names, lines, strict=True)}
    assert fields["key"] == "sculley2015hidden"
    assert fields["title"] == "Hidden Technical Debt in Machine Learning Systems"
    assert fields["category"] == "overviews (Broad Overviews)"
    assert fields["flags"] == "must-read (Must-read), scientific (Scientific)"
    assert fields["type"] == "paper"
    assert fields["year"] == "2015"
    assert fields["authors"].startswith("D. Sculley; Gary Holt;")
    assert fields["doi"] == "-"  # not known: shown, never invented
    assert fields["source"].endswith("seml.yaml:" + fields["source"].rsplit(":", 1)[1])


def test_show_user_entry_with_multiline_summary(
    capsys: pytest.CaptureFixture[str], handbook: Path
) -> None:
    code, out, _ = run(capsys, "--catalogue", str(handbook), "show", "acme-rollback")
    assert code == 0
    # "Doe, Jane" in the file: shown in reading order, as pages show it (issue 13)
    assert "authors:      Jane Doe; others\n" in out
    assert "tags:         ops, rollback\n" in out
    assert "flags:        internal (Internal), must-read (Must-read)\n" in out
    assert (
        "summary:      How to roll back a bad model\n              in under five minutes.\n"
    ) in out
    assert f"source:       {handbook}:7\n" in out


def test_show_key_ignoring_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "show", "Sculley2015Hidden") == run(capsys, "show", "sculley2015hidden")


def test_show_unknown_key_names_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "sculley2015hiden")
    assert (code, out) == (1, "")
    assert (
        err
        == "seml: error: no entry with key 'sculley2015hiden'; did you mean 'sculley2015hidden'?\n"
    )
    code, _, err = run(capsys, "show", "sculley")
    assert code == 1
    assert "did you mean 'sculley2015hidden'" in err
    code, _, err = run(capsys, "show", "zzzzqqq")
    assert code == 1
    assert err == "seml: error: no entry with key 'zzzzqqq'; 'seml list' shows the keys\n"


def test_show_json_and_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "sculley2015hidden", "--format", "json")
    data = json.loads(out)
    assert data["key"] == "sculley2015hidden"
    assert data["flags"] == ["must-read", "scientific"]
    assert data["year"] == 2015
    _, out, _ = run(capsys, "show", "sculley2015hidden", "--format", "yaml")
    native = yaml.safe_load(out)
    assert [e["key"] for e in native["entries"]] == ["sculley2015hidden"]
    assert [c["slug"] for c in native["categories"]] == ["overviews"]


def test_show_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "zinkevichrules", "--format", "markdown")
    assert out == (
        "- [Rules of Machine Learning: Best Practices for ML Engineering]"
        "(https://developers.google.com/machine-learning/guides/rules-of-ml) - A web guide by"
        " Martin Zinkevich, part of Google's machine learning guides, that gives best practices"
        " for ML engineering in the form of rules. ⭐\n"
    )


# --------------------------------------------------------------------------- stats


def test_stats_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats")
    assert (code, err) == (0, "")
    catalogue = load_builtin()
    sections = out.split("\n\n")
    assert sections[0] == f"{len(catalogue)} entries"
    titles = [section.splitlines()[0] for section in sections[1:]]
    assert titles == [
        "Categories",
        "Flags",
        "Types",
        "Years",
        "Completeness (entries with each field)",
    ]

    categories = sections[1].splitlines()[1:]
    assert [row.split()[0] for row in categories] == [
        c.slug for c in catalogue.ordered_categories()
    ]
    assert "  deployment  Deployment and Operation  " in sections[1]
    counts = Counter(e.category for e in catalogue)
    assert [int(row.split()[-1]) for row in categories] == [
        counts[c.slug] for c in catalogue.ordered_categories()
    ]
    # Counts are right-aligned in one column.
    assert len({len(row) for row in categories}) == 1

    years = sections[4].splitlines()[1:]
    assert years[-1].split()[0] == "unknown"
    listed = [int(row.split()[0]) for row in years[:-1]]
    assert listed == sorted(listed)
    assert int(years[-1].split()[1]) == sum(1 for e in catalogue if e.year is None)


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    stats = json.loads(out)
    catalogue = load_builtin()
    assert stats["total"] == len(catalogue)
    assert [c["slug"] for c in stats["categories"]] == [
        c.slug for c in catalogue.ordered_categories()
    ]
    assert stats["categories"][3] == {
        "slug": "deployment",
        "title": "Deployment and Operation",
        "count": sum(1 for e in catalogue if e.category == "deployment"),
    }
    assert sum(c["count"] for c in stats["categories"]) == len(catalogue)
    assert {f["slug"]: f["count"] for f in stats["flags"]} == {
        slug: sum(1 for e in catalogue if slug in e.flags) for slug in catalogue.flags
    }
    assert stats["no_flag"] == sum(1 for e in catalogue if not e.flags)
    assert sum(t["count"] for t in stats["types"]) == len(catalogue)
    assert stats["years"][-1]["year"] is None
    assert sum(y["count"] for y in stats["years"]) == len(catalogue)


def test_stats_of_a_selection_and_user_catalogue(
    capsys: pytest.CaptureFixture[str], handbook: Path
) -> None:
    code, out, _ = run(
        capsys, "--no-builtin", "--catalogue", str(handbook), "stats", "--format", "json"
    )
    assert code == 0
    stats = json.loads(out)
    assert stats["total"] == 2
    # must-read is unknown without the built-in flags: dropped from the entry (a warning).
    assert stats["flags"] == [{"slug": "internal", "label": "Internal", "count": 1}]
    code, out, _ = run(capsys, "--catalogue", str(handbook), "stats", "--flag", "internal")
    assert code == 0
    assert out.startswith("1 entry\n")
    rows = [line.split() for line in out.splitlines()]
    assert ["empty", "Nothing", "Here", "Yet", "0"] in rows  # empty categories are listed too
    assert ["runbooks", "Runbooks", "1"] in rows
    code, out, _ = run(capsys, "--catalogue", str(handbook), "stats", "runbooks")
    types = out.split("\n\nTypes\n")[1].split("\n\nCompleteness")[0]
    rows = [line.split() for line in types.splitlines()]
    assert rows[:2] == [["guide", "1"], ["wiki-page", "1"]]  # known types first
    assert rows[-1] == ["unknown", "1"]


def test_stats_unknown_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats", "--flag", "mustread!")
    assert (code, out) == (2, "")
    assert err.startswith("seml: error: unknown flag 'mustread!'; did you mean 'must-read'?")


# --------------------------------------------------------------------------- old keys (issue 15)


CHANGES = key_changes()


@pytest.mark.parametrize(("old", "new"), CHANGES, ids=[old for old, _new in CHANGES])
def test_show_by_an_old_key_shows_the_renamed_entry(
    capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    code, out, err = run(capsys, "show", old, "--format", "json")
    assert code == 0
    assert err == f"note: {old!r} is an old key of {new!r}\n"
    shown = json.loads(out)
    assert shown["key"] == new
    assert shown["aliases"] == [old]
    code, by_new, err = run(capsys, "show", new, "--format", "json")
    assert (code, err, by_new) == (0, "", out)


def test_list_filter_by_an_old_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--filter", 'key == "automatinglargescale"')
    assert (code, err) == (0, "")
    assert out.split()[0] == "schelter2018automating"
    assert len(out.splitlines()) == 1


# --------------------------------------------------------------------------- completeness


def test_stats_completeness_of_the_builtin_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    # The expected counts are those of catalogue_facts.tsv and summaries.tsv (issue 15).
    code, out, _ = run(capsys, "stats")
    assert code == 0
    section = out.split("\n\n")[-1].splitlines()
    assert section[0] == "Completeness (entries with each field)"
    assert section[1].split() == [
        "entries", "authors", "year", "venue", "doi", "summary", "authors+year"
    ]  # fmt: skip
    rows = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in section[2:]}
    #                         entries authors year venue doi summary authors+year
    assert rows["all"] == [88, 54, 71, 88, 19, 88, 45]
    assert rows["flag:scientific"] == [30, 29, 30, 30, 18, 30, 29]
    assert rows["tooling"] == [28, 0, 23, 28, 0, 28, 0]
    assert list(rows) == [
        "all", "overviews", "data", "training", "deployment", "social", "governance", "tooling",
        "flag:must-read", "flag:scientific",
    ]  # fmt: skip
    code, out, _ = run(capsys, "stats", "--format", "json")
    found = json.loads(out)["completeness"]
    assert found["all"] == {
        "entries": 88, "authors": 54, "year": 71, "venue": 88, "doi": 19, "summary": 88,
        "authors_and_year": 45,
    }  # fmt: skip
    assert found["flags"][1] == {
        "slug": "scientific", "entries": 30, "authors": 29, "year": 30, "venue": 30, "doi": 18,
        "summary": 30, "authors_and_year": 29,
    }  # fmt: skip

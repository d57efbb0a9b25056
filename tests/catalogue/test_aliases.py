"""Entry aliases (old keys): read, checked, merged, and resolved by filters (issue 15)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.filter import compile_filter
from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.pipeline import builtin_result
from sphinxext_seml.catalogue.query import Query, filter_resolver, select
from sphinxext_seml.catalogue.results import LoadResult

HEAD = """
categories:
  - {slug: papers, title: Papers}
entries:
"""


def load(tmp_path: Path, name: str, text: str) -> LoadResult:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_source(path, display=name)


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("suffix", ["yaml", "toml", "json"])
def test_aliases_are_read_in_every_native_format(tmp_path: Path, suffix: str) -> None:
    text = {
        "yaml": HEAD + "  - {key: new, title: T, url: https://e.org, category: papers,"
        " aliases: [old, older]}\n",
        "toml": '[[categories]]\nslug = "papers"\ntitle = "Papers"\n[[entries]]\nkey = "new"\n'
        'title = "T"\nurl = "https://e.org"\ncategory = "papers"\naliases = ["old", "older"]\n',
        "json": '{"categories": [{"slug": "papers", "title": "Papers"}], "entries": [{"key":'
        ' "new", "title": "T", "url": "https://e.org", "category": "papers", "aliases":'
        ' ["old", "older"]}]}',
    }[suffix]
    result = load(tmp_path, f"c.{suffix}", text)
    assert messages(result) == []
    catalogue = result.catalogue
    assert catalogue.entries["new"].aliases == ("old", "older")
    assert (catalogue.current_key("old"), catalogue.current_key("older")) == ("new", "new")
    assert catalogue.current_key("new") == "new"
    assert catalogue.current_key("nothing") is None
    assert "old" not in catalogue  # an alias is no entry of its own


def test_a_lone_alias_and_a_bad_one(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        "c.yaml",
        HEAD
        + """\
  - key: a
    title: A
    url: https://e.org/a
    category: papers
    aliases: "old a"
  - key: b
    title: B
    url: https://e.org/b
    category: papers
    aliases: oldb
""",
    )
    assert messages(result) == [
        "c.yaml:8: entry 'a': alias 'old a' is not a key: it may not contain spaces or any"
        " of {},;\\` (alias ignored)"
    ]
    assert result.catalogue.entries["a"].aliases == ()
    assert result.catalogue.entries["b"].aliases == ("oldb",)


def test_an_alias_naming_another_entry_is_a_located_error(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        "c.yaml",
        HEAD
        + """\
  - key: a
    title: A
    url: https://e.org/a
    category: papers
    aliases: [old]
  - key: b
    title: B
    url: https://e.org/b
    category: papers
    aliases: [a, old, fine]
""",
    )
    assert messages(result) == [
        "c.yaml:13: entry 'b': alias 'a' is the key of entry 'a' (defined at c.yaml:4);"
        " the alias is ignored",
        "c.yaml:13: entry 'b': alias 'old' is already an alias of entry 'a' (defined at"
        " c.yaml:4); the alias is ignored",
    ]
    assert {p.code for p in result.problems} == {"duplicate_key"}
    assert result.catalogue.entries["b"].aliases == ("fine",)
    assert result.catalogue.current_key("old") == "a"


BUILTIN_USER = """
entries:
  - key: mine
    title: Mine
    url: https://e.org/mine
    category: data
    aliases: [automatinglargescale]
  - key: mltestscore
    title: My copy of the test score
    url: https://e.org/score
    category: deployment
"""


def test_merging_an_alias_that_clashes_with_an_earlier_key_or_alias(tmp_path: Path) -> None:
    user = load(tmp_path, "user.yaml", BUILTIN_USER)
    assert messages(user) == []
    merged = merge([builtin_result(), user])
    assert [m.split(": ", 1)[1] for m in messages(merged)] == [
        "entry 'mine': alias 'automatinglargescale' is already an alias of entry"
        " 'schelter2018automating' (defined at"
        f" {merged.catalogue.entries['schelter2018automating'].location}); the alias is ignored",
        "duplicate entry key 'mltestscore' (an alias of entry 'breck2017ml'): first defined"
        f" at {merged.catalogue.entries['breck2017ml'].location}; this entry is ignored (add"
        " 'override: true' to replace the first)",
    ]
    assert [m.split(": ", 1)[0] for m in messages(merged)] == ["user.yaml:2", "user.yaml:7"]
    catalogue = merged.catalogue
    assert catalogue.current_key("automatinglargescale") == "schelter2018automating"
    assert catalogue.entries["mine"].aliases == ()
    assert "mltestscore" not in catalogue


def test_exclude_and_override_by_an_old_key(tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        exclude: [automatinglargescale]
        entries:
          - key: mltestscore
            title: The ML Test Score, our notes
            url: https://research.google/pubs/pub46555/
            category: deployment
            override: true
        """,
    )
    merged = merge([builtin_result(), user])
    assert messages(merged) == []
    catalogue = merged.catalogue
    assert "schelter2018automating" not in catalogue
    assert catalogue.current_key("automatinglargescale") is None
    # The replacing entry takes the place of the one it replaces, and its names.
    replaced = catalogue.entries["mltestscore"]
    assert replaced.title == "The ML Test Score, our notes"
    assert replaced.aliases == ("breck2017ml",)
    assert catalogue.current_key("breck2017ml") == "mltestscore"
    expected = [
        "mltestscore" if e.key == "breck2017ml" else e.key
        for e in builtin_result().catalogue
        if e.key != "schelter2018automating"
    ]
    assert [e.key for e in catalogue] == expected


@pytest.mark.parametrize(
    ("expression", "keys"),
    [
        ('key == "mltestscore"', ["breck2017ml"]),
        ('key == "breck2017ml"', ["breck2017ml"]),
        (
            'key in ("automatinglargescale", "sculley2015hidden")',
            ["sculley2015hidden", "schelter2018automating"],
        ),
        (
            'key != "mltestscore" and year == 2017 and "ML Test" in title',
            [],
        ),
        ('"mltest" in key', []),  # a substring of the key is no old key
    ],
)
def test_filter_on_key_accepts_old_keys(expression: str, keys: list[str]) -> None:
    catalogue = builtin_result().catalogue
    found = select(catalogue, Query(filter=compile_filter(expression, filter_resolver(catalogue))))
    assert [e.key for e in found] == keys

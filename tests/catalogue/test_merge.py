"""Merging catalogues: extension of categories and flags, duplicates, override, exclude, names."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.errors import Location
from sphinxext_seml.catalogue.formats import load_source, load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.results import LoadResult

BASE = """
categories:
  - slug: deployment
    title: Deployment and Operation
    description: Shipping models.
    aliases: [ops]
    order: 3
  - slug: data
    title: Data Management
    order: 1
flags:
  - slug: must-read
    label: Must-read
    emoji: "⭐"
  - slug: scientific
    label: Scientific
entries:
  - key: sculley2015hidden
    title: Hidden Technical Debt
    url: https://papers.nips.cc/hidden
    category: deployment
    flags: [must-read, scientific]
  - key: breck2017score
    title: The ML Test Score
    url: https://research.google/score
    category: deployment
  - key: polyzotis2017data
    title: Data Management Challenges
    url: https://example.org/data
    category: data
"""


def load(tmp_path: Path, name: str, text: str) -> LoadResult:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_source(path, display=name)


@pytest.fixture
def base(tmp_path: Path) -> LoadResult:
    result = load(tmp_path, "base.yaml", BASE)
    assert result.problems == []
    return result


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_merging_one_catalogue_resolves_names(base: LoadResult) -> None:
    merged = merge([base])
    assert merged.problems == []
    assert list(merged.catalogue.entries) == [
        "sculley2015hidden",
        "breck2017score",
        "polyzotis2017data",
    ]
    assert merged.catalogue.sources == ("base.yaml",)


def test_user_catalogue_extends_categories_and_flags(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.toml",
        """
        [[categories]]
        slug = "deployment"
        title = "Shipping ML"
        aliases = ["shipping"]

        [[categories]]
        slug = "runbooks"
        title = "Runbooks"
        order = 9

        [[flags]]
        slug = "must-read"
        description = "Read this first."
        """,
    )
    merged = merge([base, user])
    assert merged.problems == []
    deployment = merged.catalogue.categories["deployment"]
    assert deployment.title == "Shipping ML"  # the later non-empty title wins
    assert deployment.description == "Shipping models."  # empty fields do not erase
    assert deployment.aliases == ("ops", "shipping")  # aliases add up
    assert deployment.order == 3
    assert deployment.location == Location("base.yaml", 2)
    assert list(merged.catalogue.categories) == ["deployment", "data", "runbooks"]
    must_read = merged.catalogue.flags["must-read"]
    assert (must_read.label, must_read.emoji, must_read.description) == (
        "Must-read",
        "⭐",
        "Read this first.",
    )
    assert merged.catalogue.sources == ("base.yaml", "user.toml")


def test_entries_resolve_names_from_any_catalogue(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        categories:
          - slug: runbooks
            title: Internal Runbooks
            aliases: [playbooks]
        entries:
          - key: acme-rollback
            title: Rolling back
            url: https://wiki.example.com/rollback
            category: DEPLOYMENT AND OPERATION
            flags: [Must-read, must_read, scientific]
          - key: acme-oncall
            title: On call
            url: https://wiki.example.com/oncall
            category: playbooks
          - key: acme-ops
            title: Ops
            url: https://wiki.example.com/ops
            category: ops
        """,
    )
    merged = merge([base, user])
    assert merged.problems == []
    entries = merged.catalogue.entries
    assert entries["acme-rollback"].category == "deployment"
    assert entries["acme-rollback"].flags == ("must-read", "scientific")  # resolved, deduplicated
    assert entries["acme-oncall"].category == "runbooks"
    assert entries["acme-ops"].category == "deployment"
    assert entries["acme-rollback"].location == Location("user.yaml", 6)


def test_unknown_category_skips_the_entry_and_suggests(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        entries:
          - key: typo
            title: Typo
            url: https://example.org/typo
            category: deploymnet
          - key: nothing-close
            title: Nothing close
            url: https://example.org/x
            category: zzz
        """,
    )
    merged = merge([base, user])
    typo, far = messages(merged)
    assert typo == (
        "user.yaml:5: entry 'typo': unknown category 'deploymnet'; did you mean 'deployment'?"
        " (entry skipped)"
    )
    # Nothing close: the valid choices are listed instead.
    assert far.startswith("user.yaml:9: entry 'nothing-close': unknown category 'zzz'; valid ")
    assert far.endswith(": data, deployment (entry skipped)")
    assert [p.code for p in merged.problems] == ["unknown_category", "unknown_category"]
    assert "typo" not in merged.catalogue
    assert "nothing-close" not in merged.catalogue
    assert len(merged.catalogue) == 3


def test_unknown_flag_is_dropped_and_suggests(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.json",
        """
        {"entries": [
          {"key": "a", "title": "A", "url": "https://a.org", "category": "data",
           "flags": ["must-raed", "scientific"]}
        ]}
        """,
    )
    merged = merge([base, user])
    assert messages(merged) == [
        "user.json:3: entry 'a': unknown flag 'must-raed'; did you mean 'must-read'? (flag dropped)"
    ]
    assert merged.problems[0].code == "unknown_flag"
    assert merged.catalogue.entries["a"].flags == ("scientific",)


def test_duplicate_key_keeps_the_first_and_names_it(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        entries:
          - key: breck2017score
            title: My own copy
            url: https://example.org/copy
            category: data
        """,
    )
    merged = merge([base, user])
    assert messages(merged) == [
        "user.yaml:2: duplicate entry key 'breck2017score': first defined at base.yaml:22;"
        " this entry is ignored (add 'override: true' to replace the first)"
    ]
    assert merged.problems[0].code == "duplicate_key"
    assert merged.catalogue.entries["breck2017score"].title == "The ML Test Score"


def test_override_replaces_silently_in_place(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        entries:
          - key: breck2017score
            override: true
            title: The ML Test Score (annotated)
            url: https://example.org/annotated
            category: data
            flags: must-read
        """,
    )
    merged = merge([base, user])
    assert merged.problems == []
    entry = merged.catalogue.entries["breck2017score"]
    assert (entry.title, entry.category, entry.flags) == (
        "The ML Test Score (annotated)",
        "data",
        ("must-read",),
    )
    assert entry.location == Location("user.yaml", 2)
    # The replacement keeps the place of the entry it replaces.
    assert list(merged.catalogue.entries)[1] == "breck2017score"


def test_override_field_lines_follow_the_replacement(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        entries:
          - key: breck2017score
            override: true
            title: Replaced
            url: https://example.org/r
            category: nowhere
        """,
    )
    merged = merge([base, user])
    [message] = messages(merged)
    # Located at the replacement's category line, not the replaced entry's.
    assert message.startswith("user.yaml:6: entry 'breck2017score': unknown category 'nowhere'")


def test_exclude_removes_earlier_entries(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        exclude:
          - polyzotis2017data
          - sculley2015hiden
        """,
    )
    merged = merge([base, user])
    assert list(merged.catalogue.entries) == ["sculley2015hidden", "breck2017score"]
    assert messages(merged) == [
        "user.yaml:3: exclude: no earlier catalogue has an entry 'sculley2015hiden'; did you"
        " mean 'sculley2015hidden'?"
    ]
    assert merged.problems[0].code == "unknown_key"


def test_exclude_then_redefine(base: LoadResult, tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        exclude: breck2017score
        entries:
          - key: breck2017score
            title: Ours
            url: https://example.org/ours
            category: data
        """,
    )
    merged = merge([base, user])
    assert merged.problems == []
    assert merged.catalogue.entries["breck2017score"].title == "Ours"
    assert list(merged.catalogue.entries)[-1] == "breck2017score"


def test_exclude_only_affects_earlier_catalogues(base: LoadResult, tmp_path: Path) -> None:
    first = load(tmp_path, "first.yaml", "exclude: [breck2017score]\n")
    merged = merge([first, base])
    assert "breck2017score" in merged.catalogue
    assert messages(merged) == [
        "first.yaml:1: exclude: no earlier catalogue has an entry 'breck2017score'"
    ]


def test_load_problems_come_first_and_are_kept(base: LoadResult, tmp_path: Path) -> None:
    broken = load(tmp_path, "broken.json", '{"entries": [}')
    user = load(
        tmp_path,
        "user.yaml",
        """
        entries:
          - key: a
            title: A
            url: javascript:alert(1)
            category: data
          - key: b
            title: B
            url: https://b.org
            category: nope
        """,
    )
    merged = merge([base, broken, user])
    assert [problem.code for problem in merged.problems] == [
        "syntax",
        "unsafe_url",
        "unknown_category",
    ]
    assert str(merged.problems[0]).startswith("broken.json:1: invalid JSON")
    assert merged.catalogue.sources == ("base.yaml", "broken.json", "user.yaml")


def test_category_without_any_title_falls_back_to_slug(tmp_path: Path) -> None:
    user = load(
        tmp_path,
        "user.yaml",
        """
        categories:
          - slug: misc
        flags:
          - slug: hot
        entries:
          - key: a
            title: A
            url: https://a.org
            category: misc
            flags: hot
        """,
    )
    merged = merge([user])
    assert messages(merged) == [
        "user.yaml:2: category 'misc' has no title in any catalogue (the slug is used)",
        "user.yaml:4: flag 'hot' has no label in any catalogue (the slug is used)",
    ]
    assert merged.catalogue.categories["misc"].title == "misc"
    assert merged.catalogue.entries["a"].flags == ("hot",)


def test_merge_of_nothing_is_empty() -> None:
    merged = merge([])
    assert len(merged.catalogue) == 0
    assert merged.problems == []


def test_merging_again_changes_nothing(base: LoadResult) -> None:
    user = load_text(
        "entries:\n"
        "  - {key: x, title: X, url: 'https://x.org', category: ops, flags: [Must-read]}\n",
        "user.yaml",
        "yaml",
    )
    once = merge([base, user])
    twice = merge([once])
    assert list(twice.catalogue) == list(once.catalogue)
    assert twice.catalogue.entries["x"].category == "deployment"
    assert twice.problems == once.problems == []


def test_extending_a_category_keeps_or_sets_its_parent(base: LoadResult, tmp_path: Path) -> None:
    nested = load(
        tmp_path,
        "nested.yaml",
        """
        categories:
          - {slug: rollback, title: Rollback, parent: deployment}
        """,
    )
    retitled = load(
        tmp_path,
        "retitled.yaml",
        """
        categories:
          - {slug: rollback, title: Rolling back}
        """,
    )
    merged = merge([base, nested, retitled])
    assert merged.problems == []
    rollback = merged.catalogue.categories["rollback"]
    assert (rollback.title, rollback.parent) == ("Rolling back", "deployment")

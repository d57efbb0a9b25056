"""One reference, one entry across catalogues (issue #12 item 7): an imported README merges
into the catalogues before it by DOI or normalised URL, its generated keys never clash,
its names fill gaps only, and categories match by title or slug."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import Entry
from sphinxext_seml.catalogue.pipeline import builtin_result
from sphinxext_seml.catalogue.results import LoadResult

README_2022 = (
    Path(__file__).parents[2] / "sphinxext_seml" / "data" / "sources" / "awesome-seml-2022.md"
)

BASE = """
categories:
  - slug: tools
    title: Tools
    order: 0
  - slug: papers
    title: Research Papers
    order: 1
flags:
  - slug: scientific
    label: Scientific
    emoji: "🎓"
entries:
  - key: mlflow
    title: MLflow
    url: https://mlflow.org/
    category: tools
  - key: sculley2015hidden
    title: Hidden Technical Debt in Machine Learning Systems
    url: https://papers.nips.cc/paper/5656-hidden-technical-debt
    category: papers
    flags: [scientific]
"""


def _readme(body: str) -> str:
    return "# Awesome Test\n\n" + textwrap.dedent(body)


def _after_base(text: str, source: str = "team.yaml") -> LoadResult:
    """The merge of :data:`BASE` and ``text`` (YAML, or a README for a ``.md`` source)."""
    fmt = "markdown" if source.endswith(".md") else "yaml"
    return merge([load_text(BASE, "base.yaml", "yaml"), load_text(text, source, fmt)])


def _merged(readme: str) -> tuple[list[str], dict[str, Entry]]:
    result = _after_base(_readme(readme), "README.md")
    return [str(p) for p in result.problems], {e.key: e for e in result.catalogue}


def test_awesome_seml_2022_with_builtin_is_88_references_once_without_warning() -> None:
    readme = load_text(README_2022.read_text(encoding="utf-8"), "README.md", "markdown")
    result = merge([builtin_result(), readme])
    assert result.problems == []
    entries = list(result.catalogue)
    assert len(entries) == 88
    assert len({e.url for e in entries}) == 88
    builtin = load_builtin()
    # The README's sections are the built-in categories, not empty copies beside them.
    assert list(result.catalogue.categories) == list(builtin.categories)
    assert result.catalogue.flags["scientific"].label == builtin.flags["scientific"].label


def test_same_url_merges_and_fills_only_empty_fields() -> None:
    problems, entries = _merged(
        """
        ## Tools
        - [MLflow](http://www.mlflow.org) - Tracks experiments.
        """
    )
    assert problems == []
    assert list(entries) == ["mlflow", "sculley2015hidden"]
    mlflow = entries["mlflow"]
    assert mlflow.title == "MLflow"
    assert mlflow.url == "https://mlflow.org/"
    assert mlflow.summary == "Tracks experiments."


def test_generated_key_of_another_reference_is_suffixed_not_dropped() -> None:
    problems, entries = _merged(
        """
        ## Tools
        - [MLflow fork](https://github.com/someone/mlflow) - Not the same thing.
        """
    )
    assert problems == []
    assert len(entries) == 3
    (new,) = [e for e in entries.values() if "someone" in e.url]
    assert new.key.startswith("mlflow-")
    assert new.category == "tools"


def test_readme_legend_never_relabels_a_known_flag() -> None:
    problems, entries = _merged(
        """
        🎓 Scientific publication

        ## Research Papers
        - [Hidden debt](https://papers.nips.cc/paper/5656-hidden-technical-debt/) - 🎓 Again.
        - [Another paper](https://example.org/paper) - 🎓 New.
        """
    )
    assert problems == []
    assert entries["sculley2015hidden"].title.startswith("Hidden Technical")
    (paper,) = [e for e in entries.values() if e.url == "https://example.org/paper"]
    assert paper.flags == ("scientific",)
    assert paper.category == "papers"


def test_readme_flag_label_does_not_replace_the_earlier_label() -> None:
    result = _after_base(
        _readme("🎓 Scientific publication\n\n## Tools\n- [A](https://a.example/) - 🎓 x.\n"),
        "README.md",
    )
    assert [(f.slug, f.label) for f in result.catalogue.flags.values()] == [
        ("scientific", "Scientific")
    ]


def test_readme_categories_match_by_title_and_new_ones_follow_in_their_order() -> None:
    result = _after_base(
        _readme(
            """
            ## Zeta
            - [Z](https://z.example/) - z.
            ## Research Papers
            - [P](https://p.example/) - p.
            ## Alpha
            - [A](https://a.example/) - a.
            """
        ),
        "README.md",
    )
    assert result.problems == []
    slugs = [c.slug for c in result.catalogue.ordered_categories()]
    assert slugs == ["tools", "papers", "zeta", "alpha"]
    assert {e.url: e.category for e in result.catalogue}["https://p.example/"] == "papers"


def test_order_zero_is_an_order() -> None:
    result = _after_base(
        "categories:\n  - slug: first\n    title: First\n    order: 0\n"
        "  - slug: later\n    title: Later\n"
    )
    assert result.catalogue.categories["first"].order == 0
    assert result.catalogue.categories["later"].order > 1


def test_explicit_duplicate_keys_still_warn() -> None:
    result = _after_base(
        "entries:\n  - key: mlflow\n    title: Other\n    url: https://other.example/\n"
        "    category: tools\n"
    )
    assert [p.code for p in result.problems] == ["duplicate_key"]
    assert str(result.problems[0]).startswith("team.yaml:2: duplicate entry key 'mlflow'")


def test_a_parent_no_catalogue_defines_is_reported_after_merge() -> None:
    result = _after_base("categories:\n  - slug: child\n    title: Child\n    parent: nowhere\n")
    assert [str(p) for p in result.problems] == [
        "team.yaml:2: category 'child': parent 'nowhere' is not a category; parent ignored"
    ]
    assert result.catalogue.categories["child"].parent == ""


def test_same_titled_subsections_of_one_readme_stay_apart() -> None:
    readme = load_text(
        _readme(
            """
            ## Python
            ### Tools
            - [A](https://a.example/) - a.
            ## Java
            ### Tools
            - [B](https://b.example/) - b.
            """
        ),
        "README.md",
        "markdown",
    )
    result = merge([readme])
    assert result.problems == []
    tree = {c.slug: c.parent for c in result.catalogue.categories.values()}
    assert tree == {"python": "", "tools": "python", "java": "", "java-tools": "java"}
    assert {e.url: e.category for e in result.catalogue} == {
        "https://a.example/": "tools",
        "https://b.example/": "java-tools",
    }


def test_a_readme_subsection_never_joins_a_top_level_category() -> None:
    result = _after_base(
        _readme(
            """
            ## Java
            ### Tools
            - [B](https://b.example/) - b.
            ## Tools
            - [C](https://c.example/) - c.
            """
        ),
        "README.md",
    )
    # The README itself reports its two "Tools" headings; the merge adds nothing.
    assert [p.code for p in result.problems] == ["awesome.slug_clash"]
    categories = result.catalogue.categories
    assert categories["tools"].parent == ""  # the base catalogue's stays where it was
    by_url = {e.url: e.category for e in result.catalogue}
    assert by_url["https://c.example/"] == "tools"
    assert categories[by_url["https://b.example/"]].parent == "java"

"""Issue 12, reading a README's structure as GitHub renders it: nested headings,
level-1 sections, left-out sections, group labels and distinct slugs."""

from __future__ import annotations

from sphinxext_seml.catalogue.awesome import SKIPPED_SECTIONS, parse_awesome
from sphinxext_seml.catalogue.awesome.problems import SKIPPED_ITEM, SLUG_CLASH
from sphinxext_seml.catalogue.awesome.sections import heading_slug
from sphinxext_seml.catalogue.results import LoadResult


def parse(text: str) -> LoadResult:
    return parse_awesome(text, "README.md")


def tree(result: LoadResult) -> list[tuple[str, str]]:
    return [(c.slug, c.parent) for c in result.catalogue.ordered_categories()]


def placed(result: LoadResult) -> dict[str, str]:
    return {e.title: e.category for e in result.catalogue}


def test_a_later_level_one_heading_does_not_reset_the_structure() -> None:
    text = """\
# Awesome Tiny
## Tools
- [Foo](https://foo.example.com/) - A tool.
# License
CC0
"""
    result = parse(text)
    assert result.problems == []
    assert tree(result) == [("tools", "")]


def test_main_content_heading_is_a_parent() -> None:
    text = """\
# Awesome
## Contents
- [Data](#data)
# Main Content
## Data
- [A](https://a.example.org)
### Versioning
- [B](https://b.example.org)
## Serving
- [C](https://c.example.org)
# Resources
## Books
- [D](https://d.example.org)
## Acknowledgements
- [E](https://e.example.org) - thanks are no longer dropped
"""
    result = parse(text)
    assert result.problems == []
    assert tree(result) == [
        ("main-content", ""),
        ("data", "main-content"),
        ("versioning", "data"),
        ("serving", "main-content"),
        ("resources", ""),
        ("books", "resources"),
        ("acknowledgements", "resources"),
    ]
    assert placed(result) == {
        "A": "data",
        "B": "versioning",
        "C": "serving",
        "D": "books",
        "E": "acknowledgements",
    }


def test_left_out_sections_and_their_subsections() -> None:
    text = """\
# T
## Table of Contents
### Frameworks
- [X](https://x.example.org)
## Things
- [A](https://a.example.org)
## Contributing Guidelines
- [Guide](https://guide.example.org)
## Sponsors
- [S](https://s.example.org)
## Code of Conduct
- [C](https://c.example.org)
## Licence
- [L](https://l.example.org)
"""
    result = parse(text)
    assert result.problems == []
    assert placed(result) == {"A": "things"}
    assert {"navigation", "quick links", "backers"} <= SKIPPED_SECTIONS
    assert not {"acknowledgements", "credits", "footnotes"} & SKIPPED_SECTIONS


def test_bold_group_labels_and_details_are_subcategories() -> None:
    text = """\
# T
## Models
- **Open ones**
  - [A](https://a.example.org) - First.
    - [A2](https://a2.example.org) - Nested under a linked item.
- Closed ones:
  - [B](https://b.example.org)
- [C](https://c.example.org)

## Open LLM
<details>
<summary>DeepSeek</summary>

  - [D](https://d.example.org)

</details>
<details>
<summary> open llm </summary>

- [E](https://e.example.org)
</details>
"""
    result = parse(text)
    assert result.problems == []
    assert tree(result) == [
        ("models", ""),
        ("open-ones", "models"),
        ("closed-ones", "models"),
        ("open-llm", ""),
        ("deepseek", "open-llm"),
    ]
    assert placed(result) == {
        "A": "open-ones",
        "A2": "open-ones",
        "B": "closed-ones",
        "C": "models",
        "D": "deepseek",
        "E": "open-llm",
    }


def test_linked_items_outside_sections_are_reported() -> None:
    text = "# T\n\n- [Intro](https://intro.example.org)\n\n## S\n\n- [A](https://a.example.org)\n"
    result = parse(text)
    assert [(p.location.line, p.code) for p in result.problems] == [(3, SKIPPED_ITEM)]


def test_slugs_never_merge_two_headings() -> None:
    text = """\
# Languages
## C
- [a](https://a.example.org)
## C++
- [b](https://b.example.org)
## C#
- [c](https://c.example.org)
## F#
- [d](https://d.example.org)
## .NET
- [e](https://e.example.org)
## Données
- [f](https://f.example.org)
## Donnees
- [h](https://h.example.org)
## C
- [g](https://g.example.org) - a repeated heading continues its category
"""
    result = parse(text)
    assert tree(result) == [
        ("c", ""),
        ("cpp", ""),
        ("csharp", ""),
        ("fsharp", ""),
        ("dotnet", ""),
        ("donnees", ""),
        ("donnees-2", ""),
    ]
    assert placed(result)["g"] == "c"
    assert [(p.location.line, p.code) for p in result.problems] == [(14, SLUG_CLASH)]
    assert "'donnees-2'" in result.problems[0].message
    assert heading_slug("Notepad++ plugins") == "notepadpp-plugins"
    assert heading_slug("Node.js") == "node-js"


def test_same_sub_heading_under_two_sections_and_anchors() -> None:
    text = """\
# T
## Python
### Tools
- [a](https://a.example.org)
## Java
### Tools
- [b](https://b.example.org)

<a name="cee"></a>
## C
<a name="cee-tools"></a>
#### Tools
- [c](https://c.example.org)
## <a name="ops"></a>Operations
- [d](https://d.example.org)
"""
    result = parse(text)
    assert result.problems == []
    assert tree(result) == [
        ("python", ""),
        ("tools", "python"),
        ("java", ""),
        ("java-tools", "java"),
        ("cee", ""),
        ("cee-tools", "cee"),
        ("ops", ""),
    ]

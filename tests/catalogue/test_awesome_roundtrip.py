"""The README round trip (issue 12, item 8): title, introduction and links come back."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome import dump_awesome, parse_awesome
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.model import Catalogue
from sphinxext_seml.catalogue.results import LoadResult
from sphinxext_seml.cli import main

FIXTURE = Path(__file__).parent / "files" / "awesome-roundtrip.md"
TITLE = "Awesome Round Trip [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"


@pytest.fixture(scope="module")
def readme() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def items(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("- [")]


def test_the_whole_readme_comes_back_word_for_word(readme: str) -> None:
    result = parse_awesome(readme, "README.md")
    assert result.problems == []
    assert result.catalogue.front.title == TITLE
    assert result.catalogue.front.intro.startswith("> A curated list of tools")
    text = dump_awesome(result.catalogue)
    assert items(text) == items(readme)
    assert text == readme


def test_front_matter_survives_the_native_formats_and_merging(readme: str) -> None:
    result = parse_awesome(readme, "README.md")
    for fmt in ("yaml", "json", "toml"):
        back = load_text(dump_native(result.catalogue, fmt), f"c.{fmt}", fmt)
        assert back.problems == []
        assert back.catalogue.front == result.catalogue.front
        assert dump_awesome(back.catalogue) == readme
    # One source, and the built-in catalogue (which has none) first.
    assert merge([result]).catalogue.front == result.catalogue.front
    builtin = LoadResult(load_builtin())
    merged = merge([builtin, result]).catalogue
    assert merged.front == result.catalogue.front
    assert pickle.loads(pickle.dumps(merged.packed())).front == merged.front


def test_an_edited_entry_is_regenerated(readme: str) -> None:
    result = parse_awesome(readme, "README.md")
    text = dump_native(result.catalogue, "yaml").replace(
        "title: Seldon Core", "title: Seldon Core 2"
    )
    edited = load_text(text, "c.yaml", "yaml").catalogue
    out = dump_awesome(edited)
    assert "- [Seldon Core 2](https://github.com/SeldonIO/seldon-core) - Deploys models" in out
    assert out.replace("Seldon Core 2", "Seldon Core") == readme


def test_title_and_intro_options_override(
    readme: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "README.md"
    source.write_text(readme, encoding="utf-8")
    base = ["--no-builtin", "--catalogue", str(source), "export", "--format", "markdown"]
    assert main(base) == 0
    assert capsys.readouterr().out == readme
    assert main([*base, "--title", "Awesome *Other*", "--intro", "Just a list."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Awesome \\*Other\\*\n\nJust a list.\n\n## Contents\n")
    assert items(out) == items(readme)
    # Without front matter in the catalogue: the default title, no introduction.
    catalogue = parse_awesome(readme, "README.md").catalogue
    bare = Catalogue(
        catalogue.categories.values(), catalogue.flags.values(), catalogue, catalogue.sources
    )
    yaml_file = tmp_path / "c.yaml"
    yaml_file.write_text(dump_native(bare, "yaml"), encoding="utf-8")
    assert "intro" not in yaml_file.read_text(encoding="utf-8")
    base = ["--no-builtin", "--catalogue", str(yaml_file), "export", "--format", "markdown"]
    assert main(base) == 0
    assert capsys.readouterr().out.startswith("# Awesome list\n\n## Contents\n")


def test_front_matter_of_a_readme_with_old_mac_line_ends() -> None:
    text = "# Awesome CR\r\rThe intro.\r\r## Tools\r- [A](https://a.example/) - A tool.\r"
    front = parse_awesome(text, "README.md").catalogue.front
    assert (front.title, front.intro) == ("Awesome CR", "The intro.")


def test_contents_link_the_ids_github_gives_the_headings() -> None:
    """A section titled like the README ("# Tools" then "## Tools") has GitHub's id
    ``tools-1``; punctuation goes as GitHub drops it."""
    readme = (
        "# Tools\n\n## Tools\n\n- [A](https://a.example.org) - A.\n\n"
        "## Data & Models\n\n- [B](https://b.example.org) - B.\n"
    )
    written = dump_awesome(parse_awesome(readme, "README.md").catalogue)
    contents = written.split("## Contents", 1)[1].split("\n## ", 1)[0]
    assert "- [Tools](#tools-1)" in contents
    assert "- [Data & Models](#data--models)" in contents


def test_a_parent_without_entries_is_its_heading_then_its_children() -> None:
    readme = (
        "# Awesome Nest\n\n# Main Content\n\n## Tools\n\n### Serving\n\n"
        "- [BentoML](https://github.com/bentoml/BentoML) - Model serving.\n"
    )
    written = dump_awesome(parse_awesome(readme, "README.md").catalogue)
    assert written.split("\n## Main Content\n", 1)[1] == (
        "\n### Tools\n\n#### Serving\n\n"
        "- [BentoML](https://github.com/bentoml/BentoML) - Model serving.\n"
    )


def test_a_link_in_a_section_description_is_written_back() -> None:
    readme = (
        "# Awesome D\n\n## Tools\n\nSee also [Awesome X](https://x.example.org) and *more*.\n\n"
        "- [Foo](https://foo.example.com/) - A tool.\n"
    )
    catalogue = parse_awesome(readme, "README.md").catalogue
    assert catalogue.categories["tools"].description == (
        "See also [Awesome X](https://x.example.org) and more."
    )
    assert "\n## Tools\n\nSee also [Awesome X](https://x.example.org) and more.\n\n- [Foo]" in (
        dump_awesome(catalogue)
    )

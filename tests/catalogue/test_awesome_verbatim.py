"""Issue 12, item 8: an imported README's items come back from the Markdown export word
for word, however they were written, and an edited entry is written afresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome import dump_awesome, parse_awesome
from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_text
from sphinxext_seml.catalogue.merging import merge
from sphinxext_seml.catalogue.results import LoadResult

FIXTURE = Path(__file__).parent / "files" / "awesome-verbatim.md"
#: The fixture's item lines, as a maintainer wrote them.
WRITTEN = [
    "- [`dvc`](https://github.com/iterative/dvc)"
    " ![](https://img.shields.io/github/stars/iterative/dvc.svg) – Data versioning.",
    "- [Great  Expectations](https://github.com/great-expectations/great_expectations)"
    " -  Tests for *data*.",
    "- **[Deprecated]** [Old Tool](https://example.org/old) - No longer kept.",
    "- ⭐ [Feast](https://github.com/feast-dev/feast): A feature store.",
    "- [Plain](https://example.org/plain) - A conventional item.",
    "- [Wrapped](https://example.org/wrapped) - A description that goes on",
    "  over a second line.",
    "- [**Bold**](https://example.org/bold) - Uses [Ray](https://www.ray.io) underneath.",
]


def section(text: str) -> list[str]:
    body = text.split("## Tools\n", 1)[1]
    return [line for line in body.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def imported() -> LoadResult:
    result = parse_awesome(FIXTURE.read_text(encoding="utf-8"), "README.md")
    assert result.problems == []
    return result


def test_every_item_comes_back_as_written(imported: LoadResult) -> None:
    assert section(dump_awesome(imported.catalogue)) == WRITTEN


def test_only_unconventional_items_keep_their_markdown(imported: LoadResult) -> None:
    kept = {e.title: e.markdown for e in imported.catalogue if e.markdown}
    assert set(kept) == {"dvc", "Great Expectations", "Old Tool", "Feast", "Wrapped", "Bold"}
    assert kept["Feast"] == "⭐ [Feast](https://github.com/feast-dev/feast): A feature store."
    assert kept["Wrapped"] == (
        "[Wrapped](https://example.org/wrapped) - A description that goes on\nover a second line."
    )


def test_the_items_survive_a_native_catalogue(imported: LoadResult) -> None:
    for fmt in ("yaml", "json", "toml"):
        back = load_text(dump_native(imported.catalogue, fmt), f"c.{fmt}", fmt)
        assert back.problems == []
        assert section(dump_awesome(back.catalogue)) == WRITTEN


def edited(result: LoadResult, which: str, **fields: object) -> LoadResult:
    """The catalogue with the fields of the entry titled ``which`` changed, read back."""
    data = json.loads(dump_native(result.catalogue, "json"))
    entry = next(e for e in data["entries"] if e["title"] == which)
    entry.update(fields)
    back = load_text(json.dumps(data), "c.json", "json")
    assert back.problems == []
    return back


def test_an_edited_entry_is_written_afresh(imported: LoadResult) -> None:
    changed = edited(imported, "dvc", summary="Versions data and models.")
    changed = edited(changed, "Feast", title="Feast 1.0")
    lines = section(dump_awesome(changed.catalogue))
    # Titles are plain text: the code markup of the item as written goes with it.
    assert lines[0] == "- [dvc](https://github.com/iterative/dvc) - Versions data and models."
    assert lines[3] == "- [Feast 1.0](https://github.com/feast-dev/feast) - A feature store. ⭐"
    assert lines[1:3] == WRITTEN[1:3]
    assert lines[4:] == WRITTEN[4:]


def test_a_removed_flag_is_not_written_back(imported: LoadResult) -> None:
    feast = section(dump_awesome(edited(imported, "Feast", flags=[]).catalogue))[3]
    assert feast == "- [Feast](https://github.com/feast-dev/feast) - A feature store."


def test_a_merged_entry_is_written_from_its_merged_fields() -> None:
    """An item matching a built-in entry (same link) merges into it: the export shows the
    built-in entry's fields, never the README's stale line."""
    readme = (
        "# Awesome Merge\n\n## Tools\n\n"
        "- [ML flow ![](https://img.shields.io/badge/x-y-z.svg)](https://mlflow.org/) – Tracks.\n"
    )
    result = parse_awesome(readme, "README.md")
    builtin = load_builtin()
    mlflow = next(e for e in builtin if e.url.rstrip("/") == "https://mlflow.org")
    merged = merge([LoadResult(builtin), result]).catalogue
    out = dump_awesome(merged)
    line = next(x for x in out.splitlines() if "mlflow.org" in x)
    assert "ML flow" not in line
    assert line.startswith(f"- [{mlflow.title}](")


LAYOUTS = Path(__file__).parent / "files" / "awesome-layouts.md"


def test_groups_details_and_numbered_lists_come_back_as_written() -> None:
    readme = LAYOUTS.read_text(encoding="utf-8")
    result = parse_awesome(readme, "README.md")
    assert result.problems == []
    layouts = {c.slug: (c.parent, c.layout) for c in result.catalogue.categories.values()}
    assert layouts == {
        "tools": ("", ""),
        "hosted": ("tools", "group"),
        "serverless": ("hosted", "group"),
        "older-tools": ("tools", "details"),
        "steps": ("", "numbered"),
    }
    assert dump_awesome(result.catalogue) == readme
    for fmt in ("yaml", "json", "toml"):
        back = load_text(dump_native(result.catalogue, fmt), f"c.{fmt}", fmt)
        assert back.problems == []
        assert dump_awesome(back.catalogue) == readme


def test_a_group_with_a_description_is_written_as_a_heading() -> None:
    """A bold label holds no description: a group given one in a catalogue is a heading."""
    result = parse_awesome(LAYOUTS.read_text(encoding="utf-8"), "README.md")
    data = json.loads(dump_native(result.catalogue, "json"))
    hosted = next(c for c in data["categories"] if c["slug"] == "hosted")
    hosted["description"] = "Models run for you."
    out = dump_awesome(load_text(json.dumps(data), "c.json", "json").catalogue)
    assert "\n### Hosted\n\nModels run for you.\n\n- [Replicate](https://replicate.com)" in out
    assert "  - [Hosted](#hosted)\n" in out


def test_an_unknown_layout_is_reported_and_ignored() -> None:
    text = (
        "categories:\n  - slug: tools\n    title: Tools\n    layout: table\n"
        "entries:\n  - key: a\n    title: A\n    url: https://a.example.org\n    category: tools\n"
    )
    result = load_text(text, "c.yaml", "yaml")
    assert [f"{p.location}: {p.message}" for p in result.problems] == [
        "c.yaml:4: category 'tools': field 'layout' must be one of 'numbered', 'group',"
        " 'details', not 'table' (field ignored)"
    ]
    assert result.catalogue.categories["tools"].layout == ""

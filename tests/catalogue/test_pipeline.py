"""The one pipeline: built-in + the user's sources, read and merged (the CLI and builds alike)."""

from __future__ import annotations

from pathlib import Path

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.pipeline import (
    Shown,
    builtin_result,
    load_catalogues,
    read_sources,
)

TEAM = """\
entries:
  - key: team2024runbook
    title: Our runbook
    url: https://example.org/runbook
    category: Deployment and Operation
    flags: [Must-read]
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a catalogue", encoding="utf-8")
    return tmp_path


def test_the_builtin_is_read_once_and_is_what_load_builtin_gives() -> None:
    assert builtin_result() is builtin_result()
    assert builtin_result().problems == []
    assert load_builtin() is builtin_result().catalogue


def test_the_builtin_alone_is_the_builtin_catalogue(tmp_path: Path) -> None:
    merged = load_catalogues(tmp_path, builtin=True, specs=())
    assert merged.catalogue is load_builtin()
    assert merged.problems == merged.unreadable == merged.files == ()


def test_sources_are_merged_with_names_resolved(tmp_path: Path) -> None:
    base = _project(tmp_path)
    merged = load_catalogues(base, builtin=True, specs=["team.yaml"])
    entry = merged.catalogue.entries["team2024runbook"]
    assert (entry.category, entry.flags) == ("deployment", ("must-read",))
    assert len(merged.catalogue) == len(load_builtin()) + 1
    assert merged.files == (str(base / "team.yaml"),)


def test_unreadable_sources_come_back_with_their_errors(tmp_path: Path) -> None:
    base = _project(tmp_path)
    merged = load_catalogues(
        base, builtin=True, specs=["team.yaml", "missing.yaml", "notes.txt", "entry-point:"]
    )
    assert "team2024runbook" in merged.catalogue.entries  # the rest still merge
    assert merged.problems == ()
    assert [u.spec for u in merged.unreadable] == ["missing.yaml", "notes.txt", "entry-point:"]
    missing, notes, nameless = merged.unreadable
    assert "missing.yaml" in str(missing.location)
    assert "unknown catalogue format '.txt'" in notes.message
    assert nameless.location.source == "entry-point:"  # no location of its own: the spec
    # an existing file is one the build depends on, even unreadable: fixing it changes it
    assert merged.files == (str(base / "team.yaml"), str(base / "notes.txt"))


def test_how_sources_are_shown(tmp_path: Path) -> None:
    base = _project(tmp_path)
    resolved = read_sources(base, builtin=False, specs=["team.yaml", "gone.yaml"])
    given = read_sources(
        base, builtin=False, specs=["team.yaml", "gone.yaml"], shown=Shown.AS_GIVEN
    )
    [(_, result)] = resolved.results
    assert result.catalogue.sources == (str(base / "team.yaml"),)
    assert resolved.unreadable[0].shown == str(base / "gone.yaml")
    [(spec, result)] = given.results
    assert (spec, result.catalogue.sources) == ("team.yaml", ("team.yaml",))
    assert given.unreadable[0].shown == "gone.yaml"


def test_the_builtin_comes_first_without_a_spec(tmp_path: Path) -> None:
    base = _project(tmp_path)
    read = read_sources(base, builtin=True, specs=["team.yaml"])
    assert [spec for spec, _ in read.results] == [None, "team.yaml"]
    assert read.results[0][1] is builtin_result()

"""``seml export`` and ``seml import``: formats, round trips, safe and atomic writing."""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinxext_seml.catalogue.builtin import load_builtin
from sphinxext_seml.catalogue.dump import dump_native
from sphinxext_seml.catalogue.formats import load_source
from sphinxext_seml.cli import common, main

HAS_PYBTEX = importlib.util.find_spec("pybtex") is not None

README = """\
# Awesome Handbook

⭐ Must-read

## Runbooks

How we operate.

- [Rolling back a model](https://wiki.example.com/rollback) - Five minutes. ⭐
- no link here, a problem
- [Canary releases](https://wiki.example.com/canary)
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def shape(path: Path) -> list[tuple[str, str, str, tuple[str, ...], str | None]]:
    result = load_source(path)
    assert result.problems == []
    return [(e.title, e.url, e.category, e.flags, e.summary) for e in result.catalogue]


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- export


def test_export_yaml_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "--format", "yaml")
    assert (code, err) == (0, "")
    assert out == dump_native(load_builtin(), "yaml")


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_export_native_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "export", "--format", fmt)
    assert code == 0
    data = json.loads(out) if fmt == "json" else tomllib.loads(out)
    assert [e["key"] for e in data["entries"]] == list(load_builtin().entries)


def test_export_format_from_the_output_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checks: list[tuple[str, Callable[[str], Any]]] = [
        ("out.toml", tomllib.loads),
        ("out.json", json.loads),
        ("out.yml", yaml.safe_load),
    ]
    for name, check in checks:
        target = tmp_path / name
        assert run(capsys, "export", "-o", str(target)) == (0, "", "")
        assert check(target.read_text(encoding="utf-8"))["entries"]
    target = tmp_path / "README.md"
    assert run(capsys, "export", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Awesome list\n")


def test_export_user_catalogue_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "handbook.yaml"
    source.write_text(
        "categories: [{slug: runbooks, title: Runbooks}]\n"
        "entries:\n"
        "  - {key: r1, title: R, url: 'https://example.org/r', category: Runbooks}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--no-builtin", "--catalogue", str(source), "export")
    assert code == 0
    data = yaml.safe_load(out)
    assert data["entries"] == [
        {
            "key": "r1",
            "title": "R",
            "url": "https://example.org/r",
            "category": "runbooks",
            "type": "other",
        }
    ]


def test_export_markdown_then_import_gives_the_same_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    native = tmp_path / "catalogue.yaml"
    assert run(capsys, "export", "--format", "markdown", "--title", "SEML", "-o", str(readme)) == (
        0,
        "",
        "",
    )
    assert readme.read_text(encoding="utf-8").startswith("# SEML\n")
    code, out, err = run(capsys, "import", str(readme), "-o", str(native))
    assert (code, out, err) == (0, "", "")
    builtin = [(e.title, e.url, e.category, e.flags, e.summary) for e in load_builtin()]
    assert shape(native) == builtin
    imported = load_source(native).catalogue
    assert list(imported.categories) == list(load_builtin().categories)
    assert list(imported.flags) == list(load_builtin().flags)


def test_export_bibtex(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "seml.bib"
    assert run(capsys, "export", "-o", str(target)) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert "{sculley2015hidden," in text
    _, out, _ = run(capsys, "export", "--format", "bibtex")
    assert out == text


@pytest.mark.skipif(not HAS_PYBTEX, reason="reading BibTeX needs the optional pybtex")
def test_bibtex_round_trip_through_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bib = tmp_path / "seml.bib"
    native = tmp_path / "seml.yaml"
    assert run(capsys, "export", "--format", "bibtex", "-o", str(bib))[0] == 0
    code, _, err = run(capsys, "import", str(bib), "-o", str(native))
    assert (code, err) == (0, "")
    imported = load_source(native).catalogue
    assert [(e.key, e.url, e.category, e.flags, e.year) for e in imported] == [
        (e.key, e.url, e.category, e.flags, e.year) for e in load_builtin()
    ]


def test_export_csl_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "csl-json")
    assert code == 0
    items = json.loads(out)
    assert [item["id"] for item in items] == list(load_builtin().entries)
    target = tmp_path / "items.csl.json"
    assert run(capsys, "export", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == out


def test_csl_json_round_trip_through_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    items = tmp_path / "seml.csl.json"
    native = tmp_path / "seml.toml"
    assert run(capsys, "export", "-o", str(items)) == (0, "", "")
    code, _, err = run(capsys, "import", str(items), "-o", str(native))
    assert (code, err) == (0, "")
    imported = load_source(native).catalogue
    assert [(e.key, e.title, e.url, e.category, e.flags, e.year) for e in imported] == [
        (e.key, e.title, e.url, e.category, e.flags, e.year) for e in load_builtin()
    ]


# --------------------------------------------------------------------------- import


def test_import_readme_to_each_native_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "README.md"
    source.write_text(README, encoding="utf-8")
    code, out, err = run(capsys, "import", str(source))
    assert code == 0
    # The item without a link is a located warning; the others are imported.
    assert err.startswith(f"{source}:10: ")
    assert err.count("\n") == 1
    data = yaml.safe_load(out)
    assert [e["title"] for e in data["entries"]] == ["Rolling back a model", "Canary releases"]
    assert data["entries"][0]["flags"] == ["must-read"]
    _, out, _ = run(capsys, "import", str(source), "--format", "json")
    assert json.loads(out) == data
    _, out, _ = run(capsys, "import", str(source), "--format", "toml")
    assert tomllib.loads(out) == data


def test_import_native_file_keeps_names_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "handbook.toml"
    source.write_text(
        '[[entries]]\nkey = "c1"\ntitle = "Canary"\nurl = "https://example.org/c"\n'
        'category = "Deployment and Operation"\nflags = ["Must-read"]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(source))
    assert (code, err) == (0, "")
    entry = yaml.safe_load(out)["entries"][0]
    assert entry["category"] == "Deployment and Operation"
    assert entry["flags"] == ["Must-read"]


def test_import_malformed_file_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("entries: [\n", encoding="utf-8")
    target = tmp_path / "out.yaml"
    code, out, err = run(capsys, "import", str(source), "-o", str(target))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{source}:")
    assert lines[-1] == f"seml: error: nothing imported from {source}: see the problems above"
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_import_missing_or_unknown_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.md"
    assert run(capsys, "import", str(missing)) == (
        2,
        "",
        f"seml: error: {missing}: catalogue file not found\n",
    )
    odd = tmp_path / "list.txt"
    odd.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "import", str(odd))
    assert code == 2
    assert err.startswith(f"seml: error: {odd}: unknown catalogue format '.txt'")


def test_import_only_writes_native_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "README.md"
    source.write_text(README, encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "x.bib"))
    assert code == 2
    assert err == (
        f"seml: error: import cannot write bibtex ({str(tmp_path / 'x.bib')!r});"
        " formats: yaml, json, toml\n"
    )
    code, _, err = run(capsys, "import", str(source), "--format", "bibtex")
    assert code == 2
    assert "argument --format: invalid choice: 'bibtex'" in err


def test_entry_point_source_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", "entry-point:no-such-catalogue-xyz")
    assert (code, out) == (2, "")
    assert err.startswith("seml: error: ")
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- safe writing


def test_import_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "README.md"
    source.write_text(README, encoding="utf-8")
    target = tmp_path / "catalogue.yaml"
    target.write_text("precious: true\n", encoding="utf-8")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    code, out, err = run(capsys, "import", str(source), "-o", str(target))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"seml: error: {target}: the file exists; use --force to overwrite it"
    )
    assert target.read_text(encoding="utf-8") == "precious: true\n"
    assert target.stat().st_mtime == 1_000_000_000
    assert leftovers(tmp_path) == []

    code, _, _ = run(capsys, "import", str(source), "-o", str(target), "--force")
    assert code == 0
    assert "Rolling back a model" in target.read_text(encoding="utf-8")


def test_export_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "seml.yaml"
    target.write_text("old\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 2
    assert err == f"seml: error: {target}: the file exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert run(capsys, "export", "-o", str(target), "--force") == (0, "", "")
    assert target.read_text(encoding="utf-8") == dump_native(load_builtin(), "yaml")


def test_force_keeps_the_permissions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "seml.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert run(capsys, "export", "-o", str(target), "--force")[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_goes_through_a_temporary_file_in_the_same_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "seml.yaml"
    target.write_text("old\n", encoding="utf-8")
    seen: list[tuple[Path, Path, str]] = []
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        src_path = Path(src)
        # Until this moment the target still holds the old content.
        seen.append((src_path, Path(dst), target.read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert run(capsys, "export", "-o", str(target), "--force")[0] == 0
    [(src, dst, before)] = seen
    assert src.parent == tmp_path
    assert src.name.startswith(".seml.yaml.")
    assert src.name.endswith(".tmp")
    assert dst == target
    assert before == "old\n"
    assert leftovers(tmp_path) == []


def test_new_file_is_linked_into_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.yaml"
    real_link = os.link

    def link(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        # Another process creates the target while seml is writing.
        Path(dst).write_text("theirs\n", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 2
    assert "the file exists" in err
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_target_is_checked_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.yaml"

    def no_link(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    assert run(capsys, "export", "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == dump_native(load_builtin(), "yaml")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_write_leaves_the_target_untouched(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    target = tmp_path / "seml.yaml"
    target.write_text("old\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    code, out, err = run(capsys, "export", "-o", str(target), "--force")
    assert (code, out) == (1, "")
    assert err == f"seml: error: {target}: cannot write: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_bad_output_locations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "-o", str(tmp_path))
    assert code == 2
    assert err == f"seml: error: {tmp_path}: is a directory\n"
    target = tmp_path / "missing" / "seml.yaml"
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 2
    assert err == (
        f"seml: error: {target}: the directory {str(tmp_path / 'missing')!r} does not exist\n"
    )


def test_dash_is_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "-o", "-", "--format", "json")
    assert code == 0
    assert json.loads(out)["entries"]


def test_write_file_refuses_a_symlink_without_force(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "dangling.yaml")
    with pytest.raises(common.CliError, match="the file exists"):
        common.write_file(str(link), "x\n")
    assert link.is_symlink()


def test_import_refuses_catalogue_options(tmp_path, capsys) -> None:
    from sphinxext_seml.cli import main

    source = tmp_path / "team.yaml"
    source.write_text(
        "categories: [{slug: x, title: X}]\n"
        "entries: [{key: a, title: A, url: 'https://a.example', category: x}]\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.yaml"
    code = main(["--catalogue", "other.yaml", "import", str(source), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert "--catalogue is not used here" in err
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()

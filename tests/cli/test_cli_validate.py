"""``seml validate``: every problem as ``file:line: message``, exit 1; valid files exit 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinxext_seml.cli import main

VALID = """\
categories:
  - {slug: runbooks, title: Runbooks}
entries:
  - key: acme-rollback
    title: Rolling back a model
    url: https://wiki.example.com/rollback
    category: runbooks
    flags: [must-read]
  - key: acme-canary
    title: Canary releases
    url: https://wiki.example.com/canary
    category: Deployment and Operation
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "handbook.yaml", VALID)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out, err) == (0, f"{path}: ok (2 entries)\n", "")


def test_malformed_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "broken.yaml",
        "entries:\n  - key: a\n    title: [unclosed\n    url: https://example.org\n",
    )
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1
    location, message = lines[0].split(": ", 1)
    assert location.rsplit(":", 1)[0] == str(path)
    assert int(location.rsplit(":", 1)[1]) in (3, 4)
    assert "YAML" in message
    assert err == "seml: 1 problem in 1 file\n"


def test_every_problem_with_its_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "problems.yaml",
        "entries:\n"
        "  - key: no-title\n"  # 2 (a missing url is no problem: issue 14)
        "    url: https://example.org/untitled\n"
        "    category: data\n"
        "  - key: bad-category\n"  # 5
        "    title: Typo\n"
        "    url: https://example.org/typo\n"
        "    category: deploymnet\n"  # 8
        "  - key: evil\n"  # 9
        "    title: Script\n"
        "    url: javascript:alert(1)\n"  # 11
        "    category: data\n"
        "  - key: sculley2015hidden\n"  # 13: a built-in key
        "    title: Again\n"
        "    url: https://example.org/again\n"
        "    category: data\n",
    )
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 4
    assert all(line.startswith(f"{path}:") for line in lines)
    by_line = {int(line[len(str(path)) + 1 :].split(":", 1)[0]): line for line in lines}
    assert sorted(by_line) == [2, 8, 11, 13]
    assert "required field 'title' is missing" in by_line[2]
    assert "did you mean 'deployment'?" in by_line[8]
    assert "javascript" in by_line[11]
    assert "duplicate entry key 'sculley2015hidden'" in by_line[13]


def test_no_builtin_checks_files_alone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "handbook.yaml", VALID)
    code, out, _ = run(capsys, "--no-builtin", "validate", str(path))
    assert code == 1
    assert "unknown flag 'must-read'" in out
    assert "unknown category 'Deployment and Operation'" in out
    code, out, _ = run(capsys, "validate", "--no-builtin", str(path))
    assert code == 1


def test_several_files_together(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    categories = write(
        tmp_path, "categories.yaml", "categories:\n  - {slug: runbooks, title: Runbooks}\n"
    )
    entries = write(
        tmp_path,
        "entries.toml",
        '[[entries]]\nkey = "r1"\ntitle = "R"\n'
        'url = "https://example.org/r"\ncategory = "runbooks"\n',
    )
    code, out, _ = run(capsys, "--no-builtin", "validate", str(categories), str(entries))
    assert code == 0
    assert out == f"{categories}: ok (0 entries)\n{entries}: ok (1 entry)\n"
    # The entries alone use a category nobody defines.
    code, out, _ = run(capsys, "--no-builtin", "validate", str(entries))
    assert code == 1
    assert out.startswith(f"{entries}:5: entry 'r1': unknown category 'runbooks'")


def test_unreadable_files_are_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", VALID)
    missing = tmp_path / "missing.yaml"
    other = write(tmp_path, "notes.txt", "hello")
    code, out, err = run(capsys, "validate", str(missing), str(good), str(other))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{missing}: catalogue file not found"
    assert lines[1].startswith(f"{other}: unknown catalogue format '.txt'")
    assert len(lines) == 2
    assert err == "seml: 2 problems in 2 files\n"


def test_json_and_toml_syntax_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad_json = write(tmp_path, "bad.json", '{\n  "entries": [\n    {"key": "a",}\n  ]\n}\n')
    bad_toml = write(tmp_path, "bad.toml", '[[entries]]\nkey = "a"\ntitle = \n')
    code, out, _ = run(capsys, "validate", str(bad_json), str(bad_toml))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad_json}:3: invalid JSON")
    assert lines[1].startswith(f"{bad_toml}:3: ")


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert (code, out) == (2, "")
    assert "seml validate: error: the following arguments are required: FILE" in err


README = """\
# Awesome Runbooks

## Runbooks
- [Rolling back a model](https://wiki.example.com/rollback) - How to roll back.
- [Canary releases](https://wiki.example.com/canary) - Shipping to a few first.
"""


def test_readme_says_how_many_linked_items_became_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "README.md", README)
    code, out, err = run(capsys, "--no-builtin", "validate", str(path))
    assert (code, out, err) == (0, f"{path}: ok (2 entries from 2 linked items)\n", "")


def test_readme_with_a_lost_item_counts_it_after_the_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A link that is not an absolute URL cannot be an entry: a problem, and the count shows it.
    path = write(tmp_path, "README.md", README + "- [Local notes](notes/local.md) - Ours.\n")
    code, out, err = run(capsys, "--no-builtin", "validate", str(path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{path}:6: ")
    assert lines[-1] == f"{path}: 2 entries from 3 linked items"
    assert err == "seml: 1 problem in 1 file\n"


def validate_readme(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, last_line: str
) -> tuple[Path, int, str, str]:
    """``seml --no-builtin validate`` on README with a prose item and ``last_line``."""
    path = write(tmp_path, "README.md", README + "- Some prose, no link.\n" + last_line)
    return path, *run(capsys, "--no-builtin", "validate", str(path))


def test_notes_are_printed_but_do_not_fail(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Issue 12: an item without a link and a repaired link are notes, not problems.
    path, code, out, err = validate_readme(
        capsys, tmp_path, "- [LLM]([https://github.com/simonw/llm) - A CLI.\n"
    )
    assert code == 0
    assert err == ""
    assert out.splitlines() == [
        f"{path}:6: note: list item does not start with a link: it holds none (skipped)",
        f"{path}:7: note: link target '[https://github.com/simonw/llm' has stray brackets;"
        " the entry's URL is 'https://github.com/simonw/llm'",
        f"{path}: ok (3 entries from 3 linked items)",
    ]


def test_notes_are_not_counted_with_the_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, code, out, err = validate_readme(
        capsys, tmp_path, "- [Local notes](notes/local.md) - Ours.\n"
    )
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:6: note: ")
    assert out.splitlines()[1].startswith(f"{path}:7: entry ")
    assert err == "seml: 1 problem in 1 file\n"


NESTED = """\
# Awesome Runbooks

## Operations
- [On-call handbook](https://ops.example.com/oncall) - Who answers the pager.

### Rollback
- [Rolling back a model](https://ops.example.com/rollback) - Undo a bad release.

## Data
- [Data contracts](https://data.example.com/contracts) - Agree on schemas.
"""


def test_list_a_category_with_and_without_its_subcategories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(write(tmp_path, "README.md", NESTED))
    base = ["--no-builtin", "--catalogue", path, "list", "--format", "json", "operations"]
    code, out, err = run(capsys, *base)
    assert (code, err) == (0, "")
    assert [e["title"] for e in json.loads(out)] == ["On-call handbook", "Rolling back a model"]
    code, out, err = run(capsys, *base, "--no-subcategories")
    assert [e["title"] for e in json.loads(out)] == ["On-call handbook"]

"""``seml lint``: messages ``file:line: rule: message``, exit 0 clean / 1 problems / 2 usage,
``--fix`` rewrites the file (only when something changed) and a second lint is clean."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.awesome.lint import Rule
from sphinxext_seml.cli import main
from sphinxext_seml.cli.cmd_lint import RULE_NAMES

README = """\
# Awesome Runbooks

## Contents

- [Deployment](#deployment)

## Deployment

- [Canary releases](https://wiki.example.com/canary) - shifting traffic in steps
- [Rolling back](https://wiki.example.com/rollback)

## Monitoring

- [Drift](https://wiki.example.com/canary/) - See [deployment](#deploy).
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(README, encoding="utf-8")
    return path


def test_problems_are_located_with_their_rule(
    capsys: pytest.CaptureFixture[str], readme: Path
) -> None:
    code, out, err = run(capsys, "lint", str(readme))
    assert code == 1
    assert out.splitlines() == [
        f"{readme}:9: description-style: the description of 'Canary releases'"
        " does not start with a capital letter",
        f"{readme}:9: description-style: the description of 'Canary releases'"
        " does not end with a period",
        f"{readme}:10: no-description: 'Rolling back' has no description",
        f"{readme}:12: toc: heading 'Monitoring' is not in the table of contents (line 3)",
        f"{readme}:14: duplicate-link: 'Drift' links to https://wiki.example.com/canary/,"
        " as 'Canary releases' does (line 9)",
        f"{readme}:14: dead-anchor: link to #deploy, which no heading or anchor has;"
        " did you mean #deployment?",
    ]
    assert err == f"seml: {readme}: 6 problems (3 fixable with --fix)\n"
    assert readme.read_text(encoding="utf-8") == README  # lint alone never writes


def test_a_clean_file_says_ok(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n## Tools\n\n- [T](https://t.example.com) - A tool.\n", "utf-8")
    assert run(capsys, "lint", str(path)) == (0, f"{path}: ok\n", "")
    assert run(capsys, "lint", "--fix", str(path)) == (0, f"{path}: ok\n", "")


def test_fix_rewrites_the_file_and_a_second_lint_is_clean_of_fixable_problems(
    capsys: pytest.CaptureFixture[str], readme: Path
) -> None:
    code, out, err = run(capsys, "lint", "--fix", str(readme))
    assert code == 1  # the problems --fix cannot correct are left
    assert out.splitlines() == [
        f"{readme}:5: toc: fixed: regenerated the table of contents (2 entries)",
        f"{readme}:9: description-style: fixed: capitalised the first word of the"
        " description of 'Canary releases'",
        f"{readme}:9: description-style: fixed: added a period to the description of"
        " 'Canary releases'",
        # the problems left, on the lines of the fixed file (the ToC grew by one line)
        f"{readme}:11: no-description: 'Rolling back' has no description",
        f"{readme}:15: duplicate-link: 'Drift' links to https://wiki.example.com/canary/,"
        " as 'Canary releases' does (line 10)",
        f"{readme}:15: dead-anchor: link to #deploy, which no heading or anchor has;"
        " did you mean #deployment?",
    ]
    assert err == f"seml: {readme}: 3 fixes, 3 problems left\n"
    assert readme.read_text(encoding="utf-8") == README.replace(
        "- [Deployment](#deployment)\n",
        "- [Deployment](#deployment)\n- [Monitoring](#monitoring)\n",
    ).replace("- shifting traffic in steps", "- Shifting traffic in steps.")
    assert not [p for p in readme.parent.iterdir() if p.name != "README.md"]  # no temporary

    code, out, _ = run(capsys, "lint", str(readme), "--ignore", "no-description")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["duplicate-link", "dead-anchor"]
    code, out, err = run(
        capsys, "lint", str(readme), "--ignore", "no-description,duplicate-link,dead-anchor"
    )
    assert (code, out, err) == (0, f"{readme}: ok\n", "")


def test_fix_writes_only_when_something_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n## Tools\n\n- [T](https://t.example.com)\n", "utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    code, out, err = run(capsys, "lint", "--fix", str(path))
    assert (code, out) == (1, f"{path}:5: no-description: 'T' has no description\n")
    assert err == f"seml: {path}: nothing fixed, 1 problem left\n"
    assert path.stat().st_mtime == 1_000_000_000


def test_fix_keeps_a_byte_order_mark_and_crlf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf# T\r\n\r\n## A\r\n\r\n- [x](https://x.example.com) - Ends\r\n")
    assert run(capsys, "lint", "--fix", str(path))[0] == 0
    assert path.read_bytes() == (
        b"\xef\xbb\xbf# T\r\n\r\n## A\r\n\r\n- [x](https://x.example.com) - Ends.\r\n"
    )


def test_rule_chooses_the_rules(capsys: pytest.CaptureFixture[str], readme: Path) -> None:
    code, out, _ = run(capsys, "lint", str(readme), "--rule", "toc", "--rule", "dead-anchor")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["toc", "dead-anchor"]
    code, out, _ = run(capsys, "lint", "--rule", "toc", "--fix", str(readme))
    assert code == 0
    assert out == f"{readme}:5: toc: fixed: regenerated the table of contents (2 entries)\n"
    assert "shifting traffic in steps\n" in readme.read_text(encoding="utf-8")  # not this rule's


def test_alphabetical_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    text = "# T\n\n## A\n\n- [b](https://b.example.com) - B.\n- [a](https://a.example.com) - A.\n"
    path.write_text(text, "utf-8")
    assert run(capsys, "lint", str(path))[0] == 0  # the README claims no order
    code, out, _ = run(capsys, "lint", "--alphabetical", str(path))
    assert (code, out) == (
        1,
        f"{path}:6: alphabetical: 'a' is out of alphabetical order: it sorts before 'b'\n",
    )
    assert run(capsys, "lint", "--alphabetical", "--fix", str(path))[0] == 0
    assert path.read_text("utf-8") == (
        "# T\n\n## A\n\n- [a](https://a.example.com) - A.\n- [b](https://b.example.com) - B.\n"
    )


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str], readme: Path) -> None:
    assert run(capsys, "lint", "--rule", "tocc", str(readme)) == (
        2,
        "",
        "seml: error: unknown rule 'tocc'; did you mean 'toc'?\n",
    )
    code, _, err = run(capsys, "lint", "--ignore", "spelling", str(readme))
    assert code == 2
    assert err.startswith("seml: error: unknown rule 'spelling'; valid rules: ")


def test_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    assert run(capsys, "lint", str(missing)) == (2, "", f"seml: error: {missing}: file not found\n")
    assert run(capsys, "lint", str(tmp_path)) == (
        2,
        "",
        f"seml: error: {tmp_path}: is a directory\n",
    )
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"# Caf\xe9\n")
    code, out, err = run(capsys, "lint", "--fix", str(latin))
    assert (code, out) == (2, "")
    assert err.startswith(f"seml: error: {latin}:1: the file is not valid UTF-8")
    assert latin.read_bytes() == b"# Caf\xe9\n"


def test_an_unreadable_file_stops_before_any_fix(
    capsys: pytest.CaptureFixture[str], readme: Path, tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "lint", "--fix", str(readme), str(tmp_path / "missing.md"))
    assert code == 2
    assert readme.read_text(encoding="utf-8") == README


def test_help_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(RULE_NAMES) == [r.value for r in Rule]
    code, out, _ = run(capsys, "lint", "--help")
    assert code == 0
    for rule in Rule:
        assert f"\n  {rule.value} " in out
    code, out, _ = run(capsys, "--help")
    assert "    lint " in out

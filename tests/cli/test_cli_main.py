"""The ``seml`` entry points, help, exit statuses and the behaviour no command owns."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import sphinxext_seml
from sphinxext_seml.cli import cmd_list, main

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ("list", "show", "stats", "validate", "export", "import")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_python_m_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinxext_seml", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.startswith("usage: seml ")
    assert "examples:" in done.stdout
    for command in COMMANDS:
        assert f"    {command} " in done.stdout


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"seml {sphinxext_seml.__version__}\n", "")


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, err = run(capsys, command, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: seml {command} ")
    assert "\nexamples:\n  seml " in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert "seml: error: the following arguments are required: COMMAND" in err


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lst")
    assert code == 2
    assert "seml: error: argument COMMAND: invalid choice: 'lst'" in err


def test_broken_pipe_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["list"])
    assert code == 1
    assert capsys.readouterr().err == ""


def test_broken_pipe_is_quiet() -> None:
    """``seml list | head -0``: the reader is gone before seml writes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinxext_seml", "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert stderr == b""


def test_no_sphinx_import() -> None:
    code = (
        "import sys\n"
        "from sphinxext_seml.cli import main\n"
        "assert main(['list']) == 0\n"
        "assert main(['stats', '--format', 'json']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils'))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "LOADED []"


def test_internal_error_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setattr(cmd_list, "run", boom)
    monkeypatch.delenv("SEML_DEBUG", raising=False)
    code, out, err = run(capsys, "list")
    assert (code, out) == (3, "")
    assert err == (
        "seml: error: internal error: RuntimeError: something broke"
        " (please report it; set SEML_DEBUG=1 to see the traceback)\n"
    )
    monkeypatch.setenv("SEML_DEBUG", "1")
    with pytest.raises(RuntimeError, match="something broke"):
        main(["list"])


def test_interrupt(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cmd_list, "run", interrupted)
    assert run(capsys, "list") == (130, "", "")


def test_legacy_output_encoding_does_not_crash() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinxext_seml", "show", "sculley2015hidden"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**_env(), "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 0, done.stderr
    assert b"Jean-Fran\\xe7ois" in done.stdout
    assert done.stderr == b""


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}

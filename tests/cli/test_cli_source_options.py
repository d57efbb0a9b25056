"""Issue #14: a ``--catalogue`` source with options, written as a JSON mapping as in
``seml_catalogues`` (``{"path": "old.bib", "encoding": "latin-1"}``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sphinxext_seml.cli import main

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pybtex") is None, reason="reading BibTeX needs pybtex"
)

LATIN1 = "@misc{cafe2001, title = {Caf\u00e9 Study}, url = {https://a.example}}\n".encode("latin-1")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def latin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "old.bib").write_bytes(LATIN1)
    monkeypatch.chdir(tmp_path)
    return '{"path": "old.bib", "encoding": "latin-1", "category": "data"}'


def test_a_mapping_names_the_encoding_and_category(capsys, latin: str) -> None:
    code, out, err = run(capsys, "--catalogue", latin, "show", "cafe2001")
    assert (code, err) == (0, "")
    assert "title:        Café Study\n" in out
    assert "category:     data (Data Management)\n" in out


def test_validate_takes_a_mapping_too(capsys, latin: str) -> None:
    code, out, err = run(capsys, "validate", latin)
    assert (code, out, err) == (0, "old.bib: ok (1 entry)\n", "")


def test_without_the_encoding_the_problem_names_the_option(capsys, latin: str) -> None:
    code, out, _ = run(capsys, "validate", "old.bib")
    assert code == 1
    assert out.startswith(
        "old.bib:1: the file is not valid UTF-8: byte 0xe9 at column 29 (save the file as"
        " UTF-8, or name its encoding with the source's 'encoding' option, e.g. 'latin-1')\n"
    )


@pytest.mark.parametrize(
    ("mapping", "why"),
    [
        ('{"path": "old.bib", "encodin": "latin-1"}', "unknown key 'encodin'"),
        ('{"path": "old.bib", "encoding": "latin-99"}', "'latin-99' is not an encoding"),
        ('{"path": "old.bib",', "Expecting property name"),
    ],
)
def test_a_bad_mapping_is_an_error(capsys, latin: str, mapping: str, why: str) -> None:
    del latin
    code, out, err = run(capsys, "--catalogue", mapping, "list")
    assert (code, out) == (2, "")
    assert err.startswith(f"seml: error: {mapping}: not a source mapping: ")
    assert why in err

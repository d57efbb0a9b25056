"""Reproducible output (issue #6, part 3): two clean builds give the same bytes.

Each build runs ``python -m sphinx`` in its own process, with ``SOURCE_DATE_EPOCH``
set, so that the two builds of a pair differ in everything that must not matter:

* the hash seed (``PYTHONHASHSEED``: the order of sets and of dicts built from them),
* where the project is (two copies at paths of different lengths),
* the time zone and the time of day (``TZ``; the builds run at different moments),
* ``-j 1`` against ``-j 2`` (parallel reading and writing).

Every output file is compared byte for byte (HTML, ``objects.inv``, the search
index, ``seml.json``, static files, LaTeX). The projects: root ``test-parallel``
(15 reST and MyST pages with every directive and a user catalogue) and this
repository's documentation, which is also built nitpicky with warnings as errors
(``-n -W``), as CI builds it.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROOTS = REPO / "tests" / "roots"
EPOCH = "1700000000"


def build(
    srcdir: Path, outdir: Path, *, seed: int, jobs: int, tz: str, builder: str = "html",
    strict: bool = False,
) -> None:  # fmt: skip
    env = {
        **os.environ,
        "PYTHONHASHSEED": str(seed),
        "SOURCE_DATE_EPOCH": EPOCH,
        "TZ": tz,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-j", str(jobs), "-q"]
    if strict:
        command += ["-n", "-W", "--keep-going"]
    command += ["-d", str(outdir.parent / f"{outdir.name}.doctrees"), str(srcdir), str(outdir)]
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    if strict:
        assert result.stderr.strip() == "", result.stderr[-4000:]


def files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def assert_same(first: Path, second: Path) -> None:
    one, two = files(first), files(second)
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    if different:
        name = different[0]
        try:
            diff = "\n".join(
                difflib.unified_diff(
                    one[name].decode().splitlines(), two[name].decode().splitlines(), lineterm=""
                )
            )
        except UnicodeDecodeError:
            diff = "(binary)"
        pytest.fail(f"{len(different)} files differ: {different[:10]}\n{name}:\n{diff[:4000]}")


def copy_project(source: Path, destination: Path) -> Path:
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("_build"))
    return destination


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Three copies of root ``test-parallel`` at paths of different lengths."""
    base = tmp_path_factory.mktemp("repro")
    return (
        copy_project(ROOTS / "test-parallel", base / "a"),
        copy_project(ROOTS / "test-parallel", base / "a-much-longer-directory" / "nested" / "b"),
        copy_project(ROOTS / "test-parallel", base / "c"),
    )


def test_test_project_html_is_reproducible(project, tmp_path) -> None:
    a, b, c = project
    build(a, tmp_path / "one", seed=1, jobs=1, tz="UTC")
    build(b, tmp_path / "two", seed=2, jobs=1, tz="Asia/Kathmandu")
    build(c, tmp_path / "parallel", seed=3, jobs=2, tz="America/St_Johns")
    # hash seed, path and time zone
    assert_same(tmp_path / "one", tmp_path / "two")
    # -j 2 against -j 1
    assert_same(tmp_path / "one", tmp_path / "parallel")
    report = (tmp_path / "one" / "seml.json").read_text(encoding="utf-8")
    for path in project:
        assert str(path) not in report


def test_test_project_latex_is_reproducible(project, tmp_path) -> None:
    a, b, _ = project
    build(a, tmp_path / "one", seed=4, jobs=1, tz="UTC", builder="latex")
    build(b, tmp_path / "two", seed=5, jobs=2, tz="Pacific/Chatham", builder="latex")
    assert_same(tmp_path / "one", tmp_path / "two")


def docs_copy(destination: Path) -> Path:
    """The docs with what they include from outside ``docs/`` (changelog, schema)."""
    copy_project(REPO / "docs", destination / "docs")
    shutil.copy(REPO / "CHANGELOG.md", destination / "CHANGELOG.md")
    schema = destination / "sphinxext_seml" / "catalogue"
    schema.mkdir(parents=True)
    shutil.copy(REPO / "sphinxext_seml" / "catalogue" / "catalogue.schema.json", schema)
    return destination / "docs"


def test_docs_are_reproducible_and_nitpicky_clean(tmp_path_factory) -> None:
    base = tmp_path_factory.mktemp("docs")
    first = docs_copy(base / "x")
    second = docs_copy(base / "another-checkout" / "elsewhere")
    build(first, base / "one", seed=6, jobs=1, tz="UTC", strict=True)
    build(second, base / "two", seed=7, jobs=2, tz="Australia/Eucla", strict=True)
    assert_same(base / "one", base / "two")

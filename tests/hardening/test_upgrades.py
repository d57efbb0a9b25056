"""Upgrades and stale state (issue #6, part 4): nothing saved by an older or broken run
can crash a build or the command line.

Sphinx keeps an environment pickle (``environment.pickle``) between builds, and the
extension keeps the parsed catalogue beside it (``seml-catalogue-*.pickle`` in the
doctree directory). Each test builds root ``test-usercat`` once, damages what was
saved the way an upgrade or a crash would, and builds again: the second build must
start over where needed (re-reading every document), give the same pages and
warnings as a clean build, and show no traceback.

The ``seml`` command line has no cache at all: it reads the catalogue files on each
run and writes only its ``-o`` file. :func:`test_cli_writes_nothing_but_its_output`
runs every command with a home, cache and temporary directory that are unusable
(a file where a directory should be, a directory that does not exist) and checks
that no file appears anywhere but the ``-o`` target.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinxext_seml.catalogue import cache as catalogue_cache
from sphinxext_seml.ext import store

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "tests" / "roots" / "test-usercat"
DOCS = ["handbook_md", "index", "runbooks"]


class Build:
    """One build of a copy of the root; ``read`` are the documents it read."""

    def __init__(self, srcdir: Path, *, fresh: bool = False) -> None:
        store._cache.clear()  # as in a new process: only what is on disk survives
        self.app = SphinxTestApp("html", srcdir=srcdir, freshenv=fresh)
        self.read: list[str] = []
        self.app.connect("env-before-read-docs", lambda _a, _e, names: self.read.extend(names))
        try:
            self.app.build()
        finally:
            self.app.cleanup()
        self.read.sort()
        self.status = strip_escape_sequences(self.app.status.getvalue())
        self.warnings = sorted(self.app.warning.getvalue().splitlines())
        outdir = Path(self.app.outdir)
        self.pages = {name: (outdir / f"{name}.html").read_bytes() for name in DOCS}

    @property
    def doctrees(self) -> Path:
        return Path(self.app.doctreedir)


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT, tmp_path / "project"))


@pytest.fixture
def first(srcdir: Path) -> Build:
    built = Build(srcdir, fresh=True)
    assert built.read == DOCS
    assert "Traceback" not in built.status
    return built


def assert_clean_rebuild(again: Build, first: Build) -> None:
    assert again.read == DOCS, "every document must be read again"
    assert "Traceback" not in again.status + "\n".join(again.warnings)
    assert again.warnings == first.warnings
    assert again.pages == first.pages


def rewrite_environment(doctrees: Path, change) -> None:
    path = doctrees / "environment.pickle"
    with path.open("rb") as handle:
        env = pickle.load(handle)
    change(env)
    with path.open("wb") as handle:
        pickle.dump(env, handle, protocol=pickle.HIGHEST_PROTOCOL)


def test_unchanged_project_reads_nothing(first: Build, srcdir: Path) -> None:
    again = Build(srcdir)
    assert again.read == []
    assert again.pages == first.pages


def test_environment_of_an_older_extension_version_is_rebuilt(first: Build, srcdir: Path) -> None:
    """A changed ``env_version`` (an older release of the extension saved the env)."""

    def older(env) -> None:
        assert env.version["sphinxext_seml"] >= 1
        env.version["sphinxext_seml"] = 0

    rewrite_environment(first.doctrees, older)
    again = Build(srcdir)
    assert "build environment version not current" in again.status
    assert_clean_rebuild(again, first)


def test_domain_data_of_an_older_layout_is_rebuilt(first: Build, srcdir: Path) -> None:
    """The seml domain's data from a release with another layout (``data_version``)."""

    def older(env) -> None:
        env.domaindata["seml"] = {"version": 0, "entries": {"old": ("layout", 1)}}

    rewrite_environment(first.doctrees, older)
    again = Build(srcdir)
    assert "out of date" in again.status
    assert_clean_rebuild(again, first)


def test_environment_that_no_longer_unpickles_is_rebuilt(first: Build, srcdir: Path) -> None:
    """The pickle refers to a class a newer release removed."""
    module = types.ModuleType("sphinxext_seml_removed_module")

    class Removed:
        pass

    Removed.__module__ = module.__name__
    Removed.__qualname__ = "Removed"
    module.Removed = Removed  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        rewrite_environment(
            first.doctrees, lambda env: env.domaindata["seml"].__setitem__("removed", Removed())
        )
    finally:
        del sys.modules[module.__name__]
    again = Build(srcdir)
    assert "No module named 'sphinxext_seml_removed_module'" in again.status
    assert_clean_rebuild(again, first)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_corrupt_environment_is_rebuilt(first: Build, srcdir: Path, damage: str) -> None:
    path = first.doctrees / "environment.pickle"
    data = path.read_bytes()
    path.write_bytes(
        {"truncated": data[: len(data) // 2], "garbage": os.urandom(4096), "empty": b""}[damage]
    )
    again = Build(srcdir)
    assert "loading pickled environment... failed" in again.status
    assert_clean_rebuild(again, first)


# --------------------------------------------------------------------------- the catalogue cache


def cache_files(doctrees: Path) -> list[Path]:
    return sorted(doctrees.glob(f"{catalogue_cache.CACHE_PREFIX}*.pickle"))


class NotLoaded:
    """Something else pickled under the cache file's name."""


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "wrong object", "missing class", "a directory"],
)
def test_damaged_catalogue_cache_is_ignored(first: Build, srcdir: Path, damage: str) -> None:
    [cache] = cache_files(first.doctrees)
    data = cache.read_bytes()
    if damage == "garbage":
        cache.write_bytes(os.urandom(2048))
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "wrong object":
        cache.write_bytes(pickle.dumps({"catalogue": "not a catalogue"}))
    elif damage == "missing class":
        gone = data.replace(b"sphinxext_seml.catalogue.model", b"sphinxext_seml.catalogue.gone")
        cache.write_bytes(gone)
    else:  # cannot be read or replaced: the cache is skipped, the build goes on
        cache.unlink()
        cache.mkdir()
    # the catalogue file changes nothing here; only the page that uses it is re-read
    (srcdir / "runbooks.rst").touch()
    os.utime(srcdir / "runbooks.rst", (2_000_000_000, 2_000_000_000))
    again = Build(srcdir)
    assert again.read == ["runbooks"]
    assert "Traceback" not in again.status
    assert again.warnings == first.warnings
    assert again.pages["runbooks"] == first.pages["runbooks"]
    if damage != "a directory":
        # parsed again and saved again, readable this time
        [cache] = cache_files(first.doctrees)
        assert isinstance(catalogue_cache.read_cached(cache, store.Loaded), store.Loaded)


# --------------------------------------------------------------------------- the command line


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file and directory under ``roots``: (size, mtime) of files, (-1, 0) of directories."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        for path in root.rglob("*"):
            info = path.lstat()
            found[str(path)] = (-1, 0) if path.is_dir() else (info.st_size, info.st_mtime_ns)
    return found


def test_cli_writes_nothing_but_its_output(tmp_path: Path) -> None:
    sandbox = tmp_path / "sandbox"
    work = sandbox / "work"
    work.mkdir(parents=True)
    (sandbox / "cache-is-a-file").write_text("not a directory\n", encoding="utf-8")
    team = work / "team.yaml"
    shutil.copy(ROOT / "catalogues" / "team.yaml", team)
    env = {
        **os.environ,
        "HOME": str(sandbox / "no-such-home"),
        "XDG_CACHE_HOME": str(sandbox / "cache-is-a-file"),
        "XDG_CONFIG_HOME": str(sandbox / "cache-is-a-file"),
        "XDG_DATA_HOME": str(sandbox / "cache-is-a-file"),
        "TMPDIR": str(sandbox / "no-such-tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # (only new files count in the package: its sources may be edited meanwhile)
    package = REPO / "sphinxext_seml"
    package_files = set(snapshot(package))
    before = snapshot(sandbox)
    commands = [
        ["list", "deployment", "--flag", "must-read"],
        ["show", "sculley2015hidden"],
        ["stats"],
        ["--catalogue", "team.yaml", "list", "--filter", "year >= 2020"],
        ["validate", "team.yaml"],
        ["export", "--format", "bibtex"],
        ["import", "team.yaml", "--format", "toml"],
    ]
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "sphinxext_seml", *command],
            cwd=work, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode in (0, 1), (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert "internal error" not in result.stderr
        assert snapshot(sandbox) == before, command
        assert set(snapshot(package)) == package_files, command
    result = subprocess.run(
        [sys.executable, "-m", "sphinxext_seml", "export", "-o", "out.yaml"],
        cwd=work, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    after = snapshot(sandbox)
    assert set(after) - set(before) == {str(work / "out.yaml")}
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(snapshot(package)) == package_files
